package catalog

import (
	"regexp"
	"strings"
	"testing"
)

// An Entra message is the text that follows "AADSTSnnnnn: " in an
// error_description, so that the decoder can find it whether or not the code
// was pasted with it; its variable parts are {placeholders}.
var leadingEntraCode = regexp.MustCompile(`^AADSTS\d+`)

func TestEntraMessagesAreTheTextAfterTheCode(t *testing.T) {
	for _, e := range embeddedCatalog(t).ProviderEntries("entra") {
		for _, m := range e.Messages {
			if leadingEntraCode.MatchString(m) {
				t.Errorf("%s: message %q starts with the code; keep only the text after it", e.File, m)
			}
			if strings.Count(m, "{") != strings.Count(m, "}") {
				t.Errorf("%s: message %q has an unclosed {placeholder}", e.File, m)
			}
			if strings.Contains(m, "Trace ID:") || strings.Contains(m, "Correlation ID:") {
				t.Errorf("%s: message %q includes the per-request trace lines", e.File, m)
			}
		}
	}
}
