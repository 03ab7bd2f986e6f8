package search

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"

	store "github.com/blevesearch/upsidedown_store_api"
)

// frozenStore is a read-only key/value store for Bleve's upsidedown index over
// one byte slice: the index is built at build time, serialised with freeze,
// embedded, and opened at run time without copying or re-indexing anything;
// frozenIndex reads the index's rows from it.
//
// Layout: magic "ACKV2", uint32 pair count n, then the pairs, each a uvarint
// key length, the key, a uvarint value length and the value, in key order.
// Where each pair starts is found once, when the store is opened, rather
// than shipped: a table of offsets is a third of the index once compressed
// (150 KB of brotli), and finding them takes one pass.
type frozenStore struct {
	offsets []uint32 // where each pair starts in pairs
	pairs   []byte
	n       int
}

const frozenMagic = "ACKV2"

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
// documents) but drop their values, which only updates and deletes read.
func freeze(r store.KVReader) ([]byte, error) {
	it := r.RangeIterator(nil, nil)
	defer it.Close()
	var pairs bytes.Buffer
	n := 0
	var tmp [binary.MaxVarintLen64]byte
	for ; it.Valid(); it.Next() {
		k, v := it.Key(), it.Value()
		if len(k) > 0 && k[0] == 'b' {
			v = nil
		}
		if pairs.Len() > math.MaxUint32 {
			return nil, fmt.Errorf("search: index over 4 GiB")
		}
		n++
		pairs.Write(tmp[:binary.PutUvarint(tmp[:], uint64(len(k)))])
		pairs.Write(k)
		pairs.Write(tmp[:binary.PutUvarint(tmp[:], uint64(len(v)))])
		pairs.Write(v)
	}
	out := make([]byte, 0, len(frozenMagic)+4+pairs.Len())
	out = append(out, frozenMagic...)
	out = binary.LittleEndian.AppendUint32(out, uint32(n))
	return append(out, pairs.Bytes()...), nil
}
