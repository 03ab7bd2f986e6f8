package decode

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"
)

// SAML bindings, as the "binding" field names them.
const (
	bindingPOST     = "HTTP-POST (base64)"
	bindingRedirect = "HTTP-Redirect (deflate+base64)"
	bindingRaw      = "raw XML"
)

// samlRoots are the root elements of SAML messages the decoder explains.
var samlRoots = setOf("Response", "LogoutResponse", "ArtifactResponse", "AuthnRequest",
	"LogoutRequest", "Assertion", "ManageNameIDResponse", "NameIDMappingResponse", "ArtifactResolve", "AttributeQuery")

var errNotSAML = errors.New("not SAML")

// samlParam handles SAMLResponse, SAMLRequest and SAMLart parameters.
func (s *session) samlParam(name, value string, primary bool) error {
	switch name {
	case "SAMLart":
		s.addField(name, value, inParams) // an artifact is a one-time reference to an assertion: a secret
		return nil
	case "SAMLRequest":
		s.putField(name, abbreviate(value), false)
	default:
		s.putField(name, maskValue(value), true)
	}
	if !s.budget.message() {
		s.warn(WarnUndecodable, "", "The input holds more than %d SAML messages; only the first %d were decoded.", maxMessages, maxMessages)
		return nil
	}
	// Once earlier messages spent some of the inflation budget, running out
	// of it says nothing about this message: a warning, not an error.
	shared := s.budget.inflateLimit() < maxInflatedBytes
	data, binding, err := decodeSAMLValue(name, value, s.budget)
	if shared && errors.Is(err, ErrTooLarge) {
		primary = false
	}
	if errors.Is(err, errNotSAML) {
		err = inputError(name, ErrMalformed, "the value is not a base64-encoded SAML message")
	} else if err == nil {
		s.part(KindSAML)
		err = s.decodeSAMLXML(data, binding, name)
	}
	if err != nil {
		if primary {
			return err
		}
		s.warn(WarnUndecodable, name, "%v", err)
	}
	return nil
}

// abbreviate shortens a long value that is shown decoded elsewhere.
func abbreviate(v string) string {
	if len(v) <= 48 {
		return v
	}
	return v[:24] + fmt.Sprintf("…[%d chars, decoded below]", len(v))
}

// decodeSAMLBlobInput tries an input that is one base64 token as a SAML
// message. It reports false, without error, when the bytes are not SAML.
func (s *session) decodeSAMLBlobInput(in string) (bool, error) {
	s.budget.message()
	data, binding, err := decodeSAMLValue("SAML message", in, s.budget)
	if errors.Is(err, errNotSAML) {
		return false, nil
	}
	if err != nil {
		return true, err
	}
	s.part(KindSAML)
	return true, s.decodeSAMLXML(data, binding, "")
}

// isBase64Token reports whether s is base64 (standard or URL-safe),
// possibly percent-encoded, as a SAML message travels. A loop rather than a
// regular expression: the message may be a few hundred kilobytes.
func isBase64Token(s string) bool {
	for pad := 0; pad < 2; pad++ {
		if strings.HasSuffix(s, "=") {
			s = s[:len(s)-1]
		} else if len(s) >= 3 && strings.EqualFold(s[len(s)-3:], "%3D") {
			s = s[:len(s)-3]
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isLetter(c) || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '_' || c == '-':
		case c == '%' && i+2 < len(s) && s[i+1] == '2' && strings.IndexByte("bBfF", s[i+2]) >= 0:
			i += 2
		default:
			return false
		}
	}
	return s != ""
}

