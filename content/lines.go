package content

import (
	"bytes"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// LineIndex maps the byte offsets of a source to lines and columns, and
// lines to their text, without scanning from line 1 each time: it records
// where lines start as far as it has been asked to go, so that the first
// question costs the scan up to its answer and later ones a binary search.
// Columns are counted from the line's start, or from the last column found
// on the same line when the offset is past it, so that findings along one
// long line cost that line once. A LineIndex may be used by one goroutine
// at a time.
type LineIndex struct {
	src []byte
	// starts[i] is the offset of line i+1, known up to scanned; it is
	// made, with room for every line, on the first question.
	starts  []int
	scanned int
	// The last column found: line, offset and column.
	colLine, colOff, col int
}

// NewLineIndex returns the index of src (a normalized source: LF line
// ends).
func NewLineIndex(src []byte) *LineIndex {
	return &LineIndex{src: src}
}

// scanTo records line starts until offset off is covered or line n is
// known, whichever the caller needs.
func (x *LineIndex) scanTo(off, n int) {
	if x.starts == nil {
		// Counting the lines first costs a fast pass and spares the list
		// its growing, line by line.
		x.starts = make([]int, 1, bytes.Count(x.src, []byte{'\n'})+1)
	}
	for x.scanned < len(x.src) && (x.scanned <= off || len(x.starts) < n) {
		i := bytes.IndexByte(x.src[x.scanned:], '\n')
		if i < 0 {
			x.scanned = len(x.src)
			break
		}
		x.scanned += i + 1
		x.starts = append(x.starts, x.scanned)
	}
}

// Pos returns the 1-based line and character column of offset.
func (x *LineIndex) Pos(offset int) (line, col int) {
	offset = min(max(offset, 0), len(x.src))
	x.scanTo(offset, 0)
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > offset }) - 1
	line = i + 1
	from, col := x.starts[i], 1
	if x.colLine == line && x.colOff <= offset {
		from, col = x.colOff, x.col
	}
	col += utf8.RuneCount(x.src[from:offset])
	x.colLine, x.colOff, x.col = line, offset, col
	return line, col
}

// Line returns the text of 1-based line n without its newline, and false
// past the last line.
func (x *LineIndex) Line(n int) ([]byte, bool) {
	if n <= 0 || x.src == nil {
		return nil, false
	}
	x.scanTo(-1, n+1)
	if n > len(x.starts) {
		return nil, false
	}
	start, end := x.starts[n-1], len(x.src)
	if n < len(x.starts) {
		end = x.starts[n] - 1
	} else if start == len(x.src) && n > 1 {
		return nil, false // after a final newline there is no line
	}
	return x.src[start:end], true
}

// ExcerptBytes bounds the text of an excerpt: a line longer than this is
// cut to a window around the position.
const ExcerptBytes = 160

// Excerpt is a short cut of one source line around a position, for the
// messages that show where a problem is: never the whole of a long line.
type Excerpt struct {
	// Text is the cut, at most ExcerptBytes bytes and two "…", which mark
	// the ends where the line goes on.
	Text string
	// Col is the 1-based character column of the position within Text; 0
	// when the position has no column.
	Col int
}

// CutLine returns the excerpt of line around the 1-based character column
// col (0 for none): the whole line when it is short, else a window that
// holds the column, about a third of the way in, cut at character
// boundaries.
func CutLine(line []byte, col int) Excerpt {
	e := cutLine(line, col)
	e.Text = printable(e.Text)
	return e
}

// printable replaces the control characters of an excerpt (a NUL, an
// escape sequence a hostile file would send to the terminal of a CI log)
// with U+FFFD, one character for one, so that columns still count right.
func printable(s string) string {
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		c := s[i]
		c1 := c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f // U+0080–U+009F
		clean = (c >= 0x20 || c == '\t') && c != 0x7f && !c1
	}
	if clean && utf8.ValidString(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || !unicode.IsControl(r) {
			return r
		}
		return utf8.RuneError
	}, s)
}

func cutLine(line []byte, col int) Excerpt {
	if len(line) <= ExcerptBytes {
		return Excerpt{Text: string(line), Col: col}
	}
	at := byteOfColumn(line, col)
	start := max(0, at-ExcerptBytes/3)
	end := min(len(line), start+ExcerptBytes)
	start = max(0, end-ExcerptBytes)
	for start > 0 && !utf8.RuneStart(line[start]) {
		start++
	}
	for end < len(line) && !utf8.RuneStart(line[end]) {
		end--
	}
	e := Excerpt{Text: string(line[start:end])}
	if col > 0 {
		e.Col = utf8.RuneCount(line[start:min(at, end)]) + 1
	}
	if start > 0 {
		e.Text = "…" + e.Text
		if e.Col > 0 {
			e.Col++
		}
	}
	if end < len(line) {
		e.Text += "…"
	}
	return e
}

// byteOfColumn returns the offset in line of the 1-based character column
// col, or the line's length when it is past the end.
func byteOfColumn(line []byte, col int) int {
	off := 0
	for c := 1; c < col && off < len(line); c++ {
		_, size := utf8.DecodeRune(line[off:])
		off += size
	}
	return off
}
