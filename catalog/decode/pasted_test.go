package decode

import (
	"slices"
	"strings"
	"testing"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
)

// TestPastedShapes covers the shapes in which developers paste errors (issue
// 11, "What fails today"): each names its entry first. Values are made up;
// the shapes are the ones languages, libraries and sign-in pages print.
func TestPastedShapes(t *testing.T) {
	d := testDecoder(t)
	tests := []struct {
		name, input string
		first       []string // acceptable first matches
	}{
		{"log line starting with a bracket", `[ERROR] token request failed: invalid_client (client secret rejected)`, []string{"oauth2/invalid_client"}},
		{"log line starting with a brace", `{timestamp} refresh failed: invalid_grant`, []string{"oauth2/invalid_grant"}},
		{"Okta code in lower case", `okta said e0000011 again`, []string{"okta/E0000011"}},
		{"Entra code in lower case", `aadsts50011 from login`, []string{"entra/AADSTS50011"}},
		{"Error: code", `Error: invalid_grant`, []string{"oauth2/invalid_grant"}},
		{"OAuthError: code", `OAuthError: invalid_grant`, []string{"oauth2/invalid_grant"}},
		{"lower-case error: code", `error: login_required`, []string{"oidc/login_required"}},
		{"code: description", `invalid_grant: The provided authorization grant is invalid`, []string{"oauth2/invalid_grant"}},
		{"code in a sentence", `silent renewal failed with consent_required`, []string{"oidc/consent_required"}},
		{"JS object literal", `{ error: 'invalid_grant', error_description: 'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.' }`, []string{"entra/AADSTS70008"}},
		{"Python dict", `{'error': 'invalid_client', 'error_description': 'Client authentication failed'}`, []string{"oauth2/invalid_client"}},
		{"Python exception", `oauthlib.oauth2.rfc6749.errors.InvalidGrantError: (invalid_grant) Bad Request`, []string{"oauth2/invalid_grant", "oauthlib/InvalidGrantError"}},
		{"PHP print_r", "Array\n(\n    [error] => invalid_request\n    [error_description] => AADSTS900144: The request body must contain the following parameter: 'grant_type'.\n)", []string{"entra/AADSTS900144"}},
		{"PHP var_dump", "array(2) {\n  [\"error\"]=>\n  string(16) \"invalid_client\"\n  [\"error_description\"]=>\n  string(12) \"bad secret\"\n}", []string{"oauth2/invalid_client"}},
		{"Java exception with the code in brackets", `org.springframework.security.oauth2.core.OAuth2AuthorizationException: [invalid_grant] Invalid authorization code`, []string{"oauth2/invalid_grant"}},
		{"Kotlin data class toString", `TokenResponseError(error=unauthorized_client, errorDescription=Client not allowed)`, []string{"oauth2/unauthorized_client"}},
		{"code in parentheses", `MsalServiceException: (invalid_client) AADSTS7000215: Invalid client secret provided.`, []string{"entra/AADSTS7000215"}},
		{"escaped JSON inside JSON", `{"message":"token call failed","body":"{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS50173: The provided grant has expired due to it being revoked.\"}"}`, []string{"entra/AADSTS50173"}},
		{"escaped JSON in a log line", `level=error msg="token" body="{\"error\":\"invalid_grant\"}"`, []string{"oauth2/invalid_grant"}},
		{"SAML statuses joined by a slash", `SAML login failed, status Responder/AuthnFailed`, []string{"saml/AuthnFailed"}},
		{"SAML URNs joined by an arrow", `StatusCode urn:oasis:names:tc:SAML:2.0:status:Requester -> urn:oasis:names:tc:SAML:2.0:status:RequestDenied`, []string{"saml/RequestDenied"}},
		{"SAML short name after Status:", "SAML response rejected.\nStatus: NoPassive", []string{"saml/NoPassive"}},
		{"SAML URN in an exception", `Error: Invalid SAML response: urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy`, []string{"saml/InvalidNameIDPolicy"}},
		{"Entra sign-in page, Error Code line", "Sign in\nSorry, but we're having trouble signing you in.\n\nTroubleshooting details\nError Code: 50058\nRequest Id: 4f3e2a1b-0c9d-4e8f-a7b6-c5d4e3f2a1b0\nCorrelation Id: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\nTimestamp: 2025-05-30T10:11:12Z", []string{"entra/AADSTS50058"}},
		{"a standard's own wording, no code", `token endpoint said: The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.`, []string{"oauth2/invalid_grant"}},
		{"a code spelled out inside a provider's message", `{"error":"The API returned an error: Invalid token provided"}`, []string{"okta/E0000011"}},
		{"a code spelled out with no message around it", `Error: Invalid token`, []string{"oauth2/invalid_token"}},
		{"a provider's event pasted as JSON", `{"time": 1672840118932, "type": "LOGIN_ERROR", "realmId": "default", "error": "invalid_request"}`, []string{"keycloak/invalid_request"}},
		{"a server's code a library passes on, the library not named", "the token call answered 403 mfa_required", []string{"auth0/mfa_required", "okta/mfa_required"}},
		{"the same code, the library named", "getAccessTokenSilently threw mfa_required", []string{"auth0-spa/mfa_required"}},
		{"a message several vendors print, beside a standard code", `{"error":"invalid_grant","error_description":"Invalid username or password!"}`, []string{"oauth2/invalid_grant"}},
		{"a message with one word before its placeholder", `login failed: Client 4r5t6y7u8i9o0p1a2s3d4f5g6h is configured with secret but SECRET_HASH was not received`, []string{"cognito/NotAuthorizedException"}},
		{"a message of two words, pasted alone", "jwt expired", []string{"jsonwebtoken/TokenExpiredError"}},
		{"words a library and a vendor both print, the library's as written", "oidc-client-ts: State does not match", []string{"oidcclientts/state_does_not_match"}},
		{"the same words, the vendor's as written, its closing full stop left out", "Invalid token - `state` does not match", []string{"auth0/invalid_token"}},
		{"a library's short message after its error's name", `the API answers 500 with "JsonWebTokenError: jwt malformed" in its log`, []string{"jsonwebtoken/jwt_malformed"}},
		{"a library's short message as the value of message", `{ name: 'JsonWebTokenError', message: 'invalid signature' }`, []string{"jsonwebtoken/invalid_signature"}},
		{"a library's message that is also a standard code's words", "} catch (error) {\n  // JsonWebTokenError: invalid token\n}", []string{"jsonwebtoken/invalid_token"}},
		{"a code written as words opening a value, its description after a colon", `Response: "Invalid scope: Requested scope is invalid"`, []string{"oauth2/invalid_scope"}},
		{"a library's message saying why of the standard code it carries", `WWW-Authenticate: Bearer error="invalid_token", error_description="The signature key was not found"`, []string{"identitymodel/IDX10501", "identitymodel/IDX10503"}},
		{"a vendor's message in typographic quotes beside its code", `an “invalid_grant Unknown or invalid refresh token” error after expiry`, []string{"auth0/invalid_grant"}},
		{"an SP library's message without its closing details, an IdP's host beside it", "Invalid issuer in the Assertion/Response\nIDP_SSO_URL=https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/saml2", []string{"saml-sp/issuer_mismatch"}},
		{"a provider's event in its message, beside the response code it answers with", `{"error":"invalid_grant","error_description":"PKCE code verifier not specified"}`, []string{"keycloak/code_verifier_missing"}},
		{"two libraries' code under a vendor, one library named and its message verbatim", "oauthlib.oauth2.rfc6749.errors.MismatchingStateError: (mismatching_state) CSRF Warning! State not equal in request and response.\nException on /google_login/google/authorized [GET]", []string{"oauthlib/mismatching_state"}},
		{"a provider's log id, its number joined to its letters", "redirect to /cb?error=invalid_scope&error_description=Invalid+scopes%3A+\nERROR [services] KC-SERVICES0093: Invalid parameter value for: scope", []string{"keycloak/invalid_scope"}},
		{"a link to the provider's page for the code, not the code", "argocd login --sso failed: got error [code 7000218](https://login.microsoftonline.com/error?code=7000218)", []string{"entra/AADSTS7000218"}},
		{"a message that is one word and a placeholder before common words, and a library's message beside it", "Failed to load resource: the server responded with a status of 400 ()\ncallback: checks.state argument is missing", []string{"nextjs-auth0/checks_state_missing", "openid-client/checks_state_missing"}},
		{"a provider's logged event pasted as JSON, its code under a common key", `{"date": "2017-07-13T14:41:50.767Z", "type": "feacft", "description": "Unauthorized", "client_id": "xxxx", "log_id": "90020170713144150767000000000000000000000000000000000000"}`, []string{"auth0/feacft"}},
		{"a message two vendors print, beside the standard code both send", `{"error":"invalid_grant","error_description":"PKCE verification failed"}`, []string{"oauth2/invalid_grant", "keycloak/pkce_verification_failed"}},
		{"a message one vendor prints, beside the standard code", `{"error":"invalid_grant","error_description":"The refresh token is invalid or expired."}`, []string{"okta/invalid_grant"}},
		{"a long message's start, its details left out", "/saml/acs returns error `InResponseTo` does not match any of the possible request IDs\n\nnext line", []string{"saml-sp/inresponseto_mismatch"}},
		{"a library's exception naming a standard code, its message entry later", "org.springframework.security.oauth2.core.OAuth2AuthenticationException: [invalid_request]\n\nFailed to decode Access Token: 'An error occurred while attempting to decode the Jwt: Signed JWT rejected: Invalid signature'", []string{"oauth2/invalid_request"}},
		{"a vendor only named, a standard code in the standard's words", "com.google.api.client.auth.oauth2.TokenResponseException: 400 Bad Request\n{\n  \"error\" : \"invalid_request\",\n  \"error_description\" : \"The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed\"\n}", []string{"oauth2/invalid_request"}},
		{"a code written as words, quoted in prose beside its provider's name", "auth0.auth.passwordRealm(...) never works: I always get `Access Denied`", []string{"auth0/access_denied"}},
		{"generic wrapper first, cause after", `invalid_grant: AADSTS70002: Error validating credentials. AADSTS50126: Invalid username or password.`, []string{"entra/AADSTS50126"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := d.Decode(tt.input, Options{Now: testNow})
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if len(r.Matches) == 0 {
				t.Fatalf("no match; codes %v, warnings %v", r.Codes, r.Warnings)
			}
			if !slices.Contains(tt.first, r.Matches[0].ID) {
				t.Errorf("first match %s, want one of %v (matches %v)", r.Matches[0].ID, tt.first, matchIDs(r))
			}
		})
	}
}

