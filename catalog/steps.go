package catalog

import (
	"regexp"
	"strings"
)

var (
	stepStart    = regexp.MustCompile(`^\d+\.\s+`)
	markdownLink = regexp.MustCompile(`\[([^\]]*)\]\(([^)]*)\)`)
)

// FixSteps returns the numbered steps of the guide's "## Fix" section as plain
// text, one string a step, for places that show the steps without rendering
// Markdown (a terminal, the decoder's summary).
func (e *Entry) FixSteps() []string {
	_, fix, found := strings.Cut(e.Guide, "## Fix\n")
	if !found {
		return nil
	}
	fix, _, _ = strings.Cut(fix, "\n## ")
	var steps []string
	for _, line := range strings.Split(fix, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case stepStart.MatchString(line):
			steps = append(steps, stepStart.ReplaceAllString(line, ""))
		case trimmed != "" && len(steps) > 0 && line != trimmed:
			// An indented line continues the step above it.
			steps[len(steps)-1] += " " + trimmed
		}
	}
	for i, s := range steps {
		steps[i] = plainText(s)
	}
	return steps
}

// plainText drops the Markdown marks a step may carry: a link becomes its
// text with the address after it, emphasis and code marks go.
func plainText(s string) string {
	s = markdownLink.ReplaceAllString(s, "$1 ($2)")
	return strings.NewReplacer("**", "", "__", "", "`", "").Replace(s)
}
