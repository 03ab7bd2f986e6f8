package decode

import (
	"errors"
	"regexp"
	"strings"

	"github.com/authcodes/authcodes/catalog"
)

var (
	// URLs inside text: any scheme://, or a native app's reverse-domain
	// redirect with a query (com.example.app:/callback?code=...).
	urlInText = regexp.MustCompile("\\b[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>`]+|\\b[a-z][a-z0-9+-]*(?:\\.[a-z0-9+-]+)+:/[^\\s\"'<>`]*\\?[^\\s\"'<>`]*")
	// name=value pairs of a log line.
	textPair = regexp.MustCompile(`([A-Za-z][A-Za-z0-9_.-]*)=("[^"]*"|'[^']*'|[^&#\s"',;<>]*)`)
	// A WWW-Authenticate header line in a pasted HTTP response.
	challengeLine = regexp.MustCompile(`(?im)^[ \t]*www-authenticate[ \t]*:[ \t]*(.+)$`)
	// A key= right before a URL in a log line.
	pairBefore = regexp.MustCompile(`([A-Za-z][A-Za-z0-9_.-]*)=["']?$`)
	// The status line of a pasted HTTP response.
	httpStatus = regexp.MustCompile(`\bHTTP/\d(?:\.\d)? (\d{3})\b`)
	// Pairs as languages print them: JS object literals and Python dicts
	// ('key': 'value', key: "value"), PHP arrays ('key' => 'value',
	// ["key"]=> string(5) "value"); the value quoted, so that prose with a
	// colon does not become a field.
	quotedPair = regexp.MustCompile(`["'\[]?([A-Za-z_][A-Za-z0-9_.-]{0,63})["'\]]?[ \t]*(?:=>|:)[ \t]*(?:string\(\d+\)[ \t]*)?("(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*')`)
	// print_r's [key] => value, one per line.
	printRPair = regexp.MustCompile(`(?m)\[([A-Za-z_][A-Za-z0-9_.-]{0,63})\][ \t]*=>[ \t]*([^\s\[\]][^\r\n]*?)[ \t]*$`)
	// "Label: value" on a line of its own, as sign-in pages and support
	// dialogs print their troubleshooting details (Error Code: 50058,
	// Request Id: ..., Correlation Id: ..., Timestamp: ...).
	labelLine = regexp.MustCompile(`(?m)^[ \t]*([A-Z][A-Za-z]*(?:[ -][A-Za-z]+){0,3})[ \t]*:[ \t]+(\S[^\r\n]*?)[ \t]*$`)
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
	if m := httpStatus.FindStringSubmatch(t); m != nil {
		s.putField("http_status", m[1], false)
	}
	for _, m := range cookieLine.FindAllStringSubmatchIndex(t, 4) {
		// Cookie values are sessions: shown masked, never read as key=value pairs.
		s.putField("cookie", maskCookies(t[m[4]:m[5]]), true)
		covered = append(covered, [2]int{m[0], m[1]})
	}
	for _, m := range challengeLine.FindAllStringSubmatchIndex(t, 4) {
		s.part(KindWWWAuthenticate)
		s.decodeChallenge(t[m[2]:m[3]])
		covered = append(covered, [2]int{m[0], m[1]})
	}
	if loc := samlInText.FindStringIndex(t); loc != nil {
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
	for _, m := range urlInText.FindAllStringIndex(t, maxTextParts) {
		u := strings.TrimRight(t[m[0]:m[1]], ".,;:)]}'\"")
		if isCovered(m[0], m[0]+len(u)) {
			continue
		}
		field := "url"
		if m := pairBefore.FindStringSubmatch(t[max(0, m[0]-80):m[0]]); m != nil {
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
	for _, m := range jwtAnywhere.FindAllStringIndex(t, maxTextParts) {
		if !isCovered(m[0], m[1]) {
			s.nestedJWT("jwt", t[m[0]:m[1]])
			covered = append(covered, [2]int{m[0], m[1]})
		}
	}
	for _, m := range authScheme.FindAllStringSubmatchIndex(t, maxTextParts) {
		tok := t[m[4]:m[5]]
		if rest := t[m[1]:]; len(tok) >= 8 && !strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "\"") {
			// A credential after its scheme: "Authorization: Bearer eyJ...".
			s.putField("authorization", t[m[2]:m[3]]+" "+maskValue(tok), true)
		}
	}
	pairs := &paramSet{where: "log", names: map[string]string{}}
	for _, re := range []*regexp.Regexp{textPair, quotedPair, printRPair, labelLine} {
		for _, m := range re.FindAllStringSubmatchIndex(t, maxFields) {
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
			covered = append(covered, [2]int{m[0], m[1]})
		}
	}
	if len(pairs.names) > 0 {
		s.responses = append(s.responses, pairs)
	}
	s.noteLogFields(pairs)
	// Codes and names written in the words themselves; masked first, so
	// that nothing secret can come out as a "code".
	masked := maskText(t)
	s.noteMarkers(masked)
	s.scanCodes("text", masked)
	s.scanVocabulary("text", masked)
	s.scanMessages("text", masked)
}

// noteLogFields weighs the keys of a log line against the fields only some
// providers' logs have.
func (s *session) noteLogFields(pairs *paramSet) {
	for name := range pairs.names {
		for _, p := range s.rec.logFields[name] {
			s.addClue(p, ByLogFormat, weightLogFormat, false, "the log has %s's field %s", p.Name, name)
		}
	}
}

// noteMarkers records the SDK, package and exception names of providers
// and libraries that the text mentions.
func (s *session) noteMarkers(text string) {
	if len(s.rec.markers) == 0 {
		return
	}
	lower := asciiLower(text)
	for _, m := range s.rec.markers {
		for off := 0; ; {
			k := strings.Index(lower[off:], m.folded)
			if k < 0 {
				break
			}
			at, end := off+k, off+k+len(m.folded)
			off = end
			if at > 0 && isWordByte(lower[at-1]) || end < len(lower) && isWordByte(lower[end]) {
				continue // inside a longer word
			}
			s.addClue(m.provider, ByMarker, weightMarker, false, "the text names %s (%s)", m.name, m.provider.Name)
			s.markerSeen[m.provider] = true
			break
		}
	}
}

// scanMessages finds the catalog's literal error messages in a text.
func (s *session) scanMessages(field, text string) {
	for _, h := range s.rec.messages.find(text) {
		e := h.entry
		s.addEntryCode(e, field+" (message)", rankMessage)
		if p, ok := s.rec.cat.Provider(e.Provider); ok && p.Kind != catalog.Standard {
			s.addClue(p, ByMessageText, weightMessage, false, "the text carries %s's message for %s", p.Name, e.Code)
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
