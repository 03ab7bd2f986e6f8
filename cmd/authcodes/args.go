package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/authcodes/authcodes/catalog/decode"
)

// options are a subcommand's flags and arguments.
type options struct {
	json  bool
	limit int
	// expect are decode's --expect key=value pairs.
	expect map[string]string
	args   []string
}

var errHelp = errors.New("help requested")

// parseArgs reads a subcommand's flags, which may come before or after its
// arguments ("authcodes decode URL --json"); "--" ends them, and "-" alone is
// an argument (standard input).
func parseArgs(args []string, withLimit bool) (options, error) {
	return parseFlags(args, withLimit, false)
}

// parseFlags is parseArgs; withExpect admits decode's --expect key=value
// (repeatable).
func parseFlags(args []string, withLimit, withExpect bool) (options, error) {
	var o options
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			o.args = append(o.args, args[i+1:]...)
			break
		}
		if a == "-" || !strings.HasPrefix(a, "-") {
			o.args = append(o.args, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		// needValue takes a flag's value from the next argument when it
		// was not given as --flag=value.
		needValue := func(what string) error {
			if hasValue {
				return nil
			}
			if i+1 >= len(args) {
				return fmt.Errorf("--%s needs %s", name, what)
			}
			i++
			value = args[i]
			return nil
		}
		switch {
		case name == "json" && !hasValue:
			o.json = true
		case name == "h" || name == "help":
			return o, errHelp
		case name == "limit" && withLimit:
			if err := needValue("a number"); err != nil {
				return o, err
			}
			n, err := strconv.Atoi(value)
			if err != nil || n < 1 {
				return o, fmt.Errorf("--limit must be a whole number from 1, not %q", value)
			}
			o.limit = n
		case name == "expect" && withExpect:
			if err := needValue("key=value"); err != nil {
				return o, err
			}
			k, v, err := decode.ParseExpectation(value)
			if err != nil {
				return o, fmt.Errorf("--expect: %v", err)
			}
			if o.expect == nil {
				o.expect = map[string]string{}
			}
			o.expect[k] = v
		default:
			return o, fmt.Errorf("unknown flag %s", a)
		}
	}
	return o, nil
}
