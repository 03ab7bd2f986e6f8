//go:build !js

// Build is compiled into native programs only (go generate, the tests, the
// CLI and server): the upsidedown index it writes with, and the protobuf
// runtime upsidedown uses, are about a megabyte of WebAssembly that the
// modules, which only read the frozen index (frozenIndex), do without.

package search

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/index/upsidedown"
	"github.com/blevesearch/bleve/v2/index/upsidedown/store/gtreap"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/authcodes/authcodes/catalog"
)

// Build indexes every entry of the catalog in memory and returns the frozen
// index, ready to embed and to Open. The same catalog always gives the same bytes.
func Build(cat *catalog.Catalog) ([]byte, error) {
	idx, err := buildIndex(cat)
	if err != nil {
		return nil, err
	}
	defer idx.Close()
	kv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := kv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return freeze(r)
}

// buildIndex indexes every entry of the catalog with Bleve's upsidedown
// index, in memory.
func buildIndex(cat *catalog.Catalog) (*upsidedown.UpsideDownCouch, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	idx, err := upsidedown.NewUpsideDownCouch(gtreap.Name, map[string]interface{}{"path": ""}, index.NewAnalysisQueue(1))
	if err != nil {
		return nil, err
	}
	if err := idx.Open(); err != nil {
		return nil, err
	}
	for i, e := range cat.Entries() {
		p, _ := cat.Provider(e.Provider)
		if err := idx.Update(entryDocument(m, docID(i), e, p)); err != nil {
			idx.Close()
			return nil, fmt.Errorf("search: %s: %w", e.ID, err)
		}
	}
	return idx.(*upsidedown.UpsideDownCouch), nil
}
