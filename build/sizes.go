package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/andybalholm/brotli"
)

// assetSize is one line of the size report: what a file costs on the wire.
// brotl is -1 when brotli -11 was not measured.
type assetSize struct {
	name                string
	raw, gzipped, brotl int
}

// measure measures all three sizes of an asset, brotli -11 included.
func measure(name string, data []byte) assetSize {
	return assetSize{name, len(data), gzipSize(data), brotliSize(data)}
}

// reportSize measures an asset for the size report: raw and gzip -9 always;
// brotli -11, which takes about a minute over the browser module, when
// asked to (measureBrotli) or when the cache has it from an earlier build
// of the same bytes. Measured sizes go into the cache, keyed by content.
func reportSize(c cache, name string, data []byte, measureBrotli bool) assetSize {
	s := assetSize{name, len(data), cachedGzipSize(c, data), -1}
	k := key([]byte("brotli-11"), data)
	if n, ok := cachedSize(c, k); ok {
		s.brotl = n
	} else if measureBrotli {
		s.brotl = brotliSize(data)
		c.put("sizes", k, []byte(strconv.Itoa(s.brotl)))
	}
	return s
}

// cachedGzipSize is gzipSize through the cache: seconds over a module.
func cachedGzipSize(c cache, data []byte) int {
	k := key([]byte("gzip-9"), data)
	if n, ok := cachedSize(c, k); ok {
		return n
	}
	n := gzipSize(data)
	c.put("sizes", k, []byte(strconv.Itoa(n)))
	return n
}

func cachedSize(c cache, k string) (int, bool) {
	data, ok := c.get("sizes", k)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(string(data))
	return n, err == nil
}

func gzipSize(data []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(data)
	zw.Close()
	return buf.Len()
}

func brotliSize(data []byte) int {
	var buf bytes.Buffer
	bw := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	bw.Write(data)
	bw.Close()
	return buf.Len()
}

// printSizes writes the size report, largest first.
func printSizes(w io.Writer, sizes []assetSize) {
	sort.Slice(sizes, func(i, j int) bool { return sizes[i].raw > sizes[j].raw })
	fmt.Fprintf(w, "%-44s %12s %12s %12s\n", "asset", "raw", "gzip -9", "brotli -11")
	missing := false
	for _, s := range sizes {
		br := strconv.Itoa(s.brotl)
		if s.brotl < 0 {
			br, missing = "-", true
		}
		fmt.Fprintf(w, "%-44s %12d %12d %12s\n", s.name, s.raw, s.gzipped, br)
	}
	if missing {
		fmt.Fprintln(w, "(brotli -11 is measured with -report, about a minute; later builds of the same bytes show it from the cache)")
	}
}
