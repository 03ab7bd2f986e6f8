// Package edge is what the edge worker serves, apart from its entry point:
// the API under /v1/ and the server-rendered search page, built from the
// inputs the worker embeds. It compiles natively as well as to WebAssembly,
// so native tests and the local comparison in the end-to-end tests run the
// very handler the worker runs.
package edge

import (
	"context"
	"encoding/json"
	"errors"
	"html/template"
	"net/http"
	"strings"
	"sync"

	"github.com/authcodes/authcodes/api"
	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
	"github.com/authcodes/authcodes/site"
)

// Inputs are the build artefacts the worker embeds.
type Inputs struct {
	// Catalog is a binary catalog (catalog.Catalog.MarshalBinary); the
	// generator strips its Markdown guides, which the worker never reads.
	Catalog []byte
	// Index is the search index of that catalog (search.EmbeddedBytes).
	Index []byte
	// Guides is api.WriteGuides's output.
	Guides []byte
	// Origin is the site's public base URL, for the search page's canonical link.
	Origin string
	// ModuleAssets are the site's generated assets (the browser module and its
	// loader) as "name path" lines, so that the search page links them.
	ModuleAssets string
}

// New decodes the catalog and returns the worker's handler. It does the
// work of a cold start once; nothing is parsed again per request. The search
// index, the guides and the search page's templates are opened on their
// first use, so that a cold start serving a lookup does not wait for them.
func New(in Inputs) (http.Handler, error) {
	cat, err := catalog.FromBinary(in.Catalog)
	if err != nil {
		return nil, err
	}
	index := sync.OnceValues(func() (*search.Index, error) { return search.Open(cat, in.Index) })
	guides := sync.OnceValues(func() (api.Guides, error) { return api.ReadGuides(in.Guides) })
	h := &handler{api: api.New(api.Config{Catalog: cat, Index: lazyIndex(index), Guides: lazyGuides(guides)})}
	h.search = sync.OnceValue(func() http.Handler {
		ix, err := index()
		if err != nil {
			return Failed(err)
		}
		s, err := site.New(cat, in.Origin, noMarkdown)
		if err != nil {
			return Failed(err)
		}
		for _, line := range strings.Split(in.ModuleAssets, "\n") {
			if name, path, ok := strings.Cut(strings.TrimSpace(line), " "); ok {
				s.AddAssetPath(name, path)
			}
		}
		return s.SearchHandler(ix)
	})
	return h, nil
}

// lazyIndex is an index opened on its first search.
type lazyIndex func() (*search.Index, error)

func (open lazyIndex) Search(ctx context.Context, req search.Request) (search.Result, error) {
	ix, err := open()
	if err != nil {
		return search.Result{}, err
	}
	return ix.Search(ctx, req)
}

// lazyGuides are guides read on their first use. A guides file that does
// not read leaves entries without guide_html; the end-to-end tests, which
// compare every answer with the native handler's, catch such a build.
type lazyGuides func() (api.Guides, error)

func (read lazyGuides) HTML(id string) (string, bool) {
	g, err := read()
	if err != nil {
		return "", false
	}
	return g.HTML(id)
}

// noMarkdown stands in for the Markdown renderer, which the worker does not
// link: the search page renders no guide or description.
func noMarkdown(string) (template.HTML, error) {
	return "", errors.New("edge: the worker renders no Markdown")
}

type handler struct {
	api    http.Handler
	search func() http.Handler
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasPrefix(r.URL.Path, "/v1/"):
		h.api.ServeHTTP(w, r)
	case r.URL.Path == "/search/":
		h.search().ServeHTTP(w, r)
	default:
		// The worker runs first only for /v1/*, /search/* and "/" with a
		// code; static assets answer everything else before it is reached.
		if to, ok := site.CodeQuery(r.URL); ok {
			http.Redirect(w, r, to, http.StatusFound)
			return
		}
		http.NotFound(w, r)
	}
}

// Failed answers every request with a 503 problem: the worker's inputs did
// not load, which only a broken build can cause.
func Failed(err error) http.Handler {
	body, _ := json.Marshal(api.Problem{Type: "about:blank", Title: "Service Unavailable", Status: http.StatusServiceUnavailable, Detail: "The worker could not start: " + err.Error()})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write(append(body, '\n'))
	})
}
