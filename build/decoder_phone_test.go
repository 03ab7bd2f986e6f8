package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/decode"
)

// decoderOn opens the decoder page in a new browser at a viewport, its
// module open.
func decoderOn(t *testing.T, vp viewport) context.Context {
	t.Helper()
	base := serveLiveSite(t)
	ctx := newBrowser(t)
	vp.apply(ctx, t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/decode/"), moduleReady); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// TestEscapeClosesSuggestions types into every search box that has
// suggestions, on a desktop and on a phone, and presses Esc: the
// suggestions close and the query stays as typed (a search input's own Esc
// would empty it).
func TestEscapeClosesSuggestions(t *testing.T) {
	base := serveLiveSite(t)
	ctx := newBrowser(t)
	boxes := []struct{ path, id string }{
		{"/", "hq"},
		{"/providers/", "q"},
		{"/search/?q=consent", "sq"},
		{"/no/such/page/", "nq"},
	}
	const query = "invalid_grant"
	for _, vp := range viewports {
		vp.apply(ctx, t)
		for _, b := range boxes {
			where := fmt.Sprintf("#%s on %s at %dx%d", b.id, b.path, vp.width, vp.height)
			sel := chromedp.CSS("#" + b.id)
			err := chromedp.Do(ctx,
				chromedp.Navigate(base+b.path),
				moduleReady,
				discard(chromedp.Evaluate[bool](`(document.getElementById("`+b.id+`").value = "") === ""`)),
				chromedp.Click(sel),
				chromedp.SendKeys(sel, query),
			)
			if err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			open := `(l => l.dataset.query === "` + query + `" && !l.hidden && document.getElementById("` + b.id + `").getAttribute("aria-expanded"))(document.getElementById("` + b.id + `-results"))`
			if got, err := waitFor(ctx, `String(`+open+`)`, "true"); err != nil {
				t.Fatalf("%s: the suggestions did not open (%q): %v", where, got, err)
			}
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(i => JSON.stringify([i.value, document.getElementById(i.id + "-results").hidden, i.getAttribute("aria-expanded"), document.activeElement === i]))(document.getElementById("`+b.id+`"))`))
			if err != nil {
				t.Fatal(err)
			}
			if want := `["` + query + `",true,"false",true]`; got != want {
				t.Errorf("%s: after Esc [value, list hidden, aria-expanded, focused] = %s, want %s", where, got, want)
			}
		}
	}
}

// phoneJWT is an ID token whose claim names and values are long, as
// Entra's namespaced claims are.
var phoneJWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0." + base64.RawURLEncoding.EncodeToString([]byte(
	`{"iss":"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0","aud":"6731de76-14a6-49ae-97bc-6eba6914391e",`+
		`"http://schemas.microsoft.com/identity/claims/objectidentifier":"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",`+
		`"xms_pl":"en-US","exp":1893456000}`)) + ".c2lnbmF0dXJlLXNpZ25hdHVyZQ"

// TestDecoderFieldsTableWraps explains inputs with long field names and
// long unbroken values, on a desktop and on a phone: every name and value
// wraps inside its cell, the values get at least half the table's width,
// and neither the table nor the page scrolls sideways.
func TestDecoderFieldsTableWraps(t *testing.T) {
	base := serveLiveSite(t)
	ctx := newBrowser(t)
	inputs := []string{
		"https://app.example.com/signin-oidc?error=invalid_request&error_description=AADSTS50011%3A+The+redirect+URI+%27https%3A%2F%2Fapp.example.com%2Fsignin-oidc%2Fa-very-long-path-segment-without-any-break-0123456789abcdef%27+specified+in+the+request+does+not+match&state=9mQ2#id_token=" + phoneJWT,
		`{"errorCode":"E0000001","errorSummary":"Api validation failed: login","errorLink":"E0000001","errorId":"oaeXn2qC1JcTIuVzmA9YbEw","errorCauses":[{"errorSummary":"login: An object with this field already exists in the current organization"}],"aVeryLongFieldNameThatAnApiInventedForItsErrorBodies":"https://example.okta.com/api/v1/users/00u1abcdefGHIJKLMN0x7/lifecycle/activate?sendEmail=false"}`,
	}
	const measure = `(() => {
		const t = document.querySelector("#result table.fields");
		const rows = Array.from(t.rows);
		const cells = rows.flatMap((r) => Array.from(r.cells));
		return {
			screen: innerWidth,
			page: document.documentElement.scrollWidth,
			table: t.getBoundingClientRect().width,
			tableOverflow: t.scrollWidth - t.clientWidth,
			cellsOverflowing: cells.filter((c) => c.scrollWidth > c.clientWidth + 1).length,
			narrowestValue: Math.min(...rows.map((r) => r.cells[1].getBoundingClientRect().width)),
		};
	})()`
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/decode/"), moduleReady); err != nil {
		t.Fatal(err)
	}
	for _, vp := range viewports {
		vp.apply(ctx, t)
		for i, in := range inputs {
			if err := pasteAndExplain(ctx, in); err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]float64](measure))
			if err != nil {
				t.Fatal(err)
			}
			where := fmt.Sprintf("input %d at %dx%d", i, vp.width, vp.height)
			if got["page"] > got["screen"] || got["tableOverflow"] > 0 {
				t.Errorf("%s: the page is %.0f px wide on a %.0f px screen, the table overflows by %.0f px", where, got["page"], got["screen"], got["tableOverflow"])
			}
			if got["cellsOverflowing"] > 0 {
				t.Errorf("%s: %.0f cells do not wrap their text", where, got["cellsOverflowing"])
			}
			if share := got["narrowestValue"] / math.Min(got["table"], got["screen"]); share < 0.5 {
				t.Errorf("%s: the narrowest value is %.0f px, %.0f%% of the table's %.0f px; want at least half", where, got["narrowestValue"], 100*share, got["table"])
			}
		}
	}
}

// fieldsShown is the decoder's fields table as name: shown value, and the
// value as the input carried it when the page decoded it further.
const fieldsShown = `Object.fromEntries(Array.from(document.querySelectorAll("#result table.fields tr")).map((r) => [r.cells[0].textContent,
	{ value: r.cells[1].querySelector(".value").textContent, sent: (r.cells[1].querySelector(".sent") || { textContent: "" }).textContent }]))`

// TestDecoderShowsPercentEncodingDecoded explains values still
// percent-encoded after the decoder read them (a log line's pairs, a URL in
// a JSON body): the page shows them decoded, as text, and says how they
// were written.
func TestDecoderShowsPercentEncodingDecoded(t *testing.T) {
	tests := []struct {
		name, input string
		want        map[string]string // field: the value shown
	}{
		{"log line", "ERROR 2026-12-03 OAuth callback failed error=redirect_uri_mismatch&error_description=The+redirect+URI+in+the+request%2C+https%3A%2F%2Fapp.example.com%2Fcb%2C+does+not+match&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb",
			map[string]string{"error_description": "The redirect URI in the request, https://app.example.com/cb, does not match", "redirect_uri": "https://app.example.com/cb", "error": "redirect_uri_mismatch"}},
		{"JSON body", `{"error":"invalid_grant","error_description":"The redirect_uri does not match","redirect_uri":"https%3A%2F%2Fapp.example.com%2Fcb%3Fnext%3D%252Fhome"}`,
			map[string]string{"redirect_uri": "https://app.example.com/cb?next=%2Fhome", "error_description": "The redirect_uri does not match"}},
		{"markup", `{"error":"invalid_request","error_description":"%3Cimg%20src%3Dx%20onerror%3D%22window.__xss%3D1%22%3E%3Cb%3Ebold%3C%2Fb%3E"}`,
			map[string]string{"error_description": `<img src=x onerror="window.__xss=1"><b>bold</b>`}},
		{"not an escape", `{"error":"invalid_request","error_description":"100% sure: 50%off"}`,
			map[string]string{"error_description": "100% sure: 50%off"}},
	}
	ctx := decoderOn(t, viewports[1])
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := pasteAndExplain(ctx, tt.input); err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]struct{ Value, Sent string }](fieldsShown))
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range tt.want {
				f, ok := got[name]
				if !ok {
					t.Errorf("no field %s in %v", name, got)
					continue
				}
				if f.Value != want {
					t.Errorf("%s shown as %q, want %q", name, f.Value, want)
				}
				// A value the page decoded says how it was written; one it
				// left alone says nothing more.
				raw, _ := decodedField(t, tt.input, name)
				if decodedHere := raw != want; decodedHere != strings.Contains(f.Sent, raw) || !decodedHere && f.Sent != "" {
					t.Errorf("%s: %q under the value, want the value as written (%q) exactly when the page decoded it", name, f.Sent, raw)
				}
			}
			elements, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelectorAll("#result img, #result .fields b").length + " " + (window.__xss === 1)`))
			if err != nil || elements != "0 false" {
				t.Errorf("elements made from the input, script run: %s (%v)", elements, err)
			}
		})
	}
}

