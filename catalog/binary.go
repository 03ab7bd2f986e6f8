package catalog

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

// The binary form of a catalog is what the WebAssembly modules embed: parsing
// the Markdown and YAML of every entry costs most of a second in wasm, while
// reading this takes milliseconds. It is a build artefact of a catalog that
// Load has validated; it carries no validation of its own.
//
// Layout: magic, then providers and entries in listing order as counted
// lists of fields, each string a uvarint length and its bytes, each number a
// uvarint (an entry's id is left empty when it is provider/code, as nearly
// every one is); then the catalog's tables (ids in order, provider spans, sorted
// lookup keys and the entries each finds), so that FromBinary derives nothing.
const binaryMagic = "ACCAT8"

// MarshalBinary encodes the catalog for FromBinary.
func (c *Catalog) MarshalBinary() ([]byte, error) {
	return c.marshal(func(e *Entry) string { return e.Guide }, false), nil
}

// MarshalBinarySearch encodes what lookup and search read of the catalog and
// nothing more: of every provider its key, name, kind, the words that name
// it and its code shapes; of each entry its codes, title, summary, HTTP
// status (a query may name it), surfaces, standard code and literal
// messages (search weighs a run of a message's words), without guides,
// symbolic names, phrases, references or specifications. The site's search module fetches this form
// before it can answer, so every byte left out is one a visitor does not wait
// for; it decodes with FromBinary like the others.
func (c *Catalog) MarshalBinarySearch() ([]byte, error) {
	return c.marshal(func(*Entry) string { return "" }, true), nil
}

// MarshalBinaryFixSteps encodes the catalog with every guide cut down to its
// "## Fix" section: enough for FixSteps, at about 60% of the size, for
// modules that show the steps and link to the site for the whole guide.
func (c *Catalog) MarshalBinaryFixSteps() ([]byte, error) {
	return c.marshal(func(e *Entry) string {
		_, fix, _ := strings.Cut(e.Guide, "## Fix\n")
		fix, _, _ = strings.Cut(fix, "\n## ")
		return "## Fix\n" + fix
	}, false), nil
}

// marshal encodes the catalog with each entry's guide(e); searchOnly leaves
// out the entry fields search does not read (MarshalBinarySearch).
func (c *Catalog) marshal(guide func(*Entry) string, searchOnly bool) []byte {
	w := &binWriter{buf: []byte(binaryMagic)}
	w.strings(c.version)
	w.uint(len(c.providers))
	for _, p := range c.providers {
		if searchOnly {
			p = searchProvider(p)
		}
		w.strings(p.Key, p.Name, string(p.Kind), p.Home, p.Docs, p.CodePattern)
		w.list(p.LookupPrefixes)
		w.list(p.SearchTerms)
		w.list(p.IssuerHosts)
		w.list(p.ResponseParams)
		w.list(p.BodyFields)
		w.list(p.SharedHosts)
		w.list(p.IssuerPaths)
		w.list(p.Markers)
		w.list(p.LogFields)
		w.list(p.CodeFields)
		w.list(p.LogCodeFields)
		w.uint(len(p.CodeShapes))
		for _, cs := range p.CodeShapes {
			w.strings(cs.Pattern, cs.Code, cs.LookupURL)
		}
		w.strings(p.Versions, p.Description, p.File)
		w.bool(p.RedirectMatch != nil)
		if m := p.RedirectMatch; m != nil {
			w.strings(m.Path, m.LoopbackPort, m.Rule, m.URL)
		}
	}
	w.uint(len(c.entries))
	for _, e := range c.entries {
		g := guide(e)
		if searchOnly {
			e = searchFields(e)
		}
		id := e.ID
		if id == e.Provider+"/"+e.Code {
			id = "" // as nearly every id is: FromBinary puts it back
		}
		w.strings(id, e.Code, e.Provider, string(e.Protocol), string(e.Kind), e.Name)
		w.list(e.Aliases)
		w.strings(e.Title, e.Summary)
		w.uint(e.HTTPStatus)
		w.list(surfaceStrings(e.AppearsIn))
		w.list(actorStrings(e.WhoActs))
		w.bool(e.Retryable)
		w.strings(e.Standard)
		w.list(e.Related)
		w.uint(len(e.DefinedIn))
		for _, d := range e.DefinedIn {
			w.strings(d.Spec, d.Section, d.Context, d.HTTPStatus)
		}
		w.list(e.Phrases)
		w.list(e.Messages)
		w.bool(e.Generic)
		w.list(e.Wraps)
		w.uint(len(e.Causes))
		for _, c := range e.Causes {
			w.strings(c.Text)
			w.list(c.When)
		}
		w.uint(len(e.References))
		for _, r := range e.References {
			w.strings(r.Title, r.URL)
		}
		w.strings(g, e.File)
	}
	w.ints(c.byID)
	for _, span := range c.spans {
		w.uint(int(span[0]))
		w.uint(int(span[1]))
	}
	w.list(c.keys)
	w.ints(c.keyEnd)
	w.ints(c.found)
	return w.buf
}

