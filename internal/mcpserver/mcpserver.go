// Package mcpserver offers the catalog to AI assistants over the Model
// Context Protocol: the tools lookup, search and decode, and every entry as a
// resource at authcodes://<provider>/<code>. It adapts the catalog, its
// search index and its decoder to the official Go SDK; `authcodes mcp` runs
// it over standard input and output.
//
// What a user pastes into decode may hold live credentials. The decoder
// masks them before its result is built, so nothing secret reaches the
// model through this server.
package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/decode"
	"github.com/authcodes/authcodes/catalog/search"
)

// Scheme is the URI scheme of the entries as resources.
const Scheme = "authcodes"

// entryTemplate is the resource template every entry matches.
const entryTemplate = Scheme + "://{provider}/{code}"

// Config is what the server offers.
type Config struct {
	Catalog *catalog.Catalog
	Index   *search.Index
	// Origin is the public site the entries' page URLs point at
	// ("https://authcodes.dev").
	Origin string
	// Version is the server's version as it introduces itself.
	Version string
}

// Tool descriptions are what the model reads to choose a tool: they say what
// goes in, what comes out and, for decode, what happens to secrets.
const (
	lookupDescription = "Look up an authentication error code in the authcodes catalog (SSO, OAuth 2.0, " +
		"OpenID Connect, SAML 2.0, SCIM; Microsoft Entra ID, Okta, Auth0, Keycloak, Google, GitHub, Cognito and more). " +
		"Forgiving: any letter case, with or without the provider's prefix (AADSTS50011, 50011), symbolic names " +
		"(InvalidReplyTo), 'Error #101', SAML status URNs. Returns every matching entry, the standard first, with " +
		"what it means, who has to act, the fix steps and the page URL."
	searchDescription = "Search the authcodes catalog by a code or its start, a sentence from an error message, " +
		"or a symptom in plain words ('user not assigned to the app'). Optionally only one provider's entries " +
		"(a key such as entra, okta, auth0, keycloak, google, github, oauth2, oidc, saml, scim). Returns the best " +
		"entries first."
	decodeDescription = "Decode what a failed sign-in left behind: a callback URL, a query string or form body, a JSON " +
		"error body, a WWW-Authenticate header, a JWT, a SAML response (base64 or XML), a log line or a bare code. " +
		"Returns the provider that produced it and why, the codes found, the matching entries with fix steps, " +
		"the decoded fields and warnings (missing state, expired token, clock skew, tokens in a URL). A HAR file's " +
		"JSON is explained as the steps of the sign-in and the step where it failed. With expect (what the app is " +
		"configured with) it says how the values sent differ, and the entry's causes the evidence supports come first. Secrets in the input " +
		"(authorization codes, access/refresh/ID tokens, client secrets, passwords, assertions, signatures) are " +
		"masked by the decoder before anything is returned, so none reaches the model; signatures are never verified " +
		"and nothing is sent over the network."
)

// New returns the MCP server for cfg.
func New(cfg Config) *mcp.Server {
	if cfg.Origin == "" {
		cfg.Origin = "https://authcodes.dev"
	}
	cfg.Origin = strings.TrimSuffix(cfg.Origin, "/")
	if cfg.Version == "" {
		cfg.Version = cfg.Catalog.Version()
	}
	h := &handlers{cfg: cfg, dec: decode.New(cfg.Catalog)}
	s := mcp.NewServer(&mcp.Implementation{Name: "authcodes", Title: "authcodes", Version: cfg.Version}, &mcp.ServerOptions{
		Instructions: "authcodes explains authentication error codes across identity providers and standards. " +
			"Use decode on anything the user pastes (it masks secrets), lookup for a code, search for a message " +
			"or symptom; read authcodes://<provider>/<code> for an entry's whole guide.",
	})
	readOnly := &mcp.ToolAnnotations{ReadOnlyHint: true, OpenWorldHint: new(bool)}
	mcp.AddTool(s, &mcp.Tool{Name: "lookup", Title: "Look up an error code", Description: lookupDescription, Annotations: readOnly}, h.lookup)
	mcp.AddTool(s, &mcp.Tool{Name: "search", Title: "Search the catalog", Description: searchDescription, Annotations: readOnly}, h.search)
	mcp.AddTool(s, &mcp.Tool{Name: "decode", Title: "Decode a failed sign-in", Description: decodeDescription, Annotations: readOnly}, h.decode)
	s.AddResourceTemplate(&mcp.ResourceTemplate{
		Name:        "entry",
		Title:       "authcodes entry",
		Description: "One catalog entry with its resolution guide, in Markdown: authcodes://entra/AADSTS50011, authcodes://oauth2/invalid_grant.",
		MIMEType:    "text/markdown",
		URITemplate: entryTemplate,
	}, h.readEntry)
	return s
}

