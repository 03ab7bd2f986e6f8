// Package search finds catalog entries for what people type: a code or any
// alias of one, the start of a code, a sentence pasted from an error page, or
// a symptom in their own words.
//
// It is built on Bleve's building blocks (its searchers, collector and
// analyzers), because the top-level bleve package does not compile to
// WebAssembly. The index is built ahead of time by Build with Bleve's
// upsidedown index, frozen, embedded, and read from its bytes by Open (with
// a reader of its own, frozenIndex) without re-indexing, so the Go
// library, the local server, the browser module and the edge worker all run
// this one query path.
package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/authcodes/authcodes/catalog"
)

// Limits on what a request may ask.
const (
	DefaultLimit  = 10
	MaxLimit      = 100
	MaxQueryBytes = 1024
	// maxTextHits bounds how deep free-text results go; nobody pages further.
	maxTextHits = 200
	snippetLen  = 200
)

// Request is one search.
type Request struct {
	Query string
	// Provider and Protocol restrict results to one provider key ("okta") or
	// one protocol ("saml"); empty means all.
	Provider string
	Protocol string
	// Limit is the page size (DefaultLimit when 0, at most MaxLimit); Offset
	// skips that many results.
	Limit  int
	Offset int
}

// MatchKind says why an entry was found.
type MatchKind string

const (
	// CodeMatch: the query is the entry's code, an alias or its name.
	CodeMatch MatchKind = "code"
	// PrefixMatch: the query is the start of the entry's code.
	PrefixMatch MatchKind = "prefix"
	// TextMatch: the query's words are in the entry's title, summary or key phrases.
	TextMatch MatchKind = "text"
	// NearMatch: the query holds a code the catalog does not list, and this
	// entry's code of the same provider starts the same way. It is not the
	// same code.
	NearMatch MatchKind = "near"
)

// maxNear is how many entries with a code like an unknown one are shown.
const maxNear = 5

// Hit is one result.
type Hit struct {
	Entry *catalog.Entry
	Match MatchKind
	// Score orders text matches; code and prefix matches come first and score 0.
	Score float64
	// Snippet is a short extract of the summary, with the query's words marked.
	Snippet []Fragment
}

// Fragment is a piece of snippet text; Match marks a word the query matched.
// Render it as text (with <mark> for matches), never as HTML.
type Fragment struct {
	Text  string `json:"text"`
	Match bool   `json:"match,omitempty"`
}

// Result is one page of results.
type Result struct {
	// Total counts every result, across all pages.
	Total int
	Hits  []Hit
	// Unknown is set when the query holds a word shaped like a provider's
	// code that no entry carries; every hit is then another code.
	Unknown *catalog.UnknownCode
	// Capped says that text matches stopped at the most search collects
	// (maxTextHits): Total is a floor, "200+", not a count.
	Capped bool
}

// ErrBadRequest wraps every error caused by the request rather than the index.
var ErrBadRequest = errors.New("bad search request")

// Index searches one catalog. It is safe for concurrent use.
type Index struct {
	cat     *catalog.Catalog
	index   *frozenIndex
	english analysis.Analyzer
	// codes holds each entry's code and aliases in lower case, for prefixes;
	// built on the first prefix query, to keep Open fast.
	codes     []entryCodes
	codesOnce sync.Once
	// providerTerms are the words and names that point at a provider: its
	// key, the other names people call it by, its SDK and exception names
	// ("okta", "azure", "next-auth", "SecurityTokenInvalidAudienceException").
	providerTerms []providerTerm
	// summaryTokens caches each entry's analysed summary for snippets
	// (*catalog.Entry to []token), filled as entries first appear in results.
	summaryTokens sync.Map
	// segments caches each entry's messages as plain words (messageSegments).
	segments sync.Map
	// answered weighs each entry by the real threads it answered
	// (answeredWeights).
	answered map[string]float64
}

// token is an analysed word of a text: its bytes and its indexed term.
type token struct {
	start, end int
	term       string
}

type entryCodes struct {
	entry *catalog.Entry
	keys  []string
}

