package lint

import (
	"bytes"
	"strings"
	"sync"

	"github.com/kb-tools/kb/content"
)

// prose is the running text of a document, tokenized into words with their
// positions: the front matter's values and the body outside code blocks,
// inline code, URLs, link targets and HTML. Code blocks, code spans and
// links are those content's markdown reader found (Doc.Code, Doc.Markup);
// bare URLs and inline HTML tags are skipped here. Sentence and clause
// breaks are kept as flags so rules can tell a phrase's subject.
type prose struct {
	pool *sync.Pool
	doc  *content.Doc
	// lines indexes the source for the tokens' positions.
	lines  *content.LineIndex
	lower  []byte // the source, ASCII lower-cased where it has words
	tokens []token
	// candidates are the indexes of the tokens that may start a phrase.
	candidates []int32
	// sentences are the indexes of the tokens that start a sentence, in
	// order, listed the first time one is asked for (sentenceOf);
	// sentencesListed says whether they are.
	sentences       []int32
	sentencesListed bool
}

type token struct {
	start, end int32 // byte offsets in the source
	line       int32
	lineStart  int32 // offset of the token's line
	flags      uint8
	// starts has the bits of the phrase sets that have a phrase starting
	// with this word.
	starts uint8
}

const (
	sentenceStart uint8 = 1 << iota // first word of a sentence
	clauseStart                     // first word after a comma, dash, parenthesis…
	quoted                          // inside a block quote
	capitalized                     // starts with an upper-case letter
)

// bytes returns token i lower-cased, without copying.
func (p *prose) bytes(i int) []byte {
	t := p.tokens[i]
	return p.lower[t.start:t.end]
}

// word returns token i lower-cased ("" past the end).
func (p *prose) word(i int) string {
	if i < 0 || i >= len(p.tokens) {
		return ""
	}
	t := p.tokens[i]
	return string(p.lower[t.start:t.end])
}

// original returns token i as written.
func (p *prose) original(i int) string {
	t := p.tokens[i]
	return string(p.doc.Source[t.start:t.end])
}

func (p *prose) is(i int, flag uint8) bool {
	return i >= 0 && i < len(p.tokens) && p.tokens[i].flags&flag != 0
}

// pos returns the position of token i. Along one long line the index
// counts each column on from the last one.
func (p *prose) pos(i int) content.Pos {
	line, col := p.lines.Pos(int(p.tokens[i].start))
	return content.Pos{File: p.doc.Path, Line: line, Col: col}
}

// text returns the source text of tokens i to j-1 on one line: where the
// phrase goes on to another line, the line break and the next line's
// indentation and block markers ("> ", "- ") become one space.
func (p *prose) text(i, j int) string {
	src := p.doc.Source
	if p.tokens[i].line == p.tokens[j-1].line {
		return string(src[p.tokens[i].start:p.tokens[j-1].end])
	}
	var b strings.Builder
	for k := i; k < j; k++ {
		t := p.tokens[k]
		b.Write(src[t.start:t.end])
		if k+1 == j {
			break
		}
		next := p.tokens[k+1]
		if next.line == t.line {
			b.Write(src[t.end:next.start])
			continue
		}
		gap := src[t.end:next.lineStart]
		if nl := bytes.IndexByte(gap, '\n'); nl >= 0 {
			gap = gap[:nl]
		}
		b.Write(bytes.TrimRight(gap, " \t\r"))
		b.WriteByte(' ')
	}
	return b.String()
}

// matchWords reports whether the tokens from i on are words, within one
// sentence, and returns the index after them.
func (p *prose) matchWords(i int, words []string) (int, bool) {
	for k, w := range words {
		j := i + k
		if j >= len(p.tokens) || p.is(j, sentenceStart) || p.word(j) != w {
			return 0, false
		}
	}
	return i + len(words), true
}

// scanProse tokenizes a document's prose, marking the words that may start
// a phrase of the config's sets. It reuses the buffers of a prose from pool
// (of *prose) when there is one; release gives them back.
func scanProse(d *content.Doc, starts *firstWords, possessives uint8, pool *sync.Pool) *prose {
	src := d.Source
	p, _ := pool.Get().(*prose)
	if p == nil {
		p = &prose{}
	}
	p.doc, p.pool = d, pool
	if cap(p.lower) < len(src) {
		p.lower = make([]byte, len(src))
	}
	p.lower = p.lower[:len(src)]
	p.tokens, p.candidates = p.tokens[:0], p.candidates[:0]
	p.sentences, p.sentencesListed = p.sentences[:0], false
	s := &scanner{p: p, src: src, starts: starts, possessives: possessives, markup: d.Markup}
	s.reachMarkup(-1)
	code, quotes := d.Code, d.Quotes
	line, off := 1, 0
	for off < len(src) {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		for len(code) > 0 && code[0].Last < line {
			code = code[1:]
		}
		for len(quotes) > 0 && quotes[0].Last < line {
			quotes = quotes[1:]
		}
		inCode := len(code) > 0 && code[0].Contains(line)
		inFrontMatter := d.HasFrontMatter && line < d.BodyLine
		switch {
		case inCode:
		case inFrontMatter:
			s.frontMatterLine(line, off, end)
		default:
			s.quoted = len(quotes) > 0 && quotes[0].Contains(line)
			s.bodyLine(line, off, end)
		}
		line, off = line+1, end+1
	}
	return p
}

