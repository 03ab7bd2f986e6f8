package decode

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/authcodes/authcodes/catalog"
)

// Options tune one Decode call.
type Options struct {
	// Now is the time token and assertion validity is judged against. The
	// zero value means time.Now(); tests and replays inject a fixed time.
	Now time.Time
	// Expect is what the app is configured with, by key (ExpectKeys:
	// redirect_uri, client_id, audience, issuer, acs_url). Each value the
	// input shows differently adds a Diagnosis to the result; unknown keys
	// are ignored (CheckExpect finds them).
	Expect map[string]string
}

// Decoder decodes inputs against one catalog. It is safe for concurrent use.
type Decoder struct {
	rec  *recognizer
	find Finder
}

// A Finder searches the catalog with words, among one provider's entries
// when provider is not empty. The decoder asks it for likely entries
// (relation ByMessage) when a text that reads as an auth error names no code
// and no message the catalog knows. The search index behind it lives outside
// this package, so that decoding does not need one.
type Finder func(words, provider string) []*catalog.Entry

// WithFinder returns a copy of d that falls back on f.
func (d *Decoder) WithFinder(f Finder) *Decoder {
	c := *d
	c.find = f
	return &c
}

// New returns a Decoder that recognises providers and matches codes with cat.
func New(cat *catalog.Catalog) *Decoder {
	return &Decoder{rec: newRecognizer(cat)}
}

var (
	embeddedOnce sync.Once
	embeddedDec  *Decoder
	embeddedErr  error
)

// embeddedDecoder decodes against the embedded catalog. It is a function, not
// an initialised variable, so that the WebAssembly modules, which build their
// Decoder on a binary catalog with New, do not link the Markdown catalog.
func embeddedDecoder() (*Decoder, error) {
	embeddedOnce.Do(func() {
		cat, err := catalog.Embedded()
		if err != nil {
			embeddedErr = err
			return
		}
		embeddedDec = New(cat)
	})
	return embeddedDec, embeddedErr
}

// Decode decodes input against the embedded catalog. See Decoder.Decode.
func Decode(input string, opts Options) (*Result, error) {
	d, err := embeddedDecoder()
	if err != nil {
		return nil, fmt.Errorf("decode: the embedded catalog does not load: %w", err)
	}
	return d.Decode(input, opts)
}

// Decode recognises what input is and explains it. It returns an error (an
// *InputError wrapping ErrEmpty, ErrTooLarge, ErrBinary, ErrTooDeep,
// ErrMalformed or ErrUnsafeXML) only when the input cannot be worked with;
// input that is text but holds nothing known gives a Result whose
// Recognized method reports false.
//
// Its work is bounded by the size of the input (see the limits in
// errors.go): an input that holds more than a paste of sign-in data would
// (dozens of SAML messages, megabytes of inflated XML, thousands of
// credentials) gives a result for what fits and says what was left out.
func (d *Decoder) Decode(input string, opts Options) (*Result, error) {
	return d.DecodeContext(context.Background(), input, opts)
}

// DecodeContext is Decode that stops early when ctx ends, returning
// ctx.Err(): a server passes its request's context, so that a request
// abandoned by its client costs nothing more.
func (d *Decoder) DecodeContext(ctx context.Context, input string, opts Options) (*Result, error) {
	if err := checkInput(input); err != nil {
		return nil, err
	}
	if LooksHAR(trimInput(input)) {
		return d.DecodeHAR(ctx, strings.NewReader(input), HAROptions{Options: opts})
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	// Every credential MaskInput would mask is found first; whatever path a
	// value takes through the decoders, none of these shows in the result.
	var secrets secretSet
	finder := &masker{secrets: &secrets, discard: true, budget: newBudget(ctx)}
	maskedInput := finder.text(input)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	in := trimInput(input)
	s := newSession(d, now.UTC(), in, newBudget(ctx))
	s.scrub = newScrubber(&secrets)
	if in == input && !finder.skipped {
		// Read as text, the input is masked again: that masking is this one.
		s.maskedInput = [2]string{in, maskedInput}
	}
	if err := s.decodeWhole(in); err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return nil, cerr
		}
		if !readAsText(err) {
			return nil, scrubError(err, s.scrub)
		}
		// It looked like JSON or XML and is not: a log line that starts
		// with "[", a cut-off body. Its words may still say what failed.
		scrub, masked := s.scrub, s.maskedInput
		s = newSession(d, now.UTC(), in, newBudget(ctx))
		s.scrub, s.maskedInput = scrub, masked
		s.warn(WarnUndecodable, "", "%v; it was read as text instead", err)
		s.part(KindText)
		s.scanText(in)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.finish()
	s.conclude(opts.Expect)
	s.res.scrub(s.scrub)
	return &s.res, nil
}

