package templates

// SearchAnalysisPath is the embedded path of the search page's text
// analysis script, kb's analysis in JavaScript (globalThis.kbAnalysis).
const SearchAnalysisPath = "static/search/analysis.js"

// SearchAnalysis returns the embedded text analysis script of the search
// page, the one the site serves and kb's parity tests run in a browser.
func SearchAnalysis() []byte {
	data, err := embedded.ReadFile(SearchAnalysisPath)
	if err != nil {
		// The file is embedded at build time: it cannot be missing.
		panic(err)
	}
	return data
}
