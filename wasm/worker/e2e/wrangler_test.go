package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// moduleRoot is the directory of go.mod.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("not inside the module")
	}
	return filepath.Dir(gomod), nil
}

// wranglerBin returns the pinned wrangler, or skips the test when Node.js or
// wrangler is missing; under CI=true it fails instead, since CI installs them.
func wranglerBin(tb testing.TB) string {
	tb.Helper()
	root, err := moduleRoot()
	if err != nil {
		tb.Fatal(err)
	}
	bin := filepath.Join(root, "node_modules", ".bin", "wrangler")
	_, nodeErr := exec.LookPath("node")
	_, binErr := os.Stat(bin)
	if nodeErr == nil && binErr == nil {
		return bin
	}
	msg := fmt.Sprintf("the edge tests need Node.js and wrangler (run npm ci at %s): node: %v; wrangler: %v", root, nodeErr, binErr)
	if os.Getenv("CI") == "true" {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
	return ""
}

// devServer is one `wrangler dev` process serving on 127.0.0.1.
type devServer struct {
	URL  string
	cmd  *exec.Cmd
	logs *syncBuffer
}

// wranglerEnv keeps wrangler local and quiet: no telemetry, no update check
// (it runs with the banner), no download of the request.cf data, no prompts,
// and its config and logs in a directory of the test's own.
func wranglerEnv(home string) []string {
	return append(os.Environ(),
		"WRANGLER_SEND_METRICS=false",
		"WRANGLER_HIDE_BANNER=true",
		"CLOUDFLARE_CF_FETCH_ENABLED=false",
		"CI=true",
		"NO_COLOR=1",
		"XDG_CONFIG_HOME="+home,
		"WRANGLER_LOG_PATH="+filepath.Join(home, "logs"),
	)
}

// startWrangler runs `wrangler dev` on the config file and waits until
// readyPath answers 200. readyPath should not reach the Go worker, so that
// the first request of a test or benchmark is the worker's first.
func startWrangler(bin, config, readyPath string) (*devServer, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	inspector, err := freePort()
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(config)
	cmd := exec.Command(bin, "dev", "--config", config, "--ip", "127.0.0.1", "--port", fmt.Sprint(port),
		"--inspector-port", fmt.Sprint(inspector), "--show-interactive-dev-session=false")
	cmd.Dir = dir
	cmd.Env = wranglerEnv(filepath.Join(dir, ".wrangler-home"))
	return serve(cmd, "wrangler dev", port, readyPath, 3*time.Minute)
}

// serve starts cmd, a server of its own process group listening on port,
// and waits until readyPath answers 200.
func serve(cmd *exec.Cmd, name string, port int, readyPath string, wait time.Duration) (*devServer, error) {
	logs := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	// Its own process group, so that stop ends every process it starts.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	d := &devServer{URL: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd, logs: logs}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return nil, fmt.Errorf("%s exited:\n%s", name, logs)
		case <-time.After(100 * time.Millisecond):
		}
		resp, err := http.Get(d.URL + readyPath)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return d, nil
			}
		}
	}
	d.stop()
	return nil, fmt.Errorf("%s did not answer %s in time:\n%s", name, readyPath, logs)
}

// stop ends wrangler and workerd: SIGTERM to the process group, then SIGKILL.
func (d *devServer) stop() {
	pgid := d.cmd.Process.Pid
	syscall.Kill(-pgid, syscall.SIGTERM)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		if syscall.Kill(-pgid, 0) != nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	syscall.Kill(-pgid, syscall.SIGKILL)
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
