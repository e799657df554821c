package main

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
)

// This file holds the prose generator: a tiny sentence grammar whose content
// words come from Zipf-skewed draws over the vocabulary, plus helpers for
// wrapping text, counting words, and quoting YAML scalars.

// Zipf exponents per class; v (the offset) flattens the very top ranks.
const (
	zipfS = 1.2
	zipfV = 2.0
)

// wrapWidth is the column at which prose paragraphs are wrapped.
const wrapWidth = 80

// textGen draws sentences for one document. It is not safe for concurrent use;
// each document gets its own.
type textGen struct {
	r      *rand.Rand
	v      *vocabulary
	z      [nClasses]*rand.Zipf
	topic  []string // document-specific nouns, reused to make text bursty
	local  []string // the document's services and similar names
	codes  []string // candidates for inline code spans
	links  []string // candidates for link targets
	fill   func(string) string
	toks   []string
	kinds  []class // kinds[i]: part of speech of toks[i], or function
	commas []bool
	used   uint64 // sentence templates already used in this document
}

// newTextGen returns a generator using r and the shared vocabulary.
func newTextGen(r *rand.Rand) *textGen {
	g := &textGen{r: r, v: getVocab()}
	for c := range nClasses {
		g.z[c] = rand.NewZipf(r, zipfS, zipfV, uint64(len(g.v.words[c])-1))
	}
	nt := 10 + r.IntN(10)
	nouns := g.v.words[noun]
	for range nt {
		g.topic = append(g.topic, nouns[r.IntN(len(nouns))])
	}
	return g
}

// word draws a content word of class c.
func (g *textGen) word(c class) string {
	if c == noun {
		switch x := g.r.IntN(100); {
		case x < 9 && len(g.topic) > 0:
			return g.topic[g.r.IntN(len(g.topic))]
		case x < 13 && len(g.local) > 0:
			return g.local[g.r.IntN(len(g.local))]
		}
	}
	return g.v.words[c][g.z[c].Uint64()]
}

func (g *textGen) push(w string, k class) {
	g.toks = append(g.toks, w)
	g.kinds = append(g.kinds, k)
	g.commas = append(g.commas, false)
}

func (g *textGen) comma() {
	if n := len(g.commas); n > 0 {
		g.commas[n-1] = true
	}
}

func startsWithVowel(s string) bool {
	return s != "" && strings.ContainsRune("aeiouAEIOU", rune(s[0]))
}

// np appends a noun phrase: [det] [adj] noun [noun].
func (g *textGen) np() {
	det := ""
	if g.r.IntN(10) < 8 {
		det = determiners[g.r.IntN(len(determiners))]
		g.push(det, function)
	}
	first := len(g.toks)
	if g.r.IntN(10) < 3 {
		g.push(g.word(adj), adj)
	}
	g.push(g.word(noun), noun)
	if g.r.IntN(100) < 15 {
		g.push(g.word(noun), noun)
	}
	if det == "a" && startsWithVowel(g.toks[first]) {
		g.toks[first-1] = "an"
	}
}

// pp appends a prepositional phrase.
func (g *textGen) pp() {
	g.push(prepositions[g.r.IntN(len(prepositions))], function)
	g.np()
}

// vp appends a verb phrase.
func (g *textGen) vp() {
	g.push(g.word(verb), verb)
	switch x := g.r.IntN(100); {
	case x < 45:
		g.np()
	case x < 70:
		g.pp()
	case x < 85:
		g.push(g.word(adv), adv)
	}
}

