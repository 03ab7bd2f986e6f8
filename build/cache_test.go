package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestReportSizeCachesBrotli: brotli -11 is measured only when asked, and
// then known to every later report of the same bytes, and of no others.
func TestReportSizeCachesBrotli(t *testing.T) {
	c := cache{t.TempDir()}
	data := bytes.Repeat([]byte("authcodes size report "), 500)
	other := append([]byte("x"), data...)
	steps := []struct {
		name    string
		data    []byte
		measure bool
		want    int
	}{
		{"not asked, not cached", data, false, -1},
		{"asked", data, true, brotliSize(data)},
		{"not asked, cached", data, false, brotliSize(data)},
		{"other bytes, not asked", other, false, -1},
	}
	for _, s := range steps {
		got := reportSize(c, "a", s.data, s.measure)
		if got.brotl != s.want || got.raw != len(s.data) || got.gzipped != gzipSize(s.data) {
			t.Errorf("%s: %+v, want brotli %d, raw %d, gzip %d", s.name, got, s.want, len(s.data), gzipSize(s.data))
		}
	}
	var out strings.Builder
	printSizes(&out, []assetSize{reportSize(c, "a", other, false)})
	if !strings.Contains(out.String(), "-report") {
		t.Errorf("a report without brotli does not say how to get it:\n%s", out.String())
	}
}

// TestCacheKeepsTheNewest: a kind keeps at most its number of results.
func TestCacheKeepsTheNewest(t *testing.T) {
	c := cache{t.TempDir()}
	n := kept["wasm-opt"] + 3
	for i := range n {
		c.put("wasm-opt", key([]byte{byte(i)}), []byte{byte(i)})
	}
	if _, ok := c.get("wasm-opt", key([]byte{byte(n - 1)})); !ok {
		t.Error("the newest result is gone")
	}
	found := 0
	for i := range n {
		if _, ok := c.get("wasm-opt", key([]byte{byte(i)})); ok {
			found++
		}
	}
	if found != kept["wasm-opt"] {
		t.Errorf("%d results kept, want %d", found, kept["wasm-opt"])
	}
	if key([]byte("ab"), []byte("c")) == key([]byte("a"), []byte("bc")) {
		t.Error("keys of different parts collide")
	}
}
