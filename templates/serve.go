package templates

// The files of kb serve's preview, which only the preview server uses: kb
// build never reads them, so none of this reaches a built site. A KB
// overrides each with a file of the same name under its templates/ folder,
// read through Read as the layouts are.
const (
	// PreviewPath is the html/template of the markup the preview adds
	// before a page's </body>: the lint findings panel, the error overlay
	// and the banner of other files with errors.
	PreviewPath = "serve/preview.html"
	// PreviewStylePath is the stylesheet of that markup, every rule of
	// it scoped under kb-preview- class names.
	PreviewStylePath = "serve/preview.css"
	// LiveScriptPath is the live reload script of served pages.
	LiveScriptPath = "serve/live.js"
)
