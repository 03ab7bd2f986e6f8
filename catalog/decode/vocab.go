package decode

import (
	"slices"
	"strings"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/internal/edit"
)

// vocabulary is every string the catalog knows an error by (codes, aliases,
// symbolic names), folded to lower case, so that text is searched with the
// catalog's own words instead of rules about their shapes. Each term says how
// sure a match of it is when it is met in prose.
type vocabulary struct {
	terms map[string]term
	// squashed maps a code-like term without its separators
	// (invalidgrant) to the term, for CamelCase spellings of it.
	squashed map[string]string
	// spellable lists the code terms long enough to be known when
	// misspelled, by first letter and length.
	spellable map[spellKey][]string
}

type spellKey struct {
	first byte
	n     int
}

type term struct {
	class termClass
	// code is the one code every entry of the term has, or empty: "50011"
	// is shown as AADSTS50011.
	code string
}

// termClass says what a term needs around it before it counts as a code.
type termClass uint8

const (
	// classCode reads as a code anywhere: letters with digits (IDX10214), a
	// URN, snake_case or dotted names (invalid_grant), CamelCase names
	// (UserNotFoundException). Such a string is not an English word.
	classCode termClass = iota
	// classWord is an ordinary word (error, state, timeout, a one-letter log
	// event type) or an informational event: it counts as the value of an
	// error key, or beside a code of its own provider.
	classWord
	// classNumber is digits alone (50011): it counts only as the value of
	// an error key ("Error Code: 50011", error_codes=[50011]).
	classNumber
)

func newVocabulary(cat *catalog.Catalog) *vocabulary {
	v := &vocabulary{terms: make(map[string]term, len(cat.Entries())*3), squashed: map[string]string{}, spellable: map[spellKey][]string{}}
	add := func(e *catalog.Entry, k string) {
		k = strings.TrimSpace(k)
		if k == "" || strings.ContainsAny(k, " \t") {
			return // codes with spaces ("Error #101") are found by their provider's prefix
		}
		f := asciiLower(k)
		class := classify(k)
		if e.IsInformational() && class == classCode && !hasDigit(k) {
			class = classWord // an event name, not an error, unless asked about
		}
		t, seen := v.terms[f]
		switch {
		case !seen:
			t = term{class: class, code: e.Code}
		case t.code != e.Code:
			t.code = "" // the term names codes of several spellings
		}
		t.class = max(t.class, class) // the least sure reading of a term wins
		v.terms[f] = t
	}
	for _, e := range cat.Entries() {
		add(e, e.Code)
		add(e, e.Name)
		for _, a := range e.Aliases {
			add(e, a)
		}
	}
	v.derive()
	return v
}

// derive fills the tables that v's terms imply: the CamelCase spellings and
// the misspellable codes. It is cheap next to finding the terms, so that
// precomputed tables (tables.go) carry the terms alone.
func (v *vocabulary) derive() {
	for f, t := range v.terms {
		if spellable(f) && t.class == classCode {
			k := spellKey{f[0], len(f)}
			v.spellable[k] = append(v.spellable[k], f)
		}
		// Only snake_case codes have CamelCase spellings (InvalidGrantError);
		// dotted names (bad.request) are another thing than BadRequest.
		if t.class == classCode && !hasDigit(f) && strings.Contains(f, "_") && !strings.ContainsAny(f, ":.-") {
			sq := strings.ReplaceAll(f, "_", "")
			if len(sq) >= minSquashed {
				if other, dup := v.squashed[sq]; !dup || f < other {
					v.squashed[sq] = f // deterministic when two terms squash alike
				}
			}
		}
	}
	// In one order whatever the map's, so that a misspelling nearest two
	// terms of one code reads as the same one every time.
	for _, terms := range v.spellable {
		slices.Sort(terms)
	}
}

// classify tells a code from a word by its spelling alone.
func classify(s string) termClass {
	letters, digits, lowerThenUpper := 0, 0, false
	inner := false // a '_', '.', ':' or '-' between word characters
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'z':
			letters++
		case c >= 'A' && c <= 'Z':
			letters++
			if i > 0 && s[i-1] >= 'a' && s[i-1] <= 'z' {
				lowerThenUpper = true
			}
		case c == '_' || c == '.' || c == ':' || c == '-':
			if i > 0 && i < len(s)-1 {
				inner = true
			}
		}
	}
	switch {
	case letters == 0 && digits > 0:
		return classNumber
	case digits > 0 || inner || lowerThenUpper:
		return classCode
	}
	return classWord
}