// readAsText reports whether an input that failed to decode in its shape
// is worth reading as text: it is broken inside, not unreadable.
func readAsText(err error) bool {
	return errors.Is(err, ErrMalformed) || errors.Is(err, ErrUnsafeXML) || errors.Is(err, ErrTooDeep)
}

// budget is what is left of one call's work budget, spent as the input
// unfolds; the masker and the decoder each have their own.
type budget struct {
	ctx      context.Context
	messages int // SAML messages that may still be decoded
	inflated int // bytes that deflated messages may still inflate to
}

func newBudget(ctx context.Context) *budget {
	if ctx == nil {
		ctx = context.Background()
	}
	return &budget{ctx: ctx, messages: maxMessages, inflated: maxInflatedTotal}
}

// message takes one SAML message from the budget; false when none is left.
func (b *budget) message() bool {
	if b.messages <= 0 || b.stopped() {
		return false
	}
	b.messages--
	return true
}

// inflateLimit is how many bytes the next deflated message may inflate to.
func (b *budget) inflateLimit() int { return max(0, min(maxInflatedBytes, b.inflated)) }

// stopped reports whether the caller has gone (its context ended).
func (b *budget) stopped() bool { return b.ctx.Err() != nil }

func checkInput(input string) error {
	if len(input) > MaxInputBytes {
		return inputError("", ErrTooLarge, "it has %s bytes; paste only the response, body or log line", thousands(len(input)))
	}
	if i := strings.IndexByte(input, 0); i >= 0 {
		return inputError("", ErrBinary, "NUL byte at offset %d", i)
	}
	if !utf8.ValidString(input) {
		for i, r := range input {
			if r == utf8.RuneError {
				if _, size := utf8.DecodeRuneInString(input[i:]); size == 1 {
					return inputError("", ErrBinary, "invalid UTF-8 at offset %d", i)
				}
			}
		}
	}
	if trimInput(input) == "" {
		return &InputError{Err: ErrEmpty}
	}
	return nil
}

// trimInput drops what surrounds a paste: white space, a byte order mark,
// and quotes or backticks around the whole.
func trimInput(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "\uFEFF"))
	for len(s) >= 2 {
		first, last := s[0], s[len(s)-1]
		if (first == '"' || first == '\'' || first == '`') && last == first && !strings.ContainsRune(s[1:len(s)-1], rune(first)) {
			s = strings.TrimSpace(s[1 : len(s)-1])
			continue
		}
		break
	}
	return s
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// session is the state of one Decode call.
type session struct {
	rec    *recognizer
	find   Finder
	input  string // as given, trimmed; read only when masked
	now    time.Time
	res    Result
	budget *budget
	scrub  *scrubber // the input's credentials, masked in every field added

	fieldBytes int            // the bytes of the fields so far
	tokenBytes int            // the bytes of Result.Tokens so far
	captured   int            // the bytes of SAML element text kept so far
	codeSeen   map[string]int // a code's value, folded, -> its index in codes

	names    map[string]bool
	textSeen map[[2]string]bool // field and value already scanned for codes
	// scanned are the whole texts scanned for codes, vocabulary and
	// messages: a field cut from one of them holds nothing new.
	scanned   []string
	codes     []foundCode
	clues     []clue
	issuers   []issuerRef
	responses []*paramSet
	shapes    map[catalogShape]string // standard shapes seen -> why
	lookups   map[string][]*catalog.Entry
	depth     int // how deep decoding has nested
	// markerSeen are the providers and libraries whose names the text
	// mentions: their plain-word codes (Auth.js's "Configuration") count.
	markerSeen map[*catalog.Provider]bool
	// outOfContext are the codes (lower-cased) that the text names only
	// where they need context it does not give: a class of another
	// package named like a provider's exception. Nil until one is met.
	outOfContext map[string]bool
	// standardWords are the standard entries whose own wording the text
	// carries (RFC 6749's description of invalid_request).
	standardWords map[*catalog.Entry]bool
	// maskedInput is the input and maskText of it, when Decode's search for
	// credentials masked it so already.
	maskedInput [2]string
	// messageHits are the catalog messages found in the last text
	// messagesIn was asked about.
	messageHits struct {
		text string
		hits []messageHit
	}
	// lowered is the last text lowerOf folded, and its folding: the passes
	// over one text (markers, code literals, messages) fold it once.
	lowered [2]string
}

// maskedText is maskText(text), done once for the whole input.
func (s *session) maskedText(text string) string {
	if text == s.maskedInput[0] && text != "" {
		return s.maskedInput[1]
	}
	return maskText(text)
}

