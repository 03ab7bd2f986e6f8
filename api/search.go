package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
)

// SearchResult is one page of search results.
type SearchResult struct {
	Query string `json:"query"`
	// UnknownCode is set when the query holds a code-shaped word that no
	// entry carries; the hits are then other codes.
	UnknownCode *UnlistedCode `json:"unknown_code,omitempty"`
	Provider    string        `json:"provider,omitempty"`
	Protocol    string        `json:"protocol,omitempty"`
	Limit       int           `json:"limit"`
	Offset      int           `json:"offset"`
	// Total counts the results of every page.
	Total int `json:"total"`
	// Capped says that text matches stopped at the most search collects:
	// Total is then a floor ("200+"), not a count.
	Capped bool  `json:"capped,omitempty"`
	Hits   []Hit `json:"hits"`
}

// UnlistedCode is a code-shaped word of the query that no entry carries,
// with the name of the provider whose shape it has, as a page shows it.
type UnlistedCode struct {
	catalog.UnknownCode
	ProviderName string `json:"provider_name"`
}

// Hit is one search result: the entry, why it matched, and a snippet of its
// summary with the matched words marked.
type Hit struct {
	Summary
	// Match is "code" (the query is its code or an alias), "prefix" (the
	// start of its code), "text" (words of its title, summary or phrases) or
	// "near" (a code like the unknown one the query holds, not the same).
	Match   string            `json:"match"`
	Snippet []search.Fragment `json:"snippet"`
	// ProviderName is the provider's name as a result list shows it.
	ProviderName string `json:"provider_name"`
}

// maxOffset bounds paging: search stops collecting text matches long before.
const maxOffset = 10000

// search answers GET /v1/search?q=&provider=&protocol=&limit=&offset=.
func (h *Handler) search(req *request) *response {
	q, bad := req.text("q")
	if bad != nil {
		return bad
	}
	limit, bad := req.integer("limit", search.DefaultLimit, 1, search.MaxLimit)
	if bad != nil {
		return bad
	}
	offset, bad := req.integer("offset", 0, 0, maxOffset)
	if bad != nil {
		return bad
	}
	sreq := search.Request{Query: q, Provider: req.query.Get("provider"), Protocol: req.query.Get("protocol"), Limit: limit, Offset: offset}
	res, err := h.cfg.Index.Search(req.Context(), sreq)
	switch {
	case errors.Is(err, search.ErrBadRequest):
		// The index's message starts "bad search request: "; the problem's title says that already.
		_, detail, _ := strings.Cut(err.Error(), ": ")
		return badRequest(detail)
	case err != nil:
		return problemResponse(http.StatusInternalServerError, typeInternal, "The search failed.")
	}
	out := SearchResult{Query: q, Provider: sreq.Provider, Protocol: sreq.Protocol, Limit: limit, Offset: offset, Total: res.Total, Capped: res.Capped, Hits: make([]Hit, len(res.Hits))}
	if u := res.Unknown; u != nil {
		out.UnknownCode = &UnlistedCode{UnknownCode: *u, ProviderName: h.providerName(u.Provider)}
	}
	for i, hit := range res.Hits {
		out.Hits[i] = Hit{Summary: summary(hit.Entry), Match: string(hit.Match), Snippet: hit.Snippet, ProviderName: h.providerName(hit.Entry.Provider)}
		if out.Hits[i].Snippet == nil {
			out.Hits[i].Snippet = []search.Fragment{}
		}
	}
	return jsonResponse(http.StatusOK, out)
}

// providerName is the name of the provider with that key, or the key when
// the catalog has no such provider.
func (h *Handler) providerName(key string) string {
	if p, ok := h.cfg.Catalog.Provider(key); ok {
		return p.Name
	}
	return key
}
