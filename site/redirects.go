package site

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Redirect sends one address to another: a line of Cloudflare's
// _redirects file. From is an exact path, or a pattern with :placeholders
// (one path segment each) and a trailing * (the rest, as :splat).
type Redirect struct {
	From, To string
	Status   int
}

// Cloudflare's limits on a _redirects file.
// https://developers.cloudflare.com/workers/static-assets/redirects/
const (
	MaxStaticRedirects  = 2000
	MaxDynamicRedirects = 100
)

// lookupRedirects send /lookup/CODE to the search page, which goes straight
// to the entry when the code names exactly one.
var lookupRedirects = []Redirect{
	{"/lookup/:code/", "/search/?q=:code", http.StatusFound},
	{"/lookup/:code", "/search/?q=:code", http.StatusFound},
}

// pathSafe is what a redirect's source may hold: a path segment people type.
var pathSafe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// Redirects are the addresses people type for an entry, sent to its page:
// the code in lower case (/okta/e0000011/) and every alias that is a path
// segment (/entra/50011/), then /lookup/CODE. Static rules come first, as
// Cloudflare requires; an address that is a page, or that would lead to two
// entries, is left alone.
func (s *Site) Redirects() []Redirect {
	pages := map[string]bool{}
	for _, e := range s.cat.Entries() {
		pages[e.Path()] = true
	}
	to := map[string]string{}
	var order []string
	add := func(from, dest string) {
		if pages[from] {
			return
		}
		if prev, seen := to[from]; seen {
			if prev != dest {
				to[from] = "" // two entries: neither
			}
			return
		}
		to[from] = dest
		order = append(order, from)
	}
	for _, e := range s.cat.Entries() {
		keys := append([]string{e.Code}, e.Aliases...)
		for _, k := range keys {
			if !pathSafe.MatchString(k) {
				continue
			}
			for _, form := range []string{k, strings.ToLower(k)} {
				add("/"+e.Provider+"/"+form+"/", e.Path())
			}
		}
	}
	var out []Redirect
	for _, from := range order {
		if to[from] != "" {
			out = append(out, Redirect{from, to[from], http.StatusMovedPermanently})
		}
	}
	return append(out, lookupRedirects...)
}

// RedirectsFile writes rules as a Cloudflare _redirects file.
func RedirectsFile(rules []Redirect) string {
	var b strings.Builder
	b.WriteString("# Addresses people type for an entry; generated from the catalog.\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "%s %s %d\n", r.From, r.To, r.Status)
	}
	return b.String()
}

// ParseRedirects reads a _redirects file.
func ParseRedirects(text string) ([]Redirect, error) {
	var out []Redirect
	for i, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		r := Redirect{Status: http.StatusFound}
		switch len(f) {
		case 3:
			n, err := strconv.Atoi(f[2])
			if err != nil {
				return nil, fmt.Errorf("_redirects line %d: status %q is not a number", i+1, f[2])
			}
			r.Status = n
			fallthrough
		case 2:
			r.From, r.To = f[0], f[1]
		default:
			return nil, fmt.Errorf("_redirects line %d: want source, destination and status", i+1)
		}
		out = append(out, r)
	}
	return out, nil
}

// isDynamic tells a pattern from an exact path.
func (r Redirect) isDynamic() bool { return strings.ContainsAny(r.From, ":*") }

// Redirector answers request paths from rules the way Workers static assets
// do: an exact source first, else the first pattern that matches, in file
// order; the destination's query, or else the request's, is kept.
type Redirector struct {
	static  map[string]Redirect
	dynamic []dynamicRedirect
}

type dynamicRedirect struct {
	re *regexp.Regexp
	Redirect
}

var placeholder = regexp.MustCompile(`:[A-Za-z]\w*`)

// NewRedirector compiles rules.
func NewRedirector(rules []Redirect) *Redirector {
	rd := &Redirector{static: map[string]Redirect{}}
	for _, r := range rules {
		if !r.isDynamic() {
			if _, dup := rd.static[r.From]; !dup {
				rd.static[r.From] = r
			}
			continue
		}
		parts := strings.Split(r.From, "*")
		for i, p := range parts {
			parts[i] = placeholder.ReplaceAllStringFunc(regexp.QuoteMeta(p), func(m string) string {
				return "(?P<" + m[1:] + ">[^/]+)"
			})
		}
		rd.dynamic = append(rd.dynamic, dynamicRedirect{regexp.MustCompile("^" + strings.Join(parts, "(?P<splat>.*)") + "$"), r})
	}
	return rd
}

// Match returns where a request for u goes, if anywhere.
func (rd *Redirector) Match(u *url.URL) (location string, status int, ok bool) {
	path := u.EscapedPath()
	r, ok := rd.static[path]
	to := r.To
	if !ok {
		for _, d := range rd.dynamic {
			m := d.re.FindStringSubmatch(path)
			if m == nil {
				continue
			}
			r, ok, to = d.Redirect, true, d.To
			for i, name := range d.re.SubexpNames() {
				if name != "" {
					to = strings.ReplaceAll(to, ":"+name, m[i])
				}
			}
			break
		}
	}
	if !ok {
		return "", 0, false
	}
	if !strings.Contains(to, "?") && u.RawQuery != "" {
		to += "?" + u.RawQuery
	}
	return to, r.Status, true
}

// CodeQuery sends the home page asked for a code ("/?code=50011") to the
// search page for it; Cloudflare's _redirects cannot match a query, so the
// edge worker and the local server call this for "/".
func CodeQuery(u *url.URL) (string, bool) {
	code := strings.TrimSpace(u.Query().Get("code"))
	if u.Path != "/" || code == "" {
		return "", false
	}
	return "/search/?" + url.Values{"q": {code}}.Encode(), true
}
