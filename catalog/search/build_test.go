//go:build !js

package search

import (
	"bytes"
	"os"
	"slices"
	"testing"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search/internal/answered"
)

func TestEmbeddedIndexIsCurrent(t *testing.T) {
	cat, err := catalog.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	data, err := Build(cat)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, embeddedIndex) {
		t.Fatalf("index.bin is out of date with the catalog (%d bytes built, %d embedded): run go generate ./catalog/search", len(data), len(embeddedIndex))
	}
}

// TestAnsweredIsCurrent: answered.tsv counts the threads of the two tuning
// halves, as go generate wrote it, and nothing of the held-out halves.
func TestAnsweredIsCurrent(t *testing.T) {
	cat, err := catalog.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	corpus, err := os.ReadFile("../decode/testdata/corpus/tune.txt")
	if err != nil {
		t.Fatal(err)
	}
	phrasing, err := os.ReadFile("testdata/realphrasing_tuning.tsv")
	if err != nil {
		t.Fatal(err)
	}
	known := func(id string) bool { _, ok := cat.Entry(id); return ok }
	counts, err := answered.Count(corpus, phrasing, known)
	if err != nil {
		t.Fatal(err)
	}
	if want := answered.Format(counts); !bytes.Equal(answeredFile, want) {
		t.Fatalf("answered.tsv is out of date with the tuning halves: run go generate ./catalog/search")
	}
	if len(answeredWeights()) == 0 {
		t.Fatal("answered.tsv gives no entry a weight")
	}
}

// TestStopWordsFileIsBleves: stopwords.txt is Bleve's English stop list
// without the negations, as go generate wrote it.
func TestStopWordsFileIsBleves(t *testing.T) {
	if got, want := stopWordsFile, string(StopWordsFile()); got != want {
		t.Fatalf("stopwords.txt is out of date with Bleve's list: run go generate ./catalog/search")
	}
	if len(proseStopWords()) < 100 || slices.Contains(proseStopWords(), "not") {
		t.Errorf("stop words %q: want Bleve's hundred and more, without the negations", proseStopWords())
	}
}
