package api

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
	"github.com/authcodes/authcodes/guide"
)

// fixedNow is the decoder's clock in tests, so answers do not age.
var fixedNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

var testHandler = sync.OnceValues(func() (*Handler, error) {
	cat, err := catalog.Embedded()
	if err != nil {
		return nil, err
	}
	ix, err := search.Embedded()
	if err != nil {
		return nil, err
	}
	return New(Config{Catalog: cat, Index: ix, Guides: RenderGuides(cat, guide.Render), Now: func() time.Time { return fixedNow }}), nil
})

func handler(t testing.TB) *Handler {
	t.Helper()
	h, err := testHandler()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// do sends one request through the handler and returns the recorded answer.
func do(t testing.TB, h http.Handler, method, target string, header http.Header, body string) *http.Response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, rd)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func readBody(t testing.TB, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// decodeJSON unmarshals a body into v, failing the test on invalid JSON.
func decodeJSON(t testing.TB, body string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("invalid JSON (%v): %.300s", err, body)
	}
}
