package decode

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Patterns that find credentials inside free text.
var (
	// An Authorization header value or a token after its scheme.
	authScheme = lazyRegexp(`(?i)\b(Bearer|DPoP|Basic|SSWS|Negotiate)[ \t]+([A-Za-z0-9._~+/-]+=*)`)
	// A JWS (three parts) or JWE (five parts).
	jwtAnywhere = lazyRegexp(`eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)?`)
	// The password of a URL's user information.
	urlPassword = lazyRegexp(`(://[^/\s:@]+:)([^/\s@]+)@`)
	// Cookie and Set-Cookie header lines.
	// (No line-start anchor: a header pasted after other text is still one.)
	cookieLine = lazyRegexp(`(?i)((?:set-)?cookie[ \t]*:[ \t]*)([^\r\n]*)`)
	// The content of an XML signature value.
	xmlSignatureValue = lazyRegexp(`(<(?:[A-Za-z_][\w.-]*:)?SignatureValue\b[^>]*>)([^<]+)`)
)

// masker masks credentials. When secrets is not nil it remembers each one
// it masked: Decode masks its input first and then makes sure that none of
// those values shows anywhere in the result, whatever path it came by
// (discard: only to find them, the masked text itself is not needed).
// personal masks personal data too (a JWT's claims about its subject, a
// SAML message's NameID and attribute values), as share links do.
type masker struct {
	secrets *secretSet
	discard bool
	// skipped: a discarding masker left a SAML message out of the text it
	// returned, which is then not what maskText returns.
	skipped  bool
	personal bool
	budget   *budget
}

// value masks one credential, remembering it.
func (mk *masker) value(v string) string {
	mk.remember(v)
	return maskValue(v)
}

// whole masks a credential that shows none of its characters: a password,
// or a value of which even a first letter says too much.
func (mk *masker) whole(v string) string {
	mk.remember(v)
	return maskWhole(v)
}

func (mk *masker) remember(v string) {
	if mk != nil && mk.secrets != nil && v != "" && !isMaskedForm(v) {
		mk.secrets.add(v)
	}
}

// spend returns the budget for decoding SAML messages, a fresh one for a
// masker that was given none.
func (mk *masker) spend() *budget {
	if mk.budget == nil {
		mk.budget = newBudget(nil)
	}
	return mk.budget
}

// maskText masks the credentials inside a text; see masker.text.
func maskText(s string) string { return (*masker)(nil).text(s) }

// maskCookies masks a Cookie header's values; see masker.cookies.
func maskCookies(v string) string { return (*masker)(nil).cookies(v) }

// maskSecret masks a credential; see masker.secret.
func maskSecret(v string) string { return (*masker)(nil).secret(v) }

