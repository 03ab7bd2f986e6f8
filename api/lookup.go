package api

import (
	"fmt"
	"net/http"
)

// LookupResult is the answer of /v1/lookup: every entry the code names.
type LookupResult struct {
	Query   string  `json:"query"`
	Matches []Entry `json:"matches"`
}

// lookup answers GET /v1/lookup?code=: the forgiving lookup of catalog.Lookup
// (any case, with or without the provider's prefix, aliases, names).
func (h *Handler) lookup(req *request) *response {
	code, bad := req.text("code")
	if bad != nil {
		return bad
	}
	found := h.cfg.Catalog.Lookup(code)
	if len(found) == 0 {
		return h.unknownCode(req.Context(), fmt.Sprintf("No entry has the code, alias or name %q.", code), code, "")
	}
	res := LookupResult{Query: code, Matches: make([]Entry, len(found))}
	for i, e := range found {
		res.Matches[i] = h.entry(e, false)
	}
	return jsonResponse(http.StatusOK, res)
}
