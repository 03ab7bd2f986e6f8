package decode

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestMaskValue(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"abc", "…[masked, 3 chars]"},
		{"SplxlOBeZQQYbYS6WxSbIA", "Splxl…[masked, 22 chars]"},
		{strings.Repeat("eyJhbGciOi", 80) + "xy", "eyJhbG…[masked, 802 chars]"},
		{"a/b+c=d/e+f=g/h+", "a…[masked, 16 chars]"},
		{"eyJhbG…[masked, 812 chars]", "eyJhbG…[masked, 812 chars]"}, // masking twice changes nothing
	}
	for _, tt := range tests {
		if got := maskValue(tt.in); got != tt.want {
			t.Errorf("maskValue(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMaskInput: every kind of credential is masked where it stands, and
// everything else is kept.
func TestMaskInput(t *testing.T) {
	jws := "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2FzLmV4YW1wbGUuY29tIn0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU"
	tests := []struct {
		name, in string
		gone     []string // must not survive
		kept     []string // must survive
	}{
		{"code in a URL", "https://app.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz",
			[]string{"SplxlOBeZQQYbYS6WxSbIA"}, []string{"https://app.example.com/cb?code=", "&state=xyz", "masked"}},
		{"error code under code", "https://login.microsoftonline.com/error?code=50011", nil, []string{"code=50011"}},
		{"form body", "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA&client_secret=s3cr3t-Val_ue",
			[]string{"tGzv3JOkF0XG5Qx2TlKWIA", "s3cr3t-Val_ue"}, []string{"grant_type=refresh_token"}},
		{"JSON token response", `{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA"}`,
			[]string{"2YotnFZFEjr1zCsicMWpAA", "tGzv3JOkF0XG5Qx2TlKWIA"}, []string{`"token_type":"Bearer"`}},
		{"JSON error code kept", `{"code":"invalid_password","name":"PasswordStrengthError"}`, nil, []string{"invalid_password"}},
		{"Authorization header", "Authorization: Bearer 2YotnFZFEjr1zCsicMWpAA\nAccept: */*", []string{"2YotnFZFEjr1zCsicMWpAA"}, []string{"Authorization: Bearer", "Accept: */*"}},
		{"Basic credentials", "Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW", []string{"czZCaGRSa3F0MzpnWDFmQmF0M2JW"}, nil},
		{"challenge kept", `WWW-Authenticate: Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token"`,
			nil, []string{`authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"`, `error="invalid_token"`}},
		{"JWT keeps its claims", "token " + jws, []string{"c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU"}, []string{"eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2FzLmV4YW1wbGUuY29tIn0."}},
		{"id_token keeps its claims", "#id_token=" + jws + "&state=1", []string{"c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU"}, []string{"eyJpc3MiOiJodHRwczovL2FzLmV4YW1wbGUuY29tIn0", "&state=1"}},
		{"JARM code claim", "?response=eyJhbGciOiJFUzI1NiJ9.eyJjb2RlIjoiUHl5RmF1eDJvN1EwWWZYQlUzMmpodyIsInN0YXRlIjoiUzhOSiJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ",
			[]string{"eyJjb2RlIjoiUHl5RmF1eDJvN1EwWWZYQlUzMmpodyIsInN0YXRlIjoiUzhOSiJ9", "c2lnbmF0dXJlLXNpZ25hdHVyZQ"}, []string{"?response=eyJhbGciOiJFUzI1NiJ9."}},
		{"log password", `login failed user=jane password="hunter2 with spaces" ip=10.0.0.1`, []string{"hunter2"}, []string{"user=jane", "ip=10.0.0.1"}},
		{"yaml secret", "client_id: web\nclient_secret: gX1fBat3bV9x\n", []string{"gX1fBat3bV9x"}, []string{"client_id: web"}},
		{"URL password", "https://admin:Pa55w0rdXyZ@idp.example.com/realms/acme", []string{"Pa55w0rdXyZ"}, []string{"https://admin:", "@idp.example.com/realms/acme"}},
		{"cookie", "Cookie: KEYCLOAK_SESSION=acme/8d6f1c3a/1a2b3c4d5e6f; Path=/", []string{"acme/8d6f1c3a/1a2b3c4d5e6f"}, []string{"Path=/"}},
		{"Okta session token", `{"sessionToken":"20111jUmzBrBqJZ0YOb4XL1bdwUrAmSMyLLx1rq7OTH6vSYqb7NvAA"}`, []string{"20111jUmzBrBqJZ0YOb4XL1bdwUrAmSMyLLx1rq7OTH6vSYqb7NvAA"}, []string{"sessionToken"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MaskInput(tt.in)
			for _, g := range tt.gone {
				if strings.Contains(got, g) {
					t.Errorf("%q survived: %s", g, got)
				}
			}
			for _, k := range tt.kept {
				if !strings.Contains(got, k) {
					t.Errorf("%q was lost: %s", k, got)
				}
			}
			if again := MaskInput(got); again != got {
				t.Errorf("masking twice changed it:\n%s\n%s", got, again)
			}
		})
	}
}

// TestMaskInputSAML: a SAML response keeps its content and loses its
// signature values, and still decodes the same.
func TestMaskInputSAML(t *testing.T) {
	xml := strings.Replace(okSAML, "</saml:Issuer>", `</saml:Issuer><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignatureValue>U2lnbmF0dXJlVmFsdWVTaWduYXR1cmVWYWx1ZQ==</ds:SignatureValue></ds:Signature>`, 1)
	for _, in := range []string{
		base64.StdEncoding.EncodeToString([]byte(xml)),
		deflateBase64([]byte(xml)),
		"SAMLResponse=" + strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D").Replace(base64.StdEncoding.EncodeToString([]byte(xml))) + "&RelayState=%2F",
		xml,
	} {
		masked := MaskInput(in)
		if strings.Contains(masked, "U2lnbmF0dXJlVmFsdWVTaWduYXR1cmVWYWx1ZQ") {
			t.Errorf("the signature value survived in %.60s…", masked)
		}
		r, err := testDecoder(t).Decode(masked, Options{Now: testNow})
		if err != nil {
			t.Fatalf("the masked input does not decode: %v", err)
		}
		if len(r.Matches) == 0 || r.Matches[0].ID != "saml/AuthnFailed" {
			t.Errorf("the masked input decodes to %v", r.Matches)
		}
	}
}

// TestMaskInputKeepsDecoding: every case still decodes after MaskInput, to
// the same first match where its credentials were not what named it.
func TestMaskInputKeepsDecoding(t *testing.T) {
	d := testDecoder(t)
	for _, c := range readCases(t) {
		masked := MaskInput(c.input)
		if again := MaskInput(masked); again != masked {
			t.Errorf("%s: masking twice changed the input", c.file)
		}
		r, err := d.Decode(masked, Options{Now: testNow})
		if err != nil {
			t.Errorf("%s: the masked input does not decode: %v", c.file, err)
			continue
		}
		first := "none"
		if len(r.Matches) > 0 {
			first = r.Matches[0].ID
		}
		if first != c.first {
			t.Errorf("%s: masked, the first match is %s, want %s", c.file, first, c.first)
		}
	}
}

// TestFindingMaskerMasksAsMaskText: Decode reads the text its search for
// credentials returned as the masked input, unless that search skipped a
// SAML message; every other text it returns must be maskText's.
func TestFindingMaskerMasksAsMaskText(t *testing.T) {
	inputs := []string{
		"SAMLResponse=" + base64.StdEncoding.EncodeToString([]byte(`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>`)) + "&RelayState=x",
		logLine2KB, typicalCallback,
	}
	for _, c := range readCases(t) {
		inputs = append(inputs, c.input)
	}
	skipped := 0
	for _, in := range inputs {
		var secrets secretSet
		finder := &masker{secrets: &secrets, discard: true}
		got := finder.text(in)
		if finder.skipped {
			skipped++
			continue
		}
		if want := maskText(in); got != want {
			t.Errorf("the finding masker gives %q, maskText %q", got, want)
		}
	}
	if skipped == 0 {
		t.Errorf("no input had its SAML message skipped")
	}
}
