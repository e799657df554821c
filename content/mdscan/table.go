package mdscan

import (
	"bytes"
	"strings"
)

// appendCells appends the cells of a table row, row at offset off of the
// source, to cells: at most limit of them (no limit when negative). A
// cell's segment is its text without the white space around it.
func appendCells(cells []Segment, row []byte, off, limit int) []Segment {
	eachCell(row, func(start, stop int) bool {
		if limit >= 0 && len(cells) >= limit {
			return false
		}
		cells = append(cells, Segment{off + start, off + stop})
		return true
	})
	return cells
}

// eachCell calls fn with the bounds of each cell of a table row, split on
// unescaped pipes outside code spans, the optional pipes at both ends
// dropped and each cell trimmed of spaces and tabs, until fn returns
// false.
func eachCell(row []byte, fn func(start, stop int) bool) {
	text := string(row)
	i := 0
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	if i < len(text) && text[i] == '|' {
		i++
	}
	start, cells := i, 0
	for j := i; j <= len(text); j++ {
		if j < len(text) {
			switch text[j] {
			case '\\':
				j++
				continue
			case '`':
				j = codeSpanEnd(text, j)
				continue
			case '|':
			default:
				continue
			}
		}
		t := trimSegment(row, start, min(j, len(row)))
		if j >= len(text) && len(bytes.TrimSpace(row[start:])) == 0 && cells > 0 {
			return // after a closing pipe
		}
		if !fn(t.Start, t.Stop) {
			return
		}
		cells++
		start = j + 1
	}
}

func countCells(row []byte) int {
	n := 0
	eachCell(row, func(int, int) bool { n++; return true })
	return n
}

// isDelimiterRow reports a table's delimiter row: "|---|:--:|".
func isDelimiterRow(l []byte) bool {
	for _, c := range l {
		if c != '|' && c != '-' && c != ':' && c != ' ' && c != '\t' {
			return false
		}
	}
	if !bytes.ContainsRune(l, '-') {
		return false
	}
	n, ok := 0, true
	eachCell(l, func(start, stop int) bool {
		n++
		t := strings.TrimSuffix(strings.TrimPrefix(string(l[start:stop]), ":"), ":")
		ok = t != "" && strings.Trim(t, "-") == ""
		return ok
	})
	if n == 0 || n == 1 && !bytes.ContainsRune(l, '|') {
		return false
	}
	return ok
}
