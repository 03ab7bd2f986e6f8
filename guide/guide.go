// Package guide renders the Markdown resolution guides of catalog entries to
// HTML. It runs at build time only, so that goldmark stays out of the
// WebAssembly modules, which ship the pre-rendered HTML.
package guide

import (
	"bytes"
	"html/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// markdown is GitHub-flavoured (tables, strikethrough, autolinks, task lists)
// with heading ids for deep links. Raw HTML in a guide is dropped, never
// passed through: goldmark's default renderer is not "unsafe".
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// Render turns a guide's Markdown into HTML that is safe to embed in a page.
func Render(source string) (template.HTML, error) {
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(source), &buf); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}
