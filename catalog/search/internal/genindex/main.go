// Command genindex builds the search index of the embedded catalog and writes
// it to a file, the English stop words the index and its queries leave out to
// another, and how many real threads of the tuning halves each entry
// answered to a third (go generate ./catalog/search).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
	"github.com/authcodes/authcodes/catalog/search/internal/answered"
)

func main() {
	out := flag.String("o", "index.bin", "file to write")
	stop := flag.String("stop", "stopwords.txt", "file to write the stop words to")
	answers := flag.String("answered", "answered.tsv", "file to write the threads each entry answered to")
	corpus := flag.String("corpus", "../decode/testdata/corpus/tune.txt", "the decoder corpus's tuning half")
	phrasing := flag.String("phrasing", "testdata/realphrasing_tuning.tsv", "the real-phrasing set's tuning half")
	flag.Parse()
	if err := run(*out, *stop, *answers, *corpus, *phrasing); err != nil {
		fmt.Fprintln(os.Stderr, "genindex:", err)
		os.Exit(1)
	}
}

func run(out, stop, answers, corpus, phrasing string) error {
	if err := os.WriteFile(stop, search.StopWordsFile(), 0o644); err != nil {
		return err
	}
	cat, err := catalog.Embedded()
	if err != nil {
		return err
	}
	if err := writeAnswered(cat, answers, corpus, phrasing); err != nil {
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

// writeAnswered counts the threads of the two tuning halves per entry of
// cat into out.
func writeAnswered(cat *catalog.Catalog, out, corpus, phrasing string) error {
	c, err := os.ReadFile(corpus)
	if err != nil {
		return err
	}
	p, err := os.ReadFile(phrasing)
	if err != nil {
		return err
	}
	known := func(id string) bool { _, ok := cat.Entry(id); return ok }
	counts, err := answered.Count(c, p, known)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, answered.Format(counts), 0o644); err != nil {
		return err
	}
	fmt.Printf("genindex: %d entries answered real threads -> %s\n", len(counts), out)
	return nil
}
