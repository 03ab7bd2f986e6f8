package site

import (
	"fmt"
	"strings"

	"github.com/authcodes/authcodes/catalog"
)

// llms.txt and llms-full.txt follow the llms.txt convention (llmstxt.org):
// Markdown with an H1 naming the site, a blockquote summing it up, a few
// lines of context, then H2 sections whose items are links with a note; a
// section named "Optional" holds what a reader with little room may skip.
// llms.txt is the map; llms-full.txt carries every entry's summary and fix
// steps, so that an assistant can answer from one file.

const llmsSummary = "A cross-provider reference of authentication error codes (SSO, OAuth 2.0, " +
	"OpenID Connect, SAML 2.0, SCIM): for each code, what it means, who has to act " +
	"(the end user, the application developer, the identity provider's administrator " +
	"or the provider's support) and the numbered steps that fix it."

// llmsTxt is the site's llms.txt.
func (s *Site) llmsTxt() []byte {
	var b strings.Builder
	s.llmsHead(&b)
	fmt.Fprintf(&b, "Every entry has a page at %s/<provider>/<code>/ (for example %s/entra/AADSTS50011/). "+
		"The complete catalog, every entry's summary and fix steps in one file, is [llms-full.txt](%s/llms-full.txt).\n\n",
		s.origin, s.origin, s.origin)

	b.WriteString("## Providers\n\n")
	for _, pc := range s.providerCounts() {
		p := pc.Provider
		fmt.Fprintf(&b, "- [%s](%s/%s/): %s. %s\n", linkText(p.Name), s.origin, p.Key, codes(pc.Count), firstSentence(p.Description))
	}

	b.WriteString("\n## Tools\n\n")
	fmt.Fprintf(&b, "- [Decoder](%s/decode/): paste a callback URL, error body, WWW-Authenticate header, JWT, SAML response or log line and get it explained in the browser; secrets are masked and nothing is sent anywhere.\n", s.origin)
	fmt.Fprintf(&b, "- [Search](%s/search/): find entries by code, prefix, message text or symptom (`?q=`).\n", s.origin)
	fmt.Fprintf(&b, "- [JSON API](%s/v1/openapi.json): the OpenAPI document of /v1/codes, /v1/lookup, /v1/search, /v1/decode and /v1/providers.\n", s.origin)
	fmt.Fprintf(&b, "- [Full catalog](%s/llms-full.txt): every entry with its summary, who acts and its fix steps, as plain Markdown.\n", s.origin)

	b.WriteString("\n## Optional\n\n")
	fmt.Fprintf(&b, "- [Providers](%s/providers/): every provider and standard, with entry counts.\n", s.origin)
	for _, pc := range s.protocolCounts() {
		fmt.Fprintf(&b, "- [%s error codes](%s/protocols/%s/): %s across providers.\n", linkText(pc.Protocol.Label()), s.origin, pc.Protocol, codes(pc.Count))
	}
	return []byte(b.String())
}

// llmsFullTxt is llms-full.txt: the head of llms.txt, then one section per
// provider with each of its entries.
func (s *Site) llmsFullTxt() []byte {
	var b strings.Builder
	s.llmsHead(&b)
	fmt.Fprintf(&b, "This file holds all %d entries, grouped by provider (standards first). Each names its page, "+
		"where the whole guide is.\n", len(s.cat.Entries()))
	for _, pc := range s.providerCounts() {
		p := pc.Provider
		fmt.Fprintf(&b, "\n## %s\n\n", p.Name)
		fmt.Fprintf(&b, "- [%s error codes](%s/%s/): %s.\n", linkText(p.Name), s.origin, p.Key, codes(pc.Count))
		for _, e := range s.cat.ProviderEntries(p.Key) {
			s.llmsEntry(&b, e)
		}
	}
	return []byte(b.String())
}

func (s *Site) llmsHead(b *strings.Builder) {
	b.WriteString("# authcodes\n\n> " + llmsSummary + "\n\n")
	fmt.Fprintf(b, "%d entries from %d providers and standards. Codes are looked up forgivingly: any letter case, "+
		"with or without the provider's prefix (AADSTS50011 or 50011), aliases and symbolic names. "+
		"A code that several providers use (invalid_grant) has an entry at each, linked to the standard one.\n\n",
		len(s.cat.Entries()), len(s.providerCounts()))
}

func (s *Site) llmsEntry(b *strings.Builder, e *catalog.Entry) {
	fmt.Fprintf(b, "\n### %s: %s\n\n", e.Code, oneLine(e.Title))
	fmt.Fprintf(b, "- ID: %s\n- Page: %s%s\n", e.ID, s.origin, e.Path())
	if len(e.WhoActs) > 0 {
		var who []string
		for _, a := range e.WhoActs {
			who = append(who, a.Label())
		}
		fmt.Fprintf(b, "- Who acts: %s\n", strings.Join(who, ", "))
	}
	if e.HTTPStatus != 0 {
		fmt.Fprintf(b, "- HTTP status: %d\n", e.HTTPStatus)
	}
	if e.Standard != "" {
		fmt.Fprintf(b, "- Travels with: %s\n", e.Standard)
	}
	fmt.Fprintf(b, "\n%s\n", oneLine(e.Summary))
	if e.IsInformational() {
		b.WriteString("\nInformational: this records an event; nothing needs fixing.\n")
		return
	}
	if steps := e.FixSteps(); len(steps) > 0 {
		b.WriteString("\nFix:\n\n")
		for i, step := range steps {
			fmt.Fprintf(b, "%d. %s\n", i+1, oneLine(step))
		}
	}
}

func codes(n int) string {
	if n == 1 {
		return "1 code"
	}
	return fmt.Sprintf("%d codes", n)
}

// linkText escapes the brackets that would end a Markdown link's text.
func linkText(s string) string {
	return strings.NewReplacer("[", `\[`, "]", `\]`).Replace(oneLine(s))
}

// oneLine folds runs of white space, line breaks included, into one space:
// a summary or step stays one Markdown line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// firstSentence is the first sentence of a provider's Markdown description,
// as a link's note.
func firstSentence(md string) string {
	para, _, _ := strings.Cut(strings.TrimSpace(md), "\n\n")
	para = oneLine(para)
	if i := strings.Index(para, ". "); i >= 0 {
		return para[:i+1]
	}
	return para
}
