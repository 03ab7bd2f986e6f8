package catalog

import (
	"cmp"
	"slices"
	"strings"
)

// Catalog is a loaded, validated set of providers and entries. It is read-only
// and safe for concurrent use.
type Catalog struct {
	entries    []*Entry
	byID       map[string]*Entry
	providers  []*Provider
	byKey      map[string]*Provider
	byProvider map[string][]*Entry
	// lookupKeys maps a normalised code, alias or name to the entries that carry it.
	lookupKeys map[string][]*Entry
	// order is each entry's position in Entries.
	order map[*Entry]int
	// shapes are the providers' code shapes, compiled, in provider order.
	shapes []shape
	// version identifies the catalog's content; see Version.
	version string
}

// Version identifies the catalog's content: a short hash of its files that
// changes whenever any entry or provider does. It is stable across the binary
// form, so the edge and the local server agree on it (ETags, /v1/health).
func (c *Catalog) Version() string { return c.version }

func newCatalog(providers []*Provider, entries []*Entry) *Catalog {
	c := &Catalog{
		byID:       make(map[string]*Entry, len(entries)),
		byKey:      make(map[string]*Provider, len(providers)),
		byProvider: map[string][]*Entry{},
		lookupKeys: make(map[string][]*Entry, 2*len(entries)),
		order:      make(map[*Entry]int, len(entries)),
		providers:  slices.Clone(providers),
		entries:    slices.Clone(entries),
	}
	for _, p := range c.providers {
		c.byKey[p.Key] = p
	}
	// Standards first, then vendors, then client libraries, each by name:
	// the order of every listing.
	kindRank := func(k ProviderKind) int {
		switch k {
		case Standard:
			return 0
		case Vendor:
			return 1
		}
		return 2
	}
	slices.SortFunc(c.providers, func(a, b *Provider) int {
		if r := cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)); r != 0 {
			return r
		}
		return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	rank := map[string]int{}
	for i, p := range c.providers {
		rank[p.Key] = i
	}
	slices.SortFunc(c.entries, func(a, b *Entry) int {
		if r := cmp.Compare(rank[a.Provider], rank[b.Provider]); r != 0 {
			return r
		}
		return naturalCompare(a.Code, b.Code)
	})
	c.shapes = compileShapes(c.providers)
	for i, e := range c.entries {
		c.order[e] = i
		c.byID[e.ID] = e
		c.byProvider[e.Provider] = append(c.byProvider[e.Provider], e)
		for _, k := range e.lookupKeys() {
			if !slices.Contains(c.lookupKeys[k], e) {
				c.lookupKeys[k] = append(c.lookupKeys[k], e)
			}
		}
	}
	return c
}

// Entries returns every entry, grouped by provider (standards first) and in
// code order within a provider.
func (c *Catalog) Entries() []*Entry { return c.entries }

// Entry returns the entry with the given id ("entra/AADSTS50011").
func (c *Catalog) Entry(id string) (*Entry, bool) {
	e, ok := c.byID[id]
	return e, ok
}

// Providers returns every provider, standards first, then vendors by name.
func (c *Catalog) Providers() []*Provider { return c.providers }

// Provider returns the provider with the given key ("entra").
func (c *Catalog) Provider(key string) (*Provider, bool) {
	p, ok := c.byKey[key]
	return p, ok
}

// ProviderEntries returns the entries of one provider in code order.
func (c *Catalog) ProviderEntries(key string) []*Entry { return c.byProvider[key] }

// ProtocolEntries returns the entries of one protocol, in catalog order.
func (c *Catalog) ProtocolEntries(p Protocol) []*Entry {
	var out []*Entry
	for _, e := range c.entries {
		if e.Protocol == p {
			out = append(out, e)
		}
	}
	return out
}

// Relatives returns the entries that carry the same code at other providers,
// for an "also at" list: the standard code's vendor variants, or a vendor
// code's standard and siblings.
func (c *Catalog) Relatives(e *Entry) []*Entry {
	var out []*Entry
	for _, o := range c.lookupKeys[normalize(e.Code)] {
		if o != e && strings.EqualFold(o.Code, e.Code) {
			out = append(out, o)
		}
	}
	return out
}

// naturalCompare orders strings with embedded numbers by their value, so that
// AADSTS5000 sorts before AADSTS50000 and E0000009 before E0000010.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digitPrefix(a), digitPrefix(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if r := cmp.Compare(len(na), len(nb)); r != 0 {
				return r
			}
			if r := cmp.Compare(na, nb); r != 0 {
				return r
			}
			if r := cmp.Compare(da, db); r != 0 {
				return r
			}
			a, b = a[da:], b[db:]
			continue
		}
		ca, cb := strings.ToLower(a[:1]), strings.ToLower(b[:1])
		if r := cmp.Compare(ca, cb); r != 0 {
			return r
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func digitPrefix(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}
