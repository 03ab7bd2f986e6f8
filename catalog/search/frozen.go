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
// embedded, and opened at run time without re-indexing anything;
// frozenIndex reads the index's rows from it.
//
// Layout: magic "ACKV6", uint32 pair count n, then the keys, in order, each
// as the uvarint length of what it shares with the key before it, the
// uvarint length of the rest and the rest; then the n values' uvarint
// lengths; then the values. Keys share long prefixes (a row kind, a field,
// a term's start), and like things side by side compress better than
// pairs: 121 KB of brotli as pairs, 107 as columns. Where each key and
// value starts is found once, when the store is opened, rather than
// shipped: a table of offsets was a third of the index once compressed.
type frozenStore struct {
	keys, values     []byte
	keyEnd, valueEnd []uint32 // where pair i's key and value end
	n                int
}

const frozenMagic = "ACKV6"

var errReadOnly = errors.New("search: the index is read-only")

var errTruncated = errors.New("search: index data is truncated")

func openFrozen(data []byte) (*frozenStore, error) {
	if !bytes.HasPrefix(data, []byte(frozenMagic)) || len(data) < len(frozenMagic)+4 {
		return nil, errors.New("search: index data is not a frozen index")
	}
	data = data[len(frozenMagic):]
	n := int(binary.LittleEndian.Uint32(data))
	data = data[4:]
	if n > len(data)/3 { // a pair takes three bytes at least
		return nil, errTruncated
	}
	s := &frozenStore{keyEnd: make([]uint32, n), valueEnd: make([]uint32, n), n: n}
	uvarint := func() (int, bool) {
		l, w := binary.Uvarint(data)
		if w <= 0 || l > uint64(len(data)) {
			return 0, false
		}
		data = data[w:]
		return int(l), true
	}
	// One allocation for every key: their lengths first.
	total, last, scan := 0, uint64(0), data
	for range n {
		shared, w1 := binary.Uvarint(scan)
		rest, w2 := binary.Uvarint(scan[max(w1, 0):])
		if w1 <= 0 || w2 <= 0 || rest > uint64(len(scan)) || shared > last {
			return nil, errTruncated
		}
		last = shared + rest
		// Keys are short: more key bytes than some forty times the data is damage.
		if total += int(last); total > 40*len(data) {
			return nil, errors.New("search: index data is damaged, its keys would not fit")
		}
		scan = scan[min(uint64(w1+w2)+rest, uint64(len(scan))):]
	}
	s.keys = make([]byte, 0, total)
	prev := 0 // where the previous key starts in s.keys
	for i := range n {
		shared, ok1 := uvarint()
		rest, ok2 := uvarint()
		if !ok1 || !ok2 || shared > len(s.keys)-prev || rest > len(data) {
			return nil, errTruncated
		}
		start := len(s.keys)
		s.keys = append(append(s.keys, s.keys[prev:prev+shared]...), data[:rest]...)
		data = data[rest:]
		s.keyEnd[i], prev = uint32(len(s.keys)), start
	}
	at := 0
	for i := range n {
		l, ok := uvarint()
		if !ok {
			return nil, errTruncated
		}
		at += l
		s.valueEnd[i] = uint32(at)
	}
	if at != len(data) {
		return nil, errors.New("search: index data is truncated or has bytes after its last value")
	}
	s.values = data
	return s, nil
}