// Run serves s over standard input and output until the input ends or ctx
// is done. The end of the input is a clean end, not an error.
func Run(ctx context.Context, s *mcp.Server, t mcp.Transport) error {
	err := s.Run(ctx, t)
	if errors.Is(err, context.Canceled) || errors.Is(err, mcp.ErrConnectionClosed) {
		return nil
	}
	return err
}

type handlers struct {
	cfg Config
	dec *decode.Decoder
}

// Entry is an entry as the tools answer it.
type Entry struct {
	ID           string   `json:"id" jsonschema:"the entry's id, provider/code"`
	Code         string   `json:"code"`
	Provider     string   `json:"provider"`
	ProviderName string   `json:"provider_name"`
	Title        string   `json:"title"`
	Summary      string   `json:"summary" jsonschema:"what the error means"`
	WhoActs      []string `json:"who_acts" jsonschema:"who has to act: end_user, app_developer, idp_admin, provider_support; the most likely first"`
	Retryable    bool     `json:"retryable"`
	HTTPStatus   int      `json:"http_status,omitempty"`
	Standard     string   `json:"standard,omitempty" jsonschema:"id of the standard entry this code travels with"`
	Fix          []string `json:"fix,omitempty" jsonschema:"the steps that fix it, in order"`
	URL          string   `json:"url" jsonschema:"the entry's page on the site"`
	Resource     string   `json:"resource" jsonschema:"the entry as an MCP resource, with its whole guide"`
}

func (h *handlers) entry(e *catalog.Entry, withFix bool) Entry {
	who := make([]string, len(e.WhoActs))
	for i, a := range e.WhoActs {
		who[i] = string(a)
	}
	out := Entry{
		ID: e.ID, Code: e.Code, Provider: e.Provider, Title: e.Title, Summary: e.Summary,
		WhoActs: who, Retryable: e.Retryable, HTTPStatus: e.HTTPStatus, Standard: e.Standard,
		URL: h.cfg.Origin + e.Path(), Resource: resourceURI(e),
	}
	if p, ok := h.cfg.Catalog.Provider(e.Provider); ok {
		out.ProviderName = p.Name
	}
	if withFix {
		out.Fix = e.FixSteps()
	}
	return out
}

// resourceURI is the entry's resource: authcodes://entra/AADSTS50011, its
// code escaped as a path segment (SAML URNs and codes with spaces stay one).
func resourceURI(e *catalog.Entry) string {
	return Scheme + "://" + e.Provider + "/" + url.PathEscape(e.Code)
}

// LookupInput is the lookup tool's argument.
type LookupInput struct {
	Code string `json:"code" jsonschema:"the code, alias or symbolic name as the user has it, e.g. AADSTS50011, invalid_grant, E0000011"`
}

// LookupOutput is the lookup tool's answer.
type LookupOutput struct {
	Query   string  `json:"query"`
	Matches []Entry `json:"matches" jsonschema:"every entry the code names, the standard first; empty when none"`
	// Suggestions are search results for a code the catalog does not hold.
	Suggestions []Entry `json:"suggestions,omitempty" jsonschema:"close entries when no entry has this code"`
}

func (h *handlers) lookup(ctx context.Context, _ *mcp.CallToolRequest, in LookupInput) (*mcp.CallToolResult, LookupOutput, error) {
	q := strings.TrimSpace(in.Code)
	if q == "" {
		return nil, LookupOutput{}, errors.New("code is required")
	}
	out := LookupOutput{Query: q, Matches: []Entry{}}
	for _, e := range h.cfg.Catalog.Lookup(q) {
		out.Matches = append(out.Matches, h.entry(e, true))
	}
	if len(out.Matches) == 0 && len(q) <= search.MaxQueryBytes {
		// Only fewer suggestions when the index refuses the query.
		if res, err := h.cfg.Index.Search(ctx, search.Request{Query: q, Limit: 5}); err == nil {
			for _, hit := range res.Hits {
				out.Suggestions = append(out.Suggestions, h.entry(hit.Entry, false))
			}
		}
	}
	return nil, out, nil
}

// SearchInput is the search tool's arguments.
type SearchInput struct {
	Query    string `json:"query" jsonschema:"a code or its start, an error message, or a symptom"`
	Provider string `json:"provider,omitempty" jsonschema:"only this provider's entries: a key such as entra, okta, oauth2"`
	Protocol string `json:"protocol,omitempty" jsonschema:"only entries of this protocol: oauth2, oidc, saml, wsfed, scim, signin, mfa or api"`
	Limit    int    `json:"limit,omitempty" jsonschema:"how many entries, 1 to 100; 10 when absent"`
}