func matchIDs(r *Result) []string {
	ids := make([]string, len(r.Matches))
	for i, m := range r.Matches {
		ids[i] = m.ID
	}
	return ids
}

// TestSupportIDsAreFields: the ids a support engineer asks for, from a
// copied sign-in page.
func TestSupportIDsAreFields(t *testing.T) {
	in := "AADSTS50058: A silent sign-in request was sent but no user is signed in.\n\nRequest Id: 4f3e2a1b-0c9d-4e8f-a7b6-c5d4e3f2a1b0\nCorrelation Id: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\nTimestamp: 2025-05-30T10:11:12Z\nApp id: 11111111-2222-3333-4444-555555555555"
	r, err := testDecoder(t).Decode(in, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Request Id", "Correlation Id", "Timestamp", "App id"} {
		if _, ok := r.Fields.Get(name); !ok {
			t.Errorf("no field %q in %v", name, r.Fields)
		}
	}
	if v, _ := r.Fields.Get("Correlation Id"); v != "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" {
		t.Errorf("Correlation Id = %q", v)
	}
}

// TestWordsNeedContext: words that are codes only by accident count only as
// the value of an error key.
func TestWordsNeedContext(t *testing.T) {
	d := testDecoder(t)
	for _, in := range []string{
		"the state of the session is fine",
		"an error happened on the success page",
		"please wait for the timeout",
	} {
		r, err := d.Decode(in, Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Matches) > 0 {
			t.Errorf("%q: matched %v", in, matchIDs(r))
		}
	}
}

