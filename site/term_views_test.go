package site

import "testing"

// TestServicePageNamesRunbookOwners checks that a service's page names
// the owners of its runbooks, each once, linked to their pages.
func TestServicePageNamesRunbookOwners(t *testing.T) {
	out := buildKB(t, `-- kb.yaml --
title: Owners
-- runbooks/a.md --
---
title: A
services: [api]
owner: team-api
---
## Checks
-- runbooks/b.md --
---
title: B
services: [api]
owner: team-api
---
## Checks
-- runbooks/c.md --
---
title: C
services: [api, db]
owner: team-db
---
## Checks
-- runbooks/d.md --
---
title: D
services: [cache]
---
## Checks
`, Options{NoGit: true})
	assertFileContent(t, out, "services/api/index.html",
		`<p class="owners">Owners of its runbooks: <a href="../../owners/team-api/index.html">team-api</a>, <a href="../../owners/team-db/index.html">team-db</a></p>`)
	assertFileContent(t, out, "services/db/index.html", `<p class="owners">Owner of its runbooks: <a href="../../owners/team-db/index.html">team-db</a></p>`)
	assertNoFileContent(t, out, "services/cache/index.html", `class="owners"`)
	assertNoFileContent(t, out, "owners/team-api/index.html", `class="owners"`)
	checkLinks(t, out)
}
