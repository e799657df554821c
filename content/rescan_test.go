package content

import "testing"

// TestRunbookToldByShapeIsReadOnce checks that a runbook told by its
// sections, whose body is read again as a runbook's, holds what the body
// yields once: the same sections, links, code blocks, quotes, markup
// ranges, timeline entries and action items as the same runbook told by
// its folder, which is read once.
func TestRunbookToldByShapeIsReadOnce(t *testing.T) {
	body := "# DB\n\n## Trigger\n\nThe `db_down` alert, see [the graph](https://example.com/g).\n\n" +
		"## Checks\n\n> Look first.\n\n```\npsql -c 'select 1'\n```\n\n## Steps\n\n1. Fail over with `pgctl`.\n\n" +
		"## Rollback\n\nRevert.\n\n## Timeline\n\n- 10:00 The alert fired.\n\n## Follow-ups\n\n- [ ] Add a replica <https://example.com/r>\n"
	byShape, errs := parse(t, "ops/db.md", body)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	byFolder, errs := parse(t, "runbooks/db.md", body)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if byShape.Kind != KindRunbook || byShape.KindFrom != KindFromShape || byFolder.KindFrom != KindFromConfig {
		t.Fatalf("kinds: %s from %d and %s from %d, want a runbook told by its shape and one by its folder",
			byShape.Kind, byShape.KindFrom, byFolder.Kind, byFolder.KindFrom)
	}
	tests := []struct {
		what          string
		shape, folder int
		want          int
	}{
		{"sections", len(byShape.Sections), len(byFolder.Sections), 7},
		{"links", len(byShape.Links), len(byFolder.Links), 2},
		{"code blocks", len(byShape.Code), len(byFolder.Code), 1},
		{"quotes", len(byShape.Quotes), len(byFolder.Quotes), 1},
		{"markup ranges", len(byShape.Markup), len(byFolder.Markup), 4},
		{"timeline entries", len(byShape.Timeline), len(byFolder.Timeline), 1},
		{"action items", len(byShape.Actions), len(byFolder.Actions), 1},
	}
	for _, tt := range tests {
		if tt.shape != tt.want || tt.folder != tt.want {
			t.Errorf("%s: %d told by shape, %d told by folder, want %d", tt.what, tt.shape, tt.folder, tt.want)
		}
	}
}
