package decode

import (
	"reflect"
	"testing"
)

// TestAuthSchemesMatchesThePattern: the hand-written finder returns what
// the authScheme pattern it replaces returns.
func TestAuthSchemesMatchesThePattern(t *testing.T) {
	for _, in := range []string{"Authorization: Bearer eyJabc.def.ghi", "bearer  abc== x", "xBearer abc", "Basic dXNlcjpwYXNz", "Bearer", "DPoP\tabc/def+g=", "negotiate YIIabc, Bearer x", logLine2KB, "SSWS 00abc-_"} {
		want := authScheme().FindAllStringSubmatchIndex(in, -1)
		got := authSchemes(in, -1)
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%q: regexp %v, hand %v", in, want, got)
		}
	}
}
