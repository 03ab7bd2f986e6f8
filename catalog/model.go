// Package catalog is the domain of authcodes: the authentication error codes of
// identity providers and standards, each with a resolution guide, and the ways
// to find them.
//
// The entries are data files embedded in the package (entries/<provider>/<code>.md,
// providers/<key>.md), so a plain `go get` carries them. The package does no I/O
// beyond those embedded files and knows nothing of HTTP, browsers or the edge;
// it builds for linux and js/wasm alike.
package catalog

// Entry is one error code of one provider, or of one standard.
type Entry struct {
	// ID is "<provider>/<code>"; it is also the entry's URL path.
	ID       string
	Code     string
	Provider string
	Protocol Protocol
	// Kind tells an error from an informational event (a successful login
	// in a provider's log). Informational entries explain what the event
	// records and when it matters instead of giving fix steps.
	Kind EntryKind
	// Name is the provider's symbolic name for the code, where it has one
	// (Entra's "InvalidReplyTo" for AADSTS50011).
	Name string
	// Aliases are other spellings people type or see for the same code:
	// a bare number, a full URN, a legacy name.
	Aliases []string
	Title   string
	// Summary is one plain-text paragraph: what the error means.
	Summary string
	// HTTPStatus is the status the error usually travels with; 0 where the
	// error is not carried by an HTTP response of its own.
	HTTPStatus int
	AppearsIn  []Surface
	// WhoActs lists who has to act to fix it, the one most often responsible first.
	WhoActs   []Actor
	Retryable bool
	// Standard is the id of the standard entry this code travels with or
	// specialises (entra/AADSTS50011 travels with oauth2/invalid_request).
	Standard string
	Related  []string
	// DefinedIn records the specification sections that define a standard code.
	DefinedIn []Definition
	// Phrases are short distinctive key phrases that help search find the
	// entry from a pasted message or a symptom. Written in this project's words.
	Phrases []string
	// Messages are the literal texts the error carries where a source gives
	// them (Okta's errorSummary, Entra's description, a library's exception
	// message): facts of the error, kept verbatim, so the decoder and search
	// can recognise a pasted message that has no code. A part of the text
	// that varies from one occurrence to the next (an app id, a URI) is
	// written as a {placeholder}: matching treats it as any run of words.
	Messages []string
	// Generic marks a wrapper code that usually carries a more specific
	// cause beside it (AADSTS70002, invalid_request with an AADSTS code in
	// its description): when several codes appear, the cause ranks first.
	Generic bool
	// Wraps lists the entries whose error this one usually carries: a client
	// library's error points at the provider or standard code behind it, a
	// provider's response code at the events it answers for (Keycloak's
	// invalid_grant for code_verifier_missing).
	Wraps []string
	// Causes are likely causes the decoder can check in an artefact, with
	// the conditions that point at each (see CauseConditions).
	Causes     []Cause
	References []Reference
	// Guide is the resolution guide, in Markdown.
	Guide string
	// File is the path of the entry's source file inside the catalog.
	File string
}

// Path is where the entry lives on the site and under the API's origin: its
// id as a directory, "/entra/AADSTS50011/".
func (e *Entry) Path() string { return "/" + e.ID + "/" }

// Definition is one place a specification defines a standard code.
type Definition struct {
	Spec       string `yaml:"spec"`
	Section    string `yaml:"section"`
	Context    string `yaml:"context"`
	HTTPStatus string `yaml:"http_status,omitempty"`
}

// Reference is a page that documents the code or backs the entry's facts.
type Reference struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
}

// Provider is an identity provider or a standard whose codes the catalog holds.
type Provider struct {
	Key  string
	Name string
	Kind ProviderKind
	Home string
	Docs string
	// CodePattern is a regular expression every code of the provider matches.
	CodePattern string
	// LookupPrefixes are lower-case prefixes people put in front of the
	// provider's codes ("aadsts", "error reference code"); lookup strips them.
	LookupPrefixes []string
	// SearchTerms are other names people call the provider by in a query
	// ("azure", "aad" for Entra); search favours its entries when one is used.
	SearchTerms []string
	// Recognition facts for the decoder.
	IssuerHosts    []string
	ResponseParams []string
	BodyFields     []string
	// SharedHosts are issuer hosts that also serve what is not the
	// provider's sign-in (github.com hosts every public repository): a URL
	// on one of them names the provider only through IssuerPaths. Their
	// subdomains (docs.github.com) still name it by host.
	SharedHosts []string
	// IssuerPaths are regular expressions over issuer and endpoint URLs for
	// providers that run on their customers' own hosts (Keycloak's
	// /realms/<realm>).
	IssuerPaths []string
	// Markers are names whose presence in pasted text points at the
	// provider: SDK and package names, exception and class names, log
	// markers ("MsalUiRequiredException", "org.keycloak.").
	Markers []string
	// LogFields are keys that the provider's own log lines and logged
	// events carry, as key=value pairs or as JSON, and others do not
	// (Keycloak's realmId).
	LogFields []string
	// CodeFields are the keys of the provider's own error bodies whose
	// value is one of its codes, besides the standard error (Okta's
	// errorCode, Entra's suberror, SCIM's scimType, Cognito's __type).
	CodeFields []string
	// LogCodeFields are the keys of the provider's logged events whose
	// value is one of its event codes (Auth0's type): too common a name to
	// read anywhere, they count only in a record with its LogFields.
	LogCodeFields []string
	// CodeShapes describe what any code of the provider looks like, listed
	// or not, so that a code the catalog lacks is named as unknown instead
	// of being answered with lookalikes.
	CodeShapes []CodeShape
	// RedirectMatch is how the provider compares a request's redirect_uri
	// with the registered one, where it differs from RFC 6749's exact
	// string match; nil for an exact match.
	RedirectMatch *RedirectMatch
	// Versions says, for a library, which versions its codes were read from.
	Versions string
	// Description is a short Markdown introduction to the provider's codes.
	Description string
	File        string
}

