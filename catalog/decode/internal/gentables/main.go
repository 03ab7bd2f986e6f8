// Command gentables derives the decoder's recognition tables from the
// embedded catalog and writes them to a file (go generate ./catalog/decode).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/decode"
)

func main() {
	out := flag.String("o", "tables.bin", "file to write")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gentables:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	cat, err := catalog.Embedded()
	if err != nil {
		return err
	}
	data := decode.MarshalTables(cat)
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return err
	}
	fmt.Printf("gentables: %d entries, %d bytes -> %s\n", len(cat.Entries()), len(data), out)
	return nil
}
