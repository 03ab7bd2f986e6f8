package catalog

import "strings"

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
		case stepNumberLen(line) > 0:
			steps = append(steps, line[stepNumberLen(line):])
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
	return strings.NewReplacer("**", "", "__", "", "`", "").Replace(unlink(s))
}

// stepNumberLen is the length of the number that starts a numbered step,
// "12. " (digits, a dot and the white space after it), or 0 when the line
// starts otherwise.
func stepNumberLen(line string) int {
	i := 0
	for i < len(line) && '0' <= line[i] && line[i] <= '9' {
		i++
	}
	if i == 0 || i == len(line) || line[i] != '.' {
		return 0
	}
	i++
	spaces := i
	for i < len(line) && strings.IndexByte(" \t\n\f\r", line[i]) >= 0 {
		i++
	}
	if i == spaces {
		return 0
	}
	return i
}

// unlink writes each Markdown link [text](address) as "text (address)".
// (Plain string scanning rather than a regular expression, which would
// bring the regexp package into every WebAssembly module.)
func unlink(s string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '[')
		if open < 0 {
			break
		}
		// The text runs to the first ], the address from the ( right after
		// it to the first ); a [ that starts no link is text.
		text, rest, ok := strings.Cut(s[open+1:], "]")
		if ok && strings.HasPrefix(rest, "(") {
			if addr, after, ok := strings.Cut(rest[1:], ")"); ok {
				b.WriteString(s[:open])
				b.WriteString(text + " (" + addr + ")")
				s = after
				continue
			}
		}
		b.WriteString(s[:open+1])
		s = s[open+1:]
	}
	b.WriteString(s)
	return b.String()
}
