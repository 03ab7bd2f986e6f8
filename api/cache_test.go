package api

import (
	"net/http"
	"testing"
)

func TestConditionalGET(t *testing.T) {
	h := handler(t)
	first := do(t, h, "GET", "/v1/search?q=invalid_grant&limit=5", nil, "")
	tag := first.Header.Get("ETag")
	if first.StatusCode != 200 || tag == "" {
		t.Fatalf("first GET: %d, ETag %q", first.StatusCode, tag)
	}
	tests := []struct {
		name, target, ifNoneMatch string
		status                    int
	}{
		{"same request", "/v1/search?q=invalid_grant&limit=5", tag, 304},
		{"query in another order", "/v1/search?limit=5&q=invalid_grant", tag, 304},
		{"weak form, as a compressing CDN sends it", "/v1/search?q=invalid_grant&limit=5", "W/" + tag, 304},
		{"in a list", "/v1/search?q=invalid_grant&limit=5", `"x", ` + tag, 304},
		{"any", "/v1/search?q=invalid_grant&limit=5", "*", 304},
		{"list with a comma inside a tag", "/v1/search?q=invalid_grant&limit=5", `"a,b", W/"c", ` + tag, 304},
		{"list of stale tags", "/v1/search?q=invalid_grant&limit=5", `"a", "b"`, 200},
		{"a tag cut off", "/v1/search?q=invalid_grant&limit=5", `"` + tag[1:10], 200},
		{"another query", "/v1/search?q=invalid_grant&limit=6", tag, 200},
		{"another path", "/v1/lookup?q=invalid_grant&limit=5", tag, 400},
		{"stale tag", "/v1/search?q=invalid_grant&limit=5", `"0000"`, 200},
		{"an error is never 304", "/v1/codes/entra/nothing", "*", 404},
		{"decode is never 304", "/v1/decode?input=x", "*", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := do(t, h, "GET", tt.target, http.Header{"If-None-Match": {tt.ifNoneMatch}}, "")
			body := readBody(t, resp)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.status == 304 {
				if body != "" || resp.Header.Get("ETag") != tag || resp.Header.Get("Cache-Control") != "public, max-age=300" || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
					t.Errorf("304 with body %q, headers %v", body, resp.Header)
				}
			}
		})
	}
}

// TestETagsDiffer: distinct answers never share a tag, and the tag follows
// the catalog version.
func TestETagsDiffer(t *testing.T) {
	h := handler(t)
	seen := map[string]string{}
	for _, target := range []string{"/v1/codes/entra/AADSTS50011", "/v1/codes/entra/AADSTS50012", "/v1/lookup?code=50011", "/v1/search?q=50011", "/v1/search?q=50011&limit=2", "/v1/providers", "/v1/openapi.json"} {
		tag := do(t, h, "GET", target, nil, "").Header.Get("ETag")
		if tag == "" {
			t.Errorf("%s: no ETag", target)
		}
		if other, dup := seen[tag]; dup {
			t.Errorf("%s and %s share ETag %s", target, other, tag)
		}
		seen[tag] = target
	}
	if etag("v1", "/v1/providers", nil) == etag("v2", "/v1/providers", nil) {
		t.Error("the ETag ignores the catalog version")
	}
}

func TestCORS(t *testing.T) {
	h := handler(t)
	tests := []struct {
		name, target string
		header       http.Header
		allow        string
	}{
		{"preflight for a JSON POST", "/v1/decode", http.Header{"Origin": {"https://app.example"}, "Access-Control-Request-Method": {"POST"}, "Access-Control-Request-Headers": {"content-type"}}, "GET, HEAD, POST, OPTIONS"},
		{"preflight for a conditional GET", "/v1/codes/entra/AADSTS50011", http.Header{"Origin": {"https://app.example"}, "Access-Control-Request-Method": {"GET"}, "Access-Control-Request-Headers": {"if-none-match"}}, "GET, HEAD, OPTIONS"},
		{"plain OPTIONS", "/v1/search", nil, "GET, HEAD, OPTIONS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := do(t, h, "OPTIONS", tt.target, tt.header, "")
			if body := readBody(t, resp); resp.StatusCode != 204 || body != "" {
				t.Fatalf("status %d, body %q", resp.StatusCode, body)
			}
			want := map[string]string{"Access-Control-Allow-Origin": "*", "Allow": tt.allow}
			if tt.header != nil {
				want["Access-Control-Allow-Methods"] = tt.allow
				want["Access-Control-Allow-Headers"] = "Content-Type, If-None-Match"
				want["Access-Control-Max-Age"] = "86400"
			}
			for k, v := range want {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if resp.Header.Get("Access-Control-Allow-Credentials") != "" {
				t.Error("credentials allowed")
			}
		})
	}
	resp := do(t, h, "OPTIONS", "/v1/nothing", http.Header{"Access-Control-Request-Method": {"GET"}}, "")
	if resp.StatusCode != 404 {
		t.Errorf("preflight to an unknown route: %d, want 404", resp.StatusCode)
	}
}

// TestIfNoneMatchLines: the tag is found on any line of If-None-Match, as a
// client sends several or as the worker's glue splits one at its commas
// (there, a single header "other", "<etag>" once answered 200).
func TestIfNoneMatchLines(t *testing.T) {
	h := handler(t)
	target := "/v1/codes/entra/AADSTS50011"
	tag := do(t, h, "GET", target, nil, "").Header.Get("ETag")
	for _, lines := range [][]string{
		{`"other"`, tag},
		{`"other"`, " " + tag},
		{`"other", "more"`, `W/` + tag},
	} {
		if resp := do(t, h, "GET", target, http.Header{"If-None-Match": lines}, ""); resp.StatusCode != 304 {
			t.Errorf("If-None-Match lines %q: status %d, want 304", lines, resp.StatusCode)
		}
	}
	if resp := do(t, h, "GET", target, http.Header{"If-None-Match": {`"other"`, `"more"`}}, ""); resp.StatusCode != 200 {
		t.Errorf("stale lines: status %d, want 200", resp.StatusCode)
	}
}
