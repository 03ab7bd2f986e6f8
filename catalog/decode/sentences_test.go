package decode

import (
	"regexp"
	"slices"
	"testing"
)

// TestSentencesSplitsAsTheRegexp: the hand-written splitter cuts every
// catalog message, and some edge shapes, where `[.!?:;]\s+` would.
func TestSentencesSplitsAsTheRegexp(t *testing.T) {
	re := regexp.MustCompile(`[.!?:;]\s+`)
	inputs := []string{"", ".", ". ", "a. b", "a.  \tb", "a.b", "end.", "a: b; c! d? e.\n\nf", "x :  "}
	for _, e := range testDecoder(t).rec.cat.Entries() {
		inputs = append(inputs, e.Messages...)
	}
	for _, in := range inputs {
		if got, want := sentences(in), re.Split(in, -1); !slices.Equal(got, want) {
			t.Errorf("sentences(%q) = %q, want %q", in, got, want)
		}
	}
}
