package decode

import (
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
)

// Expectation keys: what an app is configured with, compared with what the
// input shows it sent or received (Options.Expect).
const (
	// ExpectRedirectURI is the redirect URI registered for the app.
	ExpectRedirectURI = "redirect_uri"
	// ExpectClientID is the app's client id (application id).
	ExpectClientID = "client_id"
	// ExpectAudience is the audience a token or assertion must be issued for.
	ExpectAudience = "audience"
	// ExpectIssuer is the issuer the app trusts.
	ExpectIssuer = "issuer"
	// ExpectACSURL is a SAML service provider's assertion consumer service URL.
	ExpectACSURL = "acs_url"
)

// ExpectKeys are the expectations Options.Expect accepts, in the order
// diagnoses are listed.
var ExpectKeys = []string{ExpectRedirectURI, ExpectClientID, ExpectAudience, ExpectIssuer, ExpectACSURL}

// ParseExpectation reads one "key=value" expectation, as the command line's
// --expect takes it.
func ParseExpectation(s string) (key, value string, err error) {
	key, value, ok := strings.Cut(s, "=")
	key = strings.ToLower(strings.TrimSpace(key))
	if !ok || strings.TrimSpace(value) == "" {
		return "", "", fmt.Errorf("an expectation is key=value (%s), not %q", strings.Join(ExpectKeys, ", "), s)
	}
	if !slices.Contains(ExpectKeys, key) {
		return "", "", fmt.Errorf("unknown expectation %q: use one of %s", key, strings.Join(ExpectKeys, ", "))
	}
	return key, strings.TrimSpace(value), nil
}

// CheckExpect returns an error naming the first key of expect that is not
// one of ExpectKeys.
func CheckExpect(expect map[string]string) error {
	for k := range expect {
		if !slices.Contains(ExpectKeys, k) {
			return fmt.Errorf("unknown expectation %q: use one of %s", k, strings.Join(ExpectKeys, ", "))
		}
	}
	return nil
}

// Diagnosis is one expectation the input does not meet: what was sent,
// what the app is configured with, and how they differ.
type Diagnosis struct {
	// Expect is the expectation's key (ExpectRedirectURI, ...).
	Expect string `json:"expect"`
	// Field is the field of the result the sent value is in; empty when
	// the input carries none.
	Field    string `json:"field,omitempty"`
	Sent     string `json:"sent"`
	Expected string `json:"expected"`
	// Differences name each way the values differ, in a word or two:
	// "scheme", "host", "port", "path", "trailing slash", "letter case",
	// "percent-encoding", "missing query", "extra query", "query",
	// "fragment", "value"; "absent" when the input carries no such value.
	Differences []string `json:"differences"`
	// Message says it for a person.
	Message string `json:"message"`
	// Rule is the rule the difference breaks, and RuleURL where it is written.
	Rule    string `json:"rule,omitempty"`
	RuleURL string `json:"rule_url,omitempty"`
	// Accepted: the provider's own rule lets this difference through
	// (GitHub accepts a path below the callback URL's).
	Accepted bool `json:"accepted_by_provider,omitempty"`
}

// expectSource says where a sent value is found and which rule governs it.
type expectSource struct {
	// fields are field names, matched at the end of a result's names
	// ("claims.aud" matches "id_token.claims.aud" and "claims.aud[1]").
	fields []string
	isURL  bool
	// many: the value sent may be a list (aud, shown as "a, b"); one
	// equal item meets it.
	many          bool
	rule, ruleURL string
}

var expectSources = map[string]expectSource{
	ExpectRedirectURI: {fields: []string{"redirect_uri"}, isURL: true,
		rule:    "RFC 6749 section 3.1.2.3: the authorization server compares the redirect_uri of a request with the registered one as plain strings (RFC 3986 section 6.2.1), so any difference, however small, is a mismatch",
		ruleURL: "https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2.3"},
	ExpectClientID: {fields: []string{"client_id", "claims.azp", "claims.appid", "claims.client_id", "claims.cid"},
		rule:    "The client_id identifies the app registration; the provider looks it up as given, so another value is another app (RFC 6749 section 2.2)",
		ruleURL: "https://www.rfc-editor.org/rfc/rfc6749#section-2.2"},
	ExpectAudience: {fields: []string{"claims.aud", "Assertion.Conditions.Audience"}, many: true,
		rule:    "A token's aud must name the app that accepts it (OpenID Connect Core 1.0 section 3.1.3.7; for SAML, the AudienceRestriction of the assertion)",
		ruleURL: "https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation"},
	ExpectIssuer: {fields: []string{"claims.iss", "iss", "Assertion.Issuer", "Response.Issuer"}, isURL: true,
		rule:    "The issuer must equal the one the app trusts character for character (OpenID Connect Core 1.0 section 3.1.3.7; RFC 9207 for the iss parameter)",
		ruleURL: "https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation"},
	ExpectACSURL: {fields: []string{"AuthnRequest.AssertionConsumerServiceURL", "Response.Destination", "SubjectConfirmationData.Recipient"}, isURL: true,
		rule:    "SAML 2.0: a response's Destination and its SubjectConfirmationData Recipient must be the service provider's assertion consumer service URL (SAML profiles section 4.1.4.3)",
		ruleURL: "https://docs.oasis-open.org/security/saml/v2.0/saml-profiles-2.0-os.pdf"},
}

