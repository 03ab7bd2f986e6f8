package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// request is an incoming request with its route parameters and parsed query.
type request struct {
	*http.Request
	// w is only for http.MaxBytesReader, which tells the server to close a
	// connection whose body ran over; handlers never write to it.
	w      http.ResponseWriter
	params map[string]string
	query  url.Values
}

// parseQuery parses a query string, rejecting what url.Values would silently
// drop (a malformed escape, a semicolon separator).
func parseQuery(raw string) (url.Values, error) {
	return url.ParseQuery(raw)
}

// maxTextBytes bounds a code or query; longer text belongs in the decoder.
const maxTextBytes = 1024

// text returns a required text parameter, or a 400 problem saying what is
// wrong with it.
func (req *request) text(name string) (string, *response) {
	v := strings.TrimSpace(req.query.Get(name))
	if v == "" {
		return "", badRequest(fmt.Sprintf("The %s parameter is required.", name))
	}
	return v, checkText(name, v)
}

// checkText rejects text no code or query can be: too long, or not UTF-8.
func checkText(name, v string) *response {
	switch {
	case len(v) > maxTextBytes:
		return badRequest(fmt.Sprintf("The %s is %d bytes; at most %d (paste long messages into /v1/decode).", name, len(v), maxTextBytes))
	case !utf8.ValidString(v):
		return badRequest(fmt.Sprintf("The %s is not valid UTF-8.", name))
	}
	return nil
}

// integer returns an optional integer parameter within [lo, hi], def when absent.
func (req *request) integer(name string, def, lo, hi int) (int, *response) {
	s := req.query.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, badRequest(fmt.Sprintf("The %s parameter must be an integer from %d to %d.", name, lo, hi))
	}
	return n, nil
}
