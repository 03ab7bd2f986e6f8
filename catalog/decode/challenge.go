package decode

import (
	"encoding/base64"
	"strings"
)

// A WWW-Authenticate header, or a bare challenge: a scheme and auth-params.
var challengeStart = lazyRegexp(`(?i)^(?:www-authenticate[ \t]*:[ \t]*)?(?:Bearer|DPoP|Basic|Digest|Negotiate)(?:[ \t]+[A-Za-z0-9_-]+[ \t]*=|[ \t]*$|[ \t]*,)`)

func isChallenge(s string) bool {
	switch s[0] | 0x20 { // the first letter of a scheme or of the header name
	case 'w', 'b', 'd', 'n':
	default:
		return false
	}
	line, _, _ := strings.Cut(s, "\n")
	return challengeStart().MatchString(strings.TrimSpace(line))
}

// challenge is one authentication challenge: a scheme and its parameters.
type challenge struct {
	scheme string
	params []pair
}

// parseChallenges reads the value of a WWW-Authenticate header (RFC 9110,
// section 11.6.1): challenges separated by commas, each a scheme followed by
// name=value parameters, values as tokens or quoted strings.
func parseChallenges(v string) []challenge {
	var out []challenge
	i := 0
	skip := func() {
		for i < len(v) && (v[i] == ' ' || v[i] == '\t' || v[i] == ',' || v[i] == '\r' || v[i] == '\n') {
			i++
		}
	}
	token := func() string {
		start := i
		for i < len(v) && v[i] != '=' && v[i] != ',' && v[i] != ' ' && v[i] != '\t' && v[i] != '"' {
			i++
		}
		return v[start:i]
	}
	for {
		skip()
		if i >= len(v) {
			return out
		}
		name := token()
		if name == "" {
			i++ // a stray quote: step over it
			continue
		}
		if !isHTTPToken(name) {
			return out // not a challenge any more (markup, prose): stop here
		}
		j := i
		for j < len(v) && (v[j] == ' ' || v[j] == '\t') {
			j++
		}
		if j >= len(v) || v[j] != '=' {
			out = append(out, challenge{scheme: name}) // no "=": the next challenge's scheme
			continue
		}
		if len(out) == 0 {
			out = append(out, challenge{}) // parameters without a scheme
		}
		i = j + 1
		for i < len(v) && (v[i] == ' ' || v[i] == '\t') {
			i++
		}
		var value string
		if i < len(v) && v[i] == '"' {
			var b strings.Builder
			i++
			for i < len(v) && v[i] != '"' {
				if v[i] == '\\' && i+1 < len(v) {
					i++
				}
				b.WriteByte(v[i])
				i++
			}
			i++
			value = b.String()
		} else {
			start := i
			for i < len(v) && v[i] != ',' && v[i] != ' ' && v[i] != '\t' {
				i++
			}
			value = v[start:i]
		}
		last := &out[len(out)-1]
		last.params = append(last.params, pair{name, value})
	}
}

// isHTTPToken reports whether s is an RFC 9110 token, the syntax of auth
// schemes and parameter names.
func isHTTPToken(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isWordChar(c) && strings.IndexByte("!#$%&'*+.^`|~", c) < 0 {
			return false
		}
	}
	return s != ""
}

// decodeChallenge decodes a WWW-Authenticate header: a resource server's
// error (RFC 6750, section 3; RFC 9449 for DPoP), Entra's claims challenge,
// the resource metadata of RFC 9728.
func (s *session) decodeChallenge(text string) {
	line, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "www-authenticate") {
		line = v
	}
	for n, c := range parseChallenges(line) {
		prefix := ""
		if n > 0 {
			prefix = c.scheme + "."
		}
		if c.scheme != "" {
			s.putField(prefix+"scheme", maskText(c.scheme), false)
		}
		for _, p := range c.params {
			name := prefix + p.name
			s.addField(name, p.value, inParams)
			switch p.name {
			case "error":
				s.addCode(codeWord(p.value), "", name, 2)
				s.shapes[shapeOAuth] = "an OAuth 2.0 resource server challenge (WWW-Authenticate with error)"
			case "authorization_uri", "resource_metadata", "as_uri", "error_uri", "realm":
				s.noteURL(name, p.value)
			case "claims":
				// Entra's claims challenge: base64 JSON naming what the token lacks.
				if raw, err := base64.StdEncoding.DecodeString(p.value); err == nil && strings.HasPrefix(string(raw), "{") {
					s.addField(name+" (decoded)", string(raw), inJSON)
				}
			}
		}
	}
}
