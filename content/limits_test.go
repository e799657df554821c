package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestTermsPerDocument(t *testing.T) {
	names := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("s%d", i)
		}
		return out
	}
	for _, c := range []struct {
		name   string
		config string // kb.yaml
		front  string // the front matter lines after the title
		want   []string
		errAt  string // the over-limit error, "" for none
	}{
		{"the default limit keeps the first 100", "", "services: [" + strings.Join(names(150), ", ") + "]", names(100), "postmortems/x.md:3:1"},
		{"a list at the limit is whole", "", "services: [" + strings.Join(names(100), ", ") + "]", names(100), ""},
		{"kb.yaml sets the limit", "limits: {terms_per_document: 2}\n", "services: [a, b, c]", []string{"a", "b"}, "postmortems/x.md:3:1"},
		{"a comma-separated value counts its values", "limits: {terms_per_document: 2}\n", "services: a, b, , c", []string{"a", "b"}, "postmortems/x.md:3:1"},
		{"a block list", "limits: {terms_per_document: 1}\n", "services:\n  - a\n  - b", []string{"a"}, "postmortems/x.md:3:1"},
		{"values past the limit are not read: no type error for them", "limits: {terms_per_document: 1}\n", "services: [a, [b], {c: d}]", []string{"a"}, "postmortems/x.md:3:1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := writeKB(t, "-- kb.yaml --\n"+c.config+"-- postmortems/x.md --\n---\ntitle: x\n"+c.front+"\n---\n")
			kb, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(kb.Errors) > 0 {
				t.Fatalf("load errors: %v", kb.Errors)
			}
			d := kb.Docs[0]
			if !slices.Equal(d.Meta.Services, c.want) {
				t.Errorf("services %v, want %v", d.Meta.Services, c.want)
			}
			var at []string
			for _, e := range d.FieldErrors {
				if e.Kind != ErrorOverLimit {
					t.Errorf("field error of another kind: %v", e)
					continue
				}
				at = append(at, e.Pos.String())
			}
			if want := strings.Fields(c.errAt); !slices.Equal(at, want) {
				t.Errorf("over-limit errors at %v, want %v", at, want)
			}
		})
	}
}

func TestLimitsConfig(t *testing.T) {
	for _, c := range []struct {
		config     string
		terms      int
		docBytes   int64
		configErrs int
	}{
		{"", DefaultTermsPerDocument, DefaultDocumentBytes, 0},
		{"limits: {terms_per_document: 7}\n", 7, DefaultDocumentBytes, 0},
		{"limits: {document_bytes: 5000}\n", DefaultTermsPerDocument, 5000, 0},
		{"limits: {terms_per_document: 0}\n", DefaultTermsPerDocument, DefaultDocumentBytes, 1},
		{"limits: {terms_per_document: -3}\n", DefaultTermsPerDocument, DefaultDocumentBytes, 1},
	} {
		dir := writeKB(t, "-- kb.yaml --\n"+c.config)
		cfg, errs := LoadConfig(dir)
		if len(errs) != c.configErrs {
			t.Errorf("%q: %d errors, want %d: %v", c.config, len(errs), c.configErrs, errs)
		}
		for _, e := range errs {
			if e.Kind != ErrorConfig {
				t.Errorf("%q: error of kind %v", c.config, e.Kind)
			}
		}
		if cfg.Limits.terms() != c.terms || cfg.Limits.Document().Bytes != c.docBytes {
			t.Errorf("%q: %d terms, %d bytes; want %d, %d", c.config, cfg.Limits.terms(), cfg.Limits.Document().Bytes, c.terms, c.docBytes)
		}
	}
}

func TestActionsPerDocument(t *testing.T) {
	items := func(prefix string, n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, prefix, i)
		}
		return b.String()
	}
	for _, c := range []struct {
		name   string
		config string
		src    string
		want   int    // action items kept
		first  string // what the first kept item says
		errAt  string // the over-limit error, "" for none
	}{
		{"front matter past the default limit", "",
			"---\ntitle: x\nactions:\n" + items("  - fix %d\n", 150) + "---\n", 100, "fix 0", "postmortems/x.md:3:1"},
		{"front matter at the limit", "",
			"---\ntitle: x\nactions:\n" + items("  - fix %d\n", 100) + "---\n", 100, "fix 0", ""},
		{"a task list past the limit: the error is at the first item left out", "limits: {actions_per_document: 3}\n",
			"# x\n\n## Action items\n\n" + items("- [ ] fix %d\n", 5), 3, "fix 0", "postmortems/x.md:8:3"},
		{"front matter and body together", "limits: {actions_per_document: 3}\n",
			"---\ntitle: x\nactions:\n  - a\n  - b\n---\n\n## Action items\n\n- [ ] c\n- [ ] d\n", 3, "a", "postmortems/x.md:11:3"},
		{"front matter items past the limit are not read: no type error for them", "limits: {actions_per_document: 1}\n",
			"---\ntitle: x\nactions:\n  - a\n  - [b]\n  - {due: [c]}\n---\n", 1, "a", "postmortems/x.md:3:1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := writeKB(t, "-- kb.yaml --\n"+c.config+"-- postmortems/x.md --\n"+c.src)
			kb, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(kb.Errors) > 0 {
				t.Fatalf("load errors: %v", kb.Errors)
			}
			d := kb.Docs[0]
			if len(d.Actions) != c.want || d.Actions[0].What != c.first {
				t.Errorf("%d action items, the first %q; want %d, %q", len(d.Actions), d.Actions[0].What, c.want, c.first)
			}
			var at []string
			for _, e := range d.FieldErrors {
				if e.Kind != ErrorOverLimit {
					t.Errorf("field error of another kind: %v", e)
					continue
				}
				at = append(at, e.Pos.String())
			}
			if want := strings.Fields(c.errAt); !slices.Equal(at, want) {
				t.Errorf("over-limit errors at %v, want %v", at, want)
			}
		})
	}
}
