// Package hostile generates the inputs that once cost the decoder seconds of
// CPU or gigabytes of memory (issue 17), one per class, at any size: the
// tests of catalog/decode measure what decoding them allocates and returns,
// and the worker's end-to-end tests send them to workerd. They are
// generated rather than stored: a few lines each instead of megabytes.
package hostile

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
)

// maxInflated is the decoder's limit on one inflated SAML message (1 MiB):
// each deflated message here inflates to just under it.
const maxInflated = 1 << 20

// Input is one class of hostile input.
type Input struct {
	Name string
	// Was is what the input did before the decoder had a budget, for the
	// reader of a failure.
	Was  string
	Text string
}

// fillTo repeats unit, each copy made by unit(i), between head and tail
// while the whole stays within size bytes.
func fillTo(size int, head, tail string, unit func(i int) string) string {
	var b strings.Builder
	b.WriteString(head)
	for i := 0; ; i++ {
		u := unit(i)
		if b.Len()+len(u)+len(tail) > size {
			break
		}
		b.WriteString(u)
	}
	b.WriteString(tail)
	return b.String()
}

func deflateRaw(data []byte) []byte {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

const samlHead = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="_h" Version="2.0" IssueInstant="2025-06-01T11:59:00Z">`

// inflatesTo returns a deflate+base64 SAML response, percent-encoded for a
// query, whose XML is body between the response's tags, padded with
// white space to about n bytes once inflated.
func inflatesTo(body string, n int) string {
	xml := samlHead + body
	xml += strings.Repeat(" ", max(0, n-len(xml)-len("</samlp:Response>"))) + "</samlp:Response>"
	return url.QueryEscape(base64.StdEncoding.EncodeToString(deflateRaw([]byte(xml))))
}

// Inputs builds every class at size bytes: the decoder's input limit,
// 256 KiB, in the tests.
func Inputs(size int) []Input {
	mib := maxInflated - 64
	oneMiB := inflatesTo(`<saml:Issuer>https://idp.example.org</saml:Issuer>`+strings.Repeat(`<saml:Attribute Name="a"/>`, mib/26-40), mib)
	bigText := inflatesTo(`<saml:Issuer>`+strings.Repeat("x", mib-600)+`</saml:Issuer>`, mib)
	manySigs := inflatesTo(strings.Repeat(`<saml:Assertion><ds:Signature/></saml:Assertion>`, mib/60), mib)
	return []Input{
		{"saml-redirect-many", "40 copies took 9 s; 184 copies 50 s and 6 GB of allocations",
			fillTo(size, "", "", func(int) string { return "SAMLResponse=" + oneMiB + "&" })},
		{"saml-redirect-text-node", "each message a 1 MiB Issuer kept whole",
			fillTo(size, "", "", func(int) string { return "SAMLResponse=" + bigText + "&" })},
		{"saml-text-node", "1.3 GB RSS and 139 MB of output",
			samlHead + "<saml:Issuer>" + strings.Repeat("x", size-len(samlHead)-64) + "</saml:Issuer></samlp:Response>"},
		{"saml-text-nodes", "every Issuer kept whole",
			fillTo(size, samlHead, "</samlp:Response>", func(int) string {
				return "<saml:Issuer>" + strings.Repeat("y", 8<<10) + "</saml:Issuer>"
			})},
		{"code-values", "10,000 code= values took 1.5 s",
			fillTo(size, "", "", func(i int) string { return fmt.Sprintf("code=Sx%07dQ9zK&", i) })},
		{"cookie-values", "10,000 cookie values took 4 s",
			fillTo(size, "Cookie: ", "", func(i int) string { return fmt.Sprintf("c%d=Vx%07dQ9zK; ", i, i) })},
		{"signature-values", "25,000 SignatureValue elements took 5-7 s",
			fillTo(size, samlHead, "</samlp:Response>", func(i int) string {
				return fmt.Sprintf("<ds:Signature><ds:SignatureValue>S%07dQ9zK</ds:SignatureValue></ds:Signature>", i)
			})},
		{"signature-values-deflated", "25,000 SignatureValue elements took 5-7 s natively, 13 s on workerd, 23 s in the browser",
			"SAMLResponse=" + inflatesTo(manyValues(mib-len(samlHead)-64), mib)},
		{"signature-parents", "a 2.8 KB input gave a 1.9 MB warning",
			"SAMLResponse=" + manySigs},
		{"signature-parents-raw", "one name per Signature in the warning",
			fillTo(size, samlHead, "</samlp:Response>", func(i int) string {
				return fmt.Sprintf("<saml:Assertion%d><ds:Signature/></saml:Assertion%d>", i, i)
			})},
		{"error-values", "every error= value a code, compared with every other",
			fillTo(size, "", "", func(i int) string { return fmt.Sprintf("error=e%d_x&", i) })},
		{"jwt-many", "every JWT decoded",
			fillTo(size, "", "", func(i int) string {
				claims := base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, `{"iss":"https://a.example","sub":"%d","exp":1}`, i))
				return "eyJhbGciOiJSUzI1NiJ9." + claims + ".c2lnbmF0dXJl" + fmt.Sprint(i) + " "
			})},
		{"json-long-key", "the long key repeated in every leaf's name",
			fillTo(size, `{"`+strings.Repeat("k", size/2)+`":{`, `"z":1}}`, func(i int) string { return fmt.Sprintf(`"a%d":1,`, i) })},
		{"password-pairs", "every password masked and scrubbed",
			fillTo(size, "", "", func(i int) string { return fmt.Sprintf("password=Pw%07dQ9zK ", i) })},
	}
}

// manyValues is distinct SignatureValue elements, n bytes of them.
func manyValues(n int) string {
	return fillTo(n, "", "", func(i int) string {
		return fmt.Sprintf("<ds:SignatureValue>S%06dQ</ds:SignatureValue>", i)
	})
}
