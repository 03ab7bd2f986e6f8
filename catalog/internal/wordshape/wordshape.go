// Package wordshape matches one word against a provider's code shape
// ("AADSTS(?P<number>\d{5,})"), ignoring letter case, and fills a template
// from the parts it named ("AADSTS${number}").
//
// Shapes are written in a small part of Go's regular expression syntax:
// literal characters, backslash-escaped punctuation, \d, bracketed classes
// of characters and ranges ([A-Za-z0-9_]), the quantifiers ?, *, +, {n},
// {n,} and {n,m}, and named groups (?P<name>...) that do not nest. Within
// it, a shape matches, and names, exactly what regexp.Compile("(?i)^(?:" +
// shape + ")$") would. It exists so that the browser's search module, which
// only needs these shapes, does without the regexp package (a quarter of a
// megabyte of WebAssembly); native code validates every shape with regexp
// too.
package wordshape

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Shape is a compiled shape. It is safe for concurrent use.
type Shape struct {
	atoms []atom
	// names are the groups' names, in order; group i+1 is names[i].
	names []string
}

// atom is one character test, repeated between min and max times (max < 0:
// no limit), in the group numbered group (0: none).
type atom struct {
	ranges   []runeRange
	min, max int
	group    int
}

type runeRange struct{ lo, hi rune }

// matches tells whether r is in one of the ranges, letter case ignored: as
// regexp does under (?i), any rune of r's case-folding orbit counts
// ("k" matches K, k and the Kelvin sign).
func (a *atom) matches(r rune) bool {
	for f := r; ; {
		for _, rr := range a.ranges {
			if rr.lo <= f && f <= rr.hi {
				return true
			}
		}
		if f = unicode.SimpleFold(f); f == r {
			return false
		}
	}
}

// maxRepeat bounds a counted repeat, as regexp does.
const maxRepeat = 1000

// Compile parses a shape; what lies outside the syntax above is an error.
func Compile(shape string) (*Shape, error) {
	p := parser{src: shape}
	s, err := p.parse()
	if err != nil {
		return nil, fmt.Errorf("shape %q: %w", shape, err)
	}
	return s, nil
}

type parser struct {
	src string
	pos int
}

func (p *parser) more() bool { return p.pos < len(p.src) }

func (p *parser) next() rune {
	r, n := utf8.DecodeRuneInString(p.src[p.pos:])
	p.pos += n
	return r
}

func (p *parser) peek() rune {
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return r
}

func (p *parser) parse() (*Shape, error) {
	s := &Shape{}
	group, groupStart := 0, 0
	for p.more() {
		switch {
		case strings.HasPrefix(p.src[p.pos:], "(?P<"):
			if group != 0 {
				return nil, errors.New("groups do not nest")
			}
			p.pos += len("(?P<")
			end := strings.IndexByte(p.src[p.pos:], '>')
			if end <= 0 {
				return nil, errors.New("a group without a name")
			}
			name := p.src[p.pos : p.pos+end]
			for _, r := range name {
				if !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
					return nil, fmt.Errorf("group name %q", name)
				}
			}
			for _, n := range s.names {
				if n == name {
					return nil, fmt.Errorf("group name %q twice", name)
				}
			}
			p.pos += end + 1
			s.names = append(s.names, name)
			groupStart = len(s.atoms)
			group = len(s.names)
			continue
		case p.peek() == ')':
			if group == 0 {
				return nil, errors.New("a ) without its (")
			}
			if len(s.atoms) == groupStart {
				return nil, errors.New("an empty group")
			}
			p.next()
			group = 0
			continue
		}
		a, err := p.atom()
		if err != nil {
			return nil, err
		}
		a.group = group
		if err := p.quantifier(&a); err != nil {
			return nil, err
		}
		s.atoms = append(s.atoms, a)
	}
	if group != 0 {
		return nil, errors.New("a group left open")
	}
	return s, nil
}

