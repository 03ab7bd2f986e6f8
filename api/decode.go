package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/authcodes/authcodes/catalog/decode"
)

// maxBodyBytes bounds a POST body: the decoder's own input limit (256 KiB).
const maxBodyBytes = decode.MaxInputBytes

// decodeContentTypes are the bodies POST /v1/decode reads, for 415 answers.
const decodeContentTypes = "text/plain, application/x-www-form-urlencoded, application/json, application/har+json"

// decode answers GET /v1/decode?input= and POST /v1/decode. The input is
// passed to the decoder and to nothing else: it is never logged, and the
// answer is never cached (Cache-Control: no-store).
func (h *Handler) decode(req *request) *response {
	if req.Method == http.MethodPost && isHARBody(req.Header.Get("Content-Type")) {
		return h.decodeHAR(req)
	}
	input, expect, bad := req.decodeInput()
	if bad != nil {
		return bad
	}
	// The request's context ends when its client goes away: the decoder
	// stops then instead of finishing work nobody will read.
	res, err := h.decoder().DecodeContext(req.Context(), input, decode.Options{Now: h.now(), Expect: expect})
	return decodeAnswer(req, res, err)
}

// maxHARBodyBytes bounds a HAR posted as application/har+json: the page's
// limit, read as a stream.
const maxHARBodyBytes = decode.MaxHARBytesInPage

func isHARBody(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "application/har+json"
}

// decodeHAR answers a HAR posted whole (Content-Type application/har+json),
// read as it arrives; expectations come from the query (expect.KEY=VALUE).
func (h *Handler) decodeHAR(req *request) *response {
	expect := map[string]string{}
	for k := range req.query {
		if key, ok := strings.CutPrefix(k, "expect."); ok {
			expect[key] = req.query.Get(k)
		}
	}
	if err := decode.CheckExpect(expect); err != nil {
		return badRequest("expect: " + err.Error() + ".")
	}
	if req.ContentLength > maxHARBodyBytes {
		return problemResponse(http.StatusRequestEntityTooLarge, typeTooLarge, "The HAR is larger than the 20 MB limit; export only the failing sign-in.")
	}
	if req.Body == nil {
		return badRequest("POST the HAR file as the body.")
	}
	res, err := h.decoder().DecodeHAR(req.Context(), req.Body, decode.HAROptions{Options: decode.Options{Now: h.now(), Expect: expect}, MaxBytes: maxHARBodyBytes})
	return decodeAnswer(req, res, err)
}

// decodeAnswer turns the decoder's answer into the API's.
func decodeAnswer(req *request, res *decode.Result, err error) *response {
	var inputErr *decode.InputError
	switch {
	case req.Context().Err() != nil:
		return problemResponse(http.StatusServiceUnavailable, typeInternal, "The request was cancelled before the input was decoded.")
	case errors.Is(err, decode.ErrTooLarge):
		return problemResponse(http.StatusRequestEntityTooLarge, typeTooLarge, err.Error())
	case errors.As(err, &inputErr):
		return problemResponse(http.StatusBadRequest, typeBadInput, err.Error())
	case err != nil:
		return problemResponse(http.StatusInternalServerError, typeInternal, "The decoder failed on this input.")
	}
	return jsonResponse(http.StatusOK, res)
}

// decodeInput reads the input from the query (GET) or the body (POST), and
// what the app is configured with (a JSON body's expect object, a form's
// expect.KEY fields).
func (req *request) decodeInput() (string, map[string]string, *response) {
	input, expect, bad := req.readDecodeInput()
	if bad == nil {
		if err := decode.CheckExpect(expect); err != nil {
			return "", nil, badRequest("expect: " + err.Error() + ".")
		}
	}
	return input, expect, bad
}

