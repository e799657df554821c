package patho

import "strings"

// The cases of the lint scans a document can make quadratic: each
// separator or phrase scanning on to the end, or back to the start, of a
// run that holds all the others.

// lintCases lists the pathological inputs of the lint scans.
func lintCases() []Case {
	return []Case{
		{Name: "token-run", About: "one run of `scale` \"token=\": each \"=\" a setting whose value ran to the end of the run", Scale: 100000, TestScale: 3000, Doc: TokenRun},
		{Name: "blame-sentence", About: "one sentence of `scale` \"Bob didn't notice the alert and\": each phrase looked back to the sentence's start", Scale: 20000, TestScale: 12000, Doc: BlameSentence},
	}
}

// TokenRun is a postmortem with one line of n "token=", no space between
// them: every "=" follows a credential's name, and the value after each
// is the rest of the line.
func TokenRun(n int) []byte {
	return []byte(frontMatter("A run of settings", "services: [checkout]") + "---\n" + body +
		"\n## Notes\n\n" + strings.Repeat("token=", n) + "\n")
}

// BlameSentence is a postmortem with one sentence, on one line, of n
// hindsight phrases with a person as their subject.
func BlameSentence(n int) []byte {
	return []byte(frontMatter("A sentence of blame", "services: [checkout]") + "---\n" + body +
		"\n## Notes\n\n" + strings.Repeat("Bob didn't notice the alert and ", n) + "nobody else did.\n")
}
