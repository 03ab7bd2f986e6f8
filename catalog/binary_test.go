package catalog

import (
	"reflect"
	"testing"
)

func TestBinaryRoundTrip(t *testing.T) {
	c := embeddedCatalog(t)
	data, err := c.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	got, err := FromBinary(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Entries()) != len(c.Entries()) || len(got.Providers()) != len(c.Providers()) {
		t.Fatalf("round trip: %d entries, %d providers; want %d, %d", len(got.Entries()), len(got.Providers()), len(c.Entries()), len(c.Providers()))
	}
	for i, e := range c.Entries() {
		if !reflect.DeepEqual(got.Entries()[i], e) {
			t.Fatalf("entry %s differs after a round trip:\n%+v\n%+v", e.ID, got.Entries()[i], e)
		}
	}
	for i, p := range c.Providers() {
		if !reflect.DeepEqual(got.Providers()[i], p) {
			t.Fatalf("provider %s differs after a round trip", p.Key)
		}
	}
	if !reflect.DeepEqual(got.tables, c.tables) {
		t.Error("the tables differ after a round trip")
	}
	if got.Version() != c.Version() || len(c.Version()) != 16 {
		t.Errorf("version %q after a round trip, want %q", got.Version(), c.Version())
	}
	if es := got.Lookup("aadsts50011"); len(es) == 0 || es[0].ID != "entra/AADSTS50011" {
		t.Errorf("lookup on the decoded catalog: %v", ids(es))
	}
}

func TestFromBinaryRejectsDamage(t *testing.T) {
	c := embeddedCatalog(t)
	data, _ := c.MarshalBinary()
	for _, bad := range [][]byte{nil, []byte("ACCAT"), []byte("nonsense data"), data[:len(data)/2], data[:len(binaryMagic)+3]} {
		if _, err := FromBinary(bad); err == nil {
			t.Errorf("FromBinary accepted %d damaged bytes", len(bad))
		}
	}
	// Cut anywhere, the tables at the end included: an error, never a panic.
	for n := len(data) - 1; n > len(data)-20000 && n > 0; n -= 37 {
		if _, err := FromBinary(data[:n]); err == nil {
			t.Errorf("FromBinary accepted the first %d of %d bytes", n, len(data))
		}
	}
}

func TestBinaryFixStepsKeepsTheSteps(t *testing.T) {
	c := embeddedCatalog(t)
	full, _ := c.MarshalBinary()
	data, err := c.MarshalBinaryFixSteps()
	if err != nil {
		t.Fatal(err)
	}
	if len(data) >= len(full)*2/3 {
		t.Errorf("fix-steps catalog is %d bytes, the full one %d: want under two thirds", len(data), len(full))
	}
	got, err := FromBinary(data)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range c.Entries() {
		if g := got.Entries()[i]; !reflect.DeepEqual(g.FixSteps(), e.FixSteps()) || g.Summary != e.Summary {
			t.Fatalf("%s: fix steps differ: %q vs %q", e.ID, g.FixSteps(), e.FixSteps())
		}
	}
}

// TestBinarySearchKeepsWhatSearchReads: the search-only form decodes to the
// same ids, codes, titles, summaries, messages and lookups, and providers
// with the same names, words and code shapes.
func TestBinarySearchKeepsWhatSearchReads(t *testing.T) {
	c := embeddedCatalog(t)
	full, _ := c.MarshalBinary()
	data, err := c.MarshalBinarySearch()
	if err != nil {
		t.Fatal(err)
	}
	if len(data) >= len(full)/2 {
		t.Errorf("search catalog is %d bytes, the full one %d: want under half", len(data), len(full))
	}
	got, err := FromBinary(data)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range c.Entries() {
		g := got.Entries()[i]
		if g.ID != e.ID || g.Code != e.Code || g.Provider != e.Provider || g.Title != e.Title || g.Summary != e.Summary ||
			!reflect.DeepEqual(g.Messages, e.Messages) || !reflect.DeepEqual(g.Aliases, e.Aliases) || g.Standard != e.Standard {
			t.Fatalf("%s differs in the search form", e.ID)
		}
		if !reflect.DeepEqual(ids(got.Lookup(e.Code)), ids(c.Lookup(e.Code))) {
			t.Errorf("Lookup(%q) differs in the search form", e.Code)
		}
	}
	for i, p := range c.Providers() {
		g := got.Providers()[i]
		if g.Key != p.Key || g.Name != p.Name || g.Kind != p.Kind || !reflect.DeepEqual(g.SearchTerms, p.SearchTerms) ||
			!reflect.DeepEqual(g.Markers, p.Markers) || !reflect.DeepEqual(g.CodeShapes, p.CodeShapes) {
			t.Errorf("provider %s differs in the search form", p.Key)
		}
	}
}