// SearchOutput is the search tool's answer.
type SearchOutput struct {
	Query       string               `json:"query"`
	UnknownCode *catalog.UnknownCode `json:"unknown_code,omitempty" jsonschema:"set when the query holds a code shaped like a provider's that the catalog does not list: the hits are then other codes, and lookup_url is where the provider explains it"`
	Total       int                  `json:"total" jsonschema:"matching entries in all"`
	Hits        []Hit                `json:"hits"`
}

// Hit is one search result.
type Hit struct {
	Entry
	Match string `json:"match" jsonschema:"how it matched: code, prefix or text"`
}

func (h *handlers) search(ctx context.Context, _ *mcp.CallToolRequest, in SearchInput) (*mcp.CallToolResult, SearchOutput, error) {
	if strings.TrimSpace(in.Query) == "" {
		return nil, SearchOutput{}, errors.New("query is required")
	}
	if in.Provider != "" {
		if _, ok := h.cfg.Catalog.Provider(in.Provider); !ok {
			return nil, SearchOutput{}, fmt.Errorf("no provider %q; providers: %s", in.Provider, strings.Join(h.providerKeys(), ", "))
		}
	}
	if in.Protocol != "" && !slices.Contains(catalog.Protocols, catalog.Protocol(in.Protocol)) {
		return nil, SearchOutput{}, fmt.Errorf("no protocol %q; protocols: %v", in.Protocol, catalog.Protocols)
	}
	if in.Limit < 0 || in.Limit > search.MaxLimit {
		return nil, SearchOutput{}, fmt.Errorf("limit must be from 1 to %d", search.MaxLimit)
	}
	res, err := h.cfg.Index.Search(ctx, search.Request{Query: in.Query, Provider: in.Provider, Protocol: in.Protocol, Limit: in.Limit})
	if err != nil {
		return nil, SearchOutput{}, err
	}
	out := SearchOutput{Query: in.Query, UnknownCode: res.Unknown, Total: res.Total, Hits: []Hit{}}
	for _, hit := range res.Hits {
		out.Hits = append(out.Hits, Hit{Entry: h.entry(hit.Entry, false), Match: string(hit.Match)})
	}
	return nil, out, nil
}

func (h *handlers) providerKeys() []string {
	var keys []string
	for _, p := range h.cfg.Catalog.Providers() {
		keys = append(keys, p.Key)
	}
	return keys
}

// DecodeInput is the decode tool's argument.
type DecodeInput struct {
	Input string `json:"input" jsonschema:"what the user pasted: a callback URL, error body, header, JWT, SAML response, log line, code or a HAR file's JSON"`
	// Expect is what the app is configured with.
	Expect map[string]string `json:"expect,omitempty" jsonschema:"optional: what the app is configured with, by key (redirect_uri, client_id, audience, issuer, acs_url); each value the input shows differently is diagnosed"`
}

// DecodeOutput is the decode tool's answer: the decoder's result, every
// value in it masked as the decoder masks it.
type DecodeOutput struct {
	Kind         string    `json:"kind" jsonschema:"the input's shape: url, params, json, www_authenticate, jwt, saml, text or code"`
	Provider     string    `json:"provider,omitempty" jsonschema:"the provider that most likely produced it"`
	ProviderName string    `json:"provider_name,omitempty"`
	Evidence     []string  `json:"evidence" jsonschema:"why that provider"`
	Codes        []Code    `json:"codes" jsonschema:"the error codes found, the most specific first"`
	Matches      []Match   `json:"matches" jsonschema:"the catalog entries for those codes; the first is the best explanation and carries the fix steps"`
	Warnings     []Warning `json:"warnings"`
	Fields       []Field   `json:"fields" jsonschema:"every name and value decoded, in input order; secrets masked"`
	Masked       []string  `json:"masked,omitempty" jsonschema:"the fields whose values were masked as secrets"`
	// Diagnosis, Steps and FailedStep are the decoder's (see catalog/decode.Result).
	Diagnosis  []decode.Diagnosis `json:"diagnosis,omitempty" jsonschema:"with expect: each expected value the input shows differently, how they differ and the rule"`
	Steps      []decode.Step      `json:"steps,omitempty" jsonschema:"for a HAR: the requests of the sign-in, in order, secrets masked"`
	FailedStep int                `json:"failed_step,omitempty" jsonschema:"for a HAR: the number of the step where the sign-in failed; the rest of the answer is that step's"`
	Note       string             `json:"note" jsonschema:"what the decoder did and did not do"`
}

// Code is a code found in the input.
type Code struct {
	Value string `json:"value"`
	Field string `json:"field"`
}

// Match is an entry for a code found in the input.
type Match struct {
	Entry
	Found    string               `json:"found" jsonschema:"the code as found"`
	Field    string               `json:"field" jsonschema:"where it was found"`
	Relation string               `json:"relation" jsonschema:"provider (the recognised provider's own), standard, or other (another provider's entry for the same code)"`
	Causes   []decode.RankedCause `json:"causes,omitempty" jsonschema:"the entry's checkable likely causes, those the input's evidence supports first, each with that evidence"`
}