// release hands the prose's buffers back for the next document.
func (p *prose) release() {
	p.doc = nil
	p.pool.Put(p)
}

// scanner carries the tokenizer's state across lines.
type scanner struct {
	p           *prose
	src         []byte
	pending     uint8 // flags for the next word
	quoted      bool
	starts      *firstWords
	possessives uint8
	// markup holds the inline markup ranges not yet reached, markupStart
	// the first one's start (the source's length when none is left), and
	// skipTo the end of the ranges reached: a range may go on to the
	// next line (a code span or link destination that wraps).
	markup      []content.ByteRange
	markupStart int
	skipTo      int
}

// reachMarkup takes the markup ranges that start at or before offset i
// into skipTo.
func (s *scanner) reachMarkup(i int) {
	for len(s.markup) > 0 && s.markup[0].Start <= i {
		s.skipTo = max(s.skipTo, s.markup[0].Stop)
		s.markup = s.markup[1:]
	}
	s.markupStart = len(s.src)
	if len(s.markup) > 0 {
		s.markupStart = s.markup[0].Start
	}
}

func (s *scanner) frontMatterLine(line, off, end int) {
	l := s.src[off:end]
	// Skip the key: values alone are prose. Fences and list items of
	// keys' values keep their text.
	i := 0
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	if i < len(l) && l[i] == '-' && (i+1 == len(l) || l[i+1] == ' ') {
		i++
	} else {
		for j := i; j < len(l); j++ {
			if l[j] == ':' && (j+1 == len(l) || l[j+1] == ' ') {
				i = j + 1
				break
			}
			if !isWordByte(l[j]) {
				break
			}
		}
	}
	s.pending = sentenceStart
	s.quoted = false
	s.words(line, off, off+i, end)
	s.pending = sentenceStart
}

func (s *scanner) bodyLine(line, off, end int) {
	l := s.src[off:end]
	i := 0
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	if i == len(l) {
		s.pending = sentenceStart // a blank line ends a paragraph
		return
	}
	// Block markers: quotes, headings, list items and task boxes start a
	// new sentence.
	for i < len(l) {
		switch {
		case l[i] == '>':
			i++
		case l[i] == '#':
			for i < len(l) && l[i] == '#' {
				i++
			}
		case (l[i] == '-' || l[i] == '*' || l[i] == '+') && i+1 < len(l) && l[i+1] == ' ':
			i++
		case l[i] >= '0' && l[i] <= '9':
			j := i
			for j < len(l) && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j < len(l) && (l[j] == '.' || l[j] == ')') && (j+1 == len(l) || l[j+1] == ' ') {
				i = j + 1
				break
			}
			goto text
		case l[i] == '[' && i+2 < len(l) && l[i+2] == ']' && (l[i+1] == ' ' || l[i+1] == 'x' || l[i+1] == 'X'):
			i += 3
		case l[i] == ' ' || l[i] == '\t':
			i++
			continue
		default:
			goto text
		}
		s.pending = sentenceStart
	}
text:
	s.words(line, off, off+i, end)
}