// lowerOf is asciiLower(text), folded once for the passes that ask in turn.
func (s *session) lowerOf(text string) string {
	if s.lowered[0] != text || len(text) == 0 {
		s.lowered = [2]string{text, asciiLower(text)}
	}
	return s.lowered[1]
}

// foundCode is a code found in the input, before matching.
type foundCode struct {
	value  string // as shown
	lookup string // as given to catalog.Lookup
	field  string
	// rank orders codes from the most specific: 0 a provider's own numbered
	// code, 1 a vendor or second-level code, 2 a standard error value,
	// 3 an entry recognised by its message alone.
	rank int
	// entry is set when the code was recognised by an entry's message
	// rather than looked up.
	entry *catalog.Entry
}

// rankMessage is the rank of an entry recognised by its message.
const rankMessage = 3

// catalogShape is a standard whose message shape the input has.
type catalogShape string

const (
	shapeOAuth catalogShape = "oauth2"
	shapeSAML  catalogShape = "saml"
	shapeSCIM  catalogShape = "scim"
)

func newSession(d *Decoder, now time.Time, input string, b *budget) *session {
	if b == nil {
		b = newBudget(nil)
	}
	return &session{
		rec: d.rec, find: d.find, input: input, now: now, budget: b, codeSeen: map[string]int{},
		names:      map[string]bool{},
		textSeen:   map[[2]string]bool{},
		shapes:     map[catalogShape]string{},
		markerSeen: map[*catalog.Provider]bool{},
		res: Result{
			Parts: []Kind{}, Evidence: []Evidence{}, Fields: Fields{},
			Codes: []Code{}, Matches: []Match{}, Warnings: []Warning{},
		},
	}
}

// lookup is catalog.Lookup, remembered for the session: the same code is
// looked up for evidence, for matching and for confirmation.
func (s *session) lookup(code string) []*catalog.Entry {
	if es, ok := s.lookups[code]; ok {
		return es
	}
	if s.lookups == nil {
		s.lookups = map[string][]*catalog.Entry{}
	}
	es := s.rec.cat.Lookup(code)
	s.lookups[code] = es
	return es
}

// entriesOf returns the catalog entries a found code stands for.
func (s *session) entriesOf(c foundCode) []*catalog.Entry {
	if c.entry != nil {
		return []*catalog.Entry{c.entry}
	}
	return s.lookup(c.lookup)
}

// addEntryCode records an entry recognised without its code in the text
// (by its message), unless a code found already stands for it.
func (s *session) addEntryCode(e *catalog.Entry, field string, rank int) {
	if len(s.codes) >= maxCodes {
		return
	}
	for _, c := range s.codes {
		if slices.Contains(s.entriesOf(c), e) {
			return
		}
	}
	s.codes = append(s.codes, foundCode{value: e.Code, lookup: e.Code, field: maskText(field), rank: rank, entry: e})
}

func (s *session) part(k Kind) {
	if s.res.Kind == "" {
		s.res.Kind = k
	}
	s.res.Parts = append(s.res.Parts, k)
}

// addField records a field, masking it as its name and context require, and
// returns the value as shown. Names are kept unique: a repeated name gets
// " (2)", " (3)".
func (s *session) addField(name, value string, ctx nameContext) string {
	shown, masked := maskField(name, value, ctx)
	shown = strings.ToValidUTF8(shown, "\uFFFD")
	s.putField(name, shown, masked)
	return shown
}

// putField records a field whose shown value is ready: masked by the
// caller, or produced by the decoder itself (a formatted time, a note).
func (s *session) putField(name, shown string, masked bool) {
	if len(s.res.Fields) >= maxFields || s.fieldBytes >= maxFieldBytes {
		s.warn(WarnUndecodable, "", "The input holds more than a result lists (%d fields, %d KiB of them); the rest are left out.", maxFields, maxFieldBytes>>10)
		return
	}
	// Names come from the input too (JSON keys, query pieces without "="):
	// they are masked like values.
	name = cut(s.scrub.clean(maskText(strings.ToValidUTF8(name, "\uFFFD"))), maxFieldName)
	shown = cut(s.scrub.clean(shown), min(maxFieldValue, maxFieldBytes-s.fieldBytes))
	s.fieldBytes += len(name) + len(shown)
	unique := name
	for i := 2; s.names[unique]; i++ {
		unique = name + " (" + strconv.Itoa(i) + ")"
	}
	s.names[unique] = true
	s.res.Fields = append(s.res.Fields, Field{Name: unique, Value: shown})
	if masked {
		s.res.Masked = append(s.res.Masked, unique)
	}
}

