package search

import (
	"bytes"
	"compress/gzip"
	"context"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/authcodes/authcodes/catalog"
)

// BenchmarkIndexSize reports the embedded index's size raw and compressed as
// a browser or the edge would fetch it (gzip -9, brotli -11).
func BenchmarkIndexSize(b *testing.B) {
	var gz, br bytes.Buffer
	for i := 0; i < b.N; i++ {
		gz.Reset()
		br.Reset()
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write(embeddedIndex)
		zw.Close()
		bw := brotli.NewWriterLevel(&br, brotli.BestCompression)
		bw.Write(embeddedIndex)
		bw.Close()
	}
	b.ReportMetric(float64(len(embeddedIndex)), "raw-bytes")
	b.ReportMetric(float64(gz.Len()), "gzip-bytes")
	b.ReportMetric(float64(br.Len()), "brotli-bytes")
}

// BenchmarkOpen measures opening the embedded index (no re-indexing).
func BenchmarkOpen(b *testing.B) {
	cat, err := catalog.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Open(cat, embeddedIndex); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch runs the whole relevance set per iteration; ns/op divided
// by the query count is the mean query time (see BenchmarkQuery for single kinds).
func BenchmarkSearch(b *testing.B) {
	ix := embedded(b)
	cases := readRelevance(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, c := range cases {
			if _, err := ix.Search(ctx, Request{Query: c.query}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(cases)), "ns/query")
}

// BenchmarkQuery times one query of each kind.
func BenchmarkQuery(b *testing.B) {
	ix := embedded(b)
	ctx := context.Background()
	for _, bc := range []struct{ name, q string }{
		{"code", "AADSTS50011"},
		{"prefix", "AADSTS7000"},
		{"sentence", "The reply URL specified in the request does not match the reply URLs configured for the application"},
		{"symptom", "user not assigned to the app"},
		{"typo", "refersh token expried"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := ix.Search(ctx, Request{Query: bc.q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
