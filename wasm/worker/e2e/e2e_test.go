package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authcodes/authcodes/catalog/decode"
	"github.com/authcodes/authcodes/internal/hostile"
)

// call is one request of the end-to-end tests.
type call struct {
	method, path string
	header       http.Header
	body         string
}

func (c call) String() string { return fmt.Sprintf("%s %.100s", c.method, c.path) }

func (c call) request(base string) *http.Request {
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	req, err := http.NewRequest(c.method, base+c.path, body)
	if err != nil {
		panic(err)
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	return req
}

// answer is what a request got back, reduced to what must agree.
type answer struct {
	status  int
	headers map[string]string
	body    []byte
}

// comparedHeaders are the headers the worker and the native handler must agree on.
var comparedHeaders = []string{"Content-Type", "Cache-Control", "ETag", "Allow", "Accept-Post",
	"Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Max-Age",
	"Content-Security-Policy", "X-Content-Type-Options"}

func reduce(status int, h http.Header, body []byte) answer {
	a := answer{status: status, headers: map[string]string{}, body: body}
	for _, k := range comparedHeaders {
		a.headers[k] = h.Get(k)
	}
	return a
}

func nativeAnswer(tb testing.TB, c call) answer {
	rec := httptest.NewRecorder()
	req := c.request("http://127.0.0.1")
	nativeHandler(tb).ServeHTTP(rec, req)
	body := rec.Body.Bytes()
	if c.method == http.MethodHead {
		body = nil
	}
	return reduce(rec.Code, rec.Header(), body)
}

var client = &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

func workerAnswer(base string, c call) (answer, error) {
	resp, err := client.Do(c.request(base))
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return answer{}, err
	}
	if len(body) == 0 {
		body = nil
	}
	return reduce(resp.StatusCode, resp.Header, body), nil
}

// differ says how two answers differ, comparing JSON bodies as values.
func differ(got, want answer) string {
	if got.status != want.status {
		return fmt.Sprintf("status %d, native %d: %.300s", got.status, want.status, got.body)
	}
	for k, v := range want.headers {
		if g := got.headers[k]; g != v {
			return fmt.Sprintf("%s %q, native %q", k, g, v)
		}
	}
	if strings.Contains(want.headers["Content-Type"], "json") && want.body != nil {
		var g, w any
		if err := json.Unmarshal(got.body, &g); err != nil {
			return fmt.Sprintf("invalid JSON: %v: %.300s", err, got.body)
		}
		json.Unmarshal(want.body, &w)
		if !reflect.DeepEqual(g, w) {
			return fmt.Sprintf("body\n%.600s\nnative\n%.600s", got.body, want.body)
		}
		return ""
	}
	if !bytes.Equal(got.body, want.body) {
		return fmt.Sprintf("body (%d bytes)\n%.600s\nnative (%d bytes)\n%.600s", len(got.body), got.body, len(want.body), want.body)
	}
	return ""
}

var (
	plainText = http.Header{"Content-Type": {"text/plain; charset=utf-8"}}
	jsonBody  = http.Header{"Content-Type": {"application/json"}}
	formBody  = http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
)