// addCode records a code found in a field. Codes are compared as the catalog
// normalises them; the most specific rank wins.
func (s *session) addCode(value, lookup, field string, rank int) {
	value = strings.TrimSpace(value)
	if maskText(value) != value {
		return // it holds a credential (a JWT in an error parameter): not a code
	}
	if lookup == "" {
		lookup = value
	}
	if value == "" || len(value) > 200 || isMaskedForm(value) || strings.Contains(value, "…[masked") {
		return
	}
	key := strings.ToLower(value) // as strings.EqualFold compares, for these code characters
	if i, ok := s.codeSeen[key]; ok {
		if rank < s.codes[i].rank {
			s.codes[i].rank = rank
		}
		return
	}
	if len(s.codes) >= maxCodes {
		return
	}
	s.codeSeen[key] = len(s.codes)
	s.codes = append(s.codes, foundCode{value: value, lookup: lookup, field: cut(maskText(field), maxFieldName), rank: rank})
}

// warn adds a warning, one per code and field: the first one stands. A
// result holds at most maxWarnings, each at most maxWarningText long.
func (s *session) warn(code WarningCode, field, format string, args ...any) {
	if len(s.res.Warnings) >= maxWarnings {
		return
	}
	field = cut(maskText(field), maxFieldName)
	for _, w := range s.res.Warnings {
		if w.Code == code && w.Field == field {
			return
		}
	}
	// Messages quote values from the input: they are masked like the fields.
	msg := cut(maskText(fmt.Sprintf(format, args...)), maxWarningText)
	s.res.Warnings = append(s.res.Warnings, Warning{Code: code, Message: strings.ToValidUTF8(msg, "\uFFFD"), Field: field})
}

// cut shortens s to at most n bytes (and whole characters), saying how long
// it was: "…[cut, 120,000 bytes]".
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	note := "…[cut, " + thousands(len(s)) + " bytes]"
	keep := max(0, n-len(note))
	for keep > 0 && keep < len(s) && !utf8.RuneStart(s[keep]) {
		keep--
	}
	return s[:keep] + note
}

// decodeWhole looks at the shape of the input as a whole first; only what
// has no shape of its own is scanned as free text.
func (s *session) decodeWhole(in string) error {
	oneToken := !strings.ContainsAny(in, " \t\r\n")
	switch {
	case in[0] == '{' || in[0] == '[':
		return s.decodeJSONInput(in)
	case in[0] == '<' && (samlInText().MatchString(in) || strings.Contains(in, "<!DOCTYPE") || strings.Contains(in, "<!ENTITY")):
		// XML that is SAML, or that declares entities: read strictly, so that
		// a DOCTYPE is refused. Other markup (an error page's HTML) is text.
		s.part(KindSAML)
		return s.decodeSAMLXML([]byte(in), bindingRaw, "")
	case isChallenge(in):
		s.part(KindWWWAuthenticate)
		first, rest, _ := strings.Cut(in, "\n")
		s.decodeChallenge(first)
		if rest = strings.TrimSpace(rest); rest != "" {
			s.scanText(rest) // the rest of a pasted response
		}
		return nil
	case looksJWT(in): // one token, but for the note of a signature masked in a share link
		s.part(KindJWT)
		return s.decodeJWT("", in)
	case oneToken && isURL(in):
		s.part(KindURL)
		return s.decodeURL(in, "url", true)
	case oneToken && len(in) >= 24 && isBase64Token(in):
		ok, err := s.decodeSAMLBlobInput(in)
		if ok || err != nil {
			return err
		}
		if paramsWhole().MatchString(in) {
			return s.decodeWholeParams(in)
		}
	case oneToken && strings.Contains(in, "=") && paramsWhole().MatchString(in):
		return s.decodeWholeParams(in)
	}
	if s.decodeBareCode(in) {
		return nil
	}
	s.part(KindText)
	s.scanText(in)
	return nil
}

// decodeWholeParams decodes an input that is a query string, a fragment or
// a form body.
func (s *session) decodeWholeParams(in string) error {
	s.part(KindParams)
	where := "params"
	if in[0] == '#' {
		where = "fragment"
	} else if in[0] == '?' {
		where = "query"
	}
	return s.decodeParams(strings.TrimLeft(in, "?#"), where, true)
}

// decodeBareCode handles an input that is a code on its own, as people type
// it ("AADSTS50011", "invalid_grant", "Error #101", a SAML status URN).
func (s *session) decodeBareCode(in string) bool {
	if len(in) > 120 || strings.ContainsAny(in, "\r\n") {
		return false
	}
	if len(s.lookup(in)) == 0 {
		return false
	}
	s.part(KindCode)
	n := len(s.codes)
	if s.scanCodes("input", in); len(s.codes) == n {
		s.addCode(in, in, "input", 0)
	}
	return true
}
