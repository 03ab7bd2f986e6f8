package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
	"github.com/authcodes/authcodes/internal/mcpserver"
)

const mcpUsage = `Usage: authcodes mcp

Serves the catalog to an AI assistant over the Model Context Protocol on
standard input and output: the tools lookup, search and decode (which masks
secrets before anything reaches the model), and every entry as the resource
authcodes://<provider>/<code>. It stops at the end of its input.
`

func runMCP(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
			fmt.Fprint(stdout, mcpUsage)
			return exitFound
		}
		fmt.Fprintf(stderr, "authcodes mcp: unexpected argument %q\n\n%s", args[0], mcpUsage)
		return exitUsage
	}
	cat, err := catalog.Embedded()
	if err != nil {
		fmt.Fprintf(stderr, "authcodes mcp: the catalog does not load: %v\n", err)
		return exitUsage
	}
	ix, err := search.Embedded()
	if err != nil {
		fmt.Fprintf(stderr, "authcodes mcp: the search index does not open: %v\n", err)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	s := mcpserver.New(mcpserver.Config{Catalog: cat, Index: ix})
	if err := mcpserver.Run(ctx, s, mcpserver.StreamTransport(stdin, stdout)); err != nil {
		fmt.Fprintf(stderr, "authcodes mcp: %v\n", err)
		return exitUsage
	}
	return exitFound
}