// atom reads one character test.
func (p *parser) atom() (atom, error) {
	switch r := p.next(); r {
	case '\\':
		if !p.more() {
			return atom{}, errors.New("a trailing backslash")
		}
		e := p.next()
		switch {
		case e == 'd':
			return single(runeRange{'0', '9'}), nil
		case e < utf8.RuneSelf && unicode.IsPunct(e) || e < utf8.RuneSelf && unicode.IsSymbol(e):
			return single(runeRange{e, e}), nil
		}
		return atom{}, fmt.Errorf(`\%c is not supported`, e)
	case '[':
		return p.class()
	case '.', '|', '^', '$', '(', '*', '+', '?', '{', '}', ']':
		return atom{}, fmt.Errorf("%q is not supported here", r)
	case utf8.RuneError:
		return atom{}, errors.New("invalid UTF-8")
	default:
		return single(runeRange{r, r}), nil
	}
}

func single(r runeRange) atom { return atom{ranges: []runeRange{r}, min: 1, max: 1} }

// class reads a bracketed class after its [: characters and ranges, no negation.
func (p *parser) class() (atom, error) {
	var a atom
	if p.peek() == '^' {
		return a, errors.New("negated classes are not supported")
	}
	for {
		if !p.more() {
			return a, errors.New("a class left open")
		}
		r := p.next()
		if r == ']' && len(a.ranges) > 0 {
			break
		}
		lo, err := p.classChar(r)
		if err != nil {
			return a, err
		}
		hi := lo
		if p.peek() == '-' && p.pos+1 < len(p.src) && p.src[p.pos+1] != ']' {
			p.next()
			if hi, err = p.classChar(p.next()); err != nil {
				return a, err
			}
			if hi < lo {
				return a, errors.New("a range out of order")
			}
		}
		a.ranges = append(a.ranges, runeRange{lo, hi})
	}
	a.min, a.max = 1, 1
	return a, nil
}

func (p *parser) classChar(r rune) (rune, error) {
	switch r {
	case '\\':
		if !p.more() {
			return 0, errors.New("a trailing backslash")
		}
		e := p.next()
		if e < utf8.RuneSelf && (unicode.IsPunct(e) || unicode.IsSymbol(e)) {
			return e, nil
		}
		return 0, fmt.Errorf(`\%c is not supported in a class`, e)
	case '[', ']':
		return 0, fmt.Errorf("%q is not supported in a class", r)
	case utf8.RuneError:
		return 0, errors.New("invalid UTF-8")
	}
	return r, nil
}

// quantifier reads an optional ?, *, + or {n}, {n,}, {n,m} after an atom.
func (p *parser) quantifier(a *atom) error {
	switch p.peek() {
	case '?':
		a.min, a.max = 0, 1
	case '*':
		a.min, a.max = 0, -1
	case '+':
		a.min, a.max = 1, -1
	case '{':
		end := strings.IndexByte(p.src[p.pos:], '}')
		if end < 0 {
			return errors.New("a repeat left open")
		}
		body := p.src[p.pos+1 : p.pos+end]
		lo, hi, comma := strings.Cut(body, ",")
		n, ok := number(lo)
		if !ok {
			return fmt.Errorf("repeat {%s}", body)
		}
		m := n
		switch {
		case comma && hi == "":
			m = -1
		case comma:
			if m, ok = number(hi); !ok || m < n {
				return fmt.Errorf("repeat {%s}", body)
			}
		}
		a.min, a.max = n, m
		p.pos += end
	default:
		return nil
	}
	p.pos++
	switch p.peek() {
	case '?', '*', '+', '{':
		return errors.New("lazy or repeated quantifiers are not supported")
	}
	return nil
}

func number(s string) (int, bool) {
	if s == "" || len(s) > 4 {
		return 0, false
	}
	n := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n <= maxRepeat
}

