package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/authcodes/authcodes/catalog"
)

// viewport is a screen a page is checked on.
type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

// viewports are the two screens of issue 14: a desktop and a phone.
var viewports = []viewport{
	{"desktop", 1280, 800, false},
	{"phone", 390, 844, true},
}

// apply makes the browser's page this screen.
func (vp viewport) apply(ctx context.Context, t *testing.T) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: vp.width, Height: vp.height, DeviceScaleFactor: 1, Mobile: vp.mobile,
	}); err != nil {
		t.Fatal(err)
	}
}

// foldEntries are the entry pages with the most above their first fix step
// (the longest title, the longest code, the longest first step, the longest
// word in a summary) and one ordinary page.
func foldEntries(t *testing.T) []string {
	cat, err := catalog.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	longestWord := func(s string) int {
		n := 0
		for _, w := range strings.Fields(s) {
			n = max(n, len(w))
		}
		return n
	}
	firstStep := func(e *catalog.Entry) int {
		if steps := e.FixSteps(); len(steps) > 0 {
			return len(steps[0])
		}
		return 0
	}
	measures := []func(*catalog.Entry) int{
		func(e *catalog.Entry) int { return len(e.Title) },
		func(e *catalog.Entry) int { return len(e.Code) },
		firstStep,
		func(e *catalog.Entry) int { return longestWord(e.Summary) },
	}
	paths := []string{"/entra/AADSTS50011/"}
	for _, m := range measures {
		var top *catalog.Entry
		for _, e := range cat.Entries() {
			if top == nil || m(e) > m(top) {
				top = e
			}
		}
		if !slices.Contains(paths, top.Path()) {
			paths = append(paths, top.Path())
		}
	}
	return paths
}

// TestEntryPagesLeadWithTheFix loads entry pages at both viewport sizes: the
// first fix step is on the first screen (whole, or three lines of it when
// it is longer than what is left of the screen), and so are the jumps to
// the same code at other providers and to related codes; no page is wider
// than the screen.
func TestEntryPagesLeadWithTheFix(t *testing.T) {
	base := serveLiveSite(t)
	ctx := newBrowser(t)
	for _, vp := range viewports {
		vp.apply(ctx, t)
		for _, p := range foldEntries(t) {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+p)); err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]float64](`(() => {
				const box = (sel) => { const n = document.querySelector(sel); return n ? n.getBoundingClientRect().bottom : -1; };
				return {
					screen: innerHeight,
					width: document.documentElement.scrollWidth,
					step: box(".fix ol > li"),
					stepTop: (n => n ? n.getBoundingClientRect().top : -1)(document.querySelector(".fix ol > li")),
					line: parseFloat(getComputedStyle(document.body).lineHeight),
					toc: box("nav.toc"),
					elsewhere: document.getElementById("elsewhere") ? (document.querySelector('nav.toc a[href="#elsewhere"]') ? 1 : 0) : 1,
					related: document.getElementById("related") ? (document.querySelector('nav.toc a[href="#related"]') ? 1 : 0) : 1,
				};
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			where := fmt.Sprintf("%s at %dx%d", p, vp.width, vp.height)
			switch {
			case got["step"] < 0:
				t.Errorf("%s: no fix step on the page", where)
			case got["step"] > got["screen"] && got["stepTop"]+3*got["line"] > got["screen"]:
				// A long first step may run on below the fold, as long as
				// its first three lines are on the first screen.
				t.Errorf("%s: the first fix step starts at %.0f px and ends at %.0f px, below the first screen (%.0f px)", where, got["stepTop"], got["step"], got["screen"])
			}
			if got["toc"] < 0 || got["toc"] > got["screen"] {
				t.Errorf("%s: the page's jumps end at %.0f px, not within the first screen (%.0f px)", where, got["toc"], got["screen"])
			}
			if got["elsewhere"] == 0 || got["related"] == 0 {
				t.Errorf("%s: other providers or related codes have no jump at the top", where)
			}
			if got["width"] > float64(vp.width) {
				t.Errorf("%s: the page is %.0f px wide and scrolls sideways", where, got["width"])
			}
			if got["screen"] != float64(vp.height) {
				t.Errorf("%s: the first screen is %.0f px high, want %d (is the page zoomed out?)", where, got["screen"], vp.height)
			}
		}
	}
}
