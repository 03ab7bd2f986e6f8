package api

import "net/http"

// Problem is an error answer, an RFC 9457 problem document
// (application/problem+json).
type Problem struct {
	// Type identifies the kind of problem; "about:blank" when the status says it all.
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	// Detail explains this occurrence to a person.
	Detail string `json:"detail"`
	// Suggestions are entries close to an unknown code, best first.
	Suggestions []Summary `json:"suggestions,omitempty"`
}

// problemType is a kind of problem: its type URI and title.
type problemType struct{ uri, title string }

// The problem types of the API. Those that only restate the HTTP status are
// about:blank, titled with the status text as RFC 9457 asks.
var (
	typeBadParameter = problemType{"https://authcodes.dev/problems/invalid-parameter", "A request parameter is invalid"}
	typeUnknownCode  = problemType{"https://authcodes.dev/problems/unknown-code", "The catalog has no such code"}
	typeBadInput     = problemType{"https://authcodes.dev/problems/undecodable-input", "The decoder cannot read this input"}
	typeNoRoute      = problemType{"about:blank", http.StatusText(http.StatusNotFound)}
	typeMethod       = problemType{"about:blank", http.StatusText(http.StatusMethodNotAllowed)}
	typeTooLarge     = problemType{"about:blank", "Content Too Large"}
	typeMediaType    = problemType{"about:blank", http.StatusText(http.StatusUnsupportedMediaType)}
	typeInternal     = problemType{"about:blank", http.StatusText(http.StatusInternalServerError)}
)

// problemResponse is a problem answer.
func problemResponse(status int, t problemType, detail string) *response {
	return problemWith(Problem{Type: t.uri, Title: t.title, Status: status, Detail: detail})
}

func problemWith(p Problem) *response {
	resp := jsonResponse(p.Status, p)
	resp.contentType = "application/problem+json"
	return resp
}

// badRequest is a 400 problem about a parameter.
func badRequest(detail string) *response {
	return problemResponse(http.StatusBadRequest, typeBadParameter, detail)
}
