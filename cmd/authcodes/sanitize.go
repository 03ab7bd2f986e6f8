package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/authcodes/authcodes/catalog/decode"
)

const sanitizeUsage = `Usage: authcodes sanitize [--keep-personal] FILE.har > clean.har

Writes the HAR with every secret masked, to attach to a ticket or a forum
post: cookie and Set-Cookie values, Authorization headers, tokens, codes,
code verifiers, client secrets, passwords and form fields that hold them,
SAML signature values, and bodies' tokens. Login names and a SAML
assertion's NameID and attribute values are masked too, unless
--keep-personal. The output is a HAR that the browsers' HAR viewers open.
FILE is read from standard input when it is "-". Up to 50 MB.
`

func runSanitize(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	keep := false
	var files []string
	for _, a := range args {
		switch {
		case a == "--keep-personal" || a == "-keep-personal":
			keep = true
		case a == "-h" || a == "--help" || a == "-help":
			fmt.Fprint(stdout, sanitizeUsage)
			return exitFound
		case strings.HasPrefix(a, "-") && a != "-":
			fmt.Fprintf(stderr, "authcodes sanitize: unknown flag %s\n\n%s", a, sanitizeUsage)
			return exitUsage
		default:
			files = append(files, a)
		}
	}
	if len(files) != 1 {
		fmt.Fprintf(stderr, "authcodes sanitize: name one HAR file\n\n%s", sanitizeUsage)
		return exitUsage
	}
	var in io.ReadSeeker
	if files[0] == "-" {
		// The HAR is read twice: from standard input it is kept in memory.
		b, err := io.ReadAll(io.LimitReader(stdin, decode.MaxHARBytes+1))
		if err != nil {
			fmt.Fprintf(stderr, "authcodes sanitize: reading standard input: %v\n", err)
			return exitUsage
		}
		in = bytes.NewReader(b)
	} else {
		f, err := os.Open(files[0])
		if err != nil {
			fmt.Fprintf(stderr, "authcodes sanitize: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		in = f
	}
	// Streamed out: SanitizeHAR reads the whole HAR once before it writes
	// anything, so a broken HAR is refused before a byte is written.
	if err := decode.SanitizeHAR(context.Background(), stdout, in, decode.HAROptions{KeepPersonal: keep}); err != nil {
		fmt.Fprintf(stderr, "authcodes sanitize: %v\n", err)
		return exitUsage
	}
	return exitFound
}