// pair returns the key and value at position i.
func (s *frozenStore) pair(i int) (key, val []byte) {
	var k0, v0 uint32
	if i > 0 {
		k0, v0 = s.keyEnd[i-1], s.valueEnd[i-1]
	}
	return s.keys[k0:s.keyEnd[i]], s.values[v0:s.valueEnd[i]]
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
// what searching needs, in a form that compresses well:
//
//   - back-index rows ("b" + document id) keep their keys, which list the
//     documents in id order, and drop their values, which only updates and
//     deletes read;
//   - a term's dictionary row ("d" + field + term -> count) carries the
//     term's postings after its count, in place of upsidedown's term
//     frequency rows ("t" + field + term + 0xff + document id -> frequency,
//     norm): for each document in id order, a uvarint of how many documents
//     lie between it and the one before (its rank among the back-index rows,
//     less the previous rank, less one) times two, plus one when the term
//     occurs more than once in the field, and then a uvarint of that
//     frequency less two;
//   - norms, the same for every term of a field in a document (1/√ of the
//     field's length), are one row per field ("n" + field -> for every
//     document in id order, a uvarint of the field's length, 0 when the
//     document has nothing in it).
//
// A term is written once, ids become gaps of a byte or so, and norms go
// from one per posting to one per document and field: the index, 225 KB of
// brotli as one row per posting, is about half that.
func freeze(r store.KVReader) ([]byte, error) {
	it := r.RangeIterator(nil, nil)
	defer it.Close()
	type pair struct{ k, v []byte }
	type fieldDoc struct {
		field uint16
		rank  int
	}
	var rows []pair
	ranks := map[string]int{}
	dict := map[string]int{}   // "d" + field + term -> where its row is in rows
	counts := map[string]int{} // the same -> the count the dictionary row states
	lengths := map[fieldDoc]uint64{}
	var fields []uint16
	prev := map[string]int{} // "d" + field + term -> rank of its last posting
	var tmp [binary.MaxVarintLen64]byte
	uvarint := func(b []byte, n uint64) []byte { return append(b, tmp[:binary.PutUvarint(tmp[:], n)]...) }
	for ; it.Valid(); it.Next() {
		k, v := bytes.Clone(it.Key()), bytes.Clone(it.Value())
		switch {
		case len(k) > 0 && k[0] == 'b':
			ranks[string(k[1:])] = len(ranks)
			v = nil
		case len(k) > 0 && k[0] == 'f':
			if len(k) != 3 {
				return nil, fmt.Errorf("search: field row %q", k)
			}
			fields = append(fields, binary.LittleEndian.Uint16(k[1:]))
		case len(k) > 0 && k[0] == 'd':
			count, n := binary.Uvarint(v)
			if n <= 0 || n != len(v) {
				return nil, fmt.Errorf("search: dictionary row %q: not a count", k)
			}
			dict[string(k)], counts[string(k)] = len(rows), int(count)
		case len(k) > 0 && k[0] == 't':
			sep := bytes.IndexByte(k[min(3, len(k)):], rowSeparator)
			if len(k) < 3 || sep < 0 || !frequencyAndNorm(v) {
				return nil, fmt.Errorf("search: term frequency row %q: not field, term, separator, id -> frequency, norm", k)
			}
			// Term frequency rows sort after the back-index and dictionary rows.
			key := "d" + string(k[1:3+sep])
			at, ok := dict[key]
			rank, known := ranks[string(k[3+sep+1:])]
			if !ok || !known {
				return nil, fmt.Errorf("search: term frequency row %q: no dictionary row or no document", k)
			}
			last, seen := prev[key]
			if !seen {
				last = -1
			}
			if rank <= last {
				return nil, fmt.Errorf("search: term frequency row %q out of document order", k)
			}
			freq, n := binary.Uvarint(v)
			bits, _ := binary.Uvarint(v[n:])
			length, ok := fieldLength(bits)
			if !ok {
				return nil, fmt.Errorf("search: term frequency row %q: norm %v is not 1/√ of a length", k, math.Float32frombits(uint32(bits)))
			}
			fd := fieldDoc{binary.LittleEndian.Uint16(k[1:3]), rank}
			if l, ok := lengths[fd]; ok && l != length {
				return nil, fmt.Errorf("search: term frequency row %q: another norm than the document's other terms in the field", k)
			}
			lengths[fd] = length
			if freq == 0 {
				return nil, fmt.Errorf("search: term frequency row %q: frequency 0", k)
			}
			// Most terms occur once in a field: the gap's low bit says
			// whether a frequency follows (as frequency less two).
			gap := uint64(rank-last-1) << 1
			if freq == 1 {
				rows[at].v = uvarint(rows[at].v, gap)
			} else {
				rows[at].v = uvarint(uvarint(rows[at].v, gap|1), freq-2)
			}
			prev[key] = rank
			counts[key]--
			continue
		}
		rows = append(rows, pair{k, v})
	}
	for key, left := range counts {
		if left != 0 {
			return nil, fmt.Errorf("search: dictionary row %q counts %d documents more than its postings", key, left)
		}
	}
	for _, f := range fields {
		v := []byte{}
		for rank := range len(ranks) {
			v = uvarint(v, lengths[fieldDoc{f, rank}])
		}
		rows = append(rows, pair{binary.LittleEndian.AppendUint16([]byte{'n'}, f), v})
	}
	// Norm rows sort elsewhere than where they were added.
	slices.SortFunc(rows, func(a, b pair) int { return bytes.Compare(a.k, b.k) })
	out := append([]byte(frozenMagic), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(out[len(frozenMagic):], uint32(len(rows)))
	var lastKey, values []byte
	for _, p := range rows {
		shared := 0
		for shared < len(lastKey) && shared < len(p.k) && lastKey[shared] == p.k[shared] {
			shared++
		}
		out = append(uvarint(uvarint(out, uint64(shared)), uint64(len(p.k)-shared)), p.k[shared:]...)
		lastKey = p.k
	}
	for _, p := range rows {
		out = uvarint(out, uint64(len(p.v)))
		values = append(values, p.v...)
	}
	if len(values) > math.MaxUint32 {
		return nil, fmt.Errorf("search: index over 4 GiB")
	}
	return append(out, values...), nil
}

// norm is a field's norm for its length, as upsidedown computes it.
func norm(length uint64) float32 { return float32(1 / math.Sqrt(float64(length))) }

// fieldLength finds the length whose norm has these float32 bits.
func fieldLength(bits uint64) (uint64, bool) {
	f := math.Float32frombits(uint32(bits))
	if !(f > 0 && f <= 1) {
		return 0, false
	}
	l := uint64(math.Round(1 / (float64(f) * float64(f))))
	for _, c := range []uint64{l, l - 1, l + 1} {
		if c > 0 && uint64(math.Float32bits(norm(c))) == bits {
			return c, true
		}
	}
	return 0, false
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
