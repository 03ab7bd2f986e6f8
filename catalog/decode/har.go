package decode

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"
)

// KindHAR is a HAR file: a browser's export of its network log (HAR 1.2).
const KindHAR Kind = "har"

// MaxHARBytes is the largest HAR DecodeHAR and SanitizeHAR read unless
// told otherwise: 50 MB. The page passes a smaller limit (MaxHARBytesInPage).
const (
	MaxHARBytes       = 50 << 20
	MaxHARBytesInPage = 20 << 20
)

// ErrHARTooLarge: a HAR over the limit. errors.Is counts it as ErrTooLarge
// too, so that callers that answer "too large" for any input do so for a
// HAR, but it says its own limit.
var ErrHARTooLarge error = harTooLarge{}

type harTooLarge struct{}

func (harTooLarge) Error() string        { return "the HAR file is over the size limit" }
func (harTooLarge) Is(target error) bool { return target == ErrTooLarge }

// HAROptions tune DecodeHAR and SanitizeHAR.
type HAROptions struct {
	Options
	// MaxBytes bounds what is read; 0 means MaxHARBytes.
	MaxBytes int64
	// KeepPersonal keeps, in a sanitized HAR, what identifies a person (a
	// SAML assertion's NameID and attribute values, login names and
	// e-mail addresses in forms); credentials are removed all the same.
	KeepPersonal bool
}

func (o HAROptions) limit() int64 {
	if o.MaxBytes <= 0 {
		return MaxHARBytes
	}
	return o.MaxBytes
}

// StepRole says what a step of a sign-in is.
type StepRole string

const (
	// StepApp: a page or call of the application, before or outside the sign-in.
	StepApp StepRole = "app"
	// StepAuthorize: the authorization request (OAuth/OIDC) or SAML AuthnRequest.
	StepAuthorize StepRole = "authorize"
	// StepIdP: a page of the identity provider (sign-in form, consent, MFA).
	StepIdP StepRole = "idp"
	// StepCallback: the response coming back to the app's redirect URI or ACS.
	StepCallback StepRole = "callback"
	// StepToken: a token request (grant_type in the body).
	StepToken StepRole = "token"
)

// Step is one request of a sign-in found in a HAR, with secrets masked.
type Step struct {
	// Number counts the steps from 1.
	Number int      `json:"number"`
	Role   StepRole `json:"role"`
	Method string   `json:"method"`
	URL    string   `json:"url"`
	Status int      `json:"status"`
	// Location is where a redirect sent the browser.
	Location string `json:"location,omitempty"`
	// SetCookies names the cookies the response set (never their values).
	SetCookies []string `json:"set_cookies,omitempty"`
	// Codes are the error codes the step carries, most specific first.
	Codes []string `json:"codes,omitempty"`
	// Failed marks the step where the sign-in failed.
	Failed bool `json:"failed,omitempty"`
}

// maxSteps bounds the steps a result lists; maxHARBody the bodies read.
const (
	maxSteps   = 200
	maxHARBody = MaxInputBytes
)

// harEntry is what the decoder reads of one HAR entry.
type harEntry struct {
	Request struct {
		Method   string      `json:"method"`
		URL      string      `json:"url"`
		Headers  []harHeader `json:"headers"`
		PostData *struct {
			MimeType string      `json:"mimeType"`
			Text     string      `json:"text"`
			Params   []harHeader `json:"params"`
		} `json:"postData"`
	} `json:"request"`
	Response struct {
		Status      int         `json:"status"`
		Headers     []harHeader `json:"headers"`
		RedirectURL string      `json:"redirectURL"`
		Content     struct {
			MimeType string `json:"mimeType"`
			Text     string `json:"text"`
			Encoding string `json:"encoding"`
		} `json:"content"`
	} `json:"response"`
	ResourceType string `json:"_resourceType"`
}

type harHeader struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

func header(hs []harHeader, name string) string {
	for _, h := range hs {
		if strings.EqualFold(h.Name, name) {
			return h.Value
		}
	}
	return ""
}

// harStart tells a HAR from other JSON: every browser writes "log" first.
var harStart = lazyRegexp(`^\{\s*"log"\s*:\s*\{`)

// LooksHAR reports whether text starts like a HAR file.
func LooksHAR(text string) bool { return harStart().MatchString(text) }

