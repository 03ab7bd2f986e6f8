package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"

	"github.com/authcodes/authcodes/api"
	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
	"github.com/authcodes/authcodes/guide"
	"github.com/authcodes/authcodes/internal/localserve"
)

const serveUsage = `Usage: authcodes serve [--addr HOST:PORT]

Serves the authcodes API at /v1/ (the one the edge worker runs: codes,
lookup, search, decode, providers, openapi.json, health) on 127.0.0.1:8080,
for an application to call while it is developed. Stop it with Ctrl-C.
The whole site, with the API, is "go run ./build serve" in a checkout.
`

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, serveUsage)
			return exitFound
		}
		fmt.Fprintf(stderr, "authcodes serve: bad arguments\n\n%s", serveUsage)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := serveAPI(ctx, *addr, stdout); err != nil {
		fmt.Fprintf(stderr, "authcodes serve: %v\n", err)
		return exitUsage
	}
	return exitFound
}

// serveAPI serves the API on addr until ctx ends.
func serveAPI(ctx context.Context, addr string, stdout io.Writer) error {
	cat, err := catalog.Embedded()
	if err != nil {
		return err
	}
	ix, err := search.Embedded()
	if err != nil {
		return err
	}
	h := api.New(api.Config{Catalog: cat, Index: ix, Guides: api.RenderGuides(cat, guide.Render)})
	return localserve.Serve(ctx, addr, h, func(a net.Addr) {
		fmt.Fprintf(stdout, "serving the authcodes API on http://%s/v1/ (Ctrl-C to stop)\n", a)
	})
}
