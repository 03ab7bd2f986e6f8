//go:build !js

package search

import (
	"bytes"
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
