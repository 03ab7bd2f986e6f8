package api

import (
	_ "embed"
	"net/http"
)

// openAPIDocument describes every route of the API (OpenAPI 3.1). A test
// checks that it lists exactly the routes of routeTable, with their methods.
//
//go:embed openapi.json
var openAPIDocument []byte

// OpenAPI returns the API's OpenAPI 3.1 document.
func OpenAPI() []byte { return openAPIDocument }

// openAPI answers GET /v1/openapi.json.
func (h *Handler) openAPI(*request) *response {
	return &response{status: http.StatusOK, contentType: "application/json", body: openAPIDocument, header: http.Header{}}
}
