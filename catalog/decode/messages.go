package decode

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/authcodes/authcodes/catalog"
)

// messageIndex finds the catalog's literal error messages (an entry's
// messages field) in a text that carries no code: Okta's errorSummary,
// Cognito's "User is not confirmed.", a library's exception text. Texts are
// compared as lower-case words; a {placeholder} of a message matches any
// run of words.
type messageIndex struct {
	// byKey maps the first words of a message (up to keyWords of them) to
	// the messages that start so.
	byKey map[string][]int
	// starts holds the first word of every key: a text is looked up only
	// from the words that can begin a message.
	starts   map[string]bool
	messages []message
}

type message struct {
	entry *catalog.Entry
	// fragments are the message's literal parts between placeholders, as
	// normalised words; the first is the one the key was taken from.
	fragments []string
	// slots name the placeholder after each fragment ("" for none): a slot
	// whose name is an error key ("was {status}") holds a code.
	slots []string
	// literal is the message as written, in lower case, when it has no
	// placeholder: met word for word, punctuation included, it says more
	// than the same words ("mismatching_state: CSRF Warning!" is Authlib's,
	// "(mismatching_state) CSRF Warning!" OAuthLib's).
	literal string
	// whole marks a message too short to be found inside a longer text
	// ("jwt expired", "Code not valid"): it counts only as all of a text,
	// a pasted line or a field's value.
	whole bool
	// primary marks an entry's first message, the one it is known by, and
	// the sentences of it that stand alone; a later one may be a variant
	// that another entry has first.
	primary bool
}

// capture is the text a placeholder matched.
type capture struct {
	slot, value string
}

// maxSlotWords is how many words a placeholder at the end of a message takes.
const maxSlotWords = 3

const (
	keyWords = 3
	// minMessageWords keeps one- and two-word messages out: "Unauthorized"
	// or "invalid token" say too little to name one entry.
	minMessageWords = 3
	// placeholderSpan is how far apart, in normalised bytes, two fragments
	// may be: a placeholder stands for a URI, an id or a short phrase.
	placeholderSpan = 400
)

func newMessageIndex(cat *catalog.Catalog) *messageIndex {
	ix := &messageIndex{byKey: map[string][]int{}, starts: map[string]bool{}}
	for _, e := range cat.Entries() {
		var first []string // the entry's first message and its sentences
		if len(e.Messages) > 0 {
			first = readings(e.Messages[:1])
		}
		for _, m := range readings(e.Messages) {
			var frags, slots []string
			words := 0
			parts, names := splitPlaceholders(m)
			for i, f := range parts {
				if n := normalizeWords(f); n != "" {
					frags = append(frags, n)
					slots = append(slots, "")
					words += strings.Count(n, " ") + 1
				}
				if i < len(names) && len(slots) > 0 {
					slots[len(slots)-1] = names[i]
				}
			}
			// "Tenant {tenant} not found. This may happen..." is found by what
			// follows its placeholder: one word is too little to start by.
			least := minMessageWords
			for len(frags) > 1 && !strings.Contains(frags[0], " ") {
				words--
				frags, slots = frags[1:], slots[1:]
				// The rest must then name the error on its own: "Script
				// '{url}' failed to load." is not every "failed to load".
				least = minSentenceWords
			}
			primary := slices.Contains(first, m)
			if len(names) == 0 && len(frags) == 1 && words < minMessageWords && strings.Contains(frags[0], " ") {
				ix.messages = append(ix.messages, message{entry: e, fragments: frags, slots: slots, literal: asciiLower(strings.TrimSpace(m)), whole: true, primary: primary})
				continue
			}
			// "The '{value}' is invalid." says nothing before its placeholder:
			// the words a message is found by must say something.
			if len(frags) == 0 || words < least || !strings.Contains(frags[0], " ") {
				continue
			}
			literal := ""
			if len(names) == 0 {
				literal = asciiLower(strings.TrimSpace(m))
			}
			ix.messages = append(ix.messages, message{entry: e, fragments: frags, slots: slots, literal: literal, primary: primary})
			// A paste often starts a word late ("'id_token' is not enabled
			// for the application." of "response_type 'id_token' is..."):
			// a long message is also found without its first word.
			if _, rest, ok := strings.Cut(frags[0], " "); ok && strings.Count(rest, " ")+1 >= minTailWords {
				tail := slices.Clone(frags)
				tail[0] = rest
				ix.messages = append(ix.messages, message{entry: e, fragments: tail, slots: slots})
			}
		}
	}
	ix.fileKeys()
	return ix
}

