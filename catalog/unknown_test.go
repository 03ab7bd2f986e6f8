package catalog

import (
	"regexp"
	"slices"
	"testing"
)

// TestUnknownCode covers every code shape of the providers: a code of that
// shape that no entry carries is unknown, one the catalog lists is not.
func TestUnknownCode(t *testing.T) {
	cat := embeddedCatalog(t)
	tests := []struct {
		query string
		want  UnknownCode
	}{
		{"AADSTS999123", UnknownCode{"AADSTS999123", "entra", "https://login.microsoftonline.com/error?code=999123"}},
		{"aadsts999123:", UnknownCode{"AADSTS999123", "entra", "https://login.microsoftonline.com/error?code=999123"}},
		{"login fails with AADSTS5000999 after deploy", UnknownCode{"AADSTS5000999", "entra", "https://login.microsoftonline.com/error?code=5000999"}},
		{"e0000999", UnknownCode{"E0000999", "okta", "https://developer.okta.com/docs/reference/error-codes/"}},
		{"AADB2C99999", UnknownCode{"AADB2C99999", "b2c", "https://learn.microsoft.com/azure/active-directory-b2c/error-codes"}},
		{"IDX19999", UnknownCode{"IDX19999", "identitymodel", "https://github.com/AzureAD/azure-activedirectory-identitymodel-extensions-for-dotnet/wiki"}},
		{"urn:oasis:names:tc:SAML:2.0:status:NoSuchStatus", UnknownCode{"urn:oasis:names:tc:SAML:2.0:status:NoSuchStatus", "saml", "https://docs.oasis-open.org/security/saml/v2.0/saml-core-2.0-os.pdf"}},
		{"TID-AEX-9999", UnknownCode{"TID-AEX-9999", "trivoreid", "https://trivoreid.com/docs/developer-guide/error-codes/error_information_description"}},
	}
	for _, tt := range tests {
		got, ok := cat.UnknownCode(tt.query)
		if !ok || got != tt.want {
			t.Errorf("UnknownCode(%q) = %+v, %v; want %+v", tt.query, got, ok, tt.want)
		}
	}
	for _, q := range []string{
		"AADSTS50011", "aadsts 50011", "50011", "E0000011", "AADB2C90118", "IDX10214",
		"urn:oasis:names:tc:SAML:2.0:status:AuthnFailed", "TID-AEX-1030",
		"AADSTS50", "E00000", "user not assigned", "invalid_grant", "",
	} {
		if got, ok := cat.UnknownCode(q); ok {
			t.Errorf("UnknownCode(%q) = %+v, want none", q, got)
		}
	}
}

// TestShapesMatchLikeRegexp: every provider's code shape, matched without
// regexp, finds and names what its regular expression does, over every
// code and alias of the catalog and the shapes' own kinds of words.
func TestShapesMatchLikeRegexp(t *testing.T) {
	cat := embeddedCatalog(t)
	words := []string{"AADSTS999123", "aadsts5000999", "E0000999", "e1000999", "AADB2C99999", "IDX19999", "idx1999",
		"urn:oasis:names:tc:SAML:2.0:status:NoSuchStatus", "URN:OASIS:NAMES:TC:SAML:2.0:STATUS:x", "TID-AEX-9999", "tid-aex-99999", ""}
	for _, e := range cat.Entries() {
		words = append(append(words, e.Code), e.Aliases...)
	}
	n := 0
	for _, p := range cat.Providers() {
		for _, cs := range p.CodeShapes {
			s, err := compileShape(cs.Pattern)
			if err != nil {
				t.Fatalf("%s: %v", p.Key, err)
			}
			re := regexp.MustCompile(`(?i)^(?:` + cs.Pattern + `)$`)
			for _, w := range words {
				got, want := s.Match(w), re.FindStringSubmatchIndex(w)
				if !slices.Equal(got, want) {
					t.Errorf("%s's shape %q on %q: %v, regexp %v", p.Key, cs.Pattern, w, got, want)
				} else if got != nil {
					n++
					if g, r := string(s.Expand(nil, cs.LookupURL, w, got)), re.ExpandString(nil, cs.LookupURL, w, want); g != string(r) {
						t.Errorf("%s's lookup URL for %q: %q, regexp %q", p.Key, w, g, r)
					}
				}
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d codes matched a shape", n)
	}
}
