package catalog

import (
	"strings"

	"github.com/authcodes/authcodes/catalog/internal/wordshape"
)

// UnknownCode is a word shaped like a provider's code that no entry carries:
// "AADSTS999123" is an Entra code, just not one the catalog lists.
type UnknownCode struct {
	// Code is the code as the provider writes it.
	Code string `json:"code"`
	// Provider is the key of the provider whose shape it has.
	Provider string `json:"provider"`
	// LookupURL is where that provider explains its codes.
	LookupURL string `json:"lookup_url"`
}

// shape is a provider's code shape, compiled. Shapes are matched by
// wordshape, not regexp: they are simple, and the browser's search module,
// which finds unknown codes too, then links no regular expression engine.
type shape struct {
	provider string
	re       *wordshape.Shape
	CodeShape
}

// compileShape compiles a shape's pattern, matched against a whole word
// with letter case ignored.
func compileShape(pattern string) (*wordshape.Shape, error) {
	return wordshape.Compile(pattern)
}

// compileShapes compiles every provider's shapes; Load has validated them,
// so one that does not compile (only in a hand-made catalog) is left out.
func compileShapes(providers []*Provider) []shape {
	var out []shape
	for _, p := range providers {
		for _, cs := range p.CodeShapes {
			if re, err := compileShape(cs.Pattern); err == nil {
				out = append(out, shape{p.Key, re, cs})
			}
		}
	}
	return out
}

// UnknownCode finds the first word of the query that has the shape of a
// provider's code but names none of that provider's entries. A code the
// catalog lists, at that provider, is not unknown.
func (c *Catalog) UnknownCode(query string) (UnknownCode, bool) {
	shapes := c.shapes()
	if len(shapes) == 0 {
		return UnknownCode{}, false
	}
	for _, w := range QueryWords(query) {
		w = strings.Trim(w, ".:#“”‘’")
		for _, s := range shapes {
			m := s.re.Match(w)
			if m == nil || c.listed(w, s.provider) {
				continue
			}
			code := w
			if s.Code != "" {
				code = string(s.re.Expand(nil, s.Code, w, m))
			}
			return UnknownCode{Code: code, Provider: s.provider, LookupURL: string(s.re.Expand(nil, s.LookupURL, w, m))}, true
		}
	}
	return UnknownCode{}, false
}

// listed tells whether any entry of the provider carries the code.
func (c *Catalog) listed(code, provider string) bool {
	for _, e := range c.Lookup(code) {
		if e.Provider == provider {
			return true
		}
	}
	return false
}
