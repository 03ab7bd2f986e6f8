package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"sort"

	"github.com/andybalholm/brotli"
)

// assetSize is one line of the size report: what a file costs on the wire.
type assetSize struct {
	name                string
	raw, gzipped, brotl int
}

func measure(name string, data []byte) assetSize {
	var gz, br bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(data)
	zw.Close()
	bw := brotli.NewWriterLevel(&br, brotli.BestCompression)
	bw.Write(data)
	bw.Close()
	return assetSize{name, len(data), gz.Len(), br.Len()}
}

// printSizes writes the size report, largest first.
func printSizes(w io.Writer, sizes []assetSize) {
	sort.Slice(sizes, func(i, j int) bool { return sizes[i].raw > sizes[j].raw })
	fmt.Fprintf(w, "%-44s %12s %12s %12s\n", "asset", "raw", "gzip -9", "brotli -11")
	for _, s := range sizes {
		fmt.Fprintf(w, "%-44s %12d %12d %12d\n", s.name, s.raw, s.gzipped, s.brotl)
	}
}
