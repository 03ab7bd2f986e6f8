// Package explain turns the errors a Go service gets from a sign-in into the
// catalog entry that explains them: what happened, who has to act, the steps
// to fix it and the page that says more.
//
//	tok, err := conf.Exchange(ctx, code)
//	if x, ok := explain.Error(err); ok {
//		log.Printf("token exchange failed: %s", x) // entra/AADSTS7000215: The client secret … (see https://authcodes.dev/entra/AADSTS7000215/)
//	}
//
// Error understands golang.org/x/oauth2's *oauth2.RetrieveError anywhere in
// an error's chain (its body, or its error, error_description and error_uri
// when the body is gone) and any error whose text carries a code. Response
// explains an HTTP error response of any provider: its body, the error in a
// redirect's Location, a WWW-Authenticate challenge.
//
// The package recognises nothing itself: every input goes through the
// catalog's decoder (catalog/decode), which masks secrets before anything is
// returned, so an Explanation is safe to log.
package explain

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/decode"
)

// DefaultOrigin is the public site the entries' URLs point at.
const DefaultOrigin = "https://authcodes.dev"

// Explanation is the catalog entry that explains an error.
type Explanation struct {
	// ID is the entry's id, "<provider>/<code>" ("entra/AADSTS7000215").
	ID string
	// Code is the code as the catalog writes it; Provider the provider's
	// key and ProviderName its name.
	Code         string
	Provider     string
	ProviderName string
	Title        string
	// Summary is one paragraph of plain text: what the error means.
	Summary string
	// WhoActs lists who has to act, the one most often responsible first.
	WhoActs   []catalog.Actor
	Retryable bool
	// HTTPStatus is the status the error usually travels with; 0 if none.
	HTTPStatus int
	// Standard is the id of the standard entry the code travels with
	// ("oauth2/invalid_client" for entra/AADSTS7000215), if any.
	Standard string
	// Fix holds the numbered steps of the entry's guide as plain text; it is
	// empty for informational entries.
	Fix []string
	// URL is the entry's page on the site.
	URL string
	// Entry is the catalog entry itself, with its whole guide in Markdown.
	Entry *catalog.Entry
	// Result is everything the decoder found in the input, secrets masked:
	// the other matching entries (Result.Matches[0] is this one), the
	// provider and the evidence for it, the fields and the warnings.
	Result *decode.Result
}

// String is a one-line form for logs: id, title and the page.
func (x *Explanation) String() string {
	return fmt.Sprintf("%s: %s (see %s)", x.ID, x.Title, x.URL)
}

// LogValue makes an Explanation a group of its key facts in log/slog.
func (x *Explanation) LogValue() slog.Value {
	who := make([]string, len(x.WhoActs))
	for i, a := range x.WhoActs {
		who[i] = string(a)
	}
	return slog.GroupValue(
		slog.String("id", x.ID),
		slog.String("title", x.Title),
		slog.String("who_acts", strings.Join(who, ",")),
		slog.Bool("retryable", x.Retryable),
		slog.String("url", x.URL),
	)
}

// Explainer explains errors against one catalog. It is safe for concurrent use.
type Explainer struct {
	cat    *catalog.Catalog
	dec    *decode.Decoder
	origin string
	// Now is the time token validity is judged against; time.Now when nil.
	Now func() time.Time
}

// New returns an Explainer over cat whose URLs start with origin
// ("https://authcodes.dev", or a mirror of the site); DefaultOrigin when
// origin is empty.
func New(cat *catalog.Catalog, origin string) *Explainer {
	if origin == "" {
		origin = DefaultOrigin
	}
	return &Explainer{cat: cat, dec: decode.New(cat), origin: strings.TrimSuffix(origin, "/")}
}

// embedded is the Explainer over the embedded catalog, made on first use.
var embedded = sync.OnceValues(func() (*Explainer, error) {
	cat, err := catalog.Embedded()
	if err != nil {
		return nil, err
	}
	return New(cat, DefaultOrigin), nil
})

// Error explains err with the embedded catalog. See Explainer.Error.
func Error(err error) (*Explanation, bool) {
	x, loadErr := embedded()
	if loadErr != nil {
		return nil, false
	}
	return x.Error(err)
}

// Response explains an HTTP error response with the embedded catalog. See
// Explainer.Response.
func Response(resp *http.Response, body []byte) (*Explanation, bool) {
	x, err := embedded()
	if err != nil {
		return nil, false
	}
	return x.Response(resp, body)
}

