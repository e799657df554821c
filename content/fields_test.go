package content

import (
	"slices"
	"testing"
)

// wrongShape is a value of another shape than s, which kb reports as a
// field error.
func wrongShape(s Shape) string {
	switch s {
	case ShapeText:
		return "[a, b]"
	case ShapeList:
		return "{a: b}"
	case ShapeDate:
		return "yesterday"
	case ShapeLint:
		return "[x]"
	case ShapeActions:
		return "{a: b}"
	case ShapeImpact:
		return "[a, b]"
	}
	return ""
}

// TestFieldsAreDecoded checks that kb reads every key of the fields table
// with the shape the table gives it: a value of another shape is a field
// error, and one of the shape is not.
func TestFieldsAreDecoded(t *testing.T) {
	cfg := DefaultConfig()
	right := map[Shape]string{ShapeText: "a", ShapeList: "[a, b]", ShapeDate: "2026-03-14", ShapeLint: "{disable: [x/y]}", ShapeActions: "[{what: a}]", ShapeImpact: "{users: 12}"}
	for _, f := range Fields() {
		good := right[f.Shape]
		if f.Values == FromKinds {
			good = "runbook"
		}
		for _, key := range f.Keys() {
			for value, wantErr := range map[string]bool{wrongShape(f.Shape): true, good: false} {
				src := "---\n" + key + ": " + value + "\n---\n\nText.\n"
				doc, errs := NewParser(&cfg).Parse("postmortems/x.md", []byte(src))
				if len(errs) > 0 {
					t.Fatalf("%s: %v", src, errs[0].Msg)
				}
				if got := len(doc.FieldErrors) > 0; got != wantErr {
					t.Errorf("%s: field errors %v, want some: %v", key+": "+value, doc.FieldErrors, wantErr)
				}
			}
		}
	}
}

func TestRequiredFields(t *testing.T) {
	for kind, want := range map[Kind][]string{
		KindPostmortem: {"title", "date", "severity", "services", "status"},
		KindRunbook:    {"title", "owner", "services"},
		KindPage:       nil,
	} {
		if got := RequiredFields(kind); !slices.Equal(got, want) {
			t.Errorf("RequiredFields(%s) = %v, want %v", kind, got, want)
		}
	}
}

func TestActionFieldKeys(t *testing.T) {
	got := ActionFieldKeys("status")
	if !slices.Equal(got, []string{"status", "state"}) {
		t.Errorf("ActionFieldKeys(status) = %v", got)
	}
	for _, w := range []string{"open", "in progress", "won't fix", "✅"} {
		if !slices.Contains(ActionStatusWords(), w) {
			t.Errorf("ActionStatusWords lacks %q", w)
		}
	}
}
