package main

import (
	"context"
	"fmt"
	"math"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
	"github.com/authcodes/authcodes/site"
)

// liveSite is the whole site with the browser module, built once for the
// browser tests and served the way `build serve` serves it.
var liveSite = struct {
	once sync.Once
	url  string
	site *site.Site
	srv  *httptest.Server
	dir  string
	err  error
}{}

func serveLiveSite(t testing.TB) string {
	t.Helper()
	liveSite.once.Do(func() {
		cat, err := catalog.Embedded()
		if err != nil {
			liveSite.err = err
			return
		}
		s, err := newSite()
		if err != nil {
			liveSite.err = err
			return
		}
		if err := addBrowserModule(s, cat, false); err != nil {
			liveSite.err = err
			return
		}
		if liveSite.dir, err = os.MkdirTemp("", "authcodes-live-"); err != nil {
			liveSite.err = err
			return
		}
		if _, err := writeSite(s, liveSite.dir); err != nil {
			liveSite.err = err
			return
		}
		liveSite.site = s
		h, err := siteHandler(s, liveSite.dir)
		if err != nil {
			liveSite.err = err
			return
		}
		liveSite.srv = httptest.NewServer(h)
		liveSite.url = liveSite.srv.URL
	})
	if liveSite.err != nil {
		t.Fatal(liveSite.err)
	}
	return liveSite.url
}

func stopLiveSite() {
	if liveSite.srv != nil {
		liveSite.srv.Close()
		os.RemoveAll(liveSite.dir)
	}
}

// newBrowser starts headless Chromium for one test. Under CI a missing
// browser fails the test; elsewhere it skips.
func newBrowser(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is required under CI (Debian package chromium): ", err)
		}
		t.Skip("chromium not installed")
	}
	opts := append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1200, 900),
	}, extra...)
	// A guard against a hung browser, far above anything these tests need.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelCtx := chromedp.NewContext(ctx)
	t.Cleanup(cancelCtx)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal("starting chromium: ", err)
	}
	return ctx
}

// moduleReady starts the page's module, as a visitor's intent would (pages
// load it on a focus, a keystroke or a paste, the decoder page at once), and
// waits until its Web Worker has opened it.
var moduleReady = chromedp.Steps(
	discard(chromedp.Evaluate[bool](`(authcodes.start(), true)`)),
	discard(chromedp.Poll[bool](`document.documentElement.dataset.module === "ready"`, chromedp.WithPollingInterval(50*time.Millisecond))),
)

// discard turns an action with a value into a step of chromedp.Do.
func discard[T any](a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := a(ctx, t)
		return chromedp.Void{}, err
	}
}

// waitFor polls a JavaScript expression until it equals want, and returns
// the last value seen (for the failure message) when it never does.
func waitFor(ctx context.Context, expr, want string) (string, error) {
	var last string
	for i := 0; i < 200; i++ {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			return last, err
		}
		last = v
		if last == want {
			return last, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return last, fmt.Errorf("%s = %q, want %q", expr, last, want)
}

// resultIDs is the query the typeahead answers and the ids of its results, in order.
const resultIDs = `document.getElementById("q-results").dataset.query + ": " + Array.from(document.querySelectorAll("#q-results [role=option]")).map(o => o.dataset.href.slice(1, -1)).filter(h => !h.startsWith("search")).join(" ")`

func nativeIDs(t *testing.T, q string, limit int) string {
	ix, err := search.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), search.Request{Query: q, Limit: limit})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.Entry.ID
	}
	return strings.Join(ids, " ")
}

// TestSearchAsYouType types a code, a prefix and a symptom into the header's
// search box and checks the results the module renders, in the order the
// native search ranks them.
func TestSearchAsYouType(t *testing.T) {
	url := serveLiveSite(t)
	ctx := newBrowser(t)
	tests := []struct {
		query, first string
	}{
		{"AADSTS50011", "entra/AADSTS50011"},
		{"E00000", "okta/E0000001"},
		{"Error #101", "infoauth/101"},
		{"user not assigned to the app", ""},
		{"saml response expired clock skew", ""},
	}
	for _, tt := range tests {
		want := nativeIDs(t, tt.query, 8)
		if tt.first != "" && !strings.HasPrefix(want, tt.first) {
			t.Fatalf("native search for %q starts %q, want %s", tt.query, want, tt.first)
		}
		// No waiting for the module: focusing the box starts it, and a query
		// typed while it loads is answered once it is open.
		err := chromedp.Do(ctx,
			chromedp.Navigate(url+"/"),
			chromedp.Click(chromedp.CSS("#q")),
			chromedp.SendKeys(chromedp.CSS("#q"), tt.query),
		)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := waitFor(ctx, resultIDs, tt.query+": "+want); err != nil {
			t.Errorf("typing %q: results %q, want %q", tt.query, got, want)
		}
	}
}

