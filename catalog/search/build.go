//go:build !js

// Build is compiled into native programs only (go generate, the tests, the
// CLI and server): the upsidedown index it writes with, and the protobuf
// runtime upsidedown uses, are about a megabyte of WebAssembly that the
// modules, which only read the frozen index (frozenIndex), do without.

package search

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	regexptok "github.com/blevesearch/bleve/v2/analysis/tokenizer/regexp"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/document"

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
	analyzers := newIndexAnalyzers()
	idx, err := upsidedown.NewUpsideDownCouch(gtreap.Name, map[string]interface{}{"path": ""}, index.NewAnalysisQueue(1))
	if err != nil {
		return nil, err
	}
	if err := idx.Open(); err != nil {
		return nil, err
	}
	for i, e := range cat.Entries() {
		p, _ := cat.Provider(e.Provider)
		if err := idx.Update(entryDocument(analyzers, docID(i), e, p)); err != nil {
			idx.Close()
			return nil, fmt.Errorf("search: %s: %w", e.ID, err)
		}
	}
	return idx.(*upsidedown.UpsideDownCouch), nil
}

// newIndexAnalyzers are the analyzers of the indexed fields, by name.
func newIndexAnalyzers() map[string]analysis.Analyzer {
	return map[string]analysis.Analyzer{
		// Bleve's list itself, not stopwords.txt, which go generate writes
		// alongside the index (TestStopWordsFileIsBleves holds them equal).
		textAnalyzer: newEnglishAnalyzer(bleveProseStopWords()),
		// Codes are runs of letters and digits, lower-cased; queries split
		// them the same way (queryWords).
		codeAnalyzer: &analysis.DefaultAnalyzer{
			Tokenizer:    regexptok.NewRegexpTokenizer(regexp.MustCompile(`[\p{L}\p{N}]+`)),
			TokenFilters: []analysis.TokenFilter{lowercase.NewLowerCaseFilter()},
		},
		keywordAnalyzer: &analysis.DefaultAnalyzer{Tokenizer: single.NewSingleTokenTokenizer()},
	}
}

// entryDocument is what the index holds of an entry. Fields are added in a
// fixed order, so the index numbers them, and serialises, the same way on
// every build.
func entryDocument(analyzers map[string]analysis.Analyzer, id string, e *catalog.Entry, p *catalog.Provider) *document.Document {
	doc := document.NewDocument(id)
	for _, f := range textFields {
		analyzer := analyzers[f.analyzer]
		for i, v := range f.value(e, p) {
			if f.analyzer == textAnalyzer {
				// Queries split "client_secret" into two words; so does the index.
				v = strings.ReplaceAll(v, "_", " ")
			}
			if v != "" {
				doc.AddField(document.NewTextFieldCustom(f.name, []uint64{uint64(i)}, []byte(v), index.IndexField, analyzer))
			}
		}
	}
	keyword := analyzers[keywordAnalyzer]
	doc.AddField(document.NewTextFieldCustom(providerField, nil, []byte(e.Provider), index.IndexField, keyword))
	doc.AddField(document.NewTextFieldCustom(protocolField, nil, []byte(e.Protocol), index.IndexField, keyword))
	return doc
}

// negations are stop words that carry meaning in an error message.
var negations = []string{"not", "no", "nor", "cannot", "can't", "isn't", "aren't", "wasn't", "weren't",
	"doesn't", "don't", "didn't", "won't", "wouldn't", "shouldn't", "couldn't", "hasn't", "haven't", "hadn't", "mustn't"}

// bleveProseStopWords is Bleve's English stop list (one word at the start
// of a line, | starts a comment) without the negations: what go generate
// writes to stopwords.txt, which proseStopWords reads.
func bleveProseStopWords() []string {
	var out []string
	for _, line := range strings.Split(string(en.EnglishStopWords), "\n") {
		line, _, _ = strings.Cut(line, "|")
		if w := strings.TrimSpace(line); w != "" && !slices.Contains(negations, w) {
			out = append(out, w)
		}
	}
	return out
}

// StopWordsFile is the content of stopwords.txt, for go generate.
func StopWordsFile() []byte { return []byte(strings.Join(bleveProseStopWords(), "\n") + "\n") }
