package decode

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"slices"
	"strings"

	"github.com/authcodes/authcodes/catalog"
)

// Deriving the recognition tables (the vocabulary's terms and the message
// index) is most of what New costs: normalising some 3,000 messages takes
// 16 ms in WebAssembly, where a module's start waits for it. So they are
// derived when the catalog is built instead, for the embedded catalog, into
// tables.bin; New reads them from there when the catalog it is given has
// the entries they were derived from (the binary forms of the embedded
// catalog included), and derives them itself for any other.
//
// go generate ./catalog/search regenerates this file with the index; a test
// fails when it falls behind the catalog or the code that derives it.
//
//go:generate go run ./internal/gentables -o tables.bin

//go:embed tables.bin
var embeddedTables []byte

// Layout: magic; the fingerprint of the entries the tables were derived
// from (8 bytes, little-endian); the entry count; one string, the slab, that
// every other string is a span of (offset and length); the terms, sorted,
// each its folded spelling, class and code; the number of fragments of all
// messages, then the messages in index order, each its entry's position,
// its fragments and slots, its literal and its flags (primary, whole).
// Numbers are uvarints.
const tablesMagic = "ACDEC2"

// A message's flags in the tables.
const (
	flagPrimary = 1 << iota
	flagWhole
)

func messageFlags(m message) int {
	f := 0
	if m.primary {
		f |= flagPrimary
	}
	if m.whole {
		f |= flagWhole
	}
	return f
}

// MarshalTables derives the recognition tables of cat and encodes them in
// the form New reads precomputed. It is what generates tables.bin.
func MarshalTables(cat *catalog.Catalog) []byte {
	return marshalTables(cat, newVocabulary(cat), newMessageIndex(cat))
}

// recognitionTables returns cat's vocabulary and message index, read from
// the embedded tables when they were derived from cat's entries.
func recognitionTables(cat *catalog.Catalog) (*vocabulary, *messageIndex) {
	if v, ix, err := readTables(cat, embeddedTables); err == nil {
		return v, ix
	}
	return newVocabulary(cat), newMessageIndex(cat)
}