func hasDigit(s string) bool {
	return strings.IndexAny(s, "0123456789") >= 0
}

// isCodeByte is what a code is spelled with. ':' and '.' join the parts of
// URNs and dotted names; a token that is not a term as a whole is also tried
// part by part.
func isCodeByte(c byte) bool {
	return isWordByte(c) || c == '.' || c == ':' || c == '-'
}

// vocabHit is a term met in a text.
type vocabHit struct {
	value string // as written in the text
	term  term
	key   string // the error key it is the value of, or empty
	// inMessage: a code written as words that are also a catalog message
	// met word for word ("error: Invalid token provided" is Okta's message
	// for E0000011 before it is invalid_token spelled out). The message is
	// the more specific reading, so the spelled code ranks after it.
	inMessage bool
}

// maxVocabHits bounds the terms taken from one text.
const maxVocabHits = 64

// scanVocabulary finds the catalog's terms in text and records those whose
// context makes them codes: a code-like term anywhere, a word or number as
// the value of an error key, a word beside a code of its own provider or in
// a text that names that provider.
func (s *session) scanVocabulary(field, text string) {
	v := s.rec.vocab
	var hits, pending []vocabHit
	var messages []string // the catalog messages text holds word for word, once asked
	buf := make([]byte, 0, 64)
	for i := 0; i < len(text) && len(hits) < maxVocabHits; {
		if !isCodeByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isCodeByte(text[j]) {
			j++
		}
		a, b := i, j
		i = j
		for a < b && !isWordByte(text[a]) {
			a++
		}
		for b > a && !isWordByte(text[b-1]) {
			b--
		}
		if b-a < 1 || b-a > 120 {
			continue
		}
		key := errorKeyBefore(text, a)
		if key != "" || startsValue(text, a) {
			// "Error: Login required": a code written as words; or one that
			// opens a value or a line, its description after a colon
			// ("Invalid scope: Requested scope is invalid").
			if value, t, end, ok := v.phraseAt(text, a, &buf); ok && (key != "" || strings.HasPrefix(text[end:], ": ") || quotedWhole(text, a, end)) && s.spokenCode(value) {
				h := vocabHit{value: value, term: t, key: key}
				if messages == nil {
					messages = s.verbatimMessages(text)
				}
				h.inMessage = slices.ContainsFunc(messages, func(m string) bool { return strings.Contains(m, normalizeWords(text[a:end])) })
				if key == "" && !strings.HasPrefix(text[end:], ": ") {
					// Quoted in prose: a code only beside its provider.
					pending = append(pending, h)
				} else {
					hits = append(hits, h)
				}
				i = end
				continue
			}
		}
		if t, value, ok := v.lookupTerm(text[a:b], &buf); ok {
			h := vocabHit{value: value, term: t, key: key}
			if h.key == "" && t.class == classWord && s.statusBefore(text, a, value) {
				h.key = "HTTP status" // "409 uniqueness": the status its entry answers with
			}
			if h.key == "" && inNamespace(text, a) {
				pending = append(pending, h) // as a package path's last name
				continue
			}
			hits, pending = keepHit(hits, pending, h)
			continue
		}
		if !keyAt(text, b) {
			if value, ok := v.nearTerm(text[a:b]); ok {
				s.warn(WarnMisspelled, field, "%q is not a code the catalog knows; it is read as %s, the nearest one", text[a:b], v.shown(value))
				hits = append(hits, vocabHit{value: value, term: v.terms[value], key: key})
				continue
			}
		}
		// Parts of a dotted or joined token: OAuthError:invalid_grant,
		// oauthlib...errors.InvalidGrantError, status:AuthnFailed.
		start := a
		for k := a; k <= b; k++ {
			if k < b && (isWordByte(text[k]) || text[k] == '-') {
				continue
			}
			if k > start && (start > a || k < b) {
				if t, value, ok := v.lookupTerm(text[start:k], &buf); ok {
					h := vocabHit{value: value, term: t}
					if start == a {
						h.key = key
					}
					if start > a && k == b && namespaced(text[a:start], text[start:k]) {
						// The last name of a package path
						// (org.example.auth.UnauthorizedException) is that
						// package's class: a provider's code only where
						// the text names the provider.
						pending = append(pending, h)
						start = k + 1
						continue
					}
					hits, pending = keepHit(hits, pending, h)
				}
			}
			start = k + 1
		}
	}
	// providers are those a code of the text belongs to alone: a code that
	// several share (mismatching_state) lends no one its words.
	providers := map[string]bool{}
	for _, h := range hits {
		es := s.lookup(h.value)
		if len(es) > 0 && !slices.ContainsFunc(es, func(e *catalog.Entry) bool { return e.Provider != es[0].Provider }) {
			providers[es[0].Provider] = true
		}
	}
	for _, h := range pending {
		if len(h.value) <= 2 {
			// A letter or two in prose is a word's piece ("It’s", "a"),
			// whoever the text names: Auth0's event s counts as the value
			// of a key only.
			continue
		}
		kept := false
		for _, e := range s.lookup(h.value) {
			p, _ := s.rec.cat.Provider(e.Provider)
			if providers[e.Provider] || p != nil && s.markerSeen[p] {
				hits = append(hits, h) // Requester beside AuthnFailed; Responder in a SAML log
				kept = true
				break
			}
		}
		if !kept && h.term.class == classCode {
			if s.outOfContext == nil {
				s.outOfContext = map[string]bool{}
			}
			s.outOfContext[strings.ToLower(h.value)] = true
		}
	}
	for _, h := range hits {
		s.addVocabCode(field, h)
	}
}