// decodeSAMLValue decodes a SAML message as it travels: base64 (POST
// binding) or deflate+base64 (redirect binding), percent-encoded or not,
// with line breaks, or with "+" turned into spaces by form decoding. What
// it inflates is taken from b.
func decodeSAMLValue(part, v string, b *budget) ([]byte, string, error) {
	v = strings.TrimSpace(v)
	if strings.Contains(v, "%") {
		if u, err := url.PathUnescape(v); err == nil {
			v = u
		}
	}
	v = strings.Map(func(r rune) rune {
		switch r {
		case ' ':
			return '+'
		case '\r', '\n', '\t':
			return -1
		}
		return r
	}, v)
	raw, ok := decodeBase64(v)
	if !ok {
		// A cut-off copy: what does decode starts like XML or deflate.
		if cut, ok := decodeBase64(v[:len(v)/4*4]); ok && len(cut) > 0 {
			if looksXML(cut) || inflatesToXML(cut) {
				return nil, "", inputError(part, ErrMalformed, "the base64 is cut off (%d characters, not a whole number of 4-character groups); copy the whole value", len(v))
			}
		}
		return nil, "", errNotSAML
	}
	if looksXML(raw) {
		return raw, bindingPOST, nil
	}
	if !inflatesToXML(raw) {
		return nil, "", errNotSAML
	}
	limit := b.inflateLimit()
	inflated, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(raw)), int64(limit)+1))
	b.inflated -= len(inflated)
	if len(inflated) > limit {
		if limit < maxInflatedBytes {
			return nil, "", inputError(part, ErrTooLarge, "the deflated SAML messages of this input inflate to more than %d KiB together", maxInflatedTotal>>10)
		}
		return nil, "", inputError(part, ErrTooLarge, "the deflated SAML message inflates to more than the %d KiB limit", maxInflatedBytes>>10)
	}
	if looksXML(inflated) {
		if err != nil {
			return nil, "", inputError(part, ErrMalformed, "the deflated SAML message is cut off after %d bytes; copy the whole value", len(inflated))
		}
		return inflated, bindingRedirect, nil
	}
	return nil, "", errNotSAML
}

func decodeBase64(v string) ([]byte, bool) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(v); err == nil {
			return b, true
		}
	}
	return nil, false
}

func looksXML(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n\uFEFF")
	return len(b) > 1 && b[0] == '<' && (b[1] == '?' || b[1] == '!' || b[1] >= 'A' && b[1] <= 'Z' || b[1] >= 'a' && b[1] <= 'z' || b[1] == '_')
}

func inflatesToXML(b []byte) bool {
	out, _ := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(b)), 64))
	return looksXML(out)
}

// samlMessage is what the decoder reads from a SAML message.
type samlMessage struct {
	root          string
	issueInstant  time.Time
	statusTop     string
	hasAssertion  bool
	encrypted     bool
	signs         int          // Signature elements
	signedBy      []string     // the elements they sign, each once, at most maxSignedNames
	conditions    [2]time.Time // NotBefore, NotOnOrAfter
	confirmations []time.Time  // SubjectConfirmationData NotOnOrAfter
	confirmAfter  []time.Time  // SubjectConfirmationData NotBefore
	assertionTime time.Time
}

// maxSignedNames bounds the signed elements a warning names.
const maxSignedNames = 4

// Attributes shown for elements, by local name.
var samlAttrs = map[string][]string{
	"root":                    {"ID", "InResponseTo", "IssueInstant", "Destination", "AssertionConsumerServiceURL", "ProtocolBinding", "ForceAuthn", "IsPassive", "NotOnOrAfter", "Reason"},
	"Assertion":               {"ID", "IssueInstant"},
	"SubjectConfirmationData": {"NotBefore", "NotOnOrAfter", "Recipient", "InResponseTo"},
	"Conditions":              {"NotBefore", "NotOnOrAfter"},
	"AuthnStatement":          {"AuthnInstant", "SessionNotOnOrAfter"},
	"NameID":                  {"Format"},
	"NameIDPolicy":            {"Format", "AllowCreate"},
}

// Elements whose text is shown, by local name, with the path it is shown under.
var samlText = map[string]string{
	"Issuer":        "",
	"StatusMessage": "Status.",
	"NameID":        "Subject.",
	"Audience":      "Conditions.",
}

// decodeSAMLXML reads a SAML message with a streaming decoder: no DOCTYPE
// (so no entity can be declared, let alone expanded or fetched), bounded
// depth, start and end tags checked against each other.
func (s *session) decodeSAMLXML(data []byte, binding, part string) error {
	_, err := s.readSAML(data, binding, part)
	return err
}

