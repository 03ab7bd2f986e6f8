package edge

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/authcodes/authcodes/api"
	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
	"github.com/authcodes/authcodes/guide"
	"github.com/authcodes/authcodes/site"
)

// inputs builds what the generator embeds in the worker.
func inputs(t *testing.T) Inputs {
	t.Helper()
	cat, err := catalog.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	bin, err := cat.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	guides, err := api.WriteGuides(cat, guide.Render)
	if err != nil {
		t.Fatal(err)
	}
	return Inputs{Catalog: bin, Index: search.EmbeddedBytes(), Guides: guides, Origin: "https://authcodes.test"}
}

func TestHandler(t *testing.T) {
	h, err := New(inputs(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		method, target string
		status         int
		contains       string
		header         [2]string
	}{
		{"GET", "/v1/codes/entra/AADSTS50011", 200, `"guide_html":"\u003ch2`, [2]string{"Access-Control-Allow-Origin", "*"}},
		{"GET", "/v1/health", 200, `"status":"ok"`, [2]string{"Cache-Control", "no-store"}},
		{"GET", "/v1/nothing", 404, `"status":404`, [2]string{"Content-Type", "application/problem+json"}},
		{"GET", "/search/?q=AADSTS50011", 302, "", [2]string{"Location", "/entra/AADSTS50011/"}},
		{"GET", "/search/?q=invalid_grant", 200, `href="/oauth2/invalid_grant/"`, [2]string{"Content-Security-Policy", site.ContentSecurityPolicy}},
		{"GET", "/?code=50011", 302, "", [2]string{"Location", "/search/?q=50011"}},
		{"GET", "/search/?q=%3Cscript%3E", 200, "&lt;script&gt;", [2]string{"X-Content-Type-Options", "nosniff"}},
		{"GET", "/search/?q=x&provider=nobody", 400, "no provider", [2]string{}},
		{"POST", "/search/?q=x", 405, "", [2]string{"Allow", "GET, HEAD"}},
		{"GET", "/entra/AADSTS50011/", 404, "", [2]string{}},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.target, nil))
		body, _ := io.ReadAll(rec.Result().Body)
		if rec.Code != tt.status || !strings.Contains(string(body), tt.contains) {
			t.Errorf("%s %s: %d, want %d with %q: %.300s", tt.method, tt.target, rec.Code, tt.status, tt.contains, body)
		}
		if k := tt.header[0]; k != "" && rec.Header().Get(k) != tt.header[1] {
			t.Errorf("%s %s: %s = %q, want %q", tt.method, tt.target, k, rec.Header().Get(k), tt.header[1])
		}
	}
}

func TestBrokenInputs(t *testing.T) {
	good := inputs(t)
	if _, err := New(Inputs{Catalog: good.Catalog[:100], Index: good.Index, Guides: good.Guides}); err == nil {
		t.Error("New accepted a broken catalog")
	}
	// The index and the guides are read on first use: a broken one fails
	// the requests that need it, and only those.
	tests := []struct {
		name   string
		in     Inputs
		target string
		status int
		absent string
	}{
		{"index", Inputs{Catalog: good.Catalog, Index: []byte("nope"), Guides: good.Guides}, "/v1/search?q=x", 500, ""},
		{"index", Inputs{Catalog: good.Catalog, Index: []byte("nope"), Guides: good.Guides}, "/search/?q=x", 503, ""},
		{"index", Inputs{Catalog: good.Catalog, Index: []byte("nope"), Guides: good.Guides}, "/v1/lookup?code=AADSTS50011", 200, ""},
		{"guides", Inputs{Catalog: good.Catalog, Index: good.Index, Guides: good.Guides[:50]}, "/v1/codes/entra/AADSTS50011", 200, "guide_html"},
	}
	for _, tt := range tests {
		h, err := New(tt.in)
		if err != nil {
			t.Fatalf("broken %s: %v", tt.name, err)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", tt.target, nil))
		if rec.Code != tt.status || tt.absent != "" && strings.Contains(rec.Body.String(), tt.absent) {
			t.Errorf("broken %s, GET %s: %d, want %d: %.200s", tt.name, tt.target, rec.Code, tt.status, rec.Body)
		}
	}
	rec := httptest.NewRecorder()
	Failed(errors.New("no catalog")).ServeHTTP(rec, httptest.NewRequest("GET", "/v1/health", nil))
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "no catalog") {
		t.Errorf("Failed: %d %s", rec.Code, rec.Body)
	}
}
