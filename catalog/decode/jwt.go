package decode

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// A JWS (header.claims.signature) or JWE (five parts), as base64url.
// The last part may be masked already (MaskInput keeps a JWT's header and
// claims and masks its signature).
var jwtWhole = lazyRegexp(`^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)?(?:…\[masked, \d+ chars\])?$`)

// looksJWT reports whether s is a whole JWT; the cheap tests spare most
// values the regular expression.
func looksJWT(s string) bool {
	return strings.HasPrefix(s, "eyJ") && strings.Count(s, ".") >= 2 && jwtWhole().MatchString(s)
}

// timeClaims are the claims that hold NumericDate seconds.
var timeClaims = setOf("exp", "nbf", "iat", "auth_time", "updated_at", "rat")

// maxNesting bounds how deep decoded values are decoded again (a JWT in a
// JSON body in a log line).
const maxNesting = 4

// nestedJWT decodes a JWT found inside another part; a failure becomes a
// warning, not an error, since the rest of the input still stands.
func (s *session) nestedJWT(name, tok string) {
	if err := s.decodeJWT(name, tok); err != nil {
		s.warn(WarnUndecodable, name, "%s looks like a JWT but does not decode: %v", name, err)
	}
}

// decodeJWT shows a JWT's header and claims, checks its times against now,
// and says that its signature was not verified. For a JARM response
// (response=) the claims are the authorization response.
func (s *session) decodeJWT(name, tok string) error {
	if s.depth >= maxNesting {
		return nil
	}
	s.depth++
	defer func() { s.depth-- }()
	if name != "" {
		s.part(KindJWT)
	}
	label, prefix := "The JWT", ""
	if name != "" {
		label, prefix = name, name+"."
	}
	parts := strings.Split(tok, ".")
	if len(parts) != 3 && len(parts) != 5 {
		return inputError(label, ErrMalformed, "a JWT has 3 parts (signed) or 5 (encrypted); this one has %d", len(parts))
	}
	header, headerText, err := jwtSegment(parts[0])
	if err != nil {
		return inputError(label, ErrMalformed, "the header is not base64url-encoded JSON: %v", err)
	}
	s.showLeaves(prefix+"header.", header, inParams, noFormat)
	alg := leafValue(header, "alg")
	if len(parts) == 5 {
		s.tokenJSON(name, headerText, "")
		s.putField(prefix+"claims", "(encrypted: a JWE; only the holder of the key can read the claims)", false)
		s.warn(WarnEncrypted, name, "%s is encrypted (JWE, alg %s, enc %s): its claims cannot be shown without the recipient's private key.", label, alg, leafValue(header, "enc"))
		return nil
	}
	claims, claimsText, err := jwtSegment(parts[1])
	if err != nil {
		return inputError(label, ErrMalformed, "the claims are not base64url-encoded JSON: %v", err)
	}
	s.tokenJSON(name, headerText, claimsText)
	s.showLeaves(prefix+"claims.", claims, inParams, func(l leaf) (string, bool) {
		if l.top && timeClaims[l.key] && !l.str {
			if t, ok := numericDate(l.value); ok {
				return l.value + " (" + t.Format(time.RFC3339) + ")", true
			}
		}
		return "", false
	})
	if parts[2] != "" {
		s.putField(prefix+"signature", maskValue(parts[2]), true)
	}
	if strings.EqualFold(alg, "none") {
		s.warn(WarnUnsigned, name, "%s has alg \"none\": it is not signed, and no client should accept it.", label)
	} else {
		s.warn(WarnSignatureNotVerified, name, "%s is signed (alg %s) but its signature was not verified here: the decoder has no keys. Only the client, with the issuer's published keys (JWKS), can tell a genuine token from a forged one.", label, alg)
	}
	s.checkJWTTimes(name, label, prefix, claims)
	var set *paramSet
	if name == "response" {
		set = s.newParamSet("jarm")
	}
	for _, l := range claims {
		if !l.top {
			continue
		}
		if set != nil && !set.has(l.key) {
			set.names[l.key] = l.value
		}
		switch l.key {
		case "iss":
			s.noteIssuer(prefix+"claims.iss", l.value)
		case "error":
			s.addCode(codeWord(l.value), "", prefix+"claims.error", 2)
			s.shapes[shapeOAuth] = "an OAuth 2.0 error response (error claim of a JARM response)"
		case "error_uri":
			s.noteURL(prefix+"claims.error_uri", l.value)
		}
	}
	return nil
}