// Open opens an index built by Build for the same catalog.
func Open(cat *catalog.Catalog, data []byte) (*Index, error) {
	idx, err := openIndex(data)
	if err != nil {
		return nil, err
	}
	ix := &Index{cat: cat, index: idx, english: newEnglishAnalyzer(proseStopWords()), answered: answeredWeights()}
	if n := idx.docCount; int(n) != len(cat.Entries()) {
		return nil, fmt.Errorf("search: the index holds %d entries but the catalog %d: rebuild it (go generate ./catalog/search)", n, len(cat.Entries()))
	}
	// A standard's name ("saml", "oauth") names the standard, even where a
	// library lists it among its own terms.
	standardTerms := map[string]bool{}
	for _, p := range cat.Providers() {
		if p.Kind == catalog.Standard {
			for _, t := range providerNames(p) {
				standardTerms[t] = true
			}
		}
	}
	for _, p := range cat.Providers() {
		for _, t := range providerNames(p) {
			if p.Kind == catalog.Standard || !standardTerms[t] {
				ix.providerTerms = append(ix.providerTerms, providerTerm{t, p.Key})
			}
		}
	}
	return ix, nil
}

// providerNames are the provider's key, search terms and markers, lower-cased.
func providerNames(p *catalog.Provider) []string {
	var out []string
	for _, t := range append(append([]string{p.Key}, p.SearchTerms...), p.Markers...) {
		if t = strings.ToLower(strings.TrimSpace(t)); len(t) >= 2 {
			out = append(out, t)
		}
	}
	return out
}

// providerTerm is one name that points at a provider.
type providerTerm struct{ term, key string }

// namedProviders returns the providers the query names, each once, also
// where a name is typed with two of its letters swapped ("okat").
func (ix *Index) namedProviders(q string) []string {
	lq := strings.ToLower(q)
	var words []string
	var keys []string
	for _, pt := range ix.providerTerms {
		if slices.Contains(keys, pt.key) {
			continue
		}
		if containsWord(lq, pt.term) {
			keys = append(keys, pt.key)
			continue
		}
		if len(pt.term) >= minSwappedName && isLetters(pt.term) {
			if words == nil {
				words = queryWords(lq)
			}
			if slices.ContainsFunc(words, func(w string) bool { return swappedPair(w, pt.term) }) {
				keys = append(keys, pt.key)
			}
		}
	}
	return keys
}

// minSwappedName is the shortest name recognised with two letters swapped:
// in shorter ones a swap makes another word too often.
const minSwappedName = 4

// swappedPair tells whether a is b with two neighbouring letters swapped.
func swappedPair(a, b string) bool {
	if len(a) != len(b) || a == b {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

func isLetters(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r < 'a' || r > 'z' }) < 0
}

// containsWord tells whether term occurs in s with nothing of a word joined
// to either end: "okta" in "okta: invalid", not in "oktaplus"; "node" not in
// "node-saml", whose hyphen makes it one name.
func containsWord(s, term string) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], term)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(term)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (start == 0 || !isWordRune(before)) && (end == len(s) || !isWordRune(after)) {
			return true
		}
		from = start + 1
	}
}

// isWordRune tells whether r continues a name. A character of a script
// written without spaces does not: "Okta登录失败" names Okta.
func isWordRune(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_') && !catalog.IsUnspacedScript(r)
}

// Search runs one request: entries whose code or alias the query is come
// first, then entries whose code starts with it (in code order), then
// free-text matches by relevance.
func (ix *Index) Search(ctx context.Context, req Request) (Result, error) {
	if err := ix.check(&req); err != nil {
		return Result{}, err
	}
	q := strings.TrimSpace(req.Query)
	if q == "" {
		return Result{}, nil
	}
	keep := func(e *catalog.Entry) bool {
		return (req.Provider == "" || e.Provider == req.Provider) && (req.Protocol == "" || string(e.Protocol) == req.Protocol)
	}
	var hits []Hit
	seen := map[*catalog.Entry]bool{}
	add := func(e *catalog.Entry, kind MatchKind, score float64) {
		if !seen[e] && keep(e) {
			seen[e] = true
			hits = append(hits, Hit{Entry: e, Match: kind, Score: score})
		}
	}
	for _, e := range ix.exact(q) {
		add(e, CodeMatch, 0)
	}
	for _, e := range ix.prefix(q) {
		add(e, PrefixMatch, 0)
	}
	unknown, isUnknown := ix.cat.UnknownCode(q)
	if isUnknown {
		for _, e := range ix.near(unknown) {
			add(e, NearMatch, 0)
		}
	}
	text, err := ix.text(ctx, q, req.Provider, req.Protocol)
	if err != nil {
		return Result{}, err
	}
	for _, m := range text {
		add(m.entry, TextMatch, m.score)
	}

	res := Result{Total: len(hits), Capped: len(text) >= maxTextHits}
	if isUnknown {
		res.Unknown = &unknown
	}
	if req.Offset >= len(hits) {
		return res, nil
	}
	res.Hits = hits[req.Offset:min(req.Offset+req.Limit, len(hits))]
	terms := ix.terms(q)
	for i := range res.Hits {
		res.Hits[i].Snippet = ix.snippet(res.Hits[i].Entry, terms)
	}
	return res, nil
}

