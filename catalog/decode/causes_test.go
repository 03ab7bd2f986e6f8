package decode

import (
	"slices"
	"strings"
	"testing"

	"github.com/authcodes/authcodes/catalog"
)

// TestCauseConditions: every condition of the catalog's vocabulary holds
// on an input that shows it, and not on one that does not.
func TestCauseConditions(t *testing.T) {
	d := testDecoder(t)
	now := testNow.Unix()
	authorize := "https://login.example.com/authorize?client_id=app-1&response_type=code&state=s1&redirect_uri="
	samlWith := func(dest, recipient string) string {
		return `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r" Version="2.0" IssueInstant="2025-06-01T11:59:00Z" Destination="` + dest + `"><saml:Issuer>https://idp.example.org/</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_a" Version="2.0" IssueInstant="2025-06-01T11:59:00Z"><saml:Subject><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="2025-06-01T12:04:00Z" Recipient="` + recipient + `"/></saml:SubjectConfirmation></saml:Subject></saml:Assertion></samlp:Response>`
	}
	type probe struct {
		input  string
		expect map[string]string
	}
	cases := map[string]struct {
		holds, not probe
		says       string
	}{
		"redirect_uri_scheme_http_non_localhost": {probe{authorize + "http%3A%2F%2Fapp.example.com%2Fcb", nil}, probe{authorize + "http%3A%2F%2Flocalhost%3A3000%2Fcb", nil}, "plain http"},
		"redirect_uri_differs":                   {probe{authorize + "https%3A%2F%2Fapp.example.com%2Fcb%2F", map[string]string{"redirect_uri": "https://app.example.com/cb"}}, probe{authorize + "https%3A%2F%2Fapp.example.com%2Fcb", map[string]string{"redirect_uri": "https://app.example.com/cb"}}, "trailing slash"},
		"client_id_differs":                      {probe{authorize + "x", map[string]string{"client_id": "app-2"}}, probe{authorize + "x", map[string]string{"client_id": "app-1"}}, "client_id"},
		"aud_differs_from_client_id":             {probe{unsignedJWT(t, map[string]any{"aud": "api://other", "azp": "app-1", "iat": now, "exp": now + 60}), nil}, probe{unsignedJWT(t, map[string]any{"aud": "app-1", "azp": "app-1", "iat": now, "exp": now + 60}), nil}, "api://other"},
		"issuer_differs":                         {probe{unsignedJWT(t, map[string]any{"iss": "https://a.example/", "iat": now, "exp": now + 60}), map[string]string{"issuer": "https://b.example/"}}, probe{unsignedJWT(t, map[string]any{"iss": "https://a.example/", "iat": now, "exp": now + 60}), map[string]string{"issuer": "https://a.example/"}}, "host"},
		"saml_destination_not_acs":               {probe{samlWith("https://sp.example.com/acs", "https://sp.example.com/saml/acs"), nil}, probe{samlWith("https://sp.example.com/acs", "https://sp.example.com/acs"), nil}, "not the same URL"},
		"token_expired":                          {probe{unsignedJWT(t, map[string]any{"iat": now - 7200, "exp": now - 3600}), nil}, probe{unsignedJWT(t, map[string]any{"iat": now, "exp": now + 3600}), nil}, "expired"},
		"clock_skew":                             {probe{unsignedJWT(t, map[string]any{"iat": now + 600, "exp": now + 4200}), nil}, probe{unsignedJWT(t, map[string]any{"iat": now, "exp": now + 3600}), nil}, "clocks"},
		"token_age_over:1d":                      {probe{unsignedJWT(t, map[string]any{"iat": now - 86400*2, "exp": now + 3600}), nil}, probe{unsignedJWT(t, map[string]any{"iat": now - 3600, "exp": now + 3600}), nil}, "2 days"},
		"pkce_missing":                           {probe{authorize + "x", nil}, probe{authorize + "x&code_challenge=abcdefabcdefabcdefabcdefabcdefabcdefabcdefa", nil}, "PKCE"},
		"state_missing":                          {probe{"https://app.example.com/cb?error=access_denied", nil}, probe{"https://app.example.com/cb?error=access_denied&state=s1", nil}, "state"},
		"saml_unsigned":                          {probe{samlWith("https://sp.example.com/acs", "https://sp.example.com/acs"), nil}, probe{okSAML, nil}, "unsigned"},
		"saml_encrypted":                         {probe{`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r" Version="2.0" IssueInstant="2025-06-01T11:59:00Z"><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:EncryptedAssertion><x/></saml:EncryptedAssertion></samlp:Response>`, nil}, probe{okSAML, nil}, "encrypted"},
		"field_contains:prompt=none":             {probe{authorize + "x&prompt=none", nil}, probe{authorize + "x&prompt=login", nil}, "prompt is none"},
		"field_absent:code_verifier":             {probe{"grant_type=authorization_code&code=abc&client_id=app-1", nil}, probe{"grant_type=authorization_code&code=abc&code_verifier=v1v2v3v4v5v6v7v8v9v0v1v2v3v4v5v6v7v8v9v0abc", nil}, "no code_verifier"},
		"message_contains:Session not active":    {probe{`{"error":"invalid_grant","error_description":"Session not active"}`, nil}, probe{`{"error":"invalid_grant","error_description":"Code not valid"}`, nil}, "Session not active"},
	}
	covered := map[string]bool{}
	for cond, c := range cases {
		name, _, err := catalog.ParseCondition(cond)
		if err != nil {
			t.Fatalf("%s: %v", cond, err)
		}
		covered[name] = true
		t.Run(cond, func(t *testing.T) {
			for _, p := range []struct {
				probe
				want bool
			}{{c.holds, true}, {c.not, false}} {
				s := newSession(d, testNow, trimInput(p.input), nil)
				if err := s.decodeWhole(trimInput(p.input)); err != nil {
					t.Fatal(err)
				}
				s.finish()
				s.diagnose(p.expect)
				why, ok := s.condition(cond)
				if ok != p.want {
					t.Errorf("on %.80q: holds = %v (%q), want %v; warnings %v", p.input, ok, why, p.want, s.res.Warnings)
				}
				if ok && !strings.Contains(why, c.says) {
					t.Errorf("the evidence %q does not say %q", why, c.says)
				}
			}
		})
	}
	for name := range catalog.CauseConditions {
		if !covered[name] {
			t.Errorf("condition %s has no case here: its predicate is untested", name)
		}
	}
}

