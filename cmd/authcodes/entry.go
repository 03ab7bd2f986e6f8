package main

import (
	"fmt"
	"strings"

	"github.com/authcodes/authcodes/catalog"
)

// entryJSON is an entry in --json output.
type entryJSON struct {
	ID         string          `json:"id"`
	Provider   string          `json:"provider"`
	Code       string          `json:"code"`
	Title      string          `json:"title"`
	Summary    string          `json:"summary"`
	Standard   string          `json:"standard,omitempty"`
	WhoActs    []catalog.Actor `json:"who_acts,omitempty"`
	HTTPStatus int             `json:"http_status,omitempty"`
	Retryable  bool            `json:"retryable"`
	Fix        []string        `json:"fix,omitempty"`
	Path       string          `json:"path"`
}

func toEntryJSON(e *catalog.Entry) entryJSON {
	return entryJSON{
		ID: e.ID, Provider: e.Provider, Code: e.Code, Title: e.Title, Summary: e.Summary,
		Standard: e.Standard, WhoActs: e.WhoActs, HTTPStatus: e.HTTPStatus, Retryable: e.Retryable,
		Fix: e.FixSteps(), Path: e.Path(),
	}
}

// printEntry writes one entry in full for a person: code and provider, title,
// who acts, summary and the steps to fix it.
func (p *printer) printEntry(cat *catalog.Catalog, e *catalog.Entry) {
	provider := e.Provider
	if pr, ok := cat.Provider(e.Provider); ok {
		provider = pr.Name
	}
	p.printf("%s  %s\n", p.style(bold+";"+cyan, clean(e.Code)), p.style(dim, provider+" · "+e.ID))
	p.hanging("", "", bold, e.Title)
	var facts []string
	if len(e.WhoActs) > 0 {
		var who []string
		for _, a := range e.WhoActs {
			who = append(who, a.Label())
		}
		facts = append(facts, "Who acts: "+strings.Join(who, ", "))
	}
	if e.HTTPStatus != 0 {
		facts = append(facts, fmt.Sprintf("HTTP %d", e.HTTPStatus))
	}
	if e.Retryable {
		facts = append(facts, "retrying can help")
	} else {
		facts = append(facts, "retrying will not help")
	}
	if e.Standard != "" {
		facts = append(facts, "travels with "+e.Standard)
	}
	p.para("", strings.Join(facts, " · "))
	p.printf("\n")
	p.para("  ", e.Summary)
	if steps := e.FixSteps(); len(steps) > 0 {
		p.printf("\n%s\n", p.style(bold, "Fix"))
		for i, s := range steps {
			num := fmt.Sprintf("  %d. ", i+1)
			p.hanging(num, strings.Repeat(" ", len(num)), "", s)
		}
	}
	p.printf("\n%s %s\n", p.style(dim, "Guide:"), e.Path())
}

// printAlso lists further entries, one line each.
func (p *printer) printAlso(title string, entries []*catalog.Entry) {
	if len(entries) == 0 {
		return
	}
	p.printf("\n%s\n", p.style(bold, title))
	for _, e := range entries {
		p.hanging("  "+p.style(cyan, pad(e.ID, 28))+" ", strings.Repeat(" ", 31), "", e.Title)
	}
}

func pad(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return s + strings.Repeat(" ", n-len(s))
}