// Match matches the whole word against the shape and returns, as
// regexp.FindStringSubmatchIndex does, the start and end of the word and of
// each group (-1, -1 for a group that took part in no match), or nil.
func (s *Shape) Match(word string) []int {
	// Runes and where each starts, so that a repeat can give back one at a time.
	var runes []rune
	var at []int
	for i, r := range word {
		runes = append(runes, r)
		at = append(at, i)
	}
	at = append(at, len(word))
	m := matcher{s: s, runes: runes, failed: map[[2]int]bool{}}
	ends := make([]int, len(s.atoms))
	if !m.match(0, 0, ends) {
		return nil
	}
	out := make([]int, 2+2*len(s.names))
	out[1] = len(word)
	for i := 2; i < len(out); i++ {
		out[i] = -1
	}
	start := 0
	for i, a := range s.atoms {
		if g := a.group; g > 0 {
			if out[2*g] < 0 {
				out[2*g] = at[start]
			}
			out[2*g+1] = at[ends[i]]
		}
		start = ends[i]
	}
	return out
}

type matcher struct {
	s     *Shape
	runes []rune
	// failed remembers (atom, position) pairs that lead to no match, which
	// keeps the search linear in practice whatever the shape.
	failed map[[2]int]bool
}

// match tries atom i at rune position pos, repeats longest first, as a
// greedy regular expression prefers, and records where each atom ended.
func (m *matcher) match(i, pos int, ends []int) bool {
	if i == len(m.s.atoms) {
		return pos == len(m.runes)
	}
	if m.failed[[2]int{i, pos}] {
		return false
	}
	a := &m.s.atoms[i]
	n := 0
	for pos+n < len(m.runes) && (a.max < 0 || n < a.max) && a.matches(m.runes[pos+n]) {
		n++
	}
	for ; n >= a.min; n-- {
		ends[i] = pos + n
		if m.match(i+1, pos+n, ends) {
			return true
		}
	}
	m.failed[[2]int{i, pos}] = true
	return false
}

// Expand appends the template to dst with each $name or ${name} (a group's
// name, or its number, 0 for the whole word) replaced by what the group
// matched in word, and $$ by $, as regexp.Regexp.ExpandString does.
func (s *Shape) Expand(dst []byte, template, word string, match []int) []byte {
	for {
		before, after, found := strings.Cut(template, "$")
		if !found {
			break
		}
		dst = append(dst, before...)
		template = after
		if template != "" && template[0] == '$' {
			dst = append(dst, '$')
			template = template[1:]
			continue
		}
		name, num, rest, ok := reference(template)
		if !ok {
			// Malformed: the $ is plain text.
			dst = append(dst, '$')
			continue
		}
		template = rest
		if num < 0 {
			num = 0
			for i, n := range s.names {
				if n == name {
					num = i + 1
					break
				}
			}
			if num == 0 {
				continue
			}
		}
		if 2*num+1 < len(match) && match[2*num] >= 0 {
			dst = append(dst, word[match[2*num]:match[2*num+1]]...)
		}
	}
	return append(dst, template...)
}

// reference reads the name after a $: letters, digits and underscores, as
// long as possible, or braced; num is its number when it is one, else -1.
func reference(s string) (name string, num int, rest string, ok bool) {
	if s == "" {
		return "", 0, "", false
	}
	brace := s[0] == '{'
	if brace {
		s = s[1:]
	}
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
			break
		}
		i += size
	}
	if i == 0 {
		return "", 0, "", false
	}
	name = s[:i]
	if brace {
		if i >= len(s) || s[i] != '}' {
			return "", 0, "", false
		}
		i++
	}
	num = 0
	for j := 0; j < len(name); j++ {
		if name[j] < '0' || '9' < name[j] || num >= 1e8 {
			num = -1
			break
		}
		num = num*10 + int(name[j]) - '0'
	}
	if name[0] == '0' && len(name) > 1 {
		num = -1
	}
	return name, num, s[i:], true
}
