package e2e

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"testing"

	"github.com/authcodes/authcodes/api"
	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
	"github.com/authcodes/authcodes/guide"
	"github.com/authcodes/authcodes/wasm/worker/edge"
)

// testOrigin is the -origin the tests build with.
const testOrigin = "https://authcodes.test"

// scratch holds every build of this test binary; TestMain removes it.
var scratch = sync.OnceValues(func() (string, error) { return os.MkdirTemp("", "authcodes-e2e-") })

// prebuiltEnv names a directory holding a build to test instead of making
// one: dist/ and dist-worker/ from `go run ./build -out DIR/dist`, and a copy
// of wrangler.toml. Benchmarks use it to measure the deploy build, which
// runs wasm-opt.
const prebuiltEnv = "AUTHCODES_EDGE_DIR"

// built is the site and the worker, built once per test binary by the
// generator, with the repository's wrangler.toml beside them.
var built = sync.OnceValues(func() (string, error) {
	if dir := os.Getenv(prebuiltEnv); dir != "" {
		return dir, nil
	}
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	tmp, err := scratch()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(tmp, "edge")
	// wasm-opt only shrinks the module, at minutes per build: the tests
	// run the unoptimised module, a deploy build the optimised one. The
	// browser module is not needed to serve the site's pages.
	cmd := exec.Command("go", "run", "./build", "-out", filepath.Join(dir, "dist"), "-origin", testOrigin, "-wasm=false", "-wasm-opt=false")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go run ./build: %v\n%s", err, out)
	}
	toml, err := os.ReadFile(filepath.Join(root, "wrangler.toml"))
	if err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, "wrangler.toml"), toml, 0o644)
})

// builtEdge returns the directory of the built site, worker and wrangler.toml.
func builtEdge(tb testing.TB) string {
	tb.Helper()
	dir, err := built()
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}

// native is the worker's handler run natively on the same inputs, the
// reference every answer of the worker is compared with.
var native = sync.OnceValues(func() (http.Handler, error) {
	dir, err := built()
	if err != nil {
		return nil, err
	}
	origin, err := builtOrigin(dir)
	if err != nil {
		return nil, err
	}
	cat, err := catalog.Embedded()
	if err != nil {
		return nil, err
	}
	bin, err := cat.MarshalBinary()
	if err != nil {
		return nil, err
	}
	guides, err := api.WriteGuides(cat, guide.Render)
	if err != nil {
		return nil, err
	}
	return edge.New(edge.Inputs{Catalog: bin, Index: search.EmbeddedBytes(), Guides: guides, Origin: origin})
})

// builtOrigin reads the -origin a build was made with from its robots.txt.
func builtOrigin(dir string) (string, error) {
	robots, err := os.ReadFile(filepath.Join(dir, "dist", "robots.txt"))
	if err != nil {
		return "", err
	}
	m := regexp.MustCompile(`(?m)^Sitemap: (\S+)/sitemap\.xml$`).FindSubmatch(robots)
	if m == nil {
		return "", fmt.Errorf("no sitemap line in %s/dist/robots.txt", dir)
	}
	return string(m[1]), nil
}

func nativeHandler(tb testing.TB) http.Handler {
	tb.Helper()
	h, err := native()
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

// worker is the one `wrangler dev` of the built edge that the tests share.
var (
	workerOnce sync.Once
	workerDev  *devServer
	workerErr  error
)

func workerURL(tb testing.TB) string {
	tb.Helper()
	bin := wranglerBin(tb)
	dir := builtEdge(tb)
	workerOnce.Do(func() {
		workerDev, workerErr = startWrangler(bin, filepath.Join(dir, "wrangler.toml"), "/robots.txt")
	})
	if workerErr != nil {
		tb.Fatal(workerErr)
	}
	return workerDev.URL
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range []*devServer{workerDev, trivialDev} {
		if d != nil {
			d.stop()
		}
	}
	if dir, err := scratch(); err == nil {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}
