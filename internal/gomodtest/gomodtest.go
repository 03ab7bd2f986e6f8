// Package gomodtest runs the go command in a module of a test's own, one
// that requires this repository through a replace directive, the way a user
// of the repository would build against it.
//
// It resolves modules from the module cache first (GOPROXY=off): the main
// module's own build has put nearly everything there. Only what the cache
// lacks (a tool's dependencies on a fresh machine) is fetched, from the
// module proxy the go command is set up with, and nothing else.
package gomodtest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// RepoRoot is the repository's root seen from a package directory one
// level down (tests run in their package's directory); levels counts them.
func RepoRoot(t testing.TB, levels int) string {
	t.Helper()
	root, err := filepath.Abs(strings.Repeat("../", levels))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("no go.mod at %s: %v", root, err)
	}
	return filepath.Clean(root)
}

// Go runs the go command in dir and returns its combined output, failing
// the test when it fails.
func Go(t testing.TB, dir string, args ...string) []byte {
	t.Helper()
	out, err := run(dir, "off", args)
	if err != nil && bytes.Contains(out, []byte("GOPROXY=off")) {
		// The cache lacks a module: fetch it as the go command would.
		out, err = run(dir, "", args)
	}
	if err != nil {
		t.Fatalf("go %s (in %s): %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return out
}

func run(dir, proxy string, args []string) ([]byte, error) {
	gocmd := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(gocmd); err != nil {
		gocmd = "go"
	}
	cmd := exec.Command(gocmd, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod -buildvcs=false", "GOWORK=off", "GOTOOLCHAIN=local")
	if proxy != "" {
		cmd.Env = append(cmd.Env, "GOPROXY="+proxy)
	}
	return cmd.CombinedOutput()
}

// CopyModule copies the files of a module directory (not its
// subdirectories) into dst, pointing its replace directive for the
// repository at root.
func CopyModule(t testing.TB, src, dst, root string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "go.mod" {
			b = []byte(ReplaceRepo(string(b), root))
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// ReplaceRepo points a go.mod's replace directive for this repository at root.
func ReplaceRepo(goMod, root string) string {
	var out []string
	for _, line := range strings.Split(goMod, "\n") {
		if strings.HasPrefix(line, "replace github.com/authcodes/authcodes =>") {
			line = "replace github.com/authcodes/authcodes => " + root
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