// TestSearchPageOnAPhone: on a phone-sized screen the header's search box
// keeps the width to show a query, and matched words keep WCAG AA contrast
// (4.5:1) against their highlight in the light and the dark theme.
func TestSearchPageOnAPhone(t *testing.T) {
	url := serveLiveSite(t)
	ctx := newBrowser(t)
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 360, Height: 740, DeviceScaleFactor: 2, Mobile: true}); err != nil {
		t.Fatal(err)
	}
	for _, theme := range []string{"light", "dark"} {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: theme}}}); err != nil {
			t.Fatal(err)
		}
		err := chromedp.Do(ctx,
			chromedp.Navigate(url+"/search/?q="+"user+not+assigned+to+the+application"),
			chromedp.WaitVisible(chromedp.CSS(".results mark")),
		)
		if err != nil {
			t.Fatal(err)
		}
		width, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.getElementById("q").getBoundingClientRect().width`))
		if err != nil || width < 220 {
			t.Errorf("%s: the header's search box is %.0f px wide on a 360 px screen (%v), want at least 220", theme, width, err)
		}
		colors, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(m => [getComputedStyle(m).color, getComputedStyle(m).backgroundColor])(document.querySelector(".results mark"))`))
		if err != nil || len(colors) != 2 {
			t.Fatalf("%s: mark colours %v: %v", theme, colors, err)
		}
		if ratio := contrast(t, colors[0], colors[1]); ratio < 4.5 {
			t.Errorf("%s: a matched word is %s on %s, contrast %.2f:1, want at least 4.5:1", theme, colors[0], colors[1], ratio)
		}
	}
}

// contrast is the WCAG contrast ratio of two computed rgb() colours.
func contrast(t *testing.T, a, b string) float64 {
	lum := func(c string) float64 {
		var r, g, bl float64
		if _, err := fmt.Sscanf(c, "rgb(%f, %f, %f)", &r, &g, &bl); err != nil {
			t.Fatalf("colour %q: %v", c, err)
		}
		ch := func(v float64) float64 {
			v /= 255
			if v <= 0.03928 {
				return v / 12.92
			}
			return math.Pow((v+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(bl)
	}
	la, lb := lum(a), lum(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestKeyboard: "/" focuses the search box, the arrow keys pick a result and
// Enter opens it.
func TestKeyboard(t *testing.T) {
	url := serveLiveSite(t)
	ctx := newBrowser(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate(url+"/providers/"),
		moduleReady,
		chromedp.KeyEvent("/"),
	)
	if err != nil {
		t.Fatal(err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
	if err != nil {
		t.Fatal(err)
	}
	if focused != "q" {
		t.Fatalf(`after "/", focus is on %q, want the search box`, focused)
	}
	want := strings.Fields(nativeIDs(t, "AADSTS7000", 8))
	if len(want) < 2 {
		t.Fatalf("want at least two results for a prefix, got %v", want)
	}
	// The protocol's synthetic "/" also arrives as text, which a real key
	// press cancelled on keydown would not; start from an empty box.
	err = chromedp.Do(ctx,
		discard(chromedp.Evaluate[bool](`(document.getElementById("q").value = "") === ""`)),
		chromedp.SendKeys(chromedp.CSS("#q"), "AADSTS7000"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := waitFor(ctx, resultIDs, "AADSTS7000: "+strings.Join(want, " ")); err != nil {
		t.Fatalf("results %q: %v", got, err)
	}
	err = chromedp.Do(ctx,
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.KeyEvent(kb.ArrowUp),
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.KeyEvent(kb.Enter),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := waitFor(ctx, `location.pathname`, "/"+want[1]+"/"); err != nil {
		t.Errorf("Enter opened %q, want the second result %s", got, want[1])
	}
}

// TestSearchWithoutJavaScript submits the search form with scripts disabled:
// the server renders the results.
func TestSearchWithoutJavaScript(t *testing.T) {
	url := serveLiveSite(t)
	ctx := newBrowser(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	// A code that names one entry goes straight to its page.
	err := chromedp.Do(ctx,
		chromedp.Navigate(url+"/"),
		chromedp.SendKeys(chromedp.CSS("#hq"), "aadsts50011"+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(".entry h1")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if code, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".entry h1 code"))); err != nil || code != "AADSTS50011" {
		t.Errorf("entry page %q (%v), want AADSTS50011", code, err)
	}
	// Anything else lists results.
	err = chromedp.Do(ctx,
		chromedp.Navigate(url+"/"),
		chromedp.SendKeys(chromedp.CSS("#hq"), "invalid_grant"+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(".results")),
	)
	if err != nil {
		t.Fatal(err)
	}
	first, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".results li code")))
	if err != nil {
		t.Fatal(err)
	}
	if first != "invalid_grant" {
		t.Errorf("first server-rendered result %q, want invalid_grant", first)
	}
}

// TestNotFoundOffersTheLookup: the 404 page fills its lookup with the code
// in its address, and submitting it searches for that code.
func TestNotFoundOffersTheLookup(t *testing.T) {
	url := serveLiveSite(t)
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/entra/AADSTS999123/")); err != nil {
		t.Fatal(err)
	}
	if got, err := waitFor(ctx, `document.getElementById("nq").value`, "AADSTS999123"); err != nil {
		t.Errorf("404 lookup holds %q, want AADSTS999123", got)
	}
	err := chromedp.Do(ctx,
		chromedp.Submit(chromedp.CSS("#nq")),
		chromedp.WaitVisible(chromedp.CSS(".unknown")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".unknown"))); err != nil || !strings.Contains(text, "AADSTS999123 is not in the catalog") {
		t.Errorf("search page after the 404 lookup: %q (%v)", text, err)
	}
}