// FromBinary decodes a catalog encoded by MarshalBinary.
func FromBinary(data []byte) (c *Catalog, err error) {
	if len(data) < len(binaryMagic) || string(data[:len(binaryMagic)]) != binaryMagic {
		return nil, errors.New("catalog: not a binary catalog")
	}
	// One copy of the data as a string; every field is a substring of it, so
	// decoding allocates no string of its own and the GC has nothing to scan.
	r := &binReader{s: string(data[len(binaryMagic):])}
	version := r.string()
	providers := make([]*Provider, r.uint())
	for i := range providers {
		p := &Provider{Key: r.string(), Name: r.string(), Kind: ProviderKind(r.string()), Home: r.string(), Docs: r.string(), CodePattern: r.string()}
		p.LookupPrefixes, p.SearchTerms = r.list(), r.list()
		p.IssuerHosts, p.ResponseParams, p.BodyFields = r.list(), r.list(), r.list()
		p.SharedHosts, p.IssuerPaths = r.list(), r.list()
		p.Markers, p.LogFields, p.CodeFields = r.list(), r.list(), r.list()
		p.LogCodeFields = r.list()
		if n := r.uint(); n > 0 {
			p.CodeShapes = make([]CodeShape, n)
			for j := range p.CodeShapes {
				p.CodeShapes[j] = CodeShape{Pattern: r.string(), Code: r.string(), LookupURL: r.string()}
			}
		}
		p.Versions, p.Description, p.File = r.string(), r.string(), r.string()
		if r.bool() {
			p.RedirectMatch = &RedirectMatch{Path: r.string(), LoopbackPort: r.string(), Rule: r.string(), URL: r.string()}
		}
		providers[i] = p
	}
	n := r.uint()
	if n > len(r.s)/16 { // an entry is some twenty fields of a byte or more
		r.err, n = errTruncated, 0
	}
	entries := make([]*Entry, n)
	// One allocation for every entry rather than one each.
	slab := make([]Entry, len(entries))
	for i := range entries {
		e := &slab[i]
		*e = Entry{ID: r.string(), Code: r.string(), Provider: r.string(), Protocol: Protocol(r.string()), Kind: EntryKind(r.string()), Name: r.string()}
		if e.ID == "" {
			e.ID = e.Provider + "/" + e.Code
		}
		e.Aliases = r.list()
		e.Title, e.Summary = r.string(), r.string()
		e.HTTPStatus = r.uint()
		for _, s := range r.list() {
			e.AppearsIn = append(e.AppearsIn, Surface(s))
		}
		for _, a := range r.list() {
			e.WhoActs = append(e.WhoActs, Actor(a))
		}
		e.Retryable = r.bool()
		e.Standard = r.string()
		e.Related = r.list()
		if n := r.uint(); n > 0 {
			e.DefinedIn = make([]Definition, n)
			for j := range e.DefinedIn {
				e.DefinedIn[j] = Definition{Spec: r.string(), Section: r.string(), Context: r.string(), HTTPStatus: r.string()}
			}
		}
		e.Phrases = r.list()
		e.Messages = r.list()
		e.Generic = r.bool()
		e.Wraps = r.list()
		if n := r.uint(); n > 0 {
			e.Causes = make([]Cause, n)
			for j := range e.Causes {
				e.Causes[j] = Cause{Text: r.string(), When: r.list()}
			}
		}
		if n := r.uint(); n > 0 {
			e.References = make([]Reference, n)
			for j := range e.References {
				e.References[j] = Reference{Title: r.string(), URL: r.string()}
			}
		}
		e.Guide, e.File = r.string(), r.string()
		entries[i] = e
	}
	t := tables{byID: r.ints(len(entries)), spans: make([][2]int32, len(providers))}
	for i := range t.spans {
		t.spans[i] = [2]int32{r.index(len(entries) + 1), r.index(len(entries) + 1)}
	}
	t.keys = r.list()
	t.keyEnd = r.ints(-1)
	t.found = r.ints(len(entries))
	if r.err == nil && !t.consistent(len(entries)) {
		r.err = errors.New("inconsistent tables")
	}
	if r.err != nil {
		return nil, fmt.Errorf("catalog: binary catalog: %w", r.err)
	}
	c = withTables(providers, entries, t)
	c.version = version
	return c, nil
}

