package decode

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
)

// TestCredentialKinds: each kind of credential that share links kept
// before (issue 17) is masked in the share link and in the decoder's
// output alike.
func TestCredentialKinds(t *testing.T) {
	const secret = "Zq8LmW2xRt5VbN7kPj4s"
	tests := []struct{ name, in string }{
		{"GitHub token scheme", "Authorization: token ghp_" + secret},
		{"Okta SSWS scheme", "GET /api/v1/users HTTP/1.1\nAuthorization: SSWS 00" + secret},
		{"Digest auth-params", `Authorization: Digest username="jane", realm="api", response="` + secret + `"`},
		{"scheme-less header", "Authorization: " + secret},
		{"X-Auth-Token header", "X-Auth-Token: " + secret + "\nAccept: */*"},
		{"Private-Token-like header", "X-Api-Token: " + secret},
		{"SAML redirect Signature", "https://sp.example.com/acs?SAMLResponse=" + deflateBase64([]byte(okSAML)) + "&SigAlg=http%3A%2F%2Fwww.w3.org%2F2001%2F04%2Fxmldsig-more%23rsa-sha256&Signature=" + secret + "%2B%2F%3D"},
		{"Azure SAS sig", "https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&se=2025-06-02&sr=b&sp=r&sig=" + secret + "%3D"},
		{"pwd parameter", "https://app.example.com/login?user=jane&pwd=" + secret},
		{"password in a log", "login failed user=jane password=" + secret + " ip=10.0.0.1"},
	}
	d := testDecoder(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			masked := MaskInput(tt.in)
			if strings.Contains(masked, secret[:12]) {
				t.Errorf("the share link keeps the credential: %s", masked)
			}
			if kept := MaskInputWith(tt.in, MaskOptions{KeepPersonal: true}); strings.Contains(kept, secret[:12]) {
				t.Errorf("the share link keeping personal data keeps the credential: %s", kept)
			}
			r, err := d.Decode(tt.in, Options{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			if b, _ := json.Marshal(r); strings.Contains(string(b), secret[:12]) {
				t.Errorf("the result shows the credential: %s", b)
			}
		})
	}
}

// TestPasswordShowsNothing: a masked password keeps no leading character.
func TestPasswordShowsNothing(t *testing.T) {
	for _, in := range []string{
		"password=Hunter2Hunter2", "client_id=a&password=Hunter2Hunter2", `{"password":"Hunter2Hunter2"}`,
		"password: Hunter2Hunter2", "https://admin:Hunter2Hunter2@idp.example.com/", "pwd=Hunter2Hunter2",
	} {
		if got := MaskInput(in); strings.Contains(got, "H…") || strings.Contains(got, "Hu") {
			t.Errorf("%s: %s", in, got)
		}
		r, err := testDecoder(t).Decode(in, Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.Fields {
			if strings.HasPrefix(f.Value, "H") {
				t.Errorf("%s: field %s = %s", in, f.Name, f.Value)
			}
		}
	}
}

// personalJWT is an ID token whose claims say who signed in.
var personalJWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0." + base64.RawURLEncoding.EncodeToString([]byte(
	`{"iss":"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0","aud":"app","exp":1748779200,"iat":1748775600,`+
		`"sub":"AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ","oid":"00000000-0000-0000-66f3-3332eca7ea81","email":"jane.doe@contoso.com","name":"Jane Doe","groups":["g-7d1f"]}`)) +
	".c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU"

// personalSAML is a SAML response whose subject and attributes name a person.
var personalSAML = strings.Replace(okSAML, "</samlp:Status>", `</samlp:Status><saml:Assertion ID="_a" IssueInstant="2025-06-01T11:59:00Z"><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">jane.doe@contoso.com</saml:NameID></saml:Subject><saml:AttributeStatement><saml:Attribute Name="displayname"><saml:AttributeValue>Jane Doe</saml:AttributeValue></saml:Attribute><saml:Attribute Name="objectidentifier"><saml:AttributeValue>66f3-3332eca7ea81</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion>`, 1)

