package catalog

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// oldEntraPath matches the console paths of the Entra admin center before its
// navigation became "Entra ID > App registrations / Enterprise apps /
// Conditional Access / Monitoring & health": the top-level "Identity" and
// "Protection" menus are gone. "ID Protection" is the current name of the
// menu that holds Risky users, so it is not an old path.
var oldEntraPath = regexp.MustCompile(`(\bID )?\b(Identity|Protection) >`)

// findOldEntraPath returns the first old path in s, or "".
func findOldEntraPath(s string) string {
	for _, m := range oldEntraPath.FindAllString(oneLine(s), -1) {
		if !strings.HasPrefix(m, "ID ") {
			return m
		}
	}
	return ""
}

// TestEntraEntriesUseCurrentConsolePaths keeps out-of-date navigation out of
// the Entra guides, where a reader would look for menus that no longer exist.
func TestEntraEntriesUseCurrentConsolePaths(t *testing.T) {
	c := embeddedCatalog(t)
	for _, e := range c.ProviderEntries("entra") {
		data, err := fs.ReadFile(embedded, e.File)
		if err != nil {
			t.Fatal(err)
		}
		if m := findOldEntraPath(string(data)); m != "" {
			t.Errorf("%s: old console path %q; the admin center now says \"Entra ID > ...\"", e.File, m)
		}
	}
}

func TestOldEntraPathPattern(t *testing.T) {
	tests := []struct {
		text string
		old  bool
	}{
		{"open **Identity > Applications > App registrations**", true},
		{"under **Protection > Conditional Access > Policies**", true},
		{"**Protection > Authentication methods**", true},
		{"open **Entra ID > App registrations**", false},
		{"review **ID Protection > Risky users**", false},
		{"Identity Protection flagged the user", false},
	}
	for _, tt := range tests {
		if got := findOldEntraPath(tt.text) != ""; got != tt.old {
			t.Errorf("%q: old path %v, want %v", tt.text, got, tt.old)
		}
	}
}

// oneLine folds line breaks and indentation to single spaces, so that a path
// wrapped across lines of a guide still reads as one.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
