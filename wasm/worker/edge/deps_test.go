package edge

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestWorkerLinksNoMarkdownRenderer: the worker serves guides rendered at
// build time, so neither goldmark nor the guide package may be among its
// dependencies (they would add to every cold start).
func TestWorkerLinksNoMarkdownRenderer(t *testing.T) {
	cmd := exec.Command("go", "list", "-e", "-deps", "-f", "{{.ImportPath}}", "..")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list found only %v", deps)
	}
	for _, d := range deps {
		if strings.HasPrefix(d, "github.com/yuin/goldmark") || d == "github.com/authcodes/authcodes/guide" {
			t.Errorf("the worker depends on %s", d)
		}
	}
}
