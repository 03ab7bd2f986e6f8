package decode

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// A secret keeps at most maskKeep leading characters, and never more than a
// quarter of its length, so that a short code does not give itself away.
const maskKeep = 6

var (
	maskedForm  = lazyRegexp(`^[A-Za-z0-9._-]{0,6}…\[masked, \d+ chars\]$`)
	maskedStart = lazyRegexp(`^[A-Za-z0-9._-]{0,6}…\[masked, \d+ chars\]`)
)

// maskValue returns the masked form of a secret: a few leading characters and
// its length, "eyJhbG…[masked, 812 chars]". A value already in that form is
// returned as is, so masking twice changes nothing.
func maskValue(v string) string {
	if v == "" || maskedForm().MatchString(v) {
		return v
	}
	n := utf8.RuneCountInString(v)
	keep := min(maskKeep, n/4)
	i := 0
	for i < keep && i < len(v) && isTokenByte(v[i]) {
		i++
	}
	return v[:i] + "…[masked, " + strconv.Itoa(n) + " chars]"
}

// maskWhole is maskValue keeping no leading character: for passwords and
// personal data, where even a first letter tells something.
func maskWhole(v string) string {
	if v == "" || maskedForm().MatchString(v) {
		return v
	}
	return "…[masked, " + strconv.Itoa(utf8.RuneCountInString(v)) + " chars]"
}

func isMaskedForm(v string) bool { return maskedForm().MatchString(v) }

// startsMasked reports whether s begins with a masked value, which a second
// pass must leave alone.
func startsMasked(s string) bool {
	// A masked form is a few dozen bytes: only the start of s is looked at,
	// however long the text after it.
	s = s[:min(len(s), 48)]
	return strings.Contains(s, "…[masked") && maskedStart().MatchString(s)
}

func isWordChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func isTokenByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
}

// secretNames are the parameter, field and claim names whose values are
// credentials wherever they appear, normalised by normName.
var secretNames = setOf(
	"accesstoken", "refreshtoken", "idtoken", "idtokenhint", "logouttoken",
	"clientsecret", "clientassertion", "assertion", "samlresponse", "samlart", "wresult",
	"password", "passwd", "newpassword", "oldpassword", "currentpassword",
	"devicecode", "usercode", "authreqid", "subjecttoken", "actortoken", "codeverifier",
	"apikey", "xapikey", "privatekey", "secret", "otp", "mfatoken", "oobcode",
	"bindingcode", "recoverycode", "sessiontoken", "statetoken", "recoverytoken",
	"activationtoken", "loginhinttoken", "vptoken", "txcode", "preauthorizedcode",
	"authorization", "proxyauthorization", "dpop",
	// Header and parameter names of other schemes: X-Auth-Token and its
	// kin, a SAML redirect binding's Signature, an Azure SAS token's sig,
	// a password as pwd.
	"authtoken", "apitoken", "securitytoken", "accesskey", "secretkey", "signature", "sig", "pwd", "pass",
)

// passwordNames are the secret names whose values are passwords: masked
// whole, with no leading character (see maskWhole).
var passwordNames = setOf("password", "passwd", "pwd", "pass", "newpassword", "oldpassword", "currentpassword")

// isPasswordName reports whether a field of that name holds a password.
func isPasswordName(name string) bool {
	n := normName(name)
	return passwordNames[n] || strings.HasSuffix(n, "password")
}

// personalNames are the parameter and field names whose values are
// personal data (who signed in), masked in share links unless the user
// keeps them.
var personalNames = setOf("loginhint", "username", "email", "upn", "preferredusername", "givenname", "familyname", "phonenumber", "userid", "nameid",
	"login", "loginfmt") // sign-in forms' user name fields

// jwtProtocolClaims are the claims that describe a token rather than its
// subject: a share link keeps them (they are what explains the error) and
// masks every other claim as personal data.
var jwtProtocolClaims = setOf("iss", "aud", "azp", "exp", "nbf", "iat", "auth_time", "jti", "nonce", "acr", "amr",
	"scp", "scope", "ver", "typ", "token_use", "client_id", "cid", "appid", "appidacr", "azpacr", "tid", "idp",
	"at_hash", "c_hash", "s_hash", "sid", "rat", "uti", "rh", "error", "error_description", "error_uri", "state",
	"iss_type", "event_id", "origin_jti", "cnf", "x5t", "kid", "alg", "enc")

