package decode

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/authcodes/authcodes/catalog"
)

// Kind names the shape of an input, or of a part found inside one.
type Kind string

const (
	// KindURL is a URL; an authorization response travels in its query or fragment.
	KindURL Kind = "url"
	// KindParams is URL-encoded parameters: a bare query string, a fragment
	// or an application/x-www-form-urlencoded (form_post) body.
	KindParams Kind = "params"
	// KindJSON is a JSON body: a token endpoint or API error.
	KindJSON Kind = "json"
	// KindWWWAuthenticate is a WWW-Authenticate challenge (Bearer, DPoP).
	KindWWWAuthenticate Kind = "www_authenticate"
	// KindJWT is a JSON Web Token: an id_token, access token or JARM response.
	KindJWT Kind = "jwt"
	// KindSAML is a SAML protocol message: base64, deflate+base64 or raw XML.
	KindSAML Kind = "saml"
	// KindText is free text: a log line, a message copied from an error page.
	KindText Kind = "text"
	// KindCode is a bare code ("AADSTS50011", "invalid_grant").
	KindCode Kind = "code"
)

// Result is what Decode found in one input.
type Result struct {
	// Kind is the shape of the input as a whole.
	Kind Kind `json:"kind"`
	// Parts lists the shapes decoded, in the order met (a log line holding a
	// URL whose id_token is a JWT: text, url, jwt).
	Parts []Kind `json:"parts"`
	// Provider is the catalog key of the provider that most likely produced
	// the input: a vendor when one is recognised, otherwise the standard whose
	// shape it has ("oauth2", "saml", "scim"), empty when neither.
	Provider     string `json:"provider"`
	ProviderName string `json:"provider_name,omitempty"`
	// Evidence says why Provider was chosen.
	Evidence []Evidence `json:"evidence"`
	// Fields are every name and value found, in input order, secrets masked.
	Fields Fields `json:"fields"`
	// Masked names the fields whose values were masked as secrets.
	Masked []string `json:"masked,omitempty"`
	// Codes are the error codes found, the most specific first.
	Codes []Code `json:"codes"`
	// Matches are the catalog entries for Codes: the provider's own entries
	// first, then the standard ones they travel with, then (only when no
	// vendor was recognised) other vendors' entries for the same code.
	Matches []Match `json:"matches"`
	// Warnings are what a reviewer would point out.
	Warnings []Warning `json:"warnings"`
	// Diagnosis lists, when Options.Expect was given, each expectation the
	// input does not meet and how.
	Diagnosis []Diagnosis `json:"diagnosis,omitempty"`
	// Tokens are the JWTs found, each one's header and claims as JSON.
	Tokens []TokenJSON `json:"tokens,omitempty"`
	// Steps are, for a HAR, the requests of the sign-in in order, and
	// FailedStep the Number of the one where it failed (0 when none did);
	// the rest of the result is that step's, decoded.
	Steps      []Step `json:"steps,omitempty"`
	FailedStep int    `json:"failed_step,omitempty"`
}

// Recognized reports whether anything in the input was understood.
func (r *Result) Recognized() bool {
	return len(r.Fields) > 0 || len(r.Codes) > 0 || len(r.Matches) > 0
}

// HasWarning reports whether the result carries a warning with that code.
func (r *Result) HasWarning(code WarningCode) bool {
	for _, w := range r.Warnings {
		if w.Code == code {
			return true
		}
	}
	return false
}

// Field is one name and value found in the input. Nested values have dotted
// names ("id_token.claims.exp", "errorCauses[0].errorSummary").
type Field struct {
	Name  string
	Value string
}

// Fields keeps fields in input order; in JSON it is one object mapping each
// name to its value, in that order.
type Fields []Field

// Get returns the value of the named field.
func (fs Fields) Get(name string) (string, bool) {
	for _, f := range fs {
		if f.Name == name {
			return f.Value, true
		}
	}
	return "", false
}

// MarshalJSON writes the fields as one JSON object, keeping their order.
func (fs Fields) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(f.Name)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(f.Value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads an object written by MarshalJSON, keeping its order.
func (fs *Fields) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return errors.New("decode: fields must be a JSON object")
	}
	*fs = (*fs)[:0]
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		var v string
		if err := dec.Decode(&v); err != nil {
			return err
		}
		*fs = append(*fs, Field{Name: t.(string), Value: v})
	}
	_, err := dec.Token()
	return err
}

// TokenJSON is a JWT's header and claims as JSON text, pretty-printed, in
// their own order, masked as the fields are.
type TokenJSON struct {
	// Field is the field that carried the token ("id_token"), empty when
	// the input is the token.
	Field  string `json:"field"`
	Header string `json:"header"`
	// Claims is empty for an encrypted token (JWE).
	Claims string `json:"claims,omitempty"`
}

// Code is an error code found in the input.
type Code struct {
	// Value is the code as the catalog knows it ("AADSTS50011" for an
	// error_codes entry 50011).
	Value string `json:"value"`
	// Field is where it was found.
	Field string `json:"field"`
}

// Relation says how a match relates to the recognised provider.
type Relation string

const (
	// SameProvider: the entry is the recognised provider's own.
	SameProvider Relation = "provider"
	// StandardCode: the entry is the standard code (OAuth, OIDC, SAML, SCIM).
	StandardCode Relation = "standard"
	// LibraryError: the entry is a client library's error (MSAL, Auth.js),
	// which usually carries a provider's or a standard's code.
	LibraryError Relation = "library"
	// OtherProvider: another vendor uses the same code; listed only when no
	// vendor was recognised.
	OtherProvider Relation = "other"
	// ByMessage: no code or known message was found; the entry is a likely
	// match found by searching the catalog with the text's words.
	ByMessage Relation = "message"
)

