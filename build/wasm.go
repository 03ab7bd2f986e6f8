package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
)

// wasmBuild compiles a main package of the module to WebAssembly.
type wasmBuild struct {
	// root is the module's root directory.
	root string
	// optimize runs wasm-opt (Debian's binaryen) when it is installed.
	optimize bool
	// cache keeps wasm-opt's output by its input, which the Go build cache
	// keeps stable while the sources do not change.
	cache cache
}

func newWasmBuild(optimize bool) (*wasmBuild, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return nil, fmt.Errorf("locating the module: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return nil, fmt.Errorf("not inside the authcodes module")
	}
	return &wasmBuild{root: filepath.Dir(gomod), optimize: optimize, cache: userCache()}, nil
}

// browserModule compiles wasm/browser, the decoder page's module, with the binary catalog embedded (fix
// steps only: pages carry the whole guides), and returns the module and the
// wasm_exec.js loader of the Go that built it.
func (b *wasmBuild) browserModule(cat *catalog.Catalog) (module, loader []byte, err error) {
	data, err := cat.MarshalBinaryFixSteps()
	if err != nil {
		return nil, nil, err
	}
	if err := os.WriteFile(filepath.Join(b.root, "wasm", "browser", "catalog.bin"), data, 0o644); err != nil {
		return nil, nil, err
	}
	module, err = b.compile("./wasm/browser")
	if err != nil {
		return nil, nil, err
	}
	loader, err = b.loader()
	return module, loader, err
}

// searchModule compiles wasm/search, the module every page loads on intent,
// and returns it with the two data files it reads at start: the catalog in
// its search-only binary form and the search index. They are separate files
// so that each is cached on its own and the module holds code alone.
func (b *wasmBuild) searchModule(cat *catalog.Catalog) (module, catalogData, index []byte, err error) {
	if catalogData, err = cat.MarshalBinarySearch(); err != nil {
		return nil, nil, nil, err
	}
	// Not through wasm-opt: -Oz makes this module smaller raw (5.66 to 5.34
	// MB) but larger once compressed (1,123,280 to 1,131,349 bytes of
	// brotli -11), and compressed bytes are what a visitor waits for.
	if module, err = b.compileOptimized("./wasm/search", false); err != nil {
		return nil, nil, nil, err
	}
	return module, catalogData, search.EmbeddedBytes(), nil
}

// compile builds one package for js/wasm and returns the module's bytes.
func (b *wasmBuild) compile(pkg string) ([]byte, error) {
	return b.compileOptimized(pkg, b.optimize)
}

// compileOptimized is compile, through wasm-opt only when optimize is set
// (and it is installed).
func (b *wasmBuild) compileOptimized(pkg string, optimize bool) ([]byte, error) {
	dir, err := os.MkdirTemp("", "authcodes-wasm-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "module.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, pkg)
	cmd.Dir = b.root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("compiling %s to WebAssembly: %v\n%s", pkg, err, msg)
	}
	module, err := os.ReadFile(out)
	if err != nil || !optimize {
		return module, err
	}
	wasmOpt, err := exec.LookPath("wasm-opt")
	if err != nil {
		return module, nil
	}
	args := []string{"-Oz", "--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int", "--enable-mutable-globals"}
	version, _ := exec.Command(wasmOpt, "--version").Output()
	// wasm-opt -Oz takes about a minute over each module: its output is
	// kept by its input, its version and its flags.
	return b.cache.do("wasm-opt", key(module, version, []byte(strings.Join(args, " "))), func() ([]byte, error) {
		opt := filepath.Join(dir, "module.opt.wasm")
		cmd := exec.Command(wasmOpt, append(args, out, "-o", opt)...)
		if msg, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("wasm-opt %s: %v\n%s", pkg, err, msg)
		}
		return os.ReadFile(opt)
	})
}

// loader returns wasm_exec.js, the JavaScript half of Go's js/wasm port; it
// must come from the same Go that compiled the module.
func (b *wasmBuild) loader() ([]byte, error) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, err
	}
	return os.ReadFile(filepath.Join(string(bytes.TrimSpace(out)), "lib", "wasm", "wasm_exec.js"))
}
