package search

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	index "github.com/blevesearch/bleve_index_api"
	store "github.com/blevesearch/upsidedown_store_api"
)

// frozenIndex is Bleve's index.IndexReader over a frozen upsidedown index
// (Build writes it): it reads the rows Bleve's term, fuzzy, disjunction and
// conjunction searchers and its collector need, laid out as upsidedown lays
// them out, and nothing else. Reading them here rather than through the
// upsidedown package keeps that package, and the protobuf runtime and
// reflection it brings for rows only updates read, out of the WebAssembly
// modules (Build, which indexes with upsidedown, is native only); what it
// returns is what upsidedown's reader returns for the same rows, so scores
// are Bleve's.
//
// Rows (upsidedown's layout, but for postings and norms): "f" + field
// number (uint16 LE) -> field name + 0xff; "b" + document id, one per
// document, in id order; "d" + field + term -> uvarint count of documents,
// then the term's postings (freeze): for each document in id order, the
// uvarint gap from the previous document's rank among the "b" rows (times
// two, plus one when a frequency above one follows, less two); "n" + field -> each document's uvarint length of the
// field, whose norm every posting in the field shares.
type frozenIndex struct {
	store    *frozenStore
	fields   map[string]uint16
	docCount uint64
	// ids are the documents' ids in id order (a posting's rank is its place here).
	ids [][]byte
	// norms are each field's norm for each document, by rank.
	norms map[uint16][]float64
}

const rowSeparator = 0xff

var errNotKept = errors.New("search: the frozen index keeps no stored documents, doc values or document lists")

func openIndex(data []byte) (*frozenIndex, error) {
	s, err := openFrozen(data)
	if err != nil {
		return nil, err
	}
	ix := &frozenIndex{store: s, fields: map[string]uint16{}}
	it := s.PrefixIterator([]byte{'f'})
	for k, v, ok := it.Current(); ok; k, v, ok = it.Current() {
		if len(k) != 3 || len(v) == 0 || v[len(v)-1] != rowSeparator {
			return nil, fmt.Errorf("search: bad field row %q", k)
		}
		ix.fields[string(v[:len(v)-1])] = binary.LittleEndian.Uint16(k[1:])
		it.Next()
	}
	it = s.PrefixIterator([]byte{'b'})
	for k, _, ok := it.Current(); ok; k, _, ok = it.Current() {
		ix.ids = append(ix.ids, k[1:])
		it.Next()
	}
	ix.docCount = uint64(len(ix.ids))
	ix.norms = map[uint16][]float64{}
	for _, f := range ix.fields {
		v, _ := s.Get(rowKey('n', f))
		norms := make([]float64, len(ix.ids))
		for i := range norms {
			l, n := binary.Uvarint(v)
			if n <= 0 {
				return nil, fmt.Errorf("search: the norms of field %d are truncated", f)
			}
			v = v[n:]
			if l > 0 {
				norms[i] = float64(norm(l))
			}
		}
		if len(v) > 0 {
			return nil, fmt.Errorf("search: the norms of field %d run past the documents", f)
		}
		ix.norms[f] = norms
	}
	return ix, nil
}

// rowKey is kind + field + parts, as upsidedown writes keys.
func rowKey(kind byte, field uint16, parts ...[]byte) []byte {
	k := binary.LittleEndian.AppendUint16([]byte{kind}, field)
	for _, p := range parts {
		k = append(k, p...)
	}
	return k
}

func (ix *frozenIndex) TermFieldReader(_ context.Context, term []byte, field string, _, _, _ bool) (index.TermFieldReader, error) {
	f, ok := ix.fields[field]
	if !ok {
		return &termReader{}, nil
	}
	val, _ := ix.store.Get(rowKey('d', f, term))
	if val == nil {
		return &termReader{}, nil
	}
	count, n := binary.Uvarint(val)
	if n <= 0 {
		return nil, fmt.Errorf("search: bad dictionary row for %q in %s", term, field)
	}
	return &termReader{postings: val[n:], count: count, ids: ix.ids, norms: ix.norms[f], rank: -1}, nil
}

// termReader walks one term's postings in document order, as upsidedown's
// term field reader walks its rows: Next returns the posting after the one
// returned last, Advance the first at or after a document.
type termReader struct {
	postings []byte
	next     int    // where the posting after the last one returned starts
	last     []byte // the document of the last one returned
	rank     int    // its rank, -1 before the first
	count    uint64
	ids      [][]byte
	norms    []float64
}

func (r *termReader) Next(pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	doc, freq, norm, err := r.read()
	if doc == nil || err != nil {
		return nil, err
	}
	return posting(pre, doc, freq, norm), nil
}

func (r *termReader) Advance(id index.IndexInternalID, pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	if r.last == nil || bytes.Compare(id, r.last) <= 0 {
		r.next, r.rank = 0, -1 // a seek back, or to the same document: from the start
	}
	for {
		doc, freq, norm, err := r.read()
		if doc == nil || err != nil {
			return nil, err
		}
		if bytes.Compare(doc, id) >= 0 {
			return posting(pre, doc, freq, norm), nil
		}
	}
}

