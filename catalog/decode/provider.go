package decode

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/authcodes/authcodes/catalog"
)

// clue is one piece of evidence for a provider, with a weight: an issuer
// host names its provider outright, a parameter shape only suggests it.
type clue struct {
	provider *catalog.Provider
	kind     EvidenceKind
	detail   string
	weight   float64
	// issuer marks evidence taken from an iss value or SAML Issuer: it is
	// weighed last, so that an iss that contradicts everything else is
	// reported as a mix-up instead of winning.
	issuer bool
}

// Weights of the kinds of evidence.
const (
	weightIssuer    = 10
	weightURLHost   = 6
	weightPath      = 6
	weightLogFormat = 6
	weightPattern   = 5
	weightPrefix    = 4
	weightMarker    = 4
	weightMessage   = 3
	// weightMessageWithCode is added when the code a message belongs to
	// came with it.
	weightMessageWithCode = 2
	// weightMessageVerbatim is added when a message is met word for word,
	// punctuation included.
	weightMessageVerbatim = 1
	weightCatalog         = 2
	// A parameter or field sent by one vendor only counts 1, one sent by n
	// vendors counts 1/n; the shape is evidence from shapeThreshold up, and
	// weighs shapeWeight per point.
	shapeThreshold = 1.25
	shapeWeight    = 2
)

// issuerRef is an issuer found in the input, to check against the provider.
type issuerRef struct {
	field, value string
}

func (s *session) addClue(p *catalog.Provider, kind EvidenceKind, weight float64, issuer bool, format string, args ...any) {
	if p == nil {
		return
	}
	detail := strings.ToValidUTF8(maskText(fmt.Sprintf(format, args...)), "\uFFFD")
	for _, c := range s.clues {
		if c.provider == p && c.kind == kind && c.detail == detail {
			return
		}
	}
	s.clues = append(s.clues, clue{provider: p, kind: kind, detail: detail, weight: weight, issuer: issuer})
}

// noteIssuer records an iss value or SAML Issuer and the provider its host
// or path names.
func (s *session) noteIssuer(field, value string) {
	value = strings.TrimSpace(value)
	if value == "" {
		return
	}
	s.issuers = append(s.issuers, issuerRef{field, value})
	if host := hostOf(value); host != "" {
		if p, h := s.rec.vendorForHost(host); p != nil {
			s.addClue(p, ByIssuerHost, weightIssuer, true, "%s host %s is %s", field, host, hostRelation(host, h, "an issuer host of "+p.Name))
		}
	}
	s.notePath(field, value, weightIssuer, true)
}

// noteURL records a URL found in the input (the pasted URL, error_uri,
// authorization_uri, errorLink): its host or path may name the provider.
func (s *session) noteURL(field, value string) {
	s.noteLookupLink(field, value)
	s.noteHostAndPath(field, value)
}

// noteHostAndPath records what a URL's host or path says of its provider.
func (s *session) noteHostAndPath(field, value string) {
	if host := hostOf(value); host != "" {
		if p, h := s.rec.vendorForLink(host); p != nil {
			s.addClue(p, ByURLHost, weightURLHost, false, "%s host %s is %s", field, host, hostRelation(host, h, "a host of "+p.Name))
		}
	}
	s.notePath(field, value, weightPath, false)
}

// noteLookupLink takes the code out of a link to its provider's page for
// it: a CLI or SDK often prints the link and not the code.
func (s *session) noteLookupLink(field, value string) {
	for _, r := range s.rec.lookups {
		if m := r.re.FindStringSubmatchIndex(value); m != nil {
			s.addCode(string(r.re.ExpandString(nil, r.code, value, m)), "", field, 1)
		}
	}
}

func (s *session) notePath(field, value string, weight float64, issuer bool) {
	for _, r := range s.rec.paths {
		if m := r.re.FindString(value); m != "" {
			s.addClue(r.provider, ByIssuerPath, weight, issuer, "%s path %s has %s's layout (%s)", field, m, r.provider.Name, r.re)
		}
	}
}

// noteShape weighs the names of a set of response parameters or body fields
// against the ones only some vendors send.
func (s *session) noteShape(names []string, distinctive map[string][]*catalog.Provider, kind EvidenceKind) {
	score := map[*catalog.Provider]float64{}
	seen := map[*catalog.Provider][]string{}
	for _, n := range names {
		for _, p := range distinctive[n] {
			if !slices.Contains(seen[p], n) {
				score[p] += 1 / float64(len(distinctive[n]))
				seen[p] = append(seen[p], n)
			}
		}
	}
	for _, p := range s.rec.cat.Providers() {
		if score[p] >= shapeThreshold {
			what := "parameters"
			if kind == ByBodyFields {
				what = "body fields"
			}
			s.addClue(p, kind, shapeWeight*score[p], false, "%s %s are sent by %s", what, strings.Join(seen[p], ", "), p.Name)
		}
	}
}

