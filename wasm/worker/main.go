//go:build js && wasm

// Command worker is the authcodes edge worker for Cloudflare Workers: the
// API under /v1/ and the server-rendered /search/ page, while static assets
// serve the rest of the site.
//
// One Go instance serves every request of an isolate: worker.mjs instantiates
// this module once and calls the handleRequest function it registers (through
// github.com/syumai/workers) for each request. main therefore sets up, signals
// readiness and blocks forever, instead of serving one request and exiting
// as syumai/workers' own glue expects.
//
// Build it with the generator (`go run ./build`), which first writes the
// embedded inputs below into this directory.
package main

import (
	_ "embed"
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
	// collecting garbage meanwhile only slows the cold start.
	gc := debug.SetGCPercent(-1)
	h, err := edge.New(edge.Inputs{Catalog: catalogData, Index: search.EmbeddedBytes(), Guides: guidesData, Origin: origin, ModuleAssets: moduleAssets})
	debug.SetGCPercent(gc)
	if err != nil {
		h = edge.Failed(err)
	}
	workers.ServeNonBlock(wholeBodies(h))
	workers.Ready()
	select {}
}
