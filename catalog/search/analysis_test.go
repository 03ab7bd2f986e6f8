package search

import (
	"regexp"
	"slices"
	"testing"

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
