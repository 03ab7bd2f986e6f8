package decode

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// secretTemplates put a credential where it travels; %s is the credential.
// Each must come out of Decode and MaskInput masked, whatever text is
// pasted around it.
var secretTemplates = []string{
	"https://app.example.com/cb?code=%s&state=abc",
	"https://app.example.com/cb#access_token=%s&token_type=Bearer&state=abc",
	`{"access_token":"%s","token_type":"Bearer","expires_in":3600}`,
	"client_id=app&client_secret=%s&grant_type=client_credentials",
	"Authorization: Bearer %s",
	"code=%s&state=xyz",
	"2025-06-01 login failed user=jane password=%s ip=10.0.0.1",
	"eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIn0.%s",
	"SAMLResponse=%s&RelayState=%%2F",
	`token response: {"refresh_token":"%s","token_type":"Bearer"}`,
	"https://admin:%s@idp.example.com/realms/acme",
	"Cookie: session=%s; theme=dark",
	"WWW-Authenticate: Bearer error=\"invalid_token\"\nAuthorization: DPoP %s",
	"device_code=%s&grant_type=urn%%3Aietf%%3Aparams%%3Aoauth%%3Agrant-type%%3Adevice_code",
	"https://client.example.com/cb?response=eyJhbGciOiJFUzI1NiJ9.{jarm}.c2ln&state=1",
	`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignatureValue>%s</ds:SignatureValue></ds:Signature></samlp:Response>`,
	"client_secret: %s",
	`{"sessionToken":"%s","status":"SUCCESS"}`,
}

// secretFrom turns fuzz bytes into a credential that cannot pass for an
// error code: mixed case and digits, at least 16 characters.
func secretFrom(raw string) string {
	var b strings.Builder
	b.WriteString("Sx")
	for _, r := range raw {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') && b.Len() < 60 {
			b.WriteRune(r)
		}
	}
	for b.Len() < 14 {
		b.WriteString("q7")
	}
	b.WriteString("K9z")
	return b.String()
}

// withSecret builds an input: noise from the fuzzer, then the credential in
// one of the templates, joined by nothing, a space or a line break.
func withSecret(noise, secret string, shape uint8) string {
	tmpl := secretTemplates[int(shape)%len(secretTemplates)]
	var in string
	if strings.Contains(tmpl, "{jarm}") {
		claims := base64.RawURLEncoding.EncodeToString([]byte(`{"iss":"https://as.example.com","code":"` + secret + `","state":"1"}`))
		in = strings.Replace(tmpl, "{jarm}", claims, 1)
	} else {
		in = strings.ReplaceAll(tmpl, "%s", secret)
		in = strings.ReplaceAll(in, "%%", "%")
	}
	sep := []string{"", " ", "\n"}[int(shape/32)%3]
	return noise + sep + in
}

// FuzzDecode: Decode and MaskInput never panic, always give valid UTF-8,
// and never let a credential through unmasked. The seed corpus in
// testdata/fuzz/FuzzDecode runs on every go test; every case of
// testdata/cases is a seed too.
func FuzzDecode(f *testing.F) {
	for _, c := range readCases(f) {
		f.Add(c.input, "", uint8(0))
	}
	d := testDecoder(f)
	f.Fuzz(func(t *testing.T, input, secretSeed string, shape uint8) {
		checkDecodes(t, d, input)

		secret := secretFrom(secretSeed)
		if strings.Contains(input, secret[2:len(secret)-3]) {
			return // the noise carries the credential itself, unmarked
		}
		in := withSecret(input, secret, shape)
		r, err := d.Decode(in, Options{Now: testNow})
		if err != nil {
			if strings.Contains(err.Error(), secret) {
				t.Fatalf("the error shows the credential: %v", err)
			}
		} else {
			b, _ := json.Marshal(r)
			if strings.Contains(string(b), secret) {
				t.Fatalf("the result shows the credential %s:\ninput %q\n%s", secret, in, b)
			}
		}
		if m := MaskInput(in); strings.Contains(m, secret) {
			t.Fatalf("MaskInput keeps the credential %s:\ninput %q\n%s", secret, in, m)
		}
	})
}