// text masks every credential found inside free text and leaves the rest:
// secret name=value pairs, JSON "secret": "value" pairs, "secret: value",
// tokens after an Authorization scheme, JWT signatures, cookie values, URL
// passwords and XML signature values.
func (mk *masker) text(s string) string {
	if !mayHoldSecret(s) {
		return s
	}
	// Cookie lines first, then "name: value" before "name=value": a pass
	// replaces whole values, and a value may hold the name of another pair
	// ("SAMLResponse=client_secret: ..."), which must be seen before it goes.
	if containsBy(s, "Cookie", 3) || containsBy(s, "cookie", 3) || containsBy(s, "COOKIE", 3) {
		s = replaceSubmatch(cookieLine(), s, func(m []int, s string) (int, int, string) {
			return m[4], m[5], mk.cookies(s[m[4]:m[5]])
		})
	}
	s = mk.colonPairs(s, strings.Contains(s, "grant_type"))
	s = mk.pairs(s)
	// The patterns below are costly; each runs only on text that can match.
	if hasAuthScheme(s) {
		s = replaceMatches(authSchemes(s, -1), s, func(m []int, s string) (int, int, string) {
			rest := s[m[1]:]
			tok := s[m[4]:m[5]]
			// "Bearer error=..." and "Bearer realm=..." are challenges, not tokens.
			if strings.HasSuffix(tok, "=") && (rest == "" || rest[0] == '"') || strings.HasPrefix(rest, "=") ||
				maskedNext(rest) || len(tok) < 8 {
				return 0, 0, ""
			}
			if strings.EqualFold(s[m[2]:m[3]], "Basic") {
				return m[4], m[5], mk.whole(tok) // user:password, base64: not even a first letter
			}
			return m[4], m[5], mk.value(tok)
		})
	}
	if containsBy(s, "eyJ", 2) {
		s = mk.jwts(s)
	}
	if strings.Contains(s, "@") {
		s = replaceSubmatch(urlPassword(), s, func(m []int, s string) (int, int, string) {
			v := s[m[4]:m[5]]
			if u, err := url.QueryUnescape(v); err == nil && startsMasked(u) {
				return 0, 0, ""
			}
			return m[4], m[5], url.QueryEscape(mk.whole(v))
		})
	}
	if strings.Contains(s, "SignatureValue") {
		s = replaceSubmatch(xmlSignatureValue(), s, func(m []int, s string) (int, int, string) {
			return m[4], m[5], mk.value(strings.TrimSpace(s[m[4]:m[5]]))
		})
	}
	if mk.maskPersonal() && (strings.Contains(s, "NameID") || strings.Contains(s, "AttributeValue")) {
		s = maskSAMLPersonal(s)
	}
	return s
}

// maskPersonal reports whether personal data is masked too.
func (mk *masker) maskPersonal() bool { return mk != nil && mk.personal }

// samlPersonal is the text of the SAML elements that say who signed in:
// the subject's NameID and every attribute value (e-mail, name, object ids).
var samlPersonal = lazyRegexp(`(<(?:[A-Za-z_][\w.-]*:)?(?:NameID|AttributeValue)\b[^>]*>)([^<]+)`)

// maskSAMLPersonal masks the NameID and attribute values of SAML XML.
func maskSAMLPersonal(xml string) string {
	return replaceSubmatch(samlPersonal(), xml, func(m []int, s string) (int, int, string) {
		v := strings.TrimSpace(s[m[4]:m[5]])
		if v == "" || startsMasked(v) {
			return 0, 0, ""
		}
		return m[4], m[5], maskWhole(v)
	})
}

// jwts masks every JWT in s, as jwtAnywhere finds them but with a loop
// rather than the regular expression: a text may hold thousands.
func (mk *masker) jwts(s string) string {
	var b strings.Builder
	last := 0
	for from := 0; ; {
		start, end := nextJWT(s, from)
		if start < 0 {
			break
		}
		from = end
		if maskedNext(s[end:]) {
			continue
		}
		if tail := dottedRunEnd(s, end); tail > end {
			// A longer dotted run than a token's ("eyJ00." before a JWT):
			// which parts are the token is unclear, so all but the first
			// are masked together.
			dot := start + strings.IndexByte(s[start:end], '.')
			b.WriteString(s[last:start])
			b.WriteString(s[start:dot+1] + mk.value(s[dot+1:tail]))
			last, from = tail, tail
			continue
		}
		masked, _ := mk.jwt(s[start:end])
		b.WriteString(s[last:start])
		b.WriteString(masked)
		last = end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// dottedRunEnd is where a run of "." and base64url parts that continues at
// i ends: i itself when nothing follows.
func dottedRunEnd(s string, i int) int {
	for i < len(s) && s[i] == '.' {
		j := base64urlRunEnd(s, i+1)
		if j == i+1 {
			break
		}
		i = j
	}
	return i
}

// base64urlRunEnd is the end of the base64url run from i.
func base64urlRunEnd(s string, i int) int {
	for i < len(s) && isWordChar(s[i]) {
		i++
	}
	return i
}

// nextJWT finds the first match of jwtAnywhere in s at or after from, and
// returns where it starts and ends, or -1, -1.
func nextJWT(s string, from int) (int, int) {
	run := func(i int) int { return base64urlRunEnd(s, i) }
	for from < len(s) {
		k := strings.Index(s[from:], "eyJ")
		if k < 0 {
			return -1, -1
		}
		start := from + k
		from = start + 1
		// eyJ, then at least 2 more characters, ".", any, ".", at least one.
		i := run(start + 3)
		if i-start-3 < 2 || i >= len(s) || s[i] != '.' {
			continue
		}
		i = run(i + 1)
		if i >= len(s) || s[i] != '.' {
			continue
		}
		j := run(i + 1)
		if j == i+1 {
			continue
		}
		end := j
		// A JWE's two more parts, when both are there.
		if end < len(s) && s[end] == '.' {
			if k := run(end + 1); k > end+1 && k < len(s) && s[k] == '.' {
				if l := run(k + 1); l > k+1 {
					end = l
				}
			}
		}
		return start, end
	}
	return -1, -1
}

// hasAuthScheme reports whether an authentication scheme followed by a
// space or tab occurs in s, in any letter case.
func hasAuthScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' {
			continue
		}
		j := i
		for j > 0 && i-j < 9 && isLetter(s[j-1]) {
			j--
		}
		if j < i && isAuthScheme(s[j:i]) {
			return true
		}
	}
	return false
}

