package search

import (
	_ "embed"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

	"github.com/authcodes/authcodes/catalog"
)

// The analyzers: English prose is stemmed and loses stop words, but not its
// negations ("user not assigned" is not "user assigned"); codes split on
// punctuation ("invalid_grant" is "invalid", "grant") but are never stemmed;
// the filter fields are keywords, kept whole.
//
// They are built from Bleve's tokenizers and filters directly, not named in
// a Bleve mapping: the mapping decodes its configuration from JSON through
// reflection, and the browser's module, which only queries, would link all
// of that to build one analyzer.
const (
	codeAnalyzer    = "code"
	textAnalyzer    = "prose"
	keywordAnalyzer = "keyword"
)

// newEnglishAnalyzer is the prose analyzer: words, possessives dropped,
// lower case, stop words out (the negations stay), stemmed, and a negation
// joined to the word after it.
func newEnglishAnalyzer(stopWords []string) analysis.Analyzer {
	stops := analysis.NewTokenMap()
	for _, w := range stopWords {
		stops.AddToken(w)
	}
	return &analysis.DefaultAnalyzer{
		Tokenizer: unicodetok.NewUnicodeTokenizer(),
		TokenFilters: []analysis.TokenFilter{
			possessiveFilter{}, lowercase.NewLowerCaseFilter(), stop.NewStopTokensFilter(stops),
			porter.NewPorterStemmer(), negationFilter{},
		},
	}
}

// proseStopWords are the English stop words prose loses: Bleve's English
// stop list without the negations, one a line in stopwords.txt, which go
// generate writes from Bleve's list (bleveProseStopWords, native only). A
// file rather than Bleve's own list because that list's package registers
// a Snowball stemmer and a logger the browser's module does without.
func proseStopWords() []string { return strings.Fields(stopWordsFile) }

//go:embed stopwords.txt
var stopWordsFile string

// possessiveFilter drops the English possessive 's (with a straight, curly
// or full-width apostrophe, in either case) from the end of each token, as
// Bleve's English possessive filter does: "user's" is "user", and "it's"
// is "it" too.
type possessiveFilter struct{}

func (possessiveFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		last, n := utf8.DecodeLastRune(t.Term)
		if last != 's' && last != 'S' {
			continue
		}
		switch before, m := utf8.DecodeLastRune(t.Term[:len(t.Term)-n]); before {
		case '\'', '’', '＇':
			t.Term = t.Term[:len(t.Term)-n-m]
		}
	}
	return in
}

// field is one indexed field of an entry, with the weight a match in it carries.
type field struct {
	name     string
	analyzer string
	boost    float64
	value    func(e *catalog.Entry, p *catalog.Provider) []string
}

// textFields are searched by free-text queries: few fields, because every
// field multiplies the work of each query word. Nothing is stored and no term
// vectors are kept: results come back as document numbers and the catalog
// has the rest.
var textFields = []field{
	{"code", codeAnalyzer, codeBoost, func(e *catalog.Entry, _ *catalog.Provider) []string {
		return append([]string{e.Code}, e.Aliases...)
	}},
	{"head", textAnalyzer, 3, func(e *catalog.Entry, _ *catalog.Provider) []string {
		return append([]string{splitCamel(e.Name), e.Title}, e.Phrases...)
	}},
	{"body", textAnalyzer, 1, func(e *catalog.Entry, _ *catalog.Provider) []string {
		out := []string{e.Summary}
		for _, m := range e.Messages {
			out = append(out, strings.Join(splitPlaceholders(m), " "))
		}
		return out
	}},
}

// splitPlaceholders cuts a message at its placeholders, the varying parts
// written in braces ("{app id}"): what is left between them, in order, empty
// strings included, as splitting at the pattern \{[^{}]*\} does.
func splitPlaceholders(m string) []string {
	var parts []string
	from, last := 0, 0
	for {
		open := strings.IndexByte(m[from:], '{')
		if open < 0 {
			break
		}
		open += from
		// The placeholder closes at the first brace after it; another
		// opening brace first starts the placeholder over from there.
		end := strings.IndexAny(m[open+1:], "{}")
		if end < 0 {
			break
		}
		end += open + 1
		if m[end] == '{' {
			from = end
			continue
		}
		parts = append(parts, m[last:open])
		last, from = end+1, end+1
	}
	return append(parts, m[last:])
}

// Filter fields hold exact keys.
const (
	providerField = "provider"
	protocolField = "protocol"
)

// docID is an entry's id in the index: its position in the catalog, in base
// 36. Every posting row repeats it, so short ids keep the index small.
func docID(position int) string { return strconv.FormatInt(int64(position), 36) }

// splitCamel turns a symbolic name into words: "InvalidReplyTo" becomes
// "Invalid Reply To", so that it matches English queries.
func splitCamel(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) && (unicode.IsLower(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]))) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}
