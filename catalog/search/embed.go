package search

import (
	_ "embed"
	"sync"

	"github.com/authcodes/authcodes/catalog"
)

//go:generate go run ./internal/genindex -o index.bin -stop stopwords.txt

// The decoder's recognition tables are derived from the catalog too, so the
// one command that follows a catalog change regenerates them as well.
//
//go:generate go generate ../decode

// embeddedIndex is the index of the embedded catalog, built by Build. A test
// fails when it falls behind the catalog.
//
//go:embed index.bin
var embeddedIndex []byte

var (
	embeddedOnce sync.Once
	embeddedIx   *Index
	embeddedErr  error
)

// Embedded returns the index of the catalog shipped with the catalog package,
// opened once on first use. (A function, not an initialised variable, so that
// the WebAssembly modules, which open a binary catalog instead, do not link
// the Markdown one.)
func Embedded() (*Index, error) {
	embeddedOnce.Do(func() {
		cat, err := catalog.Embedded()
		if err != nil {
			embeddedErr = err
			return
		}
		embeddedIx, embeddedErr = Open(cat, embeddedIndex)
	})
	return embeddedIx, embeddedErr
}

// EmbeddedBytes is the serialised index, for modules that ship it elsewhere.
func EmbeddedBytes() []byte { return embeddedIndex }