// readSAML reads one SAML message from the start of data and returns how
// many bytes it took: in free text, the message ends with its root element.
func (s *session) readSAML(data []byte, binding, part string) (int, error) {
	if part == "" {
		part = "SAML message"
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var (
		stack   []xml.Name
		msg     samlMessage
		capture *strings.Builder
		// capDepth is the depth of the element whose text is captured: only
		// its own text counts, never that of elements inside it.
		capDepth int
		capName  string
		capLimit int
		tokens   int
	)
	s.putField("binding", binding, false)
	fieldName := func(local string) string {
		parent := ""
		if len(stack) >= 2 {
			parent = stack[len(stack)-2].Local
		}
		switch {
		case local == "StatusCode" && parent == "StatusCode":
			return msg.root + ".Status.StatusCode.StatusCode"
		case local == "StatusCode" || local == "StatusMessage":
			return msg.root + ".Status." + local
		case parent == msg.root && msg.root != "Assertion":
			return msg.root + "." + local
		}
		return "Assertion." + samlText[local] + local
	}
	for {
		if tokens++; tokens%4096 == 0 && s.budget.stopped() {
			return 0, s.budget.ctx.Err()
		}
		tok, err := dec.RawToken()
		if err == io.EOF {
			if len(stack) > 0 {
				return 0, inputError(part, ErrMalformed, "the XML ends before </%s> (cut off after %d bytes?)", qname(stack[len(stack)-1]), len(data))
			}
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			if errors.Is(err, io.ErrUnexpectedEOF) || strings.HasSuffix(err.Error(), "unexpected EOF") {
				return 0, inputError(part, ErrMalformed, "the XML ends in the middle of a tag (cut off after %d bytes?)", len(data))
			}
			return 0, inputError(part, ErrMalformed, "XML error on line %d: %s", line, strings.TrimPrefix(err.Error(), "XML syntax error on line "+fmt.Sprint(line)+": "))
		}
		switch t := tok.(type) {
		case xml.Directive:
			return 0, &InputError{Part: part, Err: ErrUnsafeXML}
		case xml.StartElement:
			if len(stack) >= MaxDepth {
				return 0, &InputError{Part: part, Err: ErrTooDeep}
			}
			stack = append(stack, t.Name)
			local := t.Name.Local
			if len(stack) == 1 {
				if !samlRoots[local] {
					return 0, inputError(part, ErrMalformed, "this is XML, but not a SAML protocol message (its root element is <%s>)", qname(t.Name))
				}
				msg.root = local
				s.shapes[shapeSAML] = "a SAML 2.0 <" + local + "> message"
				for _, a := range pick(t.Attr, samlAttrs["root"]) {
					s.addField(msg.root+"."+a.Name.Local, a.Value, inJSON)
				}
				msg.issueInstant = samlTime(attr(t.Attr, "IssueInstant"))
				if local == "Assertion" {
					msg.hasAssertion = true
					msg.assertionTime = msg.issueInstant
				}
				continue
			}
			switch local {
			case "StatusCode":
				s.samlStatus(fieldName(local), attr(t.Attr, "Value"), &msg, len(stack) >= 2 && stack[len(stack)-2].Local == "StatusCode")
			case "Assertion":
				msg.hasAssertion = true
				msg.assertionTime = samlTime(attr(t.Attr, "IssueInstant"))
				for _, a := range pick(t.Attr, samlAttrs[local]) {
					s.addField("Assertion."+a.Name.Local, a.Value, inJSON)
				}
			case "EncryptedAssertion":
				msg.encrypted = true
			case "Signature":
				if len(stack) >= 2 {
					msg.signs++
					if parent := stack[len(stack)-2].Local; len(msg.signedBy) < maxSignedNames && !slices.Contains(msg.signedBy, parent) {
						msg.signedBy = append(msg.signedBy, parent)
					}
				}
			case "SubjectConfirmationData", "Conditions", "AuthnStatement", "NameIDPolicy":
				base := "Assertion."
				if local == "SubjectConfirmationData" {
					base = "Assertion.Subject."
				} else if local == "NameIDPolicy" {
					base = msg.root + "."
				}
				for _, a := range pick(t.Attr, samlAttrs[local]) {
					s.addField(base+local+"."+a.Name.Local, a.Value, inJSON)
				}
				switch local {
				case "Conditions":
					msg.conditions = [2]time.Time{samlTime(attr(t.Attr, "NotBefore")), samlTime(attr(t.Attr, "NotOnOrAfter"))}
				case "SubjectConfirmationData":
					if t := samlTime(attr(t.Attr, "NotOnOrAfter")); !t.IsZero() {
						msg.confirmations = append(msg.confirmations, t)
					}
					if t := samlTime(attr(t.Attr, "NotBefore")); !t.IsZero() {
						msg.confirmAfter = append(msg.confirmAfter, t)
					}
				}
			}
			if _, ok := samlText[local]; ok && capture == nil {
				capture, capName, capDepth = &strings.Builder{}, fieldName(local), len(stack)
				capLimit = min(maxCapture, max(0, maxCapturedTotal-s.captured))
			}
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1] != t.Name {
				open := "nothing"
				if len(stack) > 0 {
					open = "<" + qname(stack[len(stack)-1]) + ">"
				}
				line, _ := dec.InputPos()
				return 0, inputError(part, ErrMalformed, "on line %d, </%s> closes %s", line, qname(t.Name), open)
			}
			if capture != nil && len(stack) == capDepth {
				v := strings.TrimSpace(capture.String())
				s.addField(capName, v, inJSON)
				if t.Name.Local == "Issuer" && (msg.root == "Response" || msg.root == "Assertion") {
					s.noteIssuer(capName, v) // a request's Issuer is the service provider
				}
				capture = nil
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				s.checkSAML(&msg)
				return int(dec.InputOffset()), nil
			}
		case xml.CharData:
			// Kept up to the element's share, checked before writing: one
			// text node may be the whole message.
			if capture != nil && len(stack) == capDepth && capture.Len() < capLimit {
				n := min(len(t), capLimit-capture.Len())
				capture.Write(t[:n])
				s.captured += n
			}
		}
	}
	return 0, inputError(part, ErrMalformed, "there is no XML element in it")
}

