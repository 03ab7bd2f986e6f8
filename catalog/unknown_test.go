package catalog

import "testing"

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
