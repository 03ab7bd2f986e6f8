package decode

import (
	"errors"
	"fmt"
	"strings"
)

// Limits on what Decode accepts. They keep a hostile paste from costing more
// than a few milliseconds or a few megabytes.
const (
	// MaxInputBytes is the largest input Decode accepts: 256 KiB.
	MaxInputBytes = 256 << 10
	// MaxDepth bounds the nesting of JSON values and XML elements.
	MaxDepth = 64
	// maxInflatedBytes bounds a deflated SAML message once inflated.
	maxInflatedBytes = 1 << 20
	// maxFields bounds how many fields one result lists.
	maxFields = 400
)

// The work budget of one Decode or MaskInput call. The input limit bounds
// what is read; these bound what reading it may unfold into, whatever the
// input holds: a paste of real sign-in data stays far inside every one.
const (
	// maxMessages bounds the SAML messages one input is decoded for (a paste
	// holds one or two); the rest are listed, masked, and not decoded.
	maxMessages = 8
	// maxInflatedTotal bounds the bytes all of an input's deflated SAML
	// messages inflate to, together.
	maxInflatedTotal = 2 * maxInflatedBytes
	// maxCapture bounds the text kept of one SAML element (an Issuer, a
	// StatusMessage); maxCapturedTotal that of all of them.
	maxCapture       = 4 << 10
	maxCapturedTotal = 64 << 10
	// maxFieldValue and maxFieldName bound one field as shown; longer ones
	// are cut, saying how long they were. maxFieldBytes bounds all fields.
	maxFieldValue = 16 << 10
	maxFieldName  = 256
	maxFieldBytes = 512 << 10
	// maxParams bounds the parameters of one query string or form body
	// that are read.
	maxParams = maxFields
	// maxCodes bounds the distinct codes one result lists.
	maxCodes = 64
	// maxWarnings bounds a result's warnings, maxWarningText each message.
	maxWarnings    = 32
	maxWarningText = 2 << 10
)

// Errors Decode returns for input it cannot work with. They are returned
// wrapped in an *InputError that says which part failed; test them with
// errors.Is.
var (
	ErrEmpty    = errors.New("the input is empty")
	ErrTooLarge = fmt.Errorf("the input is larger than the %d KiB limit", MaxInputBytes>>10)
	ErrBinary   = errors.New("the input is not text (it has NUL bytes or is not valid UTF-8)")
	ErrTooDeep  = fmt.Errorf("the input is nested more than %d levels deep", MaxDepth)
	// ErrMalformed: the input has a recognisable shape but is broken inside
	// (cut-off base64, JSON or XML syntax errors).
	ErrMalformed = errors.New("the input is malformed")
	// ErrUnsafeXML: the XML declares a DOCTYPE. SAML messages never have one;
	// it is how entity expansion ("billion laughs") and external entity
	// attacks start, so the decoder refuses it rather than ignoring it.
	ErrUnsafeXML = errors.New("the XML has a DOCTYPE declaration, which SAML messages never carry; refusing it")
)

// InputError is the error Decode returns: which part of the input failed
// (empty for the input as a whole), the reason (one of the Err values above)
// and a detail for a person.
type InputError struct {
	Part   string
	Err    error
	Detail string
}

func (e *InputError) Error() string {
	msg := e.Err.Error()
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	if e.Part != "" {
		msg = e.Part + ": " + msg
	}
	return msg
}

func (e *InputError) Unwrap() error { return e.Err }

// maxDetail bounds an error's detail: it may quote decoded bytes.
const maxDetail = 300

func inputError(part string, err error, format string, args ...any) *InputError {
	detail := strings.ToValidUTF8(fmt.Sprintf(format, args...), "\uFFFD")
	if len(detail) > maxDetail {
		detail = strings.ToValidUTF8(detail[:maxDetail], "") + "…"
	}
	return &InputError{Part: part, Err: err, Detail: detail}
}