// checkJWTTimes compares exp, nbf and iat with now and with each other.
func (s *session) checkJWTTimes(name, label, prefix string, claims []leaf) {
	get := func(k string) (time.Time, bool) {
		v := leafValue(claims, k)
		if v == "" {
			return time.Time{}, false
		}
		return numericDate(v)
	}
	exp, hasExp := get("exp")
	nbf, hasNbf := get("nbf")
	iat, hasIat := get("iat")
	if hasExp && !s.now.Before(exp) {
		s.warn(WarnExpired, prefix+"claims.exp", "%s expired %s ago (exp %s, now %s). If the app received it just now, its clock or the issuer's is wrong, or it was cached or replayed.",
			label, human(s.now.Sub(exp)), exp.Format(time.RFC3339), s.now.Format(time.RFC3339))
	}
	if hasNbf && s.now.Before(nbf) {
		s.warn(WarnNotYetValid, prefix+"claims.nbf", "%s is not valid before %s, %s from now (nbf). Unless it was issued for later use, the issuer's clock runs ahead of this one.",
			label, nbf.Format(time.RFC3339), human(nbf.Sub(s.now)))
	}
	if hasIat && iat.After(s.now) {
		s.warn(WarnClockSkew, prefix+"claims.iat", "%s was issued %s in the future (iat %s, now %s): the issuer's clock or this machine's is about %s off. Sync clocks with NTP and allow a leeway of a minute or two when validating.",
			label, human(iat.Sub(s.now)), iat.Format(time.RFC3339), s.now.Format(time.RFC3339), human(iat.Sub(s.now)))
	}
	if hasIat && hasNbf && nbf.After(iat) {
		s.warn(WarnClockSkew, prefix+"claims.nbf", "%s is not valid until %s after it was issued (nbf %s, iat %s): a validator whose clock is that much behind the issuer's rejects it as not yet valid.",
			label, human(nbf.Sub(iat)), nbf.Format(time.RFC3339), iat.Format(time.RFC3339))
	}
	if hasExp && hasIat && !exp.After(iat) {
		s.warn(WarnExpired, prefix+"claims.exp", "%s expires (%s) no later than it was issued (%s): it was never valid. The issuer's token lifetime is misconfigured.",
			label, exp.Format(time.RFC3339), iat.Format(time.RFC3339))
	}
}

// jwtSegment decodes one base64url part of a JWT into JSON leaves, and
// returns the JSON text too.
func jwtSegment(seg string) ([]leaf, string, error) {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(seg, "="))
	if err != nil {
		return nil, "", err
	}
	text := string(raw)
	if !strings.HasPrefix(strings.TrimSpace(text), "{") {
		return nil, "", fmt.Errorf("it decodes to something other than a JSON object")
	}
	leaves, n, err := parseJSON(text)
	return leaves, text[:n], err
}

// maxTokenViews bounds the tokens a result shows as JSON, and
// maxTokenViewBytes their text, beside the fields' own bounds.
const (
	maxTokenViews     = 8
	maxTokenViewBytes = maxFieldBytes / 2
)

// tokenJSON adds a JWT's header and claims to the result as JSON text,
// pretty-printed and in their own order, the way jwt.io shows them; every
// name and value is masked as the fields mask it.
func (s *session) tokenJSON(field, header, claims string) {
	if len(s.res.Tokens) >= maxTokenViews || s.tokenBytes >= maxTokenViewBytes {
		return
	}
	view := TokenJSON{Field: field, Header: s.maskedJSON(header), Claims: s.maskedJSON(claims)}
	if view.Header == "" && view.Claims == "" {
		return
	}
	s.tokenBytes += len(view.Header) + len(view.Claims)
	s.res.Tokens = append(s.res.Tokens, view)
}

// maskedJSON pretty-prints JSON text with each key and scalar masked as a
// field's name and value are; "" when there is none or it does not parse.
func (s *session) maskedJSON(text string) string {
	if text == "" {
		return ""
	}
	out, err := rewriteJSON([]byte(text), func(k string) string { return s.scrub.clean(maskText(k)) }, func(c jsonScalar) any {
		str, isString := c.value.(string)
		if !isString {
			if c.value == nil {
				return nil
			}
			str = fmt.Sprint(c.value) // a json.Number's text, or a boolean
		}
		shown, _ := maskField(c.key, str, inParams)
		if shown = s.scrub.clean(shown); !isString && shown == str {
			return c.value
		}
		return strings.ToValidUTF8(shown, "\uFFFD")
	})
	var b bytes.Buffer
	if err != nil || json.Indent(&b, out, "", "  ") != nil {
		return ""
	}
	return b.String()
}

func leafValue(leaves []leaf, key string) string {
	for _, l := range leaves {
		if l.top && l.key == key {
			return l.value
		}
	}
	return ""
}

// numericDate reads a JWT NumericDate (seconds since 1970, possibly with a
// fraction); values outside years 1970-9999 are not dates.
func numericDate(v string) (time.Time, bool) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 || f > 253402300799 {
		return time.Time{}, false
	}
	return time.Unix(int64(f), 0).UTC(), true
}

// human writes a duration the way a person says it: "3 days", "2 hours 5 minutes", "40 seconds".
func human(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	unit := func(n int64, word string) string {
		if n == 1 {
			return "1 " + word
		}
		return strconv.FormatInt(n, 10) + " " + word + "s"
	}
	secs := int64(d / time.Second)
	switch {
	case secs < 60:
		return unit(secs, "second")
	case secs < 3600:
		return unit(secs/60, "minute") + joinUnit(secs%60, "second", unit)
	case secs < 86400:
		return unit(secs/3600, "hour") + joinUnit(secs%3600/60, "minute", unit)
	default:
		return unit(secs/86400, "day") + joinUnit(secs%86400/3600, "hour", unit)
	}
}

func joinUnit(n int64, word string, unit func(int64, string) string) string {
	if n == 0 {
		return ""
	}
	return " " + unit(n, word)
}
