package decode

import (
	"slices"

	"github.com/authcodes/authcodes/catalog"
	"strings"
)

// inScannedText reports whether value is part of a whole text scanned
// already (a field of a JSON body inside a log line).
func (s *session) inScannedText(value string) bool {
	for _, t := range s.scanned {
		if strings.Contains(t, value) {
			return true
		}
	}
	return false
}

// finish runs once every part is decoded: codes in the text of the fields,
// the provider, the matches, and the checks that need the whole picture.
func (s *session) finish() {
	masked := map[string]bool{}
	for _, m := range s.res.Masked {
		masked[m] = true
	}
	for _, f := range s.res.Fields {
		if !masked[f.Name] && !s.inScannedText(f.Value) {
			s.scanCodes(f.Name, f.Value)
			s.scanVocabulary(f.Name, f.Value)
			s.scanMessages(f.Name, f.Value)
		}
	}
	if s.bestWeight() < weightIssuer {
		s.noteCatalogUnique() // only worth its lookups when the evidence is thin
	}
	vendor := s.decideProvider()
	s.match(vendor)
	switch {
	case vendor != nil:
		s.res.Provider, s.res.ProviderName = vendor.Key, vendor.Name
		s.res.Evidence = s.evidenceFor(vendor)
	default:
		s.chooseStandard()
	}
	if len(s.res.Matches) == 0 {
		s.matchByMessage()
	} else if wrappers := s.res.Matches; !slices.ContainsFunc(wrappers, s.saysItsCause) {
		// Only catch-all wrappers were found (okta-auth-js's AuthApiError
		// with no Okta code beside it): the text's words may name the
		// cause the wrapper carries, so it is searched for and put first.
		// The wrapper's own name and a stack trace's frames say nothing
		// of the cause; the rest has to say what failed.
		text := withoutStackFrames(s.input)
		for _, m := range wrappers {
			if m.Found != "" {
				text = strings.ReplaceAll(text, m.Found, " ")
			}
		}
		if words, _ := s.messageWords(text); saysWhatFailed(words) {
			s.res.Matches = nil
			s.matchByWords(text)
			for _, w := range wrappers {
				if !slices.ContainsFunc(s.res.Matches, func(m Match) bool { return m.Entry == w.Entry }) {
					s.res.Matches = append(s.res.Matches, w)
				}
			}
		}
	}
	s.checkResponses()
	s.checkCredentials()
}

// saysItsCause reports whether a match is more than a client library's
// catch-all error named in the text: a code of its own, a standard's
// top-level status, or a wrapper recognised by a message, which is the
// reason itself ("SAMLResponse is not valid base64-encoded XML").
func (s *session) saysItsCause(m Match) bool {
	if m.Entry.IsInformational() && s.onlyInProse(m) {
		// "I get a success message from the IdP": a status that records
		// that something went well, read from prose, is not why it failed.
		return false
	}
	p, ok := s.rec.cat.Provider(m.Provider)
	if !m.Entry.Generic || !ok || p.Kind != catalog.Library {
		return true
	}
	return slices.ContainsFunc(s.codes, func(c foundCode) bool { return c.rank >= rankMessage && slices.Contains(s.entriesOf(c), m.Entry) })
}

// onlyInProse reports whether every code that named m's entry is a word
// read from running text, not a value of a key or a message's field.
func (s *session) onlyInProse(m Match) bool {
	found := false
	for _, c := range s.codes {
		if slices.Contains(s.entriesOf(c), m.Entry) {
			if c.field != "text" {
				return false
			}
			found = true
		}
	}
	return found
}

// chooseStandard names the standard the input follows when no vendor was
// recognised: the one of the first match, or the shape of the message.
func (s *session) chooseStandard() {
	key, why := "", ""
	if len(s.res.Matches) > 0 && s.res.Matches[0].Relation == StandardCode {
		key = s.res.Matches[0].Provider
		why = "no vendor was recognised; " + s.res.Matches[0].Found + " is a code of this standard"
	}
	if w, ok := s.shapes[catalogShape(key)]; ok && key != "" {
		why = "no vendor was recognised; the input is " + w
	}
	for _, shape := range []catalogShape{shapeSAML, shapeSCIM, shapeOAuth} {
		if w, ok := s.shapes[shape]; ok && key == "" {
			key, why = string(shape), "no vendor was recognised; the input is "+w
		}
	}
	if key == "" {
		return
	}
	if p, ok := s.rec.cat.Provider(key); ok {
		s.res.Provider, s.res.ProviderName = p.Key, p.Name
		s.res.Evidence = []Evidence{{Kind: ByShape, Detail: why}}
	}
}