// authSchemes finds what authScheme matches (a scheme word, blanks, a
// credential) by looking at each word, as FindAllStringSubmatchIndex would
// return it: a case-insensitive pattern without a literal prefix, run over
// a whole text, costs far more than the text's length in steps.
func authSchemes(s string, n int) [][]int {
	var out [][]int
	for i := 0; i < len(s) && (n < 0 || len(out) < n); i++ {
		if !isLetter(s[i]) || i > 0 && isWordByte(s[i-1]) {
			continue
		}
		j := i
		for j < len(s) && isLetter(s[j]) {
			j++
		}
		if j >= len(s) || s[j] != ' ' && s[j] != '\t' || !schemeOfAuthScheme(s[i:j]) {
			i = j
			continue
		}
		k := j
		for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
			k++
		}
		end := k
		for end < len(s) && (isWordByte(s[end]) || strings.IndexByte(".~+/-", s[end]) >= 0) {
			end++
		}
		if end == k {
			i = j
			continue
		}
		for end < len(s) && s[end] == '=' {
			end++
		}
		out = append(out, []int{i, end, i, j, k, end})
		i = end
	}
	return out
}

// schemeOfAuthScheme reports whether word is one of authScheme's schemes.
func schemeOfAuthScheme(word string) bool {
	return lowerIs(word, "bearer", "dpop", "basic", "ssws", "negotiate")
}

// isAuthScheme reports whether s is an HTTP authentication scheme that a
// credential follows.
func isAuthScheme(s string) bool {
	return lowerIs(s, "bearer", "dpop", "basic", "ssws", "negotiate", "token")
}

// lowerIs reports whether strings.ToLower(word) is one of names, which are
// lower-case ASCII, without lower-casing an ASCII word: both are asked of
// every word before a blank.
func lowerIs(word string, names ...string) bool {
	for i := 0; i < len(word); i++ {
		if word[i] >= utf8.RuneSelf {
			return slices.Contains(names, strings.ToLower(word)) // the Kelvin sign lower-cases to k
		}
	}
	for _, n := range names {
		if len(n) == len(word) && strings.EqualFold(word, n) {
			return true
		}
	}
	return false
}

// containsBy is strings.Contains(s, sub), looking for sub's byte at rare
// first: Index starts from sub's first byte, which may be everywhere in
// prose (the e of "eyJ", the c of "cookie") where the rare one is not.
func containsBy(s, sub string, rare int) bool {
	for k := rare; k < len(s); {
		i := strings.IndexByte(s[k:], sub[rare])
		if i < 0 {
			return false
		}
		if j := k + i - rare; j+len(sub) <= len(s) && s[j:j+len(sub)] == sub {
			return true
		}
		k += i + 1
	}
	return false
}

