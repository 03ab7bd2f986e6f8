//go:build js && wasm

// Command worker is the authcodes edge worker for Cloudflare Workers: the
// API under /v1/ and the server-rendered /search/ page, while static assets
// serve the rest of the site.
//
// One Go instance serves every request of an isolate: worker.mjs instantiates
// this module and runs it when workerd evaluates the worker, before any
// request, and calls the handleRequest function it registers (through
// github.com/syumai/workers) for each request. main therefore sets up,
// signals readiness and blocks forever, instead of serving one request and
// exiting as syumai/workers' own glue expects. What main does before Ready
// runs at isolate start, where workerd allows no timer, no I/O and no
// crypto.getRandomValues, so it uses none of them.
//
// Build it with the generator (`go run ./build`), which first writes the
// embedded inputs below into this directory.
package main

import (
	_ "embed"
	"runtime"
	"runtime/debug"

	"github.com/syumai/workers"

	"github.com/authcodes/authcodes/catalog/search"
	"github.com/authcodes/authcodes/wasm/worker/edge"
)

// The generator writes these files (git ignores them): the binary catalog,
// the pre-rendered guides, the site's public base URL and the paths of the
// site's browser module. The search index
// comes with its package.
var (
	//go:embed catalog.bin
	catalogData []byte
	//go:embed guides.bin
	guidesData []byte
	//go:embed origin.txt
	origin string
	//go:embed assets.txt
	moduleAssets string
)

func main() {
	// Nearly all that decoding the catalog allocates stays live, so
	// collecting garbage meanwhile only slows the start.
	gc := debug.SetGCPercent(-1)
	h, err := edge.New(edge.Inputs{Catalog: catalogData, Index: search.EmbeddedBytes(), Guides: guidesData, Origin: origin, ModuleAssets: moduleAssets})
	if err != nil {
		h = edge.Failed(err)
	}
	// One collection now, while no request waits: otherwise the first
	// request's allocations would start it, marking the whole catalog
	// (about 30 ms of CPU in workerd).
	runtime.GC()
	debug.SetGCPercent(gc)
	workers.ServeNonBlock(wholeBodies(h))
	workers.Ready()
	select {}
}
