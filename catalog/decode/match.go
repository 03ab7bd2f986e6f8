package decode

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/authcodes/authcodes/catalog"
)

// match turns the codes found into catalog entries, the most specific cause
// first: the recognised provider's own entries (a generic wrapper after the
// codes it wraps), then client-library errors, then the standard entries
// they travel with, then, only when no vendor was recognised, other vendors'
// entries for the same codes. A wrapper that names its cause (an entry's
// wraps) comes after that cause wherever both are found.
func (s *session) match(chosen *catalog.Provider) {
	// Errors before informational events, causes before wrappers, then the
	// most specific kind of code.
	sort.SliceStable(s.codes, func(i, j int) bool {
		ii, ij := s.informational(s.codes[i]), s.informational(s.codes[j])
		if ii != ij {
			return ij
		}
		gi, gj := s.generic(s.codes[i]), s.generic(s.codes[j])
		if gi != gj {
			return gj
		}
		return s.codes[i].rank < s.codes[j].rank
	})
	var own, library, served, standard, wrappers, other, unnamedLibrary []Match
	seen := map[*catalog.Entry]bool{}
	byMessage := map[*catalog.Entry]bool{} // found by a message, not a code
	add := func(list *[]Match, e *catalog.Entry, c foundCode, rel Relation) {
		if e == nil || seen[e] {
			return
		}
		seen[e] = true
		byMessage[e] = c.rank >= rankMessage
		*list = append(*list, matchOf(e, c, rel))
	}
	noVendor := chosen == nil || chosen.Kind != catalog.Vendor
	vendor := s.rec.sdkOf[chosen] // nil unless chosen is a vendor's own SDK
	for _, c := range s.codes {
		found := false
		for _, e := range s.entriesOf(c) {
			p, _ := s.rec.cat.Provider(e.Provider)
			switch {
			case chosen != nil && e.Provider == chosen.Key && !(chosen.Kind == catalog.Library && e.Generic):
				add(&own, e, c, SameProvider)
				if st, ok := s.rec.cat.Entry(e.Standard); ok {
					add(&standard, st, c, StandardCode)
				}
				found = true
			case p != nil && p.Kind == catalog.Library && e.Generic && (chosen == p || s.markerSeen[p] || !s.sharedWithServers(c)):
				// A library's catch-all error (OAuthError, "the status of the
				// Response was not Success") says less than the code it carries.
				rel := LibraryError
				if chosen == p {
					rel = SameProvider
				}
				add(&wrappers, e, c, rel)
				found = true
			case p != nil && p.Kind == catalog.Library && (chosen == p || s.markerSeen[p] || !s.sharedWithServers(c)):
				add(&library, e, c, LibraryError)
				found = true
			case p != nil && p.Kind == catalog.Library:
				// A library that passes a server's code on (auth0-spa's
				// mfa_required) is only a guess while nothing names it.
				add(&unnamedLibrary, e, c, LibraryError)
				found = true
			case p != nil && p.Kind == catalog.Standard:
				add(&standard, e, c, StandardCode)
				found = true
			case p != nil && p == vendor:
				// Okta's SDK passing on an invalid_grant passes on Okta's.
				add(&served, e, c, OtherProvider)
				found = true
			case noVendor:
				add(&other, e, c, OtherProvider)
				found = true
			}
		}
		if !found {
			at := ""
			if chosen != nil {
				at = " for " + chosen.Name
			}
			s.warn(WarnUnknownCode, c.field, "%s is not in the catalog%s yet; the fields are all this decoder can say about it.", c.value, at)
		}
	}
	if chosen != nil && chosen.Kind == catalog.Vendor && s.onlyNamed(chosen) {
		// A vendor the text only names (Google's HTTP client in a Java
		// stack trace) beside a standard code in the standard's own words:
		// the server may be anyone's, the words are the standard's.
		words := func(m Match) bool { return s.standardWords[m.Entry] }
		own = slices.Concat(keep(standard, words), own)
		standard = keep(standard, not(words))
	}
	// The vendor's entry for a code its SDK carries says more than the
	// standard's for that code.
	if len(served) > 0 {
		standard = slices.Concat(served, standard)
	}
	if chosen != nil && chosen.Kind == catalog.Library {
		// A library's error read from its message alone comes after a
		// standard code the text names outright (Spring's
		// "OAuth2AuthenticationException: [invalid_request]" before its
		// log's later words): the library passes that code on.
		// Unless the message is the one the library gives that very code
		// (ASP.NET's error="invalid_token", error_description="The
		// signature key was not found"): then it says why.
		coded := func(m Match) bool { return !byMessage[m.Entry] }
		named := keep(standard, coded)
		explains := func(m Match) bool {
			return coded(m) || slices.ContainsFunc(named, func(st Match) bool { return st.Entry.ID == m.Entry.Standard })
		}
		own = slices.Concat(keep(own, explains), named, keep(own, not(explains)))
		standard = keep(standard, not(coded))
	}
	// Two libraries that raise the same code under a vendor (Authlib's and
	// OAuthLib's mismatching_state at Google): the one the text bears out
	// comes first.
	s.byEvidence(library)
	s.res.Matches = causesFirst(slices.Concat(s.res.Matches, own, library, standard, wrappers, s.byTheirWords(other), unnamedLibrary))
	// Whoever's they are, errors come before events that record that
	// something went well: a SAML Success beside a library's "Signature
	// validation failed" is the answer the library then refused.
	informational := func(m Match) bool { return m.Entry != nil && m.Entry.IsInformational() }
	if slices.ContainsFunc(s.res.Matches, informational) {
		s.res.Matches = slices.Concat(keep(s.res.Matches, not(informational)), keep(s.res.Matches, informational))
	}
	for _, c := range s.codes {
		if c.entry == nil {
			s.res.Codes = append(s.res.Codes, Code{Value: c.value, Field: c.field})
		}
	}
}

