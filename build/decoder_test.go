package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/decode"
	"github.com/authcodes/authcodes/internal/hostile"
)

// requestLog records every request the test server receives, so that a test
// can prove that nothing a user pasted reached it.
type requestLog struct {
	mu   sync.Mutex
	seen []string
}

func (l *requestLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		l.mu.Lock()
		l.seen = append(l.seen, r.Method+" "+r.URL.String()+" "+fmt.Sprint(r.Header)+" "+string(body))
		l.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

func (l *requestLog) containing(s string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, r := range l.seen {
		if strings.Contains(r, s) {
			out = append(out, r)
		}
	}
	return out
}

// pasteAndExplain puts input into the decoder and waits for its explanation.
func pasteAndExplain(ctx context.Context, input string) error {
	js, _ := json.Marshal(input)
	return chromedp.Do(ctx,
		discard(chromedp.Evaluate[bool](`(() => { const i = document.getElementById("input"); i.value = `+string(js)+`; document.getElementById("explain").click(); return true })()`)),
		discard(chromedp.Poll[bool](`document.querySelector("#result .explain") !== null && document.getElementById("status").textContent === ""`)),
	)
}

func samlResponse(status, second string) string {
	xml := `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="2026-11-21T10:00:00Z" Destination="https://sp.example.com/acs" InResponseTo="_req42">` +
		`<saml:Issuer>https://idp.example.org/saml</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:` + status + `">` +
		`<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:` + second + `"/></samlp:StatusCode><samlp:StatusMessage>The user could not be authenticated</samlp:StatusMessage></samlp:Status></samlp:Response>`
	return base64.StdEncoding.EncodeToString([]byte(xml))
}

// TestDecoderExplainsFailures pastes a Microsoft, an Okta, a SAML and a
// TrivoreID failure and checks the explanation names the entry the native
// decoder puts first.
func TestDecoderExplainsFailures(t *testing.T) {
	base := serveLiveSite(t)
	ctx := newBrowser(t)
	cat, err := catalog.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	native := decode.New(cat)
	tests := []struct {
		name, input, code string
	}{
		{"microsoft", "https://app.example.com/signin-oidc?error=invalid_request&error_description=AADSTS50011%3A+The+redirect+URI+%27https%3A%2F%2Fapp.example.com%2Fcb%27+specified+in+the+request+does+not+match.%0D%0ATrace+ID%3A+0000aaaa&error_uri=https%3A%2F%2Flogin.microsoftonline.com%2Ferror%3Fcode%3D50011&state=s7Qp", "AADSTS50011"},
		{"okta", `{"errorCode":"E0000011","errorSummary":"Invalid token provided","errorLink":"E0000011","errorId":"oaeXn2qC1JcTIuVzmA9YbEw","errorCauses":[]}`, "E0000011"},
		{"saml", "SAMLResponse=" + url.QueryEscape(samlResponse("Responder", "AuthnFailed")), "AuthnFailed"},
		{"trivoreid", "https://service.example.fi/login/callback?error=auth_fail&error_description=You+are+unable+to+sign-in%21+%28TID-AEX-1030%29&state=Zx81", "TID-AEX-1030"},
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/decode/"), moduleReady); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := native.Decode(tt.input, decode.Options{})
			if err != nil || len(res.Matches) == 0 {
				t.Fatalf("native decoder: %v, %d matches", err, len(res.Matches))
			}
			if got := res.Matches[0].Code; got != tt.code {
				t.Fatalf("native decoder's first match is %s, want %s", got, tt.code)
			}
			if err := pasteAndExplain(ctx, tt.input); err != nil {
				t.Fatal(err)
			}
			heading, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#result .card h2")))
			if err != nil {
				t.Fatal(err)
			}
			if want := tt.code + ": " + res.Matches[0].Title; heading != want {
				t.Errorf("explanation heading %q, want %q", heading, want)
			}
			steps, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#result .card ol li").length`))
			if err != nil || steps == 0 {
				t.Errorf("no fix steps shown (%v)", err)
			}
		})
	}
}

