package site

import (
	"net/url"
	"strings"
	"testing"
)

// TestRedirectsFile: the written _redirects sends the addresses people type
// to entry pages, within Cloudflare's limits, and never redirects a page.
func TestRedirectsFile(t *testing.T) {
	files, cat := builtFiles(t)
	rules, err := ParseRedirects(string(files["_redirects"]))
	if err != nil {
		t.Fatal(err)
	}
	static, dynamic := 0, 0
	for _, r := range rules {
		if r.isDynamic() {
			dynamic++
			continue
		}
		if static++; dynamic > 0 {
			t.Errorf("static rule %s after a dynamic one: Cloudflare wants static rules first", r.From)
		}
		id := strings.Trim(r.To, "/")
		if _, ok := cat.Entry(id); !ok {
			t.Errorf("%s -> %s, which is no entry", r.From, r.To)
		}
	}
	if static > MaxStaticRedirects || dynamic > MaxDynamicRedirects {
		t.Errorf("%d static and %d dynamic redirects; Cloudflare takes at most %d and %d", static, dynamic, MaxStaticRedirects, MaxDynamicRedirects)
	}
	t.Logf("%d static, %d dynamic redirects", static, dynamic)
	rd := NewRedirector(rules)
	for _, e := range cat.Entries() {
		if to, _, ok := rd.Match(&url.URL{Path: e.Path()}); ok {
			t.Errorf("the page %s is redirected to %s", e.Path(), to)
		}
	}
	for _, tt := range []struct{ path, query, want string }{
		{"/entra/aadsts50011/", "", "/entra/AADSTS50011/"},
		{"/entra/50011/", "", "/entra/AADSTS50011/"},
		{"/okta/e0000011/", "x=1", "/okta/E0000011/?x=1"},
		{"/b2c/aadb2c90118/", "", "/b2c/AADB2C90118/"},
		{"/identitymodel/idx10214/", "", "/identitymodel/IDX10214/"},
		{"/trivoreid/tid-aex-1030/", "", "/trivoreid/TID-AEX-1030/"},
		{"/lookup/50011", "", "/search/?q=50011"},
		{"/lookup/50011/", "utm=x", "/search/?q=50011"},
	} {
		u, _ := url.Parse(tt.path)
		u.RawQuery = tt.query
		if to, _, ok := rd.Match(u); !ok || to != tt.want {
			t.Errorf("%s?%s -> %q (%v), want %s", tt.path, tt.query, to, ok, tt.want)
		}
	}
	for _, p := range []string{"/entra/", "/lookup/", "/lookup/a/b", "/search/", "/"} {
		if to, _, ok := rd.Match(&url.URL{Path: p}); ok {
			t.Errorf("%s redirected to %s", p, to)
		}
	}
}

func TestCodeQuery(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"/?code=50011", "/search/?q=50011"},
		{"/?code=Error+%23101", "/search/?q=Error+%23101"},
		{"/?code=", ""},
		{"/", ""},
		{"/entra/?code=50011", ""},
	} {
		u, _ := url.Parse(tt.in)
		if got, _ := CodeQuery(u); got != tt.want {
			t.Errorf("CodeQuery(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseRedirectsRejectsBadLines(t *testing.T) {
	for _, text := range []string{"/a", "/a /b many", "/a /b 301 extra"} {
		if _, err := ParseRedirects(text); err == nil {
			t.Errorf("ParseRedirects(%q) accepted it", text)
		}
	}
}