// limitReader reads at most n bytes and fails past them, so that a HAR
// over the limit is refused with a clear error rather than read cut off.
type limitReader struct {
	r     io.Reader
	n     int64
	limit int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		// Exactly at the limit is within it: only a byte more is too much.
		var one [1]byte
		if k, err := l.r.Read(one[:]); k == 0 && err == io.EOF {
			return 0, io.EOF
		}
		return 0, inputError("HAR", ErrHARTooLarge, "it is larger than %s; export only the failing sign-in (clear the network log, sign in again, export)", megabytes(l.limit))
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

func megabytes(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d MB", n>>20)
}

// walkHAR reads a HAR from dec one entry at a time: entry decodes the
// entry at the decoder's position; other, when not nil, receives every
// other member of the top object and of "log" (path "log.version").
func walkHAR(dec *json.Decoder, entry func(*json.Decoder) error, other func(path string, raw json.RawMessage) error) error {
	notHAR := func(why string) error {
		return inputError("HAR", ErrMalformed, "this is not a HAR file: %s", why)
	}
	object := func(path string, member func(key string) error) error {
		t, err := dec.Token()
		if err != nil {
			return harSyntax(err, dec)
		}
		if t != json.Delim('{') {
			return notHAR(path + " is not an object")
		}
		for dec.More() {
			t, err := dec.Token()
			if err != nil {
				return harSyntax(err, dec)
			}
			if err := member(t.(string)); err != nil {
				return err
			}
		}
		_, err = dec.Token()
		return harSyntax(err, dec)
	}
	skip := func(path string) error {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return harSyntax(err, dec)
		}
		if other != nil {
			return other(path, raw)
		}
		return nil
	}
	sawEntries := false
	err := object("the file", func(key string) error {
		if key != "log" {
			return skip(key)
		}
		return object("log", func(key string) error {
			if key != "entries" {
				return skip("log." + key)
			}
			sawEntries = true
			t, err := dec.Token()
			if err != nil {
				return harSyntax(err, dec)
			}
			if t != json.Delim('[') {
				return notHAR("log.entries is not a list")
			}
			for dec.More() {
				if err := entry(dec); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return harSyntax(err, dec)
		})
	})
	if err != nil {
		return err
	}
	if !sawEntries {
		return notHAR("it has no log.entries")
	}
	return nil
}

// harSyntax words a JSON error met while reading a HAR.
func harSyntax(err error, dec *json.Decoder) error {
	var ie *InputError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ie):
		return err
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return inputError("HAR", ErrMalformed, "the file ends early, after %d bytes (cut off?)", dec.InputOffset())
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return err
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		if se.Offset <= 1 {
			return inputError("HAR", ErrMalformed, "this is not a HAR file: it is not JSON (%v)", err)
		}
		return inputError("HAR", ErrMalformed, "JSON error at byte %d: %v", se.Offset, err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return inputError("HAR", ErrMalformed, "%s has the wrong type at byte %d (a %s where the HAR format has a %s)", te.Field, te.Offset, te.Value, te.Type)
	}
	return inputError("HAR", ErrMalformed, "%v", err)
}

// ctxReader stops reading when its context ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// DecodeHAR reads a HAR export of a sign-in and explains it: the requests
// that matter as steps (the app, the authorization request, the identity
// provider's pages, the callback, the token request), the step where it
// failed, and that step decoded as Decode decodes a paste, its matches
// ranked. The HAR is read from r one entry at a time, never whole; one
// over opts.MaxBytes (50 MB by default) is refused with ErrHARTooLarge.
//
// The work is bounded as Decode's is: one budget for the whole HAR, and
// every value shown masked.
func (d *Decoder) DecodeHAR(ctx context.Context, r io.Reader, opts HAROptions) (*Result, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	limit := opts.limit()
	dec := json.NewDecoder(ctxReader{ctx, &limitReader{r: r, n: limit, limit: limit}})
	h := &harDecode{d: d, now: now.UTC(), budget: newBudget(ctx), expect: opts.Expect}
	err := walkHAR(dec, func(dec *json.Decoder) error {
		var e harEntry
		if err := dec.Decode(&e); err != nil {
			return harSyntax(err, dec)
		}
		h.entry(&e)
		return nil
	}, nil)
	if cerr := ctx.Err(); cerr != nil {
		return nil, cerr
	}
	if err != nil {
		return nil, err
	}
	return h.result(), nil
}

// harDecode is the state of one DecodeHAR call.
type harDecode struct {
	d      *Decoder
	now    time.Time
	budget *budget
	expect map[string]string

	steps     []Step
	left      int      // steps past maxSteps, not listed
	idpHosts  []string // hosts of authorization requests seen
	failed    *stepResult
	last      *stepResult // the last step that decoded to something
	callbacks []string    // redirect URIs of authorization requests seen
}

type stepResult struct {
	number int
	res    *Result
}

// staticTypes are resource types that never carry a sign-in.
var staticTypes = map[string]bool{"image": true, "stylesheet": true, "script": true, "font": true, "media": true, "manifest": true, "texttrack": true, "ping": true, "csp_violation_report": true}

