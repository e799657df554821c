package index

// AnalysisVersion names the present form of kb's text analysis. It changes
// whenever the terms made of some text do, in Go and in the site's
// JavaScript, whose kbAnalysis.version is the same string (a test checks
// it), so that an index is never read with another analysis than its own.
const AnalysisVersion = "kb_en-1"