func marshalTables(cat *catalog.Catalog, v *vocabulary, ix *messageIndex) []byte {
	w := newTableWriter()
	w.uint(len(v.terms))
	for _, f := range sortedKeys(v.terms) {
		t := v.terms[f]
		w.span(f)
		w.uint(int(t.class))
		w.span(t.code)
	}
	w.uint(len(v.squashed))
	for _, sq := range sortedKeys(v.squashed) {
		w.span(sq)
		w.span(v.squashed[sq])
	}
	spellKeys := make([]spellKey, 0, len(v.spellable))
	for k := range v.spellable {
		spellKeys = append(spellKeys, k)
	}
	slices.SortFunc(spellKeys, func(a, b spellKey) int {
		if a.first != b.first {
			return int(a.first) - int(b.first)
		}
		return a.n - b.n
	})
	w.uint(len(spellKeys))
	for _, k := range spellKeys {
		w.uint(int(k.first))
		w.uint(k.n)
		w.uint(len(v.spellable[k]))
		for _, f := range v.spellable[k] {
			w.span(f)
		}
	}

	position := make(map[*catalog.Entry]int, len(cat.Entries()))
	for i, e := range cat.Entries() {
		position[e] = i
	}
	fragments := 0
	for _, m := range ix.messages {
		fragments += len(m.fragments)
	}
	w.uint(fragments)
	w.uint(len(ix.messages))
	var last *catalog.Entry
	for _, m := range ix.messages {
		if m.entry != last {
			last = m.entry
			w.region()
		}
		w.uint(position[m.entry])
		w.uint(len(m.fragments))
		for i, f := range m.fragments {
			w.span(f)
			w.span(m.slots[i])
		}
		w.span(m.literal)
		w.uint(messageFlags(m))
	}
	w.region()
	filed := 0
	for _, list := range ix.byKey {
		filed += len(list)
	}
	w.uint(filed)
	w.uint(len(ix.byKey))
	for _, key := range sortedKeys(ix.byKey) {
		w.span(key)
		w.uint(len(ix.byKey[key]))
		for _, i := range ix.byKey[key] {
			w.uint(i)
		}
	}
	w.uint(len(ix.starts))
	for _, word := range sortedKeys(ix.starts) {
		w.span(word)
	}

	out := []byte(tablesMagic)
	out = binary.LittleEndian.AppendUint64(out, entriesFingerprint(cat))
	out = binary.AppendUvarint(out, uint64(len(cat.Entries())))
	out = binary.AppendUvarint(out, uint64(w.slab.Len()))
	out = append(out, w.slab.String()...)
	return append(out, w.body...)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// tableWriter writes the tables' numbers and spans, the strings going into
// the slab as they are met, each once: a message's tail and its sentences
// are parts of what its entry wrote before (its region), so each is looked
// for there first.
type tableWriter struct {
	slab        strings.Builder
	body        []byte
	seen        map[string][2]int
	regionStart int
}

func newTableWriter() *tableWriter { return &tableWriter{seen: map[string][2]int{}} }

func (w *tableWriter) uint(n int) { w.body = binary.AppendUvarint(w.body, uint64(n)) }

func (w *tableWriter) bool(b bool) {
	if b {
		w.uint(1)
	} else {
		w.uint(0)
	}
}

// region starts the part of the slab that later strings are looked for in.
func (w *tableWriter) region() { w.regionStart = w.slab.Len() }

func (w *tableWriter) span(s string) {
	sp, ok := w.seen[s]
	switch {
	case ok || s == "":
	case strings.Contains(w.slab.String()[w.regionStart:], s):
		sp = [2]int{w.regionStart + strings.Index(w.slab.String()[w.regionStart:], s), len(s)}
	default:
		sp = [2]int{w.slab.Len(), len(s)}
		w.slab.WriteString(s)
		w.seen[s] = sp
	}
	w.uint(sp[0])
	w.uint(sp[1])
}

var errStaleTables = errors.New("decode: the precomputed tables are of other entries")

// readTables decodes what marshalTables wrote for cat. It fails, and New
// derives the tables itself, when they were derived from other entries or
// do not read whole. Every map is made at its size and every list cut from
// one allocation: this runs at each module's start.
func readTables(cat *catalog.Catalog, data []byte) (*vocabulary, *messageIndex, error) {
	entries := cat.Entries()
	head := len(tablesMagic) + 8
	if len(data) < head || string(data[:len(tablesMagic)]) != tablesMagic {
		return nil, nil, errors.New("decode: not recognition tables")
	}
	if binary.LittleEndian.Uint64(data[len(tablesMagic):head]) != entriesFingerprint(cat) {
		return nil, nil, errStaleTables
	}
	// One copy of the data as a string; every string of the tables is a
	// substring of it, so reading them allocates none.
	r := &tableReader{s: string(data[head:])}
	if r.uint() != len(entries) {
		return nil, nil, errStaleTables
	}
	n := r.count()
	r.slab = r.s[r.pos : r.pos+n]
	r.pos += n

	n = r.count()
	v := &vocabulary{terms: make(map[string]term, n)}
	for range n {
		f, class, code := r.span(), termClass(r.uint()), r.span()
		v.terms[f] = term{class: class, code: code}
	}
	n = r.count()
	v.squashed = make(map[string]string, n)
	for range n {
		sq, f := r.span(), r.span()
		v.squashed[sq] = f
	}
	n = r.count()
	v.spellable = make(map[spellKey][]string, n)
	for range n {
		k := spellKey{first: byte(r.uint()), n: r.uint()}
		list := make([]string, r.count())
		for i := range list {
			list[i] = r.span()
		}
		v.spellable[k] = list
	}

	strs := make([]string, 2*r.count())
	ix := &messageIndex{messages: make([]message, r.count())}
	for i := range ix.messages {
		m := &ix.messages[i]
		e, k := r.uint(), r.uint()
		if r.err != nil || e >= len(entries) || k == 0 || 2*k > len(strs) {
			return nil, nil, errTablesTruncated
		}
		m.entry = entries[e]
		m.fragments, m.slots = strs[:k:k], strs[k:2*k:2*k]
		strs = strs[2*k:]
		for j := range k {
			m.fragments[j], m.slots[j] = r.span(), r.span()
		}
		m.literal = r.span()
		flags := r.uint()
		m.primary, m.whole = flags&flagPrimary != 0, flags&flagWhole != 0
	}
	filed := make([]int, r.count())
	n = r.count()
	ix.byKey = make(map[string][]int, n)
	for range n {
		key, k := r.span(), r.uint()
		if r.err != nil || k > len(filed) {
			return nil, nil, errTablesTruncated
		}
		list := filed[:k:k]
		filed = filed[k:]
		for i := range list {
			if list[i] = r.uint(); list[i] >= len(ix.messages) {
				return nil, nil, errTablesTruncated
			}
		}
		ix.byKey[key] = list
	}
	n = r.count()
	ix.starts = make(map[string]bool, n)
	for range n {
		ix.starts[r.span()] = true
	}
	if r.err != nil || r.pos != len(r.s) {
		return nil, nil, errTablesTruncated
	}
	return v, ix, nil
}

var errTablesTruncated = errors.New("decode: the precomputed tables are truncated")

// tableReader reads the numbers and spans of the tables; the first error
// sticks and every later read returns a zero value.
type tableReader struct {
	s    string
	pos  int // where in s the next number is
	slab string
	err  error
}

func (r *tableReader) uint() int {
	var v uint64
	for shift := uint(0); r.err == nil; shift += 7 {
		if r.pos >= len(r.s) || shift > 56 {
			break
		}
		b := r.s[r.pos]
		r.pos++
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			if v > uint64(len(r.s)) {
				break // no count or offset of the tables is this large
			}
			return int(v)
		}
	}
	r.err = errTablesTruncated
	return 0
}

