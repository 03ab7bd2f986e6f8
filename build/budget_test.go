package main

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/authcodes/authcodes/catalog"
)

// The site's budgets are measured here, not asserted: run
//
//	go test ./build -run XXX -bench Budget -benchtime 1x
//
// and record the figures in BENCHMARKS.md.

// BenchmarkBudgetFirstResultBytes is what a visitor downloads, brotli
// compressed, before the first search result can show: the home page and
// everything it loads for search (stylesheet, scripts, the search module as
// the generator ships it, through wasm-opt when that is installed, and its
// catalog and index). TestFirstResultBytes asserts the same count from what
// Chromium really fetched, for the test build (no wasm-opt).
func BenchmarkBudgetFirstResultBytes(b *testing.B) {
	dir := liveDir(b)
	home, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		b.Fatal(err)
	}
	cat, err := catalog.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	wb, err := newWasmBuild(true)
	if err != nil {
		b.Fatal(err)
	}
	module, catalogData, index, err := wb.searchModule(cat)
	if err != nil {
		b.Fatal(err)
	}
	wasm := measure("search.wasm", module)
	total := measure("index.html", home).brotl + wasm.brotl + measure("search-catalog.bin", catalogData).brotl + measure("search-index.bin", index).brotl
	b.ReportMetric(float64(wasm.raw), "wasm-raw-bytes")
	b.ReportMetric(float64(wasm.brotl), "wasm-brotli-bytes")
	for _, prefix := range []string{"style.", "app.", "search-worker.", "wasm_exec.", "favicon."} {
		matches, _ := filepath.Glob(filepath.Join(dir, "assets", prefix+"*"))
		if len(matches) != 1 {
			b.Fatalf("assets %s*: %v", prefix, matches)
		}
		data, err := os.ReadFile(matches[0])
		if err != nil {
			b.Fatal(err)
		}
		total += measure(matches[0], data).brotl
	}
	b.ReportMetric(float64(total), "brotli-bytes")
}

// BenchmarkBudgetEntryPageWeight reports the largest and the median entry
// page, HTML and stylesheet together, uncompressed.
func BenchmarkBudgetEntryPageWeight(b *testing.B) {
	dir := liveDir(b)
	css, _ := filepath.Glob(filepath.Join(dir, "assets", "style.*.css"))
	info, err := os.Stat(css[0])
	if err != nil {
		b.Fatal(err)
	}
	var sizes []int
	fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		// Entry pages are the two-level pages: /<provider>/<code>/index.html.
		if err == nil && !d.IsDir() && path.Base(p) == "index.html" && strings.Count(p, "/") == 2 && !strings.HasPrefix(p, "protocols/") {
			if fi, err := d.Info(); err == nil {
				sizes = append(sizes, int(fi.Size()+info.Size()))
			}
		}
		return nil
	})
	slices.Sort(sizes)
	b.ReportMetric(float64(sizes[len(sizes)-1]), "max-bytes")
	b.ReportMetric(float64(sizes[len(sizes)/2]), "median-bytes")
	b.ReportMetric(float64(len(sizes)), "pages")
}

// BenchmarkBudgetKeystrokeToResults types the last character of a query in
// headless Chromium once the module is loaded, and times from the key's
// keydown to the rendered results, in the page's own clock.
func BenchmarkBudgetKeystrokeToResults(b *testing.B) {
	url := serveLiveSite(b)
	ctx := newBrowser(b)
	err := chromedp.Do(ctx,
		chromedp.Navigate(url+"/"),
		moduleReady,
		discard(chromedp.Evaluate[bool](`(() => {
			const q = document.getElementById("q");
			const list = document.getElementById("q-results");
			window.__lat = [];
			q.addEventListener("keydown", () => { window.__t0 = performance.now(); }, true);
			new MutationObserver(() => {
				if (window.__t0 && list.dataset.query === q.value.trim()) {
					window.__lat.push(performance.now() - window.__t0);
					window.__t0 = 0;
				}
			}).observe(list, { childList: true, attributes: true });
			return true;
		})()`)),
	)
	if err != nil {
		b.Fatal(err)
	}
	queries := []string{"AADSTS50011", "invalid_grant", "user not assigned to the app", "E00000", "saml response expired", "refresh token expired", "consent required", "TID-AEX-1030"}
	b.ResetTimer()
	n := max(b.N, 3*len(queries))
	for i := 0; i < n; i++ {
		q := queries[i%len(queries)]
		err := chromedp.Do(ctx,
			discard(chromedp.Evaluate[bool](`(document.getElementById("q").value = `+jsString(q[:len(q)-1])+`) !== null`)),
			chromedp.SendKeys(chromedp.CSS("#q"), q[len(q)-1:]),
			discard(chromedp.Poll[bool](`window.__t0 === 0`)),
		)
		if err != nil {
			b.Fatal(err)
		}
	}
	lat, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`window.__lat`))
	if err != nil || len(lat) == 0 {
		b.Fatalf("no latencies recorded: %v", err)
	}
	slices.Sort(lat)
	b.ReportMetric(lat[len(lat)/2], "median-ms")
	b.ReportMetric(lat[len(lat)*9/10], "p90-ms")
}

func liveDir(b *testing.B) string {
	serveLiveSite(b)
	return liveSite.dir
}
