package decode

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"html"
	"io"
	"net/url"
	"strings"
)

// SanitizeHAR writes the HAR read from r to w with every secret masked, so
// that it can be shared: cookie and Set-Cookie values, Authorization
// headers, tokens, authorization codes, code verifiers, client secrets,
// passwords and form fields that hold them, SAML signature values, and
// (unless opts.KeepPersonal) a SAML assertion's NameID and attribute values
// and login names. Bodies stay, with what they carry of these masked; the
// output is a HAR 1.2 file with the same entries, which HAR viewers open.
//
// It reads r twice, one entry at a time: the first time to find every
// credential, so that one met in a form the rules do not know (a code in
// a page's script) is masked wherever it shows, the second time to write.
// The masking is MaskInput's; its rules live in one place.
func SanitizeHAR(ctx context.Context, w io.Writer, r io.ReadSeeker, opts HAROptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	var secrets secretSet
	find := &sanitizer{mk: &masker{secrets: &secrets, personal: !opts.KeepPersonal, budget: newBudget(ctx)}}
	if err := find.pass(ctx, r, io.Discard, opts.limit()); err != nil {
		return err
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return inputError("HAR", ErrMalformed, "it cannot be read a second time: %v", err)
	}
	write := &sanitizer{mk: &masker{personal: !opts.KeepPersonal, budget: newBudget(ctx)}, scrub: newScrubber(&secrets)}
	bw := bufio.NewWriter(w)
	if err := write.pass(ctx, r, bw, opts.limit()); err != nil {
		return err
	}
	return bw.Flush()
}

// sanitizer masks the values of one pass over a HAR.
type sanitizer struct {
	mk    *masker
	scrub *scrubber // nil on the first pass
}

// pass reads the HAR from r and writes it, masked, to w.
func (z *sanitizer) pass(ctx context.Context, r io.Reader, w io.Writer, limit int64) error {
	dec := json.NewDecoder(ctxReader{ctx, &limitReader{r: r, n: limit, limit: limit}})
	dec.UseNumber()
	var top, log []member
	first := true
	if _, err := io.WriteString(w, `{"log":{"entries":[`); err != nil {
		return err
	}
	err := walkHAR(dec, func(dec *json.Decoder) error {
		var e any
		if err := dec.Decode(&e); err != nil {
			return harSyntax(err, dec)
		}
		if m, ok := e.(map[string]any); ok {
			z.entry(m)
		}
		data, err := marshalPlain(z.strings(e))
		if err != nil {
			return err
		}
		if !first {
			data = append([]byte{','}, data...)
		}
		first = false
		_, err = w.Write(data)
		return err
	}, func(path string, raw json.RawMessage) error {
		var v any
		d := json.NewDecoder(strings.NewReader(string(raw)))
		d.UseNumber()
		if err := d.Decode(&v); err != nil {
			return harSyntax(err, dec)
		}
		if key, ok := strings.CutPrefix(path, "log."); ok {
			if key != "comment" {
				log = append(log, member{key, z.strings(v)})
			}
		} else {
			top = append(top, member{path, z.strings(v)})
		}
		return nil
	})
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, "]"); err != nil {
		return err
	}
	log = append(log, member{"comment", "Sanitized by authcodes: cookie values, credentials, tokens, codes and passwords are masked (\"…[masked, N chars]\")."})
	if err := writeMembers(w, log); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "}"); err != nil { // the end of "log"
		return err
	}
	if err := writeMembers(w, top); err != nil {
		return err
	}
	_, err = io.WriteString(w, "}\n")
	return err
}