// TestSecretTemplates runs every template with the text a paste may put
// right before it, the cases the fuzzer found first.
func TestSecretTemplates(t *testing.T) {
	d := testDecoder(t)
	noises := []string{"", "A", "0", "x_", "-", "=", ":", `"`, "'", "<", "{", "[", "#", "?", "&", ";", ",", `\`, "%",
		"AAAA", "https://", "a=", "a: ", "<x>", `{"a":"`, "error=", "Cookie: ", "WWW-Authenticate: ", "SAMLResponse=",
		"Authorization: ", "password=", "client_secret: ", "Bearer ", "eyJ", "code=", "<ds:SignatureValue>", "Set-Cookie: a=b; ",
		"\n", "\t", "state=", "id_token=", `"code":"`, "urn:", "AADSTS50011: ", "Error 400: ", "HTTP/1.1 401\n", "A:/?0", "x://y?", "#", "%0", "%", "%2", "%3D"}
	secret := secretFrom("T3stSecretValue")
	for shape := 0; shape < 3*32; shape++ {
		for _, noise := range noises {
			in := withSecret(noise, secret, uint8(shape))
			if r, err := d.Decode(in, Options{Now: testNow}); err == nil {
				if b, _ := json.Marshal(r); strings.Contains(string(b), secret) {
					t.Errorf("the result shows the credential:\ninput %q\n%s", in, b)
				}
			}
			if m := MaskInput(in); strings.Contains(m, secret) {
				t.Errorf("MaskInput keeps the credential:\ninput %q\n%s", in, m)
			}
		}
	}
}

// checkDecodes decodes anything without panicking: a result marshals to
// valid UTF-8 JSON, an error is an *InputError with a valid UTF-8 message.
func checkDecodes(t *testing.T, d *Decoder, input string) {
	r, err := d.Decode(input, Options{Now: testNow})
	if err != nil {
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Fatalf("error %T is not an *InputError: %v", err, err)
		}
		if !utf8.ValidString(err.Error()) {
			t.Fatalf("the error is not valid UTF-8: %q", err.Error())
		}
	} else {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		if !utf8.Valid(b) {
			t.Fatalf("the result is not valid UTF-8: %q", b)
		}
	}
	if m := MaskInput(input); !utf8.ValidString(m) {
		t.Fatalf("MaskInput is not valid UTF-8: %q", m)
	}
}

// FuzzJSONReader: the JSON reader on its own never panics, keeps at most
// maxLeaves scalars with names of bounded length, and reports where the
// value ended within the text.
func FuzzJSONReader(f *testing.F) {
	for _, seed := range []string{`{"error":"invalid_grant","error_codes":[70008]}`, `[{"a":{"b":[1,2,{"c":null}]}}]`, `{"a":"\ud800"}`, `{"` + strings.Repeat("k", 300) + `":1}`, "{", `{"a":1}} tail`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		leaves, end, err := parseJSON(text)
		if err != nil {
			if leaves != nil {
				t.Fatalf("an error with %d leaves", len(leaves))
			}
			return
		}
		if end < 0 || end > len(text) {
			t.Fatalf("the value ends at %d of %d bytes", end, len(text))
		}
		if len(leaves) > maxLeaves {
			t.Fatalf("%d leaves, over %d", len(leaves), maxLeaves)
		}
		for _, l := range leaves {
			if len(l.path) > maxFieldName || len(l.key) > maxFieldName {
				t.Fatalf("a name of %d bytes: %.80q", len(l.path), l.path)
			}
		}
	})
}

