package main

import (
	"net/http"

	"github.com/authcodes/authcodes/api"
	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
	"github.com/authcodes/authcodes/guide"
)

// apiHandler is the API (package api) as the local server mounts it at
// /v1/: the handler the edge worker runs, on the embedded catalog, with
// guides rendered by goldmark on first request and kept.
func apiHandler(ix *search.Index) http.Handler {
	// The catalog ix was opened on: search.Embedded opens the embedded one.
	cat, err := catalog.Embedded()
	if err != nil {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "the catalog does not load: "+err.Error(), http.StatusServiceUnavailable)
		})
	}
	return api.New(api.Config{Catalog: cat, Index: ix, Guides: api.RenderGuides(cat, guide.Render)})
}
