package catalog

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"sync"
)

// Catalog is a loaded, validated set of providers and entries. It is read-only
// and safe for concurrent use.
type Catalog struct {
	// providers and entries are in listing order (see newCatalog).
	providers []*Provider
	entries   []*Entry
	// byKey maps a provider key to its position in providers.
	byKey map[string]int
	tables
	// shapes are the providers' code shapes, compiled on first use (a
	// worker's lookups never need them), in provider order.
	shapes func() []shape
	// version identifies the catalog's content; see Version.
	version string
}

// tables are what the catalog derives from its entries to find them, as
// positions in entries. They hold no map and no pointer, so that the binary
// form carries them as they are and opening it computes nothing: a worker's
// cold start would otherwise spend most of its time normalising keys and
// filling maps.
type tables struct {
	// byID lists every entry's position in the order of their ids.
	byID []int32
	// spans[i] is where providers[i]'s entries start and end in entries.
	spans [][2]int32
	// keys are the normalised codes, aliases and names that find entries,
	// sorted; the entries key i finds are found[keyEnd[i-1]:keyEnd[i]], in
	// listing order.
	keys   []string
	keyEnd []int32
	found  []int32
}

// Version identifies the catalog's content: a short hash of its files that
// changes whenever any entry or provider does. It is stable across the binary
// form, so the edge and the local server agree on it (ETags, /v1/health).
func (c *Catalog) Version() string { return c.version }

// newCatalog puts providers and entries in listing order and derives the
// tables that find them.
func newCatalog(providers []*Provider, entries []*Entry) *Catalog {
	providers, entries = slices.Clone(providers), slices.Clone(entries)
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
	slices.SortFunc(providers, func(a, b *Provider) int {
		if r := cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)); r != 0 {
			return r
		}
		return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	rank := map[string]int{}
	for i, p := range providers {
		rank[p.Key] = i
	}
	slices.SortFunc(entries, func(a, b *Entry) int {
		if r := cmp.Compare(rank[a.Provider], rank[b.Provider]); r != 0 {
			return r
		}
		return naturalCompare(a.Code, b.Code)
	})
	return withTables(providers, entries, deriveTables(providers, entries))
}

// withTables makes a catalog of providers and entries in listing order and
// their tables.
func withTables(providers []*Provider, entries []*Entry, t tables) *Catalog {
	c := &Catalog{providers: providers, entries: entries, byKey: make(map[string]int, len(providers)), tables: t,
		shapes: sync.OnceValue(func() []shape { return compileShapes(providers) })}
	for i, p := range providers {
		c.byKey[p.Key] = i
	}
	return c
}

// deriveTables computes the tables of providers and entries in listing order.
func deriveTables(providers []*Provider, entries []*Entry) tables {
	t := tables{byID: make([]int32, len(entries)), spans: make([][2]int32, len(providers))}
	for i := range entries {
		t.byID[i] = int32(i)
	}
	slices.SortFunc(t.byID, func(a, b int32) int { return cmp.Compare(entries[a].ID, entries[b].ID) })
	for i, p := range providers {
		start := int32(0)
		if i > 0 {
			start = t.spans[i-1][1]
		}
		end := start
		for int(end) < len(entries) && entries[end].Provider == p.Key {
			end++
		}
		t.spans[i] = [2]int32{start, end}
	}
	byKey := map[string][]int32{}
	for i, e := range entries {
		for _, k := range e.lookupKeys() {
			if !slices.Contains(byKey[k], int32(i)) {
				byKey[k] = append(byKey[k], int32(i))
			}
		}
	}
	t.keys = slices.Sorted(maps.Keys(byKey))
	for _, k := range t.keys {
		t.found = append(t.found, byKey[k]...)
		t.keyEnd = append(t.keyEnd, int32(len(t.found)))
	}
	return t
}

// keyed returns the entries that the normalised key k finds, in listing order.
func (c *Catalog) keyed(k string) []*Entry {
	at := c.keyedAt(k)
	if at == nil {
		return nil
	}
	out := make([]*Entry, 0, len(at))
	for _, i := range at {
		out = append(out, c.entries[i])
	}
	return out
}

// keyedAt returns the positions in entries of those that the normalised key
// k finds, in listing order; the slice is the catalog's own.
func (c *Catalog) keyedAt(k string) []int32 {
	i, ok := slices.BinarySearch(c.keys, k)
	if !ok {
		return nil
	}
	start := int32(0)
	if i > 0 {
		start = c.keyEnd[i-1]
	}
	return c.found[start:c.keyEnd[i]:c.keyEnd[i]]
}

// position returns where e stands in entries, or -1 when it is not the
// catalog's.
func (c *Catalog) position(e *Entry) int {
	i, ok := c.byIDIndex(e.ID)
	if !ok || c.entries[i] != e {
		return -1
	}
	return i
}

// byIDIndex finds the position in entries of the entry with the id.
func (c *Catalog) byIDIndex(id string) (int, bool) {
	i, ok := slices.BinarySearchFunc(c.byID, id, func(at int32, id string) int { return cmp.Compare(c.entries[at].ID, id) })
	if !ok {
		return 0, false
	}
	return int(c.byID[i]), true
}

// Entries returns every entry, grouped by provider (standards first) and in
// code order within a provider.
func (c *Catalog) Entries() []*Entry { return c.entries }

// Entry returns the entry with the given id ("entra/AADSTS50011").
func (c *Catalog) Entry(id string) (*Entry, bool) {
	i, ok := c.byIDIndex(id)
	if !ok {
		return nil, false
	}
	return c.entries[i], true
}

// Providers returns every provider, standards first, then vendors by name.
func (c *Catalog) Providers() []*Provider { return c.providers }

// Provider returns the provider with the given key ("entra").
func (c *Catalog) Provider(key string) (*Provider, bool) {
	i, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	return c.providers[i], true
}

// ProviderEntries returns the entries of one provider in code order.
func (c *Catalog) ProviderEntries(key string) []*Entry {
	i, ok := c.byKey[key]
	if !ok {
		return nil
	}
	span := c.spans[i]
	if span[0] == span[1] {
		return nil
	}
	return c.entries[span[0]:span[1]:span[1]]
}

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
	for _, o := range c.keyed(normalize(e.Code)) {
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
