package decode

import (
	"errors"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/authcodes/authcodes/catalog"
)

var (
	// URLs inside text: any scheme://, or a native app's reverse-domain
	// redirect with a query (com.example.app:/callback?code=...).
	// Matched anchored, at the scheme before each ":/" (see urlsIn): a
	// pattern without a literal prefix, run over a whole text, costs
	// milliseconds on a long log line.
	urlAt = lazyRegexp("^(?:[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>`]*|[a-z][a-z0-9+-]*(?:\\.[a-z0-9+-]+)+:/[^\\s\"'<>`]*\\?[^\\s\"'<>`]*)")
	// A WWW-Authenticate header line in a pasted HTTP response.
	challengeLine = lazyRegexp(`(?im)^[ \t]*www-authenticate[ \t]*:[ \t]*(.+)$`)
	// A key= right before a URL in a log line.
	pairBefore = lazyRegexp(`([A-Za-z][A-Za-z0-9_.-]*)=["']?$`)
	// The status line of a pasted HTTP response.
	httpStatus = lazyRegexp(`\bHTTP/\d(?:\.\d)? (\d{3})\b`)
	// Pairs as languages print them are found by quotedPairs.
	// print_r's [key] => value, one per line.
	printRPair = lazyRegexp(`(?m)\[([A-Za-z_][A-Za-z0-9_.-]{0,63})\][ \t]*=>[ \t]*([^\s\[\]][^\r\n]*?)[ \t]*$`)
	// "Label: value" on a line of its own, as sign-in pages and support
	// dialogs print their troubleshooting details (Error Code: 50058,
	// Request Id: ..., Correlation Id: ..., Timestamp: ...).
	// Run on one line at a time (see labelLines).
	labelLine = lazyRegexp(`^[ \t]*([A-Z][A-Za-z]*(?:[ -][A-Za-z]+){0,3})[ \t]*:[ \t]+(\S.*?)[ \t]*$`)
)

// maxPairName is the longest key of a key=value pair in a log line.
const maxPairName = 64

// maxTextParts bounds how many URLs, JSON values and JWTs one text yields.
const maxTextParts = 16

