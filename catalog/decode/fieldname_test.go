package decode

import (
	"regexp"
	"testing"
)

// TestBaseFieldName: the written-out suffix trimming cuts what the regexp
// `(\[\d+\])?( \(\d+\))?$` would.
func TestBaseFieldName(t *testing.T) {
	re := regexp.MustCompile(`(\[\d+\])?( \(\d+\))?$`)
	for _, name := range []string{
		"", "aud", "aud[0]", "aud[12] (3)", "aud (2)", "aud[]", "aud[x]", "a (b)", "a ()", "(2)", " (2)",
		"[0]", "x[0][1]", "redirect_uri (2) (3)", "error_codes[0]", "a[0] ", "a[0](2)",
	} {
		if got, want := baseFieldName(name), re.ReplaceAllString(name, ""); got != want {
			t.Errorf("baseFieldName(%q) = %q, want %q", name, got, want)
		}
	}
}
