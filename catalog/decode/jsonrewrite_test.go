package decode

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestRewriteJSON: a value written again keeps its members' order and its
// structure, and each scalar knows its outermost member and nearest key.
func TestRewriteJSON(t *testing.T) {
	tag := func(c jsonScalar) any {
		if c.value == nil {
			return nil
		}
		top := ""
		if c.top {
			top = "^"
		}
		return c.member + "/" + c.key + top + "=" + fmt.Sprint(c.value)
	}
	tests := []struct{ in, want string }{
		{`{"z":1,"a":"x"}`, `{"z":"z/z^=1","a":"a/a^=x"}`},
		{`{"o":{"k":[1,{"m":true}],"n":null},"s":"<b>"}`, `{"o":{"k":["o/k=1",{"m":"o/m=true"}],"n":null},"s":"s/s^=<b>"}`},
		{` [ "a" , 2 ] trailing`, `["/=a","/=2"]`},
		{`"just a string"`, `"/=just a string"`},
		{`{}`, `{}`},
		{`{"e":[],"f":{}}`, `{"e":[],"f":{}}`},
	}
	for _, tt := range tests {
		got, err := rewriteJSON([]byte(tt.in), nil, tag)
		if err != nil || string(got) != tt.want {
			t.Errorf("%s: %s (%v), want %s", tt.in, got, err, tt.want)
		}
	}
	keys, err := rewriteJSON([]byte(`{"a":{"b":1}}`), strings.ToUpper, func(c jsonScalar) any { return c.value })
	if err != nil || string(keys) != `{"A":{"B":1}}` {
		t.Errorf("keys rewritten: %s (%v)", keys, err)
	}
	for _, bad := range []string{`{"a":`, `{"a" 1}`, ``, `[1,2`} {
		if got, err := rewriteJSON([]byte(bad), nil, tag); err == nil {
			t.Errorf("%q: %s, want an error", bad, got)
		}
	}
	deep := strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1)
	if _, err := rewriteJSON([]byte(deep), nil, tag); !errors.Is(err, ErrTooDeep) {
		t.Errorf("nested %d deep: %v, want ErrTooDeep", MaxDepth+1, err)
	}
}