// baseFieldName drops what makes a field name unique or indexed: " (2)",
// "[0]", or both ("aud[0] (2)"). It runs for every field of every decode, so
// it is written out rather than a regexp.
func baseFieldName(name string) string {
	name = cutNumbered(name, " (", ")")
	return cutNumbered(name, "[", "]")
}

// cutNumbered removes a suffix open + digits + close from name.
func cutNumbered(name, open, close string) string {
	rest, ok := strings.CutSuffix(name, close)
	if !ok {
		return name
	}
	i := len(rest)
	for i > 0 && rest[i-1] >= '0' && rest[i-1] <= '9' {
		i--
	}
	if i == len(rest) || !strings.HasSuffix(rest[:i], open) {
		return name
	}
	return rest[:i-len(open)]
}

// sentValues returns the fields of r that carry the value src names.
func sentValues(fields Fields, src expectSource) []Field {
	var out []Field
	for _, f := range fields {
		name := baseFieldName(f.Name)
		for _, want := range src.fields {
			if name == want || strings.HasSuffix(name, "."+want) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// diagnose compares the expectations with the fields found.
func (s *session) diagnose(expect map[string]string) {
	for _, key := range ExpectKeys {
		want, ok := expect[key]
		if !ok {
			continue
		}
		want = cut(s.scrub.clean(maskText(strings.TrimSpace(want))), maxFieldValue)
		src := expectSources[key]
		sent := sentValues(s.res.Fields, src)
		if len(sent) == 0 {
			s.res.Diagnosis = append(s.res.Diagnosis, Diagnosis{
				Expect: key, Expected: want, Differences: []string{"absent"},
				Message: fmt.Sprintf("The input carries no %s to compare with %s.", key, want),
			})
			continue
		}
		if src.many && slices.ContainsFunc(sent, func(f Field) bool { return slices.Contains(strings.Split(f.Value, ", "), want) }) {
			continue
		}
		for _, f := range sent {
			diffs := valueDifferences(f.Value, want, src.isURL)
			if len(diffs) == 0 {
				continue
			}
			d := Diagnosis{Expect: key, Field: f.Name, Sent: f.Value, Expected: want, Differences: diffs, Rule: src.rule, RuleURL: src.ruleURL}
			d.Message = fmt.Sprintf("%s was %s, but the app is configured with %s: they differ in %s.", f.Name, f.Value, want, strings.Join(describe(diffs, f.Value, want), "; "))
			if key == ExpectRedirectURI && loopbackPortOnly(diffs, f.Value) {
				d.Rule = "RFC 8252 sections 7.3 and 8.4: for a native app's loopback redirect URI (127.0.0.1, [::1]) the port may change from one request to the next, and the authorization server must accept any; a server that does not follow RFC 8252 compares the port as well"
				d.RuleURL = "https://www.rfc-editor.org/rfc/rfc8252#section-7.3"
			}
			if key == ExpectRedirectURI {
				s.providerRedirectRule(&d)
			}
			s.res.Diagnosis = append(s.res.Diagnosis, d)
		}
	}
}

// providerRedirectRule applies the recognised provider's own redirect URI
// rule, where it has one (catalog.Provider.RedirectMatch): the rule is the
// provider's, and a difference it lets through is said to be accepted.
func (s *session) providerRedirectRule(d *Diagnosis) {
	p, ok := s.rec.cat.Provider(s.res.Provider)
	if !ok || p.RedirectMatch == nil {
		return
	}
	m := p.RedirectMatch
	d.Rule, d.RuleURL = m.Rule, m.URL
	su, err1 := url.Parse(d.Sent)
	wu, err2 := url.Parse(d.Expected)
	if err1 != nil || err2 != nil {
		return
	}
	for _, diff := range d.Differences {
		switch {
		case (diff == "path" || diff == "trailing slash") && m.Path == "subdirectory" && below(su.EscapedPath(), wu.EscapedPath()):
		case diff == "port" && m.LoopbackPort == "any" && isLocalHost(su.Hostname()):
		default:
			return
		}
	}
	d.Accepted = true
	d.Message += " " + p.Name + " accepts this difference, so it is not what failed."
}

// below reports whether path is base or lies under it.
func below(path, base string) bool {
	base = strings.TrimSuffix(base, "/")
	return path == base || strings.HasPrefix(path, base+"/")
}

// valueDifferences names how sent differs from want.
func valueDifferences(sent, want string, isURL bool) []string {
	if sent == want {
		return nil
	}
	if unescapeAll(sent) == unescapeAll(want) {
		return []string{"percent-encoding"}
	}
	if strings.TrimSpace(sent) == strings.TrimSpace(want) {
		return []string{"white space"}
	}
	su, err1 := url.Parse(sent)
	wu, err2 := url.Parse(want)
	if !isURL || err1 != nil || err2 != nil || su.Host == "" || wu.Host == "" {
		if strings.EqualFold(sent, want) {
			return []string{"letter case"}
		}
		return []string{"value"}
	}
	var out []string
	add := func(w string) {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	switch {
	case su.Scheme == wu.Scheme:
	case strings.EqualFold(su.Scheme, wu.Scheme):
		add("letter case")
	default:
		add("scheme")
	}
	switch sh, wh := su.Hostname(), wu.Hostname(); {
	case sh == wh:
	case strings.EqualFold(sh, wh):
		add("letter case")
	default:
		add("host")
	}
	if su.Port() != wu.Port() {
		add("port")
	}
	switch sp, wp := su.EscapedPath(), wu.EscapedPath(); {
	case sp == wp:
	case strings.TrimSuffix(sp, "/") == strings.TrimSuffix(wp, "/"):
		add("trailing slash")
	case strings.EqualFold(sp, wp):
		add("letter case")
	case unescapeAll(sp) == unescapeAll(wp):
		add("percent-encoding")
	default:
		add("path")
	}
	switch sq, wq := su.RawQuery, wu.RawQuery; {
	case sq == wq:
	case sq == "":
		add("missing query")
	case wq == "":
		add("extra query")
	default:
		add("query")
	}
	if su.Fragment != wu.Fragment {
		add("fragment")
	}
	if len(out) == 0 {
		add("value") // differs only where url.Parse normalises (an empty "?")
	}
	return out
}

// describe says each difference in words.
func describe(diffs []string, sent, want string) []string {
	su, _ := url.Parse(sent)
	wu, _ := url.Parse(want)
	out := make([]string, 0, len(diffs))
	for _, d := range diffs {
		w := d
		switch d {
		case "scheme":
			w = fmt.Sprintf("scheme (%s instead of %s)", su.Scheme, wu.Scheme)
		case "host":
			w = fmt.Sprintf("host (%s instead of %s)", su.Hostname(), wu.Hostname())
		case "port":
			w = fmt.Sprintf("port (%s instead of %s)", orDefault(su.Port()), orDefault(wu.Port()))
		case "trailing slash":
			if strings.HasSuffix(su.EscapedPath(), "/") {
				w = "trailing slash (the one sent ends with a slash the configured one does not have)"
			} else {
				w = "trailing slash (the configured one ends with a slash the one sent does not have)"
			}
		case "letter case":
			w = "letter case (the same letters in another case; the comparison is case-sensitive)"
		case "percent-encoding":
			w = "percent-encoding (the same characters, encoded differently or twice)"
		case "missing query":
			w = "a missing query (the configured one has ?" + wu.RawQuery + ")"
		case "extra query":
			w = "an extra query (the one sent has ?" + su.RawQuery + ")"
		case "path":
			w = fmt.Sprintf("path (%s instead of %s)", su.EscapedPath(), wu.EscapedPath())
		}
		out = append(out, w)
	}
	return out
}

func orDefault(port string) string {
	if port == "" {
		return "the scheme's default"
	}
	return port
}

// unescapeAll undoes percent-encoding until nothing changes (a value
// encoded twice), at most a few times.
func unescapeAll(s string) string {
	for range 3 {
		u, err := url.PathUnescape(s)
		if err != nil || u == s {
			break
		}
		s = u
	}
	return s
}

// loopbackPortOnly reports whether a redirect URI on a loopback address
// differs only in its port.
func loopbackPortOnly(diffs []string, sent string) bool {
	if len(diffs) != 1 || diffs[0] != "port" {
		return false
	}
	u, err := url.Parse(sent)
	if err != nil {
		return false
	}
	ip := net.ParseIP(u.Hostname())
	return ip != nil && ip.IsLoopback()
}
