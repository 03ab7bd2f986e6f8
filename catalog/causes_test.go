package catalog

import (
	"regexp"
	"testing"
)

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

// TestFieldTextLikeRegexp holds isFieldText to the pattern it replaces.
func TestFieldTextLikeRegexp(t *testing.T) {
	fieldText := regexp.MustCompile(`^[A-Za-z0-9_.]+=.+$`)
	for _, s := range []string{"", "=", "a=", "=b", "a=b", "prompt=none", "a.b_c=x=y", "a b=c", "a=b\nc", "a\n=b", "a=\xff", "é=b", "a-b=c", "A9=\t"} {
		if got, want := isFieldText(s), fieldText.MatchString(s); got != want {
			t.Errorf("isFieldText(%q) = %v, regexp %v", s, got, want)
		}
	}
}