// sentence builds one grammatical-looking sentence into g.toks.
func (g *textGen) sentence() {
	g.toks, g.kinds, g.commas = g.toks[:0], g.kinds[:0], g.commas[:0]
	switch x := g.r.IntN(100); {
	case x < 35:
		g.np()
		g.vp()
		if g.r.IntN(2) == 0 {
			g.pp()
		}
	case x < 50:
		g.pp()
		g.comma()
		g.np()
		g.vp()
	case x < 65:
		g.np()
		g.vp()
		g.comma()
		g.push(conjunctions[g.r.IntN(len(conjunctions))], function)
		g.np()
		g.vp()
	case x < 75:
		g.push(g.word(adv), adv)
		g.comma()
		g.np()
		g.vp()
		if g.r.IntN(2) == 0 {
			g.pp()
		}
	case x < 90:
		g.np()
		g.vp()
		g.pp()
		g.pp()
	default:
		g.np()
		g.push("and", function)
		g.np()
		g.vp()
		if g.r.IntN(2) == 0 {
			g.pp()
		}
	}
}

// truncate cuts the current sentence to n tokens, ending on a content word.
func (g *textGen) truncate(n int) {
	g.toks, g.kinds, g.commas = g.toks[:n], g.kinds[:n], g.commas[:n]
	if g.kinds[n-1] == function {
		g.toks[n-1] = g.word(noun)
		g.kinds[n-1] = noun
	}
}

// emit writes the current sentence: capitalised, decorated, punctuated.
func (g *textGen) emit(w *wrapper) {
	n := len(g.toks)
	// Decorations wrap existing tokens, so the word count does not change.
	var pre, post [64]string
	if n >= 4 && n <= len(pre) {
		switch x := g.r.IntN(100); {
		case x < 5 && len(g.codes) > 0:
			if i := 1 + g.r.IntN(n-1); g.kinds[i] == noun {
				g.toks[i] = "`" + g.codes[g.r.IntN(len(g.codes))] + "`"
			}
		case x < 9:
			if i := 1 + g.r.IntN(n-1); g.kinds[i] != function {
				pre[i], post[i] = "**", "**"
			}
		case x < 13 && len(g.links) > 0:
			i := 1 + g.r.IntN(n-3)
			k := g.r.IntN(3)
			if g.kinds[i] != function && g.kinds[i+k] != function {
				pre[i], post[i+k] = "[", "]("+g.links[g.r.IntN(len(g.links))]+")"
			}
		}
	}
	for i := 0; i < n; i++ {
		t := g.toks[i]
		if i == 0 {
			t = upperFirst(t)
		}
		if i < len(pre) && (pre[i] != "" || post[i] != "") {
			t = pre[i] + t + post[i]
		}
		switch {
		case i == n-1:
			t += "."
		case g.commas[i]:
			t += ","
		}
		w.word(t)
	}
}

// prose writes a paragraph of exactly budget words to w.
func (g *textGen) prose(w *wrapper, budget int) {
	rem := budget
	for rem > 0 {
		if rem <= 4 {
			c := closers[rem]
			for _, t := range strings.Fields(c[g.r.IntN(len(c))]) {
				w.word(t)
			}
			return
		}
		if g.fill != nil && g.r.IntN(100) < 18 {
			k := g.r.IntN(len(sentenceTemplates))
			f := strings.Fields(g.fill(sentenceTemplates[k]))
			if len(f) <= rem && g.used&(1<<k) == 0 {
				g.used |= 1 << k
				for _, t := range f {
					w.word(t)
				}
				rem -= len(f)
				continue
			}
		}
		for try := 0; ; try++ {
			g.sentence()
			if len(g.toks) <= rem || try == 3 {
				break
			}
		}
		if len(g.toks) > rem {
			g.truncate(rem)
		}
		g.emit(w)
		rem -= len(g.toks)
	}
}

// upperFirst capitalises the first letter of s, keeping markup in front.
func upperFirst(s string) string {
	for i, c := range s {
		if unicode.IsLetter(c) {
			if unicode.IsUpper(c) {
				return s
			}
			return s[:i] + string(unicode.ToUpper(c)) + s[i+len(string(c)):]
		}
	}
	return s
}

