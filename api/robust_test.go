package api

import (
	"bytes"
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostile are inputs a client might send to break the API.
var hostile = []string{
	"", " ", "\x00", "\xff", "%", "%%", "%zz", "a\u0000b", "\u202e", strings.Repeat("é", 600), strings.Repeat("x", 1<<16),
	"../../etc/passwd", "<script>alert(1)</script>", `{"input":`, "9223372036854775808", "-1", "1e9", "NaN",
	"AADSTS", "E000", "urn:oasis:names:tc:SAML:2.0:status:", "*", "?", "~", "\"'`", "eyJhbGciOiJub25lIn0.eyJ9.",
}

// TestNoClientInputReachesA500 throws hostile values at every parameter and
// body of every route: whatever comes back, it is not a 5xx.
func TestNoClientInputReachesA500(t *testing.T) {
	h := handler(t)
	var targets []string
	for _, v := range hostile {
		e := url.PathEscape(v)
		q := url.QueryEscape(v)
		targets = append(targets,
			"/v1/codes/"+e+"/"+e, "/v1/codes/entra/"+e, "/v1/lookup?code="+q, "/v1/search?q="+q, "/v1/search?q=x&provider="+q,
			"/v1/search?q=x&protocol="+q, "/v1/search?q=x&limit="+q, "/v1/search?q=x&offset="+q, "/v1/decode?input="+q, "/v1/"+e,
			"/v1/lookup?"+e, "/v1/search?"+e)
	}
	for _, target := range targets {
		for _, method := range []string{"GET", "HEAD", "OPTIONS", "POST", "PATCH"} {
			if resp := do(t, h, method, target, nil, ""); resp.StatusCode >= 500 {
				t.Errorf("%s %.80q: %d", method, target, resp.StatusCode)
			}
		}
	}
	for _, v := range hostile {
		for _, ct := range []string{"", "text/plain", "application/json", "application/x-www-form-urlencoded", "text/html", v} {
			resp := do(t, h, "POST", "/v1/decode", http.Header{"Content-Type": {ct}}, v)
			if resp.StatusCode >= 500 {
				t.Errorf("POST /v1/decode (%.40q) %.80q: %d", ct, v, resp.StatusCode)
			}
		}
	}
}

// TestPOSTWithoutBody: the worker's requests carry no body at all (nil, not
// http.NoBody) when none was sent.
func TestPOSTWithoutBody(t *testing.T) {
	req := httptest.NewRequest("POST", "/v1/decode", nil)
	req.Body = nil
	rec := httptest.NewRecorder()
	handler(t).ServeHTTP(rec, req)
	if rec.Code != http.StatusBadRequest {
		t.Errorf("status %d: %s", rec.Code, rec.Body)
	}
}

// FuzzHandler checks the same for arbitrary paths, queries and bodies.
func FuzzHandler(f *testing.F) {
	for _, v := range hostile {
		f.Add("/v1/search", "q="+url.QueryEscape(v), "text/plain", v)
	}
	f.Add("/v1/codes/entra/AADSTS50011", "", "", "")
	f.Add("/v1/decode", "", "application/json", `{"input":"error=access_denied"}`)
	h := handler(f)
	f.Fuzz(func(t *testing.T, path, query, contentType, body string) {
		if !strings.HasPrefix(path, "/") || !utf8.ValidString(path) || strings.ContainsAny(path, " ?#\x00\r\n") {
			return
		}
		u := &url.URL{Path: path, RawQuery: query}
		if _, err := url.ParseRequestURI(u.String()); err != nil {
			return
		}
		for _, method := range []string{"GET", "POST"} {
			req, err := http.NewRequest(method, u.String(), strings.NewReader(body))
			if err != nil {
				return
			}
			req.Header.Set("Content-Type", contentType)
			rec := newRecorder()
			h.ServeHTTP(rec, req)
			if rec.status >= 500 {
				t.Fatalf("%s %s (%q, %q): %d", method, u, contentType, body, rec.status)
			}
		}
	})
}

// TestPanicsBecomeProblems: a failure inside a handler is a 500 problem, not
// a dropped connection.
func TestPanicsBecomeProblems(t *testing.T) {
	h := handler(t)
	broken := New(Config{Catalog: h.cfg.Catalog, Index: h.cfg.Index, Guides: panickingGuides{}})
	resp := do(t, broken, "GET", "/v1/codes/entra/AADSTS50011", nil, "")
	body := readBody(t, resp)
	if resp.StatusCode != 500 || resp.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(body, `"status":500`) || strings.Contains(body, "boom") {
		t.Errorf("status %d, %s", resp.StatusCode, body)
	}
}

type panickingGuides struct{}

func (panickingGuides) HTML(string) (string, bool) { panic("boom") }

// TestDecodeNeverLogsItsInput: the decoder's input holds secrets; nothing of
// it may reach a log, whatever the request's fate.
func TestDecodeNeverLogsItsInput(t *testing.T) {
	h := handler(t)
	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(os.Stderr)
	const secret = "client_secret=s3cr3t-DO-NOT-LOG"
	for _, body := range []string{secret, secret + "\x00", strings.Repeat(secret, 10000)} {
		do(t, h, "POST", "/v1/decode", http.Header{"Content-Type": {"text/plain"}}, body)
		do(t, h, "GET", "/v1/decode?input="+url.QueryEscape(body), nil, "")
	}
	if strings.Contains(logged.String(), "s3cr3t") {
		t.Errorf("the input was logged: %q", logged.String())
	}
}

// recorder is a minimal http.ResponseWriter for the fuzzer (httptest's
// recorder is fine too, but keeps every body).
type recorder struct {
	header http.Header
	status int
}

func newRecorder() *recorder { return &recorder{header: http.Header{}} }

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = 200
	}
	return len(b), nil
}
func (r *recorder) WriteHeader(status int) { r.status = status }

// TestChunkedBodyOverTheLimit: a body of unknown length is cut off at
// 256 KiB while reading, with the same 413 as a declared one.
func TestChunkedBodyOverTheLimit(t *testing.T) {
	for _, size := range []int{256 << 10, 256<<10 + 1, 300 << 10} {
		req := httptest.NewRequest("POST", "/v1/decode", io.MultiReader(strings.NewReader(strings.Repeat("a", size))))
		req.ContentLength = -1
		req.Header.Set("Content-Type", "text/plain")
		rec := httptest.NewRecorder()
		handler(t).ServeHTTP(rec, req)
		want := http.StatusRequestEntityTooLarge
		if size <= 256<<10 {
			want = http.StatusOK
		}
		if rec.Code != want {
			t.Errorf("%d bytes: %d, want %d", size, rec.Code, want)
		}
	}
}

// TestDecodeClientGone: a decode whose client has gone is not carried out.
func TestDecodeClientGone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequestWithContext(ctx, "POST", "/v1/decode", strings.NewReader("error=invalid_grant&state=x"))
	req.Header.Set("Content-Type", "text/plain")
	rec := httptest.NewRecorder()
	handler(t).ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable || strings.Contains(rec.Body.String(), "invalid_grant") {
		t.Errorf("status %d, body %s: want 503 and no result", rec.Code, rec.Body)
	}
}