// entry reads one HAR entry: a step when it matters to a sign-in.
func (h *harDecode) entry(e *harEntry) {
	if h.budget.stopped() {
		return
	}
	req, resp := &e.Request, &e.Response
	form := formBody(e)
	location := resp.RedirectURL
	if location == "" {
		location = header(resp.Headers, "Location")
	}
	if location != "" {
		if base, err := url.Parse(req.URL); err == nil {
			if loc, err := base.Parse(location); err == nil {
				location = loc.String()
			}
		}
	}
	query := queryOf(req.URL)
	role, relevant := h.classify(e, query, queryOf("?"+form), location)
	mime := strings.ToLower(resp.Content.MimeType)
	if !relevant && (staticTypes[e.ResourceType] || staticMIME(mime) || strings.HasSuffix(strings.SplitN(req.URL, "?", 2)[0], "/favicon.ico")) {
		return
	}
	if !relevant && e.ResourceType != "document" && !strings.Contains(mime, "html") && !strings.Contains(mime, "json") && resp.Status < 300 {
		return
	}
	// The parts of the step, decoded in one session as one paste would be.
	s := newSession(h.d, h.now, "", h.budget)
	var secrets secretSet
	mk := &masker{secrets: &secrets, discard: true}
	parts := []string{req.URL, form, location, header(req.Headers, "Authorization"), header(req.Headers, "Cookie")}
	for _, hd := range resp.Headers {
		if strings.EqualFold(hd.Name, "Set-Cookie") {
			parts = append(parts, "Set-Cookie: "+hd.Value)
		}
	}
	body := ""
	if resp.Content.Encoding == "" && len(resp.Content.Text) <= maxHARBody {
		body = resp.Content.Text
	}
	parts = append(parts, body)
	for _, p := range parts {
		if p != "" {
			mk.text(p)
		}
	}
	s.scrub = newScrubber(&secrets)
	s.part(KindURL)
	s.tryDecode(s.decodeURL(req.URL, "url", false))
	if form != "" {
		s.part(KindParams)
		s.tryDecode(s.decodeParams(form, "body", false))
	} else if pd := req.PostData; pd != nil && strings.Contains(pd.MimeType, "json") && len(pd.Text) <= maxHARBody {
		s.tryDecode(s.decodeJSONInput(strings.TrimSpace(pd.Text)))
	}
	if location != "" && isURL(location) {
		s.tryDecode(s.decodeURL(location, "location", false))
	}
	switch {
	case body == "":
	case strings.Contains(mime, "json") && strings.HasPrefix(strings.TrimSpace(body), "{"):
		s.tryDecode(s.decodeJSONInput(strings.TrimSpace(body)))
	case strings.Contains(mime, "html"):
		if posted := formPostFields(body); posted != "" {
			s.tryDecode(s.decodeParams(posted, "form_post", false))
		} else if role != StepApp || resp.Status >= 400 {
			// An identity provider's error page (Entra shows AADSTS50011
			// on its own page, with no redirect): its text says what failed.
			s.scanText(body)
		}
	}
	s.finish()
	s.conclude(h.expect)
	s.res.scrub(s.scrub)
	failed := stepFailed(&s.res, resp.Status)
	if len(h.steps) >= maxSteps {
		h.left++
	} else {
		st := Step{
			Number: len(h.steps) + 1, Role: role, Method: req.Method,
			URL: s.scrub.clean(maskText(req.URL)), Status: resp.Status,
			Location: s.scrub.clean(maskText(location)), SetCookies: setCookieNames(resp.Headers),
		}
		for _, c := range s.res.Codes {
			st.Codes = append(st.Codes, c.Value)
		}
		h.steps = append(h.steps, st)
	}
	sr := &stepResult{number: len(h.steps) + h.left, res: &s.res}
	if failed && h.failed == nil {
		h.failed = sr
	}
	if s.res.Recognized() {
		h.last = sr
	}
}

// tryDecode turns a part that does not decode into a warning: the rest
// of the step still stands.
func (s *session) tryDecode(err error) {
	if err != nil {
		s.warn(WarnUndecodable, "", "%v", err)
	}
}