// count reads a number of things each at least a byte long.
func (r *tableReader) count() int {
	n := r.uint()
	if n > len(r.s)-r.pos {
		r.err = errTablesTruncated
		return 0
	}
	return n
}

func (r *tableReader) span() string {
	off, n := r.uint(), r.uint()
	if r.err != nil || off > len(r.slab) || n > len(r.slab)-off {
		r.err = errTablesTruncated
		return ""
	}
	return r.slab[off : off+n]
}

// entriesFingerprint hashes what the recognition tables are derived from:
// each entry's code, name, aliases, kind and messages, in listing order. It
// runs at every module's start over some 150 KB, so it takes the strings
// eight bytes at a time (one multiply each) rather than FNV's byte by byte.
func entriesFingerprint(cat *catalog.Catalog) uint64 {
	h := uint64(len(cat.Entries()))
	for _, e := range cat.Entries() {
		h = hashString(h, e.Code)
		h = hashString(h, e.Name)
		h = hashString(h, string(e.Kind))
		h = mix(h, uint64(len(e.Aliases)))
		for _, a := range e.Aliases {
			h = hashString(h, a)
		}
		h = mix(h, uint64(len(e.Messages)))
		for _, m := range e.Messages {
			h = hashString(h, m)
		}
	}
	return h
}

// hashString folds s, and its length, into h.
func hashString(h uint64, s string) uint64 {
	h = mix(h, uint64(len(s)))
	for ; len(s) >= 8; s = s[8:] {
		h = mix(h, uint64(s[0])|uint64(s[1])<<8|uint64(s[2])<<16|uint64(s[3])<<24|
			uint64(s[4])<<32|uint64(s[5])<<40|uint64(s[6])<<48|uint64(s[7])<<56)
	}
	var w uint64
	for i := 0; i < len(s); i++ {
		w |= uint64(s[i]) << (8 * i)
	}
	return mix(h, w)
}

// mix folds w into h: a multiply by an odd constant spreads each bit of w
// upwards, the shift brings the high bits back down.
func mix(h, w uint64) uint64 {
	h = (h ^ w) * 0x9e3779b97f4a7c15
	return h ^ h>>32
}