// noteCatalogUnique adds evidence for codes the catalog knows at one vendor only.
func (s *session) noteCatalogUnique() {
	for _, c := range s.codes {
		if s.generic(c) {
			continue // OAuthError names a kind of error that many libraries throw
		}
		if c.entry != nil {
			// Read from its message, whose own clue has counted already, or
			// was withheld because other vendors print the same words.
			continue
		}
		var vendor *catalog.Provider
		unique := true
		// Every entry of the code, not only the one a message named: a
		// message of Okta's for a standard code is no sign of Okta.
		for _, e := range s.lookup(c.lookup) {
			p, _ := s.rec.cat.Provider(e.Provider)
			if p == nil || p.Kind == catalog.Standard || vendor != nil && vendor != p {
				unique = false
				break
			}
			vendor = p
		}
		if unique && vendor != nil {
			s.addClue(vendor, ByCatalog, weightCatalog, false, "the catalog knows %s only at %s", c.value, vendor.Name)
		}
	}
}

// decideProvider picks the vendor with the most evidence. Issuer evidence is
// left out first: when the rest points to a vendor, every iss is checked
// against that vendor's issuer hosts (RFC 9207); only when the rest is
// silent does the issuer decide.
func (s *session) decideProvider() *catalog.Provider {
	best := s.bestVendor(false)
	if best == nil {
		best = s.bestVendor(true)
	}
	if best == nil {
		return s.best(catalog.Library) // a client library's error, no vendor in sight
	}
	for _, iss := range s.issuers {
		if !s.issuerFits(best, iss.value) {
			named := ""
			if host := hostOf(iss.value); host != "" {
				if p, _ := s.rec.vendorForHost(host); p != nil && p != best {
					named = " (it is a host of " + p.Name + ")"
				}
			}
			s.warn(WarnIssuerMismatch, iss.field,
				"%s is %q%s, but everything else in the input points to %s, whose issuer hosts are %s. "+
					"A client must accept a response only from the issuer it sent the request to (RFC 9207): "+
					"a different issuer is how an authorization server mix-up attack shows, or, more often, a "+
					"custom domain or a second tenant the client was not configured for.",
				iss.field, iss.value, named, best.Name, strings.Join(best.IssuerHosts, ", "))
		}
	}
	return best
}

// issuerFits reports whether an issuer value can come from p. A provider
// without issuer hosts (self-hosted, or not listed) cannot be checked and fits.
func (s *session) issuerFits(p *catalog.Provider, value string) bool {
	hasPath := false
	for _, r := range s.rec.paths {
		if r.provider == p {
			if r.re.MatchString(value) {
				return true
			}
			hasPath = true
		}
	}
	if hasPath && len(p.IssuerHosts) == 0 {
		return false
	}
	if len(p.IssuerHosts) == 0 {
		return true
	}
	host := hostOf(value)
	if host == "" {
		return true // not a URL: a client id or an opaque entity id, nothing to compare
	}
	q, _ := s.rec.vendorForHost(host)
	return q == p
}

func (s *session) bestVendor(withIssuer bool) *catalog.Provider {
	return s.bestOf(catalog.Vendor, withIssuer)
}

// best is the best-supported provider of a kind, issuer evidence included.
func (s *session) best(kind catalog.ProviderKind) *catalog.Provider {
	return s.bestOf(kind, true)
}

func (s *session) bestOf(kind catalog.ProviderKind, withIssuer bool) *catalog.Provider {
	total := map[*catalog.Provider]float64{}
	var order []*catalog.Provider
	for _, c := range s.clues {
		if c.issuer && !withIssuer || c.provider.Kind != kind {
			continue
		}
		if _, ok := total[c.provider]; !ok {
			order = append(order, c.provider)
		}
		total[c.provider] += c.weight
	}
	sort.SliceStable(order, func(i, j int) bool { return total[order[i]] > total[order[j]] })
	if len(order) == 0 {
		return nil
	}
	return order[0]
}

// bestWeight is the weight of the best-supported provider so far.
func (s *session) bestWeight() float64 {
	_, w := s.bestSupported()
	return w
}

// bestSupported is the provider of any kind with the most evidence, and its
// weight; the first to reach it when two tie.
func (s *session) bestSupported() (*catalog.Provider, float64) {
	total := map[*catalog.Provider]float64{}
	var best *catalog.Provider
	for _, c := range s.clues {
		total[c.provider] += c.weight
		if best == nil || total[c.provider] > total[best] {
			best = c.provider
		}
	}
	return best, total[best]
}

// evidenceFor lists the clues that support p, strongest first.
func (s *session) evidenceFor(p *catalog.Provider) []Evidence {
	var cs []clue
	for _, c := range s.clues {
		if c.provider == p {
			cs = append(cs, c)
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].weight > cs[j].weight })
	out := make([]Evidence, len(cs))
	for i, c := range cs {
		out[i] = Evidence{Kind: c.kind, Detail: c.detail}
	}
	return out
}

// hostRelation words how host relates to a provider's host h.
func hostRelation(host, h, what string) string {
	if host == h {
		return what
	}
	return "under " + h + ", " + what
}