// wrapper writes words to a buffer, wrapping lines at wrapWidth and
// indenting continuation lines.
type wrapper struct {
	b      *bytes.Buffer
	indent string
	col    int
	start  bool // at the start of a line (nothing but indent written)
}

// begin starts a new wrapped block: prefix is written as-is on the first
// line, and continuation lines start with indent.
func (w *wrapper) begin(prefix, indent string) {
	w.b.WriteString(prefix)
	w.indent = indent
	w.col = len(prefix)
	w.start = prefix == "" || strings.HasSuffix(prefix, " ")
}

// word writes one token, preceded by a space or a line break.
func (w *wrapper) word(t string) {
	switch {
	case w.start:
	case w.col+1+len(t) > wrapWidth:
		w.b.WriteByte('\n')
		w.b.WriteString(w.indent)
		w.col = len(w.indent)
	default:
		w.b.WriteByte(' ')
		w.col++
	}
	w.b.WriteString(t)
	w.col += len(t)
	w.start = false
}

// wordCount counts whitespace-separated tokens that contain a letter or a
// digit; markup such as table pipes, list bullets and dashes does not count.
// Both the generator and the tests use this definition.
func wordCount(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		for _, c := range f {
			if unicode.IsLetter(c) || unicode.IsDigit(c) {
				n++
				break
			}
		}
	}
	return n
}

// slugify lower-cases s and turns runs of other characters into '-',
// keeping at most maxWords words.
func slugify(s string, maxWords int) string {
	var b strings.Builder
	words := 0
	dash := false
	for _, c := range strings.ToLower(s) {
		if c < 128 && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
			if dash && b.Len() > 0 {
				if words++; words >= maxWords {
					break
				}
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(c)
		} else {
			dash = true
		}
	}
	// Do not end on a dangling connective ("…-caused-by").
	out := b.String()
	for {
		i := strings.LastIndexByte(out, '-')
		if i < 0 || !slugStop[out[i+1:]] {
			return out
		}
		out = out[:i]
	}
}

// slugStop are words a slug should not end with.
var slugStop = map[string]bool{"a": true, "the": true, "of": true, "in": true,
	"on": true, "to": true, "for": true, "by": true, "from": true, "after": true,
	"during": true, "caused": true, "and": true}

// yamlScalar returns s as a YAML scalar, quoted unless it is plainly safe.
// In flow context (inside [...]) commas and brackets force quoting.
func yamlScalar(s string, flow bool) string {
	if s == "" || yamlReserved[strings.ToLower(s)] {
		return strconv.Quote(s)
	}
	c0 := rune(s[0])
	if !unicode.IsLetter(c0) || strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return strconv.Quote(s)
	}
	for _, c := range s {
		ok := c < 128 && (unicode.IsLetter(c) || unicode.IsDigit(c) || strings.ContainsRune(" .-_/'()", c))
		if !ok && !flow && (c == ',' || c == ':') {
			ok = true
		}
		if !ok {
			return strconv.Quote(s)
		}
	}
	return s
}

// yamlList renders items as a YAML flow sequence.
func yamlList(items []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, s := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(yamlScalar(s, true))
	}
	b.WriteByte(']')
	return b.String()
}

// displayName turns a service slug into words: "product-catalog" → "Product catalog".
func displayName(svc string) string {
	return upperFirst(strings.ReplaceAll(svc, "-", " "))
}

// camel turns a service slug into CamelCase: "product-catalog" → "ProductCatalog".
func camel(svc string) string {
	var b strings.Builder
	for _, p := range strings.Split(svc, "-") {
		b.WriteString(upperFirst(p))
	}
	return b.String()
}

// pick returns a random element of s.
func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// pickN returns k distinct elements of s in random order (k ≤ len(s)).
func pickN[T any](r *rand.Rand, s []T, k int) []T {
	k = min(k, len(s))
	idx := r.Perm(len(s))[:k]
	out := make([]T, k)
	for i, j := range idx {
		out[i] = s[j]
	}
	return out
}
