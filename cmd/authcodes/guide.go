package main

import (
	"regexp"
	"strings"
)

var (
	numberedStep = regexp.MustCompile(`^\d+\.\s+(.*)$`)
	mdLink       = regexp.MustCompile(`\[([^\]]+)\]\(([^)]+)\)`)
	mdEmphasis   = regexp.MustCompile(`\*\*([^*]+)\*\*|__([^_]+)__`)
)

// fixSteps returns the numbered steps under "## Fix" in an entry's guide, as
// plain text: one string per step, continuation lines joined.
func fixSteps(guide string) []string {
	var steps []string
	in := false
	for _, line := range strings.Split(guide, "\n") {
		if strings.HasPrefix(line, "## ") {
			in = strings.TrimSpace(line) == "## Fix"
			continue
		}
		if !in {
			continue
		}
		if m := numberedStep.FindStringSubmatch(line); m != nil {
			steps = append(steps, m[1])
			continue
		}
		indented := strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")
		if text := strings.TrimSpace(line); text != "" && indented && len(steps) > 0 {
			steps[len(steps)-1] += " " + text
		}
	}
	for i, s := range steps {
		steps[i] = plainMarkdown(s)
	}
	return steps
}

// plainMarkdown drops inline Markdown a terminal cannot show: emphasis,
// code backticks, and links (kept as "text (url)").
func plainMarkdown(s string) string {
	s = mdLink.ReplaceAllString(s, "$1 ($2)")
	s = mdEmphasis.ReplaceAllString(s, "$1$2")
	return strings.ReplaceAll(s, "`", "")
}