// consistent says whether tables read from bytes can be used without
// indexing out of range: every position is checked as it is read; here the
// counts and the key ends, which must rise to the end of found.
func (t *tables) consistent(entries int) bool {
	if len(t.byID) != entries || len(t.keyEnd) != len(t.keys) {
		return false
	}
	prev := int32(0)
	for _, end := range t.keyEnd {
		if end < prev || int(end) > len(t.found) {
			return false
		}
		prev = end
	}
	for _, span := range t.spans {
		if span[0] > span[1] {
			return false
		}
	}
	return prev == int32(len(t.found))
}

// searchFields is a copy of e with only the fields lookup and search read
// (the symbolic name is in the lookup tables and the index already).
func searchFields(e *Entry) *Entry {
	return &Entry{
		ID: e.ID, Code: e.Code, Provider: e.Provider, Protocol: e.Protocol, Kind: e.Kind,
		Aliases: e.Aliases, Title: e.Title, Summary: e.Summary, HTTPStatus: e.HTTPStatus, AppearsIn: e.AppearsIn,
		Standard: e.Standard, Generic: e.Generic, Messages: e.Messages,
	}
}

// searchProvider is a copy of p with only the fields lookup and search
// read: its names and the words and code shapes that point at it.
func searchProvider(p *Provider) *Provider {
	return &Provider{
		Key: p.Key, Name: p.Name, Kind: p.Kind, LookupPrefixes: p.LookupPrefixes,
		SearchTerms: p.SearchTerms, Markers: p.Markers, CodeShapes: p.CodeShapes,
	}
}

func surfaceStrings(ss []Surface) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}

func actorStrings(as []Actor) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = string(a)
	}
	return out
}

type binWriter struct{ buf []byte }

func (w *binWriter) uint(n int) { w.buf = binary.AppendUvarint(w.buf, uint64(n)) }

func (w *binWriter) bool(b bool) {
	if b {
		w.uint(1)
	} else {
		w.uint(0)
	}
}

func (w *binWriter) strings(ss ...string) {
	for _, s := range ss {
		w.uint(len(s))
		w.buf = append(w.buf, s...)
	}
}

func (w *binWriter) ints(ns []int32) {
	w.uint(len(ns))
	for _, n := range ns {
		w.uint(int(n))
	}
}

func (w *binWriter) list(ss []string) {
	w.uint(len(ss))
	w.strings(ss...)
}

// binReader reads what binWriter wrote; the first error sticks and every
// later read returns a zero value.
type binReader struct {
	s   string
	err error
	// slab is where lists are cut from: a worker's cold start would
	// otherwise allocate some ten thousand small slices one by one.
	slab []string
}

var errTruncated = errors.New("truncated")

func (r *binReader) uint() int {
	var v uint64
	for shift := uint(0); r.err == nil; shift += 7 {
		if r.s == "" || shift > 56 {
			r.err = errTruncated
			break
		}
		b := r.s[0]
		r.s = r.s[1:]
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			if v > uint64(len(r.s))+1<<20 {
				r.err = errTruncated
				break
			}
			return int(v)
		}
	}
	return 0
}

func (r *binReader) bool() bool { return r.uint() == 1 }

// index reads a number below limit.
func (r *binReader) index(limit int) int32 {
	n := r.uint()
	if r.err == nil && n >= limit {
		r.err = errors.New("position out of range")
	}
	return int32(n)
}

// ints reads what binWriter.ints wrote, each number below limit (when
// limit is not negative).
func (r *binReader) ints(limit int) []int32 {
	n := r.uint()
	if r.err != nil || n > len(r.s) {
		r.err = errTruncated
		return nil
	}
	out := make([]int32, n)
	for i := range out {
		if limit < 0 {
			out[i] = int32(r.uint())
		} else {
			out[i] = r.index(limit)
		}
	}
	return out
}

func (r *binReader) string() string {
	n := r.uint()
	if r.err != nil || n > len(r.s) {
		r.err = errTruncated
		return ""
	}
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

func (r *binReader) list() []string {
	n := r.uint()
	if r.err != nil || n > len(r.s) {
		r.err = errTruncated
		return nil
	}
	if n == 0 {
		return nil
	}
	if len(r.slab) < n {
		r.slab = make([]string, max(n, 4096))
	}
	// Capped, so that an append to one list never writes into the next.
	out := r.slab[:n:n]
	r.slab = r.slab[n:]
	for i := range out {
		out[i] = r.string()
	}
	return out
}
