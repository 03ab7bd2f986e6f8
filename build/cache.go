package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// kept is how many results of each kind the cache keeps, the newest: a few
// builds' worth of modules (tens of MB each), many small sizes.
var kept = map[string]int{"wasm-opt": 6, "sizes": 200}

// cache keeps the results of the generator's slow, pure steps (wasm-opt over
// a module, brotli -11 of an asset) under the user's cache directory, keyed
// by a hash of everything the result depends on, so that a rebuild of
// unchanged inputs skips them. A missing or unwritable cache directory only
// makes every step run.
type cache struct{ dir string }

// userCache is the generator's cache: os.UserCacheDir()/authcodes/build.
func userCache() cache {
	dir, err := os.UserCacheDir()
	if err != nil {
		return cache{}
	}
	return cache{filepath.Join(dir, "authcodes", "build")}
}

// key hashes the parts a result depends on, each length-prefixed so that
// no two lists of parts share a key.
func key(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		var n [8]byte
		for i, l := 0, len(p); i < 8; i, l = i+1, l>>8 {
			n[i] = byte(l)
		}
		h.Write(n[:])
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (c cache) path(kind, key string) string { return filepath.Join(c.dir, kind, key) }

// get returns the cached result of kind for key.
func (c cache) get(kind, key string) ([]byte, bool) {
	if c.dir == "" {
		return nil, false
	}
	p := c.path(kind, key)
	data, err := os.ReadFile(p)
	if err == nil {
		now := time.Now()
		os.Chtimes(p, now, now) // used: newest again, for trim
	}
	return data, err == nil
}

// put stores a result; failing to is not an error, only a later miss.
func (c cache) put(kind, key string, data []byte) {
	if c.dir == "" {
		return
	}
	p := c.path(kind, key)
	if os.MkdirAll(filepath.Dir(p), 0o755) != nil || writeIfChanged(p, data) != nil {
		return
	}
	c.trim(kind)
}

// trim removes all but the newest results of kind.
func (c cache) trim(kind string) {
	entries, err := os.ReadDir(filepath.Join(c.dir, kind))
	if err != nil || len(entries) <= kept[kind] {
		return
	}
	type file struct {
		name string
		mod  time.Time
	}
	var files []file
	for _, e := range entries {
		if info, err := e.Info(); err == nil {
			files = append(files, file{e.Name(), info.ModTime()})
		}
	}
	slices.SortFunc(files, func(a, b file) int { return b.mod.Compare(a.mod) })
	for _, f := range files[min(kept[kind], len(files)):] {
		os.Remove(filepath.Join(c.dir, kind, f.name))
	}
}

// do returns the result of kind for key from the cache, or computes,
// stores and returns it.
func (c cache) do(kind, key string, compute func() ([]byte, error)) ([]byte, error) {
	if data, ok := c.get(kind, key); ok {
		return data, nil
	}
	data, err := compute()
	if err == nil {
		c.put(kind, key, data)
	}
	return data, err
}
