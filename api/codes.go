package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
)

// maxSuggestions bounds the suggestions of an unknown-code problem.
const maxSuggestions = 5

// code answers GET /v1/codes/{provider}/{code}: one entry, by its exact id.
// Forgiving spellings belong to /v1/lookup; here a near miss is a 404 whose
// suggestions name the right entry.
func (h *Handler) code(req *request) *response {
	provider, code := req.params["provider"], req.params["code"]
	if bad := checkText("code", code); bad != nil {
		return bad
	}
	if bad := checkText("provider", provider); bad != nil {
		return bad
	}
	if e, ok := h.cfg.Catalog.Entry(provider + "/" + code); ok {
		return jsonResponse(http.StatusOK, h.entry(e, true))
	}
	detail := fmt.Sprintf("The catalog has no code %q at %q.", code, provider)
	if _, ok := h.cfg.Catalog.Provider(provider); !ok {
		detail = fmt.Sprintf("The catalog has no provider %q; GET /v1/providers lists them.", provider)
	}
	return h.unknownCode(req.Context(), detail, code, provider)
}

// unknownCode is a 404 problem with suggestions for what was asked.
func (h *Handler) unknownCode(ctx context.Context, detail, query, provider string) *response {
	return problemWith(Problem{
		Type: typeUnknownCode.uri, Title: typeUnknownCode.title, Status: http.StatusNotFound,
		Detail: detail, Suggestions: h.suggest(ctx, query, provider),
	})
}

// suggest finds entries close to a query that named no entry: the same code
// at any provider (that provider's first), then search results.
func (h *Handler) suggest(ctx context.Context, query, provider string) []Summary {
	found := h.cfg.Catalog.Lookup(query)
	slices.SortStableFunc(found, func(a, b *catalog.Entry) int {
		return b2i(a.Provider != provider) - b2i(b.Provider != provider)
	})
	// Search errors (a query the index refuses) only mean fewer suggestions.
	if res, err := h.cfg.Index.Search(ctx, search.Request{Query: query, Limit: maxSuggestions}); err == nil {
		for _, hit := range res.Hits {
			if !slices.Contains(found, hit.Entry) {
				found = append(found, hit.Entry)
			}
		}
	}
	out := []Summary{}
	for _, e := range found[:min(len(found), maxSuggestions)] {
		out = append(out, summary(e))
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
