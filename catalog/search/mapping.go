package search

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/analysis/tokenmap"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	regexptok "github.com/blevesearch/bleve/v2/analysis/tokenizer/regexp"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/authcodes/authcodes/catalog"
)

// The analyzers: English prose is stemmed and loses stop words, but not its
// negations ("user not assigned" is not "user assigned"); codes split on
// punctuation ("invalid_grant" is "invalid", "grant") but are never stemmed.
const (
	codeAnalyzer = "code"
	textAnalyzer = "prose"
	// proseStops are English stop words less the negations.
	proseStops = "prose_stops"
)

// negations are stop words that carry meaning in an error message.
var negations = []string{"not", "no", "nor", "cannot", "can't", "isn't", "aren't", "wasn't", "weren't",
	"doesn't", "don't", "didn't", "won't", "wouldn't", "shouldn't", "couldn't", "hasn't", "haven't", "hadn't", "mustn't"}

// proseStopWords is Bleve's English stop list (one word at the start of a
// line, | starts a comment) without the negations.
func proseStopWords() []interface{} {
	var out []interface{}
	for _, line := range strings.Split(string(en.EnglishStopWords), "\n") {
		line, _, _ = strings.Cut(line, "|")
		if w := strings.TrimSpace(line); w != "" && !slices.Contains(negations, w) {
			out = append(out, w)
		}
	}
	return out
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
			out = append(out, placeholder.ReplaceAllString(m, " "))
		}
		return out
	}},
}

// placeholder is the varying part of a message, "{app id}".
var placeholder = regexp.MustCompile(`\{[^{}]*\}`)

// Filter fields hold exact keys.
const (
	providerField = "provider"
	protocolField = "protocol"
)

func newMapping() (*mapping.IndexMappingImpl, error) {
	m := mapping.NewIndexMapping()
	if err := m.AddCustomTokenizer("code_parts", map[string]interface{}{
		"type":   regexptok.Name,
		"regexp": `[\p{L}\p{N}]+`,
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomTokenMap(proseStops, map[string]interface{}{
		"type":   tokenmap.Name,
		"tokens": proseStopWords(),
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomTokenFilter(proseStops, map[string]interface{}{
		"type":           stop.Name,
		"stop_token_map": proseStops,
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomAnalyzer(textAnalyzer, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicodetok.Name,
		"token_filters": []string{en.PossessiveName, lowercase.Name, proseStops, porter.Name, negationJoin},
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomAnalyzer(codeAnalyzer, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     "code_parts",
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	doc := mapping.NewDocumentStaticMapping()
	add := func(name, analyzer string) {
		fm := mapping.NewTextFieldMapping()
		fm.Analyzer = analyzer
		fm.Store = false
		fm.IncludeTermVectors = false
		fm.IncludeInAll = false
		fm.DocValues = false
		doc.AddFieldMappingsAt(name, fm)
	}
	for _, f := range textFields {
		add(f.name, f.analyzer)
	}
	add(providerField, keyword.Name)
	add(protocolField, keyword.Name)
	m.DefaultMapping = doc
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false
	return m, nil
}

// docID is an entry's id in the index: its position in the catalog, in base
// 36. Every posting row repeats it, so short ids keep the index small.
func docID(position int) string { return strconv.FormatInt(int64(position), 36) }

// entryDocument is what the index holds of an entry. Fields are added in a
// fixed order, so the index numbers them, and serialises, the same way on
// every build.
func entryDocument(m *mapping.IndexMappingImpl, id string, e *catalog.Entry, p *catalog.Provider) *document.Document {
	doc := document.NewDocument(id)
	for _, f := range textFields {
		analyzer := m.AnalyzerNamed(f.analyzer)
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
	keyword := m.AnalyzerNamed(keyword.Name)
	doc.AddField(document.NewTextFieldCustom(providerField, nil, []byte(e.Provider), index.IndexField, keyword))
	doc.AddField(document.NewTextFieldCustom(protocolField, nil, []byte(e.Protocol), index.IndexField, keyword))
	return doc
}

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
