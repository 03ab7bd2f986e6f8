package search

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/internal/edit"
)

// A query that repeats an entry's literal message, or a run of it, names
// that entry more surely than any word count can: "Token has been expired or
// revoked." is Google's invalid_grant whatever else shares its words. The
// best text matches are re-weighed by the longest run of words the query
// shares with one of their messages.
const (
	// messageRerank is how many of the best text matches are compared with
	// their messages: enough to lift the one that carries the message, few
	// enough to keep a query fast.
	messageRerank = 40
	// minMessageRun is the shortest shared run that counts, and
	// fullMessageRun one long enough to weigh fully.
	minMessageRun  = 3
	fullMessageRun = 10
	// minEntireMessage is the shortest message that counts when the query
	// holds all of it: a message of two words ("HTTPS required", "jwt
	// malformed") is as exact as a longer one.
	minEntireMessage = 2
)

// messageMatch is how a query matches one entry's messages.
type messageMatch struct {
	// weight grows with run: 1 with none, 2 from fullMessageRun words on.
	weight float64
	// run is the longest run of the query's words, in order, through one
	// of the messages; 0 when shorter than minMessageRun.
	run int
	// whole says that the query holds the whole of a message or of a part
	// of one between its placeholders; entire says that the query holds the whole of a message that has no
	// placeholder: the message exactly as its library or service writes it.
	whole, entire bool
}

// messageWeight weighs the longest run of the query's words (q, its
// messageWords) through one of the entry's messages, whatever else the
// query says (a title around a pasted message); plain are the query's
// plainWords, in which an entire message must appear word for word; open
// says that the query stops inside its last word, which may be cut short.
func (ix *Index) messageWeight(e *catalog.Entry, q, plain []string, open bool) messageMatch {
	none := messageMatch{weight: 1}
	if len(q) < minEntireMessage {
		return none
	}
	best, whole, entire := 0, false, false
	for _, seg := range ix.messageSegments(e) {
		q, plain := q, plain
		if open {
			// The query's last word, which the plain words end with and
			// the words without stop words only when it is no stop word.
			if len(q) > 0 && len(plain) > 0 && q[len(q)-1] == plain[len(plain)-1] {
				q = completeLast(q, seg.words)
			}
			plain = completeLast(plain, seg.plain)
		}
		n := longestRun(q, seg.words)
		// The run word for word counts its stop words too, so that a
		// pasted message weighs by its length as printed.
		best = max(best, n, longestRun(plain, seg.plain))
		// The whole of a part of the message, not just words it shares
		// with a neighbour's ("response_type 'id_token' is not enabled"
		// against "response_type 'token' is not enabled").
		if n == len(seg.words) && (n >= minMessageRun || seg.short && longestRun(plain, seg.plain) == len(seg.plain)) {
			whole = true
			// Entire only word for word: "refresh token expired" is not
			// the message "Refresh token has expired." as printed.
			entire = entire || seg.entire && longestRun(plain, seg.plain) == len(seg.plain)
		}
	}
	if best < minMessageRun && !whole {
		return none
	}
	w := 1 + min(float64(best), fullMessageRun)/fullMessageRun
	if whole {
		w *= wholeMessageBoost
	}
	if entire {
		w *= entireMessageBoost
	}
	return messageMatch{w, best, whole, entire}
}

// completeLast returns q with its last word completed to a word of words
// that it is the start of, if there is one: a query that stops inside a word
// (a title cut short, "does not exist in tenan", or a word still being
// typed) still reaches the message's word.
func completeLast(q, words []string) []string {
	if len(q) == 0 || len(q[len(q)-1]) < minCompleted {
		return q
	}
	last := q[len(q)-1]
	for _, w := range words {
		if len(w) > len(last) && strings.HasPrefix(w, last) {
			return append(q[:len(q)-1:len(q)-1], w)
		}
	}
	return q
}

// minCompleted is the shortest last word that is completed.
const minCompleted = 3

