package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/authcodes/authcodes/api"
	"github.com/authcodes/authcodes/catalog"
)

// workerDir is where the edge worker is built: a sibling of the site
// directory ("dist" → "dist-worker"), so that its code is never uploaded as
// a static asset. wrangler.toml names dist-worker/worker.mjs as the worker.
func workerDir(siteDir string) string { return filepath.Clean(siteDir) + "-worker" }

// buildWorker builds the edge worker (wasm/worker) into workerDir(siteDir):
// it writes the inputs the worker embeds next to its source (catalog.bin,
// guides.bin, origin.txt, assets.txt; git ignores them), compiles it, and copies its
// JavaScript entry point and Go's wasm_exec.js beside the module.
func buildWorker(cat *catalog.Catalog, render api.Renderer, moduleAssets, siteDir, origin string, optimize bool, stdout io.Writer) error {
	start := time.Now()
	b, err := newWasmBuild(optimize)
	if err != nil {
		return err
	}
	src := filepath.Join(b.root, "wasm", "worker")
	catalogBin, err := withoutGuides(cat)
	if err != nil {
		return err
	}
	// The worker ships guides rendered here, so goldmark stays out of it.
	guidesBin, err := api.WriteGuides(cat, render)
	if err != nil {
		return err
	}
	for name, data := range map[string][]byte{"catalog.bin": catalogBin, "guides.bin": guidesBin, "origin.txt": []byte(origin), "assets.txt": []byte(moduleAssets)} {
		if err := writeIfChanged(filepath.Join(src, name), data); err != nil {
			return err
		}
	}
	module, err := b.compile("./wasm/worker")
	if err != nil {
		return err
	}
	loader, err := b.loader()
	if err != nil {
		return err
	}
	entry, err := os.ReadFile(filepath.Join(src, "worker.mjs"))
	if err != nil {
		return err
	}
	out := workerDir(siteDir)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for name, data := range map[string][]byte{"worker.wasm": module, "wasm_exec.js": loader, "worker.mjs": entry} {
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "built the edge worker: %.1f MB wasm, %.1f MB gzipped, in %s (%v)\n",
		float64(len(module))/1e6, float64(cachedGzipSize(b.cache, module))/1e6, out, time.Since(start).Round(time.Millisecond))
	return nil
}

// withoutGuides is the binary catalog minus its Markdown guides: the worker
// serves guides pre-rendered from guides.bin and would otherwise carry each
// one twice (about 2 MB). It strips them from a decoded copy, never from cat.
func withoutGuides(cat *catalog.Catalog) ([]byte, error) {
	full, err := cat.MarshalBinary()
	if err != nil {
		return nil, err
	}
	cp, err := catalog.FromBinary(full)
	if err != nil {
		return nil, err
	}
	for _, e := range cp.Entries() {
		e.Guide = ""
	}
	return cp.MarshalBinary()
}

// writeIfChanged leaves an identical file alone (the Go build cache keys on
// content anyway) and replaces a different one atomically, so that a
// concurrent compile never embeds half a file.
func writeIfChanged(name string, data []byte) error {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return nil
	}
	f, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