// samlStatus records a top-level or second-level StatusCode.
func (s *session) samlStatus(field, value string, msg *samlMessage, second bool) {
	s.addField(field, value, inJSON)
	short := value[strings.LastIndexByte(value, ':')+1:]
	if second {
		s.addCode(codeWord(short), value, field, 1)
		return
	}
	if msg.statusTop == "" {
		msg.statusTop = short
	}
	s.addCode(codeWord(short), value, field, 2)
}

// checkSAML compares the message's times with each other and with now, and
// says what its signatures and status mean.
func (s *session) checkSAML(m *samlMessage) {
	issued := m.assertionTime
	if issued.IsZero() {
		issued = m.issueInstant
	}
	if !issued.IsZero() && issued.After(s.now) {
		s.warn(WarnClockSkew, m.root+".IssueInstant", "The message was issued %s in the future (IssueInstant %s, now %s): the identity provider's clock or this machine's is about %s off. Sync clocks with NTP; service providers usually allow a few minutes of skew.",
			human(issued.Sub(s.now)), issued.Format(time.RFC3339), s.now.Format(time.RFC3339), human(issued.Sub(s.now)))
	}
	if nb := m.conditions[0]; !nb.IsZero() {
		if s.now.Before(nb) {
			s.warn(WarnNotYetValid, "Assertion.Conditions.NotBefore", "The assertion is not valid before %s, %s from now (Conditions NotBefore). The identity provider's clock runs ahead of this one: clock skew.",
				nb.Format(time.RFC3339), human(nb.Sub(s.now)))
		}
		if !issued.IsZero() && nb.After(issued) {
			s.warn(WarnClockSkew, "Assertion.Conditions.NotBefore", "Conditions NotBefore (%s) is %s after the IssueInstant (%s): the assertion is stamped valid only later than it was issued, and a service provider whose clock is up to %s behind rejects it as not yet valid.",
				nb.Format(time.RFC3339), human(nb.Sub(issued)), issued.Format(time.RFC3339), human(nb.Sub(issued)))
		}
	}
	for _, nb := range m.confirmAfter {
		if !issued.IsZero() && nb.After(issued) {
			s.warn(WarnClockSkew, "Assertion.Subject.SubjectConfirmationData.NotBefore", "SubjectConfirmationData NotBefore (%s) is %s after the IssueInstant (%s): a service provider whose clock is up to %s behind rejects the subject confirmation as not yet valid.",
				nb.Format(time.RFC3339), human(nb.Sub(issued)), issued.Format(time.RFC3339), human(nb.Sub(issued)))
		}
	}
	deadlines := []struct {
		t     time.Time
		field string
		what  string
	}{{m.conditions[1], "Assertion.Conditions.NotOnOrAfter", "the assertion (Conditions NotOnOrAfter)"}}
	for _, t := range m.confirmations {
		deadlines = append(deadlines, struct {
			t     time.Time
			field string
			what  string
		}{t, "Assertion.Subject.SubjectConfirmationData.NotOnOrAfter", "the subject confirmation (SubjectConfirmationData NotOnOrAfter, the deadline for the service provider to accept it)"})
	}
	for _, d := range deadlines {
		switch {
		case d.t.IsZero():
		case !issued.IsZero() && !d.t.After(issued):
			s.warn(WarnExpired, d.field, "%s ends at %s, no later than it was issued (%s): it was never valid. Check the validity period configured at the identity provider.",
				capitalize(d.what), d.t.Format(time.RFC3339), issued.Format(time.RFC3339))
		case !s.now.Before(d.t):
			s.warn(WarnExpired, d.field, "%s expired %s ago (%s, now %s). A response replayed or posted late is rejected; if it was posted just now, the clocks disagree.",
				capitalize(d.what), human(s.now.Sub(d.t)), d.t.Format(time.RFC3339), s.now.Format(time.RFC3339))
		}
	}
	if len(m.signedBy) > 0 {
		on := "<" + strings.Join(m.signedBy, ">, <") + ">"
		if m.signs > len(m.signedBy) {
			on = fmt.Sprintf("%s (%s signatures in all)", on, thousands(m.signs))
		}
		s.warn(WarnSignatureNotVerified, "", "The message carries an XML signature on %s that was not verified here: the decoder has no certificate. The service provider must verify it with the identity provider's signing certificate from its metadata.",
			on)
	} else if m.hasAssertion {
		s.warn(WarnUnsigned, "", "Neither the response nor the assertion is signed. A service provider must reject an unsigned assertion: anyone could have written it.")
	}
	if m.encrypted {
		s.warn(WarnEncrypted, "", "The assertion is encrypted (EncryptedAssertion): its subject, conditions and times are not visible without the service provider's private key.")
	}
	if m.root == "Response" && m.statusTop == "Success" {
		s.warn(WarnNoError, "", "The identity provider reports Success. If the login still failed, the service provider rejected the response: check the signature, the audience, Recipient and Destination, InResponseTo, and the times shown here.")
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

func attr(attrs []xml.Attr, local string) string {
	for _, a := range attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// pick returns the attributes named in names, in that order.
func pick(attrs []xml.Attr, names []string) []xml.Attr {
	var out []xml.Attr
	for _, n := range names {
		for _, a := range attrs {
			if a.Name.Local == n && a.Name.Space == "" {
				out = append(out, a)
			}
		}
	}
	return out
}

// samlTime reads an xs:dateTime; a value that is not one is left out of the checks.
func samlTime(v string) time.Time {
	if v == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(v))
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

// samlParam masks a SAMLResponse for MaskInput: the message is decoded,
// its signature values masked (a response whose signature is gone cannot be
// replayed) and encoded back the way it came, so a share link still decodes.
// What does not decode is masked whole.
func (mk *masker) samlParam(v string, escape bool) string {
	out, ok := mk.samlBlob(v)
	if !ok {
		out = mk.value(v)
	}
	if escape {
		return url.QueryEscape(out)
	}
	return out
}

func (mk *masker) samlBlob(v string) (string, bool) {
	if mk.discard {
		// Only finding credentials for Decode: what masking a SAML message
		// hides (its signature values) the decoder never shows, so the
		// message is not inflated twice.
		mk.skipped = true
		return "", true
	}
	if !mk.spend().message() {
		return "", false // over the budget: masked whole
	}
	data, binding, err := decodeSAMLValue("", v, mk.budget)
	if err != nil {
		return "", false
	}
	xml := replaceSubmatch(xmlSignatureValue(), string(data), func(m []int, s string) (int, int, string) {
		return m[4], m[5], mk.value(strings.TrimSpace(s[m[4]:m[5]]))
	})
	if mk.personal {
		xml = maskSAMLPersonal(xml)
	}
	masked := []byte(xml)
	if binding == bindingRedirect {
		var b bytes.Buffer
		w, _ := flate.NewWriter(&b, flate.DefaultCompression)
		w.Write(masked)
		w.Close()
		masked = b.Bytes()
	}
	return base64.StdEncoding.EncodeToString(masked), true
}

// samlInText finds the start of a raw SAML message inside free text.
var samlInText = lazyRegexp(`<(?:[A-Za-z_][\w.-]*:)?(?:Response|LogoutResponse|AuthnRequest|LogoutRequest|Assertion)\b`)