// TestCausesRanked: the causes the evidence supports come first, saying
// what moved them; the rest keep the entry's order.
func TestCausesRanked(t *testing.T) {
	d := testDecoder(t)
	callback := "https://app.example.com/signin-oidc?error=invalid_request&error_description=AADSTS50011%3A+The+redirect+URI+specified+in+the+request+does+not+match&state=s1"
	request := "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&state=s1&redirect_uri="
	for _, c := range []struct {
		name   string
		input  string
		expect map[string]string
		first  string // the start of the first cause
		says   string // in its evidence
	}{
		{"trailing slash", callback + "\n" + request + "https%3A%2F%2Fapp.example.com%2Fsignin-oidc%2F", map[string]string{"redirect_uri": "https://app.example.com/signin-oidc"}, "The redirect URI differs slightly", "trailing slash"},
		{"http behind a proxy", callback + "\n" + request + "http%3A%2F%2Fapp.example.com%2Fsignin-oidc", nil, "The app builds an http://", "plain http"},
		{"nothing to go on", callback, nil, "The redirect URI differs slightly", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := d.Decode(c.input, Options{Now: testNow, Expect: c.expect})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Matches) == 0 || r.Matches[0].ID != "entra/AADSTS50011" {
				t.Fatalf("matches %v", r.Matches)
			}
			causes := r.Matches[0].Causes
			if len(causes) != 4 || !strings.HasPrefix(causes[0].Text, c.first) {
				t.Fatalf("causes %+v, want %q first", causes, c.first)
			}
			if c.says == "" {
				if slices.ContainsFunc(causes, func(rc RankedCause) bool { return len(rc.Evidence) > 0 }) {
					t.Errorf("evidence where the input shows none: %+v", causes)
				}
				return
			}
			if len(causes[0].Evidence) == 0 || !strings.Contains(causes[0].Evidence[0], c.says) {
				t.Errorf("the first cause's evidence %q does not say %q", causes[0].Evidence, c.says)
			}
		})
	}
}
