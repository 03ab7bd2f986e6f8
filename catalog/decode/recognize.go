package decode

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"

	"github.com/authcodes/authcodes/catalog"
)

// recognizer holds the recognition facts of one catalog, prepared once: the
// providers' issuer hosts, the parameters and body fields only one vendor
// sends, and regular expressions built from their code patterns and lookup
// prefixes. Everything provider-specific that the catalog knows comes from
// here; the parsers only know syntax.
type recognizer struct {
	cat       *catalog.Catalog
	hosts     []hostRule
	params    map[string][]*catalog.Provider // distinctive response parameter -> vendors sending it
	fields    map[string][]*catalog.Provider // distinctive body field -> vendors sending it
	codeRules []codeRule
	// codeGroups are codeRules by literal, shortest first; groupsByByte
	// lists them by their literal's first byte in lower case, so that one
	// pass over a text tries at each position only the literals that can
	// start there.
	codeGroups   []codeGroup
	groupsByByte [256][]int
	// numericPrefixes maps a field carrying bare numbers (Entra's
	// error_codes) to the lookup prefixes of the providers that send it.
	numericPrefixes map[string][]string
	vocab           *vocabulary
	messages        *messageIndex
	paths           []pathRule
	markers         map[string][]*catalog.Provider // folded marker -> its providers
	markerNames     map[string]string              // folded marker -> as written
	markerMatch     *multiMatcher
	// logFields maps a log field only some providers write (Keycloak's
	// realmId) to them.
	logFields map[string][]*catalog.Provider
	// codeFields are the body keys some provider keeps its codes in.
	codeFields map[string]bool
	// lookups read a code out of a link to its provider's page for it.
	lookups []lookupRule
	// sdkOf maps a vendor's own client library (okta-auth-js) to that
	// vendor: the one vendor whose codes the library's entries say they
	// wrap. A code the library passes on is that vendor's.
	sdkOf map[*catalog.Provider]*catalog.Provider
}

// pathRule is an issuer or endpoint path layout that names a provider the
// catalog cannot list by host, because it runs on its customers' own hosts
// (Keycloak's /realms/<realm>).
type pathRule struct {
	provider *catalog.Provider
	re       *regexp.Regexp
}

// lookupRule reads a code out of a link to the page where its provider
// explains it (Entra's login.microsoftonline.com/error?code=7000218), the
// inverse of a code shape's lookup URL.
type lookupRule struct {
	re   *regexp.Regexp
	code string // the code shape's template, over the same named groups
}

// lookupRulesOf turns each lookup URL with placeholders into a pattern
// whose named groups are the placeholders.
func lookupRulesOf(p *catalog.Provider) []lookupRule {
	var out []lookupRule
	for _, cs := range p.CodeShapes {
		if !strings.Contains(cs.LookupURL, "${") {
			continue
		}
		var b strings.Builder
		b.WriteString("(?i)")
		rest := cs.LookupURL
		for {
			i := strings.Index(rest, "${")
			j := strings.IndexByte(rest[max(i, 0):], '}')
			if i < 0 || j < 0 {
				b.WriteString(regexp.QuoteMeta(rest))
				break
			}
			b.WriteString(regexp.QuoteMeta(rest[:i]))
			b.WriteString("(?P<" + rest[i+2:i+j] + ">[A-Za-z0-9_.-]+)")
			rest = rest[i+j+1:]
		}
		if re, err := regexp.Compile(b.String()); err == nil { // a placeholder that is no group name is left out
			out = append(out, lookupRule{re, cs.Code})
		}
	}
	return out
}

type hostRule struct {
	host     string
	provider *catalog.Provider
	shared   bool // the host serves others' content too (catalog.Provider.SharedHosts)
}

// codeRule finds one provider's codes in free text: either an alternative of
// its code pattern distinctive enough on its own (AADSTS\d+, E\d{7},
// TID-AEX-\d{4}), or any alternative written after one of its lookup
// prefixes ("Error #101", "Error 400: redirect_uri_mismatch").
type codeRule struct {
	provider *catalog.Provider
	prefix   string // the lookup prefix, empty for a distinctive pattern
	pattern  string
	// lit is a string every match starts with: the pattern's literal prefix
	// (matched as written) or the lookup prefix (matched in any case, lit
	// then in lower case). The text is searched for lit first, and re,
	// anchored, runs only where it occurs: far cheaper than a
	// case-insensitive pattern over the whole text.
	lit  string
	fold bool
	// re is compiled on first use: most rules' literals never occur in
	// what one module decodes, and compiling them all is most of the rest
	// of New's cost once its tables are precomputed.
	re func() *regexp.Regexp
}