// TestByMessage: a text that reads as an auth error but names no code and
// no known message gets likely entries from the search index, marked apart.
func TestByMessage(t *testing.T) {
	ix, err := search.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	d := testDecoder(t).WithFinder(ix.Likely)
	r, err := d.Decode("sign-in failed: the reply URL does not match the redirect URIs configured for the application", Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Matches) == 0 {
		t.Fatal("no likely match")
	}
	for _, m := range r.Matches {
		if m.Relation != ByMessage {
			t.Errorf("%s has relation %q, want %q", m.ID, m.Relation, ByMessage)
		}
	}
	if !strings.HasPrefix(r.Matches[0].ID, "entra/") {
		t.Errorf("first likely match %s, want an Entra reply-URL entry (%v)", r.Matches[0].ID, matchIDs(r))
	}
	// A conflict is a failure too, said without a failing word.
	r, err = d.Decode("provisioning answered 409: User already exists", Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Matches) == 0 || r.Matches[0].Relation != ByMessage {
		t.Errorf("a conflict got no likely match: %v", matchIDs(r))
	}
	// Nothing that reads as a failure, nothing guessed.
	r, err = d.Decode("hello world, the weather is nice", Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Matches) != 0 {
		t.Errorf("guessed %v for a text that says nothing failed", matchIDs(r))
	}
}

