package content

// bodyHalt is where and why a body is too costly to render as markdown.
type bodyHalt struct {
	pos Pos
	why string
}

// plainBody turns doc into one whose body is shown as plain text: nothing
// is read from its markdown, as its page holds none, and the error says
// where and why.
func plainBody(doc *Doc, halt *bodyHalt) *Error {
	doc.PlainBody = true
	doc.Sections, doc.Timeline, doc.Links, doc.Code, doc.Quotes, doc.Markup = nil, nil, nil, nil, nil, nil
	kept := doc.Actions[:0]
	for _, a := range doc.Actions {
		if a.Form == FormFrontMatter {
			kept = append(kept, a)
		}
	}
	doc.Actions = kept
	return newError(doc.Path, doc.Source, halt.pos.Line, halt.pos.Col,
		"markdown too costly to render: %s; the page shows this document's text as it is", halt.why)
}
