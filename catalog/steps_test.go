package catalog

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestFixSteps(t *testing.T) {
	e := &Entry{Guide: "## What happened\n\n1. not a step\n\n## Fix\n\n1. Open **App registrations** and pick\n   the app.\n2. Add `https://app/cb` as in [the docs](https://x).\n\nA closing note.\n\n## Confirm\n\n1. not a step either\n"}
	want := []string{"Open App registrations and pick the app.", "Add https://app/cb as in the docs (https://x)."}
	if got := e.FixSteps(); !slices.Equal(got, want) {
		t.Errorf("FixSteps() = %q, want %q", got, want)
	}
	if got := (&Entry{Guide: "## What happened\n\nNo fix section."}).FixSteps(); got != nil {
		t.Errorf("FixSteps() without a Fix section = %q", got)
	}
}

// Every error's guide has fix steps that come out as plain text; an
// informational event has nothing to fix, so it has none.
func TestEveryEntryHasFixSteps(t *testing.T) {
	for _, e := range embeddedCatalog(t).Entries() {
		steps := e.FixSteps()
		if e.IsInformational() {
			if len(steps) != 0 {
				t.Errorf("%s: an informational entry has fix steps", e.File)
			}
			continue
		}
		if len(steps) == 0 {
			t.Errorf("%s: no fix steps", e.File)
		}
		for _, s := range steps {
			if s == "" {
				t.Errorf("%s: an empty fix step", e.File)
			}
		}
	}
}

// TestPlainTextLikeRegexp holds the hand-written scanning of step numbers
// and links to the regular expressions it replaces, over made-up corners
// and every fix step of the catalog.
func TestPlainTextLikeRegexp(t *testing.T) {
	stepStart := regexp.MustCompile(`^\d+\.\s+`)
	markdownLink := regexp.MustCompile(`\[([^\]]*)\]\(([^)]*)\)`)
	lines := []string{"", "1.", "1. x", "12.\tx", "1.x", ". x", "a1. x", "3.  \f x", "1. \n", "[a](b)", "[a] (b)", "[a](b", "[[a](b)", "[a [b](c)", "x [a](b) y [c](d)", "[](", "[a]()", "]([a](b))", "[a\n](b)"}
	for _, e := range embeddedCatalog(t).Entries() {
		_, fix, _ := strings.Cut(e.Guide, "## Fix\n")
		lines = append(lines, strings.Split(fix, "\n")...)
	}
	for _, l := range lines {
		wantLen := 0
		if m := stepStart.FindStringIndex(l); m != nil {
			wantLen = m[1]
		}
		if got := stepNumberLen(l); got != wantLen {
			t.Errorf("stepNumberLen(%q) = %d, regexp %d", l, got, wantLen)
		}
		if got, want := unlink(l), markdownLink.ReplaceAllString(l, "$1 ($2)"); got != want {
			t.Errorf("unlink(%q) = %q, regexp %q", l, got, want)
		}
	}
}
