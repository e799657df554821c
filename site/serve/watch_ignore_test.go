package serve

import "testing"

// TestIgnoredName checks the names the watcher always leaves out, and
// that documents' usual names are not among them.
func TestIgnoredName(t *testing.T) {
	for _, c := range []struct {
		name string
		want bool
	}{
		{".git", true}, {".kb", true}, {".idea", true}, {".a.md.swp", true}, {".#a.md", true},
		{"a.md~", true}, {"#a.md#", true}, {"a.md___jb_tmp___", true}, {"a.md___jb_old___", true},
		{"a.md.swp", true}, {"a.md.swx", true}, {"x.tmp", true},
		{"4913", true}, {"5036", true}, {"5159", true},
		{"a.md", false}, {"README.md", false}, {"2026-03-14-checkout.md", false}, {"#1-incident.md", false},
		{"#", false}, {"4912", false}, {"5000", false}, {"4913.md", false}, {"10000", false}, {"kb.yaml", false},
	} {
		if got := ignoredName(c.name); got != c.want {
			t.Errorf("ignoredName(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}
