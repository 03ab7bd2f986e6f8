package decode

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/authcodes/authcodes/internal/bighar"
)

var bigHAROut = flag.String("bighar.out", "", "TestWriteBigHAR writes a 50 MB HAR to this file")

// bigHAR builds a HAR of about size bytes around the Chromium recording.
func bigHAR(t testing.TB, size int) []byte {
	t.Helper()
	har, err := bighar.Build(readHARFixture(t), size)
	if err != nil {
		t.Fatal(err)
	}
	return har
}

// TestWriteBigHAR writes the 50 MB HAR of the benchmarks, for measuring the
// command line (time, peak memory); it does nothing without -bighar.out.
func TestWriteBigHAR(t *testing.T) {
	if *bigHAROut == "" {
		t.Skip("no -bighar.out file")
	}
	if err := os.WriteFile(*bigHAROut, bigHAR(t, MaxHARBytes-(1<<20)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// peakHeap samples the live heap while fn runs and returns its peak.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	var mu sync.Mutex
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			metrics.Read(sample)
			mu.Lock()
			peak = max(peak, sample[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	return peak
}

// BenchmarkHAR50MB decodes and sanitizes a 50 MB HAR, read from memory as
// a stream; peak-heap-MB is the most live heap seen while it ran (the
// input's own 50 MB included).
func BenchmarkHAR50MB(b *testing.B) {
	har := bigHAR(b, MaxHARBytes-(1<<20))
	d := testDecoder(b)
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(int64(len(har)))
		var peak uint64
		for b.Loop() {
			peak = max(peak, peakHeap(func() {
				r, err := d.DecodeHAR(context.Background(), bytes.NewReader(har), HAROptions{Options: Options{Now: testNow}})
				if err != nil || r.FailedStep == 0 {
					b.Fatalf("%v, failed step %d", err, r.FailedStep)
				}
			}))
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	})
	b.Run("sanitize", func(b *testing.B) {
		b.SetBytes(int64(len(har)))
		var peak uint64
		for b.Loop() {
			peak = max(peak, peakHeap(func() {
				if err := SanitizeHAR(context.Background(), io.Discard, bytes.NewReader(har), HAROptions{}); err != nil {
					b.Fatal(err)
				}
			}))
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	})
}
