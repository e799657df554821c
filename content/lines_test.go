package content

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLineIndexPos(t *testing.T) {
	src := []byte("ab\nçé x\n\nlast")
	x := NewLineIndex(src)
	for _, c := range []struct {
		offset, line, col int
	}{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 2, 2}, {9, 2, 5}, {7, 2, 3}, {8, 2, 4}, {3, 2, 1},
		{10, 3, 1}, {11, 4, 1}, {15, 4, 5}, {99, 4, 5}, {-1, 1, 1},
	} {
		// The same index answers every question, in any order: the cached
		// column must not leak from one question to the next.
		line, col := x.Pos(c.offset)
		if line != c.line || col != c.col {
			t.Errorf("Pos(%d) = %d:%d, want %d:%d", c.offset, line, col, c.line, c.col)
		}
	}
}

func TestLineIndexLine(t *testing.T) {
	for _, c := range []struct {
		src  string
		n    int
		want string
		ok   bool
	}{
		{"a\nb\nc", 1, "a", true},
		{"a\nb\nc", 3, "c", true},
		{"a\nb\nc", 4, "", false},
		{"a\nb\n", 2, "b", true},
		{"a\nb\n", 3, "", false},
		{"", 1, "", true},
		{"a\n\nb", 2, "", true},
		{"a", 0, "", false},
	} {
		got, ok := NewLineIndex([]byte(c.src)).Line(c.n)
		if string(got) != c.want || ok != c.ok {
			t.Errorf("Line(%q, %d) = %q, %v; want %q, %v", c.src, c.n, got, ok, c.want, c.ok)
		}
	}
}

// runeAt returns the character at 1-based column col of s.
func runeAt(s string, col int) rune {
	for i, r := range []rune(s) {
		if i == col-1 {
			return r
		}
	}
	return utf8.RuneError
}

