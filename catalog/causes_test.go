package catalog

import "testing"

// TestParseCondition: the conditions entries may name, and what is refused.
func TestParseCondition(t *testing.T) {
	for c, ok := range map[string]bool{
		"redirect_uri_differs":            true,
		"token_age_over:90d":              true,
		"token_age_over:12h":              true,
		"field_contains:prompt=none":      true,
		"message_contains:Code not valid": true,
		"field_absent:code_verifier":      true,
		"redirect_uri_differs:x":          false, // takes no argument
		"token_age_over":                  false, // needs one
		"token_age_over:soon":             false,
		"token_age_over:0d":               false,
		"field_contains:prompt":           false, // NAME=TEXT
		"message_contains:":               false,
		"moon_phase":                      false,
	} {
		if _, _, err := ParseCondition(c); (err == nil) != ok {
			t.Errorf("ParseCondition(%q): %v, want ok %v", c, err, ok)
		}
	}
}

// TestCausesAreChecked: every entry's causes name conditions of the
// vocabulary, and twenty or more entries have some.
func TestCausesAreChecked(t *testing.T) {
	cat, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range cat.Entries() {
		if len(e.Causes) > 0 {
			n++
		}
		for _, c := range e.Causes {
			for _, w := range c.When {
				if _, _, err := ParseCondition(w); err != nil {
					t.Errorf("%s: %v", e.ID, err)
				}
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d entries have checkable causes; the twenty most common codes should", n)
	}
}
