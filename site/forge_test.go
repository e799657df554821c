package site

import (
	"testing"

	"github.com/kb-tools/kb/content"
)

func TestForgeLinks(t *testing.T) {
	doc := &content.Doc{Path: "runbooks/db failover.md"}
	for _, tt := range []struct {
		repo, edit, wantEdit, wantSource string
	}{
		{"https://github.com/acme/kb", "", "https://github.com/acme/kb/edit/main/runbooks/db%20failover.md", "https://github.com/acme/kb/blob/main/runbooks/db%20failover.md"},
		{"https://gitlab.example/sre/kb/", "-/edit/trunk/", "https://gitlab.example/sre/kb/-/edit/trunk/runbooks/db%20failover.md", "https://gitlab.example/sre/kb/-/blob/trunk/runbooks/db%20failover.md"},
		{"https://git.example/kb", "src/edit?path=", "https://git.example/kb/src/edit?path=/runbooks/db%20failover.md", ""},
		{"", "edit/main/", "", ""},
		{"javascript:alert(1)", "", "", ""},
	} {
		p := &page{Doc: doc, Site: &siteData{forge: newForgeLinks(tt.repo, tt.edit)}}
		if got := p.EditURL(); got != tt.wantEdit {
			t.Errorf("repo %q edit %q: EditURL %q, want %q", tt.repo, tt.edit, got, tt.wantEdit)
		}
		if got := p.SourceURL(); got != tt.wantSource {
			t.Errorf("repo %q edit %q: SourceURL %q, want %q", tt.repo, tt.edit, got, tt.wantSource)
		}
	}
}

func TestEditLinksAndEscalation(t *testing.T) {
	out := buildKB(t, `
-- kb.yaml --
title: T
repo_url: https://github.com/acme/kb
-- runbooks/db.md --
---
title: Database failover
escalation: "#db-oncall, then page team-db"
---
## Checks
`, Options{NoGit: true})
	assertFileContent(t, out, "runbooks/db/index.html", `<dt>Escalation</dt><dd class="escalation">#db-oncall, then page team-db</dd>`,
		`<a href="https://github.com/acme/kb/edit/main/runbooks/db.md">Edit this page</a>`,
		`<a href="https://github.com/acme/kb/blob/main/runbooks/db.md">View source</a>`)
}
