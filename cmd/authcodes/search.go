package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
)

const searchUsage = `Usage: authcodes search [--json] [--limit N] QUERY

Searches the catalog: a code or the start of one, a sentence pasted from an
error page, or a symptom in your own words. --limit sets how many results to
show (default 10, at most 100).
`

// resultJSON is a search hit in --json output.
type resultJSON struct {
	ID       string            `json:"id"`
	Provider string            `json:"provider"`
	Code     string            `json:"code"`
	Title    string            `json:"title"`
	Match    search.MatchKind  `json:"match"`
	Snippet  []search.Fragment `json:"snippet,omitempty"`
	Path     string            `json:"path"`
}

func runSearch(args []string, out *printer, stderr io.Writer) int {
	o, err := parseArgs(args, true)
	if err == errHelp {
		fmt.Fprint(out.w, searchUsage)
		return exitFound
	}
	if err == nil && len(o.args) == 0 {
		err = errors.New("missing QUERY")
	}
	if err != nil {
		fmt.Fprintf(stderr, "authcodes search: %v\n\n%s", err, searchUsage)
		return exitUsage
	}
	query := strings.Join(o.args, " ")
	ix, err := search.Embedded()
	if err != nil {
		fmt.Fprintf(stderr, "authcodes search: the search index does not open: %v\n", err)
		return exitUsage
	}
	res, err := ix.Search(context.Background(), search.Request{Query: query, Limit: o.limit})
	if err != nil {
		fmt.Fprintf(stderr, "authcodes search: %v\n", err)
		return exitUsage
	}
	// An unknown code is not found, whatever lookalikes follow it.
	status := exitFound
	if res.Total == 0 || res.Unknown != nil {
		status = exitNotFound
	}
	if o.json {
		results := make([]resultJSON, 0, len(res.Hits))
		for _, h := range res.Hits {
			e := h.Entry
			results = append(results, resultJSON{ID: e.ID, Provider: e.Provider, Code: e.Code, Title: e.Title, Match: h.Match, Snippet: h.Snippet, Path: e.Path()})
		}
		return writeJSON(out.w, stderr, struct {
			Query       string               `json:"query"`
			UnknownCode *catalog.UnknownCode `json:"unknown_code,omitempty"`
			Total       int                  `json:"total"`
			Results     []resultJSON         `json:"results"`
		}{query, res.Unknown, res.Total, results}, status)
	}
	switch {
	case res.Unknown != nil:
		u := res.Unknown
		name := u.Provider
		if p, ok := ix.Catalog().Provider(u.Provider); ok {
			name = p.Name
		}
		out.para("", fmt.Sprintf("%s is not in the catalog. It has the shape of a %s code: look it up at %s", clean(u.Code), name, u.LookupURL))
		if res.Total > 0 {
			fmt.Fprintln(out.w, "\nNearest entries, not the same code:")
		}
	case res.Total == 0:
		fmt.Fprintf(out.w, "No results for %q.\n", clean(query))
	default:
		capped := ""
		if res.Capped {
			capped = "+"
		}
		fmt.Fprintf(out.w, "%d%s result(s) for %q", res.Total, capped, clean(query))
		if len(res.Hits) < res.Total {
			fmt.Fprintf(out.w, ", showing %d", len(res.Hits))
		}
		fmt.Fprintln(out.w)
	}
	for _, h := range res.Hits {
		out.printf("\n")
		out.hanging(out.style(cyan, h.Entry.ID)+"  ", "  ", bold, h.Entry.Title)
		if len(h.Snippet) > 0 {
			out.wrapWords("  ", "  ", "", out.snippetWords(h.Snippet))
		}
	}
	return status
}

// snippetWords splits a search snippet into words for wrapping, its
// matched words in bold; a word a match boundary cuts stays one word.
func (p *printer) snippetWords(frags []search.Fragment) []string {
	var words []string
	glue := false // the previous fragment ended inside a word
	for _, f := range frags {
		text := clean(f.Text)
		parts := strings.Fields(text)
		for i, w := range parts {
			if f.Match {
				w = p.style(bold, w)
			}
			if i == 0 && glue && text != "" && !unicode.IsSpace(rune(text[0])) && len(words) > 0 {
				words[len(words)-1] += w
				continue
			}
			words = append(words, w)
		}
		glue = text != "" && !unicode.IsSpace(rune(text[len(text)-1]))
	}
	return words
}
