package decode

import (
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"

	"github.com/authcodes/authcodes/catalog"
)

// RankedCause is one likely cause of a match's entry, with what in the
// input points at it.
type RankedCause struct {
	Text string `json:"text"`
	// Evidence says, one line per condition that held, what in the input
	// moved this cause up; empty when nothing checked points at it.
	Evidence []string `json:"cause_evidence,omitempty"`
}

// conclude runs the checks that need the whole result: the expectations,
// then the causes the evidence supports.
func (s *session) conclude(expect map[string]string) {
	s.diagnose(expect)
	s.rankCauses()
}

// rankCauses lists, for each match whose entry has checkable causes, the
// causes the evidence supports first (in the entry's order), then the rest.
func (s *session) rankCauses() {
	for i := range s.res.Matches {
		e := s.res.Matches[i].Entry
		if e == nil || len(e.Causes) == 0 {
			continue
		}
		var supported, rest []RankedCause
		for _, c := range e.Causes {
			rc := RankedCause{Text: c.Text}
			for _, w := range c.When {
				if why, ok := s.condition(w); ok && !slices.Contains(rc.Evidence, why) {
					rc.Evidence = append(rc.Evidence, s.scrub.clean(cut(why, maxWarningText)))
				}
			}
			if len(rc.Evidence) > 0 {
				supported = append(supported, rc)
			} else {
				rest = append(rest, rc)
			}
		}
		s.res.Matches[i].Causes = append(supported, rest...)
	}
}

// fieldsNamed returns the fields whose names end with name.
func (s *session) fieldsNamed(names ...string) []Field {
	return sentValues(s.res.Fields, expectSource{fields: names})
}

func (s *session) diagnosisOf(key string) (Diagnosis, bool) {
	for _, d := range s.res.Diagnosis {
		if d.Expect == key && len(d.Differences) > 0 && d.Differences[0] != "absent" && !d.Accepted {
			return d, true
		}
	}
	return Diagnosis{}, false
}

func (s *session) warning(codes ...WarningCode) (Warning, bool) {
	for _, w := range s.res.Warnings {
		if slices.Contains(codes, w.Code) {
			return w, true
		}
	}
	return Warning{}, false
}

func (s *session) hasPart(k Kind) bool { return slices.Contains(s.res.Parts, k) }

// condition checks one condition of catalog.CauseConditions against the
// result, and says what in the input made it hold.
func (s *session) condition(c string) (string, bool) {
	name, arg, err := catalog.ParseCondition(c)
	if err != nil {
		return "", false // the catalog's tests refuse it; nothing to check
	}
	differs := func(key string) (string, bool) {
		if d, ok := s.diagnosisOf(key); ok {
			return fmt.Sprintf("%s differs from the configured one in: %s", d.Field, strings.Join(d.Differences, ", ")), true
		}
		return "", false
	}
	warned := func(what string, codes ...WarningCode) (string, bool) {
		if w, ok := s.warning(codes...); ok {
			msg, _, _ := strings.Cut(w.Message, ": ")
			return what + ": " + msg, true
		}
		return "", false
	}
	switch name {
	case "redirect_uri_scheme_http_non_localhost":
		for _, f := range s.fieldsNamed("redirect_uri", "AssertionConsumerServiceURL") {
			if u, err := url.Parse(f.Value); err == nil && strings.EqualFold(u.Scheme, "http") && !isLocalHost(u.Hostname()) {
				return fmt.Sprintf("%s is %s: plain http on a host that is not localhost", f.Name, f.Value), true
			}
		}
	case "redirect_uri_differs":
		return differs(ExpectRedirectURI)
	case "client_id_differs":
		return differs(ExpectClientID)
	case "issuer_differs":
		if why, ok := differs(ExpectIssuer); ok {
			return why, true
		}
		return warned("the issuer does not match the provider", WarnIssuerMismatch)
	case "saml_destination_not_acs":
		if why, ok := differs(ExpectACSURL); ok {
			return why, true
		}
		dest, rcpt := s.fieldsNamed("Response.Destination"), s.fieldsNamed("SubjectConfirmationData.Recipient")
		if len(dest) > 0 && len(rcpt) > 0 && dest[0].Value != rcpt[0].Value {
			return fmt.Sprintf("Destination %s and Recipient %s are not the same URL", dest[0].Value, rcpt[0].Value), true
		}
	case "aud_differs_from_client_id":
		if why, ok := differs(ExpectAudience); ok {
			return why, true
		}
		auds := s.fieldsNamed("claims.aud")
		clients := s.fieldsNamed("claims.azp", "claims.appid", "claims.client_id", "client_id")
		if len(auds) == 0 || len(clients) == 0 {
			break
		}
		var values []string
		for _, a := range auds {
			values = append(values, strings.Split(a.Value, ", ")...)
		}
		if !slices.ContainsFunc(clients, func(c Field) bool { return slices.Contains(values, c.Value) }) {
			return fmt.Sprintf("the token's aud is %s, but it was issued to %s (%s)", strings.Join(values, ", "), clients[0].Value, clients[0].Name), true
		}
	case "token_expired":
		return warned("expired", WarnExpired)
	case "clock_skew":
		return warned("clocks out of step", WarnClockSkew, WarnNotYetValid)
	case "token_age_over":
		limit, _ := catalog.ParseAge(arg)
		for _, f := range s.fieldsNamed("claims.iat") {
			n, _, _ := strings.Cut(f.Value, " ")
			if t, ok := numericDate(n); ok && s.now.Sub(t) > limit {
				return fmt.Sprintf("%s says it was issued %s ago, longer than %s", f.Name, human(s.now.Sub(t)), arg), true
			}
		}
	case "pkce_missing":
		return warned("no PKCE", WarnPKCEMissing)
	case "state_missing":
		return warned("no state", WarnStateMissing)
	case "saml_unsigned":
		if s.hasPart(KindSAML) {
			return warned("unsigned", WarnUnsigned)
		}
	case "saml_encrypted":
		if s.hasPart(KindSAML) {
			return warned("encrypted", WarnEncrypted)
		}
	case "field_contains":
		field, text, _ := strings.Cut(arg, "=")
		for _, f := range s.fieldsNamed(field) {
			if containsFold(f.Value, text) {
				return fmt.Sprintf("%s is %s", f.Name, cut(f.Value, 160)), true
			}
		}
	case "field_absent":
		// Only a request says what it left out.
		if len(s.fieldsNamed("grant_type", "response_type")) > 0 && len(s.fieldsNamed(arg)) == 0 {
			return fmt.Sprintf("the request sends no %s", arg), true
		}
	case "message_contains":
		masked := map[string]bool{}
		for _, m := range s.res.Masked {
			masked[m] = true
		}
		for _, f := range s.res.Fields {
			if !masked[f.Name] && containsFold(f.Value, arg) {
				return fmt.Sprintf("%s says %q", f.Name, arg), true
			}
		}
		if containsFold(s.input, arg) {
			return fmt.Sprintf("the text says %q", arg), true
		}
	}
	return "", false
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// isLocalHost reports whether host is localhost or a loopback address.
func isLocalHost(host string) bool {
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