// maskedNext reports whether s starts with the mark of a masked value, as
// written or percent-encoded: what precedes it was masked already.
func maskedNext(s string) bool {
	return strings.HasPrefix(s, "…") || strings.HasPrefix(s, "%E2%80%A6")
}

// maskSecret masks a credential: a JWT keeps its header and claims (with any
// secret claim masked, as in a JARM response) and loses its signature, so
// that it still decodes but can no longer be used; anything else is masked
// whole.
func (mk *masker) secret(v string) string {
	if masked, ok := mk.jwt(v); ok {
		return masked
	}
	return mk.value(v)
}

// jwt masks a JWS's signature and its secret claims ("code" in a JARM
// response), or everything but the header of a JWE. It reports false when
// tok is not a JWT whose parts decode.
func (mk *masker) jwt(tok string) (string, bool) {
	if !looksJWT(tok) {
		return "", false
	}
	parts := strings.Split(tok, ".")
	if len(parts) == 5 {
		return parts[0] + "." + mk.value(strings.Join(parts[1:], ".")), true
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return parts[0] + "." + mk.value(parts[1]+"."+parts[2]), true
	}
	changed := false
	// Claims keep their order and structure (each scalar is masked, not the
	// object or array around it), so that the share link shows the same
	// fields, in the same places, as the token pasted.
	out, err := rewriteJSON(raw, nil, func(c jsonScalar) any {
		str, isString := c.value.(string)
		switch {
		case isString && isMaskedForm(str):
		case c.top && isString && secretKind(c.member, inParams) != notSecret && !shownUnder(secretKind(c.member, inParams), str):
			changed = true
			return mk.value(str)
		case mk.maskPersonal() && c.member != "" && !jwtProtocolClaims[c.member] && c.value != nil:
			// A claim about the subject (sub, oid, email, name, groups):
			// personal data, masked whole in a share link.
			if !isString {
				b, _ := json.Marshal(c.value)
				str = string(b)
			}
			changed = true
			return maskWhole(str)
		}
		return c.value
	})
	if err != nil || len(out) == 0 || out[0] != '{' {
		return parts[0] + "." + mk.value(parts[1]+"."+parts[2]), true
	}
	payload := parts[1]
	if changed {
		payload = base64.RawURLEncoding.EncodeToString(out)
	}
	return parts[0] + "." + payload + "." + mk.value(parts[2]), true
}