// TestShareLinkPersonalData: a share link masks the personal data of a JWT
// and a SAML message unless asked to keep it, and still decodes the same.
func TestShareLinkPersonalData(t *testing.T) {
	personal := []string{"jane.doe", "Jane Doe", "66f3-3332eca7ea81", "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ", "g-7d1f"}
	inputs := map[string]string{
		"id_token":      "https://app.example.com/cb#id_token=" + personalJWT + "&state=1",
		"bare JWT":      personalJWT,
		"SAML base64":   base64.StdEncoding.EncodeToString([]byte(personalSAML)),
		"SAML redirect": "SAMLResponse=" + strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D").Replace(deflateBase64([]byte(personalSAML))),
		"SAML raw":      personalSAML,
		"login_hint":    "https://login.example.com/authorize?client_id=a&response_type=code&login_hint=jane.doe%40contoso.com&state=1",
		"JSON e-mail":   `{"error":"invalid_grant","email":"jane.doe@contoso.com"}`,
	}
	d := testDecoder(t)
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			decodeText := func(s string) string {
				r, err := d.Decode(s, Options{Now: testNow})
				if err != nil {
					t.Fatalf("does not decode: %v\n%s", err, s)
				}
				b, _ := json.Marshal(r)
				return string(b)
			}
			masked := MaskInput(in)
			shown := decodeText(masked)
			for _, p := range personal {
				if strings.Contains(masked, p) || strings.Contains(shown, p) {
					t.Errorf("%q survives in the share link: %s", p, shown)
				}
			}
			if strings.Contains(in, "72f988bf") && !strings.Contains(shown, "login.microsoftonline.com") {
				t.Errorf("the issuer was masked too: %s", shown)
			}
			if again := MaskInput(masked); again != masked {
				t.Errorf("masking twice changed it:\n%s\n%s", masked, again)
			}
			kept := decodeText(MaskInputWith(in, MaskOptions{KeepPersonal: true}))
			if !strings.Contains(kept, "jane.doe") {
				t.Errorf("kept, the personal data is gone: %s", kept)
			}
		})
	}
}

// TestShareLinkKeepsJWTFieldNames: a JWT opened from a share link shows
// the same fields, under the same names and in the same order, as when it
// was pasted, whether personal data was masked or kept: the masked
// signature does not make it text, nor do masked claims change places or
// lose their structure.
func TestShareLinkKeepsJWTFieldNames(t *testing.T) {
	nested := "eyJhbGciOiJSUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte(
		`{"sub":"u-77aa91","iss":"https://idp.example.org","address":{"country":"FI","locality":"Espoo"},"groups":["a","b"],"age":33,"email_verified":true,"picture":null,"exp":1748779200}`)) +
		".c2lnbmF0dXJlLXNpZ25hdHVyZQ"
	inputs := map[string]string{
		"bare JWT":        personalJWT,
		"nested claims":   nested,
		"id_token":        "https://app.example.com/cb#id_token=" + personalJWT + "&state=1",
		"token response":  `{"access_token":"` + nested + `","token_type":"Bearer","id_token":"` + personalJWT + `"}`,
		"unsigned, empty": "eyJhbGciOiJub25lIn0." + base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"x","iss":"https://idp.example.org"}`)) + ".",
	}
	d := testDecoder(t)
	names := func(in string) (Kind, []string) {
		r, err := d.Decode(in, Options{Now: testNow})
		if err != nil {
			t.Fatalf("does not decode: %v\n%s", err, in)
		}
		var out []string
		for _, f := range r.Fields {
			out = append(out, f.Name)
		}
		return r.Kind, out
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			kind, want := names(in)
			for _, keep := range []bool{false, true} {
				link := MaskInputWith(in, MaskOptions{KeepPersonal: keep})
				if gotKind, got := names(link); gotKind != kind || strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("keeping personal data %v: from the share link %s %v, pasted %s %v", keep, gotKind, got, kind, want)
				}
			}
		})
	}
}
