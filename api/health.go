package api

import "net/http"

// Health is the answer of /v1/health.
type Health struct {
	Status string `json:"status"`
	// Version identifies the catalog's content (catalog.Catalog.Version).
	Version   string `json:"version"`
	Entries   int    `json:"entries"`
	Providers int    `json:"providers"`
}

// health answers GET /v1/health.
func (h *Handler) health(*request) *response {
	cat := h.cfg.Catalog
	return jsonResponse(http.StatusOK, Health{Status: "ok", Version: cat.Version(), Entries: len(cat.Entries()), Providers: len(cat.Providers())})
}