// Warning is what a reviewer would point out.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

// Field is one decoded name and value.
type Field struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

const decodeNote = "Secrets were masked before this answer was made; signatures were not verified; nothing was sent anywhere."

func (h *handlers) decode(_ context.Context, _ *mcp.CallToolRequest, in DecodeInput) (*mcp.CallToolResult, DecodeOutput, error) {
	if err := decode.CheckExpect(in.Expect); err != nil {
		return nil, DecodeOutput{}, err
	}
	res, err := h.dec.Decode(in.Input, decode.Options{Expect: in.Expect})
	if err != nil {
		// The decoder's errors are masked like its results.
		return nil, DecodeOutput{}, err
	}
	out := DecodeOutput{
		Kind: string(res.Kind), Provider: res.Provider, ProviderName: res.ProviderName,
		Evidence: []string{}, Codes: []Code{}, Matches: []Match{}, Warnings: []Warning{}, Fields: []Field{},
		Masked: res.Masked, Diagnosis: res.Diagnosis, Steps: res.Steps, FailedStep: res.FailedStep, Note: decodeNote,
	}
	for _, e := range res.Evidence {
		out.Evidence = append(out.Evidence, e.Detail)
	}
	for _, c := range res.Codes {
		out.Codes = append(out.Codes, Code(c))
	}
	for i, m := range res.Matches {
		if m.Entry == nil {
			continue
		}
		// The first match is the explanation; the others are context.
		out.Matches = append(out.Matches, Match{Entry: h.entry(m.Entry, i == 0), Found: m.Found, Field: m.Field, Relation: string(m.Relation), Causes: m.Causes})
	}
	for _, w := range res.Warnings {
		out.Warnings = append(out.Warnings, Warning{Code: string(w.Code), Message: w.Message, Field: w.Field})
	}
	for _, f := range res.Fields {
		out.Fields = append(out.Fields, Field(f))
	}
	if !res.Recognized() {
		out.Note = "Nothing was recognised: no callback parameters, error body, header, token, SAML message or known code. Try the search tool with words from the message. " + decodeNote
	}
	return nil, out, nil
}

// readEntry reads authcodes://<provider>/<code>: the entry as Markdown.
func (h *handlers) readEntry(_ context.Context, req *mcp.ReadResourceRequest) (*mcp.ReadResourceResult, error) {
	uri := req.Params.URI
	e, ok := h.entryForURI(uri)
	if !ok {
		return nil, mcp.ResourceNotFoundError(uri)
	}
	return &mcp.ReadResourceResult{Contents: []*mcp.ResourceContents{{
		URI: uri, MIMEType: "text/markdown", Text: h.markdown(e),
	}}}, nil
}

func (h *handlers) entryForURI(uri string) (*catalog.Entry, bool) {
	rest, ok := strings.CutPrefix(uri, Scheme+"://")
	if !ok {
		return nil, false
	}
	provider, code, ok := strings.Cut(rest, "/")
	if !ok {
		return nil, false
	}
	code, err := url.PathUnescape(code)
	if err != nil {
		return nil, false
	}
	return h.cfg.Catalog.Entry(provider + "/" + code)
}

// markdown is the entry as a document for the model: its facts, then its
// guide as written.
func (h *handlers) markdown(e *catalog.Entry) string {
	x := h.entry(e, false)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s (%s): %s\n\n", e.Code, x.ProviderName, e.Title)
	fmt.Fprintf(&b, "- ID: %s\n- Page: %s\n", e.ID, x.URL)
	if len(e.WhoActs) > 0 {
		var who []string
		for _, a := range e.WhoActs {
			who = append(who, a.Label())
		}
		fmt.Fprintf(&b, "- Who acts: %s\n", strings.Join(who, ", "))
	}
	if e.HTTPStatus != 0 {
		fmt.Fprintf(&b, "- HTTP status: %d\n", e.HTTPStatus)
	}
	fmt.Fprintf(&b, "- Retrying helps: %t\n", e.Retryable)
	if e.Standard != "" {
		fmt.Fprintf(&b, "- Travels with: %s\n", e.Standard)
	}
	if len(e.Related) > 0 {
		fmt.Fprintf(&b, "- Related: %s\n", strings.Join(e.Related, ", "))
	}
	fmt.Fprintf(&b, "\n%s\n\n%s\n", e.Summary, strings.TrimSpace(e.Guide))
	if len(e.References) > 0 {
		b.WriteString("\n## References\n\n")
		for _, r := range e.References {
			fmt.Fprintf(&b, "- [%s](%s)\n", r.Title, r.URL)
		}
	}
	return b.String()
}
