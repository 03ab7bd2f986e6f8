// Command genindex builds the search index of the embedded catalog and writes
// it to a file, and the English stop words the index and its queries leave
// out to another (go generate ./catalog/search).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
)

func main() {
	out := flag.String("o", "index.bin", "file to write")
	stop := flag.String("stop", "stopwords.txt", "file to write the stop words to")
	flag.Parse()
	if err := run(*out, *stop); err != nil {
		fmt.Fprintln(os.Stderr, "genindex:", err)
		os.Exit(1)
	}
}

func run(out, stop string) error {
	if err := os.WriteFile(stop, search.StopWordsFile(), 0o644); err != nil {
		return err
	}
	cat, err := catalog.Embedded()
	if err != nil {
		return err
	}
	data, err := search.Build(cat)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return err
	}
	fmt.Printf("genindex: %d entries, %d bytes -> %s\n", len(cat.Entries()), len(data), out)
	return nil
}
