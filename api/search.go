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
	UnknownCode *catalog.UnknownCode `json:"unknown_code,omitempty"`
	Provider    string               `json:"provider,omitempty"`
	Protocol    string               `json:"protocol,omitempty"`
	Limit       int                  `json:"limit"`
	Offset      int                  `json:"offset"`
	// Total counts the results of every page.
	Total int   `json:"total"`
	Hits  []Hit `json:"hits"`
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
	out := SearchResult{Query: q, UnknownCode: res.Unknown, Provider: sreq.Provider, Protocol: sreq.Protocol, Limit: limit, Offset: offset, Total: res.Total, Hits: make([]Hit, len(res.Hits))}
	for i, hit := range res.Hits {
		out.Hits[i] = Hit{Summary: summary(hit.Entry), Match: string(hit.Match), Snippet: hit.Snippet}
		if out.Hits[i].Snippet == nil {
			out.Hits[i].Snippet = []search.Fragment{}
		}
	}
	return jsonResponse(http.StatusOK, out)
}
