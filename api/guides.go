package api

import (
	"encoding/binary"
	"errors"
	"html/template"
	"sync"

	"github.com/authcodes/authcodes/catalog"
)

// Guides gives an entry's resolution guide as HTML.
type Guides interface {
	// HTML returns the guide of the entry with that id, and whether there is one.
	HTML(id string) (string, bool)
}

// Renderer turns a guide's Markdown into safe HTML (guide.Render).
type Renderer func(markdown string) (template.HTML, error)

// RenderGuides renders each entry's guide the first time it is asked for and
// keeps it: for the local server, which links the Markdown renderer anyway.
func RenderGuides(cat *catalog.Catalog, render Renderer) Guides {
	return &renderedOnDemand{cat: cat, render: render}
}

type renderedOnDemand struct {
	cat    *catalog.Catalog
	render Renderer
	cache  sync.Map // id -> string
}

func (g *renderedOnDemand) HTML(id string) (string, bool) {
	if html, ok := g.cache.Load(id); ok {
		return html.(string), true
	}
	e, ok := g.cat.Entry(id)
	if !ok {
		return "", false
	}
	html, err := g.render(e.Guide)
	if err != nil {
		return "", false
	}
	g.cache.Store(id, string(html))
	return string(html), true
}

// guidesMagic starts a file written by WriteGuides. The layout is the magic,
// a uvarint count, then each id and HTML as a uvarint length and its bytes.
const guidesMagic = "ACGUIDES1"

// WriteGuides renders every guide of the catalog into the file ReadGuides
// reads: the generator writes it so the worker ships HTML, not a renderer.
func WriteGuides(cat *catalog.Catalog, render Renderer) ([]byte, error) {
	buf := []byte(guidesMagic)
	buf = binary.AppendUvarint(buf, uint64(len(cat.Entries())))
	for _, e := range cat.Entries() {
		html, err := render(e.Guide)
		if err != nil {
			return nil, errors.New("api: rendering the guide of " + e.ID + ": " + err.Error())
		}
		for _, s := range []string{e.ID, string(html)} {
			buf = binary.AppendUvarint(buf, uint64(len(s)))
			buf = append(buf, s...)
		}
	}
	return buf, nil
}

// ReadGuides reads a file written by WriteGuides. The guides are substrings of
// one copy of data: reading costs one map insert per entry.
func ReadGuides(data []byte) (Guides, error) {
	errBad := errors.New("api: not a guides file written by WriteGuides")
	if len(data) < len(guidesMagic) || string(data[:len(guidesMagic)]) != guidesMagic {
		return nil, errBad
	}
	s := string(data[len(guidesMagic):])
	next := func() (string, bool) {
		n, k := binary.Uvarint([]byte(s[:min(len(s), binary.MaxVarintLen64)]))
		if k <= 0 || n > uint64(len(s)-k) {
			return "", false
		}
		v := s[k : k+int(n)]
		s = s[k+int(n):]
		return v, true
	}
	n, k := binary.Uvarint([]byte(s[:min(len(s), binary.MaxVarintLen64)]))
	if k <= 0 || n > uint64(len(s)) {
		return nil, errBad
	}
	s = s[k:]
	g := make(prerendered, n)
	for range n {
		id, ok1 := next()
		html, ok2 := next()
		if !ok1 || !ok2 {
			return nil, errBad
		}
		g[id] = html
	}
	if s != "" {
		return nil, errBad
	}
	return g, nil
}

// prerendered maps an entry id to its guide's HTML.
type prerendered map[string]string

func (g prerendered) HTML(id string) (string, bool) {
	html, ok := g[id]
	return html, ok
}

// noGuides is the Guides of a Config that has none.
type noGuides struct{}

func (noGuides) HTML(string) (string, bool) { return "", false }
