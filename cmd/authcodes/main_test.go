package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/authcodes/authcodes/catalog/decode"
	"github.com/authcodes/authcodes/catalog/search"
)

const entraCallback = "https://app.contoso.com/signin-oidc?error=invalid_request&error_description=AADSTS50011%3a+The+redirect+URI+does+not+match&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d50011&state=abc"

const successCallback = "https://app.example.com/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz"

type cliCase struct {
	name   string
	args   []string
	stdin  string
	exit   int
	out    []string // must appear in stdout
	notOut []string // must not appear in stdout
	errOut []string // must appear in stderr
	// json, when set, parses stdout as one JSON object and checks it.
	json func(t *testing.T, v map[string]any)
}

func runCLI(t *testing.T, c cliCase) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	got := run(c.args, strings.NewReader(c.stdin), &stdout, &stderr)
	if got != c.exit {
		t.Errorf("exit = %d, want %d\nstdout: %s\nstderr: %s", got, c.exit, stdout.String(), stderr.String())
	}
	for _, s := range c.out {
		if !strings.Contains(stdout.String(), s) {
			t.Errorf("stdout lacks %q:\n%s", s, stdout.String())
		}
	}
	for _, s := range c.notOut {
		if strings.Contains(stdout.String(), s) {
			t.Errorf("stdout has %q:\n%s", s, stdout.String())
		}
	}
	for _, s := range c.errOut {
		if !strings.Contains(stderr.String(), s) {
			t.Errorf("stderr lacks %q:\n%s", s, stderr.String())
		}
	}
	if strings.Contains(stdout.String(), "\x1b") {
		t.Errorf("stdout is not a terminal but has escape sequences")
	}
	if c.json != nil {
		var v map[string]any
		dec := json.NewDecoder(&stdout)
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("stdout is not a JSON object: %v", err)
		}
		if dec.More() {
			t.Errorf("stdout has more than one JSON value")
		}
		c.json(t, v)
	}
}

// firstID returns the id of the first object in list v[key].
func firstID(t *testing.T, v map[string]any, key string) string {
	t.Helper()
	list, ok := v[key].([]any)
	if !ok || len(list) == 0 {
		t.Fatalf("%q is not a non-empty list: %v", key, v[key])
	}
	obj, _ := list[0].(map[string]any)
	id, _ := obj["id"].(string)
	return id
}

func TestUsage(t *testing.T) {
	for _, c := range []cliCase{
		{name: "no arguments", args: nil, exit: 2, errOut: []string{"Usage:"}},
		{name: "help", args: []string{"help"}, exit: 0, out: []string{"authcodes decode", "authcodes lookup", "authcodes search", "authcodes serve"}},
		{name: "serve -h", args: []string{"serve", "-h"}, exit: 0, out: []string{"Usage: authcodes serve"}},
		{name: "serve extra argument", args: []string{"serve", "now"}, exit: 2, errOut: []string{"bad arguments"}},
		{name: "--help", args: []string{"--help"}, exit: 0, out: []string{"Usage:"}},
		{name: "unknown command", args: []string{"frobnicate"}, exit: 2, errOut: []string{`unknown command "frobnicate"`}},
		{name: "decode unknown flag", args: []string{"decode", "--yaml", "x"}, exit: 2, errOut: []string{"unknown flag --yaml"}},
		{name: "decode --limit is not its flag", args: []string{"decode", "--limit", "3", "x"}, exit: 2, errOut: []string{"unknown flag"}},
		{name: "decode -h", args: []string{"decode", "-h"}, exit: 0, out: []string{"Usage: authcodes decode"}},
		{name: "lookup without code", args: []string{"lookup"}, exit: 2, errOut: []string{"missing CODE"}},
		{name: "lookup --json without code", args: []string{"lookup", "--json"}, exit: 2, errOut: []string{"missing CODE"}},
		{name: "search without query", args: []string{"search"}, exit: 2, errOut: []string{"missing QUERY"}},
		{name: "search bad limit", args: []string{"search", "--limit", "many", "x"}, exit: 2, errOut: []string{"--limit"}},
		{name: "search zero limit", args: []string{"search", "--limit=0", "x"}, exit: 2, errOut: []string{"--limit"}},
		{name: "search limit without value", args: []string{"search", "x", "--limit"}, exit: 2, errOut: []string{"--limit needs a number"}},
	} {
		t.Run(c.name, func(t *testing.T) { runCLI(t, c) })
	}
}

