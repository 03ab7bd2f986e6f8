// Package api is the authcodes HTTP API: the catalog's entries, the forgiving
// lookup, search, the decoder, the providers and an OpenAPI description, all
// under /v1/, as JSON.
//
// One http.Handler serves both the local server (`go run ./build serve`) and
// the edge worker (wasm/worker), so the two answer byte for byte alike. The
// handler does no I/O beyond answering the request: everything it needs —
// catalog, search index, pre-rendered guides, decoder — is handed to New.
//
// Every response carries CORS headers for any origin (no credentials); GETs
// are cacheable and carry an ETag derived from the catalog version and the
// request; errors are RFC 9457 problem documents. Nothing a client sends is
// ever logged: /v1/decode takes pasted callback URLs and tokens.
package api

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/decode"
	"github.com/authcodes/authcodes/catalog/search"
)

// Config is what the API serves.
type Config struct {
	// Catalog and Index are required; Index must search Catalog.
	Catalog *catalog.Catalog
	Index   Searcher
	// Guides holds each entry's rendered guide. The local server renders on
	// demand (RenderGuides); the worker reads a file rendered at build time
	// (ReadGuides), so that no Markdown renderer is linked into it.
	Guides Guides
	// Now is the time the decoder judges token expiry against; time.Now when nil.
	Now func() time.Time
}

// Searcher searches the catalog: a *search.Index, or a stand-in that opens
// one on first use (the worker's, to keep it off the cold start of lookups).
type Searcher interface {
	Search(ctx context.Context, req search.Request) (search.Result, error)
}

// Handler serves the API. Create it with New; it is safe for concurrent use.
type Handler struct {
	cfg Config
	// decoder is made on the first /v1/decode request: building its
	// recogniser would otherwise add to every cold start of the worker.
	decoder func() *decode.Decoder
	routes  []route
}

// New returns the API handler for cfg. It expects requests for paths under
// /v1/ and answers any other path with a 404 problem.
func New(cfg Config) *Handler {
	if cfg.Guides == nil {
		cfg.Guides = noGuides{}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	h := &Handler{cfg: cfg, decoder: sync.OnceValue(func() *decode.Decoder {
		return decode.New(cfg.Catalog).WithFinder(likely(cfg.Index))
	})}
	h.routes = h.routeTable()
	return h
}

// ServeHTTP answers one request. Handlers compute a whole response before a
// byte is written, so a panic still turns into a clean 500 problem and ETags
// are checked against the real body's status.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	resp := h.respond(w, r)
	resp.write(w, r)
	// Under syumai/workers an unfinished body stays locked to its reader
	// until cancelled; Close cancels it (net/http closes it anyway).
	if r.Body != nil {
		r.Body.Close()
	}
}

// respond routes the request and runs its handler, turning a panic into a
// 500 problem. The panic's value is not logged: it could hold client input.
func (h *Handler) respond(w http.ResponseWriter, r *http.Request) (resp *response) {
	defer func() {
		if recover() != nil {
			resp = problemResponse(http.StatusInternalServerError, typeInternal, "The server failed to answer this request.")
		}
	}()
	rt, params, ok := h.match(r.URL.Path)
	if !ok {
		return problemResponse(http.StatusNotFound, typeNoRoute, "No API route has this path; see /v1/openapi.json.")
	}
	if r.Method == http.MethodOptions {
		return rt.options(r)
	}
	if !rt.allows(r.Method) {
		resp := problemResponse(http.StatusMethodNotAllowed, typeMethod, r.Method+" is not allowed here; use "+rt.allowHeader()+".")
		resp.header.Set("Allow", rt.allowHeader())
		return resp
	}
	query, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		return badRequest("The query string is malformed: " + err.Error())
	}
	resp = rt.handle(&request{Request: r, w: w, params: params, query: query})
	if resp.status == http.StatusOK && rt.cache == cachePublic {
		resp.etag = etag(h.cfg.Catalog.Version(), r.URL.Path, query)
	}
	resp.cache = rt.cache
	return resp
}

func (h *Handler) now() time.Time { return h.cfg.Now() }

// likely lets the decoder search the catalog for a message that names no
// code. The index opens only when a decode needs it.
func likely(ix Searcher) decode.Finder {
	return func(words, provider string) []*catalog.Entry {
		return search.Likely(ix, words, provider)
	}
}
