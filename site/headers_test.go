package site

import (
	"strings"
	"testing"
)

// TestHeadersFile: every page is served HTTPS-only (HSTS) and the
// Permissions-Policy names only features browsers still know.
func TestHeadersFile(t *testing.T) {
	h := Headers("/entra/AADSTS50011/")
	if got := h.Get("Strict-Transport-Security"); !strings.HasPrefix(got, "max-age=31536000") {
		t.Errorf("Strict-Transport-Security = %q", got)
	}
	if got := h.Get("Permissions-Policy"); got == "" || strings.Contains(got, "interest-cohort") {
		t.Errorf("Permissions-Policy = %q", got)
	}
	file := HeadersFile()
	if !strings.Contains(file, "/*\n") || !strings.Contains(file, "  Strict-Transport-Security: max-age=31536000; includeSubDomains\n") {
		t.Errorf("the _headers file lacks HSTS:\n%s", file)
	}
}
