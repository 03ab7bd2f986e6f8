package decode

import (
	"bufio"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/authcodes/authcodes/catalog"
)

// testNow is the time every case is decoded at; the JWTs and SAML responses
// in testdata/cases were built around it.
var testNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// decodeCase is one file of testdata/cases: header lines
//
//	# provider: entra        (the expected Result.Provider, "none" for empty)
//	# first: entra/AADSTS50011  (the expected first match, "none" for no match)
//	# warning: state_missing  (a warning the result must carry; repeatable)
//	# kind: url               (optional: the expected Result.Kind)
//
// then a blank line and the input, exactly as pasted.
type decodeCase struct {
	file, provider, first, kind string
	warnings                    []WarningCode
	input                       string
}

func readCases(t testing.TB) []decodeCase {
	t.Helper()
	files, err := filepath.Glob("testdata/cases/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in testdata/cases: %v", err)
	}
	var out []decodeCase
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		head, input, ok := strings.Cut(string(raw), "\n\n")
		if !ok {
			t.Fatalf("%s: no blank line between the header and the input", file)
		}
		c := decodeCase{file: file, input: strings.TrimSuffix(input, "\n")}
		sc := bufio.NewScanner(strings.NewReader(head))
		for sc.Scan() {
			key, value, ok := strings.Cut(strings.TrimPrefix(sc.Text(), "# "), ": ")
			if !ok {
				t.Fatalf("%s: header line %q is not '# key: value'", file, sc.Text())
			}
			switch key {
			case "provider":
				c.provider = value
			case "first":
				c.first = value
			case "kind":
				c.kind = value
			case "warning":
				c.warnings = append(c.warnings, WarningCode(value))
			default:
				t.Fatalf("%s: unknown header %q", file, key)
			}
		}
		if c.provider == "" || c.first == "" {
			t.Fatalf("%s: the header needs # provider and # first", file)
		}
		out = append(out, c)
	}
	return out
}

func testDecoder(t testing.TB) *Decoder {
	t.Helper()
	cat, err := catalog.Embedded()
	if path := os.Getenv("AUTHCODES_BINARY_CATALOG"); err != nil && path != "" {
		// WebAssembly builds have no Markdown catalog: the benchmarks there
		// read the binary one that TestWriteBinaryCatalog wrote natively.
		var data []byte
		if data, err = os.ReadFile(path); err == nil {
			cat, err = catalog.FromBinary(data)
		}
	}
	if err != nil {
		t.Fatalf("the catalog does not load: %v", err)
	}
	return New(cat)
}

var binaryCatalogOut = flag.String("catalog.out", "", "TestWriteBinaryCatalog writes the embedded catalog's binary form to this file")

// TestWriteBinaryCatalog writes the binary catalog that the benchmarks read
// in WebAssembly (AUTHCODES_BINARY_CATALOG); it does nothing without
// -catalog.out.
func TestWriteBinaryCatalog(t *testing.T) {
	if *binaryCatalogOut == "" {
		t.Skip("no -catalog.out file")
	}
	data, err := testDecoder(t).rec.cat.MarshalBinary()
	if err == nil {
		err = os.WriteFile(*binaryCatalogOut, data, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// TestCases decodes every input of testdata/cases and checks its provider,
// first match and warnings, so that no shape or provider regresses.
func TestCases(t *testing.T) {
	d := testDecoder(t)
	cases := readCases(t)
	if len(cases) < 80 {
		t.Errorf("only %d cases; keep at least 80 across providers and shapes", len(cases))
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(c.file), ".txt"), func(t *testing.T) {
			if c.first != "none" {
				if _, ok := d.rec.cat.Entry(c.first); !ok {
					t.Fatalf("# first: %s is not an entry of the catalog", c.first)
				}
			}
			if c.provider != "none" {
				if _, ok := d.rec.cat.Provider(c.provider); !ok {
					t.Fatalf("# provider: %s is not a provider of the catalog", c.provider)
				}
			}
			r, err := d.Decode(c.input, Options{Now: testNow})
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if !r.Recognized() {
				t.Errorf("nothing recognised")
			}
			if got := orNone(r.Provider); got != c.provider {
				t.Errorf("provider = %s, want %s (evidence %v)", got, c.provider, r.Evidence)
			}
			first := "none"
			if len(r.Matches) > 0 {
				first = r.Matches[0].ID
			}
			if first != c.first {
				t.Errorf("first match = %s, want %s (codes %v)", first, c.first, r.Codes)
			}
			for _, w := range c.warnings {
				if !r.HasWarning(w) {
					t.Errorf("no %s warning; got %v", w, warningCodes(r))
				}
			}
			if c.kind != "" && string(r.Kind) != c.kind {
				t.Errorf("kind = %s, want %s", r.Kind, c.kind)
			}
			checkResultJSON(t, r)
		})
	}
}

// endsMasked: a masked field is the masked form, after a scheme at most ("Bearer eyJhbG…[masked, 986 chars]").
var endsMasked = regexp.MustCompile(`^(\w+ )?[A-Za-z0-9._-]{0,6}…\[masked, \d+ chars\]$`)

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func warningCodes(r *Result) []WarningCode {
	var out []WarningCode
	for _, w := range r.Warnings {
		out = append(out, w.Code)
	}
	return out
}

// checkResultJSON checks what every result must be in JSON: valid UTF-8,
// the documented keys present, masked fields masked.
func checkResultJSON(t *testing.T, r *Result) {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	if !utf8.Valid(b) {
		t.Errorf("the JSON is not valid UTF-8")
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"kind", "provider", "fields", "codes", "matches", "warnings", "evidence"} {
		if _, ok := m[k]; !ok {
			t.Errorf("the JSON has no %q key", k)
		}
	}
	for _, name := range r.Masked {
		if v, _ := r.Fields.Get(name); !endsMasked.MatchString(v) {
			t.Errorf("masked field %s = %q, not in masked form", name, v)
		}
	}
}
