package decode

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestTokenRequest: what an application sends to the token endpoint, as a
// form body, as JSON or in a log line, is called a token request, not a
// success response nor a response without state; its authorization code is
// masked on the page and in the share link, and is not taken for an error
// code.
func TestTokenRequest(t *testing.T) {
	const code = "SplxlOBeZQQYbYS6WxSbIA"
	tests := []struct{ name, in string }{
		{"form body", "grant_type=authorization_code&code=" + code + "&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb&client_id=s6BhdRkqt3&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"},
		{"JSON body", `{"grant_type":"authorization_code","code":"` + code + `","redirect_uri":"https://client.example.com/cb","client_id":"s6BhdRkqt3"}`},
		{"JSON body, spaced", "{\n  \"client_id\": \"s6BhdRkqt3\",\n  \"code\": \"" + code + "\",\n  \"grant_type\": \"authorization_code\"\n}"},
		{"log line", "2026-12-03T10:00:00Z DEBUG POST /oauth2/token body: grant_type=authorization_code&code=" + code + "&client_id=s6BhdRkqt3"},
	}
	d := testDecoder(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := d.Decode(tt.in, Options{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			got := warningCodes(r)
			if !slices.Contains(got, WarnTokenRequest) || slices.Contains(got, WarnNoError) || slices.Contains(got, WarnStateMissing) || slices.Contains(got, WarnUnknownCode) {
				t.Errorf("warnings %v, want token_request and neither no_error, state_missing nor unknown_code", got)
			}
			if b, _ := json.Marshal(r); strings.Contains(string(b), code[:12]) {
				t.Errorf("the result shows the authorization code: %s", b)
			}
			if !slices.Contains(r.Masked, "code") {
				t.Errorf("masked fields %v, want code among them", r.Masked)
			}
			for _, c := range r.Codes {
				if c.Field == "code" {
					t.Errorf("the authorization code was read as an error code: %v", r.Codes)
				}
			}
			for _, keep := range []bool{false, true} {
				if link := MaskInputWith(tt.in, MaskOptions{KeepPersonal: keep}); strings.Contains(link, code[:12]) {
					t.Errorf("the share link keeps the code: %s", link)
				}
			}
		})
	}
}

// TestTokenRequestNeedsGrantType: a JSON body without grant_type keeps
// "code" as the error code it is there.
func TestTokenRequestNeedsGrantType(t *testing.T) {
	r, err := testDecoder(t).Decode(`{"code":"E0000011","message":"Invalid token provided"}`, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Codes) == 0 || r.Codes[0].Value != "E0000011" || slices.Contains(warningCodes(r), WarnTokenRequest) {
		t.Errorf("codes %v, warnings %v", r.Codes, warningCodes(r))
	}
	logged := `2026-12-03 10:00:00,123 WARN  [org.keycloak.events] (executor-thread-1) type="CODE_TO_TOKEN_ERROR", realmId="r1", clientId="app", userId="null", ipAddress="10.0.0.1", error="invalid_code", grant_type="authorization_code"`
	if r, err := testDecoder(t).Decode(logged, Options{Now: testNow}); err != nil || slices.Contains(warningCodes(r), WarnTokenRequest) {
		t.Errorf("a logged failed exchange: warnings %v (%v), want no token_request", warningCodes(r), err)
	}
	if got := MaskInput(`{"code":"E0000011","grant":"x"}`); !strings.Contains(got, "E0000011") {
		t.Errorf("an error code was masked: %s", got)
	}
}
