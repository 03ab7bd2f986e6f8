package search

import (
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
	"strconv"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/regexp"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/authcodes/authcodes/catalog"
)

// The analyzers: English prose is stemmed and loses stop words; codes split
// on punctuation ("invalid_grant" is "invalid", "grant") but are never stemmed.
const (
	codeAnalyzer = "code"
	textAnalyzer = en.AnalyzerName
)

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
	{"body", textAnalyzer, 1, func(e *catalog.Entry, p *catalog.Provider) []string {
		return []string{e.Summary, p.Name, p.Key}
	}},
}

// Filter fields hold exact keys.
const (
	providerField = "provider"
	protocolField = "protocol"
)

func newMapping() (*mapping.IndexMappingImpl, error) {
	m := mapping.NewIndexMapping()
	if err := m.AddCustomTokenizer("code_parts", map[string]interface{}{
		"type":   regexp.Name,
		"regexp": `[\p{L}\p{N}]+`,
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