// words tokenizes src[from:end], which lies on line starting at lineStart,
// lower-casing each word into the prose's copy and marking the words
// that may start a phrase. The flags for the next word and the tokens are
// kept in locals along the line, as this loop runs on every byte of prose.
func (s *scanner) words(line, lineStart, from, end int) {
	src, lower, p := s.src, s.p.lower, s.p
	pending, toks := s.pending, p.tokens
	var inQuote uint8
	if s.quoted {
		inQuote = quoted
	}
	i := from
	for i < end {
		if i >= s.markupStart {
			s.reachMarkup(i)
		}
		if i < s.skipTo {
			i = s.skipTo // code or a link's destination: a break, as a word of code is
			pending |= clauseStart
			continue
		}
		c := src[i]
		if isWordByte(c) {
			if (c|0x20 == 'h' || c|0x20 == 'w' || c|0x20 == 'm') && isURLStart(src, i, end) {
				for i < end && src[i] != ' ' && src[i] != '\t' && src[i] != ')' && src[i] != '>' {
					i++
				}
				continue
			}
			if isWordStart(src, i) {
				j := wordEnd(src[:end], lower[:end], i)
				flags := pending | inQuote
				if c >= 'A' && c <= 'Z' {
					flags |= capitalized
				}
				w := lower[i:j]
				starts := s.starts.lookup(w)
				if possessive(w) {
					starts |= s.possessives
				}
				if starts != 0 {
					p.candidates = append(p.candidates, int32(len(toks)))
				}
				// The fields are set in place: a token built aside and
				// copied in costs the copy, on every word.
				toks = append(toks, token{})
				t := &toks[len(toks)-1]
				t.start, t.end, t.line, t.lineStart, t.flags, t.starts = int32(i), int32(j), int32(line), int32(lineStart), flags, starts
				pending = 0
				i = j
				continue
			}
		}
		switch {
		case c == ' ':
			i++
		case c == '<' && i+1 < end && (isLetter(src[i+1]) || src[i+1] == '/' || src[i+1] == '!'):
			i = skipPast(src, i, end, '>') // an inline HTML tag
		case c == '.' || c == '!' || c == '?':
			if i+1 == end || src[i+1] == ' ' || src[i+1] == '\t' || src[i+1] == '*' || src[i+1] == '_' || src[i+1] == '"' || src[i+1] == ')' {
				pending |= sentenceStart
			}
			i++
		case c == '|':
			pending |= sentenceStart
			i++
		case c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '"':
			pending |= clauseStart
			i++
		case c == '-' && i+1 < end && src[i+1] == ' ' && i > from && src[i-1] == ' ':
			pending |= clauseStart
			i++
		case c == 0xE2 && i+2 < end && src[i+1] == 0x80 && (src[i+2] == 0x94 || src[i+2] == 0x93): // — –
			pending |= clauseStart
			i += 3
		default:
			i++
		}
	}
	s.pending, p.tokens = pending, toks
}

// wordEnd returns the end of the word that starts at i of src, copying
// it into lower lower-cased; the word ends with src, or before a byte
// that is neither a word byte nor punctuation inside a word. (A
// typographic apostrophe or dash, E2 80 xx, is of word bytes.)
func wordEnd(src, lower []byte, i int) int {
	word, low := src[i:], lower[i:len(src)]
	for k, c := range word {
		if !wordBytes[c] && !((c == '-' || c == '\'' || c == '.' || c == '/') && isInnerPunct(src, i+k, len(src))) {
			return i + k
		}
		low[k] = lowerASCII[c]
	}
	return len(src)
}

// wordBytes marks the bytes isWordByte accepts, for the tokenizer's loop.
var wordBytes = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = isWordByte(byte(c))
	}
	return t
}()

// lowerASCII maps each byte to its ASCII lower case.
var lowerASCII = func() (t [256]byte) {
	for c := 0; c < 256; c++ {
		t[c] = byte(c)
		if c >= 'A' && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

func isLetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

// isWordByte reports letters, digits, "_", "@" and any byte of a multi-byte
// UTF-8 character except the typographic dashes handled as breaks.
func isWordByte(c byte) bool {
	return isLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '@' || c >= 0x80
}

func isWordStart(src []byte, i int) bool {
	c := src[i]
	if c == 0xE2 && i+2 < len(src) && src[i+1] == 0x80 && src[i+2] >= 0x90 && src[i+2] <= 0x9F {
		return false // dashes and quotes
	}
	return isWordByte(c)
}

// isInnerPunct reports a hyphen, apostrophe or dot between word characters:
// "fault-tolerant", "should've", "v2.14".
func isInnerPunct(src []byte, j, end int) bool {
	c := src[j]
	if (c == '-' || c == '\'' || c == '.' || c == '/') && j+1 < end && isWordByte(src[j+1]) && src[j+1] != '@' {
		return true
	}
	// ’ (U+2019) inside a word.
	return c == 0xE2 && j+3 < end && src[j+1] == 0x80 && src[j+2] == 0x99 && isLetter(src[j+3])
}

func isURLStart(src []byte, i, end int) bool {
	rest := src[i:end]
	return hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://") || hasPrefixFold(rest, "www.") || hasPrefixFold(rest, "mailto:")
}

func hasPrefixFold(b []byte, prefix string) bool {
	if len(b) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := b[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// skipPast returns the offset after the first c from i on, or end.
func skipPast(src []byte, i, end int, c byte) int {
	for ; i < end; i++ {
		if src[i] == c {
			return i + 1
		}
	}
	return end
}
