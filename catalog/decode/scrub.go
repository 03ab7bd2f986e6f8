package decode

import (
	"errors"
	"net/url"
	"strings"
)

// minScrub is the shortest credential scrubbed from a result: shorter ones
// (a four-digit PIN) would mask unrelated text that happens to match.
const minScrub = 6

// scrubber replaces every known credential in a string by its masked form.
type scrubber struct{ secrets []string }

func newScrubber(found []string) *scrubber {
	var sc scrubber
	add := func(v string) {
		if len(v) >= minScrub && !strings.Contains(v, "…[masked") {
			for _, s := range sc.secrets {
				if s == v {
					return
				}
			}
			sc.secrets = append(sc.secrets, v)
		}
	}
	for _, v := range found {
		add(v)
		if u, err := url.QueryUnescape(v); err == nil {
			add(u) // as the decoders show it
		}
	}
	return &sc
}

func (sc *scrubber) clean(s string) string {
	for _, v := range sc.secrets {
		if strings.Contains(s, v) {
			s = strings.ReplaceAll(s, v, maskValue(v))
		}
	}
	return s
}

// scrub masks, everywhere in the result, the credentials found in the input.
func (r *Result) scrub(found []string) {
	sc := newScrubber(found)
	if len(sc.secrets) == 0 {
		return
	}
	for i, f := range r.Fields {
		r.Fields[i] = Field{Name: sc.clean(f.Name), Value: sc.clean(f.Value)}
	}
	for i := range r.Masked {
		r.Masked[i] = sc.clean(r.Masked[i])
	}
	for i, c := range r.Codes {
		r.Codes[i] = Code{Value: sc.clean(c.Value), Field: sc.clean(c.Field)}
	}
	for i := range r.Matches {
		r.Matches[i].Found = sc.clean(r.Matches[i].Found)
		r.Matches[i].Field = sc.clean(r.Matches[i].Field)
	}
	for i := range r.Evidence {
		r.Evidence[i].Detail = sc.clean(r.Evidence[i].Detail)
	}
	for i := range r.Warnings {
		r.Warnings[i].Message = sc.clean(r.Warnings[i].Message)
		r.Warnings[i].Field = sc.clean(r.Warnings[i].Field)
	}
}

// scrubError masks the credentials found in the input in an error's detail.
func scrubError(err error, found []string) error {
	var ie *InputError
	if !errors.As(err, &ie) {
		return err
	}
	sc := newScrubber(found)
	ie.Detail, ie.Part = sc.clean(ie.Detail), sc.clean(ie.Part)
	return ie
}