// paramSecretNames are credentials only in an authorization response, a
// form body or a log line: "code" is the authorization code there, while in
// a JSON error body it is the error code; "response" is a JARM response JWT.
// They are weak names: a value with the shape of an error code ("50011",
// "invalid_grant") under them is shown.
var paramSecretNames = setOf("code", "response", "token")

// weakSuffixes are weak names also recognised at the end of a longer name
// (authCode, authorization_code, csrf_token).
var weakSuffixes = []string{"code", "token"}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// normName folds a field name for the secret lists: only its last word
// counts ("id_token" in "jwt.id_token", "code" in "https://app/cb?code"), and
// letter case, "_" and "-" do not matter (sessionToken, session_token, x-api-key).
func normName(name string) string {
	end := len(name)
	for end > 0 && !isWordChar(name[end-1]) {
		end--
	}
	start := end
	for start > 0 && isWordChar(name[start-1]) {
		start--
	}
	for start < end && !isLetter(name[start]) {
		start++ // "0SAMLResponse": a name starts with a letter
	}
	name = name[start:end]
	plain := true
	for i := 0; i < len(name); i++ {
		if c := name[i]; c == '_' || c == '-' || c >= 'A' && c <= 'Z' {
			plain = false
			break
		}
	}
	if plain {
		return name
	}
	var b strings.Builder
	b.Grow(len(name))
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '_' || c == '-':
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Contexts a name is met in decide whether "code" is a secret.
type nameContext int

const (
	inParams nameContext = iota // query, fragment, form body, log key=value, JWT claims
	inJSON                      // a JSON body
)

// isSecretName reports whether a field of that name holds a credential.
func isSecretName(name string, ctx nameContext) bool { return secretKind(name, ctx) != notSecret }

// How sure a name is to hold a credential.
type nameKind int

const (
	notSecret nameKind = iota
	strongSecret
	weakSecret // see paramSecretNames
)

// secretKind tells a credential's name, or a longer name ending in one
// (user_password, myAccessToken), from other names.
func secretKind(name string, ctx nameContext) nameKind {
	n := normName(name)
	if secretNames[n] {
		return strongSecret
	}
	for _, s := range secretSuffixes {
		if strings.HasSuffix(n, s) {
			return strongSecret
		}
	}
	if ctx != inParams {
		return notSecret
	}
	if paramSecretNames[n] {
		return weakSecret
	}
	for _, s := range weakSuffixes {
		if strings.HasSuffix(n, s) {
			return weakSecret
		}
	}
	return notSecret
}

// shownUnder reports whether value is shown although its name is a
// credential's: a weak name carrying an error code.
func shownUnder(kind nameKind, value string) bool {
	return kind == weakSecret && errorCodeShape().MatchString(value)
}

// secretSuffixes are the secret names long enough to recognise at the end
// of another name.
var secretSuffixes = func() []string {
	var out []string
	for n := range secretNames {
		if len(n) >= 5 {
			out = append(out, n)
		}
	}
	return out
}()

// errorCodeShape tells an error code carried under a name that usually
// holds a credential ("code=50011", "code=invalid_grant") from a credential:
// digits only, snake_case words, or a provider-style code. Random credentials
// have mixed case or digits between letters and fail these shapes.
var errorCodeShape = lazyRegexp(`^(\d{1,10}|[a-z]+(_[a-z]+)+|AADSTS\d+|E\d{7}|TID-AEX-\d{4})$`)

// maskField returns the value to show for a field: masked whole when the name
// says it is a credential, otherwise with any credential inside it masked.
func maskField(name, value string, ctx nameContext) (string, bool) {
	if kind := secretKind(name, ctx); kind != notSecret && value != "" {
		if shownUnder(kind, value) {
			return value, false
		}
		if isPasswordName(name) {
			return maskWhole(value), true
		}
		return maskValue(value), true
	}
	return maskText(value), false
}
