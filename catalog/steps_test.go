package catalog

import (
	"slices"
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

// Every guide's fix steps come out as plain text. Informational entries
// record an event and have nothing to fix.
func TestEveryEntryHasFixSteps(t *testing.T) {
	for _, e := range embeddedCatalog(t).Entries() {
		if e.IsInformational() {
			continue
		}
		steps := e.FixSteps()
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
