package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestServerMountsTheAPI: the local server answers /v1/ with the API, not
// with the site's pages, headers or 404.
func TestServerMountsTheAPI(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct {
		method, path string
		header       http.Header
		status       int
		contentType  string
		contains     string
	}{
		{"GET", "/v1/codes/entra/AADSTS50011", nil, 200, "application/json", `"guide_html":"\u003ch2`},
		{"GET", "/v1/search?q=invalid_grant", nil, 200, "application/json", `"hits":[{"id":"oauth2/invalid_grant"`},
		{"GET", "/v1/nothing", nil, 404, "application/problem+json", `"status":404`},
		{"POST", "/v1/decode", http.Header{"Content-Type": {"text/plain"}}, 200, "application/json", `"kind":`},
		{"OPTIONS", "/v1/decode", http.Header{"Origin": {"https://app.example"}, "Access-Control-Request-Method": {"POST"}}, 204, "", ""},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, srv.URL+tt.path, strings.NewReader("AADSTS50011"))
		for k, v := range tt.header {
			req.Header[k] = v
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || resp.Header.Get("Content-Type") != tt.contentType || !strings.Contains(string(body), tt.contains) {
			t.Errorf("%s %s: %d %q, want %d %q with %s: %.200s", tt.method, tt.path, resp.StatusCode, resp.Header.Get("Content-Type"), tt.status, tt.contentType, tt.contains, body)
		}
		if resp.Header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("%s %s: no CORS header", tt.method, tt.path)
		}
	}
}