// CodeShape is one form a provider's codes take ("AADSTS" and digits).
type CodeShape struct {
	// Pattern is a regular expression over one whole word, matched without
	// regard to letter case; its named groups feed Code and LookupURL.
	Pattern string `yaml:"pattern"`
	// Code is how the code is written, as a regexp.Expand template
	// ("AADSTS${number}"); empty keeps the word as it was typed.
	Code string `yaml:"code"`
	// LookupURL is where the provider explains a code it lists, as a
	// template like Code: its lookup page for the code, or its page of codes.
	LookupURL string `yaml:"lookup_url"`
}

// RedirectMatch is a provider's own redirect URI rule: what it lets
// differ from the registered URI, the rule in words and where it is written.
type RedirectMatch struct {
	// Path is "exact", or "subdirectory" when the redirect_uri's path may
	// lie below the registered one.
	Path string `yaml:"path"`
	// LoopbackPort is "exact", or "any" when the port of a localhost or
	// loopback redirect URI is not compared.
	LoopbackPort string `yaml:"loopback_port"`
	Rule         string `yaml:"rule"`
	URL          string `yaml:"url"`
}

// ProviderKind tells vendors from standards and client libraries.
type ProviderKind string

const (
	Vendor   ProviderKind = "vendor"
	Standard ProviderKind = "standard"
	// Library is a client or service-provider library (MSAL, Auth.js,
	// passport-saml) whose own errors wrap a provider's or a standard's.
	Library ProviderKind = "library"
)

// EntryKind tells an error from an informational event.
type EntryKind string

const (
	// ErrorKind is the default: something failed and someone has to act.
	ErrorKind     EntryKind = "error"
	Informational EntryKind = "informational"
)

// IsInformational reports whether the entry records an event rather than
// an error: it has no fix steps.
func (e *Entry) IsInformational() bool { return e.Kind == Informational }

// Protocol is the protocol or surface family an error belongs to.
type Protocol string

const (
	OAuth2 Protocol = "oauth2"
	OIDC   Protocol = "oidc"
	SAML   Protocol = "saml"
	WSFed  Protocol = "wsfed"
	SCIM   Protocol = "scim"
	Signin Protocol = "signin"
	MFA    Protocol = "mfa"
	API    Protocol = "api"
)

// Protocols lists every protocol in display order.
var Protocols = []Protocol{OAuth2, OIDC, SAML, WSFed, SCIM, Signin, MFA, API}

// Label is the protocol's human name.
func (p Protocol) Label() string {
	switch p {
	case OAuth2:
		return "OAuth 2.0"
	case OIDC:
		return "OpenID Connect"
	case SAML:
		return "SAML 2.0"
	case WSFed:
		return "WS-Federation"
	case SCIM:
		return "SCIM 2.0"
	case Signin:
		return "Provider sign-in"
	case MFA:
		return "Multi-factor authentication"
	case API:
		return "Provider API"
	}
	return string(p)
}

// Surface is where an error shows up.
type Surface string

const (
	AuthorizationResponse Surface = "authorization_response"
	TokenResponse         Surface = "token_response"
	ResourceServer        Surface = "resource_server"
	APIResponse           Surface = "api"
	SAMLResponse          Surface = "saml_response"
	SCIMResponse          Surface = "scim"
	UI                    Surface = "ui"
	Log                   Surface = "log"
	// Registration is a dynamic client registration endpoint (RFC 7591):
	// its errors answer the registration of an app, not a sign-in.
	Registration Surface = "registration"
)

// Surfaces lists every surface.
var Surfaces = []Surface{AuthorizationResponse, TokenResponse, ResourceServer, APIResponse, SAMLResponse, SCIMResponse, UI, Log, Registration}

// Label is the surface's human name.
func (s Surface) Label() string {
	switch s {
	case AuthorizationResponse:
		return "Authorization response (redirect to the app)"
	case TokenResponse:
		return "Token endpoint response"
	case ResourceServer:
		return "Resource server (WWW-Authenticate)"
	case APIResponse:
		return "API response"
	case SAMLResponse:
		return "SAML response"
	case SCIMResponse:
		return "SCIM response"
	case UI:
		return "Sign-in page"
	case Log:
		return "Logs and events"
	case Registration:
		return "Client registration endpoint"
	}
	return string(s)
}

// Actor is who has to act to resolve an error.
type Actor string

const (
	EndUser         Actor = "end_user"
	AppDeveloper    Actor = "app_developer"
	IdPAdmin        Actor = "idp_admin"
	ProviderSupport Actor = "provider_support"
)

// Actors lists every actor.
var Actors = []Actor{EndUser, AppDeveloper, IdPAdmin, ProviderSupport}

// Label is the actor's human name.
func (a Actor) Label() string {
	switch a {
	case EndUser:
		return "End user"
	case AppDeveloper:
		return "Application developer"
	case IdPAdmin:
		return "Identity provider administrator"
	case ProviderSupport:
		return "Provider support"
	}
	return string(a)
}
