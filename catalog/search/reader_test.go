//go:build !js

package search

import (
	"context"
	"fmt"
	"strings"
	"testing"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/authcodes/authcodes/catalog"
)

// TestFrozenIndexReadsAsUpsidedown reads every term of every field of the
// catalog's index through frozenIndex and through Bleve's upsidedown reader
// of the index it was frozen from: the same counts, postings (ids, frequencies, norms),
// seeks and term dictionaries, so the searchers score alike over either.
func TestFrozenIndexReadsAsUpsidedown(t *testing.T) {
	ctx := context.Background()
	cat, err := catalog.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	data, err := Build(cat)
	if err != nil {
		t.Fatal(err)
	}
	ours, err := openIndex(data)
	if err != nil {
		t.Fatal(err)
	}
	udc, err := buildIndex(cat)
	if err != nil {
		t.Fatal(err)
	}
	defer udc.Close()
	theirs, err := udc.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer theirs.Close()
	if a, _ := ours.DocCount(); a != must(theirs.DocCount()) {
		t.Fatalf("DocCount %d, upsidedown %d", a, must(theirs.DocCount()))
	}
	dict := func(r index.IndexReader, field string, from, to []byte) string {
		d, err := r.FieldDictRange(field, from, to)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		var b strings.Builder
		for e, err := d.Next(); e != nil || err != nil; e, err = d.Next() {
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s:%d ", e.Term, e.Count)
		}
		return b.String()
	}
	postings := func(r index.IndexReader, field, term string, seek []byte) string {
		tfr, err := r.TermFieldReader(ctx, []byte(term), field, true, true, false)
		if err != nil {
			t.Fatal(err)
		}
		defer tfr.Close()
		var b strings.Builder
		fmt.Fprintf(&b, "%d:", tfr.Count())
		d, err := tfr.Next(nil)
		if seek != nil {
			d, err = tfr.Advance(seek, nil)
		}
		for ; d != nil || err != nil; d, err = tfr.Next(nil) {
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, " %s/%d/%g", d.ID, d.Freq, d.Norm)
		}
		return b.String()
	}
	terms := 0
	for _, field := range []string{"code", "head", "body", "provider", "protocol", "nosuchfield"} {
		all := dict(ours, field, nil, nil)
		if want := dict(theirs, field, nil, nil); all != want {
			t.Fatalf("%s: term dictionary differs from upsidedown's", field)
		}
		for _, te := range strings.Fields(all) {
			term := te[:strings.LastIndexByte(te, ':')]
			terms++
			for _, seek := range [][]byte{nil, []byte("0"), []byte("1"), []byte("a0"), []byte("zz")} {
				if got, want := postings(ours, field, term, seek), postings(theirs, field, term, seek); got != want {
					t.Fatalf("%s %q from %q: %s, upsidedown %s", field, term, seek, got, want)
				}
			}
			if len(term) > 1 {
				p := []byte(term[:2])
				if got, want := dict(ours, field, p, p), dict(theirs, field, p, p); got != want {
					t.Fatalf("%s: prefix %q lists %s, upsidedown %s", field, p, got, want)
				}
			}
		}
	}
	if got := postings(ours, "head", "nosuchterm", nil); got != "0:" {
		t.Errorf("an unknown term reads %q", got)
	}
	if terms < 1000 {
		t.Fatalf("only %d terms compared", terms)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
