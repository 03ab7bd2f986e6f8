// Command authcodes explains authentication errors from the command line:
// it decodes what a failed sign-in left behind (a callback URL, an error body,
// a WWW-Authenticate header, a JWT, a SAML response, a log line), looks codes
// up in the catalog, and searches it.
//
//	authcodes decode [--json] [--expect KEY=VALUE]... [INPUT | FILE.har | -]
//	authcodes sanitize [--keep-personal] FILE.har > clean.har
//	authcodes lookup [--json] CODE
//	authcodes search [--json] [--limit N] QUERY
//	authcodes serve [--addr HOST:PORT]
//	authcodes mcp
//
// Exit status: 0 when something was recognised or found, 1 when nothing
// was, 2 on bad usage or input that cannot be read.
package main

import (
	"fmt"
	"io"
	"os"
)

// Exit statuses.
const (
	exitFound    = 0
	exitNotFound = 1
	exitUsage    = 2
)

const usage = `authcodes explains authentication errors: OAuth 2.0, OpenID Connect, SAML 2.0,
SCIM, and Microsoft Entra ID, Okta, Auth0, Keycloak, Google, GitHub and more.

Usage:
  authcodes decode [--json] [INPUT | -]        explain a callback URL, error body,
                                               WWW-Authenticate header, JWT, SAML
                                               response, log line, code or HAR file
                                               (--expect KEY=VALUE compares with
                                               what the app is configured with)
  authcodes sanitize FILE.har                  write the HAR with every secret
                                               masked, to share it
  authcodes lookup [--json] CODE               show the catalog entries for a code
  authcodes search [--json] [--limit N] QUERY  search the catalog by code, message
                                               or symptom
  authcodes serve [--addr HOST:PORT]           serve the JSON API at /v1/ on
                                               127.0.0.1:8080 (Ctrl-C to stop)
  authcodes mcp                                serve lookup, search and decode to an
                                               AI assistant (Model Context Protocol
                                               over stdin and stdout)
  authcodes help                               show this help

decode reads standard input when INPUT is "-" or absent. Secrets (authorization
codes, tokens, passwords, signatures) are masked in every output, and
signatures are never verified. --json prints one JSON object.

Exit status: 0 something was recognised or found, 1 nothing was,
2 bad usage or input that cannot be read.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole program, with its inputs and outputs passed in so that
// tests can drive it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	out := newPrinter(stdout)
	switch cmd, rest := args[0], args[1:]; cmd {
	case "decode":
		return runDecode(rest, stdin, out, stderr)
	case "sanitize":
		return runSanitize(rest, stdin, stdout, stderr)
	case "lookup":
		return runLookup(rest, out, stderr)
	case "search":
		return runSearch(rest, out, stderr)
	case "serve":
		return runServe(rest, stdout, stderr)
	case "mcp":
		return runMCP(rest, stdin, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitFound
	default:
		fmt.Fprintf(stderr, "authcodes: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
}
