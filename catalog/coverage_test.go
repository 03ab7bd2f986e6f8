package catalog

import (
	"regexp"
	"testing"
)

// TestProviderCoverage checks that each provider's entries cover its source
// list completely. The counts were taken once from the sources each entry
// cites; the test carries them as constants so that the project stands alone.
func TestProviderCoverage(t *testing.T) {
	c := embeddedCatalog(t)
	tests := []struct {
		provider string
		codes    *regexp.Regexp
		want     int
		source   string
	}{
		{"entra", regexp.MustCompile(`^AADSTS\d+$`), 371,
			"Microsoft Entra reference-error-codes, newest copy read (entra-docs-mirror 60bcd50, still ms.date 2025-02-03 but with the Entra ID > ... console paths): " +
				"the 345 codes of the saved copy plus 501631, 501632, 900612, 240003, 240004; " +
				"18 codes that threads and Microsoft pages show (testdata/required/entra.txt); " +
				"and 3 that the real-input corpus expects (testdata/required/corpus.txt)"},
		{"b2c", regexp.MustCompile(`^AADB2C\d+$`), 133,
			"Azure AD B2C error-codes reference (ms.date 11/08/2023): 134 AADB2C rows, AADB2C90289 twice"},
		{"okta", regexp.MustCompile(`^E\d{7}$`), 251,
			"Okta error-codes.json (release 2026.08.1): 251 errorCode values"},
		{"okta", regexp.MustCompile(`^[a-z_]+$`), 58,
			"Okta oauth2-error-codes.json (56 public error values) plus the OIDC reference pages (user_canceled_request, unknown_user_id)"},
		{"auth0", regexp.MustCompile(`.`), 252,
			"Auth0 log event type codes (165), Guardian codes, library, Lock and Authentication API errors: 251 distinct codes; " +
				"and server_error, which the real-input corpus expects (testdata/required/corpus.txt)"},
		{"keycloak", regexp.MustCompile(`.`), 90,
			"Keycloak OAuthErrorException (25) and Errors (71) constants: 90 distinct values"},
		{"jose", regexp.MustCompile(`^ERR_`), 15,
			"jose 6.2.10 src/util/errors.ts: the 15 values of the JOSEErrorCode union"},
		// Client libraries: the codes developers hit, not every constant of
		// the library; each count is the selection the entries cover.
		{"msalbrowser", regexp.MustCompile(`.`), 59,
			"MSAL.js 3.26.1 / msal-common 14.15.0: 57 entries for 58 of the 124 error-code constants (BrowserAuthErrorCodes 46, ClientAuthErrorCodes 44, InteractionRequiredAuthErrorCodes 7, ClientConfigurationErrorCodes 22, BrowserConfigurationAuthErrorCodes 3, NativeAuthErrorCodes 2; invalid_claims also covers claims_request_parsing_error), timed_out from 4.x, and the ServerError class"},
		{"msal", regexp.MustCompile(`^Msal|^IdToken`), 10,
			"MSAL.NET 4.87.0 exception classes (5), MSAL4J 1.17.2 (2), MSAL Python 1.31.0 IdToken errors (3)"},
		{"msal", regexp.MustCompile(`^[a-z_]+$`), 17,
			"MSAL.NET MsalError codes (15), MSAL4J cache_miss, MSAL Python's error dictionary"},
		{"identitymodel", regexp.MustCompile(`^IDX\d{5}$`), 35,
			"Microsoft.IdentityModel 8.2.0 LogMessages.cs (31), 6.27.0 (IDX10501, IDX10516), 2014 ErrorMessages.cs (IDX10311, IDX10316)"},
		{"oidcclientts", regexp.MustCompile(`.`), 21,
			"oidc-client-ts 3.5.0 error messages and classes (18), 1.11.5 JoseUtil messages removed in 2.0 (3)"},
		{"authjs", regexp.MustCompile(`^[A-Z][A-Za-z]+$`), 41,
			"next-auth 4.24.15 page codes (13, four of them also v5 error types) and the other 28 of the 32 error types of @auth/core 0.41.3: all of them"},
		{"openid-client", regexp.MustCompile(`.`), 14,
			"openid-client 5.7.1 RPError and TypeError checks (10: state, checks.state, nonce, iss missing and mismatch, ID Token iss and aud, id_token, exp, signature, the header's alg) and the three error classes of oauth4webapi 3.8.7 that openid-client 6.8.7 throws as they are, with the OperationProcessingError messages on the check entries; OPError has no entry of its own (the real-phrasing set quotes it as words)"},
		{"nextjs-auth0", regexp.MustCompile(`.`), 10,
			"nextjs-auth0 3.8.0: CallbackHandlerError, the state cookie and state checks, three AccessTokenError codes, the secret check; 4.27.0: AuthorizationCodeGrantError, MissingStateError, InvalidStateError (v4 AccessTokenError messages on the v3 codes' entries)"},
		{"authjs", regexp.MustCompile(`^[A-Z_]+$`), 5,
			"next-auth 4.24.15 docs/errors.md server log codes: the five developers hit most"},
	}
	for _, tt := range tests {
		got := 0
		for _, e := range c.ProviderEntries(tt.provider) {
			if tt.codes.MatchString(e.Code) {
				got++
			}
		}
		if got != tt.want {
			t.Errorf("%s: %d entries with codes matching %s, want %d (%s)", tt.provider, got, tt.codes, tt.want, tt.source)
		}
	}
}