func TestCutLine(t *testing.T) {
	long := strings.Repeat("abcdefghij", 1000) + "é" + strings.Repeat("ü", 500) + "END"
	for _, c := range []struct {
		name string
		line string
		col  int
	}{
		{"short", "services: [a, b", 12},
		{"long, column at the start", long, 1},
		{"long, column in the middle", long, 5003},
		{"long, column on a two-byte character", long, 10001 + 200},
		{"long, column at the end", long, utf8.RuneCountInString(long)},
		{"long, no column", long, 0},
		{"long, column past the end", long, 99999},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := CutLine([]byte(c.line), c.col)
			if len(c.line) <= ExcerptBytes {
				if e.Text != c.line || e.Col != c.col {
					t.Errorf("short line changed: %+v", e)
				}
				return
			}
			if n := len(e.Text); n > ExcerptBytes+2*len("…") {
				t.Errorf("excerpt of %d bytes, over the bound", n)
			}
			if !utf8.ValidString(e.Text) {
				t.Errorf("excerpt cut inside a character: %q", e.Text)
			}
			if c.col == 0 {
				if e.Col != 0 {
					t.Errorf("column %d for a position without one", e.Col)
				}
				return
			}
			if c.col > utf8.RuneCountInString(c.line) {
				if !strings.HasSuffix(c.line, strings.TrimSuffix(strings.TrimPrefix(e.Text, "…"), "…")) {
					t.Errorf("a column past the end should show the line's end: %q", e.Text)
				}
				return
			}
			if got, want := runeAt(e.Text, e.Col), runeAt(c.line, c.col); got != want {
				t.Errorf("caret at %q in the excerpt, want %q (col %d of %q)", got, want, e.Col, e.Text)
			}
			// The caret must point at the same place, not just the same letter.
			prefix := []rune(strings.TrimPrefix(e.Text, "…"))[:e.Col-1-boolInt(strings.HasPrefix(e.Text, "…"))]
			if !strings.HasSuffix(string([]rune(c.line)[:c.col-1]), string(prefix)) {
				t.Errorf("the excerpt before the caret, %q, is not what precedes column %d", string(prefix), c.col)
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestErrorContextIsCutAroundTheColumn(t *testing.T) {
	long := strings.Repeat("x", 1<<20)
	src := []byte("---\ntitle: t\nnote: " + long + "\nother: " + long + "\n---\n")
	col := 7 + 1<<20 - 10
	e := newError("x.md", src, 3, col, "a problem near the end of a long line")
	if len(e.Context) != 5 || e.ContextStart != 1 {
		t.Fatalf("context from line %d: %d lines", e.ContextStart, len(e.Context))
	}
	for i, l := range e.Context {
		if len(l) > ExcerptBytes+2*len("…") {
			t.Errorf("context line %d is %d bytes long", e.ContextStart+i, len(l))
		}
	}
	caret := ""
	for _, l := range strings.Split(e.Excerpt(), "\n") {
		if strings.HasPrefix(l, "       | ") {
			caret = l
		}
		if len(l) > 300 {
			t.Errorf("excerpt line of %d bytes", len(l))
		}
	}
	if caret == "" || e.ContextCol <= 1 {
		t.Fatalf("no caret in the excerpt (col %d):\n%s", e.ContextCol, e.Excerpt())
	}
	if got := utf8.RuneCountInString(caret) - len("       | "); got != e.ContextCol {
		t.Errorf("caret at column %d of the cut line, want %d", got, e.ContextCol)
	}
}

func TestErrorsAlongALongSourceCostItOnce(t *testing.T) {
	// Each error asks for lines further down: with the index the scan goes
	// on from where the last one stopped.
	var b bytes.Buffer
	for i := range 2000 {
		b.WriteString("line ")
		b.WriteString(strings.Repeat("y", i%50))
		b.WriteByte('\n')
	}
	src := b.Bytes()
	x := NewLineIndex(src)
	for n := 1; n <= 2000; n += 7 {
		e := x.errorAt(ErrorUnreadable, "x.md", n, 1, "e")
		if want, _ := NewLineIndex(src).Line(n); e.Context[n-e.ContextStart] != string(want) {
			t.Fatalf("line %d: context %q, want %q", n, e.Context[n-e.ContextStart], want)
		}
	}
	if x.scanned > len(src) || len(x.starts) > 2001 {
		t.Errorf("the index scanned %d bytes and holds %d lines", x.scanned, len(x.starts))
	}
}

func TestErrorMessagesQuoteValuesShortly(t *testing.T) {
	long := strings.Repeat("v", 100000)
	doc, errs := parse(t, "x.md", "---\ntitle: t\ndate: "+long+"\nkind: "+long+"\nlint: {"+strings.Repeat("k", 1000)+": x}\n---\n")
	all := append(errs, doc.FieldErrors...)
	if len(all) != 3 {
		t.Fatalf("%d errors, want 3: %v", len(all), all)
	}
	for _, e := range all {
		if len(e.Msg) > 200 || !strings.Contains(e.Msg, "…") {
			t.Errorf("message of %d bytes: %.120q", len(e.Msg), e.Msg)
		}
		for _, l := range strings.Split(e.Excerpt(), "\n") {
			if len(l) > 300 {
				t.Errorf("excerpt line of %d bytes", len(l))
			}
		}
	}
	if e := newError("x.md", nil, 1, 1, "%s", long); len(e.Msg) > messageBytes {
		t.Errorf("a message of %d bytes", len(e.Msg))
	}
}

// TestCutLineShowsNoControlCharacters checks that an excerpt never carries
// a control character to the terminal, one character standing for one.
func TestCutLineShowsNoControlCharacters(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{"plain\ttext", "plain\ttext"},
		{"a\x00b", "a\uFFFDb"},
		{"red \x1b[31mtext\x1b[0m", "red \uFFFD[31mtext\uFFFD[0m"},
		{"csi \u009b31m", "csi \uFFFD31m"},
		{"del\x7f", "del\uFFFD"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"事故 ok", "事故 ok"},
	} {
		if got := CutLine([]byte(tc.line), 1).Text; got != tc.want {
			t.Errorf("CutLine(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}