// fileKeys files every message under its first words. It is cheap next to
// normalising the messages, so that precomputed tables (tables.go) carry
// the messages alone.
func (ix *messageIndex) fileKeys() {
	for i, m := range ix.messages {
		key := firstWords(m.fragments[0], keyWords)
		ix.byKey[key] = append(ix.byKey[key], i)
		first, _, _ := strings.Cut(key, " ")
		ix.starts[first] = true
	}
}

// readings returns messages with the shorter forms a paste holds of them:
// each without its closing details, then each sentence that stands alone.
func readings(messages []string) []string {
	return withSentences(withoutDetails(messages))
}

// withoutDetails adds to messages each one's words before a closing
// parenthesis of placeholders, which a paste often leaves out or a log
// line cuts: "Invalid issuer in the Assertion/Response" of "Invalid issuer
// in the Assertion/Response (expected {expected}, got {received})".
func withoutDetails(messages []string) []string {
	out := slices.Clone(messages)
	for _, m := range messages {
		body := strings.TrimSuffix(strings.TrimSpace(m), ".")
		open := strings.LastIndexByte(body, '(')
		if open < 0 || !strings.HasSuffix(body, ")") || !strings.Contains(body[open:], "{") || strings.ContainsAny(body[open+1:len(body)-1], "()") {
			continue
		}
		short := strings.TrimSpace(body[:open])
		literal, _ := splitPlaceholders(short)
		if strings.Count(normalizeWords(strings.Join(literal, " ")), " ") < minSentenceWords-1 || slices.Contains(out, short) {
			continue // "Missing Refresh Token" alone names no one error
		}
		out = append(out, short)
	}
	return out
}

// withSentences adds to messages each sentence of theirs that can stand
// alone: people paste the first line of an error, or the part after its code
// ("State not equal in request and response." of "mismatching_state: CSRF
// Warning! State not equal in request and response.").
func withSentences(messages []string) []string {
	out := slices.Clone(messages)
	for _, m := range messages {
		parts := sentences(m)
		if len(parts) < 2 {
			continue
		}
		for _, p := range parts {
			p = strings.TrimSpace(p)
			literal, _ := splitPlaceholders(p)
			words := normalizeWords(strings.Join(literal, " "))
			switch {
			case strings.HasPrefix(p, "{"), strings.Contains(p, "://"), strings.Count(words, " ") < minSentenceWords-1, slices.Contains(out, p):
				// "'{key}' is not supported", a link: nothing to tell an error by
			default:
				out = append(out, p)
			}
		}
	}
	return out
}

