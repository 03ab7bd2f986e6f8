// Command probe runs the search package the way the browser module and the
// edge worker do, so that it can be compiled to WebAssembly and run under
// Node: it ranks a list of queries, or times opening the index and querying.
//
//	probe rank QUERIES_FILE [CATALOG]     one line per query: the ranked ids, space separated
//	probe bench QUERIES_FILE [CATALOG]    load, open and median query times, as "name value unit" lines
//	probe export-catalog FILE             write the binary catalog (run natively)
//
// With CATALOG (a binary catalog, as export-catalog writes) rank and bench
// load it, as the WebAssembly modules do, instead of parsing the Markdown
// one; compiled to WebAssembly, the probe needs it (the Markdown catalog is
// native only).
package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
)

func main() {
	if len(os.Args) < 3 || len(os.Args) > 4 {
		fmt.Fprintln(os.Stderr, "usage: probe rank|bench QUERIES_FILE [CATALOG] | probe export-catalog FILE")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3:]); err != nil {
		fmt.Fprintln(os.Stderr, "probe:", err)
		os.Exit(1)
	}
}

func run(mode, file string, rest []string) error {
	if mode == "export-catalog" {
		cat, err := catalog.Embedded()
		if err != nil {
			return err
		}
		data, err := cat.MarshalBinary()
		if err != nil {
			return err
		}
		return os.WriteFile(file, data, 0o644)
	}
	queries, err := readQueries(file)
	if err != nil {
		return err
	}
	var data []byte
	if len(rest) > 0 {
		// Read before timing: the modules embed these bytes, they never read a file.
		if data, err = os.ReadFile(rest[0]); err != nil {
			return err
		}
	}
	loadStart := time.Now()
	cat, err := loadCatalog(data)
	if err != nil {
		return err
	}
	loaded := time.Since(loadStart)
	start := time.Now()
	ix, err := search.Open(cat, search.EmbeddedBytes())
	if err != nil {
		return err
	}
	opened := time.Since(start)
	ctx := context.Background()
	switch mode {
	case "rank":
		w := bufio.NewWriter(os.Stdout)
		defer w.Flush()
		for _, q := range queries {
			ids, err := Rank(ctx, ix, q)
			if err != nil {
				return err
			}
			fmt.Fprintln(w, strings.Join(ids, " "))
		}
	case "bench":
		var times []time.Duration
		for round := 0; round < 5; round++ {
			for _, q := range queries {
				t := time.Now()
				if _, err := ix.Search(ctx, search.Request{Query: q}); err != nil {
					return err
				}
				times = append(times, time.Since(t))
			}
		}
		slices.Sort(times)
		fmt.Printf("catalog_load %d ns\n", loaded.Nanoseconds())
		fmt.Printf("open %d ns\n", opened.Nanoseconds())
		fmt.Printf("query_median %d ns\n", times[len(times)/2].Nanoseconds())
		fmt.Printf("query_p90 %d ns\n", times[len(times)*9/10].Nanoseconds())
		fmt.Printf("queries %d\n", len(times))
	default:
		return fmt.Errorf("unknown mode %q", mode)
	}
	return nil
}

// loadCatalog decodes a binary catalog, or parses the embedded one when there is none.
func loadCatalog(binary []byte) (*catalog.Catalog, error) {
	if binary == nil {
		return catalog.Embedded()
	}
	return catalog.FromBinary(binary)
}

// Rank returns the ids of the first page of results for q.
func Rank(ctx context.Context, ix *search.Index, q string) ([]string, error) {
	res, err := ix.Search(ctx, search.Request{Query: q})
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.Entry.ID
	}
	return ids, nil
}

func readQueries(file string) ([]string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out, nil
}