// byEvidence orders matches by the evidence for their providers, most
// first, keeping the order of those with equal evidence.
func (s *session) byEvidence(ms []Match) {
	if len(ms) < 2 {
		return
	}
	weight := map[string]float64{}
	for _, c := range s.clues {
		weight[c.provider.Key] += c.weight
	}
	slices.SortStableFunc(ms, func(a, b Match) int { return cmp.Compare(weight[b.Provider], weight[a.Provider]) })
}

// onlyNamed reports whether all the evidence for p is that the text names it.
func (s *session) onlyNamed(p *catalog.Provider) bool {
	for _, c := range s.clues {
		if c.provider == p && c.kind != ByMarker {
			return false
		}
	}
	return true
}

// keep returns the matches of ms that so accepts, in their order.
func keep(ms []Match, so func(Match) bool) []Match {
	var out []Match
	for _, m := range ms {
		if so(m) {
			out = append(out, m)
		}
	}
	return out
}

func not(so func(Match) bool) func(Match) bool { return func(m Match) bool { return !so(m) } }

// byTheirWords orders the entries that several vendors keep for one code
// (redirect_uri_mismatch at Google, GitHub and Scalekit), found where no
// vendor was recognised, by how well the text's other words fit each: the
// message around the code is often one vendor's. Runs of different codes
// keep their order; a text without words to go by changes nothing.
func (s *session) byTheirWords(other []Match) []Match {
	if s.find == nil || len(other) < 2 {
		return other
	}
	shared := false
	for i := 1; i < len(other); i++ {
		shared = shared || other[i].Found == other[i-1].Found
	}
	if !shared {
		return other
	}
	// The code itself is the same for all of them: the rest decides.
	words, _ := s.messageWords(s.input)
	words = slices.DeleteFunc(words, func(w string) bool {
		return slices.ContainsFunc(other, func(m Match) bool { return strings.EqualFold(w, m.Found) })
	})
	if len(words) < 2 {
		return other
	}
	found := s.find(strings.Join(words[:min(len(words), maxQueryWords)], " "), "")
	place := func(m Match) int {
		if i := slices.Index(found, m.Entry); i >= 0 {
			return i
		}
		return len(found)
	}
	for start := 0; start < len(other); {
		end := start + 1
		for end < len(other) && other[end].Found == other[start].Found {
			end++
		}
		slices.SortStableFunc(other[start:end], func(a, b Match) int { return place(a) - place(b) })
		start = end
	}
	return other
}

// sharedWithServers reports whether a vendor or a standard keeps the code too.
func (s *session) sharedWithServers(c foundCode) bool {
	return slices.ContainsFunc(s.entriesOf(c), func(e *catalog.Entry) bool {
		p, ok := s.rec.cat.Provider(e.Provider)
		return ok && p.Kind != catalog.Library
	})
}

// generic reports whether every entry a code stands for is a generic
// wrapper (AADSTS70002, SAML's top-level Responder).
func (s *session) generic(c foundCode) bool {
	return s.allEntries(c, func(e *catalog.Entry) bool { return e.Generic })
}

// informational reports whether every entry a code stands for is an
// informational event, not an error (a successful login, SAML's Success).
func (s *session) informational(c foundCode) bool {
	return s.allEntries(c, (*catalog.Entry).IsInformational)
}

// allEntries reports whether a code stands for entries and all of them are so.
func (s *session) allEntries(c foundCode, so func(*catalog.Entry) bool) bool {
	es := s.entriesOf(c)
	return len(es) > 0 && !slices.ContainsFunc(es, func(e *catalog.Entry) bool { return !so(e) })
}

