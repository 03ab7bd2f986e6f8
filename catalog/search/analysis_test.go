package search

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"

	"github.com/authcodes/authcodes/catalog"
)

// TestSplitPlaceholders holds the hand-written cut to what splitting at the
// pattern it replaces gives, over made-up edge cases and every message of
// the catalog.
func TestSplitPlaceholders(t *testing.T) {
	pattern := regexp.MustCompile(`\{[^{}]*\}`)
	inputs := []string{"", "plain", "{}", "{a}", "a {b} c", "{a}{b}", "a{b{c}d", "a{b", "a}b{", "{{a}}", "x {a} y {b", "}{", "a{b}c{d{e}f}g"}
	cat, err := catalog.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range cat.Entries() {
		inputs = append(inputs, e.Messages...)
	}
	for _, in := range inputs {
		if got, want := splitPlaceholders(in), pattern.Split(in, -1); !slices.Equal(got, want) {
			t.Errorf("splitPlaceholders(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPossessiveFilterIsBleves holds ours to Bleve's English possessive filter.
func TestPossessiveFilterIsBleves(t *testing.T) {
	words := []string{"", "s", "'s", "user's", "USER'S", "user’s", "user＇s", "users", "it's", "s's", "a''s", "’S", "xs'", "é's", "\xff's", "\xffs"}
	stream := func() analysis.TokenStream {
		var ts analysis.TokenStream
		for _, w := range words {
			ts = append(ts, &analysis.Token{Term: []byte(w)})
		}
		return ts
	}
	terms := func(ts analysis.TokenStream) string {
		var out []string
		for _, t := range ts {
			out = append(out, string(t.Term))
		}
		return strings.Join(out, "|")
	}
	if got, want := terms(possessiveFilter{}.Filter(stream())), terms(en.NewPossessiveFilter().Filter(stream())); got != want {
		t.Errorf("possessiveFilter: %q, Bleve's %q", got, want)
	}
}