// marshalPlain is json.Marshal without escaping <, > and &, as browsers
// write HARs: a page's markup stays readable.
func marshalPlain(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// writeMembers writes ,"key":value for each member.
func writeMembers(w io.Writer, list []member) error {
	for _, m := range list {
		k, _ := marshalPlain(m.key)
		v, err := marshalPlain(m.value)
		if err != nil {
			return err
		}
		if _, err := w.Write(append(append(append([]byte{','}, k...), ':'), v...)); err != nil {
			return err
		}
	}
	return nil
}

type member struct {
	key   string
	value any
}

// entry masks the parts of one entry whose meaning is known: headers,
// cookies, parameters, bodies.
func (z *sanitizer) entry(e map[string]any) {
	if req, ok := e["request"].(map[string]any); ok {
		z.headers(req["headers"])
		z.cookies(req["cookies"])
		z.params(req["queryString"])
		if pd, ok := req["postData"].(map[string]any); ok {
			z.params(pd["params"])
			if t, ok := pd["text"].(string); ok {
				pd["text"] = z.body(t)
			}
		}
	}
	if resp, ok := e["response"].(map[string]any); ok {
		z.headers(resp["headers"])
		z.cookies(resp["cookies"])
		if c, ok := resp["content"].(map[string]any); ok {
			z.content(c)
		}
	}
}

// nameValues calls fn on each {"name", "value"} object of a HAR list.
func nameValues(list any, fn func(name, value string) string) {
	items, _ := list.([]any)
	for _, it := range items {
		m, ok := it.(map[string]any)
		if !ok {
			continue
		}
		name, _ := m["name"].(string)
		if value, ok := m["value"].(string); ok && value != "" {
			m["value"] = fn(name, value)
		}
	}
}

// headers masks header values: cookies, Authorization, and any header
// whose name says it holds a credential.
func (z *sanitizer) headers(list any) {
	nameValues(list, func(name, value string) string {
		switch n := strings.ToLower(name); {
		case n == "cookie" || n == "set-cookie":
			return z.mk.cookies(value)
		case n == "authorization" || n == "proxy-authorization":
			scheme, cred, ok := strings.Cut(value, " ")
			if !ok {
				return z.mk.whole(value)
			}
			return scheme + " " + z.mk.whole(strings.TrimSpace(cred))
		case isSecretName(name, inParams):
			return z.mk.value(value)
		}
		return z.mk.text(value)
	})
}

// cookies masks the values of a HAR cookies list.
func (z *sanitizer) cookies(list any) {
	nameValues(list, func(_, value string) string { return z.mk.value(value) })
}

// params masks a queryString or postData.params list as the same
// parameters in a URL are masked.
func (z *sanitizer) params(list any) {
	nameValues(list, func(name, value string) string {
		if strings.EqualFold(name, "SAMLResponse") || strings.EqualFold(name, "SAMLRequest") {
			if out, ok := z.mk.samlBlob(value); ok {
				return out
			}
			return z.mk.value(value)
		}
		out := z.mk.pairs(name + "=" + url.QueryEscape(value))
		v := strings.TrimPrefix(out, name+"=")
		if u, err := url.QueryUnescape(v); err == nil {
			v = u
		}
		return z.mk.text(v) // a credential inside a value that is not one itself
	})
}

// content masks a response body; a body in base64 (binary, or text the
// browser stored so) is masked decoded, or dropped when it does not decode
// and is not an image or font.
func (z *sanitizer) content(c map[string]any) {
	text, ok := c["text"].(string)
	if !ok || text == "" {
		return
	}
	if enc, _ := c["encoding"].(string); enc == "base64" {
		mime, _ := c["mimeType"].(string)
		if strings.HasPrefix(mime, "image/") || strings.HasPrefix(mime, "font/") {
			return
		}
		raw, err := base64.StdEncoding.DecodeString(text)
		if err != nil {
			delete(c, "text")
			c["comment"] = "body removed by authcodes sanitize: it was not readable"
			return
		}
		c["text"] = base64.StdEncoding.EncodeToString([]byte(z.body(string(raw))))
		return
	}
	c["text"] = z.body(text)
}

// body masks a request or response body: form fields of pages (a sign-in
// form, a form_post page), then whatever masking text finds.
func (z *sanitizer) body(text string) string {
	if strings.Contains(text, "<input") || strings.Contains(text, "<INPUT") {
		text = z.mk.htmlInputs(text)
	}
	return z.mk.text(text)
}

// strings masks, on the first pass, and scrubs, on the second, every
// string of a value: whatever the known parts held is masked everywhere
// else too (a page's title, an initiator's URL).
func (z *sanitizer) strings(v any) any {
	switch t := v.(type) {
	case string:
		s := z.mk.text(t)
		if z.scrub != nil {
			s = z.scrub.clean(s)
		}
		return s
	case map[string]any:
		for k, x := range t {
			t[k] = z.strings(x)
		}
	case []any:
		for i, x := range t {
			t[i] = z.strings(x)
		}
	}
	return v
}

// inputTag and inputAttrs find a page's form fields.
var (
	inputTag      = lazyRegexp(`(?is)<input\b[^>]*>`)
	inputAttrPart = lazyRegexp(`(?is)\b(name|value|type)\s*=\s*("[^"]*"|'[^']*')`)
)

// htmlInputs masks the value of every form field of a page whose name is a
// credential's (code, id_token, SAMLResponse, a flow token), a password
// field's, or, when personal data is masked, a login name's.
func (mk *masker) htmlInputs(page string) string {
	return inputTag().ReplaceAllStringFunc(page, func(tag string) string {
		var name, typ string
		attrs := inputAttrPart().FindAllStringSubmatchIndex(tag, -1)
		for _, m := range attrs {
			v := html.UnescapeString(tag[m[4]+1 : m[5]-1])
			switch strings.ToLower(tag[m[2]:m[3]]) {
			case "name":
				name = v
			case "type":
				typ = strings.ToLower(v)
			}
		}
		kind := secretKind(name, inParams)
		secret := kind != notSecret || typ == "password" || mk.maskPersonal() && personalNames[normName(name)]
		if !secret {
			return tag
		}
		for i := len(attrs) - 1; i >= 0; i-- {
			m := attrs[i]
			if strings.ToLower(tag[m[2]:m[3]]) != "value" {
				continue
			}
			v := html.UnescapeString(tag[m[4]+1 : m[5]-1])
			if v == "" || shownUnder(kind, v) {
				continue
			}
			var masked string
			switch {
			case strings.EqualFold(name, "SAMLResponse"):
				out, ok := mk.samlBlob(v)
				if !ok {
					out = mk.value(v)
				}
				masked = out
			case typ == "password" || isPasswordName(name) || kind == notSecret:
				masked = mk.whole(v)
			default:
				masked = mk.value(v)
			}
			tag = tag[:m[4]+1] + html.EscapeString(masked) + tag[m[5]-1:]
		}
		return tag
	})
}
