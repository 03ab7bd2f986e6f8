package decode

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/authcodes/authcodes/catalog"
)

// TestTablesReadAsDerived: the tables New reads precomputed are the ones it
// would derive, map for map and message for message.
func TestTablesReadAsDerived(t *testing.T) {
	cat := testDecoder(t).rec.cat
	derivedVocab, derivedMessages := newVocabulary(cat), newMessageIndex(cat)
	readVocab, readMessages, err := readTables(cat, MarshalTables(cat))
	if err != nil {
		t.Fatalf("the tables of the embedded catalog do not read: %v", err)
	}
	for _, c := range []struct {
		name          string
		derived, read any
	}{
		{"terms", derivedVocab.terms, readVocab.terms},
		{"squashed spellings", derivedVocab.squashed, readVocab.squashed},
		{"misspellable codes", derivedVocab.spellable, readVocab.spellable},
		{"messages", derivedMessages.messages, readMessages.messages},
		{"message keys", derivedMessages.byKey, readMessages.byKey},
		{"first words", derivedMessages.starts, readMessages.starts},
	} {
		if !reflect.DeepEqual(c.derived, c.read) {
			t.Errorf("the %s read from the tables differ from those derived", c.name)
		}
	}
	if len(derivedMessages.messages) < 1000 || len(derivedVocab.terms) < 1000 {
		t.Errorf("only %d messages and %d terms: the comparison compared little", len(derivedMessages.messages), len(derivedVocab.terms))
	}
}

// TestEmbeddedTablesCurrent fails when tables.bin falls behind the catalog
// or the code that derives the tables.
func TestEmbeddedTablesCurrent(t *testing.T) {
	cat := testDecoder(t).rec.cat
	if !bytes.Equal(embeddedTables, MarshalTables(cat)) {
		t.Fatal("tables.bin is not what the catalog and the decoder's code derive: run go generate ./catalog/search and commit tables.bin")
	}
}

// TestTablesOfOtherEntries: a catalog whose entries differ from those the
// tables were derived from gets its own tables, and finds its own messages.
func TestTablesOfOtherEntries(t *testing.T) {
	cat := testDecoder(t).rec.cat
	data, err := cat.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	binary, err := catalog.FromBinary(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := readTables(binary, embeddedTables); err != nil {
		t.Fatalf("the binary form of the embedded catalog does not take the embedded tables: %v", err)
	}
	const message = "The zeppelin refused the sign-in because its mooring token is stale."
	for _, change := range []struct {
		name   string
		change func(e *catalog.Entry)
	}{
		{"a message added", func(e *catalog.Entry) { e.Messages = append(e.Messages, message) }},
		{"an alias added", func(e *catalog.Entry) { e.Aliases = append(e.Aliases, "zeppelin_refused") }},
		{"a code respelled", func(e *catalog.Entry) { e.Code += "x" }},
	} {
		t.Run(change.name, func(t *testing.T) {
			other, err := catalog.FromBinary(data)
			if err != nil {
				t.Fatal(err)
			}
			e := other.Entries()[len(other.Entries())/2]
			change.change(e)
			if _, _, err := readTables(other, embeddedTables); !errors.Is(err, errStaleTables) {
				t.Fatalf("tables of other entries read with error %v, want errStaleTables", err)
			}
			vocab, messages := recognitionTables(other)
			if !reflect.DeepEqual(vocab.terms, newVocabulary(other).terms) || !reflect.DeepEqual(messages.messages, newMessageIndex(other).messages) {
				t.Error("the catalog did not get the tables derived from its own entries")
			}
		})
	}
	other, _ := catalog.FromBinary(data)
	e := other.Entries()[len(other.Entries())/2]
	e.Messages = append(e.Messages, message)
	hits := New(other).rec.messages.find("upstream said: " + message)
	if len(hits) != 1 || hits[0].entry != e {
		t.Errorf("the added message finds %d hits, want its entry %s", len(hits), e.ID)
	}
}

// TestTablesTruncatedOrDamaged: tables that do not read whole are refused,
// never half used and never a panic.
func TestTablesTruncatedOrDamaged(t *testing.T) {
	cat := testDecoder(t).rec.cat
	data := MarshalTables(cat)
	for n := 0; n < len(data); n += 1 + n/7 {
		if _, _, err := readTables(cat, data[:n]); err == nil {
			t.Fatalf("the tables cut to %d of %d bytes read without error", n, len(data))
		}
	}
	// Flipped bytes past the fingerprint: an error or tables, never a panic.
	for i := 20; i < len(data); i += 1 + i/5 {
		damaged := bytes.Clone(data)
		damaged[i] ^= 0x80
		readTables(cat, damaged)
	}
	if _, _, err := readTables(cat, append(bytes.Clone(data), 0)); err == nil {
		t.Error("tables with a byte after their end read without error")
	}
}