// decodedField is a field's value as the native decoder gives it.
func decodedField(t *testing.T, input, name string) (string, bool) {
	t.Helper()
	res, err := decode.Decode(input, decode.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Fields.Get(name)
}

// TestDecoderAlsoRelevantNamesProviders: the other entries a result lists
// name their provider as people know it, not by the catalog's key.
func TestDecoderAlsoRelevantNamesProviders(t *testing.T) {
	cat, err := catalog.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	inputs := []string{
		"https://app.example.com/signin-oidc?error=invalid_request&error_description=AADSTS50011%3A+The+redirect+URI+specified+in+the+request+does+not+match&state=9mQ2",
		`{"error":"invalid_grant","error_description":"AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.","error_codes":[70008]}`,
	}
	ctx := decoderOn(t, viewports[1])
	for i, in := range inputs {
		res, err := decode.New(cat).Decode(in, decode.Options{})
		if err != nil || len(res.Matches) < 3 {
			t.Fatalf("input %d: the native decoder found %d matches (%v); want three or more", i, len(res.Matches), err)
		}
		var want []string
		for _, m := range res.Matches[1:] {
			p, ok := cat.Provider(m.Provider)
			if !ok || p.Name == m.Provider {
				t.Fatalf("provider %q has no name of its own", m.Provider)
			}
			want = append(want, m.Code+" "+m.Title+" ("+p.Name+")")
		}
		if err := pasteAndExplain(ctx, in); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#result .also li")).map((li) => li.textContent)`))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("input %d: also relevant\n%s\nwant\n%s", i, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestDecoderShareLinkKeepsJWTLabels pastes JWTs, makes share links (with
// personal data masked and kept) and opens them: the fields table has the
// same names, in the same order, as before.
func TestDecoderShareLinkKeepsJWTLabels(t *testing.T) {
	base := serveLiveSite(t)
	ctx := newBrowser(t)
	personal := "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0." + base64.RawURLEncoding.EncodeToString([]byte(
		`{"iss":"https://idp.example.org","aud":"app","exp":1893456000,"sub":"u-77aa91","email":"jane.doe@contoso.com","name":"Jane Doe","address":{"country":"FI"},"groups":["g1","g2"]}`)) +
		".c2lnbmF0dXJlLXNpZ25hdHVyZQ"
	inputs := map[string]string{
		"bare":     personal,
		"id_token": "https://app.example.com/cb#id_token=" + personal + "&state=Zx81",
	}
	const names = `Array.from(document.querySelectorAll("#result table.fields tr")).map((r) => r.cells[0].textContent).join(" ")`
	viewports[1].apply(ctx, t)
	for name, in := range inputs {
		for _, keep := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, keeping personal data %v", name, keep), func(t *testing.T) {
				if err := chromedp.Do(ctx, chromedp.Navigate(base+"/decode/"), moduleReady); err != nil {
					t.Fatal(err)
				}
				if err := pasteAndExplain(ctx, in); err != nil {
					t.Fatal(err)
				}
				before, err := chromedp.Run(ctx, chromedp.Evaluate[string](names))
				if err != nil || !strings.Contains(before, "claims.sub") {
					t.Fatalf("pasted, the fields are %q (%v)", before, err)
				}
				err = chromedp.Do(ctx,
					discard(chromedp.Evaluate[bool](`(() => { document.getElementById("keep-personal").checked = `+fmt.Sprint(keep)+`; document.getElementById("share").click(); return true })()`)),
					discard(chromedp.Poll[bool](`location.hash.length > 1`)),
				)
				if err != nil {
					t.Fatal(err)
				}
				link, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
				if err != nil {
					t.Fatal(err)
				}
				err = chromedp.Do(ctx,
					chromedp.Navigate("about:blank"),
					chromedp.Navigate(link),
					discard(chromedp.Poll[bool](`document.querySelector("#result table.fields") !== null && document.getElementById("status").textContent === ""`)),
				)
				if err != nil {
					t.Fatal(err)
				}
				after, err := chromedp.Run(ctx, chromedp.Evaluate[string](names))
				if err != nil {
					t.Fatal(err)
				}
				if after != before {
					t.Errorf("fields from the share link:\n%s\npasted:\n%s", after, before)
				}
			})
		}
	}
}

