package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestAliasExpansionIsBounded(t *testing.T) {
	big := "a" + strings.Repeat(".", 8<<10)
	for _, c := range []struct {
		name string
		src  string
		// errAt is the position of the one load error, "" for none.
		errAt    string
		services []string
		tags     []string
		actions  int
		owners   []string
	}{{
		name: "small aliases are followed",
		src: "---\ntitle: t\nteam: &team team-payments\nservices: &svcs [checkout, cart]\ntags: *svcs\n" +
			"actions:\n  - {what: a, owner: *team}\n  - {what: b, owner: *team}\n---\n",
		services: []string{"checkout", "cart"}, tags: []string{"checkout", "cart"},
		actions: 2, owners: []string{"team-payments", "team-payments"},
	}, {
		name: "a large anchor used many times: the first use fits, the second is refused, the rest is read",
		src:  "---\ntitle: t\nx: &big " + big + "\nservices: [*big, *big, *big, *big]\ntags: [after]\n---\n",
		// Line 4, column 18: the second *big.
		errAt:    "x.md:4:18",
		services: []string{big}, tags: []string{"after"},
	}, {
		name:     "aliased action items",
		src:      "---\ntitle: t\nx: &item {what: " + big + ", owner: o}\nactions:\n  - *item\n  - *item\n  - *item\nservices: [s]\n---\n",
		errAt:    "x.md:6:5",
		services: []string{"s"}, actions: 1, owners: []string{"o"},
	}, {
		name:     "aliases inside an aliased list are counted when they are followed",
		src:      "---\ntitle: t\nx: &big " + big + "\nl: &list [*big, *big, *big]\nservices: *list\n---\n",
		errAt:    "x.md:4:17",
		services: []string{big},
	}, {
		name:     "a front matter as large as its aliases' values may follow them once",
		src:      "---\ntitle: t\nx: &big " + big + "\nservices: [*big]\npad: " + strings.Repeat("p", 8<<10) + "\n---\n",
		services: []string{big},
	}} {
		t.Run(c.name, func(t *testing.T) {
			doc, errs := parse(t, "x.md", c.src)
			var at []string
			for _, e := range errs {
				at = append(at, e.Pos.String())
				if e.Kind != ErrorUnreadable {
					t.Errorf("error of kind %v, want ErrorUnreadable: %v", e.Kind, e)
				}
			}
			if want := strings.Fields(c.errAt); !slices.Equal(at, want) {
				t.Errorf("errors at %v, want %v: %v", at, want, errs)
			}
			if !slices.Equal(doc.Meta.Services, c.services) || !slices.Equal(doc.Meta.Tags, c.tags) {
				t.Errorf("services %.40q, tags %q; want %.40q, %q", doc.Meta.Services, doc.Meta.Tags, c.services, c.tags)
			}
			var owners []string
			for _, a := range doc.Actions {
				owners = append(owners, a.Owner)
			}
			if len(doc.Actions) != c.actions || !slices.Equal(owners, c.owners) {
				t.Errorf("%d action items owned by %q, want %d by %q", len(doc.Actions), owners, c.actions, c.owners)
			}
			if doc.FrontMatterBroken {
				t.Error("front matter marked broken: the rest of it should be read")
			}
		})
	}
}

func TestRefusedAliasesAreCountedInOneError(t *testing.T) {
	big := strings.Repeat("b", 64<<10)
	src := "---\ntitle: t\nx: &big " + big + "\nservices: [" + strings.TrimSuffix(strings.Repeat("*big, ", 1000), ", ") + "]\n---\n"
	_, errs := parse(t, "x.md", src)
	if len(errs) != 1 {
		t.Fatalf("%d errors, want one: %v", len(errs), errs)
	}
	if want := fmt.Sprintf("%d later aliases", 998); !strings.Contains(errs[0].Msg, want) {
		t.Errorf("message %q does not say %q", errs[0].Msg, want)
	}
	for _, l := range errs[0].Context {
		if len(l) > ExcerptBytes+8 {
			t.Errorf("context line of %d bytes", len(l))
		}
	}
}