// scanText finds what a log line, a copied error page or an HTTP exchange
// holds: WWW-Authenticate headers, SAML XML, URLs, JSON bodies, JWTs,
// key=value pairs, and provider codes in the words themselves.
func (s *session) scanText(t string) {
	var covered [][2]int
	isCovered := func(a, b int) bool {
		for _, c := range covered {
			if a < c[1] && c[0] < b {
				return true
			}
		}
		return false
	}
	// Each pattern runs only where its literal could be: on a long log line
	// a pattern run over the whole text costs more than the rest together.
	lower := asciiLower(t)
	if strings.Contains(t, "HTTP/") {
		if m := httpStatus().FindStringSubmatch(t); m != nil {
			s.putField("http_status", m[1], false)
		}
	}
	for _, m := range findIf(strings.Contains(lower, "cookie"), cookieLine(), t, 4) {
		// Cookie values are sessions: shown masked, never read as key=value pairs.
		s.putField("cookie", maskCookies(t[m[4]:m[5]]), true)
		covered = append(covered, [2]int{m[0], m[1]})
	}
	for _, m := range findIf(strings.Contains(lower, "www-authenticate"), challengeLine(), t, 4) {
		s.part(KindWWWAuthenticate)
		s.decodeChallenge(t[m[2]:m[3]])
		covered = append(covered, [2]int{m[0], m[1]})
	}
	if loc := samlInText().FindStringIndex(t); loc != nil {
		start := loc[0]
		if i := strings.LastIndex(t[:start], "<?xml"); i >= 0 && strings.TrimSpace(t[i:start]) != "" && !strings.Contains(t[i:start], "\n\n") {
			start = i
		}
		s.part(KindSAML)
		n, err := s.readSAML([]byte(t[start:]), bindingRaw, "")
		if err != nil {
			s.warn(WarnUndecodable, "", "%v", err)
			n = len(t) - start
		}
		covered = append(covered, [2]int{start, start + n})
	}
	for _, m := range urlsIn(t, maxTextParts) {
		u := strings.TrimRight(t[m[0]:m[1]], ".,;:)]}'\"*") // and Markdown's **bold**
		if m[0] > 0 && t[m[0]-1] == '_' {
			u = strings.TrimSuffix(u, "_")
		}
		if isCovered(m[0], m[0]+len(u)) {
			continue
		}
		field := "url"
		if m := pairBefore().FindStringSubmatch(t[max(0, m[0]-80):m[0]]); m != nil {
			field = m[1] // redirect_uri=https://...: the pair names the URL
		}
		s.part(KindURL)
		if err := s.decodeURL(u, field, false); err != nil {
			s.warn(WarnUndecodable, "url", "%v", err)
		}
		covered = append(covered, [2]int{m[0], m[0] + len(u)})
	}
	for i, tries := 0, 0; i < len(t) && tries < maxTextParts; i++ {
		if t[i] != '{' || isCovered(i, i+1) {
			continue
		}
		tries++
		leaves, n, err := parseJSON(t[i:])
		if errors.Is(err, ErrTooDeep) {
			s.warn(WarnUndecodable, "", "a JSON value in the text is nested more than %d levels deep; it was skipped", MaxDepth)
		}
		if err != nil || len(leaves) == 0 {
			continue
		}
		s.part(KindJSON)
		s.useBody(leaves)
		covered = append(covered, [2]int{i, i + n})
		i += n - 1
	}
	for _, m := range jwtAnywhere().FindAllStringIndex(t, maxTextParts) {
		if !isCovered(m[0], m[1]) {
			s.nestedJWT("jwt", t[m[0]:m[1]])
			covered = append(covered, [2]int{m[0], m[1]})
		}
	}
	for _, m := range authSchemes(t, maxTextParts) {
		tok := t[m[4]:m[5]]
		if rest := t[m[1]:]; len(tok) >= 8 && !strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "\"") {
			// A credential after its scheme: "Authorization: Bearer eyJ...".
			s.putField("authorization", t[m[2]:m[3]]+" "+maskValue(tok), true)
		}
	}
	pairs := &paramSet{where: "log", names: map[string]string{}}
	var parts [][2]string // the pairs' names and values, for their short messages
	for _, find := range []func(string, int) [][]int{equalPairs, quotedPairs, printRPairs, labelLines} {
		for _, m := range find(t, maxFields) {
			if isCovered(m[0], m[1]) {
				continue
			}
			name, value := t[m[2]:m[3]], t[m[4]:m[5]]
			if len(value) >= 2 && (value[0] == '"' || value[0] == '\'') {
				value = value[1 : len(value)-1]
			}
			if value == "" || len(name) > maxPairName || pairs.has(name) {
				continue // "name=" alone, or base64 padding that looks like a pair
			}
			s.logPair(pairs, name, value)
			parts = append(parts, [2]string{name, value})
			covered = append(covered, [2]int{m[0], m[1]})
		}
	}
	if len(pairs.names) > 0 {
		s.responses = append(s.responses, pairs)
	}
	s.noteLogFields(pairs)
	// Codes and names written in the words themselves; masked first, so
	// that nothing secret can come out as a "code".
	masked := s.maskedText(t)
	if masked == t {
		// Nothing was masked: the passes below fold the text folded above.
		s.lowered = [2]string{t, lower}
	}
	s.noteMarkers(masked)
	s.scanCodes("text", masked)
	s.scanVocabulary("text", masked)
	s.scanMessages("text", masked)
	for _, p := range parts {
		s.scanShortMessages(p[0], maskText(p[1]), false)
	}
	for _, name := range afterErrorNames(masked, maxTextParts) {
		s.scanShortMessages("text ("+name[0]+")", name[1], true)
	}
	s.scanned = append(s.scanned, masked)
}

