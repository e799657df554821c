package index

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
)

// Facet lists: for each facet value, the sorted numbers of its documents,
// in group files (data/facets/FACET-G.bin, DEFLATE) of a few values each,
// the most common values first, so that the client fetches the lists of
// the values it shows and no others. A group file holds, for each of its
// values in order, the list as runs of consecutive numbers (varints): the
// number of runs, then per run the gap from the end of the run before
// (the first: its first number) and its length minus one. Documents are
// numbered by kind and first service (see orderDocs), so the kind and
// service lists are mostly long runs.

// facetGroupValues is how many values a group file holds, and
// maxFacetGroups how many group files a facet has at most: a facet of
// more values has larger groups after the first, which is what the
// search page shows of a facet at first.
const (
	facetGroupValues = 8
	maxFacetGroups   = 16
)

// facetGroups returns the sizes of the groups of a facet of n values.
func facetGroups(n int) []int {
	groups := []int{}
	if n == 0 {
		return groups
	}
	groups = append(groups, min(n, facetGroupValues))
	rest := n - groups[0]
	size := max(facetGroupValues, (rest+maxFacetGroups-2)/(maxFacetGroups-1))
	for ; rest > 0; rest -= size {
		groups = append(groups, min(size, rest))
	}
	return groups
}

// facetValue is one value of a facet and its documents.
type facetValue struct {
	name string
	docs []int32
}

// facet is one facet's values in the order the client lists them, and
// how many values each group file holds.
type facet struct {
	name   string
	values []facetValue
	groups []int
}

// facetSet is what writeFacets wrote.
type facetSet struct {
	facets []facet
	files  int
}

// collectFacets lists the values of every facet over docs. Values that
// differ only in case are one value, shown as most documents write it
// (filters match values case-insensitively).
func collectFacets(docs []Document, severities []string) []facet {
	var out []facet
	for _, name := range ResultFacets() {
		byKey := map[string]*facetValue{}
		spellings := map[string]map[string]int{}
		for d := range docs {
			seen := map[string]bool{}
			for _, v := range facetValuesOf(&docs[d], name) {
				key := strings.ToLower(v)
				if v == "" || seen[key] {
					continue
				}
				seen[key] = true
				if byKey[key] == nil {
					byKey[key] = &facetValue{}
					spellings[key] = map[string]int{}
				}
				byKey[key].docs = append(byKey[key].docs, int32(d))
				spellings[key][v]++
			}
		}
		f := facet{name: name}
		for key, v := range byKey {
			v.name = commonSpelling(spellings[key])
			f.values = append(f.values, *v)
		}
		sortFacetValues(f.values, name, severities)
		f.groups = facetGroups(len(f.values))
		out = append(out, f)
	}
	return out
}

// commonSpelling is the spelling most documents use, the first in byte
// order among equals.
func commonSpelling(counts map[string]int) string {
	best, n := "", 0
	for s, c := range counts {
		if c > n || c == n && s < best {
			best, n = s, c
		}
	}
	return best
}

// sortFacetValues orders values by count, most first, then by name;
// severities come in the KB's order, most severe first.
func sortFacetValues(values []facetValue, name string, severities []string) {
	rank := func(v facetValue) int {
		if name != "severity" {
			return 0
		}
		if i := slices.IndexFunc(severities, func(s string) bool { return strings.EqualFold(s, v.name) }); i >= 0 {
			return i - len(severities)
		}
		return 0
	}
	slices.SortFunc(values, func(a, b facetValue) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(len(b.docs), len(a.docs)), cmp.Compare(a.name, b.name))
	})
}

// writeFacets writes the group files of every facet of docs.
func (o *staticOut) writeFacets(docs []Document, severities []string) facetSet {
	set := facetSet{facets: collectFacets(docs, severities)}
	for _, f := range set.facets {
		first := 0
		for g, n := range f.groups {
			var data []byte
			for _, v := range f.values[first : first+n] {
				data = appendRuns(data, v.docs)
			}
			o.writeFile(facetFileName(f.name, g), data)
			set.files++
			first += n
		}
	}
	return set
}

// facetFileName is the file of group g of a facet.
func facetFileName(name string, g int) string {
	return fmt.Sprintf("%s%s-%d.bin", staticFacetDir, name, g)
}

// appendRuns appends the sorted numbers docs as runs of consecutive
// numbers.
func appendRuns(b []byte, docs []int32) []byte {
	type run struct{ first, last int32 }
	var runs []run
	for _, d := range docs {
		if n := len(runs); n > 0 && runs[n-1].last+1 == d {
			runs[n-1].last = d
		} else {
			runs = append(runs, run{d, d})
		}
	}
	b = binary.AppendUvarint(b, uint64(len(runs)))
	end := int32(0)
	for _, r := range runs {
		b = binary.AppendUvarint(b, uint64(r.first-end))
		b = binary.AppendUvarint(b, uint64(r.last-r.first))
		end = r.last + 1
	}
	return b
}