// TestDecoderSendsNothing pastes a response full of secrets and checks that
// no request, from the page or its worker, carried any part of it, and that
// the share link keeps it in the fragment, masked.
func TestDecoderSendsNothing(t *testing.T) {
	ctx, log, pageRequests, _ := recordedDecoder(t)
	const code = "SplxlOBeZQQYbYS6WxSbIA-unique-auth-code"
	const state = "st-8f3k2-unique-state"
	input := "https://app.example.com/cb?code=" + code + "&state=" + state + "&error=access_denied&error_description=user+cancelled+zz-unique-description"
	if err := pasteAndExplain(ctx, input); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#share")), discard(chromedp.Poll[bool](`location.hash.length > 1`))); err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{code, state, "zz-unique-description", "unique"} {
		if hits := log.containing(secret); len(hits) > 0 {
			t.Errorf("the server received %q: %v", secret, hits)
		}
		for _, r := range pageRequests() {
			if strings.Contains(r, secret) {
				t.Errorf("the page requested %q", r)
			}
		}
	}
	if len(log.containing("GET /decode/")) == 0 {
		t.Fatal("the recording front saw no request at all; the test proves nothing")
	}
	loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search + " " + decodeURIComponent(location.hash)`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(loc, code) || strings.HasPrefix(loc, "?") {
		t.Errorf("share link %q carries the code or uses the query", loc)
	}
	if !strings.Contains(loc, "zz-unique-description") {
		t.Errorf("share link %q lost the non-secret part of the input", loc)
	}
}

// xssPayloads are error_description values that try to get markup or script
// into the page.
var xssPayloads = []string{
	`<script>window.__xss=1</script>`,
	`<img src=x onerror="window.__xss=1">`,
	`<svg onload="window.__xss=1">`,
	`<svg><script>window.__xss=1</script></svg>`,
	`javascript:window.__xss=1`,
	`"><script>window.__xss=1</script>`,
	`'><img src=x onerror=window.__xss=1>`,
	`<iframe src="javascript:window.parent.__xss=1"></iframe>`,
	`<body onload="window.__xss=1">`,
	`<a href="javascript:window.__xss=1">click</a>`,
	`<math><mi xlink:href="javascript:window.__xss=1">x</mi></math>`,
	`<details open ontoggle="window.__xss=1">`,
	`<input autofocus onfocus="window.__xss=1">`,
	`<video><source onerror="window.__xss=1"></video>`,
	`<audio src=x onerror="window.__xss=1">`,
	`<marquee onstart="window.__xss=1">x</marquee>`,
	`<object data="javascript:window.__xss=1"></object>`,
	`<embed src="javascript:window.__xss=1">`,
	`<form><button formaction="javascript:window.__xss=1">x</button></form>`,
	`<style>@import 'javascript:window.__xss=1';</style>`,
	`<link rel=stylesheet href="javascript:window.__xss=1">`,
	`<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">`,
	`<base href="javascript:window.__xss=1//">`,
	`{{constructor.constructor('window.__xss=1')()}}`,
	"${window.__xss=1}",
	`<scr<script>ipt>window.__xss=1</scr</script>ipt>`,
	`%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E`,
	`&lt;script&gt;window.__xss=1&lt;/script&gt;`,
	`<img src=x:alert(alt) onerror=eval(src) alt=0>`,
	`" onmouseover="window.__xss=1`,
	`' autofocus onfocus='window.__xss=1`,
	`<svg><animate onbegin="window.__xss=1" attributeName=x dur=1s>`,
	`<x onclick="window.__xss=1">click</x>`,
	`<template><script>window.__xss=1</script></template>`,
	`<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">`,
	`data:text/html,<script>window.__xss=1</script>`,
}

