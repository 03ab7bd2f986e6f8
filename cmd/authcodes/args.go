package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// options are a subcommand's flags and arguments.
type options struct {
	json  bool
	limit int
	args  []string
}

var errHelp = errors.New("help requested")

// parseArgs reads a subcommand's flags, which may come before or after its
// arguments ("authcodes decode URL --json"); "--" ends them, and "-" alone is
// an argument (standard input).
func parseArgs(args []string, withLimit bool) (options, error) {
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
		switch {
		case name == "json" && !hasValue:
			o.json = true
		case name == "h" || name == "help":
			return o, errHelp
		case name == "limit" && withLimit:
			if !hasValue {
				if i+1 >= len(args) {
					return o, errors.New("--limit needs a number")
				}
				i++
				value = args[i]
			}
			n, err := strconv.Atoi(value)
			if err != nil || n < 1 {
				return o, fmt.Errorf("--limit must be a whole number from 1, not %q", value)
			}
			o.limit = n
		default:
			return o, fmt.Errorf("unknown flag %s", a)
		}
	}
	return o, nil
}