var tokenParams = []string{"access_token", "id_token", "refresh_token"}

// checkResponses reviews each authorization request or response found.
func (s *session) checkResponses() {
	for _, set := range s.responses {
		if set.has("SAMLResponse") || set.has("SAMLRequest") {
			continue
		}
		// A log line of a failed exchange (Keycloak's CODE_TO_TOKEN_ERROR
		// event) names the grant type beside its error: that is the answer.
		if set.has("grant_type") && !set.has("error") {
			s.noteTokenRequest(set)
			continue
		}
		if set.has("response_type") && set.has("client_id") {
			s.checkRequest(set)
			continue
		}
		var tokens []string
		for _, t := range tokenParams {
			if set.has(t) {
				tokens = append(tokens, t)
			}
		}
		hasError, hasCode := set.has("error"), set.has("code")
		if set.where == "log" {
			continue
		}
		if !hasError && (hasCode && set.where != "body" || len(tokens) > 0) {
			what := "an authorization code"
			if len(tokens) > 0 {
				what = strings.Join(tokens, ", ")
			}
			s.warn(WarnNoError, "", "This is a success response: it carries %s and no error. The provider did its part; if sign-in still failed, look at the application: the token request (redirect_uri, code_verifier, client authentication), the state and nonce checks, or its session cookie.", what)
		}
		if set.where == "body" || set.has("response") && set.where != "jarm" {
			continue // a token response has no state; a JARM response keeps it inside
		}
		if (hasError || hasCode || len(tokens) > 0) && !set.has("state") {
			s.warn(WarnStateMissing, "state", "The response has no state parameter. A client should send an unguessable state with every authorization request and reject a response that does not return it unchanged; without it the callback is open to login CSRF. (Some providers leave state out of errors raised before they could read the request.)")
		}
		if len(tokens) > 0 && (set.where == "query" || set.where == "fragment") {
			where := "fragment (the implicit or hybrid flow)"
			if set.where == "query" {
				where = "query string, where servers, proxies and Referer headers log and pass them on"
			}
			s.warn(WarnTokenInURL, tokens[0], "%s arrived in the URL %s. Tokens in URLs end up in browser history and logs; use the authorization code flow with PKCE and get tokens from the token endpoint.", strings.Join(tokens, ", "), where)
		}
	}
}

// noteTokenRequest says that a token request (what the client posts to
// the token endpoint) was pasted, not the endpoint's answer, which is what
// says whether the exchange worked.
func (s *session) noteTokenRequest(set *paramSet) {
	if s.res.HasWarning(WarnTokenRequest) {
		return
	}
	s.warn(WarnTokenRequest, "grant_type", "This is a token request (grant_type=%s): what the application sends to the token endpoint, not what the endpoint answered. Whether it worked is in the answer, a JSON body with tokens or an error such as invalid_grant; paste that to have it explained.", cut(set.names["grant_type"], 80))
}

// checkRequest reviews an authorization request URL pasted instead of the response.
func (s *session) checkRequest(set *paramSet) {
	rt := strings.Fields(set.names["response_type"])
	if !set.has("state") {
		s.warn(WarnStateMissing, "state", "The authorization request sends no state. Send an unguessable state and check it on the callback, or the callback is open to login CSRF.")
	}
	if slices.Contains(rt, "code") && !set.has("code_challenge") {
		s.warn(WarnPKCEMissing, "code_challenge", "The request asks for a code without PKCE (no code_challenge). Use PKCE with S256 for every client, as the OAuth 2.0 Security Best Current Practice (RFC 9700) requires.")
	}
	if slices.Contains(rt, "token") && !slices.Contains(rt, "code") {
		s.warn(WarnImplicitFlow, "response_type", "response_type=%s is the implicit flow, which RFC 9700 says not to use: tokens come back in the URL. Use response_type=code with PKCE.", set.names["response_type"])
	}
}

// checkCredentials reminds that live credentials were pasted.
func (s *session) checkCredentials() {
	var names []string
	for _, m := range s.res.Masked {
		if strings.HasSuffix(m, ".signature") {
			continue
		}
		if i := strings.Index(m, " ("); i >= 0 {
			m = m[:i]
		}
		if !slices.Contains(names, m) {
			names = append(names, m)
		}
	}
	if len(names) > 0 {
		s.warn(WarnCredentials, "", "The input holds credentials (%s). They are masked here, but whoever holds the original can use them until they expire: do not paste it into tickets or chats, and revoke or rotate anything that was shared.", strings.Join(names, ", "))
	}
}