// Error explains err: the first of these that names a catalog entry wins.
//
//  1. An *oauth2.RetrieveError anywhere in the chain (errors.As): its Body,
//     then its ErrorCode, ErrorDescription and ErrorURI as the token
//     endpoint's JSON error.
//  2. The text of err, which for errors wrapped with fmt.Errorf and %w
//     holds the text of every error in the chain.
//  3. The text of each error down the chain, for wrappers whose own text
//     hides their cause's.
//
// It reports false for a nil error and for one that names no entry.
func (x *Explainer) Error(err error) (*Explanation, bool) {
	if err == nil {
		return nil, false
	}
	var inputs []string
	if re, ok := asRetrieveError(err); ok {
		inputs = append(inputs, string(re.Body), retrieveErrorJSON(re))
	}
	for _, e := range chain(err) {
		if text, ok := errorText(e); ok {
			inputs = append(inputs, text)
		}
	}
	return x.first(inputs)
}

// Response explains an HTTP response that carries an error: body (the bytes
// the caller read from resp.Body, which Response does not read), then the
// Location header of a redirect (an authorization response with error= in
// its query or fragment), then each WWW-Authenticate challenge. resp may
// be nil when only the body is at hand.
func (x *Explainer) Response(resp *http.Response, body []byte) (*Explanation, bool) {
	inputs := []string{string(body)}
	if resp != nil {
		inputs = append(inputs, resp.Header.Get("Location"))
		inputs = append(inputs, resp.Header.Values("WWW-Authenticate")...)
	}
	return x.first(inputs)
}

// first decodes each input in turn and explains the first that matches an
// entry. Inputs the decoder refuses (empty, too large, malformed) are skipped.
func (x *Explainer) first(inputs []string) (*Explanation, bool) {
	now := time.Now
	if x.Now != nil {
		now = x.Now
	}
	seen := map[string]bool{}
	for _, in := range inputs {
		in = clip(in)
		if strings.TrimSpace(in) == "" || seen[in] {
			continue
		}
		seen[in] = true
		res, err := x.dec.Decode(in, decode.Options{Now: now()})
		if err != nil || len(res.Matches) == 0 || res.Matches[0].Entry == nil {
			continue
		}
		return x.explanation(res.Matches[0].Entry, res), true
	}
	return nil, false
}

func (x *Explainer) explanation(e *catalog.Entry, res *decode.Result) *Explanation {
	out := &Explanation{
		ID: e.ID, Code: e.Code, Provider: e.Provider, Title: e.Title, Summary: e.Summary,
		WhoActs: e.WhoActs, Retryable: e.Retryable, HTTPStatus: e.HTTPStatus, Standard: e.Standard,
		Fix: e.FixSteps(), URL: x.origin + e.Path(), Entry: e, Result: res,
	}
	if p, ok := x.cat.Provider(e.Provider); ok {
		out.ProviderName = p.Name
	}
	return out
}

// asRetrieveError finds a golang.org/x/oauth2 token error in err's chain.
func asRetrieveError(err error) (*oauth2.RetrieveError, bool) {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && re != nil {
		return re, true
	}
	return nil, false
}

// retrieveErrorJSON writes a RetrieveError's parsed fields back as the JSON
// error body of RFC 6749 section 5.2, for when its Body is empty or cut off.
func retrieveErrorJSON(re *oauth2.RetrieveError) string {
	if re.ErrorCode == "" && re.ErrorDescription == "" {
		return ""
	}
	body := struct {
		Error       string `json:"error,omitempty"`
		Description string `json:"error_description,omitempty"`
		URI         string `json:"error_uri,omitempty"`
	}{re.ErrorCode, re.ErrorDescription, re.ErrorURI}
	b, err := json.Marshal(body)
	if err != nil {
		return ""
	}
	return string(b)
}

// maxChain bounds how far down an error tree Error reads.
const maxChain = 32

// chain lists err and the errors it wraps, breadth first, through both
// Unwrap() error and Unwrap() []error.
func chain(err error) []error {
	var out []error
	queue := []error{err}
	for len(queue) > 0 && len(out) < maxChain {
		e := queue[0]
		queue = queue[1:]
		if e == nil {
			continue
		}
		out = append(out, e)
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			queue = append(queue, u.Unwrap())
		case interface{ Unwrap() []error }:
			queue = append(queue, u.Unwrap()...)
		}
	}
	return out
}

// errorText is e.Error(), or false when that panics: an error value built by
// hand may be incomplete (a RetrieveError without Response and ErrorCode
// dereferences nil), and explaining an error must never crash its caller.
func errorText(e error) (text string, ok bool) {
	defer func() {
		if recover() != nil {
			text, ok = "", false
		}
	}()
	return e.Error(), true
}

// clip cuts an input to the decoder's size limit on a character boundary:
// the start of a long body or log text is where its error is.
func clip(s string) string {
	if len(s) <= decode.MaxInputBytes {
		return s
	}
	// A character cut in two at the end is dropped, not turned into U+FFFD.
	return strings.ToValidUTF8(s[:decode.MaxInputBytes], "")
}
