package catalog

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func embeddedCatalog(t testing.TB) *Catalog {
	t.Helper()
	c, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestEmbeddedCatalogIsValid lints every entry and provider file: a failure
// names each file and field that is wrong.
func TestEmbeddedCatalogIsValid(t *testing.T) {
	c := embeddedCatalog(t)
	if len(c.Entries()) == 0 {
		t.Fatal("the catalog has no entries")
	}
	for _, p := range c.Providers() {
		if len(c.ProviderEntries(p.Key)) == 0 {
			t.Errorf("%s: provider has no entries", p.File)
		}
	}
}

// readLines returns the non-comment lines of a testdata file.
func readLines(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			lines = append(lines, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

func TestEverySeedCodeIsAnEntry(t *testing.T) {
	c := embeddedCatalog(t)
	for _, id := range readLines(t, "testdata/seed_codes.txt") {
		if _, ok := c.Entry(id); !ok {
			t.Errorf("seed code %s has no entry", id)
		}
	}
}

// TestEveryRequiredCodeIsAnEntry checks the lists of codes that developers
// are known to hit (one file per area in testdata/required): each listed id
// must be an entry, so a list is a promise the catalog keeps.
func TestEveryRequiredCodeIsAnEntry(t *testing.T) {
	c := embeddedCatalog(t)
	files, err := filepath.Glob("testdata/required/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no lists in testdata/required")
	}
	for _, name := range files {
		for _, id := range readLines(t, name) {
			if _, ok := c.Entry(id); !ok {
				t.Errorf("%s: %s has no entry", filepath.Base(name), id)
			}
		}
	}
}

// TestEveryStandardCodeIsAnEntry checks that each row of the standards table
// (code, specification, section) is an entry that cites that section.
func TestEveryStandardCodeIsAnEntry(t *testing.T) {
	c := embeddedCatalog(t)
	for _, line := range readLines(t, "testdata/standard_codes.tsv") {
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			t.Fatalf("standard_codes.tsv: bad line %q", line)
		}
		id, spec, section := f[0], f[1], f[2]
		e, ok := c.Entry(id)
		if !ok {
			t.Errorf("%s (%s %s) has no entry", id, spec, section)
			continue
		}
		if !slices.ContainsFunc(e.DefinedIn, func(d Definition) bool { return d.Spec == spec && d.Section == section }) {
			t.Errorf("%s: defined_in does not cite %s section %s", e.File, spec, section)
		}
	}
}

// TestLookupFindsEveryEntry looks every entry up by each way it is written:
// its code in three letter cases, its aliases and its symbolic name.
func TestLookupFindsEveryEntry(t *testing.T) {
	c := embeddedCatalog(t)
	for _, e := range c.Entries() {
		queries := []string{e.Code, strings.ToLower(e.Code), strings.ToUpper(e.Code), " `" + e.Code + "` "}
		queries = append(queries, e.Aliases...)
		if e.Name != "" {
			queries = append(queries, e.Name)
		}
		for _, q := range queries {
			if !slices.Contains(c.Lookup(q), e) {
				t.Errorf("Lookup(%q) does not find %s", q, e.ID)
			}
		}
	}
}

func TestLookupForgivesHowPeopleTypeCodes(t *testing.T) {
	c := embeddedCatalog(t)
	tests := []struct {
		query string
		want  []string // the first results, in order
		also  []string // ids that must be present somewhere
	}{
		{query: "AADSTS50011", want: []string{"entra/AADSTS50011"}},
		{query: "aadsts50011", want: []string{"entra/AADSTS50011"}},
		{query: "50011", want: []string{"entra/AADSTS50011"}},
		{query: "AADSTS 50011", want: []string{"entra/AADSTS50011"}},
		{query: "InvalidReplyTo", want: []string{"entra/AADSTS50011"}},
		{query: "E0000011", want: []string{"okta/E0000011"}},
		{query: "e0000011", want: []string{"okta/E0000011"}},
		{query: "Error #101", want: []string{"infoauth/101"}},
		{query: "error #101", want: []string{"infoauth/101"}},
		{query: "Error Reference Code 101", want: []string{"infoauth/101"}},
		{query: "Error reference code: 106", want: []string{"infoauth/106"}},
		{query: "TID-AEX-1030", want: []string{"trivoreid/TID-AEX-1030"}},
		{query: "tid-aex-1030", want: []string{"trivoreid/TID-AEX-1030"}},
		{query: "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed", want: []string{"saml/AuthnFailed"}},
		{query: "AuthnFailed", want: []string{"saml/AuthnFailed"}},
		{query: "authnfailed", want: []string{"saml/AuthnFailed"}},
		{query: "invalid_grant", want: []string{"oauth2/invalid_grant"},
			also: []string{"okta/invalid_grant", "keycloak/invalid_grant", "scalekit/invalid_grant"}},
		{query: "INVALID_GRANT", want: []string{"oauth2/invalid_grant"}},
		{query: "login_required", want: []string{"oidc/login_required"}},
		{query: "invalidFilter", want: []string{"scim/invalidFilter"}},
		{query: "scalekit invalid_connection_selector", want: nil},
	}
	for _, tt := range tests {
		got := ids(c.Lookup(tt.query))
		if len(got) < len(tt.want) || !slices.Equal(got[:len(tt.want)], tt.want) {
			t.Errorf("Lookup(%q) = %v, want it to start with %v", tt.query, got, tt.want)
		}
		if tt.want == nil && len(got) != 0 {
			t.Errorf("Lookup(%q) = %v, want nothing", tt.query, got)
		}
		for _, id := range tt.also {
			if !slices.Contains(got, id) {
				t.Errorf("Lookup(%q) = %v, want it to include %s", tt.query, got, id)
			}
		}
	}
}

// TestLookupOrder: for every way an entry is written, the entries found
// come once each, those whose code is the query first, each group in
// catalog order.
func TestLookupOrder(t *testing.T) {
	c := embeddedCatalog(t)
	for _, e := range c.Entries() {
		for _, query := range append([]string{e.Code, strings.ToUpper(e.Code), e.Name}, e.Aliases...) {
			q := normalize(query)
			got := c.Lookup(query)
			for i := 1; i < len(got); i++ {
				a, b := got[i-1], got[i]
				ra, rb := normalize(a.Code) != q, normalize(b.Code) != q
				if ra && !rb || ra == rb && c.position(a) >= c.position(b) {
					t.Errorf("Lookup(%q) = %v: %s before %s", query, ids(got), a.ID, b.ID)
				}
			}
		}
	}
}

func TestCodeIs(t *testing.T) {
	codes := []string{"invalid_grant", "AADSTS50011", "Error #101", " E0000011", "(x)", "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed", "KEY\u212a", "é_code", "a", "a.", "'quoted'", "two  words"}
	for _, code := range codes {
		for _, q := range []string{normalize(code), strings.ToLower(code), code, "invalid_grant", ""} {
			if got, want := codeIs(code, q), normalize(code) == q; got != want {
				t.Errorf("codeIs(%q, %q) = %v, want %v", code, q, got, want)
			}
		}
	}
}

func TestLookupOfNothing(t *testing.T) {
	c := embeddedCatalog(t)
	for _, q := range []string{"", "   ", "``", "no such code anywhere", "\x00\xff"} {
		if got := c.Lookup(q); len(got) != 0 {
			t.Errorf("Lookup(%q) = %v, want nothing", q, ids(got))
		}
	}
}

func ids(es []*Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func TestNaturalCompare(t *testing.T) {
	for _, pair := range [][2]string{
		{"AADSTS5000", "AADSTS16000"},
		{"AADSTS16000", "AADSTS50000"},
		{"AADSTS50011", "AADSTS500011"},
		{"E0000009", "E0000010"},
		{"TID-AEX-1000", "TID-AEX-1030"},
		{"access_denied", "invalid_grant"},
		{"Invalid", "invalid_grant"},
	} {
		if got := naturalCompare(pair[0], pair[1]); got != -1 {
			t.Errorf("naturalCompare(%q, %q) = %d, want -1", pair[0], pair[1], got)
		}
		if got := naturalCompare(pair[1], pair[0]); got != 1 {
			t.Errorf("naturalCompare(%q, %q) = %d, want 1", pair[1], pair[0], got)
		}
	}
}

// A minimal valid catalog for the validator tests: one provider, one entry.
const (
	demoProvider = `---
key: demo
name: Demo IdP
kind: vendor
home: https://idp.example/
code_pattern: '^[a-z_]+$'
---
A provider used by the tests.
`
	demoEntry = `---
code: demo_error
provider: demo
protocol: oauth2
title: A demo error
summary: Something went wrong in a demo.
http_status: 400
appears_in: [token_response]
who_acts: [app_developer]
retryable: false
references:
  - title: Demo docs
    url: https://idp.example/docs
---
## What happened

A demo failed.

## Fix

1. Do the right thing.

## Confirm

It works.
`
)

func demoFS(entry string) fstest.MapFS {
	return fstest.MapFS{
		"providers/demo.md":            {Data: []byte(demoProvider)},
		"entries/demo/demo_error.md":   {Data: []byte(entry)},
		"entries/demo/.keep-as-folder": {Data: nil},
	}
}

func TestValidatorAcceptsTheDemoEntry(t *testing.T) {
	c, err := Load(demoFS(demoEntry))
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := c.Entry("demo/demo_error"); !ok || e.Title != "A demo error" {
		t.Fatalf("demo entry not loaded: %+v", e)
	}
}

func TestValidatorAcceptsAnInformationalEntry(t *testing.T) {
	head, _, _ := strings.Cut(demoEntry, "## What happened")
	info := strings.Replace(head, "retryable: false", "retryable: false\nkind: informational", 1) +
		"## What happened\n\nA demo login succeeded.\n\n## When it matters\n\nWhen counting logins.\n"
	c, err := Load(demoFS(info))
	if err != nil {
		t.Fatal(err)
	}
	if e, _ := c.Entry("demo/demo_error"); !e.IsInformational() {
		t.Fatalf("kind = %q, want informational", e.Kind)
	}
}

func TestValidatorWantsALibrarysVersions(t *testing.T) {
	fsys := demoFS(demoEntry)
	fsys["providers/demo.md"] = &fstest.MapFile{Data: []byte(strings.Replace(demoProvider, "kind: vendor", "kind: library", 1))}
	assertProblem(t, fsys, "providers/demo.md", "versions")
}

func TestValidatorTakesHyphenatedProviderKeys(t *testing.T) {
	for key, ok := range map[string]bool{"okta-auth-js": true, "go-oauth2": true, "demo": true, "-demo": false, "demo-": false, "de--mo": false, "Demo-js": false} {
		t.Run(key, func(t *testing.T) {
			provider := strings.Replace(demoProvider, "key: demo", "key: "+key, 1)
			entry := strings.Replace(demoEntry, "provider: demo", "provider: "+key, 1)
			fsys := fstest.MapFS{
				"providers/" + key + ".md":          {Data: []byte(provider)},
				"entries/" + key + "/demo_error.md": {Data: []byte(entry)},
			}
			if !ok {
				assertProblem(t, fsys, "providers/"+key+".md", "key")
			} else if _, err := Load(fsys); err != nil {
				t.Errorf("key %q rejected: %v", key, err)
			}
		})
	}
}

// withoutField removes a front matter field (and any indented lines under it).
func withoutField(doc, field string) string {
	var out []string
	skipping := false
	for _, line := range strings.Split(doc, "\n") {
		if strings.HasPrefix(line, field+":") {
			skipping = true
			continue
		}
		if skipping && strings.HasPrefix(line, "  ") {
			continue
		}
		skipping = false
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

func TestValidatorRejectsAMissingRequiredField(t *testing.T) {
	for _, field := range []string{"code", "provider", "protocol", "title", "summary", "appears_in", "who_acts", "retryable", "references"} {
		t.Run(field, func(t *testing.T) {
			assertProblem(t, demoFS(withoutField(demoEntry, field)), "entries/demo/demo_error.md", field)
		})
	}
	t.Run("guide", func(t *testing.T) {
		head, _, _ := strings.Cut(demoEntry, "## What happened")
		assertProblem(t, demoFS(head), "entries/demo/demo_error.md", "guide")
	})
}

func TestValidatorRejectsBadValues(t *testing.T) {
	tests := []struct {
		name, from, to, field string
	}{
		{"unknown provider", "provider: demo", "provider: nobody", "provider"},
		{"unknown protocol", "protocol: oauth2", "protocol: carrier_pigeon", "protocol"},
		{"unknown surface", "appears_in: [token_response]", "appears_in: [fax]", "appears_in"},
		{"unknown actor", "who_acts: [app_developer]", "who_acts: [everyone]", "who_acts"},
		{"code off pattern", "code: demo_error", "code: DEMO-1", "code"},
		{"file not named after code", "code: demo_error", "code: other_error", "code"},
		{"reference not a URL", "url: https://idp.example/docs", "url: see the docs", "references"},
		{"unknown related id", "retryable: false", "retryable: false\nrelated: [demo/nothing]", "related"},
		{"standard not a standard", "retryable: false", "retryable: false\nstandard: demo/demo_error", "standard"},
		{"bad status", "http_status: 400", "http_status: 4000", "http_status"},
		{"no numbered steps", "1. Do the right thing.", "Do the right thing.", "guide"},
		{"no confirm section", "## Confirm", "## Afterwards", "guide"},
		{"two paragraph summary", "summary: Something went wrong in a demo.", "summary: |\n  One.\n\n  Two.", "summary"},
		{"unknown field", "retryable: false", "retryable: false\nretriable: true", ""},
		{"unknown kind", "retryable: false", "retryable: false\nkind: warning", "kind"},
		{"unknown wrapped id", "retryable: false", "retryable: false\nwraps: [demo/nothing]", "wraps"},
		{"empty message", "retryable: false", "retryable: false\nmessages: ['  ']", "messages"},
		{"informational with fix steps", "retryable: false", "retryable: false\nkind: informational", "guide"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(demoEntry, tt.from) {
				t.Fatalf("demo entry has no %q", tt.from)
			}
			assertProblem(t, demoFS(strings.Replace(demoEntry, tt.from, tt.to, 1)), "entries/demo/demo_error.md", tt.field)
		})
	}
}

// TestValidatorRejectsLogCodeFieldsWithoutLogFields: a log code field is
// read only in a record that the provider's log fields mark as its own.
func TestValidatorRejectsLogCodeFieldsWithoutLogFields(t *testing.T) {
	fsys := demoFS(demoEntry)
	fsys["providers/demo.md"] = &fstest.MapFile{Data: []byte(strings.Replace(demoProvider, "kind: vendor", "kind: vendor\nlog_code_fields: [type]", 1))}
	assertProblem(t, fsys, "providers/demo.md", "log_code_fields")
}

// TestValidatorRejectsStrayOrPathlessSharedHosts: a shared host is one of
// the issuer hosts, and names the provider only through issuer paths.
func TestValidatorRejectsStrayOrPathlessSharedHosts(t *testing.T) {
	for _, extra := range []string{
		"issuer_hosts: [idp.example]\nshared_hosts: [other.example]\nissuer_paths: ['/signin/']",
		"issuer_hosts: [idp.example]\nshared_hosts: [idp.example]",
	} {
		fsys := demoFS(demoEntry)
		fsys["providers/demo.md"] = &fstest.MapFile{Data: []byte(strings.Replace(demoProvider, "kind: vendor", "kind: vendor\n"+extra, 1))}
		assertProblem(t, fsys, "providers/demo.md", "shared_hosts")
	}
}

func assertProblem(t *testing.T, fsys fstest.MapFS, file, field string) {
	t.Helper()
	_, err := Load(fsys)
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("Load accepted the entry (err = %v), want a problem with %s", err, field)
	}
	for _, p := range verr.Problems {
		if p.File == file && p.Field == field {
			if !strings.Contains(err.Error(), file) {
				t.Errorf("error message %q does not name the file", err)
			}
			return
		}
	}
	t.Errorf("no problem reported for %s field %q; got:\n%v", file, field, err)
}
