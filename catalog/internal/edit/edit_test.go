package edit

import "testing"

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"authorezation_request_not_found", "authorization_request_not_found", 2, 1},
		{"invalid_grnt", "invalid_grant", 2, 1},
		{"invalid_gran", "invalid_scope", 2, 3},
		{"abc", "abc", 0, 0},
		{"", "ab", 1, 2},
		{"redirct_uri", "redirect_uri", 1, 1},
		{"client_id", "clientid", 3, 1},
	} {
		if got := Distance(c.a, c.b, c.limit); got != c.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", c.a, c.b, c.limit, got, c.want)
		}
	}
}
