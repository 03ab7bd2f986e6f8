package decode

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
)

// typicalCallback is an Entra error callback as a browser shows it.
const typicalCallback = "https://app.contoso.com/signin-oidc?error=invalid_request&error_description=AADSTS50011%3a+The+redirect+URI+%27https%3a%2f%2fapp.contoso.com%2fsignin-oidc%27+specified+in+the+request+does+not+match+the+redirect+URIs+configured+for+the+application.+Trace+ID%3a+8f2c1d4e-5a6b-4c7d-8e9f-0a1b2c3d4e00+Correlation+ID%3a+3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7+Timestamp%3a+2025-06-01+11%3a58%3a12Z&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d50011&state=OpenIdConnect.AuthenticationProperties%3dq8Yb3XkK0Zr2"

// largeSAML builds a signed SAML response with enough attributes to be
// about size bytes once base64-encoded, as the POST binding carries it.
func largeSAML(size int) string {
	head := `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="_r1" Version="2.0" IssueInstant="2025-06-01T11:59:00Z" Destination="https://sp.example.com/saml/acs" InResponseTo="_req1">` +
		`<saml:Issuer>https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/</saml:Issuer>` +
		`<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
		`<saml:Assertion ID="_a1" Version="2.0" IssueInstant="2025-06-01T11:59:00Z"><saml:Issuer>https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/</saml:Issuer>` +
		`<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:Reference URI="#_a1"><ds:DigestValue>RFIThnTroyJPO85/iFh5TkHy9dC17JSlI78vNUqFKYY=</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>` + strings.Repeat("MKM9h3EyuSW5ncwjx71fhbLU8", 14) + `</ds:SignatureValue></ds:Signature>` +
		`<saml:Subject><saml:NameID>jane.doe@contoso.com</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="2025-06-01T12:04:00Z" Recipient="https://sp.example.com/saml/acs" InResponseTo="_req1"/></saml:SubjectConfirmation></saml:Subject>` +
		`<saml:Conditions NotBefore="2025-06-01T11:54:00Z" NotOnOrAfter="2025-06-01T12:59:00Z"><saml:AudienceRestriction><saml:Audience>https://sp.example.com</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
		`<saml:AttributeStatement>`
	tail := `</saml:AttributeStatement></saml:Assertion></samlp:Response>`
	var attrs strings.Builder
	for i := 0; base64.StdEncoding.EncodedLen(len(head)+attrs.Len()+len(tail)) < size; i++ {
		fmt.Fprintf(&attrs, `<saml:Attribute Name="http://schemas.example.com/claims/group%d" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue xsi:type="xs:string">group-%d-of-the-organisation</saml:AttributeValue></saml:Attribute>`, i, i)
	}
	return base64.StdEncoding.EncodeToString([]byte(head + attrs.String() + tail))
}

func benchDecode(b *testing.B, input string) {
	d := testDecoder(b)
	if _, err := d.Decode(input, Options{Now: testNow}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(input)))
	benchCPU(b, func() { d.Decode(input, Options{Now: testNow}) })
}

// BenchmarkDecodeCallbackURL: a typical error callback; the target is under 50 µs.
func BenchmarkDecodeCallbackURL(b *testing.B) { benchDecode(b, typicalCallback) }

// BenchmarkDecodeSAML100KiB: a 100 KiB base64 SAML response; the target is under 5 ms.
func BenchmarkDecodeSAML100KiB(b *testing.B) {
	in := largeSAML(100 << 10)
	if len(in) < 100<<10 {
		b.Fatalf("the response is only %d bytes", len(in))
	}
	benchDecode(b, in)
}

func BenchmarkMaskInputCallbackURL(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		MaskInput(typicalCallback)
	}
}

// BenchmarkDecodeHostile: inputs at the size limit built to make a parser
// work hard. They must cost milliseconds, not seconds.
func BenchmarkDecodeHostile(b *testing.B) {
	fill := func(unit string) string { return strings.Repeat(unit, (MaxInputBytes-16)/len(unit)) }
	inputs := map[string]string{
		"pairs":       fill("a="),
		"nested-urls": fill("x=https://a.b/c?code="),
		"braces":      fill("{"),
		"quotes":      fill(`{"a":"`),
		"jwt-like":    fill("eyJhbGciOi."),
		"xml-tags":    "<samlp:Response>" + fill("<a/>") + "</samlp:Response>",
		"words":       fill("Error 400: AADSTS50011 E0000011 TID-AEX-1030 "),
		"base64":      fill("PHNhbWxw"),
		"code-pairs":  fill("code="),
		"colons":      fill("password:"),
		"json-pairs":  fill(`"password":"x",`),
		"urls":        fill("https://a.example/?error=x&state=1 "),
		"challenge":   "WWW-Authenticate: Bearer " + fill(`a="b", `),
		"log-pairs":   fill("error=invalid_grant "),
	}
	for name, in := range inputs {
		b.Run(name, func(b *testing.B) {
			d := testDecoder(b)
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				d.Decode(in, Options{Now: testNow})
				MaskInput(in)
			}
		})
	}
}

// logLine2KB is a 2 KB log line as services print a failed token request:
// a timestamp, a logger, a stack frame, and an error body inside the text.
var logLine2KB = func() string {
	line := `2025-06-01 11:58:12,345 ERROR [http-nio-8080-exec-3] c.e.auth.TokenClient : token request failed: status=400 ` +
		`body={"error":"invalid_grant","error_description":"AADSTS70008: The provided authorization code or refresh token has expired due to inactivity. Trace ID: 8f2c1d4e-5a6b-4c7d-8e9f-0a1b2c3d4e00 Correlation ID: 3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7 Timestamp: 2025-06-01 11:58:12Z","error_codes":[70008],"timestamp":"2025-06-01 11:58:12Z"} `
	var b strings.Builder
	b.WriteString(line)
	for i := 0; b.Len() < 2048; i++ {
		fmt.Fprintf(&b, "\tat com.example.auth.TokenClient.refresh(TokenClient.java:%d) ", 100+i)
	}
	return b.String()[:2048]
}()

func BenchmarkDecodeLogLine2KB(b *testing.B) { benchDecode(b, logLine2KB) }

// BenchmarkNewDecoder is what building the recognition vocabulary and the
// message index costs when a module starts.
func BenchmarkNewDecoder(b *testing.B) {
	cat := testDecoder(b).rec.cat
	benchCPU(b, func() { New(cat) })
}

// BenchmarkDeriveTables is what New would cost without the precomputed
// tables: deriving the vocabulary and the message index from the entries.
func BenchmarkDeriveTables(b *testing.B) {
	cat := testDecoder(b).rec.cat
	benchCPU(b, func() {
		newVocabulary(cat)
		newMessageIndex(cat)
	})
}

// benchCPU runs fn as the benchmark's operation and reports its on-CPU time
// beside the wall time.
func benchCPU(b *testing.B, fn func()) {
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		fn()
	}
	// On-CPU time is what a loaded, shared machine does not inflate much;
	// ns/op there is mostly waiting for a core.
	if start >= 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	}
}
