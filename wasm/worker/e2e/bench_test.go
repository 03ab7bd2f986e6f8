package e2e

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// The benchmarks measure latency as a client on 127.0.0.1 sees it through
// wrangler dev's local proxy, so every figure includes that proxy; the
// trivial JavaScript worker, measured in the same run, shows its share.
// Record them in BENCHMARKS.md with the command that produced them.

// benchPaths are the requests the warm benchmark times.
var benchPaths = map[string]string{
	"lookup": "/v1/lookup?code=AADSTS50011",
	"search": "/v1/search?q=user+is+not+assigned+to+the+application",
}

// trivial is a `wrangler dev` of testdata/trivial, started once.
var (
	trivialOnce sync.Once
	trivialDev  *devServer
	trivialErr  error
)

func trivialURL(tb testing.TB) string {
	tb.Helper()
	bin := wranglerBin(tb)
	trivialOnce.Do(func() {
		var dir string
		if dir, trivialErr = copyTrivial(); trivialErr == nil {
			trivialDev, trivialErr = startWrangler(bin, filepath.Join(dir, "wrangler.toml"), "/robots.txt")
		}
	})
	if trivialErr != nil {
		tb.Fatal(trivialErr)
	}
	return trivialDev.URL
}

// copyTrivial copies the trivial worker out of the source tree, where
// wrangler would leave its state.
func copyTrivial() (string, error) {
	tmp, err := scratch()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(tmp, "trivial")
	for _, name := range []string{"worker.mjs", "wrangler.toml", "assets/robots.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", "trivial", name))
		if err != nil {
			return "", err
		}
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// timedGET returns how long a GET took to its last byte, failing on any
// status but 200.
func timedGET(tb testing.TB, url string) time.Duration {
	start := time.Now()
	resp, err := client.Get(url)
	if err != nil {
		tb.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	return d
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// BenchmarkEdgeWarm times warm requests to the worker's lookup and search
// and to the trivial worker, interleaved so that both see the same machine,
// and reports each median and its ratio to the trivial worker's.
//
//	go test ./wasm/worker/e2e -run '^$' -bench EdgeWarm -benchtime 400x
func BenchmarkEdgeWarm(b *testing.B) {
	edge, trivial := workerURL(b), trivialURL(b)
	// The trivial worker answers the lookup's path, routed as the edge's is.
	targets := map[string]string{"trivial": trivial + benchPaths["lookup"]}
	for name, path := range benchPaths {
		targets[name] = edge + path
	}
	names := []string{"trivial", "lookup", "search"}
	for range 50 { // warm up: instances, JIT tiers, connections
		for _, n := range names {
			timedGET(b, targets[n])
		}
	}
	times := map[string][]time.Duration{}
	b.ResetTimer()
	for i := range b.N {
		// Rotate the order so that none always follows another.
		for j := range names {
			n := names[(i+j)%len(names)]
			times[n] = append(times[n], timedGET(b, targets[n]))
		}
	}
	b.StopTimer()
	base := median(times["trivial"])
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(ms(base), "trivial-ms")
	for _, n := range names[1:] {
		m := median(times[n])
		b.ReportMetric(ms(m), n+"-ms")
		b.ReportMetric(float64(m)/float64(base), n+"/trivial")
	}
}

// BenchmarkEdgeFirstRequest starts a fresh `wrangler dev` per iteration,
// of the edge and of the trivial worker in turn, waits until it serves a
// static asset (the runtime is up and has evaluated the worker's module,
// which starts Go; no request has reached the worker) and sends the first
// API request: /v1/lookup to the edge, the same path to the trivial worker.
// It reports the medians of that request's wall time and of its CPU: the
// on-CPU time of workerd's threads from just before the request until
// 100 ms after its answer (workerdCPU), and the same for the second request.
// start-cpu-ms is workerd's on-CPU time from its start to that moment, the
// isolate's start-up included. wrangler attaches a debugger, which makes the
// first request recompile the module's code (workerd_test.go):
// BenchmarkEdgeFirstRequestWorkerd measures without one.
//
//	go test ./wasm/worker/e2e -run '^$' -bench 'EdgeFirstRequest$' -benchtime 9x
func BenchmarkEdgeFirstRequest(b *testing.B) {
	bin := wranglerBin(b)
	trivial, err := copyTrivial()
	if err != nil {
		b.Fatal(err)
	}
	edge := builtEdge(b)
	firstRequests(b, map[string]func() (*devServer, error){
		"edge": func() (*devServer, error) {
			return startWrangler(bin, filepath.Join(edge, "wrangler.toml"), "/robots.txt")
		},
		"trivial": func() (*devServer, error) {
			return startWrangler(bin, filepath.Join(trivial, "wrangler.toml"), "/robots.txt")
		},
	})
}

// BenchmarkEdgeFirstRequestWorkerd measures the same on workerd alone, as
// Cloudflare runs a worker: no wrangler, no local proxy, no debugger. The
// edge is ready when its home page answers from the assets (worker.mjs
// hands "/" to them without calling Go); the trivial worker, which has no
// assets, answers that request itself, so its measured request is its
// second.
//
//	go test ./wasm/worker/e2e -run '^$' -bench EdgeFirstRequestWorkerd -benchtime 9x
func BenchmarkEdgeFirstRequestWorkerd(b *testing.B) {
	bin := workerdBin(b)
	edge := builtEdge(b)
	edgeDate, err := compatibilityDate(filepath.Join(edge, "wrangler.toml"))
	if err != nil {
		b.Fatal(err)
	}
	trivialDate, err := compatibilityDate(filepath.Join("testdata", "trivial", "wrangler.toml"))
	if err != nil {
		b.Fatal(err)
	}
	trivial := []workerdModule{{"worker.mjs", filepath.Join("testdata", "trivial", "worker.mjs")}}
	firstRequests(b, map[string]func() (*devServer, error){
		"edge": func() (*devServer, error) {
			return startWorkerd(bin, edgeDate, edgeModules(edge), filepath.Join(edge, "dist"), "/")
		},
		"trivial": func() (*devServer, error) { return startWorkerd(bin, trivialDate, trivial, "", "/") },
	})
}

// firstRequests starts each server afresh per iteration, in turn, and
// reports the first and second lookup's wall time and workerd CPU.
func firstRequests(b *testing.B, start map[string]func() (*devServer, error)) {
	type sample struct{ first, second, cpu, secondCPU, start []time.Duration }
	samples := map[string]*sample{"edge": {}, "trivial": {}}
	b.ResetTimer()
	for range b.N {
		for _, name := range []string{"edge", "trivial"} {
			s := samples[name]
			dev, err := start[name]()
			if err != nil {
				b.Fatal(err)
			}
			time.Sleep(time.Second) // let start-up's stragglers finish
			before, err := dev.workerdCPU()
			if err != nil {
				dev.stop()
				b.Fatal(err)
			}
			s.first = append(s.first, timedGET(b, dev.URL+benchPaths["lookup"]))
			time.Sleep(100 * time.Millisecond)
			after, err := dev.workerdCPU()
			if err != nil {
				dev.stop()
				b.Fatal(err)
			}
			s.cpu = append(s.cpu, after-before)
			s.start = append(s.start, before)
			s.second = append(s.second, timedGET(b, dev.URL+benchPaths["lookup"]))
			time.Sleep(100 * time.Millisecond)
			last, err := dev.workerdCPU()
			dev.stop()
			if err != nil {
				b.Fatal(err)
			}
			s.secondCPU = append(s.secondCPU, last-after)
		}
	}
	b.StopTimer()
	b.ReportMetric(0, "ns/op")
	for name, s := range samples {
		b.ReportMetric(ms(median(s.first)), name+"-first-ms")
		b.ReportMetric(ms(median(s.second)), name+"-second-ms")
		b.ReportMetric(ms(median(s.cpu)), name+"-first-cpu-ms")
		b.ReportMetric(ms(median(s.secondCPU)), name+"-second-cpu-ms")
		b.ReportMetric(ms(median(s.start)), name+"-start-cpu-ms")
		b.Logf("%s first-request CPU, each start: %v", name, s.cpu)
	}
}
