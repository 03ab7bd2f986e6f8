package e2e

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// uploadLine is wrangler's summary of what a deploy would upload.
var uploadLine = regexp.MustCompile(`Total Upload: [^\n]*`)

// TestDeployDryRun runs `wrangler deploy --dry-run` on the built edge: the
// configuration, the worker bundle and the assets are valid, with no account
// and no network. It logs the upload size (of the test build, which skips wasm-opt).
func TestDeployDryRun(t *testing.T) {
	bin := wranglerBin(t)
	dir := builtEdge(t)
	out := filepath.Join(dir, "dry-run")
	cmd := exec.Command(bin, "deploy", "--dry-run", "--outdir", out, "--config", filepath.Join(dir, "wrangler.toml"))
	cmd.Dir = dir
	cmd.Env = wranglerEnv(filepath.Join(dir, ".wrangler-home"))
	log, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("wrangler deploy --dry-run: %v\n%s", err, log)
	}
	line := uploadLine.Find(log)
	if line == nil {
		t.Fatalf("no upload size in:\n%s", log)
	}
	t.Log(string(line))
}