// Match is a catalog entry for a code found in the input.
type Match struct {
	ID         string          `json:"id"`
	Provider   string          `json:"provider"`
	Code       string          `json:"code"`
	Title      string          `json:"title"`
	Summary    string          `json:"summary"`
	Standard   string          `json:"standard,omitempty"`
	WhoActs    []catalog.Actor `json:"who_acts,omitempty"`
	HTTPStatus int             `json:"http_status,omitempty"`
	Retryable  bool            `json:"retryable"`
	// Found is the code as found in the input, and Field where.
	Found    string   `json:"found"`
	Field    string   `json:"field"`
	Relation Relation `json:"relation"`
	// Causes are the entry's checkable likely causes, those the input's
	// evidence supports first, each saying what moved it.
	Causes []RankedCause `json:"causes,omitempty"`
	// Entry is the catalog entry itself, for callers that want its guide.
	Entry *catalog.Entry `json:"-"`
}

// Evidence is one reason the provider was recognised.
type Evidence struct {
	Kind   EvidenceKind `json:"kind"`
	Detail string       `json:"detail"`
}

// EvidenceKind names a kind of recognition fact.
type EvidenceKind string

const (
	// ByIssuerHost: an iss value or SAML Issuer is on one of the provider's issuer hosts.
	ByIssuerHost EvidenceKind = "issuer_host"
	// ByURLHost: a URL in the input (the pasted URL, error_uri,
	// authorization_uri) is on one of the provider's hosts.
	ByURLHost EvidenceKind = "url_host"
	// ByIssuerPath: the issuer or URL path has the provider's layout (Keycloak's /realms/).
	ByIssuerPath EvidenceKind = "issuer_path"
	// ByCodePattern: a code matches a pattern only this provider's codes have.
	ByCodePattern EvidenceKind = "code_pattern"
	// ByCodePrefix: a code is written with the provider's prefix ("Error 400: ...").
	ByCodePrefix EvidenceKind = "code_prefix"
	// ByParams: the response has parameters only this provider sends.
	ByParams EvidenceKind = "response_params"
	// ByBodyFields: the JSON body has fields only this provider sends.
	ByBodyFields EvidenceKind = "body_fields"
	// ByCatalog: the catalog knows the code only at this provider.
	ByCatalog EvidenceKind = "catalog"
	// ByLogFormat: the text is a log line in the provider's format.
	ByLogFormat EvidenceKind = "log_format"
	// ByMarker: the text names the provider's SDK, package or exception class.
	ByMarker EvidenceKind = "marker"
	// ByMessageText: the text carries one of the provider's literal error messages.
	ByMessageText EvidenceKind = "message"
	// ByShape: no vendor was recognised; the input has the shape of a standard.
	ByShape EvidenceKind = "shape"
)

// Warning is something a reviewer would point out about the input.
type Warning struct {
	Code    WarningCode `json:"code"`
	Message string      `json:"message"`
	// Field is the field the warning is about, where there is one.
	Field string `json:"field,omitempty"`
}

// WarningCode names a kind of warning; tests and callers compare against these.
type WarningCode string

const (
	// WarnNoError: a success response (a code or tokens, no error).
	WarnNoError WarningCode = "no_error"
	// WarnTokenRequest: a token request (grant_type=...), what the client
	// sends to the token endpoint, not its answer.
	WarnTokenRequest WarningCode = "token_request"
	// WarnStateMissing: an authorization request or response without state.
	WarnStateMissing WarningCode = "state_missing"
	// WarnIssuerMismatch: iss does not match the recognised provider's
	// issuer hosts (RFC 9207 mix-up defence).
	WarnIssuerMismatch WarningCode = "iss_mismatch"
	// WarnTokenInURL: tokens travel in a URL's query or fragment.
	WarnTokenInURL WarningCode = "token_in_url"
	// WarnCredentials: the input carries live credentials (masked here).
	WarnCredentials WarningCode = "credentials_in_input"
	// WarnExpired: a JWT's exp or a SAML NotOnOrAfter has passed.
	WarnExpired WarningCode = "expired"
	// WarnNotYetValid: a JWT's nbf or a SAML NotBefore is still ahead.
	WarnNotYetValid WarningCode = "not_yet_valid"
	// WarnClockSkew: times disagree in a way that points to clocks out of step.
	WarnClockSkew WarningCode = "clock_skew"
	// WarnSignatureNotVerified: a signature is present and was not checked.
	WarnSignatureNotVerified WarningCode = "signature_not_verified"
	// WarnUnsigned: a JWT with alg "none" or a SAML response without any signature.
	WarnUnsigned WarningCode = "unsigned"
	// WarnEncrypted: an encrypted token or assertion; its content is not shown.
	WarnEncrypted WarningCode = "encrypted"
	// WarnPKCEMissing: an authorization code request without code_challenge.
	WarnPKCEMissing WarningCode = "pkce_missing"
	// WarnImplicitFlow: an authorization request for tokens from the authorization endpoint.
	WarnImplicitFlow WarningCode = "implicit_flow"
	// WarnUnknownCode: a code of the recognised provider that the catalog
	// does not hold yet.
	WarnUnknownCode WarningCode = "unknown_code"
	// WarnMisspelled: a code-like token the catalog does not know, read as
	// the one code it is a letter or two away from.
	WarnMisspelled WarningCode = "misspelled_code"
	// WarnUndecodable: a part inside the input could not be decoded.
	WarnUndecodable WarningCode = "undecodable"
)
