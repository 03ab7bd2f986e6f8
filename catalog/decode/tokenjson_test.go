package decode

import (
	"encoding/base64"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// TestTokenJSON: each JWT found is also shown as its header and claims in
// JSON, pretty-printed and in their own order, with what the fields mask
// masked the same way and everything else as it was.
func TestTokenJSON(t *testing.T) {
	const claims = `{"iss":"https://idp.example.org","sub":"u-1","aud":["a","b"],"exp":1748779200,"n":1.50,"ok":true,"none":null,"address":{"country":"FI"},"x":"<img src=x onerror=alert(1)>","code":"SplxlOBeZQQYbYS6WxSbIA"}`
	jwt := "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0." + base64.RawURLEncoding.EncodeToString([]byte(claims)) + ".c2lnbmF0dXJlLXNpZ25hdHVyZQ"
	jwe := "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.ZW5j.aXY.Y2lwaGVy.dGFn"
	tests := []struct {
		name, in string
		fields   []string
	}{
		{"bare", jwt, []string{""}},
		{"callback", "https://app.example.com/cb#id_token=" + jwt + "&state=1", []string{"id_token"}},
		{"two in a body", `{"access_token":"` + jwt + `","id_token":"` + jwt + `"}`, []string{"access_token", "id_token"}},
		{"encrypted", jwe, []string{""}},
	}
	d := testDecoder(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := d.Decode(tt.in, Options{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, tok := range r.Tokens {
				got = append(got, tok.Field)
				if !strings.HasPrefix(tok.Header, "{\n  \"alg\": ") {
					t.Errorf("%s: header not pretty-printed in its order: %s", tok.Field, tok.Header)
				}
				if tt.name == "encrypted" {
					if tok.Claims != "" {
						t.Errorf("a JWE's claims shown: %s", tok.Claims)
					}
					continue
				}
				if strings.Contains(tok.Claims, "SplxlOBeZQQY") || !strings.Contains(tok.Claims, `"code": "Splxl…[masked`) {
					t.Errorf("%s: the code claim is not masked as its field is: %s", tok.Field, tok.Claims)
				}
				if !strings.HasPrefix(tok.Claims, "{\n  \"iss\": \"https://idp.example.org\",\n  \"sub\": \"u-1\",\n  \"aud\": [\n    \"a\",") ||
					!strings.Contains(tok.Claims, `"n": 1.50,`) || !strings.Contains(tok.Claims, `"x": "<img src=x onerror=alert(1)>"`) {
					t.Errorf("%s: claims not as they were, in order: %s", tok.Field, tok.Claims)
				}
				var shown, want map[string]any
				if err := json.Unmarshal([]byte(tok.Claims), &shown); err != nil {
					t.Fatalf("%s: not JSON: %v", tok.Field, err)
				}
				json.Unmarshal([]byte(claims), &want)
				delete(shown, "code")
				delete(want, "code")
				if !reflect.DeepEqual(shown, want) {
					t.Errorf("%s: claims %v, want %v", tok.Field, shown, want)
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.fields, ",") {
				t.Errorf("tokens from %q, want %q", got, tt.fields)
			}
		})
	}
}
