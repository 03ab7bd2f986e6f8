package decode

import (
	"strings"
	"testing"
)

// TestContainsBy holds containsBy to strings.Contains.
func TestContainsBy(t *testing.T) {
	texts := []string{"", "J", "yJ", "eyJ", "eeyJ", "ey J", "eYJ", "JeyJ", "Jey", "a eyJhbGc b", "eyeyeyJ", "yJeyJ", "ey",
		"k", "kie", "cookie", "Cookie:", "set-cookie: a", "coo kie", "ookie", "cookiecookie", "kcookie", "COOKIE", "cOOKIE"}
	for _, c := range []struct {
		sub  string
		rare int
	}{{"eyJ", 2}, {"cookie", 3}, {"Cookie", 3}, {"COOKIE", 3}, {"eyJ", 0}} {
		for _, s := range texts {
			if got, want := containsBy(s, c.sub, c.rare), strings.Contains(s, c.sub); got != want {
				t.Errorf("containsBy(%q, %q, %d) = %v, strings.Contains says %v", s, c.sub, c.rare, got, want)
			}
		}
	}
}