// read decodes the posting at r.next and moves past it; nil at the end.
func (r *termReader) read() (doc []byte, freq uint64, norm float64, err error) {
	p := r.postings[r.next:]
	if len(p) == 0 {
		return nil, 0, 0, nil
	}
	gap, n := binary.Uvarint(p)
	if n <= 0 || gap>>1 >= uint64(len(r.ids)-r.rank-1) {
		return nil, 0, 0, errors.New("search: invalid postings row, bad document")
	}
	freq, m := uint64(1), 0
	if gap&1 == 1 {
		if freq, m = binary.Uvarint(p[n:]); m <= 0 {
			return nil, 0, 0, errors.New("search: invalid postings row, invalid frequency")
		}
		freq += 2
	}
	gap >>= 1
	r.rank += int(gap) + 1
	r.next += n + m
	r.last = r.ids[r.rank]
	return r.last, freq, r.norms[r.rank], nil
}

// posting fills a TermFieldDoc as upsidedown's reader does.
func posting(pre *index.TermFieldDoc, doc []byte, freq uint64, norm float64) *index.TermFieldDoc {
	rv := pre
	if rv == nil {
		rv = &index.TermFieldDoc{}
	}
	rv.ID = append(rv.ID, doc...)
	rv.Freq = freq
	rv.Norm = norm
	return rv
}

func (r *termReader) Count() uint64 { return r.count }
func (r *termReader) Size() int     { return 64 }
func (r *termReader) Close() error  { return nil }

func (ix *frozenIndex) FieldDict(field string) (index.FieldDict, error) {
	return ix.FieldDictRange(field, nil, nil)
}

// FieldDictRange lists the terms of a field from startTerm to endTerm, both
// included (nil: from the first, to the last).
func (ix *frozenIndex) FieldDictRange(field string, startTerm, endTerm []byte) (index.FieldDict, error) {
	f, ok := ix.fields[field]
	if !ok {
		return &fieldDict{}, nil
	}
	end := []byte{rowSeparator}
	if endTerm != nil {
		end = incrementBytes(endTerm)
	}
	return &fieldDict{it: ix.store.RangeIterator(rowKey('d', f, startTerm), rowKey('d', f, end))}, nil
}

func (ix *frozenIndex) FieldDictPrefix(field string, prefix []byte) (index.FieldDict, error) {
	return ix.FieldDictRange(field, prefix, prefix)
}

// incrementBytes is upsidedown's: the last byte plus one, carrying.
func incrementBytes(in []byte) []byte {
	rv := bytes.Clone(in)
	for i := len(rv) - 1; i >= 0; i-- {
		rv[i]++
		if rv[i] != 0 {
			break
		}
	}
	return rv
}

type fieldDict struct {
	it    store.KVIterator
	entry index.DictEntry
}

func (d *fieldDict) Next() (*index.DictEntry, error) {
	if d.it == nil {
		return nil, nil
	}
	key, val, ok := d.it.Current()
	if !ok {
		return nil, nil
	}
	count, n := binary.Uvarint(val)
	if n <= 0 || len(key) < 3 {
		return nil, fmt.Errorf("search: bad dictionary row %q", key)
	}
	d.entry = index.DictEntry{Term: string(key[3:]), Count: count}
	d.it.Next()
	return &d.entry, nil
}

func (d *fieldDict) Close() error {
	if d.it != nil {
		return d.it.Close()
	}
	return nil
}
func (d *fieldDict) Cardinality() int  { return 0 }
func (d *fieldDict) BytesRead() uint64 { return 0 }

// DocValueReader serves the collector, which asks for no fields when results
// are sorted by score alone.
func (ix *frozenIndex) DocValueReader(fields []string) (index.DocValueReader, error) {
	if len(fields) > 0 {
		return nil, errNotKept
	}
	return noDocValues{}, nil
}

type noDocValues struct{}

func (noDocValues) VisitDocValues(index.IndexInternalID, index.DocValueVisitor) error { return nil }
func (noDocValues) BytesRead() uint64                                                 { return 0 }

func (ix *frozenIndex) DocIDReaderAll() (index.DocIDReader, error)          { return nil, errNotKept }
func (ix *frozenIndex) DocIDReaderOnly([]string) (index.DocIDReader, error) { return nil, errNotKept }
func (ix *frozenIndex) Document(string) (index.Document, error)             { return nil, errNotKept }
func (ix *frozenIndex) GetInternal([]byte) ([]byte, error)                  { return nil, nil }
func (ix *frozenIndex) DocCount() (uint64, error)                           { return ix.docCount, nil }
func (ix *frozenIndex) Close() error                                        { return nil }

func (ix *frozenIndex) Fields() ([]string, error) {
	out := make([]string, 0, len(ix.fields))
	for name := range ix.fields {
		out = append(out, name)
	}
	return out, nil
}

// Document ids inside the index are the ids themselves, as in upsidedown.
func (ix *frozenIndex) ExternalID(id index.IndexInternalID) (string, error) { return string(id), nil }
func (ix *frozenIndex) InternalID(id string) (index.IndexInternalID, error) {
	return index.IndexInternalID(id), nil
}
