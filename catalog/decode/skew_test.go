package decode

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// unsignedJWT builds a JWT (alg none) with claims, for the time checks.
func unsignedJWT(t *testing.T, claims map[string]any) string {
	t.Helper()
	body, err := json.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." + enc.EncodeToString(body) + ".c2lnbmF0dXJlLW5vdC1jaGVja2Vk"
}

// samlAt builds a SAML response whose times are offsets from testNow.
func samlAt(issue, notBefore, confirmBefore time.Duration) string {
	at := func(d time.Duration) string { return testNow.Add(d).Format(time.RFC3339) }
	return base64.StdEncoding.EncodeToString([]byte(`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="` + at(issue) + `" Destination="https://sp.example.com/acs">` +
		`<saml:Issuer>https://idp.example.org/</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
		`<saml:Assertion ID="_a1" Version="2.0" IssueInstant="` + at(issue) + `"><saml:Issuer>https://idp.example.org/</saml:Issuer>` +
		`<saml:Subject><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotBefore="` + at(confirmBefore) + `" NotOnOrAfter="` + at(issue+5*time.Minute) + `" Recipient="https://sp.example.com/acs"/></saml:SubjectConfirmation></saml:Subject>` +
		`<saml:Conditions NotBefore="` + at(notBefore) + `" NotOnOrAfter="` + at(issue+time.Hour) + `"/></saml:Assertion></samlp:Response>`))
}

// TestClockSkew: times that disagree get clock_skew with the offset in
// words, separately from plain expiry.
func TestClockSkew(t *testing.T) {
	d := testDecoder(t)
	now := testNow.Unix()
	for _, c := range []struct {
		name  string
		input string
		field string // the clock_skew warning's field; "" for none
		says  string // in its message
		also  WarningCode
	}{
		{"jwt issued 10 minutes ahead", unsignedJWT(t, map[string]any{"iss": "https://idp.example.org/", "iat": now + 600, "nbf": now + 600, "exp": now + 4200}),
			"claims.iat", "is about 10 minutes off", WarnNotYetValid},
		{"jwt nbf after iat", unsignedJWT(t, map[string]any{"iat": now - 60, "nbf": now + 240, "exp": now + 3600}),
			"claims.nbf", "not valid until 5 minutes after it was issued", ""},
		{"jwt expired, clocks agree", unsignedJWT(t, map[string]any{"iat": now - 7200, "exp": now - 3600}),
			"", "", WarnExpired},
		{"saml NotBefore ahead of IssueInstant", samlAt(-time.Minute, 2*time.Minute, -time.Minute),
			"Assertion.Conditions.NotBefore", "3 minutes after the IssueInstant", WarnNotYetValid},
		{"saml issued in the future", samlAt(10*time.Minute, 10*time.Minute, 10*time.Minute),
			"Response.IssueInstant", "about 10 minutes off", ""},
		{"saml SubjectConfirmationData NotBefore ahead", samlAt(-time.Minute, -time.Minute, 90*time.Second),
			"Assertion.Subject.SubjectConfirmationData.NotBefore", "2 minutes 30 seconds after", ""},
		{"saml in step", samlAt(-time.Minute, -time.Minute, -time.Minute), "", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := d.Decode(c.input, Options{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			var skew []Warning
			for _, w := range r.Warnings {
				if w.Code == WarnClockSkew {
					skew = append(skew, w)
				}
			}
			if c.field == "" {
				if len(skew) > 0 {
					t.Errorf("clock_skew where the clocks agree: %+v", skew)
				}
			} else {
				found := false
				for _, w := range skew {
					if w.Field == c.field {
						found = true
						if !strings.Contains(w.Message, c.says) {
							t.Errorf("clock_skew on %s says %q, want it to say %q", w.Field, w.Message, c.says)
						}
					}
				}
				if !found {
					t.Errorf("no clock_skew on %s; warnings %+v", c.field, r.Warnings)
				}
			}
			if c.also != "" && !r.HasWarning(c.also) {
				t.Errorf("no %s warning; warnings %+v", c.also, r.Warnings)
			}
		})
	}
}