// calls covers every route of the worker, good and bad.
var calls = []call{
	{"GET", "/v1/codes/entra/AADSTS50011", nil, ""},
	{"GET", "/v1/codes/oauth2/invalid_grant", nil, ""},
	{"GET", "/v1/codes/saml/AuthnFailed", nil, ""},
	{"HEAD", "/v1/codes/entra/AADSTS50011", nil, ""},
	{"GET", "/v1/codes/entra/aadsts50011", nil, ""},
	{"GET", "/v1/codes/nobody/E0000011", nil, ""},
	{"GET", "/v1/codes/entra/%FF%FE", nil, ""},
	{"GET", "/v1/lookup?code=" + url.QueryEscape("aadsts 50011"), nil, ""},
	{"GET", "/v1/lookup?code=invalid_grant", nil, ""},
	{"GET", "/v1/lookup?code=" + url.QueryEscape("Error #101"), nil, ""},
	{"GET", "/v1/lookup?code=nothing-like-it", nil, ""},
	{"GET", "/v1/lookup", nil, ""},
	{"GET", "/v1/lookup?code=%C3%28", nil, ""},
	{"GET", "/v1/search?q=invalid_grant", nil, ""},
	{"GET", "/v1/search?q=" + url.QueryEscape("user is not assigned to the application"), nil, ""},
	{"GET", "/v1/search?q=AADSTS5001&limit=5&offset=5", nil, ""},
	{"GET", "/v1/search?q=token&provider=okta&protocol=oauth2&limit=3", nil, ""},
	{"GET", "/v1/search?q=x&limit=ten", nil, ""},
	{"GET", "/v1/search?q=x&limit=1000000000000000000000", nil, ""},
	{"GET", "/v1/search?q=x&offset=-1", nil, ""},
	{"GET", "/v1/search?q=x&provider=nobody", nil, ""},
	{"GET", "/v1/search?q=" + strings.Repeat("y", 2000), nil, ""},
	{"GET", "/v1/decode?input=" + url.QueryEscape("https://app.example/cb?error=access_denied&error_description=AADSTS50105&state=xyz"), nil, ""},
	{"POST", "/v1/decode", plainText, `{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]}`},
	{"POST", "/v1/decode", jsonBody, `{"input":"error=invalid_grant&error_description=Bad+code&code=SplxlOBeZQQYbYS6WxSbIA"}`},
	{"POST", "/v1/decode", formBody, "input=" + url.QueryEscape("E0000011")},
	{"POST", "/v1/decode", http.Header{"Content-Type": {"application/xml"}}, "<x/>"},
	{"POST", "/v1/decode", plainText, ""},
	{"POST", "/v1/decode", plainText, "\xff\xfe\xfd"},
	{"POST", "/v1/decode", jsonBody, "{\"input\":\"a\xffb\"}"},
	{"POST", "/v1/decode", jsonBody, `{"input":"a\ud800b"}`},
	{"POST", "/v1/decode", plainText, strings.Repeat("a", 300<<10)},
	{"PUT", "/v1/decode", plainText, "x"},
	{"GET", "/v1/providers", nil, ""},
	{"GET", "/v1/openapi.json", nil, ""},
	{"GET", "/v1/health", nil, ""},
	{"GET", "/v1/nothing", nil, ""},
	{"POST", "/v1/providers", plainText, "x"},
	{"OPTIONS", "/v1/decode", http.Header{"Origin": {"https://app.example"}, "Access-Control-Request-Method": {"POST"}, "Access-Control-Request-Headers": {"content-type"}}, ""},
	{"OPTIONS", "/v1/search", nil, ""},
	{"GET", "/search/?q=AADSTS999123", nil, ""},
	{"GET", "/search/?q=" + url.QueryEscape("<script>alert(1)</script>"), nil, ""},
	{"GET", "/search/?q=x&provider=nobody", nil, ""},
}

// TestWorkerAnswersLikeNative sends every call to the worker under workerd
// and to the same handler natively: status, headers and bodies agree.
func TestWorkerAnswersLikeNative(t *testing.T) {
	base := workerURL(t)
	for _, c := range calls {
		t.Run(c.String(), func(t *testing.T) {
			got, err := workerAnswer(base, c)
			if err != nil {
				t.Fatal(err)
			}
			if d := differ(got, nativeAnswer(t, c)); d != "" {
				t.Error(d)
			}
		})
	}
}