// namespaced reports whether name, after qualifier in a token, is a class of
// a package: a CamelCase name after a package path ("com.example.") or a
// namespace of .NET's kind ("System.", whose NotSupportedException is not
// Entra's NotSupported). A code after one word and a dot
// (OAuthError.invalid_grant) is the code that class carries.
func namespaced(qualifier, name string) bool {
	if !strings.HasSuffix(qualifier, ".") || !camelCase(name) {
		return false
	}
	return strings.Count(qualifier, ".") >= 2 || qualifier[0] >= 'A' && qualifier[0] <= 'Z'
}

// inNamespace reports whether the name at text[i] ends a PHP or C#-style
// namespace path written with backslashes (App\Exceptions\X, or
// App\\Exceptions\\X as JSON escapes it): that package's class, like the
// last name of a dotted package path.
func inNamespace(text string, i int) bool {
	j := i
	for j > 0 && text[j-1] == '\\' && i-j < 2 {
		j--
	}
	return j < i && j > 0 && isWordByte(text[j-1])
}

// proseErrorCode reports whether before ends in the words "error code" (or
// "error code is", "error code was"), as prose says what follows is the
// error's code.
func proseErrorCode(before string) bool {
	for _, verb := range []string{" is", " was"} {
		if n := len(before) - len(verb); n > 0 && strings.EqualFold(before[n:], verb) {
			before = before[:n]
			break
		}
	}
	const words = "error code"
	n := len(before) - len(words)
	return n >= 0 && strings.EqualFold(before[n:], words) && (n == 0 || !isWordByte(before[n-1]))
}

// quotedWhole reports whether text[a:end] is all of a quoted value: "I
// always get `Access Denied`".
func quotedWhole(text string, a, end int) bool {
	if a == 0 || end >= len(text) {
		return false
	}
	q := text[a-1]
	if q == '"' || q == '\'' || q == '`' {
		return text[end] == q
	}
	// Typographic quotes, as a word processor or a forum writes them.
	return strings.HasSuffix(text[:a], "“") && strings.HasPrefix(text[end:], "”") ||
		strings.HasSuffix(text[:a], "‘") && strings.HasPrefix(text[end:], "’")
}

// startsValue reports whether offset a opens a quoted value or a line.
func startsValue(text string, a int) bool {
	return a == 0 || strings.IndexByte("\"'`\n", text[a-1]) >= 0 ||
		strings.HasSuffix(text[:a], "“") || strings.HasSuffix(text[:a], "‘")
}

// statusBefore reports whether the word at offset a follows the HTTP status
// that an entry of its term answers with ("rejects with 409 uniqueness").
func (s *session) statusBefore(text string, a int, value string) bool {
	j := a
	for j > 0 && text[j-1] == ' ' {
		j--
	}
	if j < 3 || j == a || j > 3 && isWordByte(text[j-4]) {
		return false
	}
	n := 0
	for _, c := range []byte(text[j-3 : j]) {
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
	}
	for _, e := range s.lookup(value) {
		if e.HTTPStatus != 0 && e.HTTPStatus == n {
			return true
		}
	}
	return false
}

// spokenCode reports whether a code written as words stands for a
// provider's or a standard's code. A library's codes are identifiers it
// prints as they are; where it prints only a message, its entry's name is
// the catalog's, and "jwt expired" is that message, not the name.
func (s *session) spokenCode(value string) bool {
	for _, e := range s.lookup(value) {
		if p, ok := s.rec.cat.Provider(e.Provider); ok && p.Kind != catalog.Library {
			return true
		}
	}
	return false
}

