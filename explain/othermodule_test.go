package explain

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authcodes/authcodes/internal/gomodtest"
)

// TestFromAnotherModule builds a program in a module of its own that
// requires this one (through a replace directive to the checkout) and
// golang.org/x/oauth2, as a user's service would, and runs it on an Entra
// token error. Modules come from the module cache, where the main module's
// own build has put them (see gomodtest).
func TestFromAnotherModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program with the go command")
	}
	repo := gomodtest.RepoRoot(t, 1)
	oauth2Version := requiredVersion(t, filepath.Join(repo, "go.mod"), "golang.org/x/oauth2")
	dir := t.TempDir()
	goMod := "module example.com/othermodule\n\ngo 1.26\n\n" +
		"require (\n\tgithub.com/authcodes/authcodes v0.0.0\n\tgolang.org/x/oauth2 " + oauth2Version + "\n)\n\n" +
		"replace github.com/authcodes/authcodes => " + repo + "\n"
	copyFile(t, filepath.Join(repo, "go.sum"), filepath.Join(dir, "go.sum"))
	write(t, filepath.Join(dir, "go.mod"), goMod)
	copyFile(t, "testdata/othermodule/main.go.txt", filepath.Join(dir, "main.go"))

	out := gomodtest.Go(t, dir, "run", ".", filepath.Join(repo, "explain", "testdata", "entra_invalid_client.json"))
	if got := strings.TrimSpace(string(out)); got != "entra/AADSTS7000215" {
		t.Fatalf("the other module printed %q, want entra/AADSTS7000215", got)
	}
}

// requiredVersion reads the version of a module required in a go.mod file.
func requiredVersion(t *testing.T, goMod, module string) string {
	t.Helper()
	b, err := os.ReadFile(goMod)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == module {
			return f[1]
		}
	}
	t.Fatalf("%s does not require %s", goMod, module)
	return ""
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	write(t, to, string(b))
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCatalogDoesNotImportOAuth2: golang.org/x/oauth2 is this package's
// dependency alone; the catalog, which builds for the browser and the edge,
// must not gain it.
func TestCatalogDoesNotImportOAuth2(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	// Plain go list in the main module: nothing here may rewrite its go.mod.
	cmd := exec.Command("go", "list", "-deps", "./catalog/...")
	cmd.Dir = gomodtest.RepoRoot(t, 1)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.HasPrefix(pkg, "golang.org/x/oauth2") {
			t.Errorf("the catalog depends on %s", pkg)
		}
	}
}
