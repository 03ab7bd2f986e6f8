package decode

import (
	"bytes"
	"encoding/json"
	"io"
)

// jsonScalar is one scalar of a JSON value being rewritten: member is the
// outermost object's member it is in ("" when the value is a scalar
// itself), key its nearest object key, and top whether it is that member's
// value itself rather than inside an object or array under it.
type jsonScalar struct {
	member, key string
	top         bool
	value       any // string, json.Number, bool or nil
}

// rewriteJSON writes the first JSON value of text again, compact, in its
// own order, with every scalar replaced by what scalar returns and every
// object key by what key returns (nil keeps keys). Keeping the order and
// the structure is the point: a share link's JWT and the decoder's JSON
// view show the fields where the original had them.
func rewriteJSON(text []byte, key func(string) string, scalar func(jsonScalar) any) ([]byte, error) {
	type frame struct {
		object, wantKey bool
		n               int
		key             string // the last key read (of an array: its object's)
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // the text is shown, never parsed as HTML
	write := func(v any) error {
		if err := enc.Encode(v); err != nil {
			return err
		}
		b.Truncate(b.Len() - 1) // Encode's newline
		return nil
	}
	var stack []frame
	member := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF && len(stack) == 0 && b.Len() > 0 {
			return b.Bytes(), nil
		}
		if err != nil {
			return nil, err
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			b.WriteByte(byte(d))
			if stack = stack[:len(stack)-1]; len(stack) == 0 {
				return b.Bytes(), nil
			}
			continue
		}
		inherited := ""
		if len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.n > 0 && (!f.object || f.wantKey) {
				b.WriteByte(',')
			}
			if f.object && f.wantKey {
				k, _ := tok.(string)
				if len(stack) == 1 {
					member = k
				}
				if key != nil {
					k = key(k)
				}
				if err := write(k); err != nil {
					return nil, err
				}
				b.WriteByte(':')
				f.key, f.wantKey = tok.(string), false
				continue
			}
			f.n++
			f.wantKey = f.object
			inherited = f.key
		}
		switch t := tok.(type) {
		case json.Delim:
			if len(stack) >= MaxDepth {
				return nil, ErrTooDeep
			}
			b.WriteByte(byte(t))
			stack = append(stack, frame{object: t == '{', wantKey: t == '{', key: inherited})
		default:
			v := scalar(jsonScalar{member: member, key: inherited, top: len(stack) == 1 && stack[0].object, value: t})
			if err := write(v); err != nil {
				return nil, err
			}
			if len(stack) == 0 {
				return b.Bytes(), nil
			}
		}
	}
}
