package e2e

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// A worker served by workerd itself rather than through `wrangler dev`.
//
// wrangler dev attaches a debugger to its worker (the DevTools protocol's
// Debugger domain, for breakpoints and source maps), and with a debugger
// attached V8 recompiles each WebAssembly function in debugging code on its
// next call: the first request then compiles again what the isolate's start
// had compiled (measured: 19–21 ms of CPU for the first lookup with a
// debugger attached to workerd, 2–3 ms without). Cloudflare attaches none,
// so the cold-start figures that matter are taken here.

// workerdModule is one module of a worker: its name as the others import it
// and the file it is read from. The first is the main module.
type workerdModule struct{ name, path string }

// workerdBin returns the workerd that wrangler pins (npm ci), or skips as
// wranglerBin does.
func workerdBin(tb testing.TB) string {
	tb.Helper()
	wranglerBin(tb) // the same installation, the same skip or failure
	root, err := moduleRoot()
	if err != nil {
		tb.Fatal(err)
	}
	return filepath.Join(root, "node_modules", ".bin", "workerd")
}

// compatibilityDate is the compatibility_date a wrangler.toml sets.
func compatibilityDate(toml string) (string, error) {
	data, err := os.ReadFile(toml)
	if err != nil {
		return "", err
	}
	m := regexp.MustCompile(`(?m)^compatibility_date\s*=\s*"([0-9-]+)"`).FindSubmatch(data)
	if m == nil {
		return "", fmt.Errorf("%s sets no compatibility_date", toml)
	}
	return string(m[1]), nil
}

// startWorkerd serves the modules on workerd, with env.ASSETS reading the
// files of assets (when not empty), and waits until readyPath answers 200.
// The modules are copied into a directory of their own beside the config,
// from where workerd embeds them.
func startWorkerd(bin, date string, modules []workerdModule, assets, readyPath string) (*devServer, error) {
	tmp, err := scratch()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(tmp, "workerd-")
	if err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	var mods, services, bindings []string
	for _, m := range modules {
		data, err := os.ReadFile(m.path)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, m.name), data, 0o644); err != nil {
			return nil, err
		}
		kind := "esModule"
		if strings.HasSuffix(m.name, ".wasm") {
			kind = "wasm"
		}
		mods = append(mods, fmt.Sprintf("(name = %q, %s = embed %q)", m.name, kind, m.name))
	}
	services = append(services, `(name = "main", worker = .worker)`)
	if assets != "" {
		abs, err := filepath.Abs(assets)
		if err != nil {
			return nil, err
		}
		services = append(services, fmt.Sprintf(`(name = "assets", disk = (path = %q, writable = false))`, abs))
		bindings = append(bindings, `(name = "ASSETS", service = "assets")`)
	}
	config := fmt.Sprintf(`using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ %s ],
  sockets = [ (name = "http", address = "127.0.0.1:%d", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ %s ],
  compatibilityDate = %q,
  bindings = [ %s ],
);
`, strings.Join(services, ", "), port, strings.Join(mods, ", "), date, strings.Join(bindings, ", "))
	if err := os.WriteFile(filepath.Join(dir, "config.capnp"), []byte(config), 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve", "config.capnp")
	cmd.Dir = dir
	return serve(cmd, "workerd", port, readyPath, time.Minute)
}

// TestWorkerdServesTheEdge: the edge served by workerd alone answers a
// lookup from a Go instance started with the isolate, as under wrangler, so
// that the benchmark taken there measures the same worker.
func TestWorkerdServesTheEdge(t *testing.T) {
	bin := workerdBin(t)
	dir := builtEdge(t)
	date, err := compatibilityDate(filepath.Join(dir, "wrangler.toml"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := startWorkerd(bin, date, edgeModules(dir), filepath.Join(dir, "dist"), "/")
	if err != nil {
		t.Fatal(err)
	}
	defer d.stop()
	resp, err := client.Get(d.URL + benchPaths["lookup"])
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("lookup: %d\n%s", resp.StatusCode, d.logs)
	}
	if st := resp.Header.Get("Server-Timing"); !strings.Contains(st, "go-start;desc=isolate") {
		t.Errorf("Server-Timing %q: Go did not start with the isolate", st)
	}
}

// edgeModules are the built worker's modules, as worker.mjs imports them.
func edgeModules(dir string) []workerdModule {
	w := filepath.Join(dir, "dist-worker")
	return []workerdModule{
		{"worker.mjs", filepath.Join(w, "worker.mjs")},
		{"wasm_exec.js", filepath.Join(w, "wasm_exec.js")},
		{"worker.wasm", filepath.Join(w, "worker.wasm")},
	}
}
