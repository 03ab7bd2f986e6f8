package decode

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"
)

var bigHAROut = flag.String("bighar.out", "", "TestWriteBigHAR writes a 50 MB HAR to this file")

// bigHAR builds a HAR of about size bytes as a busy single-page app exports
// one: the recorded sign-in, repeated, among script chunks (most of the
// bytes) and JSON API calls.
func bigHAR(t testing.TB, size int) []byte {
	t.Helper()
	var doc struct {
		Log struct {
			Entries []json.RawMessage `json:"entries"`
		} `json:"log"`
	}
	if err := json.Unmarshal(readHARFixture(t), &doc); err != nil {
		t.Fatal(err)
	}
	script := strings.Repeat("function f(a){return a.map(function(x){return x*2})}\n", 4000) // ~200 KB
	var items []string
	for i := range 200 {
		items = append(items, fmt.Sprintf(`{"id":%d,"name":"item %d","tags":["a","b"],"owner":{"id":"u-%d","display":"User %d"}}`, i, i, i, i))
	}
	api := `{"items":[` + strings.Join(items, ",") + `],"next":"/api/items?page=2"}`
	var b bytes.Buffer
	b.WriteString(`{"log":{"version":"1.2","creator":{"name":"authcodes bench","version":"1"},"pages":[],"entries":[`)
	cycle := len(doc.Log.Entries) + 24
	for n := 0; b.Len() < size; n++ {
		if n > 0 {
			b.WriteByte(',')
		}
		switch i := n % cycle; {
		case i < len(doc.Log.Entries):
			b.Write(doc.Log.Entries[i])
		case n%3 == 0:
			body, _ := json.Marshal(api)
			fmt.Fprintf(&b, `{"startedDateTime":"2026-06-01T12:00:00Z","time":1,"request":{"method":"GET","url":"https://app.example.com/api/items?page=%d","headers":[{"name":"Authorization","value":"Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXBhcnQ%d"}],"queryString":[],"cookies":[]},"response":{"status":200,"headers":[],"cookies":[],"content":{"size":%d,"mimeType":"application/json","text":%s}},"_resourceType":"xhr"}`, n, n, len(api), body)
		default:
			body, _ := json.Marshal(script)
			fmt.Fprintf(&b, `{"startedDateTime":"2026-06-01T12:00:00Z","time":1,"request":{"method":"GET","url":"https://app.example.com/static/chunk-%d.js","headers":[],"queryString":[],"cookies":[]},"response":{"status":200,"headers":[],"cookies":[],"content":{"size":%d,"mimeType":"application/javascript","text":%s}},"_resourceType":"script"}`, n, len(script), body)
		}
	}
	b.WriteString(`]}}`)
	return b.Bytes()
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
