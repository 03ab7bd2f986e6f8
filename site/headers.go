package site

import (
	"net/http"
	"strings"
)

// ContentSecurityPolicy allows only the site's own scripts, styles, fetches and
// workers, and WebAssembly compilation; no inline script, no framing, no
// third-party origin. Whatever a page shows from pasted input cannot run.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// HeaderRule gives the headers for the paths matching Pattern, in the syntax
// of Cloudflare's _headers file: an exact path, or a prefix ending in "*".
type HeaderRule struct {
	Pattern string
	Headers [][2]string
}

// HeaderRules are the response headers of the site, shared by the _headers
// file (Cloudflare static assets) and the local server.
var HeaderRules = []HeaderRule{
	{"/*", [][2]string{
		{"Content-Security-Policy", ContentSecurityPolicy},
		{"X-Content-Type-Options", "nosniff"},
		{"Referrer-Policy", "no-referrer"},
		{"X-Frame-Options", "DENY"},
		{"Cross-Origin-Opener-Policy", "same-origin"},
		// interest-cohort (FLoC) is gone from browsers, and naming it only
		// draws a console warning for an unknown feature.
		{"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
		// HTTPS only, for a year, subdomains included; browsers ignore it on
		// plain http, so the local server may send it as well.
		{"Strict-Transport-Security", "max-age=31536000; includeSubDomains"},
	}},
	{"/assets/*", [][2]string{
		{"Cache-Control", "public, max-age=31536000, immutable"},
	}},
}

// Headers returns the headers for a request path, every matching rule applied in order.
func Headers(urlPath string) http.Header {
	h := http.Header{}
	for _, r := range HeaderRules {
		if matches(r.Pattern, urlPath) {
			for _, kv := range r.Headers {
				h.Set(kv[0], kv[1])
			}
		}
	}
	return h
}

func matches(pattern, urlPath string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(urlPath, prefix)
	}
	return pattern == urlPath
}

// HeadersFile is the rules written as a Cloudflare _headers file.
func HeadersFile() string {
	var b strings.Builder
	for _, r := range HeaderRules {
		b.WriteString(r.Pattern + "\n")
		for _, kv := range r.Headers {
			b.WriteString("  " + kv[0] + ": " + kv[1] + "\n")
		}
	}
	return b.String()
}