// causesFirst moves every entry that another one wraps, and that was found
// too, in front of its wrapper; a generic entry is no cause to put first.
func causesFirst(ms []Match) []Match {
	for i := 0; i < len(ms); i++ {
		for _, id := range ms[i].Entry.Wraps {
			for j := i + 1; j < len(ms); j++ {
				// Another vendor's entry for the same code is not the cause
				// the wrapper carries here; nor is an entry of the very code
				// that named the wrapper (jsonwebtoken's "invalid token" is
				// also the standard's invalid_token): one code, not a
				// wrapper around another.
				if ms[j].ID == id && ms[j].Relation != OtherProvider && !ms[j].Entry.Generic && !strings.EqualFold(ms[j].Found, ms[i].Found) {
					cause := ms[j]
					copy(ms[i+1:j+1], ms[i:j])
					ms[i] = cause
					i++
					break
				}
			}
		}
	}
	return ms
}

func matchOf(e *catalog.Entry, c foundCode, rel Relation) Match {
	return Match{
		ID: e.ID, Provider: e.Provider, Code: e.Code, Title: e.Title, Summary: e.Summary,
		Standard: e.Standard, WhoActs: e.WhoActs, HTTPStatus: e.HTTPStatus, Retryable: e.Retryable,
		Found: c.value, Field: c.field, Relation: rel, Entry: e,
	}
}

// maxCodesPerLiteral bounds the codes taken after one literal in a text: a
// pasted log repeating "Error 400:" a thousand times names few codes.
const maxCodesPerLiteral = 8

// scanCodes looks for provider codes written inside a text value: an AADSTS
// number in an error_description, "(TID-AEX-1030)" at the end of one,
// "Error #101" on a page, a SAML status URN in a log line.
func (s *session) scanCodes(field, text string) {
	if text == "" || len(text) > MaxInputBytes {
		return
	}
	key := [2]string{field, text} // not joined: that would copy the text
	if s.textSeen[key] {
		return
	}
	s.textSeen[key] = true
	lower := s.lowerOf(text)
	type hit struct {
		start, end  int
		group, rule int
		code        string
	}
	var hits []hit
	found := make([]int, len(s.rec.codeGroups)) // matches so far, per group
	for pos := range len(text) {
		// Every literal filed under this byte starts with it, in some case:
		// inside a word, one that starts a word does not start here.
		if pos > 0 && isWordByte(text[pos-1]) && isWordByte(lower[pos]) {
			continue
		}
		for _, gi := range s.rec.groupsByByte[lower[pos]] {
			g := &s.rec.codeGroups[gi]
			haystack := text
			if g.fold {
				haystack = lower
			}
			if found[gi] >= maxCodesPerLiteral || !strings.HasPrefix(haystack[pos:], g.lit) {
				continue
			}
			window := text[pos:min(len(text), pos+len(g.lit)+codeWindow)]
			for ri, r := range g.rules {
				if m := r.re().FindStringSubmatchIndex(window); m != nil {
					hits = append(hits, hit{pos + m[0], pos + m[1], gi, ri, window[m[2]:m[3]]})
					found[gi]++
				}
			}
		}
	}
	// Where rules overlap ("Error 400: redirect_uri_mismatch" is Google's
	// prefix and code, and also Infoauth's "error" prefix with "400"), the
	// longer prefix wins; otherwise shorter literals come first, then
	// earlier places.
	rule := func(h hit) codeRule { return s.rec.codeGroups[h.group].rules[h.rule] }
	slices.SortStableFunc(hits, func(a, b hit) int {
		return cmp.Or(len(rule(b).prefix)-len(rule(a).prefix), a.group-b.group)
	})
	var taken [][2]int
	for _, h := range hits {
		hr := rule(h)
		overlaps := false
		for _, t := range taken {
			if h.start < t[1] && t[0] < h.end && hr.prefix != "" {
				overlaps = true
			}
		}
		if overlaps {
			continue
		}
		p := hr.provider
		lookup := h.code
		if hr.prefix != "" {
			lookup = hr.prefix + " " + h.code
		}
		confirmed := false
		for _, e := range s.lookup(lookup) {
			if e.Provider == p.Key {
				confirmed = true
				break
			}
		}
		if hr.prefix != "" && !confirmed && len(hr.prefix) < minTrustedPrefix {
			continue
		}
		taken = append(taken, [2]int{h.start, h.end})
		if hr.prefix == "" {
			if p.Kind == catalog.Vendor {
				s.addClue(p, ByCodePattern, weightPattern, false, "%s matches %s's code pattern %s", h.code, p.Name, hr.pattern)
			}
			s.addCode(h.code, lookup, field, 0)
			continue
		}
		if p.Kind == catalog.Vendor {
			s.addClue(p, ByCodePrefix, weightPrefix, false, "%q is written with %s's code prefix %q", strings.TrimSpace(text[h.start:h.end]), p.Name, hr.prefix)
		}
		rank := 0
		if p.Kind == catalog.Standard {
			rank = 1 // a SAML status URN; a top-level one is generic and sorts after
		}
		s.addCode(h.code, lookup, field, rank)
	}
}
