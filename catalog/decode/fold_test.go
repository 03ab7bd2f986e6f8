package decode

import (
	"strings"
	"testing"
)

// TestASCIILower: capitals A to Z fold, nothing else does (not the Kelvin
// sign, not a letter with an accent), at either end and in runs.
func TestASCIILower(t *testing.T) {
	for _, in := range []string{"", "a", "A", "already folded", "AADSTS50011", "TokenClient.refresh(TokenClient.java:101)", "ÉCOLE \u212a Z", "xY", "Yx", "@[`{"} {
		want := strings.Map(func(r rune) rune {
			if r >= 'A' && r <= 'Z' {
				return r + 'a' - 'A'
			}
			return r
		}, in)
		if got := asciiLower(in); got != want {
			t.Errorf("asciiLower(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  The Redirect URI  ", "the redirect uri"},
		{"invalid_grant: doesn't match!", "invalid_grant doesnt match"},
		{"'id_token' is not enabled", "id_token is not enabled"},
		{"AADSTS50011:The reply URL", "aadsts50011 the reply url"},
		{"Zürich,ÉTÉ;x", "zürich ÉtÉ x"},
		{"a.B-c", "a b c"},
		{"“invalid_grant Unknown token”", "invalid_grant unknown token"},
		{"doesn’t match… «state»", "doesnt match state"},
		{"Missing+parameter%3A+code_challenge_method%2", "missing parameter code_challenge_method 2"},
		{"100%AB off", "100 ab off"},
	}
	for _, tt := range tests {
		if got := normalizeWords(tt.in); got != tt.want {
			t.Errorf("normalizeWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
