package catalog

import (
	"fmt"
	"strings"
	"time"
)

// Cause is one of a guide's likely causes that the decoder can check in
// what a failed sign-in left behind: the cause in words, and the
// conditions (When) any one of which, found in the evidence, points at it.
type Cause struct {
	Text string   `yaml:"text"`
	When []string `yaml:"when"`
}

// CauseConditions are the conditions a cause may name in When: a closed set
// of mechanisms, each checked by a predicate of the decoder over what it
// decoded. A condition is a name, or name:argument for those that take one.
var CauseConditions = map[string]ConditionArg{
	// A redirect_uri (or callback) with http:// on a host that is not a
	// loopback address or localhost.
	"redirect_uri_scheme_http_non_localhost": NoArg,
	// The redirect_uri sent differs from the one the app is configured with.
	"redirect_uri_differs": NoArg,
	// The client_id sent differs from the configured one.
	"client_id_differs": NoArg,
	// A token's aud does not name the client that asked for it (its azp,
	// appid or client_id, or the configured client id or audience).
	"aud_differs_from_client_id": NoArg,
	// The issuer differs from the configured one or from the provider's hosts.
	"issuer_differs": NoArg,
	// A SAML response's Destination or Recipient is not the ACS URL (the
	// other one, or the configured acs_url).
	"saml_destination_not_acs": NoArg,
	// A token or assertion has expired.
	"token_expired": NoArg,
	// Times show clocks out of step (issued in the future, not yet valid).
	"clock_skew": NoArg,
	// A token was issued longer ago than the argument ("90d", "24h").
	"token_age_over": DurationArg,
	// An authorization request without PKCE's code_challenge.
	"pkce_missing": NoArg,
	// A request or response without state.
	"state_missing": NoArg,
	// A SAML response with no signature at all.
	"saml_unsigned": NoArg,
	// An encrypted assertion.
	"saml_encrypted": NoArg,
	// A field (by the end of its name) whose value contains a text:
	// "grant_type=password", "prompt=none".
	"field_contains": FieldTextArg,
	// No field of that name was found ("code_verifier").
	"field_absent": TextArg,
	// The input's text or a field holds the text (case-insensitive): a
	// library's or provider's message that names one cause of several.
	"message_contains": TextArg,
}

// ConditionArg says what argument a condition takes.
type ConditionArg int

const (
	NoArg        ConditionArg = iota
	TextArg                   // any non-empty text
	DurationArg               // a whole number of days ("90d") or a Go duration ("12h")
	FieldTextArg              // NAME=TEXT
)

// ParseCondition splits a condition into its name and argument and checks
// both against CauseConditions.
func ParseCondition(c string) (name, arg string, err error) {
	name, arg, hasArg := strings.Cut(c, ":")
	kind, ok := CauseConditions[name]
	switch {
	case !ok:
		return "", "", fmt.Errorf("unknown condition %q", name)
	case kind == NoArg && hasArg:
		return "", "", fmt.Errorf("condition %s takes no argument", name)
	case kind != NoArg && strings.TrimSpace(arg) == "":
		return "", "", fmt.Errorf("condition %s needs an argument (%s:...)", name, name)
	case kind == DurationArg:
		if _, err := ParseAge(arg); err != nil {
			return "", "", fmt.Errorf("condition %s: %v", name, err)
		}
	case kind == FieldTextArg && !isFieldText(arg):
		return "", "", fmt.Errorf("condition %s takes NAME=TEXT, not %q", name, arg)
	}
	return name, arg, nil
}

// isFieldText tells whether s is NAME=TEXT: a name of letters, digits, _
// and ., and a text on one line.
func isFieldText(s string) bool {
	name, text, found := strings.Cut(s, "=")
	return found && name != "" && text != "" && !strings.Contains(text, "\n") &&
		strings.Trim(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.") == ""
}

// ParseAge reads "90d" (days) or a Go duration ("12h").
func ParseAge(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		var n int
		if _, err := fmt.Sscanf(days, "%d", &n); err == nil && n > 0 && fmt.Sprint(n) == days {
			return time.Duration(n) * 24 * time.Hour, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%q is not an age (90d, 12h)", s)
	}
	return d, nil
}
