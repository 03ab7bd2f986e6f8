package decode

import (
	"testing"

	"github.com/authcodes/authcodes/catalog/search"
)

// TestVendorSDKCodes: a standard code passed on by a vendor's own SDK (a
// library whose entries wrap one vendor's codes only) names that vendor's
// entry first; a library that serves anyone leaves the standard's first. A
// library's catch-all wrapper found alone comes after the entry its text's
// words point to.
func TestVendorSDKCodes(t *testing.T) {
	ix, err := search.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	d := testDecoder(t).WithFinder(ix.Likely)
	tests := []struct {
		name, input, first string
	}{
		{"Okta's SDK carrying an OAuth error", `AuthApiError: {"error":"invalid_client","error_description":"nope"}`, "okta/invalid_client"},
		{"Okta's SDK named by its package", `@okta/okta-auth-js token exchange returned invalid_grant`, "okta/invalid_grant"},
		{"Auth.js wraps the standard's codes", `[auth][error] CallbackRouteError: invalid_grant`, "oauth2/invalid_grant"},
		// A catch-all wrapper with no code beside it: the words say the cause.
		{"Okta's SDK wrapper and the browser's words", "AuthApiError\nAccess to fetch at 'https://dev-1.okta.com/api/v1/authn' from origin 'http://localhost:4200' has been blocked by CORS policy: no trusted origin", "okta/E0000212"},
		{"Okta's SDK wrapper alone", `AuthApiError: (no body)`, "okta-auth-js/AuthApiError"},
		{"Okta's SDK wrapper and a stack trace", "Uncaught (in promise) AuthApiError\n    at new AuthApiError (webpack-internal:///./node_modules/@okta/okta-auth-js/esm/errors/AuthApiError.js:12:5)\n    at eval (webpack-internal:///./node_modules/@okta/okta-auth-js/esm/http/request.js:80:19)", "okta-auth-js/AuthApiError"},
		{"a wrapper found by its own message keeps its place", `SAMLResponse is not valid base64-encoded XML`, "saml-sp/invalid_response"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := d.Decode(tt.input, Options{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			if ids := matchIDs(r); len(ids) == 0 || ids[0] != tt.first {
				t.Errorf("matches %v, want %s first", ids, tt.first)
			}
		})
	}
}

// TestLibrariesVendors: the vendor of a library is the one vendor whose
// codes its entries wrap.
func TestLibrariesVendors(t *testing.T) {
	d := testDecoder(t)
	for lib, want := range map[string]string{"okta-auth-js": "okta", "msal": "entra", "authjs": "", "go-oauth2": "", "saml-sp": ""} {
		p, ok := d.rec.cat.Provider(lib)
		if !ok {
			t.Fatalf("no provider %s", lib)
		}
		got := ""
		if v := d.rec.sdkOf[p]; v != nil {
			got = v.Key
		}
		if got != want {
			t.Errorf("%s: vendor %q, want %q", lib, got, want)
		}
	}
}
