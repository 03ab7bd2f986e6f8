package decode

import (
	"slices"
	"strings"

	"github.com/authcodes/authcodes/catalog"
)

// maxByMessage is how many likely entries a search by message words gives.
const maxByMessage = 3

// maxQueryWords bounds the words sent to the Finder: the start of a message
// says what failed; a stack trace's tail does not.
const maxQueryWords = 32

// matchByMessage is the last resort for a text that reads as an auth error
// but names no code and no message the catalog knows: the Finder searches
// the catalog with its words, and the best entries are listed as likely,
// with their own relation, so that nobody takes them for a certain match.
func (s *session) matchByMessage() { s.matchByWords(s.input) }

// matchByWords searches the catalog with the words of text, as
// matchByMessage does with the whole input.
func (s *session) matchByWords(text string) {
	if s.find == nil {
		return
	}
	words, failing := s.messageWords(text)
	// An error body whose shape is known (a SCIM error) says it failed
	// even in words that do not.
	if !failing && s.res.Provider == "" || len(words) < 2 {
		return
	}
	query := strings.Join(words, " ")
	var found []*catalog.Entry
	provider := s.likelyProvider()
	if provider != "" {
		// The text names its provider (a host, an SDK, a SCIM error body):
		// that provider's entries first, then the rest.
		found = s.find(query, provider)
	}
	for _, e := range s.find(query, "") {
		if len(found) >= maxByMessage {
			break
		}
		if !slices.Contains(found, e) {
			found = append(found, e)
		}
	}
	if provider == "" {
		found = s.standardFirst(found)
	}
	// A text that reads as a failure is not explained by an event that
	// records a success.
	found = slices.DeleteFunc(found, (*catalog.Entry).IsInformational)
	for i, e := range found {
		if i == maxByMessage {
			break
		}
		m := matchOf(e, foundCode{field: "text"}, ByMessage)
		s.res.Matches = append(s.res.Matches, m)
	}
}

// standardFirst puts first the standard code behind the likely entries
// when nothing names a vendor and the two likeliest are two providers'
// entries for that one code (Keycloak's and Entra's NameIDPolicy refusals):
// which of them sent the text is a guess, the standard's code is not.
func (s *session) standardFirst(found []*catalog.Entry) []*catalog.Entry {
	if len(found) < 2 || found[0].Standard == "" || found[1].Standard != found[0].Standard || found[1].Provider == found[0].Provider {
		return found
	}
	st, ok := s.rec.cat.Entry(found[0].Standard)
	if !ok {
		return found
	}
	if i := slices.Index(found, st); i >= 0 {
		found = slices.Delete(found, i, i+1)
	}
	return slices.Insert(found, 0, st)
}

// withoutStackFrames drops the frames of a stack trace ("    at f (file.js:1:2)",
// "  File \"x.py\", line 3, in f"): where code ran, not what failed.
func withoutStackFrames(text string) string {
	lines := strings.Split(text, "\n")
	lines = slices.DeleteFunc(lines, func(l string) bool {
		l = strings.TrimSpace(l)
		return strings.HasPrefix(l, "at ") || strings.HasPrefix(l, "File \"")
	})
	return strings.Join(lines, "\n")
}

// notMessage matches what a text carries besides its message words: URLs,
// URNs and the keys of JSON or dict pairs.
var notMessage = lazyRegexp(`(?i)\b(?:https?://|urn:)\S+|["'][A-Za-z_][A-Za-z0-9_]*["']\s*:`)

// failureStems are the word beginnings with which English says that
// something failed; a text without any is not asked about.
var failureStems = []string{
	"fail", "error", "invalid", "denied", "deny", "unauthori", "forbidden", "expired", "mismatch",
	"exception", "refused", "reject", "cannot", "unable", "missing", "wrong", "incorrect",
	"not", "blocked", "locked", "disabled", "timeout", "timed", "revoked", "unknown", "bad",
	"already", // a conflict: "already exists", "already redeemed"
	"malform", "unsupported", "unexpected", "unrecogni", "exceed", "violat", "lost",
	"requir", // what is missing: "authentication required", "consent required"
}

// messageWords returns the words of a text worth searching with (letters
// only, so that ids, times and masked values stay out), and whether the text
// says that something failed. A text that says what failed only after its
// first maxQueryWords words is searched by the words around that place: "My
// setup is ADFS and Laravel ... The logout error is Signature validation
// failed" is about the signature, not the setup.
func messageWords(text string) ([]string, bool) { return wordsOfMessage(text, nil) }

// messageWords is the package's messageWords of text once masked, without
// the codes the scan left out for want of context (a class of another
// package named like a provider's exception): they are no words of the
// message either, and searched for they would come back as those codes.
func (s *session) messageWords(text string) ([]string, bool) {
	return wordsOfMessage(maskText(text), func(w string) bool { return s.outOfContext[strings.ToLower(w)] })
}

// wordsOfMessage is messageWords without the words skip reports.
func wordsOfMessage(text string, skip func(string) bool) ([]string, bool) {
	// Addresses, URNs and JSON keys are the wrapping, not the message.
	text = notMessage().ReplaceAllString(text, " ")
	var words []string
	failure, saying := -1, -1 // the first failure word; the first to say what failed
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || r == '\'' || r >= 0x80)
	}) {
		w = strings.Trim(w, "'_")
		if len(w) < 2 || skip != nil && skip(w) {
			continue
		}
		if failing, says := failureWord(w); failing {
			if failure < 0 {
				failure = len(words)
			}
			if saying < 0 && says {
				saying = len(words)
			}
		}
		words = append(words, w)
		if saying >= 0 && len(words) >= saying+maxQueryWords {
			break
		}
	}
	from := 0
	if saying >= maxQueryWords {
		// Beyond the first words: start a little before it instead.
		from = min(saying-wordsBeforeFailure, len(words)-maxQueryWords)
	}
	return words[from:min(len(words), from+maxQueryWords)], failure >= 0
}

// wordsBeforeFailure is how many words before the first that says what
// failed a search by words keeps: the subject of "Signature validation
// failed".
const wordsBeforeFailure = 8

// failureWord reports whether w starts with one of failureStems, and
// whether it says what failed: a failure word other than those "Error" and
// "Exception" start.
func failureWord(w string) (failing, says bool) {
	lower := strings.ToLower(w)
	failing = slices.ContainsFunc(failureStems, func(stem string) bool { return strings.HasPrefix(lower, stem) })
	return failing, failing && !strings.HasPrefix(lower, "error") && !strings.HasPrefix(lower, "exception")
}

// saysWhatFailed reports whether words say what failed in more than the
// "Error" and "Exception" that every thrown error and its stack trace
// print ("Uncaught (in promise): AuthApiError" says nothing of a cause).
func saysWhatFailed(words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { _, says := failureWord(w); return says })
}

// likelyProvider is the provider a text points to, for a search by its
// words: the recognised provider or standard, else the best-supported
// provider of any kind.
func (s *session) likelyProvider() string {
	if s.res.Provider != "" {
		return s.res.Provider
	}
	best, _ := s.bestSupported()
	if best == nil || best.Kind == catalog.Standard {
		// "SAML" in a text names the protocol, whose errors the service
		// providers' libraries raise as much as the status codes do.
		return ""
	}
	return best.Key
}
