package answered

import (
	"maps"
	"strings"
	"testing"
)

func TestCount(t *testing.T) {
	corpus := strings.Join([]string{
		"# comment",
		"=== https://github.com/a/b/issues/1",
		"expect: okta/E0000011",
		"also: oauth2/invalid_token",
		"",
		"pasted text",
		"expect: okta/E0000004", // inside the input: not the case's own
		"",
		"=== https://github.com/a/b/issues/2/",
		"expect: okta/E0000011",
		"",
		"text",
		"=== https://github.com/a/b/issues/3",
		"expect: okta/E9999999", // no such entry
		"",
		"text",
	}, "\n")
	phrasing := strings.Join([]string{
		"# query\tid\turl",
		"token rejected\tokta/E0000011\thttps://github.com/a/b/issues/2", // already counted from the corpus
		"token rejected again\tokta/E0000011\thttps://github.com/a/b/issues/4",
		"bad grant\toauth2/invalid_grant\thttps://github.com/a/b/issues/5",
		"too\tfew columns",
	}, "\n")
	known := func(id string) bool { return id != "okta/E9999999" }
	got, err := Count([]byte(corpus), []byte(phrasing), known)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"okta/E0000011": 3, "oauth2/invalid_grant": 1}
	if !maps.Equal(got, want) {
		t.Errorf("Count = %v, want %v", got, want)
	}
	if _, err := Count([]byte("=== https://github.com/a/b/issues/1\nexpect: okta/E0000011\ntext"), nil, known); err == nil {
		t.Error("Count took a case without a blank line before its input")
	}
}

func TestFormatParses(t *testing.T) {
	counts := map[string]int{"okta/E0000011": 3, "oauth2/invalid_grant": 1, "entra/AADSTS50011": 3}
	data := Format(counts)
	if lines := strings.Split(string(data), "\n"); lines[3] != "3\tentra/AADSTS50011" || lines[4] != "1\toauth2/invalid_grant" || lines[5] != "3\tokta/E0000011" {
		t.Errorf("Format orders by id; got\n%s", data)
	}
	got, err := Parse(data)
	if err != nil || !maps.Equal(got, counts) {
		t.Errorf("Parse(Format(c)) = %v, %v; want %v", got, err, counts)
	}
}

func TestParseRefusesMalformedLines(t *testing.T) {
	for _, bad := range []string{"3 okta/E0000011", "x\tokta/E0000011", "0\tokta/E0000011", "3\t"} {
		if _, err := Parse([]byte(bad + "\n")); err == nil {
			t.Errorf("Parse(%q): want an error", bad)
		}
	}
}
