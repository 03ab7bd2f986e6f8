package decode

import (
	"errors"
	"net/url"
	"strings"
)

// minScrub is the shortest credential scrubbed from a result: shorter ones
// (a four-digit PIN) would mask unrelated text that happens to match.
const minScrub = 6

// secretSet is the credentials the masker found in an input, each once, in
// the order found.
type secretSet struct {
	seen map[string]bool
	list []string
}

func (ss *secretSet) add(v string) {
	if ss.seen == nil {
		ss.seen = map[string]bool{}
	}
	if !ss.seen[v] {
		ss.seen[v] = true
		ss.list = append(ss.list, v)
	}
}

// scrubber replaces every known credential in a string by its masked form,
// in one pass over the string whatever the number of credentials.
type scrubber struct{ m *multiMatcher }

func newScrubber(found *secretSet) *scrubber {
	var patterns []string
	seen := map[string]bool{}
	add := func(v string) {
		if len(v) >= minScrub && !seen[v] && !strings.Contains(v, "…[masked") {
			seen[v] = true
			patterns = append(patterns, v)
		}
	}
	if found != nil {
		for _, v := range found.list {
			add(v)
			if strings.ContainsAny(v, "%+") {
				if u, err := url.QueryUnescape(v); err == nil {
					add(u) // as the decoders show it
				}
			}
		}
	}
	if len(patterns) == 0 {
		return &scrubber{}
	}
	return &scrubber{m: newMultiMatcher(patterns)}
}

// clean masks every credential in s. Where credentials overlap, the
// stretch they cover together is masked as one.
func (sc *scrubber) clean(s string) string {
	if sc == nil || sc.m == nil || len(s) < minScrub {
		return s
	}
	return sc.m.replace(s, maskValue)
}

// scrub masks, everywhere in the result but the fields (cleaned as they were
// added), the credentials found in the input.
func (r *Result) scrub(sc *scrubber) {
	if sc == nil || sc.m == nil {
		return
	}
	for i := range r.Masked {
		r.Masked[i] = sc.clean(r.Masked[i])
	}
	for i, c := range r.Codes {
		r.Codes[i] = Code{Value: sc.clean(c.Value), Field: sc.clean(c.Field)}
	}
	for i := range r.Matches {
		r.Matches[i].Found = sc.clean(r.Matches[i].Found)
		r.Matches[i].Field = sc.clean(r.Matches[i].Field)
	}
	for i := range r.Evidence {
		r.Evidence[i].Detail = sc.clean(r.Evidence[i].Detail)
	}
	for i := range r.Warnings {
		r.Warnings[i].Message = sc.clean(r.Warnings[i].Message)
		r.Warnings[i].Field = sc.clean(r.Warnings[i].Field)
	}
}

// scrubError masks the credentials found in the input in an error's detail.
func scrubError(err error, sc *scrubber) error {
	var ie *InputError
	if !errors.As(err, &ie) {
		return err
	}
	ie.Detail, ie.Part = sc.clean(ie.Detail), sc.clean(ie.Part)
	return ie
}

// multiMatcher finds every occurrence of a set of strings in a text in one
// pass (Aho-Corasick): its work is the length of the text plus that of the
// strings, however many there are and however they overlap.
type multiMatcher struct {
	// The trie of the patterns. Node 0 is the root; a node's children are
	// a list (first, then next), labelled by label; the root's are also in
	// rootNext for a direct step.
	first, next []int32
	label       []byte
	// fail is the node of the longest proper suffix of a node's string
	// that is in the trie; out is the length of the longest pattern that
	// ends the node's string (0 for none).
	fail, out []int32
	rootNext  [256]int32
	// steps counts trie moves, for the tests that measure the work.
	steps int
}

func newMultiMatcher(patterns []string) *multiMatcher {
	m := &multiMatcher{}
	m.newNode(0)
	depth := []int32{0}
	for _, p := range patterns {
		n := int32(0)
		for i := 0; i < len(p); i++ {
			c := m.child(n, p[i])
			if c < 0 {
				c = m.newNode(p[i])
				m.next[c] = m.first[n]
				m.first[n] = c
				depth = append(depth, depth[n]+1)
			}
			n = c
		}
		m.out[n] = depth[n]
	}
	for c := range m.rootNext {
		m.rootNext[c] = -1
	}
	for c := m.first[0]; c >= 0; c = m.next[c] {
		m.rootNext[m.label[c]] = c
	}
	// Breadth first: a node's fail is known before its children's.
	queue := make([]int32, 0, len(m.label))
	for c := m.first[0]; c >= 0; c = m.next[c] {
		queue = append(queue, c) // fail 0
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if m.out[n] == 0 {
			m.out[n] = m.out[m.fail[n]]
		}
		for c := m.first[n]; c >= 0; c = m.next[c] {
			m.fail[c] = m.step(m.fail[n], m.label[c])
			queue = append(queue, c)
		}
	}
	return m
}

func (m *multiMatcher) newNode(label byte) int32 {
	m.first = append(m.first, -1)
	m.next = append(m.next, -1)
	m.label = append(m.label, label)
	m.fail = append(m.fail, 0)
	m.out = append(m.out, 0)
	return int32(len(m.label) - 1)
}

func (m *multiMatcher) child(n int32, c byte) int32 {
	for k := m.first[n]; k >= 0; k = m.next[k] {
		if m.label[k] == c {
			return k
		}
	}
	return -1
}

// step is the node after reading c at node n.
func (m *multiMatcher) step(n int32, c byte) int32 {
	for {
		m.steps++
		if n == 0 {
			if k := m.rootNext[c]; k >= 0 {
				return k
			}
			return 0
		}
		if k := m.child(n, c); k >= 0 {
			return k
		}
		n = m.fail[n]
	}
}

// replace returns s with each stretch covered by matches replaced by
// with(stretch); s itself when nothing matches.
func (m *multiMatcher) replace(s string, with func(string) string) string {
	// spans are the stretches covered so far, apart and in order. Matches
	// come by their end; one may start before stretches already found
	// (a longer credential holding shorter ones), and swallows them.
	var spans [][2]int
	n := int32(0)
	for i := 0; i < len(s); i++ {
		n = m.step(n, s[i])
		if l := int(m.out[n]); l > 0 {
			start, end := i+1-l, i+1
			for len(spans) > 0 && spans[len(spans)-1][1] > start {
				start = min(start, spans[len(spans)-1][0])
				spans = spans[:len(spans)-1]
			}
			spans = append(spans, [2]int{start, end})
		}
	}
	if len(spans) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		b.WriteString(s[last:sp[0]])
		b.WriteString(with(s[sp[0]:sp[1]]))
		last = sp[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// each calls fn with the offsets of the longest pattern ending at each
// position of s where one ends. Unlike step, it changes nothing in m, so a
// matcher built once may be shared by concurrent calls.
func (m *multiMatcher) each(s string, fn func(start, end int)) {
	n := int32(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		for {
			if n == 0 {
				if k := m.rootNext[c]; k >= 0 {
					n = k
				}
				break
			}
			if k := m.child(n, c); k >= 0 {
				n = k
				break
			}
			n = m.fail[n]
		}
		if l := int(m.out[n]); l > 0 {
			fn(i+1-l, i+1)
		}
	}
}
