package realcases

import (
	"slices"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	text := "# comments before the first case\n\n" +
		"=== https://github.com/example/app/issues/1\nexpect: oauth2/invalid_grant\nalso: google/invalid_grant\n\n" +
		"Error: invalid_grant\n\nmore of the paste\n\n" +
		"=== https://example.com/t/2\nexpect: entra/AADSTS50011\n\nAADSTS50011: the reply URL\n"
	got, err := Read(text)
	if err != nil {
		t.Fatal(err)
	}
	want := []Case{
		{"https://github.com/example/app/issues/1", []string{"oauth2/invalid_grant", "google/invalid_grant"}, "Error: invalid_grant\n\nmore of the paste"},
		{"https://example.com/t/2", []string{"entra/AADSTS50011"}, "AADSTS50011: the reply URL"},
	}
	if !slices.EqualFunc(got, want, func(a, b Case) bool {
		return a.URL == b.URL && slices.Equal(a.Want, b.Want) && a.Input == b.Input
	}) {
		t.Errorf("Read = %q\nwant %q", got, want)
	}
}

func TestReadRejects(t *testing.T) {
	for _, tt := range []struct{ name, text, says string }{
		{"no blank line", "=== https://example.com/1\nexpect: a/b\ninput", "no blank line"},
		{"no expect", "=== https://example.com/1\nalso: a/b\n\ninput", "no expect line"},
		{"unknown line", "=== https://example.com/1\nexpected: a/b\n\ninput", "unknown or second line"},
		{"two expect lines", "=== https://example.com/1\nexpect: a/b\nexpect: c/d\n\ninput", "second line"},
		{"not a URL", "=== example.com/1\nexpect: a/b\n\ninput", "not a thread's URL"},
	} {
		if _, err := Read(tt.text); err == nil || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("%s: err = %v, want one that says %q", tt.name, err, tt.says)
		}
	}
}