// TestByMessageFailureWords: the words with which English says something
// failed start a search by message; a wrapper's cause is searched for only
// where the text says what failed beyond "Error".
func TestByMessageFailureWords(t *testing.T) {
	ix, err := search.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	d := testDecoder(t).WithFinder(ix.Likely)
	tests := []struct {
		in, first string
		relation  Relation
	}{
		// "malformed" is the only failure word, after words that are not English.
		{"均提示 jwt malformed", "jsonwebtoken/jwt_malformed", ByMessage},
		// The wrapper and "Error" say nothing of a cause: the wrapper stays first.
		{"ERROR Error: \"Uncaught (in promise): AuthApiError\n./node_modules/@okta/okta-auth-js/dist/okta-auth-js.min.js", "okta-auth-js/AuthApiError", LibraryError},
	}
	for _, tt := range tests {
		r, err := d.Decode(tt.in, Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Matches) == 0 || r.Matches[0].ID != tt.first || r.Matches[0].Relation != tt.relation {
			t.Errorf("%q: matches %v, want %s (%s) first", tt.in, matchIDs(r), tt.first, tt.relation)
		}
	}
}

// TestInformationalLast: a status that records success, found beside an
// error, comes after it; found alone in prose that says what failed, the
// text is searched by its words and the errors come first.
func TestInformationalLast(t *testing.T) {
	ix, err := search.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	d := testDecoder(t).WithFinder(ix.Likely)
	for _, in := range []string{
		"SAML login via the saml2 package: `Signature validation failed. Logout Response rejected`, though the IdP answered Success",
		"SAML login: the IdP shows Success but our service provider rejected the response because the audience did not match",
	} {
		r, err := d.Decode(in, Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		ids := matchIDs(r)
		if i := slices.Index(ids, "saml/Success"); i < 1 || slices.ContainsFunc(ids[i:], func(id string) bool { e, _ := d.rec.cat.Entry(id); return !e.IsInformational() }) {
			t.Errorf("%q: matches %v, want saml/Success after every error", in, ids)
		}
	}
}

func TestMessageWordsAroundTheFailure(t *testing.T) {
	setup := strings.Repeat("my setup uses this identity provider and that framework ", 5) // 45 words
	words, failing := messageWords(setup + "and the logout error is Signature validation failed again")
	if !failing || !slices.Contains(words, "Signature") || !slices.Contains(words, "failed") || len(words) > maxQueryWords {
		t.Errorf("a failure after the first %d words: got %v (%v), want the words around it", maxQueryWords, words, failing)
	}
	words, _ = messageWords("The iframe window is timing out after the signin request, without waiting for the timeout")
	if words[0] != "The" {
		t.Errorf("a failure within the first words: got %v, want the text from its start", words)
	}
}

// TestForeignPackageClass: a class of another package named like a
// provider's exception (Cognito's UnauthorizedException) is no code of that
// provider unless the text names the provider, and no word to search by.
func TestForeignPackageClass(t *testing.T) {
	ix, err := search.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	d := testDecoder(t).WithFinder(ix.Likely)
	tests := []struct{ in, first string }{
		{`{"Exception":"[object] (Elabftw\\Exceptions\\UnauthorizedException(code: 0): invalid_response at /elabftw/src/Auth/Saml.php:130)"}`, "saml-sp/invalid_response"},
		{`App\Exceptions\UnauthorizedException: the SAML library said invalid_response`, "saml-sp/invalid_response"},
		{`Amazon.CognitoIdentityProvider.Model.NotAuthorizedException: Incorrect username or password.`, "cognito/NotAuthorizedException"},
		{`System.NotSupportedException: IDX10634: Unable to create the SignatureProvider.`, "identitymodel/IDX10634"}, // not Entra's NotSupported
		{`OAuthError.invalid_grant: bad`, "oauth2/invalid_grant"},                                                     // a code, not a class
		{`Error.invalid_grant`, "oauth2/invalid_grant"},
		{`aws-amplify: App\Auth\UnauthorizedException from Cognito`, "cognito/UnauthorizedException"},
	}
	for _, tt := range tests {
		r, err := d.Decode(tt.in, Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		if ids := matchIDs(r); len(ids) == 0 || ids[0] != tt.first || slices.Contains(ids[1:], ids[0]) {
			t.Errorf("%q: matches %v, want %s first, once", tt.in, ids, tt.first)
		}
	}
}

func TestInNamespace(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{`App\Exceptions\UnauthorizedException`, true},
		{`App\\Exceptions\\UnauthorizedException`, true},
		{`\UnauthorizedException`, false},
		{`error: UnauthorizedException`, false},
	}
	for _, tt := range tests {
		i := strings.Index(tt.text, "Unauthorized")
		if got := inNamespace(tt.text, i); got != tt.want {
			t.Errorf("inNamespace(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestUnnamedLibraryWrapperLast: a library's catch-all entry for a code
// servers send too (MSAL's invalid_grant) comes before the vendors' only
// where the text names the library.
func TestUnnamedLibraryWrapperLast(t *testing.T) {
	d := testDecoder(t)
	for _, tt := range []struct {
		in     string
		before bool
	}{
		{"Error: invalid_grant", false},
		{"MSAL.NET: MsalUiRequiredException, ErrorCode: invalid_grant", true},
	} {
		r, err := d.Decode(tt.in, Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		ids := matchIDs(r)
		msal, google := slices.Index(ids, "msal/invalid_grant"), slices.Index(ids, "google/invalid_grant")
		if msal < 0 || google >= 0 && (msal < google) != tt.before {
			t.Errorf("%q: matches %v, want msal/invalid_grant %s google/invalid_grant", tt.in, ids, map[bool]string{true: "before", false: "after"}[tt.before])
		}
	}
}

// TestProseWordPieces: a code written as words counts between typographic
// quotes as between straight ones; a letter left by a typographic
// apostrophe ("It’s") is no code, though Auth0 has an event s.
func TestProseWordPieces(t *testing.T) {
	d := testDecoder(t)
	tests := []struct {
		in   string
		want string // first match, or "" for none that is Auth0's s
	}{
		{"Okta sign-in: I always get “Access Denied”", "okta/access_denied"},
		{"Okta sign-in: I always get ‘Access Denied’", "okta/access_denied"},
		{"It’s fine, says the Auth0 log", ""},
		{`Auth0 log: {"type": "s", "description": "Success Login"}`, "auth0/s"},
	}
	for _, tt := range tests {
		r, err := d.Decode(tt.in, Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		ids := matchIDs(r)
		switch {
		case tt.want == "" && slices.Contains(ids, "auth0/s"):
			t.Errorf("%q: matches %v, want no auth0/s", tt.in, ids)
		case tt.want != "" && (len(ids) == 0 || ids[0] != tt.want || r.Matches[0].Found == ""):
			t.Errorf("%q: matches %v, want %s first, found as a code", tt.in, ids, tt.want)
		}
	}
}

// TestProseErrorCode: "error code N" in prose gives N the key it needs.
func TestProseErrorCode(t *testing.T) {
	d := testDecoder(t)
	for _, tt := range []struct{ in, first string }{
		{"In Sign-ins the interrupted one has error code 16000 with a failure reason", "entra/AADSTS16000"},
		{"the login page shows Error Code 50058 and a request id", "entra/AADSTS50058"},
		{"We checked the sign-in logs and noticed the error code was 135011.", "entra/AADSTS135011"},
		{"my errorcode 16000 stays", ""}, // not the words "error code"
	} {
		r, err := d.Decode(tt.in, Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		ids := matchIDs(r)
		if tt.first == "" && slices.Contains(ids, "entra/AADSTS16000") || tt.first != "" && (len(ids) == 0 || ids[0] != tt.first) {
			t.Errorf("%q: matches %v, want %q first", tt.in, ids, tt.first)
		}
	}
}

// TestGoogleErrorSubtype: Google's error_subtype names the cause its
// invalid_grant carries.
func TestGoogleErrorSubtype(t *testing.T) {
	in := `google.auth.exceptions.RefreshError: ('invalid_grant: reauth related error (rapt_required)', '{"error": "invalid_grant", "error_subtype": "rapt_required"}')`
	r, err := testDecoder(t).Decode(in, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if ids := matchIDs(r); len(ids) == 0 || ids[0] != "google/invalid_rapt" {
		t.Errorf("matches %v, want google/invalid_rapt first", ids)
	}
}

func TestSaysWhatFailed(t *testing.T) {
	tests := []struct {
		words []string
		want  bool
	}{
		{[]string{"ERROR", "Error", "Uncaught", "in", "promise"}, false},
		{[]string{"Exception", "in", "thread", "main"}, false},
		{[]string{"Error", "token", "expired"}, true},
		{[]string{"Max", "retries", "exceeded"}, true},
	}
	for _, tt := range tests {
		if got := saysWhatFailed(tt.words); got != tt.want {
			t.Errorf("saysWhatFailed(%q) = %v, want %v", tt.words, got, tt.want)
		}
	}
}

// TestSharedCodeByTheirWords: a code that several vendors keep, with no
// vendor recognised, is first the one whose message the words around it
// retell; without the search the catalog's order stands.
func TestSharedCodeByTheirWords(t *testing.T) {
	ix, err := search.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	in := "400 Error: redirect_uri_mismatch\nthe redirect URI from the request does not match the ones authorized for this OAuth client"
	r, err := testDecoder(t).WithFinder(ix.Likely).Decode(in, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if ids := matchIDs(r); len(ids) == 0 || ids[0] != "google/redirect_uri_mismatch" {
		t.Errorf("matches %v, want google/redirect_uri_mismatch first", ids)
	}
	r, err = testDecoder(t).Decode(in, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if ids := matchIDs(r); len(ids) < 2 || !slices.Contains(ids, "google/redirect_uri_mismatch") || !slices.Contains(ids, "github/redirect_uri_mismatch") {
		t.Errorf("without a finder: matches %v, want both vendors' entries", ids)
	}
}

// TestByMessageStandardFirst: when nothing names a vendor and the likeliest
// entries are two vendors' for one standard code, the standard's comes first;
// one vendor's entry ahead of the standard's stays ahead.
func TestByMessageStandardFirst(t *testing.T) {
	d := testDecoder(t)
	entries := func(ids ...string) []*catalog.Entry {
		var out []*catalog.Entry
		for _, id := range ids {
			e, ok := d.rec.cat.Entry(id)
			if !ok {
				t.Fatalf("no entry %s", id)
			}
			out = append(out, e)
		}
		return out
	}
	tests := []struct {
		found []string
		first string
	}{
		{[]string{"keycloak/unsupported_nameid_format", "entra/AADSTS75016", "okta/E0000001"}, "saml/InvalidNameIDPolicy"},
		{[]string{"keycloak/unsupported_nameid_format", "saml/InvalidNameIDPolicy"}, "keycloak/unsupported_nameid_format"},
	}
	for _, tt := range tests {
		finder := func(words, provider string) []*catalog.Entry { return entries(tt.found...) }
		r, err := d.WithFinder(finder).Decode("the login failed: the NameIDPolicy is not the configured one", Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Matches) == 0 || r.Matches[0].ID != tt.first {
			t.Errorf("likely entries %v: first %v, want %s", tt.found, matchIDs(r), tt.first)
		}
	}
}

// TestLogCodeFieldsNeedTheLog: a key as common as "type" holds a code only
// in a record that its provider's log fields mark as that provider's log.
func TestLogCodeFieldsNeedTheLog(t *testing.T) {
	r, err := testDecoder(t).Decode(`{"type": "fp", "status": "ok"}`, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Codes {
		if c.Value == "fp" {
			t.Errorf("type read as a code outside a log record: %+v", r.Codes)
		}
	}
	for _, m := range r.Matches {
		if m.Found == "fp" {
			t.Errorf("type read as a code outside a log record: %s", m.ID)
		}
	}
}

// TestSharedHostLinks: a link to a repository on github.com names nobody's
// sign-in, while GitHub's own sign-in paths and its subdomains still name
// GitHub.
func TestSharedHostLinks(t *testing.T) {
	ix, err := search.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	d := testDecoder(t).WithFinder(ix.Likely)
	tests := []struct {
		name, input, provider string
	}{
		{"a B2C message beside a link to the samples repository",
			"Following https://github.com/azure-ad-b2c/samples/tree/master/policies/groups I get:\n" +
				"Message: The claims exchange 'REST-GetGroups' specified in step '4' returned HTTP error response with Code 'BadRequest' and Reason 'Bad Request'.",
			"b2c"},
		{"GitHub's authorize URL", "https://github.com/login/oauth/authorize?client_id=Iv1.0123456789abcdef&error=redirect_uri_mismatch", "github"},
		{"GitHub's device endpoint", "POST https://github.com/login/device/code answered device_flow_disabled", "github"},
		{"GitHub's paths on a Gitea host", "https://gitea.example.com/login/oauth/authorize?error=access_denied&state=x", "oauth2"},
		{"a link to GitHub's docs", `{"error":"bad_verification_code","error_uri":"https://docs.github.com/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-oauth-app-access-token-request-errors"}`, "github"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := d.Decode(tt.input, Options{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			if r.Provider != tt.provider {
				t.Errorf("provider %q, want %q (evidence %+v)", r.Provider, tt.provider, r.Evidence)
			}
		})
	}
}

// TestURLsAsPasted: a URL in Markdown emphasis or with a placeholder where
// the poster hid a name is still read, its parameters whole.
func TestURLsAsPasted(t *testing.T) {
	d := testDecoder(t)
	tests := []struct {
		name, input, field, value, provider string
	}{
		{"in bold", "I end up at **https://app.example.com/callback?error=login_required&state=af0ifjsldkj**",
			"error", "login_required", ""},
		{"in italics", "redirected to _https://app.example.com/callback?state=xyz&error=access_denied_ instead",
			"error", "access_denied", ""},
		{"a placeholder for the host", "the IdP posts to https://<domain>.auth.us-east-1.amazoncognito.com/oauth2/idpresponse?error=invalid_request",
			"error", "invalid_request", "cognito"},
		{"a placeholder in the path", "https://login.microsoftonline.com/<tenant-id>/oauth2/v2.0/authorize?error=interaction_required&error_description=AADSTS50076",
			"error", "interaction_required", "entra"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := d.Decode(tt.input, Options{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := r.Fields.Get(tt.field); got != tt.value {
				t.Errorf("%s = %q, want %q (fields %v)", tt.field, got, tt.value, r.Fields)
			}
			if tt.provider != "" && r.Provider != tt.provider {
				t.Errorf("provider %q, want %q", r.Provider, tt.provider)
			}
		})
	}
}
