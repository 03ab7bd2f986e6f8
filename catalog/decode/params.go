package decode

import (
	"net/url"
	"strings"
)

var (
	// name=value pairs, optionally after "?" or "#".
	paramsWhole = lazyRegexp(`^[?#]?[A-Za-z0-9_.\[\]%$-]+=[^\s]*$`)
)

// isURL reports whether s, a single token, is a URL with a scheme:
// https://..., or a native app's redirect (com.example.app:/callback).
func isURL(s string) bool {
	i := strings.IndexByte(s, ':')
	if i < 1 || i+1 >= len(s) || s[i+1] != '/' || !isLetter(s[0]) {
		return false
	}
	for j := 1; j < i; j++ {
		if c := s[j]; !isLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '.' && c != '-' {
			return false
		}
	}
	return true
}

// paramSet is one set of parameters: an authorization request or response
// in a query, fragment or form body, a JARM response's claims, a token
// endpoint body, or the key=value pairs of a log line. The checks of
// state, success and tokens in URLs run on these.
type paramSet struct {
	where string // query, fragment, params, jarm, body, log
	names map[string]string
}

func (p *paramSet) has(name string) bool {
	_, ok := p.names[name]
	return ok
}

func (s *session) newParamSet(where string) *paramSet {
	set := &paramSet{where: where, names: map[string]string{}}
	s.responses = append(s.responses, set)
	return set
}

type pair struct{ name, value string }

// splitParams splits a query string or form body into its pairs, decoding
// percent-escapes and "+"; a pair that does not decode is kept as written.
func splitParams(raw string) []pair {
	var out []pair
	for raw != "" && len(out) <= maxParams { // one more than is read, to tell that some were left out
		var piece string
		piece, raw, _ = strings.Cut(raw, "&")
		if piece == "" {
			continue
		}
		name, value, _ := strings.Cut(piece, "=")
		if n, err := url.QueryUnescape(name); err == nil && !hasControl(n) {
			name = n // a name that decodes to control characters is kept as written
		}
		if v, err := url.QueryUnescape(value); err == nil {
			value = v
		}
		if name = strings.TrimSpace(name); name != "" {
			out = append(out, pair{name, value})
		}
	}
	return out
}

func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return true
		}
	}
	return false
}

// decodeURL decodes a URL: its host may name the provider; an authorization
// response travels in its query (response_mode=query) or fragment
// (response_mode=fragment, and SPAs that route in the fragment).
func (s *session) decodeURL(raw, field string, primary bool) error {
	base, frag, hasFrag := strings.Cut(raw, "#")
	base, query, _ := strings.Cut(base, "?")
	s.addField(field, base, inParams)
	// The host and path from the URL without its query, whose parameters
	// are read one by one; a link to a code's page from the whole of it.
	s.noteHostAndPath(field, base)
	s.noteLookupLink(field, raw)
	if query != "" {
		if err := s.decodeParams(query, "query", primary); err != nil {
			return err
		}
	}
	if hasFrag {
		if i := strings.IndexByte(frag, '?'); i >= 0 && !strings.Contains(frag[:i], "=") {
			frag = frag[i+1:] // "#/callback?code=...": a router path before the parameters
		}
		if strings.Contains(frag, "=") {
			return s.decodeParams(frag, "fragment", primary)
		}
	}
	return nil
}

// decodeParams decodes a query string, fragment or form body.
func (s *session) decodeParams(raw, where string, primary bool) error {
	pairs := splitParams(raw)
	if len(pairs) == 0 {
		return nil
	}
	if len(pairs) > maxParams {
		// Past what any request or response carries; each one left out was
		// masked with the rest of the input.
		s.warn(WarnUndecodable, where, "The %s has more than %d parameters; only the first %d were read.", where, maxParams, maxParams)
		pairs = pairs[:maxParams]
	}
	set := s.newParamSet(where)
	names := make([]string, 0, len(pairs))
	for _, p := range pairs {
		if s.budget.stopped() {
			return s.budget.ctx.Err()
		}
		names = append(names, p.name)
		if err := s.param(set, p.name, p.value, primary); err != nil {
			return err
		}
	}
	s.noteShape(names, s.rec.params, ByParams)
	return nil
}

// param records one parameter of a response, request or log line.
func (s *session) param(set *paramSet, name, value string, primary bool) error {
	if !set.has(name) {
		set.names[name] = value
	}
	switch name {
	case "SAMLResponse", "SAMLRequest", "SAMLart":
		return s.samlParam(name, value, primary)
	}
	s.addField(name, value, inParams)
	switch name {
	case "error":
		s.addCode(codeWord(value), "", name, 2)
		s.shapes[shapeOAuth] = "an OAuth 2.0 error response (error parameter)"
	case "error_subcode", "suberror", "sub_error":
		s.addCode(codeWord(value), "", name, 1)
	case "error_codes":
		s.addNumericCodes(name, value)
	case "iss":
		s.noteIssuer(name, value)
	case "error_uri", "authorization_uri":
		s.noteURL(name, value)
	}
	if looksJWT(value) {
		s.nestedJWT(name, value)
	}
	return nil
}

// codeWord returns value if it has the shape of a code (one word of code
// characters), otherwise "": "Bad Request" is a reason phrase, not a code.
func codeWord(value string) string {
	value = strings.TrimSpace(value)
	if codeShape().MatchString(value) {
		return value
	}
	return ""
}

var codeShape = lazyRegexp(`^[A-Za-z0-9][A-Za-z0-9._:#/-]{0,99}$`)

var digitsRun = lazyRegexp(`\d{2,12}`)

// addNumericCodes reads a list of bare numbers (Entra's error_codes: [50011])
// and writes each with the prefix of the providers that send the field, as
// the catalog knows the code: 50011 becomes AADSTS50011.
func (s *session) addNumericCodes(field, value string) {
	prefixes := s.rec.numericPrefixes[field]
	for _, n := range digitsRun().FindAllString(value, 8) {
		added := false
		for _, p := range prefixes {
			if es := s.lookup(p + n); len(es) > 0 {
				s.addCode(es[0].Code, p+n, field, 0)
				added = true
				break
			}
		}
		if !added && len(prefixes) > 0 {
			s.addCode(strings.ToUpper(prefixes[0])+n, prefixes[0]+n, field, 0)
		} else if !added {
			s.addCode(n, n, field, 0)
		}
	}
}