// Catalog is the catalog the index was built for.
func (ix *Index) Catalog() *catalog.Catalog { return ix.cat }

// entry resolves a document id of the index.
func (ix *Index) entry(id string) *catalog.Entry {
	i, err := strconv.ParseInt(id, 36, 0)
	if err != nil || i < 0 || int(i) >= len(ix.cat.Entries()) {
		return nil
	}
	return ix.cat.Entries()[i]
}

func (ix *Index) check(req *Request) error {
	switch {
	case len(req.Query) > MaxQueryBytes:
		return fmt.Errorf("%w: the query is %d bytes; at most %d (paste long messages into the decoder)", ErrBadRequest, len(req.Query), MaxQueryBytes)
	case !utf8.ValidString(req.Query):
		return fmt.Errorf("%w: the query is not valid UTF-8", ErrBadRequest)
	case req.Limit < 0 || req.Offset < 0:
		return fmt.Errorf("%w: limit and offset must not be negative", ErrBadRequest)
	case req.Provider != "":
		if _, ok := ix.cat.Provider(req.Provider); !ok {
			return fmt.Errorf("%w: no provider %q", ErrBadRequest, req.Provider)
		}
	}
	if req.Protocol != "" && !slices.Contains(catalog.Protocols, catalog.Protocol(req.Protocol)) {
		return fmt.Errorf("%w: no protocol %q", ErrBadRequest, req.Protocol)
	}
	if req.Limit == 0 {
		req.Limit = DefaultLimit
	}
	req.Limit = min(req.Limit, MaxLimit)
	return nil
}

// exact finds entries the query names: the whole query as a code or alias,
// or else each code-like word in it. A provider named in the query ("okta
// invalid_grant") puts that provider's entry first.
func (ix *Index) exact(q string) []*catalog.Entry {
	found := ix.cat.Lookup(q)
	if len(found) > 0 {
		ix.byAnswers(found)
		return found
	}
	for _, w := range catalog.QueryWords(q) {
		if looksLikeCode(w) {
			for _, e := range ix.cat.Lookup(w) {
				if !slices.Contains(found, e) {
					found = append(found, e)
				}
			}
		}
	}
	if len(found) > 1 {
		ix.byAnswers(found)
		named := ix.namedProviders(q)
		slices.SortStableFunc(found, func(a, b *catalog.Entry) int {
			return cmp.Compare(b2i(!slices.Contains(named, a.Provider)), b2i(!slices.Contains(named, b.Provider)))
		})
	}
	return found
}