// TestWorkerStatuses pins the statuses that matter, as the worker answers them.
func TestWorkerStatuses(t *testing.T) {
	base := workerURL(t)
	tests := []struct {
		call   call
		status int
		header [2]string
	}{
		{call{"GET", "/v1/codes/entra/AADSTS50011", nil, ""}, 200, [2]string{"Cache-Control", "public, max-age=300"}},
		{call{"GET", "/v1/codes/entra/nothing", nil, ""}, 404, [2]string{"Content-Type", "application/problem+json"}},
		{call{"GET", "/v1/search?q=x&limit=ten", nil, ""}, 400, [2]string{"Access-Control-Allow-Origin", "*"}},
		{call{"POST", "/v1/decode", plainText, strings.Repeat("a", 300<<10)}, 413, [2]string{"Content-Type", "application/problem+json"}},
		{call{"POST", "/v1/decode", http.Header{"Content-Type": {"application/xml"}}, "<x/>"}, 415, [2]string{"Accept-Post", "text/plain, application/x-www-form-urlencoded, application/json, application/har+json"}},
		{call{"POST", "/v1/decode", plainText, "AADSTS50011"}, 200, [2]string{"Cache-Control", "no-store"}},
		{call{"DELETE", "/v1/health", nil, ""}, 405, [2]string{"Allow", "GET, HEAD, OPTIONS"}},
		{call{"GET", "/v1/nothing", nil, ""}, 404, [2]string{"Content-Type", "application/problem+json"}},
		{call{"OPTIONS", "/v1/codes/entra/AADSTS50011", http.Header{"Origin": {"https://x.example"}, "Access-Control-Request-Method": {"GET"}}, ""}, 204, [2]string{"Access-Control-Allow-Methods", "GET, HEAD, OPTIONS"}},
		{call{"GET", "/search/?q=AADSTS50011", nil, ""}, 302, [2]string{"Location", "/entra/AADSTS50011/"}},
		{call{"GET", "/search/?q=invalid_grant", nil, ""}, 200, [2]string{"Content-Type", "text/html; charset=utf-8"}},
		{call{"GET", "/?code=50011", nil, ""}, 302, [2]string{"Location", "/search/?q=50011"}},
		{call{"GET", "/", nil, ""}, 200, [2]string{"X-Frame-Options", "DENY"}},
		// Not the worker: static assets, with the site's _headers and _redirects.
		{call{"GET", "/entra/aadsts50011/", nil, ""}, 301, [2]string{"Location", "/entra/AADSTS50011/"}},
		{call{"GET", "/entra/50011/", nil, ""}, 301, [2]string{"Location", "/entra/AADSTS50011/"}},
		{call{"GET", "/okta/e0000011/", nil, ""}, 301, [2]string{"Location", "/okta/E0000011/"}},
		{call{"GET", "/lookup/50011", nil, ""}, 302, [2]string{"Location", "/search/?q=50011"}},
		{call{"GET", "/search/", nil, ""}, 200, [2]string{"X-Frame-Options", "DENY"}},
		{call{"GET", "/entra/AADSTS50011/", nil, ""}, 200, [2]string{"X-Content-Type-Options", "nosniff"}},
		{call{"GET", "/no/such/page/", nil, ""}, 404, [2]string{}},
	}
	noFollow := &http.Client{Transport: client.Transport, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tt := range tests {
		resp, err := noFollow.Do(tt.call.request(base))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s: %d, want %d", tt.call, resp.StatusCode, tt.status)
		}
		if k := tt.header[0]; k != "" && resp.Header.Get(k) != tt.header[1] {
			t.Errorf("%s: %s = %q, want %q", tt.call, k, resp.Header.Get(k), tt.header[1])
		}
	}
}

// TestWorkerRevalidates: an ETag from the worker gets a 304 from it.
func TestWorkerRevalidates(t *testing.T) {
	base := workerURL(t)
	c := call{"GET", "/v1/search?q=invalid_grant&limit=3", nil, ""}
	first, err := workerAnswer(base, c)
	if err != nil {
		t.Fatal(err)
	}
	tag := first.headers["ETag"]
	if first.status != 200 || tag == "" {
		t.Fatalf("first: %d, ETag %q", first.status, tag)
	}
	c.header = http.Header{"If-None-Match": {tag}}
	again, err := workerAnswer(base, c)
	if err != nil {
		t.Fatal(err)
	}
	if again.status != http.StatusNotModified || again.body != nil || again.headers["ETag"] != tag {
		t.Errorf("revalidation: %d, ETag %q, %d bytes", again.status, again.headers["ETag"], len(again.body))
	}
	// A list in one header, which the workers glue splits at its commas:
	// the tag is found wherever it stands, as natively.
	for _, inm := range []string{`"other", ` + tag, `"a,b", W/` + tag} {
		c.header = http.Header{"If-None-Match": {inm}}
		listed, err := workerAnswer(base, c)
		if err != nil {
			t.Fatal(err)
		}
		if native := nativeAnswer(t, c); listed.status != http.StatusNotModified || native.status != http.StatusNotModified {
			t.Errorf("If-None-Match %s: worker %d, native %d, want 304", inm, listed.status, native.status)
		}
	}
}