// TestDecoderCallsATokenRequestARequest pastes what a client posts to the
// token endpoint, as a form and as JSON: the page calls it a token request,
// not a success response, and shows its authorization code masked.
func TestDecoderCallsATokenRequestARequest(t *testing.T) {
	const code = "SplxlOBeZQQYbYS6WxSbIA-unique"
	inputs := map[string]string{
		"form": "grant_type=authorization_code&code=" + code + "&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb&client_id=s6BhdRkqt3",
		"JSON": `{"grant_type":"authorization_code","code":"` + code + `","redirect_uri":"https://client.example.com/cb","client_id":"s6BhdRkqt3"}`,
	}
	ctx := decoderOn(t, viewports[1])
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			if err := pasteAndExplain(ctx, in); err != nil {
				t.Fatal(err)
			}
			shown, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#result")))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(shown, "This is a token request") || strings.Contains(shown, "success response") || strings.Contains(shown, "The response has no state") {
				t.Errorf("the page does not call it a token request:\n%s", shown)
			}
			if strings.Contains(shown, code[:12]) {
				t.Errorf("the page shows the authorization code:\n%s", shown)
			}
		})
	}
}

// TestDecoderShowsJWTAsJSON pastes a JWT, bare and in a callback: its
// header and payload are shown as JSON text, pretty-printed, in their own
// order, as the native decoder writes them; markup in a claim stays text,
// and the view wraps instead of scrolling on a phone.
func TestDecoderShowsJWTAsJSON(t *testing.T) {
	const claims = `{"iss":"https://idp.example.org","sub":"u-77aa91","aud":"app","exp":1893456000,"groups":["g1","g2"],"x":"<img src=x onerror=\"window.__xss=1\">","http://schemas.microsoft.com/identity/claims/objectidentifier":"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}`
	jwt := "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0." + base64.RawURLEncoding.EncodeToString([]byte(claims)) + ".c2lnbmF0dXJlLXNpZ25hdHVyZQ"
	inputs := map[string]string{"bare": jwt, "id_token": "https://app.example.com/cb#id_token=" + jwt + "&state=Zx81"}
	ctx := decoderOn(t, viewports[1])
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			res, err := decode.Decode(in, decode.Options{})
			if err != nil || len(res.Tokens) != 1 {
				t.Fatalf("native: %v, %d tokens", err, len(res.Tokens))
			}
			if err := pasteAndExplain(ctx, in); err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`(() => {
				const pres = Array.from(document.querySelectorAll("#result .token pre"));
				return {
					texts: pres.map((p) => p.textContent),
					children: pres.reduce((n, p) => n + p.children.length, 0),
					overflow: pres.reduce((n, p) => Math.max(n, p.scrollWidth - p.clientWidth), 0),
					page: document.documentElement.scrollWidth - innerWidth,
					made: document.querySelectorAll("#result img").length + (window.__xss === 1 ? 1 : 0),
				};
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			texts, _ := got["texts"].([]any)
			if len(texts) != 2 || texts[0] != res.Tokens[0].Header || texts[1] != res.Tokens[0].Claims {
				t.Fatalf("the page shows %q, want the header and the claims %q and %q", texts, res.Tokens[0].Header, res.Tokens[0].Claims)
			}
			var shown, want map[string]any
			if err := json.Unmarshal([]byte(texts[1].(string)), &shown); err != nil {
				t.Fatalf("the payload shown is not JSON: %v", err)
			}
			json.Unmarshal([]byte(claims), &want)
			if !reflect.DeepEqual(shown, want) {
				t.Errorf("payload %v, want %v", shown, want)
			}
			if p := texts[1].(string); !strings.HasPrefix(p, "{\n  \"iss\": \"https://idp.example.org\",\n  \"sub\": ") {
				t.Errorf("payload not pretty-printed in the token's order: %s", p)
			}
			if got["children"] != 0.0 || got["made"] != 0.0 || got["overflow"] != 0.0 || got["page"] != 0.0 {
				t.Errorf("elements inside the JSON %v, made from the input %v, JSON scrolls by %v px, page by %v px", got["children"], got["made"], got["overflow"], got["page"])
			}
		})
	}
}