// pairs masks the values of secret name=value pairs. It looks at every
// "=" in one pass instead of matching pairs with a regular expression,
// because pairs nest: in "state=xyzhttps://app/cb?code=SECRET" the code is
// inside what a pattern would take as the value of state.
func (mk *masker) pairs(s string) string {
	var b strings.Builder
	last, segEnd := 0, -1
	for i := strings.IndexByte(s, '='); i >= 0 && i < len(s); i = nextByte(s, '=', i+1) {
		if i < last {
			continue // inside a value masked already
		}
		j := i
		for j > 0 && i-j < maxPairName && (isNameByte(s[j-1]) || s[j-1] == '%') {
			j--
		}
		for j < i && !isLetter(s[j]) && s[j] != '%' {
			j++
		}
		if j == i {
			continue
		}
		name, vs, ve := s[j:i], i+1, 0
		kind := secretKind(name, inParams)
		if u, err := url.QueryUnescape(name); kind == notSecret && err == nil && u != name {
			kind = secretKind(u, inParams) // "%63ode=..." is code=...
		}
		personal := kind == notSecret && mk.maskPersonal() && personalNames[normName(name)]
		if kind == notSecret && !personal {
			continue // checked first: what follows costs as much as the value is long
		}
		quoted := vs < len(s) && (s[vs] == '"' || s[vs] == '\'')
		if quoted {
			if k := strings.IndexByte(s[vs+1:], s[vs]); k >= 0 {
				vs, ve = vs+1, vs+1+k
			} else {
				quoted = false
			}
		}
		if !quoted {
			if segEnd < vs {
				segEnd = vs + valueEnd(s[vs:])
			}
			ve = segEnd
		}
		plain := s[vs:ve]
		if u, err := url.QueryUnescape(plain); err == nil {
			plain = u
		}
		if plain == "" || startsMasked(plain) || startsMasked(s[vs:]) || shownUnder(kind, plain) || personal && plain == "null" {
			continue
		}
		escape := !quoted && urlContext(s, j)
		var masked string
		switch {
		case strings.EqualFold(name, "SAMLResponse") && mk != nil:
			masked = mk.samlParam(s[vs:ve], escape)
		case personal:
			masked = maskWhole(plain)
		case isPasswordName(name):
			masked = mk.whole(plain)
		default:
			masked = mk.secret(plain)
		}
		if escape && !strings.EqualFold(name, "SAMLResponse") {
			masked = url.QueryEscape(masked)
		}
		b.WriteString(s[last:vs])
		b.WriteString(masked)
		last = ve
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// colonPairs masks the values of secret "name": "value" pairs (JSON,
// even inside a log line) and name: value pairs (headers, YAML, logs), in
// one pass over the colons; pairs nest as in pairs.
func (mk *masker) colonPairs(s string, tokenRequest bool) string {
	var b strings.Builder
	last := 0
	// An unquoted value runs to the next delimiter; every value that starts
	// inside the same delimiter-free run ends where it does, so the run's end
	// is found once ("password:password:..." would otherwise rescan it from
	// every colon, quadratically).
	runStart, runEnd := -1, -1
	for i := strings.IndexByte(s, ':'); i >= 0 && i < len(s); i = nextByte(s, ':', i+1) {
		if i < last {
			continue
		}
		j := i
		for j > 0 && (s[j-1] == ' ' || s[j-1] == '\t') {
			j--
		}
		jsonKey := j > 0 && s[j-1] == '"'
		if jsonKey {
			j--
		}
		end := j
		for j > 0 && end-j < maxPairName && (isWordChar(s[j-1]) || jsonKey && (s[j-1] == '.' || s[j-1] == '$')) {
			j--
		}
		if j == end || jsonKey && (j == 0 || s[j-1] != '"') {
			continue
		}
		name := s[j:end]
		n := normName(name)
		if !jsonKey && (n == "authorization" || n == "proxyauthorization") {
			if vs, ve, ok := headerCredentials(s, i+1); ok && vs >= last {
				b.WriteString(s[last:vs])
				if strings.EqualFold(strings.TrimSpace(s[i+1:vs]), "Basic") {
					b.WriteString(mk.whole(s[vs:ve]))
				} else {
					b.WriteString(mk.value(s[vs:ve]))
				}
				last = ve
			}
			continue
		}
		personal := mk.maskPersonal() && personalNames[n]
		// A token request's JSON carries a form's fields: its "code" is the
		// authorization code, not the error code it is in other bodies.
		ctx := inJSON
		if tokenRequest && jsonKey {
			ctx = inParams
		}
		kind := secretKind(name, ctx)
		if kind == notSecret && !personal {
			continue
		}
		vs := i + 1
		for vs < len(s) && (s[vs] == ' ' || s[vs] == '\t') {
			vs++
		}
		var ve int
		switch {
		case vs < len(s) && s[vs] == '"':
			vs++
			ve = vs
			for ve < len(s) && s[ve] != '"' {
				if s[ve] == '\\' {
					ve++
				}
				ve++
			}
			ve = min(ve, len(s))
		case jsonKey:
			continue // a number, boolean, object or array: not a credential
		default:
			if runStart >= 0 && vs >= runStart && vs <= runEnd {
				ve = runEnd
				break
			}
			ve = vs
			for ve < len(s) && strings.IndexByte(" \t\r\n\"',;", s[ve]) < 0 {
				ve++
			}
			runStart, runEnd = vs, ve
		}
		if vs < ve && s[ve-1] == ':' && s[vs-1] != '"' {
			continue // "client_secret: client_secret: x": a name, not a value
		}
		if vs >= ve || startsMasked(s[vs:]) || isAuthScheme(s[vs:ve]) {
			continue // "X-Authorization: Bearer ...": the token after the scheme is masked below
		}
		if !personal && shownUnder(kind, s[vs:ve]) {
			continue // a weak name carrying an error code
		}
		b.WriteString(s[last:vs])
		switch {
		case personal:
			b.WriteString(maskWhole(s[vs:ve]))
		case isPasswordName(name):
			b.WriteString(mk.whole(s[vs:ve]))
		default:
			b.WriteString(mk.secret(s[vs:ve]))
		}
		last = ve
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// headerCredentials finds the credentials of an Authorization header whose
// value starts at vs, whatever its scheme: "Bearer x", "token ghp_x"
// (GitHub), "SSWS x" (Okta), "Digest username=..., response=...", or a
// bare token without a scheme. A token68 is the credentials; auth-params
// run to the end of the line. It reports false when there are none, or
// they are masked already.
func headerCredentials(s string, vs int) (int, int, bool) {
	for vs < len(s) && (s[vs] == ' ' || s[vs] == '\t') {
		vs++
	}
	start := vs
	word := vs
	for word < len(s) && isTokenByte(s[word]) {
		word++
	}
	if word == start {
		return 0, 0, false
	}
	if word < len(s) && (s[word] == ' ' || s[word] == '\t') {
		// A scheme, then its credentials.
		vs = word
		for vs < len(s) && (s[vs] == ' ' || s[vs] == '\t') {
			vs++
		}
		if vs >= len(s) || s[vs] == '\r' || s[vs] == '\n' {
			return 0, 0, false
		}
	}
	if startsMasked(s[vs:]) || maskedNext(s[vs:]) {
		return 0, 0, false
	}
	ve := vs
	for ve < len(s) && (isTokenByte(s[ve]) || strings.IndexByte("~+/", s[ve]) >= 0) {
		ve++
	}
	ends := " \t\r\n,;\"'" // what may follow a token68
	if ve < len(s) && s[ve] == '=' {
		for ve < len(s) && s[ve] == '=' {
			ve++
		}
		ends = " \t\r\n,;" // name="value" is an auth-param, not padding
	}
	if ve == vs || ve < len(s) && strings.IndexByte(ends, s[ve]) < 0 {
		// Not one token68: auth-params ("username=..."), or a token with
		// other characters in it. The rest of the line is the credentials.
		ve = vs
		for ve < len(s) && s[ve] != '\r' && s[ve] != '\n' {
			ve++
		}
		for ve > vs && (s[ve-1] == ' ' || s[ve-1] == '\t') {
			ve--
		}
	}
	if ve-vs < 8 || vs == start && isAuthScheme(s[vs:ve]) {
		// Too short for a credential: "authorization: failed for jane".
		return 0, 0, false
	}
	return vs, ve, true
}

func nextByte(s string, c byte, from int) int {
	if from >= len(s) {
		return -1
	}
	if k := strings.IndexByte(s[from:], c); k >= 0 {
		return from + k
	}
	return -1
}

// valueEnd is where an unquoted value ends: at a pair separator, white
// space, a quote or markup.
func valueEnd(s string) int {
	if k := strings.IndexAny(s, "&# \t\r\n\"',;<>"); k >= 0 {
		return k
	}
	return len(s)
}

func isNameByte(c byte) bool { return isTokenByte(c) }

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// mayHoldSecret is a cheap test that spares short plain values the regular
// expressions: every pattern above needs one of these.
func mayHoldSecret(s string) bool {
	return strings.ContainsAny(s, "=:") || strings.Contains(s, "eyJ") || strings.ContainsAny(s, " \t") && len(s) > 12 || strings.Contains(s, "SignatureValue")
}

// urlContext reports whether the pair at i is part of a URL or form body,
// where a masked value must be percent-encoded to keep the URL parseable.
func urlContext(s string, i int) bool {
	if i > 0 {
		return strings.IndexByte("?&#", s[i-1]) >= 0
	}
	return !strings.ContainsAny(s, " \t\r\n")
}

// cookieAttributes are Set-Cookie attributes, not cookie values.
var cookieAttributes = setOf("path", "domain", "expires", "maxage", "samesite", "secure", "httponly", "priority", "partitioned")

// cookies masks every cookie value of a Cookie or Set-Cookie header,
// and anything in it that is not a cookie at all.
func (mk *masker) cookies(v string) string {
	parts := strings.Split(v, ";")
	for i, p := range parts {
		name, val, ok := strings.Cut(p, "=")
		switch {
		case strings.TrimSpace(p) == "" || startsMasked(strings.TrimSpace(val)):
		case !ok:
			if !cookieAttributes[normName(strings.TrimSpace(p))] {
				parts[i] = " " + mk.value(strings.TrimSpace(p))
			}
		case !cookieAttributes[normName(strings.TrimSpace(name))] && strings.TrimSpace(val) != "":
			parts[i] = name + "=" + mk.value(strings.TrimSpace(val))
		}
	}
	return strings.TrimPrefix(strings.Join(parts, ";"), " ")
}

// replaceSubmatch rewrites s: for each match of re, repl returns the byte
// range to replace and its replacement, or an empty range to keep the match.
func replaceSubmatch(re *regexp.Regexp, s string, repl func(m []int, s string) (start, end int, with string)) string {
	return replaceMatches(re.FindAllStringSubmatchIndex(s, -1), s, repl)
}

// replaceMatches is replaceSubmatch over matches found otherwise.
func replaceMatches(matches [][]int, s string, repl func(m []int, s string) (start, end int, with string)) string {
	if matches == nil {
		return s
	}
	var b strings.Builder
	last, changed := 0, false
	for _, m := range matches {
		start, end, with := repl(m, s)
		if start == end && with == "" || start < last {
			continue
		}
		b.WriteString(s[last:start])
		b.WriteString(with)
		last, changed = end, true
	}
	if !changed {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// MaskInput returns s with every credential replaced by its masked form and
// everything else as it was, so that it can travel in a share link and still
// decode to the same explanation: authorization codes, tokens, secrets and
// passwords are masked whole, a JWT keeps its header and the claims that
// describe the token but loses its signature, and a SAML message keeps its
// content but loses its signature values. Personal data is masked too: a
// JWT's claims about its subject (sub, oid, email, name...), a SAML
// message's NameID and attribute values, login_hint and e-mail parameters.
// It never fails; text that is not valid UTF-8 is repaired first.
func MaskInput(s string) string { return MaskInputWith(s, MaskOptions{}) }

// MaskOptions tune MaskInputWith.
type MaskOptions struct {
	// KeepPersonal keeps personal data (see MaskInput), for a user who
	// chooses to share it; credentials are masked all the same.
	KeepPersonal bool
}

// MaskInputWith is MaskInput with options.
func MaskInputWith(s string, o MaskOptions) string {
	return (&masker{personal: !o.KeepPersonal}).input(s)
}

// input masks a whole input, as MaskInput.
func (mk *masker) input(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if t := trimInput(s); len(t) >= 24 && isBase64Token(t) {
		if m, ok := mk.samlBlob(t); ok {
			return strings.Replace(s, t, m, 1)
		}
	}
	return mk.text(s)
}
