package catalog

import (
	"slices"
	"strings"
)

// Lookup finds the entries for a code as people type it: in any letter case,
// with or without the provider's prefix ("AADSTS50011", "aadsts50011", "50011";
// "Error #101"; the full SAML status URN or its short name), or by an alias or
// symbolic name. A code that exists at several providers returns all of them:
// entries whose code is the query before those that only alias it, standards
// before vendors.
func (c *Catalog) Lookup(query string) []*Entry {
	q := normalize(query)
	if q == "" {
		return nil
	}
	// Entries by their place in the catalog, which they are sorted by.
	var found []int32
	add := func(k, provider string) {
		for _, at := range c.keyedAt(k) {
			if (provider == "" || c.entries[at].Provider == provider) && !slices.Contains(found, at) {
				found = append(found, at)
			}
		}
	}
	add(q, "")
	for _, p := range c.providers {
		for _, prefix := range p.LookupPrefixes {
			if rest, ok := strings.CutPrefix(q, prefix); ok {
				if rest = strings.TrimLeft(rest, " #:=-"); rest != "" {
					add(rest, p.Key)
				}
			}
		}
	}
	if len(found) == 0 {
		return nil
	}
	// Those whose code is the query first, then the others; each in
	// catalog order. The rank is found once per entry, not at every
	// comparison: a code many providers share (invalid_grant) has a dozen
	// entries.
	out := make([]*Entry, 0, len(found))
	slices.Sort(found)
	for _, at := range found {
		if codeIs(c.entries[at].Code, q) {
			out = append(out, c.entries[at])
		}
	}
	for _, at := range found {
		if !codeIs(c.entries[at].Code, q) {
			out = append(out, c.entries[at])
		}
	}
	return out
}

// codeIs reports whether normalize(code) is q, without normalising a copy
// of a code that is printable ASCII with nothing to trim: such a code
// normalises to itself in lower case.
func codeIs(code, q string) bool {
	plain := code != "" && strings.IndexByte(trimmedByNormalize, code[0]) < 0 && strings.IndexByte(trimmedByNormalize, code[len(code)-1]) < 0
	for i := 0; plain && i < len(code); i++ {
		plain = code[i] > ' ' && code[i] < 0x80
	}
	if !plain {
		return normalize(code) == q
	}
	if len(code) != len(q) {
		return false
	}
	for i := 0; i < len(code); i++ {
		c := code[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != q[i] {
			return false
		}
	}
	return true
}

// lookupKeys are the normalised strings that find this entry on their own.
func (e *Entry) lookupKeys() []string {
	keys := []string{normalize(e.Code)}
	if e.Name != "" {
		keys = append(keys, normalize(e.Name))
	}
	for _, a := range e.Aliases {
		keys = append(keys, normalize(a))
	}
	return keys
}

// normalize folds what people paste around a code: letter case, surrounding
// quotes and brackets, runs of white space.
func normalize(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, trimmedByNormalize)
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// trimmedByNormalize is what normalize trims from the ends of a code.
const trimmedByNormalize = "\"'`“”‘’()[]<>{}.,;:"
