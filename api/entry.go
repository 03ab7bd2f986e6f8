package api

import (
	"github.com/authcodes/authcodes/catalog"
)

// Entry is a catalog entry as the API shows it: every fact, and its guide.
// Lists are never null: an entry without aliases has "aliases": [].
type Entry struct {
	ID           string   `json:"id"`
	Code         string   `json:"code"`
	Provider     string   `json:"provider"`
	ProviderName string   `json:"provider_name"`
	Protocol     string   `json:"protocol"`
	Name         string   `json:"name,omitempty"`
	Aliases      []string `json:"aliases"`
	Title        string   `json:"title"`
	Summary      string   `json:"summary"`
	// HTTPStatus is absent where the error travels without an HTTP status of its own.
	HTTPStatus int      `json:"http_status,omitempty"`
	AppearsIn  []string `json:"appears_in"`
	WhoActs    []string `json:"who_acts"`
	Retryable  bool     `json:"retryable"`
	// Standard is the id of the standard entry the code travels with.
	Standard   string       `json:"standard,omitempty"`
	Related    []string     `json:"related"`
	DefinedIn  []Definition `json:"defined_in"`
	References []Reference  `json:"references"`
	// AlsoAt lists the entries with the same code at other providers.
	AlsoAt []string `json:"also_at"`
	// URL is the entry's page on the site, relative to the API's origin.
	URL string `json:"url"`
	// GuideHTML is the resolution guide as HTML; only /v1/codes carries it.
	GuideHTML string `json:"guide_html,omitempty"`
}

// Definition is a specification section that defines a standard code.
type Definition struct {
	Spec       string `json:"spec"`
	Section    string `json:"section"`
	Context    string `json:"context"`
	HTTPStatus string `json:"http_status,omitempty"`
}

// Reference is a page that documents the code.
type Reference struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Summary is the short form of an entry, for lists.
type Summary struct {
	ID       string `json:"id"`
	Code     string `json:"code"`
	Provider string `json:"provider"`
	Protocol string `json:"protocol"`
	Title    string `json:"title"`
	Summary  string `json:"summary"`
	URL      string `json:"url"`
}

// entry converts a catalog entry, with its guide when withGuide is set.
func (h *Handler) entry(e *catalog.Entry, withGuide bool) Entry {
	out := Entry{
		ID: e.ID, Code: e.Code, Provider: e.Provider, Protocol: string(e.Protocol), Name: e.Name,
		Aliases: strs(e.Aliases), Title: e.Title, Summary: e.Summary, HTTPStatus: e.HTTPStatus,
		AppearsIn: strs(e.AppearsIn), WhoActs: strs(e.WhoActs), Retryable: e.Retryable,
		Standard: e.Standard, Related: strs(e.Related),
		DefinedIn: []Definition{}, References: []Reference{}, AlsoAt: []string{}, URL: e.Path(),
	}
	if p, ok := h.cfg.Catalog.Provider(e.Provider); ok {
		out.ProviderName = p.Name
	}
	for _, d := range e.DefinedIn {
		out.DefinedIn = append(out.DefinedIn, Definition(d))
	}
	for _, r := range e.References {
		out.References = append(out.References, Reference(r))
	}
	for _, o := range h.cfg.Catalog.Relatives(e) {
		out.AlsoAt = append(out.AlsoAt, o.ID)
	}
	if withGuide {
		out.GuideHTML, _ = h.cfg.Guides.HTML(e.ID)
	}
	return out
}

func summary(e *catalog.Entry) Summary {
	return Summary{ID: e.ID, Code: e.Code, Provider: e.Provider, Protocol: string(e.Protocol), Title: e.Title, Summary: e.Summary, URL: e.Path()}
}

// strs converts a list of string-like values, never returning nil.
func strs[S ~string](in []S) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = string(s)
	}
	return out
}
