//go:build !js

package search

import (
	"bytes"
	"slices"
	"testing"

	"github.com/authcodes/authcodes/catalog"
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