// sentences splits a message after each '.', '!', '?', ':' or ';' that
// white space follows (the white space dropped), as regexp `[.!?:;]\s+`
// would split it, without a regexp's cost at start-up.
func sentences(m string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(m); i++ {
		switch m[i] {
		case '.', '!', '?', ':', ';':
		default:
			continue
		}
		if i+1 >= len(m) || !isSpace(m[i+1]) {
			continue
		}
		parts = append(parts, m[start:i])
		j := i + 1
		for j < len(m) && isSpace(m[j]) {
			j++
		}
		start, i = j, j-1
	}
	return append(parts, m[start:])
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// minSentenceWords is the fewest words a sentence of a longer message needs
// to be found on its own.
const minSentenceWords = 4

// minTailWords is how many words a message must keep, its first dropped,
// to be found without it: fewer ("server requires nonce in DPoP proof")
// are met in other messages too.
const minTailWords = 7

// splitPlaceholders returns the literal parts of a message around its
// {placeholders}, and the placeholders' names (names[i] follows parts[i]).
func splitPlaceholders(m string) (parts, names []string) {
	for {
		i := strings.IndexByte(m, '{')
		if i < 0 {
			return append(parts, m), names
		}
		j := strings.IndexByte(m[i:], '}')
		if j < 0 {
			return append(parts, m), names
		}
		parts = append(parts, m[:i])
		names = append(names, m[i+1:i+j])
		m = m[i+j+1:]
	}
}

// normalizeWords lower-cases s and joins its words (runs of letters, digits
// and underscores, so that a code stays one word) with single spaces.
// Typographic punctuation outside ASCII separates words as ASCII's does:
// a paste from a chat or a word processor quotes “like this”.
func normalizeWords(s string) string {
	// A Builder, so that the words are copied once, not into a []byte and
	// then into a string.
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80 && !separatorAt(s, i):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			// The rest of a word in small letters is copied whole: a byte at
			// a time costs several times more.
			j := i + 1
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= '0' && s[j] <= '9' || s[j] == '_' || s[j] >= 0x80 && !separatorAt(s, j)) {
				j++
			}
			b.WriteByte(c)
			b.WriteString(s[i+1 : j])
			i = j - 1
		case c == '\'' || c == '`' || c >= 0x80 && strings.HasPrefix(s[i:], "’"):
			// doesn't is one word; quotes around a value vanish with it.
			if c >= 0x80 {
				i += len("’") - 1
			}
		default:
			space = true
			switch {
			case c >= 0x80:
				_, size := utf8.DecodeRuneInString(s[i:])
				i += size - 1
			case c == '%' && escapesSeparator(s[i+1:]):
				// A form-encoded description pasted as it came
				// ("Missing+parameter%3A+nonce"): %3A is the colon, not a word.
				i += 2
			}
		}
	}
	return b.String()
}

// escapesSeparator reports whether s starts with the two hex digits of a
// percent-encoded byte that is not part of a word: %20, %3A, %2C.
func escapesSeparator(s string) bool {
	if len(s) < 2 {
		return false
	}
	hi, lo := unhex(s[0]), unhex(s[1])
	if hi < 0 || lo < 0 || hi >= 8 {
		return false
	}
	return !isWordByte(byte(hi<<4 | lo))
}

// separatorAt reports whether the character that starts at s[i], a byte
// outside ASCII, is punctuation or space rather than part of a word. Only
// a rune's first byte is asked about; its continuation bytes are words'.
func separatorAt(s string, i int) bool {
	if !utf8.RuneStart(s[i]) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r)
}

// firstWords returns the first n words of normalised text.
func firstWords(s string, n int) string {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			if n--; n == 0 {
				return s[:i]
			}
		}
	}
	return s
}

// messageHit is an entry whose message a text holds, with what the
// message's placeholders matched.
type messageHit struct {
	entry      *catalog.Entry
	captures   []capture
	start, end int // in the normalised text
	literal    string
	primary    bool
	whole      bool
	// partial marks a hit of a message's start only (minStartWords).
	partial bool
}

// verbatimIn reports whether lower, a text in lower case, holds the hit's
// message as written, punctuation included but for a closing full stop,
// which a paste often leaves out.
func (h messageHit) verbatimIn(lower string) bool {
	return h.literal != "" && strings.Contains(lower, strings.TrimSuffix(h.literal, "."))
}

// span is where the hit lies in the normalised text.
func (h messageHit) span() [2]int { return [2]int{h.start, h.end} }