// FuzzSAMLReader: the SAML reader on its own never panics, answers an
// *InputError for what it refuses, and keeps its fields within bounds.
func FuzzSAMLReader(f *testing.F) {
	f.Add([]byte(okSAML))
	f.Add([]byte(personalSAML))
	f.Add([]byte(`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><saml:Issuer>` + strings.Repeat("x", 5000) + `</saml:Issuer></samlp:Response>`))
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "b">]><Response/>`))
	f.Add([]byte(`<Response><Assertion><Signature/><Signature/></Assertion></Response>`))
	d := testDecoder(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		s := newSession(d, testNow, "", nil)
		n, err := s.readSAML(data, bindingRaw, "")
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T is not an *InputError: %v", err, err)
			}
			return
		}
		if n < 0 || n > len(data) {
			t.Fatalf("the message ends at %d of %d bytes", n, len(data))
		}
		if s.captured > maxCapturedTotal || len(s.res.Fields) > maxFields || s.fieldBytes > maxFieldBytes+maxFieldValue {
			t.Fatalf("over the bounds: %d captured, %d fields, %d bytes", s.captured, len(s.res.Fields), s.fieldBytes)
		}
		for _, w := range s.res.Warnings {
			if len(w.Message) > maxWarningText {
				t.Fatalf("a warning of %d bytes", len(w.Message))
			}
		}
	})
}

// harSecretPlaces put a credential where a HAR carries one; %s is the
// credential, %n the fuzzer's noise.
var harSecretPlaces = []string{
	`{"request":{"method":"GET","url":"https://app.example.com/cb?code=%s&state=%n","headers":[],"cookies":[]},"response":{"status":200,"headers":[],"cookies":[],"content":{"mimeType":"text/html","text":"%n"}}}`,
	`{"request":{"method":"GET","url":"https://app.example.com/%n","headers":[{"name":"Cookie","value":"sid=%s; a=%n"}],"cookies":[{"name":"sid","value":"%s"}]},"response":{"status":302,"headers":[{"name":"Location","value":"https://idp.example.com/authorize?client_id=%n"}],"cookies":[]}}`,
	`{"request":{"method":"POST","url":"https://idp.example.com/token","headers":[{"name":"Authorization","value":"Bearer %s"}],"postData":{"mimeType":"application/x-www-form-urlencoded","text":"grant_type=authorization_code&code_verifier=%s&x=%n"}},"response":{"status":400,"headers":[],"content":{"mimeType":"application/json","text":"{\"error\":\"invalid_grant\",\"error_description\":\"%n\"}"}}}`,
	`{"request":{"method":"POST","url":"https://idp.example.com/login","headers":[],"postData":{"mimeType":"application/x-www-form-urlencoded","params":[{"name":"passwd","value":"%s"},{"name":"login","value":"%n"}]}},"response":{"status":302,"headers":[{"name":"Set-Cookie","value":"ESTSAUTH=%s; path=/; secure"}],"content":{}}}`,
	`{"request":{"method":"GET","url":"https://app.example.com/cb","headers":[]},"response":{"status":200,"headers":[],"content":{"mimeType":"application/json","text":"{\"access_token\":\"%s\",\"token_type\":\"Bearer\",\"note\":\"%n\"}"}}}`,
	`{"request":{"method":"GET","url":"https://idp.example.com/fp","headers":[]},"response":{"status":200,"headers":[],"content":{"mimeType":"text/html","text":"<form method=post action=https://app.example.com/cb><input type=hidden name=\"code\" value=\"%s\"><input name=state value=\"%n\"></form>"}}}`,
}

// FuzzHAR: DecodeHAR and SanitizeHAR never panic, refuse what they refuse
// with an *InputError, and let no credential through, wherever in a HAR it
// is and whatever is around it. The committed Chromium recording is a seed.
func FuzzHAR(f *testing.F) {
	f.Add(string(readHARFixture(f)), "", uint8(0))
	f.Add("x", "seed", uint8(3))
	d := testDecoder(f)
	f.Fuzz(func(t *testing.T, noise, secretSeed string, place uint8) { fuzzHAR(t, d, noise, secretSeed, place) })
}

// fuzzHAR is one case of FuzzHAR: the noise as a HAR, then a HAR with a
// credential in one of harSecretPlaces and the noise around it.
func fuzzHAR(t *testing.T, d *Decoder, noise, secretSeed string, place uint8) {
	checkHAR(t, d, []byte(noise), "")
	secret := secretFrom(secretSeed)
	if strings.Contains(noise, secret[2:len(secret)-3]) {
		return
	}
	n, _ := json.Marshal(noise)
	entry := harSecretPlaces[int(place)%len(harSecretPlaces)]
	entry = strings.ReplaceAll(strings.ReplaceAll(entry, "%s", secret), "%n", string(n[1:len(n)-1]))
	checkHAR(t, d, []byte(`{"log":{"version":"1.2","creator":{"name":"fuzz","version":"1"},"entries":[`+entry+`]}}`), secret)
}

// checkHAR decodes and sanitizes a HAR; secret, when set, must not show.
func checkHAR(t *testing.T, d *Decoder, har []byte, secret string) {
	r, err := d.DecodeHAR(context.Background(), bytes.NewReader(har), HAROptions{Options: Options{Now: testNow}})
	var ie *InputError
	if err != nil && !errors.As(err, &ie) {
		t.Fatalf("DecodeHAR: %T is not an *InputError: %v", err, err)
	}
	if err == nil {
		b, err := json.Marshal(r)
		if err != nil || !utf8.Valid(b) {
			t.Fatalf("the result does not marshal to UTF-8 JSON: %v", err)
		}
		if secret != "" && bytes.Contains(b, []byte(secret)) {
			t.Fatalf("the result shows the credential %s:\n%s\n%s", secret, har, b)
		}
	}
	var out bytes.Buffer
	err = SanitizeHAR(context.Background(), &out, bytes.NewReader(har), HAROptions{})
	if err != nil && !errors.As(err, &ie) {
		t.Fatalf("SanitizeHAR: %T is not an *InputError: %v", err, err)
	}
	if err == nil {
		if !json.Valid(out.Bytes()) {
			t.Fatalf("the sanitized HAR is not JSON:\n%s", out.Bytes())
		}
		if secret != "" && strings.Contains(harStrings(t, out.Bytes()), secret) {
			t.Fatalf("the sanitized HAR keeps the credential %s:\n%s", secret, out.Bytes())
		}
	}
}
