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
		{"entra", regexp.MustCompile(`^AADSTS\d+$`), 368,
			"Microsoft Entra reference-error-codes, newest copy read (entra-docs-mirror 60bcd50, still ms.date 2025-02-03 but with the Entra ID > ... console paths): " +
				"the 345 codes of the saved copy plus 501631, 501632, 900612, 240003, 240004; " +
				"and 18 codes that threads and Microsoft pages show (testdata/required/entra.txt)"},
		{"b2c", regexp.MustCompile(`^AADB2C\d+$`), 133,
			"Azure AD B2C error-codes reference (ms.date 11/08/2023): 134 AADB2C rows, AADB2C90289 twice"},
		{"okta", regexp.MustCompile(`^E\d{7}$`), 251,
			"Okta error-codes.json (release 2026.08.1): 251 errorCode values"},
		{"okta", regexp.MustCompile(`^[a-z_]+$`), 58,
			"Okta oauth2-error-codes.json (56 public error values) plus the OIDC reference pages (user_canceled_request, unknown_user_id)"},
		{"auth0", regexp.MustCompile(`.`), 251,
			"Auth0 log event type codes (165), Guardian codes, library, Lock and Authentication API errors: 251 distinct codes"},
		{"keycloak", regexp.MustCompile(`.`), 90,
			"Keycloak OAuthErrorException (25) and Errors (71) constants: 90 distinct values"},
		{"jose", regexp.MustCompile(`^ERR_`), 15,
			"jose 6.2.10 src/util/errors.ts: the 15 values of the JOSEErrorCode union"},
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
