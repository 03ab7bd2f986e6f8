package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"
)

// width is the column human output wraps at.
const width = 80

// printer writes human output, in colour only when it goes to a terminal and
// NO_COLOR is not set (https://no-color.org/).
type printer struct {
	w     io.Writer
	color bool
}

func newPrinter(w io.Writer) *printer {
	return &printer{w: w, color: isTerminal(w) && os.Getenv("NO_COLOR") == ""}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// ANSI styles.
const (
	bold   = "1"
	dim    = "2"
	red    = "31"
	yellow = "33"
	cyan   = "36"
)

func (p *printer) style(code, s string) string {
	if !p.color || s == "" || code == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p *printer) printf(format string, args ...any) { fmt.Fprintf(p.w, format, args...) }

// para writes text wrapped at width, every line after indent.
func (p *printer) para(indent, text string) {
	p.hanging(indent, indent, "", text)
}

// hanging writes text wrapped at width, each line in style code (none when
// empty): the first line after the prefix first, the next after rest.
// Prefixes may be styled already; the text is cleaned first.
func (p *printer) hanging(first, rest, code, text string) {
	p.wrapWords(first, rest, code, strings.Fields(clean(text)))
}

// wrapWords writes words, which may be styled already, wrapped at width,
// each line in style code.
func (p *printer) wrapWords(first, rest, code string, words []string) {
	var line []string
	lead, n := first, visibleLen(first)
	flush := func() {
		p.printf("%s%s\n", lead, p.style(code, strings.Join(line, " ")))
		line, lead, n = nil, rest, visibleLen(rest)
	}
	for _, word := range words {
		wn := visibleLen(word)
		if len(line) > 0 && n+1+wn > width {
			flush()
		}
		if len(line) > 0 {
			n++
		}
		line = append(line, word)
		n += wn
	}
	flush()
}

// visibleLen counts the runes of s a terminal shows, skipping ANSI styles.
func visibleLen(s string) int {
	n, esc := 0, false
	for _, r := range s {
		switch {
		case r == '\x1b':
			esc = true
		case esc:
			if r == 'm' {
				esc = false
			}
		default:
			n++
		}
	}
	return n
}

// clean makes text from an input safe to print on a terminal: control
// characters (escape sequences above all) become visible replacements, and
// line breaks inside a value become spaces.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case unicode.IsControl(r) || r == utf8.RuneError:
			return '\uFFFD'
		}
		return r
	}, s)
}