func (req *request) readDecodeInput() (string, map[string]string, *response) {
	if req.Method != http.MethodPost {
		if !req.query.Has("input") {
			return "", nil, badRequest("The input parameter is required (or POST the input).")
		}
		return req.query.Get("input"), nil, nil
	}
	mediaType := "text/plain"
	if ct := req.Header.Get("Content-Type"); ct != "" {
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil {
			return "", nil, unsupportedMediaType("The Content-Type header is malformed.")
		}
		if cs := strings.ToLower(params["charset"]); cs != "" && cs != "utf-8" && cs != "us-ascii" {
			return "", nil, unsupportedMediaType("The body must be UTF-8, not " + params["charset"] + ".")
		}
		mediaType = mt
	}
	if mediaType != "text/plain" && mediaType != "application/x-www-form-urlencoded" && mediaType != "application/json" {
		return "", nil, unsupportedMediaType("POST the input as " + decodeContentTypes + ", not " + mediaType + ".")
	}
	tooLarge := problemResponse(http.StatusRequestEntityTooLarge, typeTooLarge, "The body is larger than the 256 KiB limit; paste only the response, body or log line.")
	if req.ContentLength > maxBodyBytes {
		// Refused unread: cheaper, and under wrangler dev a body abandoned
		// half-read breaks the local proxy's next request.
		return "", nil, tooLarge
	}
	if req.Body == nil {
		// The worker's requests have no body at all when none was sent.
		return "", nil, nil
	}
	body, err := io.ReadAll(http.MaxBytesReader(req.w, req.Body, maxBodyBytes))
	if err != nil {
		if errors.As(err, new(*http.MaxBytesError)) {
			return "", nil, tooLarge
		}
		return "", nil, badRequest("The body could not be read.")
	}
	// One rule for every body, the README's: text that is not UTF-8 is
	// refused, as the decoder refuses it in text/plain, rather than repaired
	// by the JSON reader.
	if !utf8.Valid(body) {
		return "", nil, notUTF8(body)
	}
	switch mediaType {
	case "application/x-www-form-urlencoded":
		form, err := url.ParseQuery(string(body))
		if err != nil || !form.Has("input") {
			return "", nil, badRequest("A form body needs an input field (input=...); to post the raw text, use Content-Type: text/plain.")
		}
		var expect map[string]string
		for k := range form {
			if key, ok := strings.CutPrefix(k, "expect."); ok {
				if expect == nil {
					expect = map[string]string{}
				}
				expect[key] = form.Get(k)
			}
		}
		return form.Get("input"), expect, nil
	case "application/json":
		var v struct {
			Input  *string           `json:"input"`
			Expect map[string]string `json:"expect"`
		}
		if err := json.Unmarshal(body, &v); err != nil || v.Input == nil {
			return "", nil, badRequest(`A JSON body must be an object with a string member "input" (and, optionally, an object "expect" of strings).`)
		}
		if strings.ContainsRune(*v.Input, utf8.RuneError) && !bytes.ContainsRune(body, utf8.RuneError) && !bytes.Contains(bytes.ToLower(body), []byte(`\ufffd`)) {
			// The JSON reader replaced an escaped lone surrogate ("\ud800"):
			// not text either.
			return "", nil, problemResponse(http.StatusBadRequest, typeBadInput,
				(&decode.InputError{Err: decode.ErrBinary, Detail: "the JSON string escapes a lone UTF-16 surrogate"}).Error())
		}
		return *v.Input, v.Expect, nil
	}
	return string(body), nil, nil
}

// notUTF8 is the answer for a body that is not UTF-8, worded as the
// decoder words it.
func notUTF8(body []byte) *response {
	i := 0
	for i < len(body) {
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		i += size
	}
	detail := (&decode.InputError{Err: decode.ErrBinary, Detail: fmt.Sprintf("invalid UTF-8 at byte %d of the body", i)}).Error()
	return problemResponse(http.StatusBadRequest, typeBadInput, detail)
}

func unsupportedMediaType(detail string) *response {
	resp := problemResponse(http.StatusUnsupportedMediaType, typeMediaType, detail)
	resp.header.Set("Accept-Post", decodeContentTypes)
	return resp
}
