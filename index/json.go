package index

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// The JSON of a Result is the one of kb search --json, which kb serve's
// /_kb/search answers too:
//
//	{"total": N, "fuzzy": false, "corrections": [{"from", "to"}],
//	 "hits": [{"id", "kind", "title", "url", "score", "snippet",
//	   "marks": [{"start", "end"}], "path", "date", "severity", "status",
//	   "services", "tags", "owners", "alerts"}],
//	 "facets": {"kind": {"runbook": 2}, "severity": {"SEV1": 3}, ...}}
//
// Marks are byte ranges of the snippet, date is YYYY-MM-DD, and the keys
// after marks are left out when empty. Took is not part of it.
type resultJSON struct {
	Total       int                       `json:"total"`
	Fuzzy       bool                      `json:"fuzzy"`
	Corrections []correctionJSON          `json:"corrections"`
	Hits        []hitJSON                 `json:"hits"`
	Facets      map[string]map[string]int `json:"facets"`
}

type correctionJSON struct {
	From string `json:"from"`
	To   string `json:"to"`
}

type hitJSON struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Title    string   `json:"title"`
	URL      string   `json:"url"`
	Score    float64  `json:"score"`
	Snippet  string   `json:"snippet"`
	Marks    []Mark   `json:"marks"`
	Path     string   `json:"path"`
	Date     string   `json:"date,omitempty"`
	Severity string   `json:"severity,omitempty"`
	Status   string   `json:"status,omitempty"`
	Services []string `json:"services,omitempty"`
	Tags     []string `json:"tags,omitempty"`
	Owners   []string `json:"owners,omitempty"`
	Alerts   []string `json:"alerts,omitempty"`
}

// jsonDate is how a hit's date is written.
const jsonDate = "2006-01-02"

// WriteJSON writes res as kb search --json prints it: one indented JSON
// object and a newline.
func WriteJSON(w io.Writer, res Result) error {
	out := resultJSON{Total: res.Total, Fuzzy: res.Fuzzy, Corrections: []correctionJSON{}, Hits: []hitJSON{}, Facets: res.Facets}
	for _, c := range res.Corrections {
		out.Corrections = append(out.Corrections, correctionJSON(c))
	}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, newHitJSON(h))
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := w.Write(escapeReplacementChar(b.Bytes()))
	return err
}

// escapeReplacementChar writes U+FFFD as the escape \ufffd wherever it is
// in the JSON js. encoding/json writes a byte that is not UTF-8 as that
// escape but the character itself as it is: without this, a Result read
// back from the JSON of a text with such a byte would not write the same
// JSON again. (The character's bytes are in strings only: the rest of the
// JSON is ASCII.)
func escapeReplacementChar(js []byte) []byte {
	return bytes.ReplaceAll(js, []byte("\uFFFD"), []byte(`\ufffd`))
}

func newHitJSON(h Hit) hitJSON {
	j := hitJSON{ID: h.ID, Kind: h.Kind, Title: h.Title, URL: h.URL, Score: h.Score, Snippet: h.Snippet, Marks: h.Marks,
		Path: h.Path, Severity: h.Severity, Status: h.Status, Services: h.Services, Tags: h.Tags, Owners: h.Owners, Alerts: h.Alerts}
	if j.Marks == nil {
		j.Marks = []Mark{}
	}
	if !h.Date.IsZero() {
		j.Date = h.Date.Format(jsonDate)
	}
	return j
}

// ReadJSON reads one Result written by WriteJSON: what WriteJSON writes of
// the Result read is what was read. A hit's date is midnight UTC of its
// day. Keys it does not know are ignored; a value of the wrong type or a
// date that is not YYYY-MM-DD is an error.
func ReadJSON(r io.Reader) (Result, error) {
	var in resultJSON
	if err := json.NewDecoder(r).Decode(&in); err != nil {
		return Result{}, fmt.Errorf("reading a search result: %w", err)
	}
	res := Result{Total: in.Total, Fuzzy: in.Fuzzy, Facets: in.Facets}
	for _, c := range in.Corrections {
		res.Corrections = append(res.Corrections, Correction(c))
	}
	for i, j := range in.Hits {
		h, err := j.hit()
		if err != nil {
			return Result{}, fmt.Errorf("reading a search result: hit %d: %w", i+1, err)
		}
		res.Hits = append(res.Hits, h)
	}
	return res, nil
}

// hit is the Hit that j was written from.
func (j hitJSON) hit() (Hit, error) {
	h := Hit{Path: j.Path, ID: j.ID, Kind: j.Kind, Title: j.Title, URL: j.URL, Score: j.Score,
		Severity: j.Severity, Status: j.Status, Services: j.Services, Tags: j.Tags, Owners: j.Owners, Alerts: j.Alerts,
		Snippet: j.Snippet, Marks: j.Marks}
	if j.Date != "" {
		d, err := time.Parse(jsonDate, j.Date)
		if err != nil {
			return Hit{}, fmt.Errorf("date %q is not YYYY-MM-DD", j.Date)
		}
		h.Date = d
	}
	return h, nil
}
