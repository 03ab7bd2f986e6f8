package wordshape

import (
	"regexp"
	"slices"
	"testing"
)

// shapes are the catalog's kinds of code shape and the corners of the syntax.
var shapes = []string{
	`AADSTS(?P<number>\d{5,})`,
	`E(?P<number>0\d{6})`,
	`TID-AEX-(?P<number>\d{4})`,
	`urn:oasis:names:tc:SAML:2\.0:status:(?P<name>[A-Za-z]+)`,
	`IDX(?P<number>\d{5})`,
	`[a-z][a-z0-9_]*`,
	`(?P<a>\d+)(?P<b>\d+)`,
	`(?P<a>[ab]*)b(?P<c>[bc]?)c{1,3}`,
	`k[-s.]x\-`,
	`x{0,2}y{2}z?`,
	`é(?P<rest>[à-ÿ]+)`,
}

var words = []string{
	"", "AADSTS50011", "aadsts50011", "AADSTS5001", "AADSTS500111234", "AADSTS50011x", "xAADSTS50011",
	"E0000011", "e0000011", "E1000011", "E000001", "TID-AEX-1030", "tid-aex-1030", "TID-AEX-103",
	"urn:oasis:names:tc:SAML:2.0:status:AuthnFailed", "URN:OASIS:NAMES:TC:SAML:2.0:STATUS:authnfailed",
	"urn:oasis:names:tc:SAML:2x0:status:AuthnFailed", "urn:oasis:names:tc:SAML:2.0:status:",
	"IDX10501", "idx1050", "invalid_grant", "Invalid_Grant", "9lives", "1234", "12", "1",
	"abbc", "bc", "bcc", "abbbccc", "abbcccc", "ks.x-", "KSX-", "k-x-", "\u212as.x-", "\u017fx", "xxyy", "yy", "yyz", "xxxyy",
	"éàÿ", "ÉÀŸ", "é", "\xffAADSTS50011", "AADSTS\xff50011",
}

// TestMatchesLikeRegexp holds every shape to the regular expression it is
// written in: the same words match, with the same groups, and templates
// expand the same.
func TestMatchesLikeRegexp(t *testing.T) {
	for _, shape := range shapes {
		s, err := Compile(shape)
		if err != nil {
			t.Fatalf("Compile(%q): %v", shape, err)
		}
		re := regexp.MustCompile(`(?i)^(?:` + shape + `)$`)
		for _, w := range words {
			want := re.FindStringSubmatchIndex(w)
			got := s.Match(w)
			if !slices.Equal(got, want) {
				t.Errorf("%q on %q: %v, regexp %v", shape, w, got, want)
				continue
			}
			if got == nil {
				continue
			}
			for _, tmpl := range []string{"", "$0", "${number}x", "$number$$", "$1-$2", "${a}${b}${c}", "$", "${", "${rest", "$-", "${9}", "$01", "${name}:$name"} {
				if g, r := string(s.Expand(nil, tmpl, w, got)), string(re.ExpandString(nil, tmpl, w, want)); g != r {
					t.Errorf("%q on %q: Expand(%q) = %q, regexp %q", shape, w, tmpl, g, r)
				}
			}
		}
	}
}

// TestRefused: what lies outside the syntax is an error, not a guess.
func TestRefused(t *testing.T) {
	for _, shape := range []string{
		`a|b`, `(a)`, `(?:a)`, `(?P<x>(?P<y>a))`, `(?P<x>a`, `a)`, `(?P<x>)`, `(?P<x>a)(?P<x>b)`,
		`[^a]`, `[a`, `[]`, `[z-a]`, `\w`, `\pL`, `a.b`, `^a`, `a$`, `a*?`, `a{2`, `a{,2}`, `a{3,2}`, `a{1001}`, `*a`, `a++`, `\`,
	} {
		if _, err := Compile(shape); err == nil {
			t.Errorf("Compile(%q) accepted it", shape)
		}
	}
}

// FuzzMatch compares the shapes with regexp over any word.
func FuzzMatch(f *testing.F) {
	for _, w := range words {
		f.Add(w)
	}
	type pair struct {
		s  *Shape
		re *regexp.Regexp
	}
	var ps []pair
	for _, shape := range shapes {
		ps = append(ps, pair{must(Compile(shape)), regexp.MustCompile(`(?i)^(?:` + shape + `)$`)})
	}
	f.Fuzz(func(t *testing.T, w string) {
		for _, p := range ps {
			if got, want := p.s.Match(w), p.re.FindStringSubmatchIndex(w); !slices.Equal(got, want) {
				t.Errorf("%s on %q: %v, regexp %v", p.re, w, got, want)
			}
		}
	})
}

func must(s *Shape, err error) *Shape {
	if err != nil {
		panic(err)
	}
	return s
}