// lookupTerm finds the term a token spells: as written in any case, or, for
// a CamelCase name, as the snake_case code it stands for, with an Error or
// Exception suffix dropped (InvalidGrantError, InvalidNameIdPolicyException).
// It returns the term and the string to look it up by.
func (v *vocabulary) lookupTerm(tok string, buf *[]byte) (term, string, bool) {
	*buf = appendLower((*buf)[:0], tok)
	if t, ok := v.terms[string(*buf)]; ok {
		return t, tok, true
	}
	if !camelCase(tok) {
		return term{}, "", false
	}
	sq := string(*buf)
	for _, suffix := range []string{"exception", "error", ""} {
		base, ok := strings.CutSuffix(sq, suffix)
		if !ok || len(base) < minSquashed {
			continue
		}
		if name, ok := v.squashed[base]; ok {
			return v.terms[name], name, true
		}
		if t, ok := v.terms[base]; ok && t.class == classCode && suffix != "" {
			return t, base, true // InvalidNameIdPolicyException is InvalidNameIDPolicy's
		}
	}
	return term{}, "", false
}

// camelCase reports whether tok is letters only with a capital after a
// small letter (InvalidGrantError), cheaply: it is asked of every word.
func camelCase(tok string) bool {
	inner := false
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		switch {
		case c >= 'A' && c <= 'Z':
			if i > 0 && tok[i-1] >= 'a' && tok[i-1] <= 'z' {
				inner = true
			}
		case c >= 'a' && c <= 'z':
		default:
			return false
		}
	}
	return inner
}

// phraseAt finds a snake_case code written as words from offset a ("Login
// required", "invalid grant"), which counts only as the value of an error key.
func (v *vocabulary) phraseAt(text string, a int, buf *[]byte) (string, term, int, bool) {
	var ends []int
	for i, words := a, 0; i < len(text) && words < maxPhraseWords; words++ {
		j := i
		for j < len(text) && isWordByte(text[j]) && text[j] != '_' {
			j++
		}
		if j == i {
			break
		}
		ends = append(ends, j)
		if j >= len(text) || text[j] != ' ' {
			break
		}
		i = j + 1
	}
	for n := len(ends); n >= 2; n-- {
		*buf = (*buf)[:0]
		for _, c := range []byte(text[a:ends[n-1]]) {
			switch {
			case c == ' ':
				c = '_'
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			}
			*buf = append(*buf, c)
		}
		if t, ok := v.terms[string(*buf)]; ok && t.class == classCode {
			return string(*buf), t, ends[n-1], true
		}
	}
	return "", term{}, 0, false
}

const (
	// maxPhraseWords is the longest code written as words.
	maxPhraseWords = 4
	// minSquashed keeps short CamelCase words from matching codes by
	// accident once underscores are dropped.
	minSquashed = 8
)

// keepHit sorts a hit into those that count and those that count only
// beside a code of their provider.
func keepHit(hits, pending []vocabHit, h vocabHit) ([]vocabHit, []vocabHit) {
	switch {
	case h.term.class == classCode, h.key != "" && h.term.class == classWord:
		return append(hits, h), pending
	case h.key != "" && h.term.class == classNumber && numericKey(h.key):
		return append(hits, h), pending
	case h.term.class == classWord:
		return hits, append(pending, h)
	}
	return hits, pending
}

func (s *session) addVocabCode(field string, h vocabHit) {
	value := h.value
	if h.term.code != "" {
		value = h.term.code // 50011 is AADSTS50011; aadsts50011 too
	}
	where := field
	if h.key != "" {
		where = field + " (" + h.key + ")"
	}
	rank := 1
	switch {
	case h.inMessage:
		rank = rankMessage + 1
	case h.term.class != classCode:
		rank = 2
	}
	s.addCode(value, h.value, where, rank)
}

