package search

import (
	"cmp"
	"context"
	"slices"

	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// scoredDoc is one document a query matched, with its score.
type scoredDoc struct {
	id    string
	score float64
}

// topScored runs the searcher to its end and returns its n best matches,
// by score, ties in index order: what Bleve's TopNCollector returns sorted
// by score alone. It is ours because that collector, with its facets,
// sorting by fields and JSON output, links encoding/json and much
// reflection into the browser's module, for a loop and a sort.
func topScored(ctx context.Context, s bsearch.Searcher, r index.IndexReader, n int) ([]scoredDoc, error) {
	sctx := &bsearch.SearchContext{
		DocumentMatchPool: bsearch.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 1),
		IndexReader:       r,
	}
	var out []scoredDoc
	for seen := 0; ; seen++ {
		// As often as Bleve's collector looks: at the start, then every 1,024 matches.
		if seen%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		d, err := s.Next(sctx)
		if err != nil {
			return nil, err
		}
		if d == nil {
			break
		}
		id, err := r.ExternalID(d.IndexInternalID)
		if err != nil {
			return nil, err
		}
		out = append(out, scoredDoc{id, d.Score})
		sctx.DocumentMatchPool.Put(d)
	}
	slices.SortStableFunc(out, func(a, b scoredDoc) int { return cmp.Compare(b.score, a.score) })
	return out[:min(n, len(out))], nil
}
