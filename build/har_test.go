package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/decode"
)

// -regenerate-har rewrites the committed HAR fixture of the decoder
// (catalog/decode/testdata/har) from a fresh recording.
var regenerateHAR = flag.Bool("regenerate-har", false, "rewrite catalog/decode/testdata/har/entra-aadsts50105.har from a fresh Chromium recording")

// The secrets the sign-in servers hand out, each unique, so that a test can
// look for every one of them in a sanitized HAR. Same shapes as real ones,
// values made up.
var harSecrets = struct {
	appSession, nonceCookie, esctx, estsAuth, flowToken, password, code, verifier, refresh string
}{
	appSession:  "CfDJ8Nq2wAppSessionQ7mZ0f9rVb3LkT5sXyH1uPdE4cWnJ6aG",
	nonceCookie: "OpenIdConnect.nonce.Zk93mQpL2vR8sT1xW4yB7nC0dF6gH5jK",
	esctx:       "PAQABBwEAAAA-esctx-3x8Qv2LmN7pR4sT9wY1zB6cD0fG5hJ",
	estsAuth:    "0.AUcA-ESTSAUTH-m9Kp2Lq7Rs4Tv1Wx8Yz3Ab6Cd0Ef5Gh",
	flowToken:   "AQABIQEAAAB-flowToken-7yH2kL9mN4pQ1rS6tU3vW8xZ0",
	password:    "Tr0ub4dor&3-horse-battery",
	code:        "1.AUcA-authcode-Q2w3E4r5T6y7U8i9O0pA1sD2fG3hJ4kL5zX6cV7bN8m",
	verifier:    "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
	refresh:     "1.AUcA-refresh-M0nB9vC8xZ7lK6jH5gF4dS3aP2oI1uY0",
}

// harJWT is a token of the right shape for the fixture (not signed by anyone).
func harJWT(claims string) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"typ":"JWT","alg":"RS256","kid":"fixture-key"}`)) + "." + enc.EncodeToString([]byte(claims)) + ".c2lnbmF0dXJlLW9mLXRoZS1maXh0dXJlLW5vdC12YWxpZC1hdC1hbGwtYW55d2hlcmU"
}

// signInServers plays an app and an Entra-like identity provider on
// 127.0.0.1: the app signs in with the authorization code flow, exchanges
// the code from the browser (a SPA), then asks for an admin scope, which
// the identity provider refuses with AADSTS50105 in the redirect.
func signInServers(t *testing.T) (app, idp *httptest.Server) {
	t.Helper()
	const tenant = "00000000-0000-0000-0000-00000000aaaa"
	const clientID = "11111111-2222-3333-4444-555555555555"
	accessToken := harJWT(`{"aud":"00000003-0000-0000-c000-000000000000","iss":"https://sts.windows.net/` + tenant + `/","iat":1780000000,"nbf":1780000000,"exp":1780003600,"appid":"` + clientID + `","upn":"user@example.com","scp":"openid profile"}`)
	idToken := harJWT(`{"aud":"` + clientID + `","iss":"https://login.microsoftonline.com/` + tenant + `/v2.0","iat":1780000000,"nbf":1780000000,"exp":1780003600,"name":"Sam Example","preferred_username":"user@example.com","nonce":"n-0S6_WzA2Mj"}`)
	idpMux := http.NewServeMux()
	app = httptest.NewServer(nil)
	idp = httptest.NewServer(idpMux)
	t.Cleanup(app.Close)
	t.Cleanup(idp.Close)
	redirect := app.URL + "/signin-oidc"
	authorize := func(scope, prompt string) string {
		q := url.Values{"client_id": {clientID}, "response_type": {"code"}, "redirect_uri": {redirect}, "scope": {scope},
			"state": {"CfDJ8state" + prompt}, "nonce": {"n-0S6_WzA2Mj"}, "response_mode": {"query"},
			"code_challenge": {"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"}, "code_challenge_method": {"S256"}}
		if prompt != "" {
			q.Set("prompt", prompt)
		}
		return idp.URL + "/" + tenant + "/oauth2/v2.0/authorize?" + q.Encode()
	}
	appMux := http.NewServeMux()
	appMux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "OpenIdConnect.nonce", Value: harSecrets.nonceCookie, Path: "/", HttpOnly: true})
		http.Redirect(w, r, authorize("openid profile", ""), http.StatusFound)
	})
	appMux.HandleFunc("GET /wrong", func(w http.ResponseWriter, r *http.Request) {
		// A deployment whose callback path was renamed: not registered.
		q, _ := url.ParseQuery(strings.SplitN(authorize("openid profile", ""), "?", 2)[1])
		q.Set("redirect_uri", app.URL+"/signin-oidc/")
		http.Redirect(w, r, idp.URL+"/"+tenant+"/oauth2/v2.0/authorize?"+q.Encode(), http.StatusFound)
	})
	appMux.HandleFunc("GET /admin", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, authorize("openid https://graph.microsoft.com/Directory.ReadWrite.All", "none"), http.StatusFound)
	})
	appMux.HandleFunc("GET /signin-oidc", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Query().Has("error") {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, "<!doctype html><title>Sign-in failed</title><p id=done>Sign-in failed: %s</p>", r.URL.Query().Get("error"))
			return
		}
		http.SetCookie(w, &http.Cookie{Name: ".AspNetCore.Session", Value: harSecrets.appSession, Path: "/", HttpOnly: true})
		body := url.Values{"grant_type": {"authorization_code"}, "client_id": {clientID}, "code": {r.URL.Query().Get("code")},
			"code_verifier": {harSecrets.verifier}, "redirect_uri": {redirect}}.Encode()
		fmt.Fprintf(w, `<!doctype html><title>Signing in</title><p>Signing in…</p><script>
