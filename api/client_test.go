package api

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/authcodes/authcodes/internal/gomodtest"
)

// TestGeneratedClient generates a Go client from openapi.json with
// oapi-codegen and runs its tests, which call every route of this handler
// on loopback with it (testdata/client/client_test.go). The client module is
// copied to a temporary directory first, so that nothing here rewrites the
// checkout; oapi-codegen is that module's tool dependency, never this one's.
//
// The generated client is committed beside its test, for reading; this test
// fails when it is stale (regenerate with go generate in testdata/client).
func TestGeneratedClient(t *testing.T) {
	if testing.Short() {
		t.Skip("builds oapi-codegen and a client module with the go command")
	}
	root := gomodtest.RepoRoot(t, 1)
	dir := t.TempDir()
	gomodtest.CopyModule(t, filepath.Join("testdata", "client"), dir, root)
	committed, err := os.ReadFile(filepath.Join("testdata", "client", "client.gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	gomodtest.Go(t, dir, "tool", "oapi-codegen", "-config", "oapi-codegen.yaml", filepath.Join(root, "api", "openapi.json"))
	generated, err := os.ReadFile(filepath.Join(dir, "client.gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(generated, committed) {
		t.Errorf("testdata/client/client.gen.go is stale: run go generate in api/testdata/client")
	}
	out := gomodtest.Go(t, dir, "test", "-count=1", "./...")
	t.Logf("%s", out)
}
