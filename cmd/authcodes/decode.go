package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/decode"
	"github.com/authcodes/authcodes/catalog/search"
)

const decodeUsage = `Usage: authcodes decode [--json] [--expect KEY=VALUE]... [INPUT | FILE.har | -]

Explains a callback URL, query string or form body, a JSON error body, a
WWW-Authenticate header, a JWT, a SAML response (base64, deflate+base64 or
XML), a log line or a bare code. INPUT is read from standard input when it is
"-" or absent. Secrets are masked; signatures are not verified.

A HAR file (the browser's developer tools, Network, "Export HAR"; up to
50 MB, a file name ending in .har or on standard input) is explained as the
steps of the sign-in, the step where it failed, and that step decoded.

--expect says what the app is configured with (redirect_uri, client_id,
audience, issuer, acs_url); each value the input shows differently is
diagnosed: what was sent, what was expected, how they differ and the rule.
`

// kindLabels name the decoded shapes for a person.
var kindLabels = map[decode.Kind]string{
	decode.KindURL:             "URL",
	decode.KindParams:          "URL-encoded parameters (query, fragment or form body)",
	decode.KindJSON:            "JSON body",
	decode.KindWWWAuthenticate: "WWW-Authenticate header",
	decode.KindJWT:             "JWT",
	decode.KindSAML:            "SAML message",
	decode.KindText:            "text",
	decode.KindCode:            "code",
	decode.KindHAR:             "HAR file",
}

