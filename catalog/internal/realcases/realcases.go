// Package realcases reads the decoder's real-input corpus
// (catalog/decode/testdata/corpus): inputs quoted from public threads, each
// under its thread's URL, with the entry the thread established as the
// answer. The decoder's tests measure on it and search counts the threads
// each entry answered (package answered); both read it here, so that the
// format has one reader.
//
// A case is a "=== URL" line, an "expect: id" line, any "also: id" lines,
// a blank line, then the input as pasted, up to the next "=== " line.
// Lines before the first case are comments.
package realcases

import (
	"fmt"
	"strings"
)

// Case is one quoted input.
type Case struct {
	URL string
	// Want is the expected entry first, then the alternatives that are
	// also right.
	Want  []string
	Input string
}

// Read returns the cases of a corpus file, in file order.
func Read(text string) ([]Case, error) {
	var out []Case
	starts := caseStarts(text)
	for i, at := range starts {
		end := len(text)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		header, rest, _ := strings.Cut(text[at+len(marker):end], "\n")
		c := Case{URL: strings.TrimSpace(header)}
		if !strings.HasPrefix(c.URL, "http://") && !strings.HasPrefix(c.URL, "https://") || strings.ContainsAny(c.URL, " \t") {
			return nil, fmt.Errorf("realcases: %q is not a thread's URL", c.URL)
		}
		meta, input, ok := strings.Cut(rest, "\n\n")
		if !ok {
			return nil, fmt.Errorf("realcases: %s has no blank line before its input", c.URL)
		}
		var expect string
		var also []string
		for _, line := range strings.Split(meta, "\n") {
			key, value, _ := strings.Cut(line, ": ")
			switch {
			case key == "expect" && expect == "":
				expect = value
			case key == "also":
				also = append(also, value)
			default:
				return nil, fmt.Errorf("realcases: %s: unknown or second line %q", c.URL, line)
			}
		}
		if expect == "" {
			return nil, fmt.Errorf("realcases: %s has no expect line", c.URL)
		}
		c.Want = append([]string{expect}, also...)
		c.Input = strings.TrimRight(input, "\n")
		out = append(out, c)
	}
	return out, nil
}

const marker = "=== "

// caseStarts returns the offsets of the lines that open a case.
func caseStarts(text string) []int {
	var out []int
	for at := 0; at < len(text); {
		if strings.HasPrefix(text[at:], marker) {
			out = append(out, at)
		}
		next := strings.IndexByte(text[at:], '\n')
		if next < 0 {
			break
		}
		at += next + 1
	}
	return out
}
