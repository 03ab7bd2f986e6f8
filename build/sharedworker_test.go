package main

import (
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSearchModuleStartsOncePerVisit opens the module on one page and
// searches on the next: where the browser has SharedWorker, the second page
// joins the instance the first one started (one worker, the same, for the
// whole visit); where it has none, each page starts its own, and search
// works all the same. The decoder's module, which holds what is pasted,
// always runs in a worker of its page's own.
func TestSearchModuleStartsOncePerVisit(t *testing.T) {
	base := serveLiveSite(t)
	for _, tt := range []struct {
		name    string
		shared  bool
		workers int
	}{
		{"with SharedWorker", true, 1},
		{"without SharedWorker", false, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := newBrowser(t)
			if !tt.shared {
				withoutSharedWorker(t, ctx)
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), moduleReady); err != nil {
				t.Fatal(err)
			}
			first := sharedWorkers(t, ctx)
			if len(first) != tt.workers {
				t.Fatalf("SharedWorkers after the first page: %v, want %d", first, tt.workers)
			}
			err := chromedp.Do(ctx,
				chromedp.Navigate(base+"/providers/"),
				chromedp.Click(chromedp.CSS("#q")),
				chromedp.SendKeys(chromedp.CSS("#q"), "AADSTS50011"),
			)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := waitFor(ctx, resultIDs, "AADSTS50011: "+nativeIDs(t, "AADSTS50011", 8)); err != nil {
				t.Errorf("search on the second page: %q", got)
			}
			if got := sharedWorkers(t, ctx); !slices.Equal(got, first) {
				t.Errorf("SharedWorkers on the second page: %v, want the first page's %v", got, first)
			}
		})
	}
	t.Run("decoder", func(t *testing.T) {
		ctx := newBrowser(t)
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/decode/"), moduleReady); err != nil {
			t.Fatal(err)
		}
		if got := sharedWorkers(t, ctx); len(got) > 0 {
			t.Errorf("the decoder page started SharedWorkers %v", got)
		}
	})
}
