package content

import (
	"testing"
	"time"
)

// TestZoneCacheLooksUpEachNameOnce checks that a zone of the database is
// read from the cache once it is there, that a name of no zone is kept as
// such, and that abbreviations and offsets are not kept at all.
func TestZoneCacheLooksUpEachNameOnce(t *testing.T) {
	seeded := time.FixedZone("seeded", 3600)
	tests := []struct {
		name     string
		seed     bool
		want     string // the zone's name, "" for none
		kept     bool
		keptZone bool
	}{
		{name: "Europe/Berlin", want: "Europe/Berlin", kept: true, keptZone: true},
		{name: "Europe/Berlin", seed: true, want: "seeded", kept: true, keptZone: true},
		{name: "A/B1", want: "", kept: true},
		{name: "PT", want: "America/Los_Angeles"},
		{name: "UTC+2", want: "UTC+2"},
		{name: "Nowhere", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var z zoneCache
			if tt.seed {
				z.loaded = map[string]*time.Location{tt.name: seeded}
			}
			for range 2 {
				got := ""
				if loc := z.named(tt.name); loc != nil {
					got = loc.String()
				}
				if got != tt.want {
					t.Fatalf("named(%q) = %q, want %q", tt.name, got, tt.want)
				}
			}
			loc, kept := z.loaded[tt.name]
			if kept != tt.kept || (loc != nil) != tt.keptZone {
				t.Errorf("cache holds %q: %v (zone %v), want %v (zone %v)", tt.name, kept, loc, tt.kept, tt.keptZone)
			}
			if len(z.loaded) > 1 {
				t.Errorf("cache holds %d names, want at most 1", len(z.loaded))
			}
		})
	}
}
