package main

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// relevanceQueries are the queries of the search relevance set.
func relevanceQueries(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("../catalog/search/testdata/relevance.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		if cols := strings.Split(line, "\t"); len(cols) == 3 {
			out = append(out, cols[1])
		}
	}
	if err := sc.Err(); err != nil || len(out) < 100 {
		t.Fatalf("relevance set: %d queries, %v", len(out), err)
	}
	return out
}

// TestEdgeAndModuleAnswerAlike asks the API (as the page does while the
// module loads) and the module every query of the search relevance set, in
// the page, and checks that both show the same: the API's answer is what
// the module replaces it with, so results never change order on the way.
func TestEdgeAndModuleAnswerAlike(t *testing.T) {
	base := serveLiveSite(t)
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), moduleReady); err != nil {
		t.Fatal(err)
	}
	queries := append(relevanceQueries(t), "AADSTS500119", "E00000", "a", "zzzz-no-such-thing")
	list, _ := json.Marshal(queries)
	// Everything a results list shows of an answer, and the kind of match.
	pairs, err := chromedp.Run(ctx, chromedp.Evaluate[[][2]string](`(async (queries) => {
		const view = (res) => JSON.stringify([res.error || "", res.total, Boolean(res.capped),
			res.unknown_code ? [res.unknown_code.code, res.unknown_code.provider, res.unknown_code.provider_name, res.unknown_code.lookup_url] : null,
			(res.hits || []).map((h) => [h.id, h.url, h.code, h.provider, h.provider_name, h.title, h.match, (h.snippet || []).map((f) => [f.text, Boolean(f.match)])])]);
		const out = [];
		for (const q of queries) {
			const [api, mod] = await Promise.all([
				fetch("/v1/search?limit=8&q=" + encodeURIComponent(q)).then((r) => r.json()),
				authcodes.call("search", q, "", "", 8, 0),
			]);
			out.push([view(api), view(mod)]);
		}
		return out;
	})(`+string(list)+`)`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != len(queries) {
		t.Fatalf("%d answers for %d queries", len(pairs), len(queries))
	}
	for i, p := range pairs {
		if p[0] != p[1] {
			t.Errorf("%q:\n  API    %s\n  module %s", queries[i], p[0], p[1])
		}
	}
}

// TestSuggestionsSayWhenACodeIsUnknown: typing a code the catalog lacks
// says so first, with the provider's lookup link, before the nearest codes,
// whether the module answers or the API while the module is on its way.
func TestSuggestionsSayWhenACodeIsUnknown(t *testing.T) {
	for _, tt := range []struct {
		name   string
		hold   func(string) bool
		source string
	}{
		{"module", nil, "module"},
		{"API while the module loads", isModuleFile, "edge"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFront(t, frontOptions{hold: tt.hold})
			ctx := newBrowser(t)
			steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(f.URL + "/")}
			if tt.hold == nil {
				steps = append(steps, moduleReady)
			}
			steps = append(steps, chromedp.Click(chromedp.CSS("#q")), chromedp.SendKeys(chromedp.CSS("#q"), "AADSTS500119"))
			if err := chromedp.Do(ctx, steps...); err != nil {
				t.Fatal(err)
			}
			const note = `(n => n ? n.textContent + " " + n.querySelector("a").href : "")(document.querySelector("#q-results .unknown"))`
			want := "AADSTS500119 is not in the catalog. It has the shape of a Microsoft Entra ID code: look it up at Microsoft Entra ID. Nearest entries, not the same code: https://login.microsoftonline.com/error?code=500119"
			if got, err := waitFor(ctx, note, want); err != nil {
				t.Errorf("the unknown code's note: %q, want %q", got, want)
			}
			if got, err := waitFor(ctx, resultIDs, "AADSTS500119: "+nativeIDs(t, "AADSTS500119", 8)); err != nil {
				t.Errorf("nearest entries %q", got)
			}
			if got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("q-results").dataset.source`)); err != nil || got != tt.source {
				t.Errorf("answered by %q (%v), want %q", got, err, tt.source)
			}
		})
	}
}

// TestDecoderSendsNothingWhileItsModuleLoads types secrets into the decoder
// and a query into the header's search box while the decoder's module is
// still on its way: the query goes to the API and is answered, the pasted
// input goes nowhere, neither then nor once the module has arrived and
// explained it.
func TestDecoderSendsNothingWhileItsModuleLoads(t *testing.T) {
	f := newFront(t, frontOptions{hold: isModuleFile})
	ctx := newBrowser(t)
	pageRequests := recordPageRequests(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(f.URL+"/decode/")); err != nil {
		t.Fatal(err)
	}
	for !slices.ContainsFunc(f.paths(), func(p string) bool { return strings.HasSuffix(p, ".wasm") }) {
		time.Sleep(10 * time.Millisecond)
	}
	const code = "SplxlOBeZQQYbYS6WxSbIA-while-loading"
	const state = "st-9q2w-while-loading"
	input := "https://app.example.com/cb?code=" + code + "&state=" + state + "&error=access_denied&error_description=zz-loading-description"
	err := chromedp.Do(ctx,
		discard(chromedp.Evaluate[bool](`(() => {
			const i = document.getElementById("input");
			i.value = `+jsString(input)+`;
			i.dispatchEvent(new Event("input"));
			return true;
		})()`)),
		discard(chromedp.Poll[bool](`document.getElementById("status").textContent.startsWith("Explaining")`)),
		chromedp.Click(chromedp.CSS("#q")),
		chromedp.SendKeys(chromedp.CSS("#q"), "AADSTS50011"),
		discard(chromedp.Poll[bool](`document.getElementById("q-results").dataset.source === "edge"`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	secrets := []string{code, state, "zz-loading-description", "while-loading"}
	sentNothing := func(when string) {
		for _, secret := range secrets {
			if hits := f.log.containing(secret); len(hits) > 0 {
				t.Errorf("%s, the server received %q: %v", when, secret, hits)
			}
			for _, r := range pageRequests() {
				if strings.Contains(r, secret) {
					t.Errorf("%s, the page requested %q", when, r)
				}
			}
		}
	}
	sentNothing("while the module loaded")
	if len(f.log.containing("/v1/search?")) == 0 {
		t.Fatal("the search box's query did not reach the API; the test proves nothing")
	}
	f.release()
	if err := chromedp.Do(ctx, discard(chromedp.Poll[bool](`document.querySelector("#result .explain") !== null && document.getElementById("status").textContent === ""`))); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#result")))
	if err != nil || !strings.Contains(text, "access_denied") {
		t.Errorf("the input typed while the module loaded was not explained once it arrived: %q, %v", text, err)
	}
	sentNothing("once the module arrived")
}
