package search

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"

	store "github.com/blevesearch/upsidedown_store_api"
)

// frozenStore is a read-only key/value store for Bleve's upsidedown index over
// one byte slice: the index is built at build time, serialised with freeze,
// embedded, and opened at run time without copying or re-indexing anything;
// frozenIndex reads the index's rows from it.
//
// Layout: magic "ACKV3", uint32 pair count n, then the pairs, each a uvarint
// key length, the key, a uvarint value length and the value, in key order.
// Where each pair starts is found once, when the store is opened, rather
// than shipped: a table of offsets is a third of the index once compressed
// (150 KB of brotli), and finding them takes one pass.
type frozenStore struct {
	offsets []uint32 // where each pair starts in pairs
	pairs   []byte
	n       int
}

const frozenMagic = "ACKV3"

var errReadOnly = errors.New("search: the index is read-only")

func openFrozen(data []byte) (*frozenStore, error) {
	if !bytes.HasPrefix(data, []byte(frozenMagic)) || len(data) < len(frozenMagic)+4 {
		return nil, errors.New("search: index data is not a frozen index")
	}
	data = data[len(frozenMagic):]
	n := int(binary.LittleEndian.Uint32(data))
	pairs := data[4:]
	if n > len(pairs)/2 { // a pair takes two bytes at least
		return nil, errors.New("search: index data is truncated")
	}
	offsets := make([]uint32, n)
	at := 0
	for i := range offsets {
		offsets[i] = uint32(at)
		for range 2 { // the key, then the value
			l, w := binary.Uvarint(pairs[at:])
			if w <= 0 || l > uint64(len(pairs)-at-w) {
				return nil, errors.New("search: index data is truncated")
			}
			at += w + int(l)
		}
	}
	if at != len(pairs) {
		return nil, errors.New("search: index data has bytes after its last pair")
	}
	return &frozenStore{offsets: offsets, pairs: pairs, n: n}, nil
}

// pair returns the key and value at position i.
func (s *frozenStore) pair(i int) (key, val []byte) {
	p := s.pairs[s.offsets[i]:]
	kl, w := binary.Uvarint(p)
	p = p[w:]
	key, p = p[:kl], p[kl:]
	vl, w := binary.Uvarint(p)
	return key, p[w : w+int(vl)]
}

// search returns the position of the first key >= k.
func (s *frozenStore) search(k []byte) int {
	return sort.Search(s.n, func(i int) bool {
		key, _ := s.pair(i)
		return bytes.Compare(key, k) >= 0
	})
}

func (s *frozenStore) Writer() (store.KVWriter, error) { return nil, errReadOnly }
func (s *frozenStore) Reader() (store.KVReader, error) { return s, nil }
func (s *frozenStore) Close() error                    { return nil }

func (s *frozenStore) Get(k []byte) ([]byte, error) {
	i := s.search(k)
	if i < s.n {
		if key, val := s.pair(i); bytes.Equal(key, k) {
			return val, nil
		}
	}
	return nil, nil
}

func (s *frozenStore) MultiGet(keys [][]byte) ([][]byte, error) {
	out := make([][]byte, len(keys))
	for i, k := range keys {
		out[i], _ = s.Get(k)
	}
	return out, nil
}

func (s *frozenStore) PrefixIterator(prefix []byte) store.KVIterator {
	return s.RangeIterator(prefix, prefixEnd(prefix))
}

func (s *frozenStore) RangeIterator(start, end []byte) store.KVIterator {
	it := &frozenIterator{s: s, start: start, end: end}
	it.Seek(start)
	return it
}

// prefixEnd is the smallest key greater than every key with the prefix, or
// nil when there is none.
func prefixEnd(prefix []byte) []byte {
	end := bytes.Clone(prefix)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

type frozenIterator struct {
	s          *frozenStore
	start, end []byte
	i          int
}

func (it *frozenIterator) Seek(k []byte) {
	if bytes.Compare(k, it.start) < 0 {
		k = it.start
	}
	it.i = it.s.search(k)
}

func (it *frozenIterator) Next() { it.i++ }

func (it *frozenIterator) Current() ([]byte, []byte, bool) {
	if !it.Valid() {
		return nil, nil, false
	}
	k, v := it.s.pair(it.i)
	return k, v, true
}

func (it *frozenIterator) Key() []byte   { k, _, _ := it.Current(); return k }
func (it *frozenIterator) Value() []byte { _, v, _ := it.Current(); return v }

func (it *frozenIterator) Valid() bool {
	if it.i >= it.s.n {
		return false
	}
	if it.end == nil {
		return true
	}
	k, _ := it.s.pair(it.i)
	return bytes.Compare(k, it.end) < 0
}

func (it *frozenIterator) Close() error { return nil }

// freeze serialises every pair of a store reader, in key order, keeping only
// what searching needs: back-index rows keep their keys (they count and list
// documents) but drop their values, which only updates and deletes read; and
// the term frequency rows of one term in one field ("t" + field + term +
// 0xff + document id -> frequency, norm) become one postings row, "p" +
// field + term -> for each document in order, uvarint id length, id,
// uvarint frequency, uvarint norm bits. A term is then written once rather
// than in every row: 75 KB less of the compressed index.
func freeze(r store.KVReader) ([]byte, error) {
	it := r.RangeIterator(nil, nil)
	defer it.Close()
	type pair struct{ k, v []byte }
	var rows []pair
	var tmp [binary.MaxVarintLen64]byte
	for ; it.Valid(); it.Next() {
		k, v := bytes.Clone(it.Key()), bytes.Clone(it.Value())
		switch {
		case len(k) > 0 && k[0] == 'b':
			v = nil
		case len(k) > 0 && k[0] == 't':
			sep := bytes.IndexByte(k[min(3, len(k)):], rowSeparator)
			if len(k) < 3 || sep < 0 || !frequencyAndNorm(v) {
				return nil, fmt.Errorf("search: term frequency row %q: not field, term, separator, id -> frequency, norm", k)
			}
			key := append([]byte{'p'}, k[1:3+sep]...)
			doc := k[3+sep+1:]
			if len(rows) == 0 || !bytes.Equal(rows[len(rows)-1].k, key) {
				rows = append(rows, pair{k: key})
			}
			last := &rows[len(rows)-1]
			last.v = append(last.v, tmp[:binary.PutUvarint(tmp[:], uint64(len(doc)))]...)
			last.v = append(append(last.v, doc...), v...)
			continue
		}
		rows = append(rows, pair{k, v})
	}
	// Postings rows sort elsewhere than the rows they replace.
	slices.SortFunc(rows, func(a, b pair) int { return bytes.Compare(a.k, b.k) })
	var pairs bytes.Buffer
	for _, p := range rows {
		if pairs.Len() > math.MaxUint32 {
			return nil, fmt.Errorf("search: index over 4 GiB")
		}
		pairs.Write(tmp[:binary.PutUvarint(tmp[:], uint64(len(p.k)))])
		pairs.Write(p.k)
		pairs.Write(tmp[:binary.PutUvarint(tmp[:], uint64(len(p.v)))])
		pairs.Write(p.v)
	}
	out := make([]byte, 0, len(frozenMagic)+4+pairs.Len())
	out = append(out, frozenMagic...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(rows)))
	return append(out, pairs.Bytes()...), nil
}

// frequencyAndNorm tells whether a term frequency row's value is two
// uvarints and nothing else (no term vectors, which the index never keeps).
func frequencyAndNorm(v []byte) bool {
	_, n := binary.Uvarint(v)
	if n <= 0 {
		return false
	}
	_, m := binary.Uvarint(v[n:])
	return m > 0 && n+m == len(v)
}