// afterErrorNames finds what follows an error's class name and a colon, to
// the end of its line or its closing quote ("JsonWebTokenError: jwt
// malformed", "UnauthorizedError: invalid signature"): that error's
// message, however short. It returns each name and what follows it.
func afterErrorNames(t string, n int) [][2]string {
	var out [][2]string
	for i := strings.IndexByte(t, ':'); i >= 0 && len(out) < n; {
		j := i
		for j > 0 && isWordByte(t[j-1]) {
			j--
		}
		if j < i && i+1 < len(t) && t[i+1] == ' ' && errorClassName(t[j:i]) {
			end := i + 2
			for end < len(t) && strings.IndexByte("\"'`\r\n", t[end]) < 0 {
				end++
			}
			if v := strings.TrimSpace(t[i+2 : end]); v != "" {
				out = append(out, [2]string{t[j:i], v})
			}
		}
		k := strings.IndexByte(t[i+1:], ':')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return out
}

// errorClassName reports whether a word names a class of errors
// (JsonWebTokenError, InvalidGrantException): more than the bare word
// "Error", which prints before any message at all.
func errorClassName(word string) bool {
	f := foldKey(word)
	for _, suffix := range []string{"error", "exception"} {
		if strings.HasSuffix(f, suffix) && len(f) > len(suffix) {
			return true
		}
	}
	return false
}

// noteLogFields weighs the keys of a log line, or of an event logged as
// JSON, against the fields only some providers' logs have.
func (s *session) noteLogFields(pairs *paramSet) {
	// In the names' order, not the map's, so that the evidence is listed
	// alike every time.
	var logged []*catalog.Provider
	for _, name := range slices.Sorted(maps.Keys(pairs.names)) {
		for _, p := range s.rec.logFields[name] {
			s.addClue(p, ByLogFormat, weightLogFormat, false, "the log has %s's field %s", p.Name, name)
			if !slices.Contains(logged, p) {
				logged = append(logged, p)
			}
		}
	}
	// The record is that provider's logged event: its code is where the
	// provider keeps it.
	for _, p := range logged {
		for _, f := range p.LogCodeFields {
			if v := pairs.names[f]; v != "" {
				s.addCode(codeWord(v), "", f, 1)
			}
		}
	}
}

// noteMarkers records the SDK, package and exception names of providers
// and libraries that the text mentions, in one pass over it.
func (s *session) noteMarkers(text string) {
	if len(s.rec.markers) == 0 {
		return
	}
	lower := s.lowerOf(text)
	s.rec.markerMatch.each(lower, func(start, end int) {
		if !identifierBoundary(text, start) || !identifierBoundary(text, end) {
			return // inside a longer word
		}
		if host := linkHostAt(text, start); host != "" {
			if _, _, shared := s.rec.hostRuleFor(host); shared {
				return // github.com/someone/repo names nobody's sign-in
			}
		}
		f := lower[start:end]
		for _, p := range s.rec.markers[f] {
			if !s.markerSeen[p] {
				s.addClue(p, ByMarker, weightMarker, false, "the text names %s (%s)", s.rec.markerNames[f], p.Name)
				s.markerSeen[p] = true
			}
		}
	})
}

// linkHostAt returns the host of the link whose host offset i of text is
// in ("https://github.com/..."), or "" when i is not in a link's host.
func linkHostAt(text string, i int) string {
	for j := i - 1; j >= 2; j-- {
		switch text[j] {
		case '/':
			if text[j-1] != '/' || text[j-2] != ':' {
				return ""
			}
			end := j + 1
			for end < len(text) && (isWordByte(text[end]) || text[end] == '.' || text[end] == '-') {
				end++
			}
			return text[j+1 : end]
		case ' ', '\t', '\n', '\r', '"', '\'', '(', '<', '[', '=':
			return ""
		}
	}
	return ""
}

// identifierBoundary reports whether offset i of text starts or ends a
// name: at a word's edge, or at an edge of one part of an identifier, split
// by underscores, by case (fastapi_keycloak, KeycloakError, useAuth0) or
// where a number follows letters (Keycloak's log id KC-SERVICES0093).
func identifierBoundary(text string, i int) bool {
	if i == 0 || i == len(text) || !isWordByte(text[i-1]) || !isWordByte(text[i]) {
		return true
	}
	before, at := text[i-1], text[i]
	lowerBefore, upperBefore, digitBefore := before >= 'a' && before <= 'z', before >= 'A' && before <= 'Z', before >= '0' && before <= '9'
	return before == '_' || at == '_' ||
		(lowerBefore || digitBefore) && at >= 'A' && at <= 'Z' ||
		(lowerBefore || upperBefore) && at >= '0' && at <= '9'
}

// scanMessages finds the catalog's literal error messages in a text.
// Entries sharing a message ("Invalid client secret is provided.") are told
// apart by the code beside it, found as a code or as its bare number: the
// ones it names stand, the others drop out.
func (s *session) scanMessages(field, text string) {
	s.useMessages(field, text, s.messagesIn(text))
}

// scanShortMessages finds, in a part of a text scanned already (a pair's
// value, what follows an error's class name), the messages too short to be
// found inside a longer text: the part is all of their text. A pair's value
// ("Error: Invalid token") is anyone's words unless the text names the
// message's provider; an error's class name is that provider's own.
func (s *session) scanShortMessages(field, part string, named bool) {
	hits := s.rec.messages.find(part)
	s.useMessages(field, part, slices.DeleteFunc(hits, func(h messageHit) bool {
		p, _ := s.rec.cat.Provider(h.entry.Provider)
		return !h.whole || !named && !s.markerSeen[p]
	}))
}

func (s *session) useMessages(field, text string, hits []messageHit) {
	if len(hits) == 0 {
		return
	}
	lower := s.lowerOf(text)
	// By the words they matched: whether some hit's code is named there,
	// whether the standard shares them, which vendors and libraries print
	// them and which of those word for word; by hit: whether its code is
	// named, whether it is met word for word.
	named, standard := map[[2]int]bool{}, map[[2]int]bool{}
	vendors, owners, verbatimOwners := map[[2]int]map[string]bool{}, map[[2]int]map[string]bool{}, map[[2]int]map[string]bool{}
	note := func(sets map[[2]int]map[string]bool, span [2]int, key string) {
		if sets[span] == nil {
			sets[span] = map[string]bool{}
		}
		sets[span][key] = true
	}
	codeNamed, ownCode, verbatim := make([]bool, len(hits)), make([]bool, len(hits)), make([]bool, len(hits))
	for i, h := range hits {
		codeNamed[i] = s.codeNamed(text, h.entry)
		// Okta's invalid_grant is named by any invalid_grant, the
		// standard's code: that tells no vendor's message from another's.
		ownCode[i] = codeNamed[i] && !s.standardsCode(h.entry)
		verbatim[i] = h.verbatimIn(lower)
		named[h.span()] = named[h.span()] || ownCode[i]
		p, ok := s.rec.cat.Provider(h.entry.Provider)
		switch {
		case ok && p.Kind == catalog.Standard:
			standard[h.span()] = true
		case ok:
			if p.Kind == catalog.Vendor {
				note(vendors, h.span(), p.Key)
			}
			note(owners, h.span(), p.Key)
			if verbatim[i] || h.literal == "" {
				// A message with placeholders may be as written too.
				note(verbatimOwners, h.span(), p.Key)
			}
		}
	}
	for i, h := range hits {
		e, withCode := h.entry, codeNamed[i]
		if named[h.span()] && !withCode {
			continue
		}
		rank := rankMessage
		switch {
		case withCode:
			rank--
		case !h.primary && h.whole:
			rank += 2 // a few words anyone could write, and another entry's own
		case !h.primary, h.whole:
			rank++ // another entry's own message, maybe; or a few words anyone could write
		}
		s.addEntryCode(e, field+" (message)", rank)
		if standard[h.span()] && s.isStandard(e) {
			if s.standardWords == nil {
				s.standardWords = map[*catalog.Entry]bool{}
			}
			s.standardWords[e] = true
		}
		// A vendor's message that is the standard's too ("The authorization
		// grant type is not supported by the authorization server.") or
		// another vendor's ("Invalid username or password.") says nothing of
		// who sent it, unless the code beside it does.
		// A message of two words ("Authentication failed") is no sign of
		// who wrote it unless its code comes with it.
		// The same words printed by a vendor and a library ("State does not
		// match": oidc-client-ts, and auth0.js with backticks) name neither,
		// unless only one of them is met word for word.
		alone := verbatim[i] && len(verbatimOwners[h.span()]) == 1
		shared := standard[h.span()] || len(vendors[h.span()]) > 1 && !ownCode[i] || h.whole && !withCode ||
			len(owners[h.span()]) > 1 && !ownCode[i] && !alone
		if p, ok := s.rec.cat.Provider(e.Provider); ok && p.Kind != catalog.Standard && !shared {
			weight, how := float64(weightMessage), ""
			if verbatim[i] {
				weight, how = weight+weightMessageVerbatim, " word for word"
			}
			if withCode {
				// The message and the code it comes with agree: stronger than
				// either, and than a provider named in passing.
				weight, how = weight+weightMessageWithCode, how+" beside that code"
			}
			s.addClue(p, ByMessageText, weight, false, "the text carries %s's message for %s%s", p.Name, e.Code, how)
		}
		// "The status code of the Response was not Success, was {status}":
		// what fills a placeholder named like an error key is a code.
		for _, c := range h.captures {
			if !errorKey(c.slot) {
				continue
			}
			for _, w := range strings.Fields(c.value) {
				if t, ok := s.rec.vocab.terms[w]; ok {
					s.addVocabCode(field, vocabHit{value: w, term: t, key: c.slot})
				}
			}
		}
	}
}

// messagesIn is messages.find(text), found once for the vocabulary's pass
// and the messages' pass over one text. What it returns is shared: not to
// be changed.
func (s *session) messagesIn(text string) []messageHit {
	if s.messageHits.text != text || text == "" {
		s.messageHits.text, s.messageHits.hits = text, s.rec.messages.find(text)
	}
	return s.messageHits.hits
}

// verbatimMessages returns, normalised, the catalog messages a text holds
// word for word.
func (s *session) verbatimMessages(text string) []string {
	lower := s.lowerOf(text)
	out := []string{}
	for _, h := range s.messagesIn(text) {
		if h.verbatimIn(lower) {
			out = append(out, normalizeWords(h.literal))
		}
	}
	return out
}

// logPair records one key=value pair of a log line.
func (s *session) logPair(set *paramSet, name, value string) {
	if !set.has(name) {
		set.names[name] = value
	}
	shown := s.addField(name, value, inParams)
	switch name {
	case "error", "error_code", "errorCode", "error_subcode", "suberror":
		rank := 2
		if name != "error" {
			rank = 1
		}
		s.addCode(codeWord(value), "", name, rank)
	case "code":
		if shown == value { // shown unmasked: an error code, not an authorization code
			s.addCode(codeWord(value), "", name, 1)
		}
	case "error_codes":
		s.addNumericCodes(name, value)
	case "iss", "issuer":
		s.noteIssuer(name, value)
	}
}

// urlsIn finds the URLs of a text: any scheme://, or a native app's
// reverse-domain redirect with a query (com.example.app:/callback?code=...).
// It returns their offsets, as FindAllStringIndex would.
func urlsIn(t string, n int) [][]int {
	var out [][]int
	for k := 0; len(out) < n; {
		i := strings.Index(t[k:], ":/")
		if i < 0 {
			break
		}
		pos := k + i
		start := pos
		for start > 0 && isSchemeByte(t[start-1]) {
			start--
		}
		for start < pos && !isLetter(t[start]) {
			start++
		}
		// Markdown's _https://..._ is a URL in italics.
		if start < pos && (start == 0 || !isWordByte(t[start-1]) || t[start-1] == '_') {
			if m := urlAt().FindStringIndex(t[start:]); m != nil {
				end := throughPlaceholders(t, start+m[1])
				if !strings.HasSuffix(t[start:end], "://") {
					out = append(out, []int{start, end})
					k = end
					continue
				}
			}
		}
		k = pos + 2
	}
	return out
}

// throughPlaceholders extends a URL ending at end over the placeholders
// people type for what they hid (https://<tenant>.b2clogin.com/<policy>/...)
// and the rest of the URL after each.
func throughPlaceholders(t string, end int) int {
	for end < len(t) && t[end] == '<' {
		n := placeholderLen(t[end:])
		if n == 0 {
			break
		}
		end += n
		for end < len(t) && !strings.ContainsRune(" \t\r\n\"'<>`", rune(t[end])) {
			end++
		}
	}
	return end
}

// placeholderLen is the length of the <name> at the start of s, or 0.
func placeholderLen(s string) int {
	if len(s) < 3 || !isLetter(s[1]) {
		return 0
	}
	for i := 2; i < len(s) && i <= 42; i++ {
		switch c := s[i]; {
		case c == '>':
			return i + 1
		case !isWordByte(c) && c != '.' && c != '-':
			return 0
		}
	}
	return 0
}

func isSchemeByte(c byte) bool {
	return isLetter(c) || c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-'
}

// quotedPairs finds pairs as languages print them: JS object literals and
// Python dicts ('key': 'value', key: "value"), PHP arrays ('key' => 'value',
// ["key"]=> string(5) "value"); the value quoted, so that prose with a colon
// does not become a field. It returns submatch offsets (whole, key, value),
// as FindAllStringSubmatchIndex would.
func quotedPairs(t string, n int) [][]int {
	var out [][]int
	for i := 0; i < len(t) && len(out) < n; i++ {
		sep := 0
		switch {
		case t[i] == ':':
			sep = 1
		case t[i] == '=' && i+1 < len(t) && t[i+1] == '>':
			sep = 2
		default:
			continue
		}
		j := i
		for j > 0 && (t[j-1] == ' ' || t[j-1] == '\t') {
			j--
		}
		if j > 0 && (t[j-1] == '"' || t[j-1] == '\'' || t[j-1] == ']') {
			j--
		}
		keyEnd := j
		for j > 0 && keyEnd-j < maxPairName && (isWordByte(t[j-1]) || t[j-1] == '.' || t[j-1] == '-') {
			j--
		}
		if j == keyEnd || !isLetter(t[j]) && t[j] != '_' {
			continue
		}
		keyStart, start := j, j
		if j > 0 && (t[j-1] == '"' || t[j-1] == '\'' || t[j-1] == '[') {
			start = j - 1
		}
		k := i + sep
		for k < len(t) && (t[k] == ' ' || t[k] == '\t') {
			k++
		}
		if rest, ok := strings.CutPrefix(t[k:], "string("); ok {
			// var_dump's type and length: string(13) "value".
			d := 0
			for d < len(rest) && rest[d] >= '0' && rest[d] <= '9' {
				d++
			}
			if d > 0 && d < len(rest) && rest[d] == ')' {
				k += len("string(") + d + 1
				for k < len(t) && (t[k] == ' ' || t[k] == '\t') {
					k++
				}
			}
		}
		if k >= len(t) || t[k] != '"' && t[k] != '\'' {
			continue
		}
		quote, end := t[k], k+1
		for end < len(t) && t[end] != quote && t[end] != '\n' && t[end] != '\r' {
			if t[end] == '\\' {
				end++
			}
			end++
		}
		if end >= len(t) || t[end] != quote {
			continue
		}
		out = append(out, []int{start, end + 1, keyStart, keyEnd, k, end + 1})
		i = end
	}
	return out
}

// findIf runs re over t only when its literal is there.
func findIf(present bool, re *regexp.Regexp, t string, n int) [][]int {
	if !present {
		return nil
	}
	return re.FindAllStringSubmatchIndex(t, n)
}

// equalPairs finds the name=value pairs of a log line: a name of letters,
// digits and _.- right before "=", and a value quoted or running to a
// delimiter. It returns submatch offsets (whole, name, value).
func equalPairs(t string, n int) [][]int {
	var out [][]int
	for i := strings.IndexByte(t, '='); i >= 0 && len(out) < n; {
		j := i
		for j > 0 && (isWordByte(t[j-1]) || t[j-1] == '.' || t[j-1] == '-') {
			j--
		}
		for j < i && !isLetter(t[j]) {
			j++ // a name starts with a letter
		}
		end := i + 1
		if j < i {
			switch {
			case end < len(t) && (t[end] == '"' || t[end] == '\''):
				if k := strings.IndexByte(t[end+1:], t[end]); k >= 0 {
					end += k + 2
				} else {
					end = i + 1 // an unclosed quote: an empty value
				}
			default:
				for end < len(t) && !strings.ContainsRune("&#\"',;<> \t\r\n\f\v", rune(t[end])) {
					end++
				}
			}
			out = append(out, []int{j, end, j, i, i + 1, end})
		}
		k := strings.IndexByte(t[max(end, i+1):], '=')
		if k < 0 {
			break
		}
		i = max(end, i+1) + k
	}
	return out
}

// printRPairs finds print_r's "[key] => value" lines.
func printRPairs(t string, n int) [][]int {
	return findIf(strings.Contains(t, "=>"), printRPair(), t, n)
}

// labelLines finds "Label: value" lines, one line at a time.
func labelLines(t string, n int) [][]int {
	var out [][]int
	for start := 0; start < len(t) && len(out) < n; {
		end := strings.IndexByte(t[start:], '\n')
		if end < 0 {
			end = len(t)
		} else {
			end += start
		}
		line := strings.TrimSuffix(t[start:end], "\r")
		if strings.IndexByte(line, ':') > 0 {
			if m := labelLine().FindStringSubmatchIndex(line); m != nil {
				for k := range m {
					m[k] += start
				}
				out = append(out, m)
			}
		}
		start = end + 1
	}
	return out
}

// isStandard reports whether e is a standard's entry.
func (s *session) isStandard(e *catalog.Entry) bool {
	p, ok := s.rec.cat.Provider(e.Provider)
	return ok && p.Kind == catalog.Standard
}

// standardsCode reports whether e's code is the code of the standard entry
// it maps to (Okta's invalid_grant is oauth2/invalid_grant's).
func (s *session) standardsCode(e *catalog.Entry) bool {
	st, ok := s.rec.cat.Entry(e.Standard)
	return ok && strings.EqualFold(st.Code, e.Code)
}

// codeNamed reports whether the input names e's code: found as a code
// already, or its number standing in text.
func (s *session) codeNamed(text string, e *catalog.Entry) bool {
	_, found := s.codeSeen[strings.ToLower(e.Code)]
	return found || numberIn(text, e.Code)
}

// numberIn reports whether the number a code ends with (7000215 of
// AADSTS7000215), four digits or more, stands as a word in text.
func numberIn(text, code string) bool {
	i := len(code)
	for i > 0 && code[i-1] >= '0' && code[i-1] <= '9' {
		i--
	}
	number := code[i:]
	if len(number) < 4 {
		return false
	}
	for off := 0; ; {
		k := strings.Index(text[off:], number)
		if k < 0 {
			return false
		}
		start, end := off+k, off+k+len(number)
		if (start == 0 || !isWordByte(text[start-1])) && (end == len(text) || !isWordByte(text[end])) {
			return true
		}
		off = end
	}
}