// harFixture is the decoder's Chromium recording of a failed Entra-like sign-in.
const harFixture = "../../catalog/decode/testdata/har/entra-aadsts50105.har"

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSanitizeCommand(t *testing.T) {
	for _, c := range []cliCase{
		{name: "file", args: []string{"sanitize", harFixture}, exit: 0, out: []string{`"log"`, "AADSTS50105", "…[masked"},
			notOut: []string{"Tr0ub4dor", "1.AUcA-authcode-Q2w3E4r5T6y7", "0.AUcA-ESTSAUTH-m9Kp2", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"}},
		{name: "stdin", args: []string{"sanitize", "-"}, stdin: readFile(t, harFixture), exit: 0, out: []string{`"entries"`}, notOut: []string{"Tr0ub4dor"}},
		{name: "not a HAR", args: []string{"sanitize", "-"}, stdin: "error=invalid_grant", exit: 2, errOut: []string{"not a HAR file", "not JSON"}},
		{name: "no file", args: []string{"sanitize"}, exit: 2, errOut: []string{"name one HAR file"}},
		{name: "unknown flag", args: []string{"sanitize", "--yaml", "x.har"}, exit: 2, errOut: []string{"unknown flag"}},
	} {
		t.Run(c.name, func(t *testing.T) { runCLI(t, c) })
	}
}

func TestDecodeCommand(t *testing.T) {
	for _, c := range []cliCase{
		{name: "json", args: []string{"decode", "--json", entraCallback}, exit: 0, json: func(t *testing.T, v map[string]any) {
			if v["provider"] != "entra" {
				t.Errorf("provider = %v", v["provider"])
			}
			if id := firstID(t, v, "matches"); id != "entra/AADSTS50011" {
				t.Errorf("first match = %s", id)
			}
			fields, _ := v["fields"].(map[string]any)
			if fields["error"] != "invalid_request" {
				t.Errorf("fields = %v", fields)
			}
			if _, ok := v["warnings"].([]any); !ok {
				t.Errorf("no warnings list: %v", v["warnings"])
			}
		}},
		{name: "flag after the input", args: []string{"decode", entraCallback, "--json"}, exit: 0, json: func(t *testing.T, v map[string]any) {
			if v["provider"] != "entra" {
				t.Errorf("provider = %v", v["provider"])
			}
		}},
		{name: "human", args: []string{"decode", entraCallback}, exit: 0, out: []string{
			"Provider: Microsoft Entra ID", "AADSTS50011", "Who acts: Application developer", "Fix", "  1. ", "Also", "oauth2/invalid_request", "Fields", "error_description",
		}},
		{name: "stdin", args: []string{"decode", "--json"}, stdin: entraCallback + "\n", exit: 0, json: func(t *testing.T, v map[string]any) {
			if id := firstID(t, v, "matches"); id != "entra/AADSTS50011" {
				t.Errorf("first match = %s", id)
			}
		}},
		{name: "stdin dash", args: []string{"decode", "-"}, stdin: "E0000011", exit: 0, out: []string{"Okta", "E0000011"}},
		{name: "words as arguments", args: []string{"decode", "Error", "400:", "redirect_uri_mismatch"}, exit: 0, out: []string{"Google"}},
		{name: "secrets masked in json", args: []string{"decode", "--json", successCallback}, exit: 0, notOut: []string{"SplxlOBeZQQYbYS6WxSbIA"}, out: []string{"masked", "no_error"}},
		{name: "secrets masked for people", args: []string{"decode", successCallback}, exit: 0, notOut: []string{"SplxlOBeZQQYbYS6WxSbIA"}, out: []string{"Warnings", "no_error", "masked"}},
		{name: "nothing recognised", args: []string{"decode", "the", "page", "is", "blank"}, exit: 1, out: []string{"Nothing recognised"}},
		{name: "nothing recognised, json", args: []string{"decode", "--json", "hello"}, exit: 1, json: func(t *testing.T, v map[string]any) {
			if m, _ := v["matches"].([]any); len(m) != 0 {
				t.Errorf("matches = %v", m)
			}
		}},
		{name: "empty input", args: []string{"decode", "-"}, stdin: "  \n", exit: 2, errOut: []string{"empty"}},
		{name: "binary input", args: []string{"decode", "-"}, stdin: "\x00\x01\x02", exit: 2, errOut: []string{"not text"}},
		{name: "too large", args: []string{"decode"}, stdin: strings.Repeat("a", decode.MaxInputBytes+10), exit: 2, errOut: []string{"256 KiB"}},
		{name: "unsafe XML is read as text", args: []string{"decode", `<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><samlp:Response>&x;</samlp:Response>`}, exit: 0, out: []string{"DOCTYPE", "read as text"}},
		{name: "log line that starts like JSON", args: []string{"decode", "[ERROR] token request failed: invalid_client"}, exit: 0, out: []string{"invalid_client"}},
		{name: "expect: trailing slash", args: []string{"decode", "--json", "--expect", "redirect_uri=https://app.example.com/callback", "--expect=client_id=abc",
			"https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=abc&response_type=code&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback%2F&state=x"}, exit: 0,
			json: func(t *testing.T, v map[string]any) {
				ds, _ := v["diagnosis"].([]any)
				if len(ds) != 1 {
					t.Fatalf("diagnosis = %v, want one (client_id is met)", v["diagnosis"])
				}
				d, _ := ds[0].(map[string]any)
				if diffs, _ := d["differences"].([]any); len(diffs) != 1 || diffs[0] != "trailing slash" {
					t.Errorf("differences = %v", d["differences"])
				}
				if !strings.Contains(d["rule"].(string), "RFC 6749 section 3.1.2.3") {
					t.Errorf("rule = %v", d["rule"])
				}
			}},
		{name: "expect for people", args: []string{"decode", "--expect", "redirect_uri=https://app.example.com/callback", "redirect_uri=https%3A%2F%2Fapp.example.com%2FCallback&client_id=abc&response_type=code"},
			exit: 0, out: []string{"Diagnosis", "letter case", "3.1.2.3"}},
		{name: "causes by the evidence", args: []string{"decode", "--expect", "redirect_uri=https://app.example.com/signin-oidc",
			"https://app.example.com/signin-oidc?error=invalid_request&error_description=AADSTS50011%3A+The+redirect+URI+does+not+match&state=s1\nhttps://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=abc&response_type=code&state=s1&redirect_uri=https%3A%2F%2Fapp.example.com%2Fsignin-oidc%2F"},
			exit: 0, out: []string{"Likely here, by the evidence", "1. The redirect URI differs slightly", "trailing slash"}},
		{name: "expect: unknown key", args: []string{"decode", "--expect", "colour=blue", "x"}, exit: 2, errOut: []string{"unknown expectation"}},
		{name: "expect needs a value", args: []string{"decode", "--expect"}, exit: 2, errOut: []string{"--expect needs key=value"}},
		{name: "HAR file", args: []string{"decode", "--json", harFixture}, exit: 0, json: func(t *testing.T, v map[string]any) {
			if v["kind"] != "har" || v["failed_step"] != float64(7) {
				t.Errorf("kind %v, failed step %v", v["kind"], v["failed_step"])
			}
			if id := firstID(t, v, "matches"); id != "entra/AADSTS50105" {
				t.Errorf("first match = %s", id)
			}
		}},
		{name: "HAR on stdin, for people", args: []string{"decode"}, stdin: readFile(t, harFixture), exit: 0,
			out: []string{"Steps", "✗  7. authorize GET", "failed at step 7", "AADSTS50105"}, notOut: []string{"Tr0ub4dor", "1.AUcA-authcode"}},
		{name: "HAR file missing", args: []string{"decode", "nothere.har"}, exit: 2, errOut: []string{"nothere.har"}},
		{name: "escape sequences from the input are not printed", args: []string{"decode", "error=access_denied&error_description=%1B%5B2J%1B%5B31mgotcha&state=1"}, exit: 0, notOut: []string{"\x1b"}, out: []string{"gotcha"}},
	} {
		t.Run(c.name, func(t *testing.T) { runCLI(t, c) })
	}
}

func TestLookupCommand(t *testing.T) {
	for _, c := range []cliCase{
		{name: "human", args: []string{"lookup", "AADSTS50011"}, exit: 0, out: []string{"The redirect URI", "Fix", "1. ", "/entra/AADSTS50011/"}},
		{name: "json", args: []string{"lookup", "--json", "50011"}, exit: 0, json: func(t *testing.T, v map[string]any) {
			if id := firstID(t, v, "matches"); id != "entra/AADSTS50011" {
				t.Errorf("first match = %s", id)
			}
		}},
		{name: "several providers, standard first", args: []string{"lookup", "--json", "invalid_grant"}, exit: 0, json: func(t *testing.T, v map[string]any) {
			if id := firstID(t, v, "matches"); id != "oauth2/invalid_grant" {
				t.Errorf("first match = %s", id)
			}
			if m, _ := v["matches"].([]any); len(m) < 2 {
				t.Errorf("only %d matches", len(m))
			}
		}},
		{name: "words", args: []string{"lookup", "Error", "#101"}, exit: 0, out: []string{"infoauth/101"}},
		{name: "unknown", args: []string{"lookup", "NOSUCHCODE_4711"}, exit: 1, out: []string{"No entry"}},
		{name: "unknown json", args: []string{"lookup", "--json", "NOSUCHCODE_4711"}, exit: 1, json: func(t *testing.T, v map[string]any) {
			if m, ok := v["matches"].([]any); !ok || len(m) != 0 {
				t.Errorf("matches = %v", v["matches"])
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) { runCLI(t, c) })
	}
}

func TestSearchCommand(t *testing.T) {
	if _, err := search.Embedded(); err != nil {
		t.Skipf("the search index does not open (it is rebuilt with the catalog): %v", err)
	}
	for _, c := range []cliCase{
		{name: "code", args: []string{"search", "--json", "AADSTS50011"}, exit: 0, json: func(t *testing.T, v map[string]any) {
			if id := firstID(t, v, "results"); id != "entra/AADSTS50011" {
				t.Errorf("first result = %s", id)
			}
		}},
		{name: "limit", args: []string{"search", "--json", "--limit", "3", "redirect", "uri", "mismatch"}, exit: 0, json: func(t *testing.T, v map[string]any) {
			list, _ := v["results"].([]any)
			if len(list) == 0 || len(list) > 3 {
				t.Errorf("%d results, want 1 to 3", len(list))
			}
			for _, r := range list {
				if id, _ := r.(map[string]any)["id"].(string); !strings.Contains(id, "/") {
					t.Errorf("result without an id: %v", r)
				}
			}
		}},
		{name: "human", args: []string{"search", "invalid_grant"}, exit: 0, out: []string{"oauth2/invalid_grant", "result"}},
		{name: "nothing", args: []string{"search", "zzqxjv"}, exit: 1, out: []string{"No results"}},
		{name: "unknown code", args: []string{"search", "--json", "AADSTS999123"}, exit: 1, json: func(t *testing.T, v map[string]any) {
			u, _ := v["unknown_code"].(map[string]any)
			if u["code"] != "AADSTS999123" || u["provider"] != "entra" || u["lookup_url"] != "https://login.microsoftonline.com/error?code=999123" {
				t.Errorf("unknown_code = %v", v["unknown_code"])
			}
			for _, r := range v["results"].([]any) {
				if m := r.(map[string]any)["match"]; m == "code" {
					t.Errorf("a code match for an unknown code: %v", r)
				}
			}
		}},
		{name: "known code has no unknown_code", args: []string{"search", "--json", "E0000011"}, exit: 0, json: func(t *testing.T, v map[string]any) {
			if _, ok := v["unknown_code"]; ok {
				t.Errorf("unknown_code for a listed code: %v", v["unknown_code"])
			}
		}},
		{name: "unknown code human", args: []string{"search", "AADSTS500119"}, exit: 1, out: []string{"AADSTS500119 is not in the catalog", "Microsoft Entra ID", "https://login.microsoftonline.com/error?code=500119", "not the same code", "entra/AADSTS"}},
		{name: "unknown okta code human", args: []string{"search", "E0000999"}, exit: 1, out: []string{"E0000999 is not in the catalog", "Okta", "https://developer.okta.com/docs/reference/error-codes/"}},
	} {
		t.Run(c.name, func(t *testing.T) { runCLI(t, c) })
	}
}
