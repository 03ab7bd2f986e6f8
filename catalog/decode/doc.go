// Package decode explains what a person pastes when a sign-in fails: a
// callback URL (the response in its query or fragment), a bare query string or
// form_post body, a JSON error body, a WWW-Authenticate header, a JWT, a SAML
// response (base64, deflate+base64 or raw XML), a log line, a message from an
// error page, or a bare code.
//
// Decode takes one string and returns a Result: every field found, with
// secrets masked; the provider that most likely produced it and why; the
// catalog entries for the codes found, most specific first; and the warnings a
// reviewer would give (no state, iss mismatch, tokens in a URL, an expired
// token or assertion, clock skew, an unverified signature).
//
// The package is pure: no I/O, no network, standard library plus the catalog.
// It builds for js/wasm. Nothing it returns carries a secret from the input:
// authorization codes, tokens, client secrets, passwords and JWT signatures are
// replaced by a masked form that keeps their length and a few leading
// characters ("eyJhbG…[masked, 812 chars]"); a password keeps none. MaskInput
// applies the same masking to a whole input, for share links, and masks
// personal data there too (a JWT's claims about its subject, a SAML
// message's NameID and attribute values) unless MaskInputWith is asked to
// keep it.
//
// Every call's work is bounded by the size of its input, whatever the
// input holds (see the limits in errors.go), and DecodeContext stops when
// its context ends.
//
// DecodeHAR reads a browser's HAR export of a sign-in as a stream and
// explains it as steps, naming the one where it failed; SanitizeHAR writes
// the HAR back with every secret masked, to share it. Both mask with the
// same rules as Decode and MaskInput. Options.Expect compares what the
// input shows with what the app is configured with (Result.Diagnosis).
//
// Signatures are never verified: the decoder has no keys and does not fetch
// any. Every result that shows a JWT or a SAML response says so.
package decode