// lazyRegexp compiles expr on first use. The package's patterns are made
// with it rather than compiled as it initialises: compiling them all cost
// the edge worker's start some 38 ms, before any request needed one.
// TestLazyPatternsCompile compiles every literal one.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// codeGroup is the rules that share a literal.
type codeGroup struct {
	lit   string
	fold  bool
	rules []codeRule
}

func groupCodeRules(rules []codeRule) []codeGroup {
	var groups []codeGroup
	for _, r := range rules {
		found := false
		for i := range groups {
			if groups[i].lit == r.lit && groups[i].fold == r.fold {
				groups[i].rules = append(groups[i].rules, r)
				found = true
			}
		}
		if !found {
			groups = append(groups, codeGroup{lit: r.lit, fold: r.fold, rules: []codeRule{r}})
		}
	}
	slices.SortStableFunc(groups, func(a, b codeGroup) int { return len(a.lit) - len(b.lit) })
	return groups
}

// codeWindow is how far after its literal a code may end.
const codeWindow = 160

// minTrustedPrefix is the length from which a lookup prefix identifies its
// provider even when the catalog does not hold the code: "error 400:" does,
// the bare word "error" does not.
const minTrustedPrefix = 8

func newRecognizer(cat *catalog.Catalog) *recognizer {
	r := &recognizer{
		cat:             cat,
		params:          map[string][]*catalog.Provider{},
		fields:          map[string][]*catalog.Provider{},
		numericPrefixes: map[string][]string{},
		markers:         map[string][]*catalog.Provider{},
		markerNames:     map[string]string{},
		logFields:       map[string][]*catalog.Provider{},
		codeFields:      map[string]bool{},
	}
	r.vocab, r.messages = recognitionTables(cat)
	r.sdkOf = librariesVendors(cat)
	standardParams, standardFields := map[string]bool{}, map[string]bool{}
	for _, p := range cat.Providers() {
		if p.Kind == catalog.Standard {
			for _, f := range p.ResponseParams {
				standardParams[f] = true
			}
			for _, f := range p.BodyFields {
				standardFields[f] = true
			}
		}
	}
	for _, p := range cat.Providers() {
		for _, expr := range p.IssuerPaths {
			if re, err := regexp.Compile(expr); err == nil { // validated when the catalog loads
				r.paths = append(r.paths, pathRule{p, re})
			}
		}
		for _, m := range p.Markers {
			f := asciiLower(m)
			if !slices.Contains(r.markers[f], p) {
				r.markers[f] = append(r.markers[f], p)
			}
			r.markerNames[f] = m
		}
		for _, f := range p.LogFields {
			r.logFields[f] = append(r.logFields[f], p)
		}
		for _, f := range p.CodeFields {
			r.codeFields[f] = true
		}
		r.lookups = append(r.lookups, lookupRulesOf(p)...)
		if p.Kind == catalog.Vendor {
			for _, h := range p.IssuerHosts {
				r.hosts = append(r.hosts, hostRule{strings.ToLower(h), p, slices.Contains(p.SharedHosts, h)})
			}
			for _, f := range p.ResponseParams {
				if !standardParams[f] {
					r.params[f] = append(r.params[f], p)
				}
			}
			for _, f := range p.BodyFields {
				if !standardFields[f] {
					r.fields[f] = append(r.fields[f], p)
				}
			}
		}
		r.addCodeRules(p)
	}
	r.codeGroups = groupCodeRules(r.codeRules)
	for gi, g := range r.codeGroups {
		if g.lit != "" {
			first := asciiLower(g.lit[:1])[0]
			r.groupsByByte[first] = append(r.groupsByByte[first], gi)
		}
	}
	names := make([]string, 0, len(r.markers))
	for f := range r.markers {
		names = append(names, f)
	}
	slices.Sort(names)
	r.markerMatch = newMultiMatcher(names)
	for _, p := range cat.Providers() {
		if len(p.LookupPrefixes) == 0 {
			continue
		}
		for _, f := range slices.Concat(p.ResponseParams, p.BodyFields) {
			if f == "error_codes" || strings.HasSuffix(f, "_codes") {
				r.numericPrefixes[f] = append(r.numericPrefixes[f], p.LookupPrefixes...)
			}
		}
	}
	return r
}

// librariesVendors maps each library whose entries wrap the codes of one
// vendor only (Okta's SDK wraps Okta's, MSAL Entra's) to that vendor; a
// library that wraps the standard's codes or several vendors' serves anyone.
func librariesVendors(cat *catalog.Catalog) map[*catalog.Provider]*catalog.Provider {
	out := map[*catalog.Provider]*catalog.Provider{}
	for _, lib := range cat.Providers() {
		if lib.Kind != catalog.Library {
			continue
		}
		var vendor *catalog.Provider
		several := false
		for _, e := range cat.ProviderEntries(lib.Key) {
			for _, id := range e.Wraps {
				w, ok := cat.Entry(id)
				if !ok {
					continue
				}
				p, ok := cat.Provider(w.Provider)
				if !ok || p.Kind != catalog.Vendor {
					continue
				}
				several = several || vendor != nil && vendor != p
				vendor = p
			}
		}
		if vendor != nil && !several {
			out[lib] = vendor
		}
	}
	return out
}

