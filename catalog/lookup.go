package catalog

import (
	"cmp"
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
	var found []*Entry
	add := func(es []*Entry, provider string) {
		for _, e := range es {
			if (provider == "" || e.Provider == provider) && !slices.Contains(found, e) {
				found = append(found, e)
			}
		}
	}
	add(c.keyed(q), "")
	for _, p := range c.providers {
		for _, prefix := range p.LookupPrefixes {
			if rest, ok := strings.CutPrefix(q, prefix); ok {
				if rest = strings.TrimLeft(rest, " #:=-"); rest != "" {
					add(c.keyed(rest), p.Key)
				}
			}
		}
	}
	rank := func(e *Entry) int {
		if normalize(e.Code) == q {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(found, func(a, b *Entry) int {
		if r := cmp.Compare(rank(a), rank(b)); r != 0 {
			return r
		}
		return cmp.Compare(c.position(a), c.position(b))
	})
	return found
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
	s = strings.Trim(s, "\"'`“”‘’()[]<>{}.,;:")
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
