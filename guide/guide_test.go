package guide

import (
	"strings"
	"testing"

	"github.com/authcodes/authcodes/catalog"
)

func TestRender(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
		not      []string
	}{
		{"heading ids", "## What happened\n\ntext", []string{`<h2 id="what-happened">What happened</h2>`}, nil},
		{"numbered steps", "1. one\n2. two", []string{"<ol>", "<li>one</li>"}, nil},
		{"gfm table", "| a | b |\n|---|---|\n| 1 | 2 |", []string{"<table>", "<td>1</td>"}, nil},
		{"inline code is escaped", "send `<redirect_uri>`", []string{"<code>&lt;redirect_uri&gt;</code>"}, nil},
		{"raw html is dropped", "before\n\n<script>alert(1)</script>\n\nafter <img src=x onerror=alert(1)>", []string{"before", "after"}, []string{"<script", "<img", "onerror"}},
		{"javascript links are not linked", "[x](javascript:alert(1))", nil, []string{`href="javascript`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Render(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(got), w) {
					t.Errorf("Render(%q) = %q, want it to contain %q", tt.in, got, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(string(got), n) {
					t.Errorf("Render(%q) = %q, must not contain %q", tt.in, got, n)
				}
			}
		})
	}
}

// TestEveryGuideRendersAsWritten: no catalog guide loses text to the
// renderer, as an angle-bracketed placeholder ("Clients > <client>") read as
// raw HTML does, or turns a wrapped line that starts with ">" into a quote.
func TestEveryGuideRendersAsWritten(t *testing.T) {
	cat, err := catalog.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range cat.Entries() {
		html, err := Render(e.Guide)
		if err != nil {
			t.Errorf("%s: %v", e.ID, err)
			continue
		}
		for _, bad := range []string{"raw HTML omitted", "<blockquote>"} {
			if strings.Contains(string(html), bad) {
				t.Errorf("%s (%s): the rendered guide contains %q", e.ID, e.File, bad)
			}
		}
	}
}