func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// errorKeyBefore returns the key whose value starts at i when that key names
// an error ("error: x", "'error' => 'x'", "[error] => x", `"errorCode":"x"`,
// "Error Code: x", "Status: x", PHP's `["error"]=> string(13) "x"`), or "".
func errorKeyBefore(text string, i int) string {
	j := i
	skip := func(set string) {
		for j > 0 && strings.IndexByte(set, text[j-1]) >= 0 {
			j--
		}
	}
	skip(" \t\"'`\\([{")
	// var_dump's type and length between the arrow and the value.
	if j >= 8 && text[j-1] == ')' {
		k := j - 2
		for k > 0 && text[k] >= '0' && text[k] <= '9' {
			k--
		}
		if k >= 6 && text[k] == '(' && strings.HasSuffix(text[:k], "string") {
			j = k - 6
			skip(" \t")
		}
	}
	switch {
	case j >= 2 && text[j-2:j] == "=>":
		j -= 2
	case j >= 1 && (text[j-1] == ':' || text[j-1] == '='):
		j--
	case proseErrorCode(text[:j]):
		return "error code" // "I get an error code 13501": the words are the key
	default:
		return ""
	}
	skip(" \t\"'`\\]")
	end := j
	for j > 0 && (isWordByte(text[j-1]) || text[j-1] == '-') {
		j--
	}
	last := text[j:end]
	if last == "" {
		return ""
	}
	if errorKey(last) {
		return last
	}
	return ""
}

// errorKey reports whether a key's value is an error code: keys ending in
// error or code (errorCode, error_code, OAuthError, Error Code), and the
// few keys that hold codes under other names.
func errorKey(key string) bool {
	f := foldKey(key)
	for _, suffix := range []string{"error", "err", "code", "codes", "errortype", "exception", "suberror"} {
		if strings.HasSuffix(f, suffix) && !strings.HasSuffix(f, "authorizationcode") {
			return true
		}
	}
	switch f {
	case "status", "statuscode", "reason", "type", "name", "scimtype", "errorname":
		return true
	}
	return false
}

// numericKey reports whether a key holds numbered codes rather than an HTTP
// status: "Error Code: 50058", error_codes=[50058], but not "status: 400".
func numericKey(key string) bool {
	f := foldKey(key)
	return strings.HasSuffix(f, "code") || strings.HasSuffix(f, "codes") || strings.HasSuffix(f, "error")
}

// foldKey is a key as errorKey and numericKey compare it: its letters and
// digits in lower case ("Error Code", error_code and errorCode are alike).
func foldKey(key string) string {
	k := make([]byte, 0, len(key))
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c >= 'A' && c <= 'Z':
			k = append(k, c+'a'-'A')
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			k = append(k, c)
		}
	}
	return string(k)
}

// minSpellable is the length from which a code-like token that the catalog
// does not know is compared with the codes it does: shorter ones are too
// close to each other (invalid_scope, invalid_state) to guess between.
const minSpellable = 12

// spellable reports whether a token is long and made of letters and
// underscores only: a code's spelling, not an id, a hash or a path.
func spellable(tok string) bool {
	if len(tok) < minSpellable {
		return false
	}
	for i := 0; i < len(tok); i++ {
		if c := tok[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
			return false
		}
	}
	return true
}

// keyAt reports whether the token ending at b is a key ("error_description":
// or error_description=), which names a field and is no code to correct.
func keyAt(text string, b int) bool {
	for b < len(text) && (text[b] == '"' || text[b] == '\'' || text[b] == ' ') {
		b++
	}
	return b < len(text) && (text[b] == ':' || text[b] == '=')
}

// nearTerm finds the one code term that a misspelled code-like token
// stands for (authorezation_request_not_found, LIMITEXCEEDEDEXCEPTON): one
// edit away, two for tokens of 16 letters or more, the first letter kept,
// and no other term as near.
func (v *vocabulary) nearTerm(tok string) (string, bool) {
	if len(tok) < minSpellable || !spellable(tok) || !codeSpelling(tok) {
		return "", false
	}
	f := asciiLower(tok)
	limit := 1
	if len(f) >= 16 {
		limit = 2
	}
	best, bestDist, ties := "", limit+1, 0
	for n := len(f) - limit; n <= len(f)+limit; n++ {
		for _, cand := range v.spellable[spellKey{f[0], n}] {
			d := edit.Distance(f, cand, limit)
			switch {
			case d < bestDist:
				best, bestDist, ties = cand, d, 0
			case d == bestDist && v.terms[cand].code != v.terms[best].code:
				ties++
			}
		}
	}
	return best, best != "" && ties == 0
}

// codeSpelling reports whether a token is written as a code is, not as a
// word: with an inner underscore, in CamelCase, or all in capitals.
func codeSpelling(tok string) bool {
	if strings.Contains(strings.Trim(tok, "_"), "_") || camelCase(tok) {
		return true
	}
	for i := 0; i < len(tok); i++ {
		if c := tok[i]; c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true // spellable already: letters and underscores, so capitals
}

// shown is a term as its entries write it, where they agree.
func (v *vocabulary) shown(f string) string {
	if c := v.terms[f].code; c != "" {
		return c
	}
	return f
}