// TestDecoderShowsPayloadsAsText pastes script payloads in error_description
// and checks each is shown as text: nothing runs, no element is created from
// it, and the Content-Security-Policy reports no violation.
func TestDecoderShowsPayloadsAsText(t *testing.T) {
	base := serveLiveSite(t)
	ctx := newBrowser(t)
	var violations, dialogs []string
	var mu sync.Mutex
	chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			dialogs = append(dialogs, e.Message)
		case *runtime.EventConsoleAPICalled:
			for _, a := range e.Args {
				if strings.Contains(string(a.Value), "securitypolicyviolation") {
					violations = append(violations, string(a.Value))
				}
			}
		}
	})
	// Record CSP violations from the moment the document starts.
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__violations = []; document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));`,
	}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/decode/"), moduleReady); err != nil {
		t.Fatal(err)
	}
	const dangerous = `#result script, #result img, #result svg, #result iframe, #result object, #result embed, #result video, #result audio, #result details, #result input, #result form, #result button, #result style, #result link, #result meta, #result base, #result marquee, #result math, #result template, #result noscript, #result x, #result body, #result a[href^="javascript"]`
	for i, payload := range xssPayloads {
		input := "https://app.example.com/cb?error=invalid_request&state=s" + fmt.Sprint(i) + "&error_description=" + url.QueryEscape(payload)
		if err := pasteAndExplain(ctx, input); err != nil {
			t.Fatalf("payload %d: %v", i, err)
		}
		check := `(() => {
			// A payload still percent-encoded is shown decoded, and as written beneath.
			const cells = Array.from(document.querySelectorAll("#result .fields td")).map(td => td.textContent);
			return JSON.stringify({
				shown: cells.some(c => c.includes(` + jsString(payload) + `)),
				elements: document.querySelectorAll(` + jsString(dangerous) + `).length,
				ran: window.__xss === 1,
				violations: window.__violations.length,
			});
		})()`
		out, err := chromedp.Run(ctx, chromedp.Evaluate[string](check))
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Shown      bool
			Elements   int
			Ran        bool
			Violations int
		}
		json.Unmarshal([]byte(out), &got)
		if !got.Shown || got.Elements != 0 || got.Ran || got.Violations != 0 {
			t.Errorf("payload %d %q: shown as text %v, elements %d, ran %v, CSP violations %d", i, payload, got.Shown, got.Elements, got.Ran, got.Violations)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(dialogs) > 0 || len(violations) > 0 {
		t.Errorf("dialogs %v, violations %v", dialogs, violations)
	}
	if len(xssPayloads) < 30 {
		t.Errorf("only %d payload kinds; want at least 30", len(xssPayloads))
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestDecoderMasksEveryCredentialKind pastes each kind of credential that
// share links once kept (issue 17) and checks that neither the page nor the
// share link shows it; personal data leaves the share link unless the user
// ticks the box to keep it.
func TestDecoderMasksEveryCredentialKind(t *testing.T) {
	base := serveLiveSite(t)
	ctx := newBrowser(t)
	const secret = "Zq8LmW2xRt5VbN7kPj4s"
	saml := `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="2026-11-21T10:00:00Z">` +
		`<saml:Issuer>https://idp.example.org/saml</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"/></samlp:Status>` +
		`<saml:Assertion ID="_a1" IssueInstant="2026-11-21T10:00:00Z"><saml:Subject><saml:NameID>jane.doe@contoso.com</saml:NameID></saml:Subject>` +
		`<saml:AttributeStatement><saml:Attribute Name="displayname"><saml:AttributeValue>Jane Doe</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>`
	claims := base64.RawURLEncoding.EncodeToString([]byte(`{"iss":"https://idp.example.org","aud":"app","exp":1,"sub":"u-77aa91","email":"jane.doe@contoso.com","name":"Jane Doe"}`))
	jwt := "eyJhbGciOiJSUzI1NiJ9." + claims + ".c2lnbmF0dXJlLXNpZ25hdHVyZQ"
	credentials := []struct{ name, input string }{
		{"GitHub token scheme", "Authorization: token ghp_" + secret},
		{"other scheme", "Authorization: SSWS 00" + secret},
		{"X-Auth-Token", "X-Auth-Token: " + secret},
		{"SAML redirect Signature", "https://sp.example.com/acs?SAMLResponse=" + url.QueryEscape(samlResponse("Responder", "AuthnFailed")) + "&SigAlg=rsa-sha256&Signature=" + secret + "%3D"},
		{"Azure SAS sig", "https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&sr=b&sig=" + secret + "%3D"},
		{"pwd", "https://app.example.com/login?user=jane&pwd=" + secret},
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/decode/"), moduleReady); err != nil {
		t.Fatal(err)
	}
	shareLink := func(keep bool) (string, error) {
		if err := chromedp.Do(ctx,
			discard(chromedp.Evaluate[bool](`(() => { document.getElementById("keep-personal").checked = `+fmt.Sprint(keep)+`; history.replaceState(null, "", location.pathname); document.getElementById("share").click(); return true })()`)),
			discard(chromedp.Poll[bool](`location.hash.length > 1`)),
		); err != nil {
			return "", err
		}
		return chromedp.Run(ctx, chromedp.Evaluate[string](`decodeURIComponent(location.hash)`))
	}
	for _, c := range credentials {
		t.Run(c.name, func(t *testing.T) {
			if err := pasteAndExplain(ctx, c.input); err != nil {
				t.Fatal(err)
			}
			shown, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#result")))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(shown, secret[:12]) {
				t.Errorf("the page shows the credential: %s", shown)
			}
			for _, keep := range []bool{false, true} {
				link, err := shareLink(keep)
				if err != nil {
					t.Fatal(err)
				}
				if strings.Contains(link, secret[:12]) {
					t.Errorf("the share link (keeping personal data: %v) keeps the credential: %s", keep, link)
				}
			}
		})
	}
	for name, input := range map[string]string{"JWT claims": jwt, "SAML NameID and attributes": base64.StdEncoding.EncodeToString([]byte(saml))} {
		t.Run(name, func(t *testing.T) {
			if err := pasteAndExplain(ctx, input); err != nil {
				t.Fatal(err)
			}
			link, err := shareLink(false)
			if err != nil {
				t.Fatal(err)
			}
			shown, err := decodedShareLink(link)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range []string{"jane.doe", "Jane Doe", "u-77aa91"} {
				if strings.Contains(link, p) || strings.Contains(shown, p) {
					t.Errorf("the share link keeps %q: %s", p, shown)
				}
			}
			if link, err = shareLink(true); err != nil {
				t.Fatal(err)
			}
			if shown, err = decodedShareLink(link); err != nil || !strings.Contains(shown, "jane.doe") {
				t.Errorf("kept, the share link lost the personal data (%v): %s", err, shown)
			}
		})
	}
}

// decodedShareLink is what a share link's input decodes to, natively.
func decodedShareLink(link string) (string, error) {
	res, err := decode.Decode(strings.TrimPrefix(link, "#"), decode.Options{})
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(res)
	return string(b), err
}

// TestDecoderHostileInputs runs each hostile input (internal/hostile) at
// the input limit through the browser module, decode and share-link mask
// alike: each result is under a megabyte. Times are logged for
// BENCHMARKS.md, never compared.
func TestDecoderHostileInputs(t *testing.T) {
	base := serveLiveSite(t)
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/decode/"), moduleReady); err != nil {
		t.Fatal(err)
	}
	for _, in := range hostile.Inputs(decode.MaxInputBytes) {
		run := `(() => { window.__hostile = null; const t0 = performance.now(); const input = ` + jsString(in.Text) + `;
			authcodes.call("decode", input).then((r) => { const t1 = performance.now();
				return authcodes.call("mask", input, false).then((m) => {
					window.__hostile = JSON.stringify({out: JSON.stringify(r).length, masked: (m.masked || "").length, error: m.error || "", decodeMs: t1 - t0, maskMs: performance.now() - t1});
				});
			}); return true })()`
		if err := chromedp.Do(ctx, discard(chromedp.Evaluate[bool](run)), discard(chromedp.Poll[bool](`window.__hostile !== null`))); err != nil {
			t.Fatalf("%s: %v", in.Name, err)
		}
		out, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.__hostile`))
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Out, Masked      int
			Error            string
			DecodeMs, MaskMs float64
		}
		json.Unmarshal([]byte(out), &got)
		t.Logf("%s: %d bytes in, result %d bytes (%.0f ms), masked %d bytes (%.0f ms)", in.Name, len(in.Text), got.Out, got.DecodeMs, got.Masked, got.MaskMs)
		if got.Error != "" || got.Out > 1<<20 || got.Masked > 1<<20 {
			t.Errorf("%s: result %d bytes, masked %d bytes, error %q", in.Name, got.Out, got.Masked, got.Error)
		}
	}
}