// classify names a step's role, and whether it matters to a sign-in
// whatever its resource type.
func (h *harDecode) classify(e *harEntry, query, form map[string]string, location string) (StepRole, bool) {
	req := &e.Request
	host := ""
	if u, err := url.Parse(req.URL); err == nil {
		host = strings.ToLower(u.Host) // with the port: an app and its IdP may share a host name
	}
	has := func(m map[string]string, names ...string) bool {
		for _, n := range names {
			if _, ok := m[n]; ok {
				return true
			}
		}
		return false
	}
	loc := queryOf(location)
	switch {
	case has(form, "grant_type"):
		return StepToken, true
	case has(query, "response_type", "SAMLRequest") || has(query, "client_id") && has(query, "redirect_uri"):
		if !slices.Contains(h.idpHosts, host) {
			h.idpHosts = append(h.idpHosts, host)
		}
		if v := query["redirect_uri"]; v != "" {
			h.callbacks = append(h.callbacks, strings.SplitN(v, "?", 2)[0])
		}
		return StepAuthorize, true
	case has(form, "SAMLRequest"):
		return StepAuthorize, true
	case has(form, "SAMLResponse", "id_token", "code", "error") && !slices.Contains(h.idpHosts, host),
		has(query, "code", "error", "id_token", "SAMLResponse") && !slices.Contains(h.idpHosts, host),
		slices.Contains(h.callbacks, strings.SplitN(req.URL, "?", 2)[0]):
		return StepCallback, true
	case slices.Contains(h.idpHosts, host):
		return StepIdP, has(loc, "code", "error", "SAMLResponse", "id_token") || len(form) > 0
	}
	return StepApp, has(loc, "response_type", "SAMLRequest", "client_id") || has(query, "error", "error_description")
}

// queryOf returns the parameters of a URL's query and fragment.
func queryOf(raw string) map[string]string {
	out := map[string]string{}
	base, frag, _ := strings.Cut(raw, "#")
	_, q, _ := strings.Cut(base, "?")
	for _, part := range []string{q, frag} {
		for _, p := range splitParams(part) {
			if _, ok := out[p.name]; !ok {
				out[p.name] = p.value
			}
		}
	}
	return out
}

// formBody returns a request's form body, as a query string.
func formBody(e *harEntry) string {
	pd := e.Request.PostData
	if pd == nil || !strings.Contains(strings.ToLower(pd.MimeType), "x-www-form-urlencoded") {
		return ""
	}
	if pd.Text != "" {
		if len(pd.Text) > maxHARBody {
			return ""
		}
		return pd.Text
	}
	v := url.Values{}
	for _, p := range pd.Params {
		v.Add(p.Name, p.Value)
	}
	return v.Encode()
}

func staticMIME(mime string) bool {
	for _, p := range []string{"image/", "font/", "text/css", "javascript", "video/", "audio/", "application/wasm"} {
		if strings.Contains(mime, p) {
			return true
		}
	}
	return false
}

// formPostFields returns the name=value pairs of a page's form inputs,
// as a query string, when the page posts sign-in data (form_post).
func formPostFields(body string) string {
	v := url.Values{}
	for _, tag := range inputTag().FindAllString(body, maxParams) {
		var name, value string
		for _, m := range inputAttrPart().FindAllStringSubmatch(tag, -1) {
			val := html.UnescapeString(m[2][1 : len(m[2])-1])
			switch strings.ToLower(m[1]) {
			case "name":
				name = val
			case "value":
				value = val
			}
		}
		if name != "" {
			v.Add(name, value)
		}
	}
	for _, n := range []string{"SAMLResponse", "SAMLRequest", "code", "id_token", "error", "state"} {
		if v.Has(n) {
			return v.Encode()
		}
	}
	return ""
}

func setCookieNames(hs []harHeader) []string {
	var out []string
	for _, h := range hs {
		if strings.EqualFold(h.Name, "Set-Cookie") {
			for _, line := range strings.Split(h.Value, "\n") {
				name, _, _ := strings.Cut(line, "=")
				if name = strings.TrimSpace(name); name != "" && !slices.Contains(out, name) {
					out = append(out, cut(maskText(name), maxFieldName))
				}
			}
		}
	}
	return out
}

// stepFailed reports whether a step's result shows the sign-in failing:
// an error code that is not an informational event.
func stepFailed(r *Result, status int) bool {
	for _, m := range r.Matches {
		if m.Relation != ByMessage && m.Entry != nil && !m.Entry.IsInformational() {
			return true
		}
	}
	return len(r.Codes) > 0 && status >= 400
}

// result is the failing step's result (or the last one that decoded to
// something), with the steps.
func (h *harDecode) result() *Result {
	chosen := h.failed
	if chosen == nil {
		chosen = h.last
	}
	var res *Result
	if chosen != nil {
		res = chosen.res
	} else {
		s := newSession(h.d, h.now, "", h.budget)
		res = &s.res
	}
	res.Kind = KindHAR
	res.Parts = append([]Kind{KindHAR}, res.Parts...)
	res.Steps = h.steps
	if res.Steps == nil {
		res.Steps = []Step{}
	}
	if h.failed != nil {
		res.FailedStep = h.failed.number
		if h.failed.number <= len(res.Steps) {
			res.Steps[h.failed.number-1].Failed = true
		}
	}
	if h.left > 0 {
		res.Warnings = append(res.Warnings, Warning{Code: WarnUndecodable, Message: fmt.Sprintf("The HAR holds %d more requests of the sign-in than a result lists (%d); they were read but are not listed.", h.left, maxSteps)})
	}
	return res
}
