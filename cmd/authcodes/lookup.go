package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/authcodes/authcodes/catalog"
)

const lookupUsage = `Usage: authcodes lookup [--json] CODE

Shows the catalog entries for a code as people type it: any letter case, with
or without the provider's prefix (AADSTS50011, 50011), a symbolic name
(InvalidReplyTo), "Error #101", or a SAML status URN. A code several providers
use lists them all, the standard first.
`

func runLookup(args []string, out *printer, stderr io.Writer) int {
	o, err := parseArgs(args, false)
	if err == errHelp {
		fmt.Fprint(out.w, lookupUsage)
		return exitFound
	}
	if err == nil && len(o.args) == 0 {
		err = fmt.Errorf("missing CODE")
	}
	if err != nil {
		fmt.Fprintf(stderr, "authcodes lookup: %v\n\n%s", err, lookupUsage)
		return exitUsage
	}
	code := strings.Join(o.args, " ")
	cat, err := catalog.Embedded()
	if err != nil {
		fmt.Fprintf(stderr, "authcodes lookup: the catalog does not load: %v\n", err)
		return exitUsage
	}
	entries := cat.Lookup(code)
	status := exitFound
	if len(entries) == 0 {
		status = exitNotFound
	}
	if o.json {
		matches := make([]entryJSON, 0, len(entries))
		for _, e := range entries {
			matches = append(matches, toEntryJSON(e))
		}
		return writeJSON(out.w, stderr, struct {
			Query   string      `json:"query"`
			Matches []entryJSON `json:"matches"`
		}{code, matches}, status)
	}
	if len(entries) == 0 {
		fmt.Fprintf(out.w, "No entry for %q. Try \"authcodes search %s\".\n", clean(code), clean(code))
		return status
	}
	out.printEntry(cat, entries[0])
	out.printAlso("Also", entries[1:])
	return status
}