func (r *recognizer) addCodeRules(p *catalog.Provider) {
	alts := patternAlternatives(p.CodePattern)
	var valid []string // those that compile, and so do wrapped in a rule
	for _, alt := range alts {
		if re, err := regexp.Compile(alt); err == nil {
			valid = append(valid, alt)
			if lit, _ := re.LiteralPrefix(); lit != "" {
				// People type codes in any case (aadsts50011, e0000011).
				r.codeRules = append(r.codeRules, codeRule{
					provider: p, pattern: alt, lit: asciiLower(lit), fold: true, re: lazyRegexp(`^(?i:(` + alt + `))\b`),
				})
			}
		}
	}
	for _, prefix := range p.LookupPrefixes {
		for _, alt := range valid {
			if strings.TrimSpace(prefix) != "" {
				re := lazyRegexp(`^(?i:` + regexp.QuoteMeta(prefix) + `)[ \t#:=-]*(` + alt + `)\b`)
				r.codeRules = append(r.codeRules, codeRule{provider: p, prefix: prefix, pattern: alt, lit: asciiLower(prefix), fold: true, re: re})
			}
		}
	}
}

// asciiLower lower-cases ASCII letters only, so that byte offsets in the
// result are offsets in s.
func asciiLower(s string) string {
	i := 0
	for i < len(s) && !(s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s // already folded: most keys and words are
	}
	// One allocation, not a []byte copy and then a string copy of it.
	var b strings.Builder
	b.Grow(len(s))
	// The runs between capitals are copied whole: a byte at a time costs
	// several times more.
	for {
		b.WriteString(s[:i])
		if i == len(s) {
			return b.String()
		}
		b.WriteByte(s[i] + 'a' - 'A')
		s = s[i+1:]
		i = 0
		for i < len(s) && !(s[i] >= 'A' && s[i] <= 'Z') {
			i++
		}
	}
}

// patternAlternatives splits an anchored code pattern into its top-level
// alternatives, without anchors: '^(AADSTS\d+|[a-z][a-z0-9_]*)$' gives
// AADSTS[0-9]+ and [a-z][0-9_a-z]*.
func patternAlternatives(pattern string) []string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	if re.Op == syntax.OpConcat {
		var keep []*syntax.Regexp
		for _, sub := range re.Sub {
			switch sub.Op {
			case syntax.OpBeginText, syntax.OpEndText, syntax.OpBeginLine, syntax.OpEndLine:
			default:
				keep = append(keep, sub)
			}
		}
		if len(keep) != 1 {
			return []string{(&syntax.Regexp{Op: syntax.OpConcat, Sub: keep}).String()}
		}
		re = keep[0]
	}
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re.Op != syntax.OpAlternate {
		return []string{re.String()}
	}
	out := make([]string, len(re.Sub))
	for i, sub := range re.Sub {
		out[i] = sub.String()
	}
	return out
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// vendorForHost returns the vendor one of whose issuer hosts is host or a
// parent domain of it (dev-123.okta.com is under okta.com).
func (r *recognizer) vendorForHost(host string) (*catalog.Provider, string) {
	p, h, _ := r.hostRuleFor(host)
	return p, h
}

// vendorForLink is vendorForHost for a link found in the input: a shared
// host itself (github.com, not docs.github.com) says nothing of who signs
// the user in, for a link to someone's repository is on it too.
func (r *recognizer) vendorForLink(host string) (*catalog.Provider, string) {
	p, h, shared := r.hostRuleFor(host)
	if shared {
		return nil, ""
	}
	return p, h
}

// hostRuleFor also reports whether host is a shared host itself.
func (r *recognizer) hostRuleFor(host string) (p *catalog.Provider, h string, shared bool) {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for _, rule := range r.hosts {
		if host == rule.host || strings.HasSuffix(host, "."+rule.host) {
			return rule.provider, rule.host, rule.shared && host == rule.host
		}
	}
	return nil, "", false
}

// hostOf extracts the host of an issuer or URL: "https://host:443/path",
// "host/path", or the URN form some SAML IdPs use ("urn:dev-x.auth0.com").
func hostOf(s string) string {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(strings.ToLower(s), "urn:"); ok {
		s = rest
	} else if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	} else {
		return ""
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 && !strings.Contains(s[i:], "]") {
		s = s[:i]
	}
	if !strings.Contains(s, ".") {
		return ""
	}
	return strings.ToLower(s)
}