// endsInWord tells whether a query stops inside a word: nothing after its
// last letter or digit.
func endsInWord(q string) bool {
	r, _ := utf8.DecodeLastRuneInString(q)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// broadWeight is what a message match weighs for an entry that carries
// many messages, when a more focused entry holds as long a run of the
// query's words as a whole message: a broad code (Okta's invalid_request, whose description names
// whichever rule broke) gains less from a message it shares than the code
// made for that one message.
func broadWeight(m messageMatch, messages int) float64 {
	if messages <= focusedMessages {
		return m.weight
	}
	return 1 + (m.weight-1)*math.Sqrt(focusedMessages/float64(messages))
}

// focusedMessages is how many messages an entry may carry before a shared
// one counts for less.
const focusedMessages = 3

// wholeMessageBoost is the further weight of a query holding a whole
// message, or a whole part of one between its placeholders; and
// entireMessageBoost that of a message without placeholders held whole,
// which is the text exactly as it is printed rather than words that only
// sit between the varying parts of one.
var wholeMessageBoost, entireMessageBoost = 1.3, 1.3

// segment is a run of a message's plain words between its placeholders;
// entire when the message has none.
type segment struct {
	words  []string
	entire bool
	// short says that the segment is a whole message of two or so plain
	// words, stop words included ("HTTPS required", not "Code is expired").
	short bool
	// plain are its words with the stop words.
	plain []string
}

// messageSegments are the entry's messages cut at their placeholders, once per entry.
func (ix *Index) messageSegments(e *catalog.Entry) []segment {
	if s, ok := ix.segments.Load(e); ok {
		return s.([]segment)
	}
	var out []segment
	for _, m := range e.Messages {
		parts := splitPlaceholders(m)
		for _, part := range parts {
			if words := messageWords(part); len(words) > 0 {
				seg := segment{words: words, plain: plainWords(part), entire: len(parts) == 1}
				seg.short = seg.entire && len(seg.plain) <= minEntireMessage
				out = append(out, seg)
			}
		}
	}
	ix.segments.Store(e, out)
	return out
}

// messageWords are a text's plain words without English stop words (the
// negations stay): a message matches when retold with an article or a
// verb more or less ("session is not active" for "Session not active").
func messageWords(s string) []string {
	return slices.DeleteFunc(plainWords(s), func(w string) bool { return messageStops[w] })
}

// messageStops are the stop words messageWords leaves out.
var messageStops = func() map[string]bool {
	out := map[string]bool{}
	for _, w := range proseStopWords() {
		out[w] = true
	}
	return out
}()

// plainWords lower-cases text and splits it into runs of letters and digits:
// punctuation, quotes and underscores fall away, as they do in pasted text.
func plainWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// longestRun is the length of the longest run of words a and b share.
func longestRun(a, b []string) int {
	best := 0
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
				best = max(best, cur[j+1])
			} else {
				cur[j+1] = 0
			}
		}
		prev, cur = cur, prev
	}
	return best
}

// codeWordsWeight lifts an entry whose code the query spells out in words
// ("bad verification code?" for bad_verification_code, "invalid
// signature" for invalid_signature): a code of two words or more, written
// as a run of the query's words.
func codeWordsWeight(e *catalog.Entry, q []string) float64 {
	words := plainWords(splitCamelWords(e.Code))
	if len(words) < 2 || longestRun(q, words) < len(words) {
		return 1
	}
	return codeWordsBoost
}

// codeWordsBoost is how much a code spelt out in the query weighs.
const codeWordsBoost = 1.5

// splitCamelWords splits every CamelCase word of a text into its words.
func splitCamelWords(s string) string {
	if !strings.ContainsFunc(s, unicode.IsUpper) {
		return s
	}
	fields := strings.Fields(s)
	for i, f := range fields {
		fields[i] = splitCamel(f)
	}
	return strings.Join(fields, " ")
}

// typoCodeWeight lifts an entry whose code the query holds with a slip of
// the fingers ("authorezation_request_not_found"): a code-shaped word of
// the query that no entry has but that is one edit from this entry's code,
// or two in a code of typoCodeLong characters or more.
func typoCodeWeight(e *catalog.Entry, codeWords []string) float64 {
	code := strings.ToLower(e.Code)
	for _, w := range codeWords {
		edits := 1
		if len(code) >= typoCodeLong {
			edits = 2
		}
		if w != code && edit.Distance(w, code, edits) <= edits {
			return typoCodeBoost
		}
	}
	return 1
}

// typoCodeLong is the length from which a code may have two slips, and
// typoCodeBoost what a code held with slips weighs.
const (
	typoCodeLong  = 12
	typoCodeBoost = 2.0
)

// typoCodeWords are the query's words shaped like a code that no entry
// has, lower-cased: the words typoCodeWeight compares with codes.
func (ix *Index) typoCodeWords(q string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(q, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(`,;()[]{}<>"'=&?:`+"`", r) }) {
		if len(w) >= minTypoCode && strings.ContainsAny(w, "_") && len(ix.cat.Lookup(w)) == 0 {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

// minTypoCode is the shortest code-shaped word compared with codes.
const minTypoCode = 8
