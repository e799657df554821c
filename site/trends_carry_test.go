package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kb-tools/kb/internal/kbtest"
)

// TestTrendsCarryKeepsWhatAChangeCannotReach checks which sections of the
// trends a live site keeps after a change: all for a severity edit, all
// but the recurring factors and tags for a tag edit, none when a document
// the change does not name changed too.
func TestTrendsCarryKeepsWhatAChangeCannotReach(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "live", "kb.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	api := "postmortems/2026-03-10-api.md"
	apiSource := readLiveFile(api)
	for _, tc := range []struct {
		name, from, to string
		unnamed        bool
		want           []bool // services, durations, actions, recurring, freshness; nil for no carry
	}{
		{name: "severity", from: "SEV3", to: "SEV1", want: []bool{true, true, true, true, true}},
		{name: "tag", from: "[deploy]", to: "[database]", want: []bool{true, true, true, false, true}},
		{name: "service", from: "[payments]", to: "[cdn]", want: []bool{false, true, true, true, true}},
		{name: "action", from: "- [x] Add", to: "- [ ] Add", want: []bool{true, true, false, true, true}},
		{name: "date", from: "2026-03-10", to: "2026-04-10"},
		{name: "unnamed change", from: "SEV3", to: "SEV1", unnamed: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			kbtest.WriteTree(t, dir, string(src))
			kb := loadLive(t, dir)
			live, err := NewLive(kb, Options{Today: testToday, NoGit: true})
			if err != nil {
				t.Fatal(err)
			}
			writeOrRemove(t, dir, api, strings.Replace(apiSource, tc.from, tc.to, 1))
			next, err := kb.Reload([]string{api})
			if err != nil {
				t.Fatal(err)
			}
			changed := []string{api}
			if tc.unnamed {
				next = loadLive(t, dir) // every document a new value
			}
			c := newTrendsCarry(live.model, changed, docsByPath(next.Docs))
			if tc.want == nil {
				if c != nil {
					t.Fatalf("carry %+v, want none", *c)
				}
				return
			}
			if c == nil {
				t.Fatal("no carry")
			}
			got := []bool{c.services, c.durations, c.actions, c.recurring, c.freshness}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("kept %v, want %v", got, tc.want)
					break
				}
			}
		})
	}
}