// TestWorkerUnderConcurrency sends 200 requests at once, mixing the routes:
// every one succeeds with the native handler's answer, so one Go instance
// serves overlapping requests correctly.
func TestWorkerUnderConcurrency(t *testing.T) {
	base := workerURL(t)
	mix := []call{
		{"GET", "/v1/lookup?code=AADSTS50011", nil, ""},
		{"GET", "/v1/search?q=" + url.QueryEscape("redirect uri mismatch"), nil, ""},
		{"GET", "/v1/search?q=E00000&limit=20", nil, ""},
		{"GET", "/v1/codes/okta/E0000011", nil, ""},
		{"GET", "/v1/codes/entra/nothing", nil, ""},
		{"GET", "/v1/providers", nil, ""},
		{"GET", "/v1/health", nil, ""},
		{"POST", "/v1/decode", jsonBody, `{"input":"https://app.example/cb?error=login_required&state=abc"}`},
		{"GET", "/search/?q=invalid_grant", nil, ""},
		{"GET", "/v1/search?q=x&limit=0", nil, ""},
	}
	want := make([]answer, len(mix))
	for i, c := range mix {
		want[i] = nativeAnswer(t, c)
	}
	const n = 200
	var wg sync.WaitGroup
	errs := make(chan string, n)
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			c := mix[i%len(mix)]
			got, err := workerAnswer(base, c)
			if err != nil {
				errs <- fmt.Sprintf("%s: %v", c, err)
				return
			}
			if d := differ(got, want[i%len(mix)]); d != "" {
				errs <- fmt.Sprintf("%s: %s", c, d)
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	failures := 0
	for e := range errs {
		if failures++; failures <= 5 {
			t.Error(e)
		}
	}
	if failures > 0 {
		t.Errorf("%d of %d concurrent requests failed", failures, n)
	}
}

// TestWorkerHostileInputs posts each hostile input (internal/hostile) at the
// input limit to the worker: each is answered as natively, with a result
// under a megabyte. The time each took is logged for BENCHMARKS.md, never
// compared.
func TestWorkerHostileInputs(t *testing.T) {
	base := workerURL(t)
	for _, in := range hostile.Inputs(decode.MaxInputBytes) {
		c := call{"POST", "/v1/decode", plainText, in.Text}
		start := time.Now()
		got, err := workerAnswer(base, c)
		took := time.Since(start)
		if err != nil {
			t.Fatalf("%s: %v", in.Name, err)
		}
		want := nativeAnswer(t, c)
		t.Logf("%s: %d bytes in, %d out, %v", in.Name, len(in.Text), len(got.body), took)
		if got.status != want.status {
			t.Errorf("%s: status %d, native %d: %.300s", in.Name, got.status, want.status, got.body)
		}
		if len(got.body) > 1<<20 {
			t.Errorf("%s: the answer is %d bytes, over a megabyte", in.Name, len(got.body))
		}
	}
}

// TestWorkerStartsGoAtIsolateStart: Go runs before the isolate's first
// request, so no request's handler starts it. worker.mjs says in every
// answer's Server-Timing where the Go instance serving it started: at
// isolate start, or in the handler of a request that found none running.
func TestWorkerStartsGoAtIsolateStart(t *testing.T) {
	base := workerURL(t)
	for _, path := range []string{"/v1/health", "/v1/lookup?code=AADSTS50011", "/search/?q=invalid_grant"} {
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if got, want := resp.Header.Get("Server-Timing"), "go-start;desc=isolate"; got != want {
			t.Errorf("%s: Server-Timing %q, want %q (Go must start when the isolate does, not in a request)", path, got, want)
		}
	}
}
