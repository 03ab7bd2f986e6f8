// Command build is the authcodes generator. It validates the catalog, renders
// the guides with goldmark and writes the static reference site into dist/.
//
//	go run ./build                  build the site into dist/
//	go run ./build serve            build, then serve it on 127.0.0.1:8080
//	go run ./build serve -addr :9000 -out /tmp/site
//	go run ./build -wasm=false      skip compiling the browser module (pages still work)
//	go run ./build -report          measure brotli -11 of every asset too (about a minute)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
	"github.com/authcodes/authcodes/guide"
	"github.com/authcodes/authcodes/site"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	serve := len(args) > 0 && args[0] == "serve"
	if serve {
		args = args[1:]
	}
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	out := fs.String("out", "dist", "directory to write the site into")
	origin := fs.String("origin", "https://authcodes.dev", "public base URL for canonical links and the sitemap")
	addr := fs.String("addr", "127.0.0.1:8080", "address to serve on (serve only)")
	withWasm := fs.Bool("wasm", true, "compile the browser module (search as you type, the decoder)")
	optimize := fs.Bool("wasm-opt", true, "shrink the module with wasm-opt when it is installed")
	fullReport := fs.Bool("report", false, "measure brotli -11 of every asset too (about a minute over the browser module; kept in the cache by content)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (usage: build [serve] [flags])", fs.Arg(0))
	}

	cat, err := catalog.Embedded()
	if err != nil {
		return err
	}
	render := renderOnce(guide.Render)
	s, err := site.New(cat, *origin, render)
	if err != nil {
		return err
	}
	start := time.Now()
	if *withWasm {
		if err := addBrowserModule(s, cat, *optimize); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "built the browser module in %v\n", time.Since(start).Round(time.Millisecond))
	}
	pages := time.Now()
	stats, err := writeSite(s, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "built %d entries from %d providers: %d files, %.1f MB in %s (%v)\n",
		len(cat.Entries()), len(cat.Providers()), stats.files, float64(stats.bytes)/1e6, *out, time.Since(pages).Round(time.Millisecond))
	sizes := userCache()
	report := func() {
		start := time.Now()
		var lines []assetSize
		for name, a := range s.Assets() {
			lines = append(lines, reportSize(sizes, name, a.Data, *fullReport))
		}
		printSizes(stdout, lines)
		fmt.Fprintf(stdout, "measured the assets in %v\n", time.Since(start).Round(time.Millisecond))
	}
	if !serve {
		report()
		return buildWorker(cat, render, moduleAssets(s), *out, *origin, *optimize, stdout)
	}
	if *fullReport {
		// Brotli at its best takes a minute over the module; serve first.
		go report()
	} else {
		report()
	}
	ix, err := search.Embedded()
	if err != nil {
		return err
	}
	srv, err := newServer(ix, s, *out)
	if err != nil {
		return err
	}
	return listenAndServe(ctx, *addr, srv, stdout)
}

// renderOnce renders each Markdown text once: the pages and the worker's
// guides.bin render the same guides, a second or two each time.
func renderOnce(render func(string) (template.HTML, error)) func(string) (template.HTML, error) {
	var mu sync.Mutex
	done := map[string]template.HTML{}
	return func(markdown string) (template.HTML, error) {
		mu.Lock()
		html, ok := done[markdown]
		mu.Unlock()
		if ok {
			return html, nil
		}
		html, err := render(markdown)
		if err == nil {
			mu.Lock()
			done[markdown] = html
			mu.Unlock()
		}
		return html, err
	}
}

// addBrowserModule compiles the two browser modules (the decoder page's and
// the search module of every other page) and adds them, with the search
// module's data files and Go's loader, to the site's assets.
func addBrowserModule(s *site.Site, cat *catalog.Catalog, optimize bool) error {
	b, err := newWasmBuild(optimize)
	if err != nil {
		return err
	}
	module, loader, err := b.browserModule(cat)
	if err != nil {
		return err
	}
	searchModule, catalogData, index, err := b.searchModule(cat)
	if err != nil {
		return err
	}
	s.AddAsset("authcodes.wasm", module)
	s.AddAsset("search.wasm", searchModule)
	s.AddAsset("search-catalog.bin", catalogData)
	s.AddAsset("search-index.bin", index)
	s.AddAsset("wasm_exec.js", loader)
	return nil
}

// moduleAssetNames are the generated assets the layout links.
var moduleAssetNames = []string{"authcodes.wasm", "search.wasm", "search-catalog.bin", "search-index.bin", "wasm_exec.js"}

// moduleAssets lists the browser modules' assets as "name path" lines, for
// the edge worker's search page.
func moduleAssets(s *site.Site) string {
	var b strings.Builder
	for _, name := range moduleAssetNames {
		if a, ok := s.Assets()[name]; ok {
			b.WriteString(name + " " + a.Path + "\n")
		}
	}
	return b.String()
}

type writeStats struct{ files, bytes int }

// writeSite renders the site into dir, replacing an earlier build there.
func writeSite(s *site.Site, dir string) (writeStats, error) {
	if err := clearBuild(dir); err != nil {
		return writeStats{}, err
	}
	var st writeStats
	err := s.Build(func(name string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		st.files++
		st.bytes += len(data)
		return os.WriteFile(p, data, 0o644)
	})
	return st, err
}

// clearBuild removes an earlier build, refusing to touch a directory that
// does not look like one.
func clearBuild(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, "_headers")); err != nil {
		return fmt.Errorf("%s is not empty and holds no earlier build (no _headers file); not overwriting it", dir)
	}
	return os.RemoveAll(dir)
}
