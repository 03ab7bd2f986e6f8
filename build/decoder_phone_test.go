package main

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

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