// find returns the entries whose messages text holds, in the order met.
func (ix *messageIndex) find(text string) []messageHit {
	if len(ix.messages) == 0 {
		return nil
	}
	norm := normalizeWords(text)
	starts := make([]int, 0, strings.Count(norm, " ")+1)
	for i := 0; i < len(norm); i++ {
		if i == 0 || norm[i-1] == ' ' {
			starts = append(starts, i)
		}
	}
	var found []messageHit
	for si, start := range starts {
		first := len(norm)
		if si+1 < len(starts) {
			first = starts[si+1] - 1
		}
		if !ix.starts[norm[start:first]] {
			continue
		}
		for n := 1; n <= keyWords && si+n <= len(starts); n++ {
			end := len(norm)
			if si+n < len(starts) {
				end = starts[si+n] - 1
			}
			for _, mi := range ix.byKey[norm[start:end]] {
				m := ix.messages[mi]
				caps, end, ok := m.matchAt(norm, start)
				if !ok || m.whole && (start != 0 || end != len(norm)) {
					continue
				}
				h := messageHit{entry: m.entry, captures: caps, start: start, end: end, literal: m.literal, primary: m.primary, whole: m.whole}
				if caps == nil && end-start < len(m.fragments[0]) {
					// Its start only: not as written, and no entry's first reading.
					h.literal, h.primary, h.partial = "", false, true
				}
				switch i := slices.IndexFunc(found, func(h messageHit) bool { return h.entry == m.entry }); {
				case i < 0:
					found = append(found, h)
				case found[i].partial && !h.partial:
					found[i] = h // the whole of another of its messages beats the start of one
				}
			}
		}
	}
	// A message inside a longer one that matched the same words is the
	// shorter reading of that text ("The request is missing a required
	// parameter." inside the standard's whole sentence): the longer wins.
	return slices.DeleteFunc(found, func(h messageHit) bool {
		return slices.ContainsFunc(found, func(o messageHit) bool {
			return o.start <= h.start && h.end <= o.end && o.end-o.start > h.end-h.start
		})
	})
}

// matchAt reports whether the message's fragments follow each other in norm
// from start, each on word boundaries, and what its placeholders matched.
func (m message) matchAt(norm string, start int) ([]capture, int, bool) {
	var caps []capture
	at := start
	for i, f := range m.fragments {
		if i == 0 {
			if !strings.HasPrefix(norm[at:], f) {
				// "`InResponseTo` does not match any of the possible request
				// IDs", its "(expected [...])" left out: a long start of a
				// message that the text stops or turns away from.
				if n := commonWords(norm[at:], f); n >= minStartWords {
					return nil, at + n, true
				}
				return nil, 0, false
			}
		} else {
			window := norm[at:min(len(norm), at+placeholderSpan+len(f))]
			k := strings.Index(window, f)
			if k < 0 || k > 0 && window[k-1] != ' ' {
				return nil, 0, false
			}
			if slot := m.slots[i-1]; slot != "" {
				caps = append(caps, capture{slot, strings.TrimSpace(window[:k])})
			}
			at += k
		}
		at += len(f)
		if at < len(norm) && norm[at] != ' ' {
			return nil, 0, false
		}
	}
	end := at
	if slot := m.slots[len(m.slots)-1]; slot != "" && at < len(norm) {
		rest := strings.TrimSpace(norm[at:])
		caps = append(caps, capture{slot, firstWords(rest, maxSlotWords)})
	}
	for _, c := range caps {
		if timeSlot(c.slot) && !strings.ContainsAny(c.value, "0123456789") {
			return nil, 0, false // "Jwt expired at {time}" is not "jwt expired\n at /app/verify.js"
		}
	}
	return caps, end, true
}

// minStartWords is how many words of a message's first part a text must
// hold, from its start, for the message to be found when the rest is not
// there.
const minStartWords = 9

// commonWords returns the length in bytes of the whole words a and b start
// with alike, when they are at least minStartWords, or 0.
func commonWords(a, b string) int {
	end, words := 0, 0
	for i := 0; i < len(a) && i < len(b) && a[i] == b[i]; i++ {
		if next := i + 1; (next == len(a) || a[next] == ' ') && (next == len(b) || b[next] == ' ') {
			end, words = next, words+1
		}
	}
	if words < minStartWords {
		return 0
	}
	return end
}

// timeSlot reports whether a placeholder's name says it holds a time, which
// has digits in it.
func timeSlot(name string) bool {
	name = strings.ToLower(name)
	return strings.Contains(name, "time") || strings.Contains(name, "date") || strings.Contains(name, "instant")
}

// unhex returns the value of a hex digit, or -1.
func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
