package lint

import (
	"bytes"
	"encoding/json"
	"net/url"
	"testing"

	"github.com/kb-tools/kb/content"
)

// TestSARIFURIsAreEncoded writes findings in files with awkward names as
// SARIF, reads the JSON back and parses each artifactLocation.uri with
// net/url: it must be a relative reference whose path is the file name.
func TestSARIFURIsAreEncoded(t *testing.T) {
	tests := []struct{ file, uri string }{
		{"postmortems/plain-name_1.md", "postmortems/plain-name_1.md"},
		{"postmortems/with space.md", "postmortems/with%20space.md"},
		{"postmortems/x#y.md", "postmortems/x%23y.md"},
		{"postmortems/100%.md", "postmortems/100%25.md"},
		{"postmortems/why?.md", "postmortems/why%3F.md"},
		{"postmortems/事故.md", "postmortems/%E4%BA%8B%E6%95%85.md"},
		{"postmortems/café.md", "postmortems/caf%C3%A9.md"},
		{`postmortems/back\slash.md`, "postmortems/back%5Cslash.md"},
		{"a:b.md", "a%3Ab.md"},
		{"../kb/p+q&r=s;t,u@v.md", "../kb/p%2Bq%26r%3Ds%3Bt%2Cu%40v.md"},
		{"tab\tand\nnewline.md", "tab%09and%0Anewline.md"},
	}
	res := &Result{}
	for _, tt := range tests {
		res.Diagnostics = append(res.Diagnostics, Diagnostic{Pos: content.Pos{File: tt.file, Line: 3, Col: 1}, Rule: "blameless/blame-word", Severity: Error, Message: "m"})
	}
	var out bytes.Buffer
	if err := WriteSARIF(&out, res, Rules()); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	results := log.Runs[0].Results
	if len(results) != len(tests) {
		t.Fatalf("%d results, want %d", len(results), len(tests))
	}
	for i, tt := range tests {
		uri := results[i].Locations[0].PhysicalLocation.ArtifactLocation.URI
		if uri != tt.uri {
			t.Errorf("%q: uri %q, want %q", tt.file, uri, tt.uri)
		}
		u, err := url.Parse(uri)
		if err != nil {
			t.Errorf("%q: uri %q does not parse: %v", tt.file, uri, err)
			continue
		}
		if u.Scheme != "" || u.Host != "" || u.RawQuery != "" || u.Fragment != "" || u.Path != tt.file {
			t.Errorf("%q: uri %q parses as scheme %q host %q path %q query %q fragment %q", tt.file, uri, u.Scheme, u.Host, u.Path, u.RawQuery, u.Fragment)
		}
	}
}