fetch(%q, {method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded"}, body: %q})
  .then(r => r.json()).then(() => setTimeout(() => { location.href = "/admin"; }, 300));
</script>`, idp.URL+"/"+tenant+"/oauth2/v2.0/token", body)
	})
	app.Config.Handler = appMux
	idpMux.HandleFunc("GET /{tenant}/oauth2/v2.0/authorize", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("redirect_uri") != redirect {
			// Entra's way: an error page of its own, the message in the page
			// and in its configuration script; no redirect to an unregistered URI.
			msg := "AADSTS50011: The redirect URI '" + q.Get("redirect_uri") + "' specified in the request does not match the redirect URIs configured for the application '" + clientID + "'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal."
			cfg, _ := json.Marshal(map[string]any{"iErrorCode": 50011, "strServiceExceptionMessage": msg, "correlationId": "9f8e7d6c-1111-2222-3333-444455556666"})
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!doctype html><title>Sign in to your account</title><script>$Config=%s;</script><div id="done"><p>Sorry, but we're having trouble signing you in.</p><p>%s</p></div>`, cfg, html.EscapeString(msg))
			return
		}
		if q.Get("prompt") == "none" {
			// The user is signed in, but not assigned to the app for this request.
			back := q.Get("redirect_uri") + "?" + url.Values{"error": {"access_denied"}, "state": {q.Get("state")},
				"error_description": {"AADSTS50105: The signed in user 'user@example.com' is not assigned to a role for the application '" + clientID + "'(Fixture App). Trace ID: 0b1c2d3e-aaaa-bbbb-cccc-123456789abc Correlation ID: 9f8e7d6c-1111-2222-3333-444455556666 Timestamp: 2026-06-01 12:00:00Z"}}.Encode()
			http.Redirect(w, r, back, http.StatusFound)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: "esctx", Value: harSecrets.esctx, Path: "/", Secure: true, HttpOnly: true})
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><title>Sign in to your account</title>
<form method="post" action="/%s/login"><input type="hidden" name="flowToken" value="%s"><input type="hidden" name="ctx" value="%s">
<input id="login" name="login" type="email"><input id="passwd" name="passwd" type="password"><button id="submit" type="submit">Sign in</button></form>`,
			tenant, harSecrets.flowToken, html.EscapeString(r.URL.RawQuery))
	})
	idpMux.HandleFunc("POST /{tenant}/login", func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil || r.PostForm.Get("passwd") != harSecrets.password {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		orig, _ := url.ParseQuery(r.PostForm.Get("ctx"))
		http.SetCookie(w, &http.Cookie{Name: "ESTSAUTH", Value: harSecrets.estsAuth, Path: "/", Secure: true, HttpOnly: true})
		http.Redirect(w, r, orig.Get("redirect_uri")+"?"+url.Values{"code": {harSecrets.code}, "state": {orig.Get("state")}, "session_state": {"5f6e7d8c-0000-4444-8888-aaaabbbbcccc"}}.Encode(), http.StatusFound)
	})
	idpMux.HandleFunc("POST /{tenant}/oauth2/v2.0/token", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", app.URL)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		json.NewEncoder(w).Encode(map[string]any{"token_type": "Bearer", "scope": "openid profile", "expires_in": 3599,
			"access_token": accessToken, "id_token": idToken, "refresh_token": harSecrets.refresh})
	})
	return app, idp
}

// harRecorder turns Chromium's network events (CDP) into HAR 1.2 entries,
// as the developer tools' "Export HAR" does.
type harRecorder struct {
	ctx     context.Context // the browser's, to fetch bodies with
	bodyWG  sync.WaitGroup
	mu      sync.Mutex
	entries []*harEntryOut
	open    map[network.RequestID]*harEntryOut
	// Raw headers (with Cookie and Set-Cookie), in the order of the hops
	// of a request id's redirect chain.
	reqExtra  map[network.RequestID][]network.Headers
	respExtra map[network.RequestID][]network.Headers
	finished  []network.RequestID
}

type harEntryOut struct {
	id       network.RequestID
	hop      int
	started  time.Time
	request  *network.Request
	response *network.Response
	resType  network.ResourceType
	body     string
	encoded  bool
}

func newHARRecorder() *harRecorder {
	return &harRecorder{open: map[network.RequestID]*harEntryOut{}, reqExtra: map[network.RequestID][]network.Headers{}, respExtra: map[network.RequestID][]network.Headers{}}
}

func (h *harRecorder) listen(ev any) {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		hop := 0
		if prev, ok := h.open[e.RequestID]; ok && e.RedirectResponse != nil {
			prev.response = e.RedirectResponse
			hop = prev.hop + 1
		}
		sec := e.WallTime.Float64()
		started := time.Unix(int64(sec), int64((sec-float64(int64(sec)))*1e9))
		entry := &harEntryOut{id: e.RequestID, hop: hop, started: started, request: e.Request, resType: e.Type}
		h.entries = append(h.entries, entry)
		h.open[e.RequestID] = entry
	case *network.EventRequestWillBeSentExtraInfo:
		h.reqExtra[e.RequestID] = append(h.reqExtra[e.RequestID], e.Headers)
	case *network.EventResponseReceivedExtraInfo:
		h.respExtra[e.RequestID] = append(h.respExtra[e.RequestID], e.Headers)
	case *network.EventResponseReceived:
		if entry, ok := h.open[e.RequestID]; ok {
			entry.response = e.Response
		}
	case *network.EventLoadingFinished:
		h.finished = append(h.finished, e.RequestID)
		entry := h.open[e.RequestID]
		if entry == nil {
			return
		}
		// Fetched at once: the browser forgets a page's bodies when it
		// navigates away. Never from the listener itself, which must not block.
		h.bodyWG.Add(1)
		go func() {
			defer h.bodyWG.Done()
			res, err := chromedp.Call(h.ctx, network.GetResponseBody, network.GetResponseBodyParams{RequestID: e.RequestID})
			if err != nil {
				return // a request without a body (a redirect, a 204)
			}
			h.mu.Lock()
			entry.body = string(res.Body)
			h.mu.Unlock()
		}()
	}
}

type harNV struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

func headerList(hs network.Headers) []harNV {
	out := []harNV{}
	for k, v := range hs {
		for _, line := range strings.Split(fmt.Sprint(v), "\n") {
			out = append(out, harNV{k, line})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Name < out[j].Name || out[i].Name == out[j].Name && out[i].Value < out[j].Value
	})
	return out
}

// har writes the recording as a HAR 1.2 document.
func (h *harRecorder) har(browserVersion string) ([]byte, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	type obj = map[string]any
	var entries []obj
	for _, e := range h.entries {
		if e.response == nil || !strings.HasPrefix(e.request.URL, "http") {
			continue
		}
		reqHeaders := e.request.Headers
		if extra := h.reqExtra[e.id]; e.hop < len(extra) {
			reqHeaders = extra[e.hop]
		}
		respHeaders := e.response.Headers
		if extra := h.respExtra[e.id]; e.hop < len(extra) {
			respHeaders = extra[e.hop]
		}
		u, err := url.Parse(e.request.URL)
		if err != nil {
			return nil, err
		}
		query := []harNV{}
		for k, vs := range u.Query() {
			for _, v := range vs {
				query = append(query, harNV{k, v})
			}
		}
		sort.Slice(query, func(i, j int) bool { return query[i].Name < query[j].Name })
		cookies := []obj{}
		for _, hd := range headerList(reqHeaders) {
			if strings.EqualFold(hd.Name, "Cookie") {
				for _, c := range strings.Split(hd.Value, ";") {
					name, value, _ := strings.Cut(strings.TrimSpace(c), "=")
					cookies = append(cookies, obj{"name": name, "value": value})
				}
			}
		}
		setCookies := []obj{}
		location := ""
		for _, hd := range headerList(respHeaders) {
			switch {
			case strings.EqualFold(hd.Name, "Set-Cookie"):
				name, rest, _ := strings.Cut(hd.Value, "=")
				value, _, _ := strings.Cut(rest, ";")
				setCookies = append(setCookies, obj{"name": name, "value": value})
			case strings.EqualFold(hd.Name, "Location"):
				location = hd.Value
			}
		}
		request := obj{"method": e.request.Method, "url": e.request.URL, "httpVersion": "HTTP/1.1", "headers": headerList(reqHeaders),
			"queryString": query, "cookies": cookies, "headersSize": -1, "bodySize": 0}
		if e.request.HasPostData {
			text := ""
			for _, pe := range e.request.PostDataEntries {
				text += string(pe.Bytes)
			}
			mime := ""
			for k, v := range reqHeaders {
				if strings.EqualFold(k, "Content-Type") {
					mime = fmt.Sprint(v)
				}
			}
			post := obj{"mimeType": mime, "text": text}
			if strings.Contains(mime, "x-www-form-urlencoded") {
				params := []harNV{}
				if form, err := url.ParseQuery(text); err == nil {
					for k, vs := range form {
						for _, v := range vs {
							params = append(params, harNV{k, v})
						}
					}
				}
				sort.Slice(params, func(i, j int) bool { return params[i].Name < params[j].Name })
				post["params"] = params
			}
			request["postData"] = post
			request["bodySize"] = len(text)
		}
		content := obj{"size": len(e.body), "mimeType": e.response.MimeType}
		if e.body != "" {
			content["text"] = e.body
		}
		entries = append(entries, obj{
			"startedDateTime": e.started.UTC().Format(time.RFC3339Nano),
			"time":            0,
			"request":         request,
			"response": obj{"status": e.response.Status, "statusText": e.response.StatusText, "httpVersion": "HTTP/1.1",
				"headers": headerList(respHeaders), "cookies": setCookies, "content": content, "redirectURL": location,
				"headersSize": -1, "bodySize": len(e.body)},
			"cache":         obj{},
			"timings":       obj{"send": 0, "wait": 0, "receive": 0},
			"_resourceType": strings.ToLower(string(e.resType)),
		})
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false) // as browsers write it
	enc.SetIndent("", "  ")
	err := enc.Encode(obj{"log": obj{
		"version": "1.2",
		"creator": obj{"name": "authcodes build/har_test.go (Chromium DevTools Protocol)", "version": browserVersion},
		"pages":   []obj{},
		"entries": entries,
	}})
	return bytes.TrimSuffix(out.Bytes(), []byte("\n")), err
}

// recordSignIn drives headless Chromium through the failing sign-in and
// returns the HAR of it.
func recordSignIn(t *testing.T) []byte {
	t.Helper()
	app, _ := signInServers(t)
	return recordHAR(t, 5,
		chromedp.Navigate(app.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#passwd")),
		chromedp.SendKeys(chromedp.CSS("#login"), "user@example.com"),
		chromedp.SendKeys(chromedp.CSS("#passwd"), harSecrets.password),
		chromedp.Click(chromedp.CSS("#submit")),
	)
}

// recordMismatch drives Chromium to an authorization request whose
// redirect_uri is not registered: the identity provider shows AADSTS50011
// on its own page, as Entra does, and redirects nowhere.
func recordMismatch(t *testing.T) []byte {
	t.Helper()
	app, _ := signInServers(t)
	return recordHAR(t, 2, chromedp.Navigate(app.URL+"/wrong"))
}

// recordHAR runs actions in a fresh headless Chromium until the page shows
// #done and at least finished requests have loaded, and returns the HAR of
// all it requested.
func recordHAR(t *testing.T, finished int, actions ...chromedp.Action[chromedp.Void]) []byte {
	t.Helper()
	ctx := newBrowser(t)
	rec := newHARRecorder()
	rec.ctx = ctx
	if err := chromedp.Listen(ctx, rec.listen); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
	wait, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(wait, chromedp.WaitVisible(chromedp.CSS("#done"))); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + " " + document.body.innerText`))
		t.Fatalf("the sign-in did not end on an error page (at %s): %v", loc, err)
	}
	version, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.userAgent`))
	if err != nil {
		t.Fatal(err)
	}
	// The last events may still be on their way: wait until the failing
	// page has finished loading, and for the bodies.
	for range 100 {
		rec.mu.Lock()
		n := len(rec.finished)
		rec.mu.Unlock()
		if n >= finished {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	rec.bodyWG.Wait()
	har, err := rec.har(version)
	if err != nil {
		t.Fatal(err)
	}
	return har
}

// The committed recordings the decoder's own tests read.
const (
	harFixture         = "../catalog/decode/testdata/har/entra-aadsts50105.har"
	harMismatchFixture = "../catalog/decode/testdata/har/entra-aadsts50011.har"
)

// TestHARFromChromium records a failed Entra-like sign-in in headless
// Chromium, exported as HAR, and checks that the decoder names the failing
// step with the Entra code first, and that the sanitized HAR keeps no
// cookie, password, code or token. With -regenerate-har it rewrites the
// committed fixture.
func TestHARFromChromium(t *testing.T) {
	har, mismatch := recordSignIn(t), recordMismatch(t)
	if *regenerateHAR {
		for file, b := range map[string][]byte{harFixture: har, harMismatchFixture: mismatch} {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, append(b, '\n'), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	cat, err := catalog.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	r, err := decode.New(cat).DecodeHAR(context.Background(), bytes.NewReader(har), decode.HAROptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkFailedEntraSignIn(t, r)
	var out bytes.Buffer
	if err := decode.SanitizeHAR(context.Background(), &out, bytes.NewReader(har), decode.HAROptions{}); err != nil {
		t.Fatal(err)
	}
	checkSanitized(t, har, out.Bytes())
	// The identity provider's own error page, no redirect.
	r, err = decode.New(cat).DecodeHAR(context.Background(), bytes.NewReader(mismatch), decode.HAROptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.FailedStep != 2 || r.Steps[1].Role != decode.StepAuthorize || len(r.Matches) == 0 || r.Matches[0].ID != "entra/AADSTS50011" {
		t.Errorf("the AADSTS50011 page: failed step %d of %+v, matches %v; want step 2, the authorization request, and entra/AADSTS50011", r.FailedStep, r.Steps, r.Matches)
	}
}

func checkFailedEntraSignIn(t *testing.T, r *decode.Result) {
	t.Helper()
	if r.Kind != decode.KindHAR {
		t.Errorf("kind = %s", r.Kind)
	}
	if r.FailedStep == 0 || r.FailedStep > len(r.Steps) {
		t.Fatalf("failed step %d of %d steps: %+v", r.FailedStep, len(r.Steps), r.Steps)
	}
	st := r.Steps[r.FailedStep-1]
	if st.Role != decode.StepAuthorize || !strings.Contains(st.Location, "error=access_denied") {
		t.Errorf("failing step = %+v, want the second authorization request, redirecting with the error", st)
	}
	if len(r.Matches) == 0 || r.Matches[0].ID != "entra/AADSTS50105" {
		t.Errorf("first match = %v, want entra/AADSTS50105", r.Matches)
	}
}

// checkSanitized: no secret of the recording survives sanitizing, and the
// output is a HAR with every entry.
func checkSanitized(t *testing.T, orig, clean []byte) {
	t.Helper()
	secrets := []string{harSecrets.appSession, harSecrets.nonceCookie, harSecrets.esctx, harSecrets.estsAuth, harSecrets.flowToken,
		harSecrets.password, url.QueryEscape(harSecrets.password), harSecrets.code, url.QueryEscape(harSecrets.code), harSecrets.verifier, harSecrets.refresh}
	// And every token the recording carries, found by their shape.
	for _, part := range strings.FieldsFunc(string(orig), func(r rune) bool { return strings.ContainsRune("\"\\ &=;,:", r) }) {
		if strings.HasPrefix(part, "eyJ") && strings.Count(part, ".") == 2 {
			secrets = append(secrets, part[strings.LastIndexByte(part, '.')+1:]) // its signature
		}
	}
	for _, s := range secrets {
		if !bytes.Contains(orig, []byte(s)) && !strings.Contains(s, "%") {
			t.Errorf("the recording does not carry %q: the test would prove nothing", s)
		}
		if bytes.Contains(clean, []byte(s)) {
			t.Errorf("the sanitized HAR still holds %q", s)
		}
	}
	var in, out struct {
		Log struct {
			Version string            `json:"version"`
			Entries []json.RawMessage `json:"entries"`
		} `json:"log"`
	}
	if err := json.Unmarshal(orig, &in); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(clean, &out); err != nil {
		t.Fatalf("the sanitized HAR is not JSON: %v", err)
	}
	if out.Log.Version != "1.2" || len(out.Log.Entries) != len(in.Log.Entries) {
		t.Errorf("sanitized: version %q, %d entries; want 1.2 and %d", out.Log.Version, len(out.Log.Entries), len(in.Log.Entries))
	}
}
