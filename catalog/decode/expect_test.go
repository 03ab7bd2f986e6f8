package decode

import (
	"slices"
	"strings"
	"testing"
)

// TestDiagnosis: each expectation that the input does not meet is named
// with the difference in words and the rule it breaks.
func TestDiagnosis(t *testing.T) {
	d := testDecoder(t)
	authorize := func(redirect string) string {
		return "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=" + redirect + "&scope=openid&state=Zx81kq&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
	}
	for _, c := range []struct {
		name   string
		input  string
		expect map[string]string
		want   []string // differences of the first diagnosis; nil for none
		rule   string   // in its rule
	}{
		{"trailing slash", authorize("https%3A%2F%2Fapp.example.com%2Fcallback%2F"), map[string]string{"redirect_uri": "https://app.example.com/callback"}, []string{"trailing slash"}, "RFC 6749 section 3.1.2.3"},
		{"scheme", authorize("http%3A%2F%2Fapp.example.com%2Fcallback"), map[string]string{"redirect_uri": "https://app.example.com/callback"}, []string{"scheme"}, "3.1.2.3"},
		{"host and port", authorize("https%3A%2F%2Fwww.example.com%3A8443%2Fcallback"), map[string]string{"redirect_uri": "https://app.example.com/callback"}, []string{"host", "port"}, "3.1.2.3"},
		{"letter case", authorize("https%3A%2F%2Fapp.example.com%2FCallback"), map[string]string{"redirect_uri": "https://app.example.com/callback"}, []string{"letter case"}, "3.1.2.3"},
		{"percent-encoding", authorize("https%253A%252F%252Fapp.example.com%252Fcallback"), map[string]string{"redirect_uri": "https://app.example.com/callback"}, []string{"percent-encoding"}, "3.1.2.3"},
		{"extra query", authorize("https%3A%2F%2Fapp.example.com%2Fcallback%3Ftenant%3Da"), map[string]string{"redirect_uri": "https://app.example.com/callback"}, []string{"extra query"}, "3.1.2.3"},
		{"missing query", authorize("https%3A%2F%2Fapp.example.com%2Fcallback"), map[string]string{"redirect_uri": "https://app.example.com/callback?x=1"}, []string{"missing query"}, "3.1.2.3"},
		{"loopback port", authorize("http%3A%2F%2F127.0.0.1%3A53121%2F"), map[string]string{"redirect_uri": "http://127.0.0.1:8400/"}, []string{"port"}, "RFC 8252"},
		{"client id", authorize("https%3A%2F%2Fapp.example.com%2Fcallback"), map[string]string{"client_id": "6731DE76-14A6-49AE-97BC-6EBA6914391E"}, []string{"letter case"}, "client_id"},
		{"met", authorize("https%3A%2F%2Fapp.example.com%2Fcallback"), map[string]string{"redirect_uri": "https://app.example.com/callback", "client_id": "6731de76-14a6-49ae-97bc-6eba6914391e"}, nil, ""},
		{"audience of a token", unsignedJWT(t, map[string]any{"iss": "https://idp.example.org/", "aud": []string{"api://other", "0oa2hl2inow5Uqc6c357"}, "iat": testNow.Unix(), "exp": testNow.Unix() + 600}), map[string]string{"audience": "0oa2hl2inow5Uqc6c357"}, nil, ""},
		{"another audience", unsignedJWT(t, map[string]any{"iss": "https://idp.example.org/", "aud": "api://other", "iat": testNow.Unix(), "exp": testNow.Unix() + 600}), map[string]string{"audience": "0oa2hl2inow5Uqc6c357", "issuer": "https://idp.example.org"}, []string{"value"}, "3.1.3.7"},
		{"GitHub: a path below the callback", "https://github.com/login/oauth/authorize?client_id=Iv1.8a61f9b3a7aba766&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback%2Fgithub&state=s1&scope=read%3Auser", map[string]string{"redirect_uri": "https://app.example.com/callback"}, []string{"path"}, "GitHub's own rule"},
		{"GitHub: another host", "https://github.com/login/oauth/authorize?client_id=Iv1.8a61f9b3a7aba766&redirect_uri=https%3A%2F%2Fwww.example.com%2Fcallback&state=s1", map[string]string{"redirect_uri": "https://app.example.com/callback"}, []string{"host"}, "GitHub's own rule"},
		{"absent", "error=access_denied&state=abc", map[string]string{"redirect_uri": "https://app.example.com/callback"}, []string{"absent"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := d.Decode(c.input, Options{Now: testNow, Expect: c.expect})
			if err != nil {
				t.Fatal(err)
			}
			if c.want == nil {
				if len(r.Diagnosis) > 0 {
					t.Fatalf("diagnosis where every expectation is met: %+v", r.Diagnosis)
				}
				return
			}
			if len(r.Diagnosis) == 0 {
				t.Fatalf("no diagnosis; fields %v", r.Fields)
			}
			dg := r.Diagnosis[0]
			if !slices.Equal(dg.Differences, c.want) {
				t.Errorf("differences = %q, want %q (%s)", dg.Differences, c.want, dg.Message)
			}
			for _, w := range c.want {
				if w != "absent" && !strings.Contains(dg.Message, w) {
					t.Errorf("message %q does not say %q", dg.Message, w)
				}
			}
			if !strings.Contains(dg.Rule, c.rule) {
				t.Errorf("rule = %q, want it to name %q", dg.Rule, c.rule)
			}
			if accepted := strings.Contains(c.name, "below the callback"); dg.Accepted != accepted {
				t.Errorf("accepted by the provider = %v, want %v (%s)", dg.Accepted, accepted, dg.Message)
			}
		})
	}
}

func TestParseExpectation(t *testing.T) {
	for in, want := range map[string]string{
		"redirect_uri=https://app.example.com/cb?x=1": "redirect_uri|https://app.example.com/cb?x=1",
		"Client_ID= abc ": "client_id|abc",
		"colour=blue":     "",
		"redirect_uri":    "",
		"audience=":       "",
	} {
		k, v, err := ParseExpectation(in)
		got := k + "|" + v
		if err != nil {
			got = ""
		}
		if got != want {
			t.Errorf("ParseExpectation(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
