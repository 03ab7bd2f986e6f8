package search

import (
	"bytes"

	"github.com/blevesearch/bleve/v2/analysis"
)

// negationFilter is the token filter that ties a negation to the word after
// it: "not assigned" is indexed as "assign" and "not_assign", "isn't
// valid" as "valid" and "not_valid". A query saying "not assigned" then
// ranks texts that say it above texts that say "already assigned", while
// the negation alone, which nearly every message carries, matches nothing.
type negationFilter struct{}

// negationPrefix starts every joined term.
var negationPrefix = []byte("not_")

func (negationFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := in[:0:0]
	for i, t := range in {
		if !isNegation(t.Term) {
			out = append(out, t)
			continue
		}
		if i+1 < len(in) && !isNegation(in[i+1].Term) {
			next := in[i+1]
			out = append(out, &analysis.Token{
				Term:     append(append([]byte{}, negationPrefix...), next.Term...),
				Start:    t.Start,
				End:      next.End,
				Position: next.Position,
				Type:     next.Type,
			})
		}
	}
	return out
}

// isNegation recognises "not", "no", "never", "cannot" and the n't forms
// ("isn't", "doesn’t").
func isNegation(term []byte) bool {
	switch string(term) {
	case "not", "no", "nor", "never", "cannot":
		return true
	}
	return bytes.HasSuffix(term, []byte("n't")) || bytes.HasSuffix(term, []byte("n’t"))
}
