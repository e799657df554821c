package content

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSegmentBytes is the longest URL segment kb derives from a value:
// well under the 255 bytes a file name may have, with room for a suffix.
const MaxSegmentBytes = 100

// segmentHashHex is how many hex digits of a cut segment's hash it keeps.
const segmentHashHex = 8

// Slug lower-cases s and turns every run of characters other than letters
// and digits (of any script, as Hugo keeps them) into one "-", trimming
// dashes at both ends. A combining mark stays with the letter before it,
// so a name written in decomposed form (e + U+0301) is not cut in two;
// kb does not normalize, so "café" typed as NFC and as NFD are two slugs.
// For ASCII the result is what it always was: kb's ids are stable.
//
// A slug is a URL segment (an id, a service's page, a folder of the site),
// so one longer than MaxSegmentBytes is cut, see CapSegment.
func Slug(s string) string { return CapSegment(slugify(s)) }

// SlugIsCut reports whether Slug cuts the slug of s. A slug is never
// longer than 3/2 of its text (lower-casing grows a letter from two bytes
// to three at most), so a short text is answered without making its slug.
func SlugIsCut(s string) bool {
	return len(s)*3/2 > MaxSegmentBytes && len(slugify(s)) > MaxSegmentBytes
}

// IsCutSegment reports whether seg, a result of CapSegment (a Slug, a
// Doc.ID), was cut: only a cut segment is longer than MaxSegmentBytes.
func IsCutSegment(seg string) bool { return len(seg) > MaxSegmentBytes }

// CapSegment returns seg unchanged when it has at most MaxSegmentBytes
// bytes. A longer one keeps its first MaxSegmentBytes bytes, cut at a rune
// boundary and without a trailing "-", followed by "-" and the first 8 hex
// digits of the SHA-256 of the whole seg: distinct long values keep
// distinct segments, the same value always gets the same one, and every
// segment fits in a file name. Every URL segment kb derives from user data
// goes through here.
func CapSegment(seg string) string {
	if len(seg) <= MaxSegmentBytes {
		return seg
	}
	sum := sha256.Sum256([]byte(seg))
	return strings.TrimRight(CutText(seg, MaxSegmentBytes, ""), "-") + "-" + hex.EncodeToString(sum[:])[:segmentHashHex]
}

// slugify is Slug without the cap.
func slugify(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for _, r := range strings.ToLower(s) {
		var keep bool
		if r < utf8.RuneSelf {
			keep = r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		} else {
			keep = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) && !dash && b.Len() > 0
		}
		if !keep {
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteRune(r)
		dash = false
	}
	return b.String()
}

// matchGlob matches a slash path against a glob in which "**" stands for
// any number of path segments and other segments follow path.Match. A glob
// without "/" is matched against the file name alone.
func matchGlob(glob, p string) bool {
	if !strings.Contains(glob, "/") {
		ok, _ := path.Match(glob, path.Base(p))
		return ok
	}
	return matchSegments(strings.Split(glob, "/"), strings.Split(p, "/"))
}

// validGlob returns path.ErrBadPattern for a glob that matchGlob cannot
// match anything with ("[", say), else nil.
func validGlob(glob string) error {
	for _, seg := range strings.Split(glob, "/") {
		if seg == "**" {
			continue
		}
		if _, err := path.Match(seg, ""); err != nil {
			return err
		}
	}
	return nil
}

func matchSegments(glob, p []string) bool {
	for len(glob) > 0 {
		if glob[0] == "**" {
			rest := glob[1:]
			for i := 0; i <= len(p); i++ {
				if matchSegments(rest, p[i:]) {
					return true
				}
			}
			return false
		}
		if len(p) == 0 {
			return false
		}
		if ok, _ := path.Match(glob[0], p[0]); !ok {
			return false
		}
		glob, p = glob[1:], p[1:]
	}
	return len(p) == 0
}

// Closest returns the candidate nearest to s by edit distance, if it is
// near enough to be a likely typo; else "".
func Closest(s string, candidates []string) string {
	best, bestDist := "", len(s)/2+2
	for _, c := range candidates {
		if abs(len(s)-len(c)) >= bestDist {
			continue // the distance is at least the difference in length
		}
		if d := editDistance(s, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

func abs(n int) int { return max(n, -n) }

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