// byAnswers orders each run of copies of one code that are not the
// standard's (Google's, Keycloak's and Cognito's invalid_grant) by how many
// real threads were about each, so that a bare code lists first the
// providers people hit it at. Everything else keeps its lookup order: exact
// codes before aliases, the standard's entry before the copies.
func (ix *Index) byAnswers(found []*catalog.Entry) {
	copyOf := func(e *catalog.Entry) bool {
		p, ok := ix.cat.Provider(e.Provider)
		return ok && p.Kind != catalog.Standard
	}
	for i := 0; i < len(found); {
		j := i + 1
		if copyOf(found[i]) {
			for j < len(found) && found[j].Code == found[i].Code && copyOf(found[j]) {
				j++
			}
			slices.SortStableFunc(found[i:j], func(a, b *catalog.Entry) int {
				return cmp.Compare(ix.answered[b.ID], ix.answered[a.ID])
			})
		}
		i = j
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// looksLikeCode tells a code ("AADSTS50011", "invalid_grant", "AuthnFailed",
// "TID-AEX-1030") from an ordinary word.
func looksLikeCode(w string) bool {
	if len(w) < 3 {
		return false
	}
	if strings.ContainsAny(w, "0123456789_.-:#") {
		return true
	}
	rs := []rune(w)
	for i := 1; i < len(rs); i++ {
		if unicode.IsUpper(rs[i]) && unicode.IsLower(rs[i-1]) {
			return true
		}
	}
	return false
}

// prefix finds entries whose code or alias starts with a code-like query, in
// catalog (code) order.
func (ix *Index) prefix(q string) []*catalog.Entry {
	if strings.ContainsFunc(q, unicode.IsSpace) || !looksLikeCode(q) && !isDigits(q) {
		return nil
	}
	ix.codesOnce.Do(func() {
		for _, e := range ix.cat.Entries() {
			keys := []string{strings.ToLower(e.Code)}
			for _, a := range e.Aliases {
				keys = append(keys, strings.ToLower(a))
			}
			ix.codes = append(ix.codes, entryCodes{e, keys})
		}
	})
	p := strings.ToLower(q)
	var out []*catalog.Entry
	for _, ec := range ix.codes {
		for _, k := range ec.keys {
			if len(k) > len(p) && strings.HasPrefix(k, p) {
				out = append(out, ec.entry)
				break
			}
		}
	}
	return out
}

// near finds the provider's entries whose code starts like an unknown one,
// the longest shared start first, down to two thirds of the code: the
// codes next to it, which are often of the same family.
func (ix *Index) near(u catalog.UnknownCode) []*catalog.Entry {
	var out []*catalog.Entry
	for n := len(u.Code) - 1; n >= len(u.Code)*2/3 && len(out) < maxNear; n-- {
		for _, e := range ix.prefix(u.Code[:n]) {
			if e.Provider == u.Provider && len(out) < maxNear && !slices.Contains(out, e) {
				out = append(out, e)
			}
		}
	}
	return out
}

func isDigits(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

// text runs the free-text query through the index and returns the matches
// re-ranked by what the query says of providers.
func (ix *Index) text(ctx context.Context, q, provider, protocol string) ([]textMatch, error) {
	r := ix.index

	// One clause per query word, each a choice of fields: Bleve's disjunction
	// scales the sum by the share of clauses that matched, so an entry that
	// matches more of the query's words ranks above one that matches a word
	// many times.
	//
	// The searchers are built directly rather than through Bleve's query
	// package: its query types decode themselves from JSON, which links every
	// query Bleve has (geo shapes among them) into the WebAssembly module.
	// These are the searchers the term, fuzzy, disjunction and conjunction
	// queries build, with the same arguments, so the ranking is theirs.
	b := searchers{ctx: ctx, r: r}
	defer b.closeAll()
	var words []bsearch.Searcher
	// An identifier is its own word and the words it is made of:
	// "clientSecret" is also "client", "secret"; "InResponseTo" stays whole too.
	qwords := queryWords(q + " " + splitCamelWords(q))
	// A short query may be a code typed loosely ("consent required"); a long
	// one is prose, whose common words would otherwise match every code that
	// contains them ("user_disabled", "expired_code"). Codes inside prose
	// were already found exactly. The words an identifier is made of do not
	// make the query longer: "scimType sensitive" is two words.
	matchCodes := len(queryWords(q)) <= maxCodeWords
	for _, w := range qwords {
		if reportWords[w] {
			continue
		}
		var alts []bsearch.Searcher
		if matchCodes && (!isStopWord(ix.english, w) || strings.ContainsFunc(w, unicode.IsDigit)) {
			alts = append(alts, b.term(w, "code", codeBoost))
		}
		for _, t := range ix.terms(w) {
			for _, f := range textFields[1:] {
				alts = append(alts, b.term(t, f.name, f.boost))
			}
			// One typo in a longer word: a word the index has never seen is
			// matched approximately, at half weight.
			if utf8.RuneCountInString(t) >= 5 && !ix.known(ctx, r, t) {
				for _, f := range textFields[1:] {
					alts = append(alts, b.fuzzy(t, f.name, editsFor(t), f.boost/2))
				}
			}
		}
		if len(alts) > 0 {
			words = append(words, b.or(alts))
		}
	}
	// A negation joined to its word ("not_assign") exists only in the
	// analysis of the whole query.
	for _, t := range ix.terms(q) {
		if strings.HasPrefix(t, string(negationPrefix)) {
			var alts []bsearch.Searcher
			for _, f := range textFields[1:] {
				alts = append(alts, b.term(t, f.name, f.boost))
			}
			words = append(words, b.or(alts))
		}
	}
	if len(words) == 0 {
		return nil, b.err
	}
	root := b.or(words)
	if provider != "" || protocol != "" {
		parts := []bsearch.Searcher{root}
		for _, fv := range [...]struct{ field, value string }{{providerField, provider}, {protocolField, protocol}} {
			if fv.value != "" {
				parts = append(parts, b.term(fv.value, fv.field, 0))
			}
		}
		root = b.and(parts)
	}
	if b.err != nil {
		return nil, b.err
	}
	// Score alone: ties keep index order, which is deterministic and far cheaper
	// to compare than a second sort key.
	top, err := topScored(ctx, root, r, maxTextHits)
	if err != nil {
		return nil, err
	}
	hints, standards := ix.providerHints(q)
	plain := plainWords(q)
	content := messageWords(q)
	open := endsInWord(q)
	typos := ix.typoCodeWords(q)
	registration := asksRegistration(plain)
	var out []textMatch
	for _, m := range top {
		if e := ix.entry(m.id); e != nil {
			w := ix.prior(e, hints, registration)
			if slices.Contains(standards, e.Provider) {
				w *= namedStandardWeight
			}
			out = append(out, textMatch{e, m.score * w})
		}
	}
	byScore := func(a, b textMatch) int { return cmp.Compare(b.score, a.score) }
	slices.SortStableFunc(out, byScore)
	window := out[:min(len(out), messageRerank)]
	matches := make([]messageMatch, len(window))
	for i := range window {
		matches[i] = ix.messageWeight(window[i].entry, content, plain, open)
	}
	lead := leadingRun(matches)
	for i := range window {
		e, m := window[i].entry, matches[i]
		w := m.weight
		if i == lead {
			w *= leadingRunWeight
		}
		if m.run > 0 && ix.focusedMatch(window, matches, i) {
			w = broadWeight(m, len(e.Messages))
		}
		// A whole literal message names the library or service that wrote
		// it as surely as its name would: "Keycloak, State cookie was
		// missing" is next-auth's message about a sign-in with Keycloak.
		if m.entire && m.run >= minMessageRun && len(hints) > 0 && !slices.Contains(hints, e.Provider) {
			w *= namedProviderWeight
		}
		if len(typos) > 0 {
			t := typoCodeWeight(e, typos)
			// A code names its provider, misspelt or not.
			if t > 1 && len(hints) > 0 && !slices.Contains(hints, e.Provider) {
				t *= namedProviderWeight
			}
			w *= t
		}
		if e.HTTPStatus != 0 && slices.Contains(plain, strconv.Itoa(e.HTTPStatus)) {
			w *= statusWeight
		}
		window[i].score *= w * codeWordsWeight(e, plain)
	}
	// A wrapper code comes after the cause its message carries, as in the
	// decoder: "oauth2: cannot fetch token: ... Authorization code was
	// already redeemed" is the redeemed code first, go-oauth2's wrapper next.
	for i := range window {
		if window[i].entry.Generic && matches[i].run > 0 {
			if j := causeBeside(window, matches, i); j >= 0 {
				window[i].score = min(window[i].score, window[j].score*wrapperBehind)
			}
		}
	}
	slices.SortStableFunc(out, byScore)
	return out, nil
}

// wrapperBehind is how far below its cause a wrapper code scores.
const wrapperBehind = 0.99

// focusedMatch tells whether another match of the window carries fewer
// messages and holds as long a run of the query's words as match i does,
// as a whole message or as a run of at least longSharedRun words.
func (ix *Index) focusedMatch(window []textMatch, matches []messageMatch, i int) bool {
	n := len(window[i].entry.Messages)
	for j, m := range matches {
		if j != i && (m.whole || m.run >= longSharedRun) && m.run >= matches[i].run && len(window[j].entry.Messages) < n {
			return true
		}
	}
	return false
}

// leadingRun returns the match of the window whose messages share a run of
// at least longSharedRun of the query's words that is longer than any other
// match's, or -1 when none does: of two messages that begin alike ("Issuer
// validation failed. Issuer: ... Did not match: ..."), the one the query
// quotes further is the one it pasted, whatever the summaries say.
func leadingRun(matches []messageMatch) int {
	lead, second := -1, 0
	for i, m := range matches {
		switch {
		case lead < 0 || m.run > matches[lead].run:
			if lead >= 0 {
				second = matches[lead].run
			}
			lead = i
		default:
			second = max(second, m.run)
		}
	}
	if lead < 0 || matches[lead].run < longSharedRun || matches[lead].run == second {
		return -1
	}
	return lead
}

// leadingRunWeight is what the match quoted furthest weighs more.
var leadingRunWeight = 1.5

// causeBeside returns the best match of the window, other than match i and
// not a wrapper code, that holds as long a run of the query's words through
// a message of its own as match i does, as a whole message or a run of at
// least longSharedRun words: the cause a wrapper's message (go-oauth2's
// "oauth2: cannot fetch token") carries. It returns -1 when there is none.
func causeBeside(window []textMatch, matches []messageMatch, i int) int {
	best := -1
	for j, m := range matches {
		if j != i && (m.whole || m.run >= longSharedRun) && m.run >= max(minMessageRun, matches[i].run) && !window[j].entry.Generic &&
			(best < 0 || window[j].score > window[best].score) {
			best = j
		}
	}
	return best
}

// reportWords speak of the report rather than the failure ("Redirect URI
// Issue", "problem with login"): as words of a query they would match
// entries that say a token was issued. They still count in messages.
var reportWords = map[string]bool{
	"issue": true, "issues": true, "problem": true, "problems": true,
	"question": true, "help": true, "bug": true,
}

// longSharedRun is how many words of a message in a row a query must
// share with a focused entry, short of the whole message, for that entry to
// count as more focused than a broad one (a title quoting most of Okta's
// "'redirect_uri' parameter must be a Login redirect URI"); fewer ("user
// not assigned") leave the broad code its full weight.
const longSharedRun = 5

// statusWeight lifts an entry whose HTTP status the query names ("returns
// 401"): the status tells a client's failure from a request's.
var statusWeight = 1.3

type textMatch struct {
	entry *catalog.Entry
	score float64
}

// editsFor is how far a misspelt word may be from an indexed one: one edit,
// or two in words of seven letters or more, where a swapped pair of letters
// ("expried"), which is two edits, is still one slip of the fingers.
func editsFor(term string) int {
	if utf8.RuneCountInString(term) >= 7 {
		return 2
	}
	return 1
}

// How much a query word matching an entry's code weighs against matching its
// title (head) or summary (body), and up to how many words a query is matched
// against codes at all.
const (
	codeBoost = 1

	maxCodeWords = 2
)

// searchers builds the searchers of one query and closes them all after it;
// the first error stops the building and is kept.
type searchers struct {
	ctx  context.Context
	r    index.IndexReader
	all  []bsearch.Searcher
	err  error
	none bsearch.Searcher
}

func (b *searchers) keep(s bsearch.Searcher, err error) bsearch.Searcher {
	if err != nil {
		if b.err == nil {
			b.err = err
		}
		return b.nothing()
	}
	b.all = append(b.all, s)
	return s
}

// nothing stands in for a searcher that could not be built; the query then fails with b.err.
func (b *searchers) nothing() bsearch.Searcher {
	if b.none == nil {
		b.none, _ = searcher.NewMatchNoneSearcher(b.r)
	}
	return b.none
}

func (b *searchers) term(term, field string, boost float64) bsearch.Searcher {
	return b.keep(searcher.NewTermSearcher(b.ctx, b.r, term, field, boost, bsearch.SearcherOptions{}))
}

func (b *searchers) fuzzy(term, field string, edits int, boost float64) bsearch.Searcher {
	return b.keep(searcher.NewFuzzySearcher(b.ctx, b.r, term, 1, edits, field, boost, bsearch.SearcherOptions{}))
}

// or is what query.DisjunctionQuery builds (no minimum, no score breakdown).
func (b *searchers) or(ss []bsearch.Searcher) bsearch.Searcher {
	ctx := context.WithValue(b.ctx, bsearch.IncludeScoreBreakdownKey, false)
	s, err := searcher.NewDisjunctionSearcher(ctx, b.r, ss, 0, bsearch.SearcherOptions{})
	return b.owner(ss, s, err)
}

// and is what query.ConjunctionQuery builds.
func (b *searchers) and(ss []bsearch.Searcher) bsearch.Searcher {
	s, err := searcher.NewConjunctionSearcher(b.ctx, b.r, ss, bsearch.SearcherOptions{})
	return b.owner(ss, s, err)
}

// owner keeps a composite searcher, which closes its parts itself.
func (b *searchers) owner(parts []bsearch.Searcher, s bsearch.Searcher, err error) bsearch.Searcher {
	if err == nil {
		b.all = slices.DeleteFunc(b.all, func(x bsearch.Searcher) bool { return slices.Contains(parts, x) })
	}
	return b.keep(s, err)
}

// closeAll closes every searcher that no other one owns.
func (b *searchers) closeAll() {
	for _, s := range b.all {
		s.Close()
	}
	if b.none != nil {
		b.none.Close()
	}
}

// queryWords splits a query the way codes are indexed: runs of letters and
// digits, lower-cased; the index holds no word of a script written without
// spaces, so such characters only separate words.
func queryWords(q string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) || catalog.IsUnspacedScript(r)
	}) {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func isStopWord(english analysis.Analyzer, w string) bool {
	return len(english.Analyze([]byte(w))) == 0
}

// providerHints returns the vendors and libraries a query names ("okta",
// "azure", "next-auth"). A standard's name ("oauth2", "saml") is no hint:
// vendors' messages use it too ("OAuth2 Authorization code was already
// redeemed"), and standards already come first when no vendor is named.
func (ix *Index) providerHints(q string) (vendors, standards []string) {
	for _, key := range ix.namedProviders(q) {
		if p, _ := ix.cat.Provider(key); p.Kind != catalog.Standard {
			vendors = append(vendors, key)
		} else {
			standards = append(standards, key)
		}
	}
	return vendors, standards
}

// prior weighs a text match by what the query says and what the entry is.
// A provider the query names lifts its entries well above the rest. With no
// provider named, the standard explanation of a code comes before any one
// vendor's copy of the same code. Whatever is named, an event that only shows
// up in a provider's logs, an informational event, an error of app registration (unless
// asked for) and a wrapper code come after the errors people are shown, and
// an entry real threads were often about comes before a rarely seen one.
func (ix *Index) prior(e *catalog.Entry, hints []string, registrationAsked bool) float64 {
	w := 1.0
	p, _ := ix.cat.Provider(e.Provider)
	switch {
	case slices.Contains(hints, e.Provider):
		w *= namedProviderWeight
	case len(hints) > 0:
	default:
		if p.Kind == catalog.Standard {
			w *= 1.3
		}
		if std, ok := ix.cat.Entry(e.Standard); ok && std.Code == e.Code {
			w *= 0.8
		}
	}
	// A library's error is thrown to the app that called it, whatever
	// else logs it: only a provider's log-only event weighs less.
	if len(e.AppearsIn) == 1 && e.AppearsIn[0] == catalog.Log && p.Kind != catalog.Library {
		w *= 0.75
	}
	if slices.Contains(e.AppearsIn, catalog.Registration) && !registrationAsked {
		w *= registrationWeight
	}
	if e.IsInformational() {
		w *= informationalWeight
	}
	if e.Generic {
		w *= genericWeight
	}
	if a, ok := ix.answered[e.ID]; ok {
		w *= a
	}
	return w
}

// genericWeight puts a wrapper code ("oauth2: cannot fetch token", a
// library's catch-all exception) behind the specific cause its message
// usually carries, as the decoder does.
var genericWeight = 0.7

// namedProviderWeight lifts the entries of a vendor or library the query
// names well above the rest.
var namedProviderWeight = 3.0

// namedStandardWeight lifts a standard's entries when the query names the
// standard ("scim attribute is read only"): less than a vendor's name does,
// because vendors' own messages name standards too.
var namedStandardWeight = 1.5

// registrationWeight puts an error of app registration behind sign-in
// errors with the same words ("redirect uri invalid"), unless the query
// speaks of registration.
var registrationWeight = 0.5

// asksRegistration tells whether a query speaks of client registration.
func asksRegistration(plain []string) bool {
	return slices.ContainsFunc(plain, func(w string) bool { return strings.HasPrefix(w, "regist") || w == "dcr" })
}

// informationalWeight is how far an event that records success or routine
// activity falls behind errors: people search for what went wrong.
var informationalWeight = 0.6

// known tells whether any English text field of the index holds the term.
func (ix *Index) known(ctx context.Context, r index.IndexReader, term string) bool {
	for _, f := range textFields {
		if f.analyzer != textAnalyzer {
			continue
		}
		tfr, err := r.TermFieldReader(ctx, []byte(term), f.name, false, false, false)
		if err != nil {
			continue
		}
		n := tfr.Count()
		tfr.Close()
		if n > 0 {
			return true
		}
	}
	return false
}

// terms are the query's words as the English analyzer indexes them.
func (ix *Index) terms(q string) []string {
	var out []string
	for _, tok := range ix.english.Analyze([]byte(q)) {
		if t := string(tok.Term); !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// summary returns the entry's summary analysed into words, once per entry.
func (ix *Index) summary(e *catalog.Entry) []token {
	if toks, ok := ix.summaryTokens.Load(e); ok {
		return toks.([]token)
	}
	var toks []token
	for _, t := range ix.english.Analyze([]byte(e.Summary)) {
		toks = append(toks, token{t.Start, t.End, string(t.Term)})
	}
	ix.summaryTokens.Store(e, toks)
	return toks
}

// snippet cuts a window of the entry's summary around the first word the
// query matched and marks every matched word in it.
func (ix *Index) snippet(e *catalog.Entry, terms []string) []Fragment {
	text := e.Summary
	var marks []token
	for _, tok := range ix.summary(e) {
		if slices.Contains(terms, tok.term) {
			marks = append(marks, tok)
		}
	}
	from := 0
	if len(marks) > 0 && marks[0].start > snippetLen/3 {
		from = wordStart(text, marks[0].start-snippetLen/3)
	}
	to := len(text)
	if to-from > snippetLen {
		to = wordEnd(text, from, from+snippetLen)
	}
	var out []Fragment
	pos := from
	if from > 0 {
		out = append(out, Fragment{Text: "…"})
	}
	for _, m := range marks {
		if m.start < pos || m.end > to {
			continue
		}
		if m.start > pos {
			out = append(out, Fragment{Text: text[pos:m.start]})
		}
		out = append(out, Fragment{Text: text[m.start:m.end], Match: true})
		pos = m.end
	}
	if pos < to {
		out = append(out, Fragment{Text: text[pos:to]})
	}
	if to < len(text) {
		out = append(out, Fragment{Text: "…"})
	}
	return out
}

// wordStart moves i forward to the start of a word.
func wordStart(s string, i int) int {
	for i < len(s) && s[i] != ' ' {
		i++
	}
	return min(i+1, len(s))
}

// wordEnd moves i back to the end of a word after from, or, in text without
// spaces, forward to the next character boundary.
func wordEnd(s string, from, i int) int {
	for j := i; j > from; j-- {
		if s[j] == ' ' {
			return j
		}
	}
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}

// Likely returns the few entries that best match the words of a message,
// among one provider's when provider is not empty:
// the decoder's last resort (decode.Finder) when a pasted text names no code
// it knows. Errors count as no answer: a guess is never worth failing for.
func (ix *Index) Likely(words, provider string) []*catalog.Entry {
	return Likely(ix, words, provider)
}

// Likely is Index.Likely through any searcher: one that opens the index
// only when a decode first needs it, as the edge worker's does.
func Likely(s interface {
	Search(context.Context, Request) (Result, error)
}, words, provider string) []*catalog.Entry {
	res, err := s.Search(context.Background(), Request{Query: words, Provider: provider, Limit: likelyLimit})
	if err != nil {
		return nil
	}
	out := make([]*catalog.Entry, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.Entry
	}
	return out
}

// likelyLimit is how many entries Likely returns.
const likelyLimit = 3
