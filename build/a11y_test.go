package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeScript is axe-core's browser script, installed by npm ci (package.json
// pins it). Under CI a missing one fails the test; elsewhere it skips.
func axeScript(t *testing.T) string {
	t.Helper()
	wb, err := newWasmBuild(false)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(wb.root, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("axe-core is required under CI (npm ci): ", err)
		}
		t.Skip("axe-core not installed (npm ci)")
	}
	return string(data)
}

// a11yPages are the page kinds, each with what a visitor would have done on
// it before the check (nothing, a query typed into the suggestions, an
// input explained by the decoder).
var a11yPages = []struct {
	name, path, setup string
}{
	{"home", "/", ""},
	{"suggestions", "/", `(async () => {
		const q = document.getElementById("hq"); q.focus(); q.value = "invalid_grant";
		q.dispatchEvent(new Event("input"));
		while (!document.querySelector("#hq-results [role=option]")) await new Promise((r) => setTimeout(r, 50));
	})()`},
	{"entry", "/entra/AADSTS50011/", ""},
	{"entry with specifications", "/oauth2/invalid_grant/", ""},
	{"provider", "/okta/", ""},
	{"providers", "/providers/", ""},
	{"protocol", "/protocols/saml/", ""},
	{"protocols", "/protocols/", ""},
	{"search", "/search/?q=user+not+assigned", ""},
	{"decoder", "/decode/", ""},
	{"decoder with a result", "/decode/", explained("https://app.example.com/callback?error=invalid_request&error_description=AADSTS50011%3A+The+redirect+URI+specified+in+the+request+does+not+match&redirect_uri=https%3A%2F%2Fapp.example.com%2Fsignin-oidc%2Fa-long-path-segment&state=9mQ2", "#result .explain")},
	{"decoder with a token", "/decode/", explained("https://app.example.com/cb#id_token=eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLm9yZyIsInN1YiI6InUtNzdhYTkxIiwiYXVkIjoiYXBwIiwiZXhwIjoxODkzNDU2MDAwfQ.c2lnbmF0dXJl&state=Zx81", "#result .token")},
	{"not found", "/no/such/page/", ""},
}

// explained is a setup that has the decoder explain input, once its module
// is open, and waits until the page shows the element sel.
func explained(input, sel string) string {
	return `(async () => {
		while (document.documentElement.dataset.module !== "ready") await new Promise((r) => setTimeout(r, 50));
		document.getElementById("input").value = ` + jsString(input) + `;
		document.getElementById("explain").click();
		while (!document.querySelector(` + jsString(sel) + `)) await new Promise((r) => setTimeout(r, 50));
	})()`
}

// TestAccessibility runs axe-core over every page kind, in both colour
// schemes, on a desktop and on a phone, and fails on any violation.
func TestAccessibility(t *testing.T) {
	axe := axeScript(t)
	base := serveLiveSite(t)
	ctx := newBrowser(t)
	for _, vp := range viewports {
		vp.apply(ctx, t)
		for _, scheme := range []string{"light", "dark"} {
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			}); err != nil {
				t.Fatal(err)
			}
			for _, p := range a11yPages {
				steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(base + p.path)}
				if p.setup != "" {
					steps = append(steps, discard(chromedp.Evaluate[any](p.setup, chromedp.EvalAwaitPromise)))
				}
				steps = append(steps, discard(chromedp.Evaluate[any](axe)))
				if err := chromedp.Do(ctx, steps...); err != nil {
					t.Fatalf("%s: %v", p.name, err)
				}
				found, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`axe.run(document, { resultTypes: ["violations"] }).then((r) =>
					r.violations.map((v) => v.id + " (" + v.impact + "): " + v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")))`, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatalf("%s: axe: %v", p.name, err)
				}
				if len(found) > 0 {
					t.Errorf("%s (%s) at %dx%d, %s scheme: %d violations:\n%s", p.name, p.path, vp.width, vp.height, scheme, len(found), strings.Join(found, "\n"))
				}
			}
		}
	}
}