func runDecode(args []string, stdin io.Reader, out *printer, stderr io.Writer) int {
	o, err := parseFlags(args, false, true)
	if err == errHelp {
		fmt.Fprint(out.w, decodeUsage)
		return exitFound
	}
	if err != nil {
		fmt.Fprintf(stderr, "authcodes decode: %v\n\n%s", err, decodeUsage)
		return exitUsage
	}
	input := strings.Join(o.args, " ")
	var har io.Reader // a HAR file, read as a stream
	switch {
	case len(o.args) == 1 && strings.HasSuffix(strings.ToLower(o.args[0]), ".har"):
		f, err := os.Open(o.args[0])
		if err != nil {
			fmt.Fprintf(stderr, "authcodes decode: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		har = f
	case len(o.args) == 0 || len(o.args) == 1 && o.args[0] == "-":
		in := bufio.NewReader(stdin)
		if head, _ := in.Peek(512); decode.LooksHAR(strings.TrimSpace(strings.TrimPrefix(string(head), "\uFEFF"))) {
			har = in
			break
		}
		// Read one byte past the limit, so that Decode can say the input is too large.
		b, err := io.ReadAll(io.LimitReader(in, decode.MaxInputBytes+1))
		if err != nil {
			fmt.Fprintf(stderr, "authcodes decode: reading standard input: %v\n", err)
			return exitUsage
		}
		input = string(b)
	}
	cat, err := catalog.Embedded()
	if err != nil {
		fmt.Fprintf(stderr, "authcodes decode: the catalog does not load: %v\n", err)
		return exitUsage
	}
	d := decode.New(cat)
	if ix, err := search.Embedded(); err == nil {
		d = d.WithFinder(ix.Likely) // for a message that names no code
	}
	var res *decode.Result
	if har != nil {
		res, err = d.DecodeHAR(context.Background(), har, decode.HAROptions{Options: decode.Options{Expect: o.expect}})
	} else {
		res, err = d.Decode(input, decode.Options{Expect: o.expect})
	}
	if err != nil {
		fmt.Fprintf(stderr, "authcodes decode: %v\n", err)
		return exitUsage
	}
	status := exitFound
	if !res.Recognized() {
		status = exitNotFound
	}
	if o.json {
		return writeJSON(out.w, stderr, res, status)
	}
	if !res.Recognized() {
		fmt.Fprintln(out.w, "Nothing recognised: no callback parameters, error body, header, token, SAML message or known code.")
		fmt.Fprintln(out.w, `Try "authcodes search" with words from the message.`)
		return status
	}
	out.printDecoded(cat, res)
	return status
}

// printDecoded explains a result to a person: what it is and who sent it,
// the best entry in full, the others in a line each, the warnings, and the
// fields with secrets masked.
func (p *printer) printDecoded(cat *catalog.Catalog, r *decode.Result) {
	var kinds []string
	for _, k := range r.Parts {
		if l := kindLabels[k]; l != "" && !contains(kinds, l) {
			kinds = append(kinds, l)
		}
	}
	p.hanging(p.style(bold, "Decoded:")+" ", "         ", "", strings.Join(kinds, ", "))
	p.printSteps(r)
	if r.Provider != "" {
		var why []string
		for _, e := range r.Evidence {
			why = append(why, e.Detail)
		}
		p.hanging(p.style(bold, "Provider:")+" ", "          ", "", r.ProviderName+" ("+strings.Join(why, "; ")+")")
	}
	if len(r.Codes) > 0 {
		var codes []string
		for _, c := range r.Codes {
			codes = append(codes, c.Value+" (in "+c.Field+")")
		}
		p.hanging(p.style(bold, "Codes:")+" ", "       ", "", strings.Join(codes, ", "))
	}
	if len(r.Matches) > 0 {
		p.printf("\n")
		if r.Matches[0].Relation == decode.ByMessage {
			p.hanging("", "", yellow, "No code or known message was found. Likely, by the message's words:")
			p.printf("\n")
		}
		p.printEntry(cat, r.Matches[0].Entry)
		p.printCauses(r.Matches[0].Causes)
		var also []*catalog.Entry
		for _, m := range r.Matches[1:] {
			also = append(also, m.Entry)
		}
		p.printAlso("Also", also)
	}
	if len(r.Diagnosis) > 0 {
		p.printf("\n%s\n", p.style(bold, "Diagnosis"))
		for _, d := range r.Diagnosis {
			p.hanging("  "+p.style(yellow, "≠ "+d.Expect+" ("+strings.Join(d.Differences, ", ")+")")+": ", "    ", "", d.Message)
			if d.Rule != "" {
				p.hanging("    ", "    ", dim, d.Rule+" ("+d.RuleURL+")")
			}
		}
	}
	if len(r.Warnings) > 0 {
		p.printf("\n%s\n", p.style(bold, "Warnings"))
		for _, w := range r.Warnings {
			p.hanging("  "+p.style(yellow, "! "+string(w.Code))+": ", "    ", "", w.Message)
		}
	}
	if len(r.Fields) > 0 {
		p.printf("\n%s\n", p.style(bold, "Fields"))
		masked := map[string]bool{}
		for _, m := range r.Masked {
			masked[m] = true
		}
		wide := 0
		for _, f := range r.Fields {
			wide = max(wide, min(visibleLen(f.Name), 36))
		}
		for _, f := range r.Fields {
			code := ""
			if masked[f.Name] {
				code = dim
			}
			name := clean(f.Name)
			p.hanging("  "+pad(name, wide)+"  ", strings.Repeat(" ", wide+4), code, f.Value)
		}
	}
}

// printSteps lists a HAR's sign-in steps, the failing one marked; the
// rest of the result is that step's.
func (p *printer) printSteps(r *decode.Result) {
	if len(r.Steps) == 0 {
		return
	}
	p.printf("\n%s\n", p.style(bold, "Steps"))
	for _, st := range r.Steps {
		mark, code := "  ", ""
		if st.Failed {
			mark, code = "✗ ", yellow
		}
		// Without their queries: the failing step's are decoded below, and
		// --json gives every step's whole.
		line := fmt.Sprintf("%s %s %s → %d", st.Role, st.Method, withoutQuery(st.URL), st.Status)
		if st.Location != "" {
			line += " → " + withoutQuery(st.Location)
		}
		if len(st.Codes) > 0 {
			line += " [" + strings.Join(st.Codes, ", ") + "]"
		}
		p.hanging(fmt.Sprintf("%s%2d. ", mark, st.Number), "      ", code, line)
	}
	if r.FailedStep > 0 {
		p.printf("\n")
		p.hanging("", "", yellow, fmt.Sprintf("The sign-in failed at step %d; what follows is that step, decoded.", r.FailedStep))
	}
}

// printCauses lists the causes the input's evidence supports, each with
// what moved it; nothing when the evidence points at none.
func (p *printer) printCauses(causes []decode.RankedCause) {
	if len(causes) == 0 || len(causes[0].Evidence) == 0 {
		return
	}
	p.printf("\n%s\n", p.style(bold, "Likely here, by the evidence"))
	for i, c := range causes {
		if len(c.Evidence) == 0 {
			break
		}
		p.hanging(fmt.Sprintf("  %d. ", i+1), "     ", "", c.Text)
		for _, e := range c.Evidence {
			p.hanging("     ← ", "       ", dim, e)
		}
	}
}

func withoutQuery(u string) string {
	if base, _, ok := strings.Cut(u, "?"); ok {
		return base + "?…"
	}
	return u
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// writeJSON prints v as one indented JSON object.
func writeJSON(w, stderr io.Writer, v any, status int) int {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(stderr, "authcodes: writing JSON: %v\n", err)
		return exitUsage
	}
	return status
}
