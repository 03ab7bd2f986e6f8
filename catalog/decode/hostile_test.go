package decode

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/authcodes/authcodes/internal/hostile"
)

// The hostile inputs: each class of input found to cost seconds of CPU or
// gigabytes of memory before the decoder had a work budget (issue 17),
// generated here at the input limit rather than stored whole. Every go test
// decodes and masks each of them and measures what that allocates and how
// large the result is (TestHostileBudget); BenchmarkHostile times them.
//
//	go test ./catalog/decode -run TestWriteHostile -hostile.out DIR
//
// writes them into DIR, one file per class, for the browser module and
// workerd to be measured on the same bytes.

var hostileOut = flag.String("hostile.out", "", "write the hostile inputs into this directory (TestWriteHostile)")

// hostileInput is one class of hostile input.
type hostileInput struct{ name, was, input string }

// hostileInputs builds every class at size bytes (MaxInputBytes in the tests).
func hostileInputs(size int) []hostileInput {
	var out []hostileInput
	for _, in := range hostile.Inputs(size) {
		out = append(out, hostileInput{in.Name, in.Was, in.Text})
	}
	return out
}

// TestWriteHostile writes the hostile inputs for measuring them elsewhere
// (the browser module, workerd); it does nothing without -hostile.out.
func TestWriteHostile(t *testing.T) {
	if *hostileOut == "" {
		t.Skip("no -hostile.out directory")
	}
	if err := os.MkdirAll(*hostileOut, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, h := range hostileInputs(MaxInputBytes) {
		if err := os.WriteFile(filepath.Join(*hostileOut, h.name+".txt"), []byte(h.input), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Bounds on one Decode and one MaskInput of a hostile input at the input
// limit, measured in bytes: what they allocate together, and the size of
// the result as JSON and of the masked input.
const (
	hostileAllocBudget  = 64 << 20
	hostileOutputBudget = 1 << 20
)

// allocated returns the bytes that fn allocates.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestHostileBudget: every hostile input at the input limit decodes and
// masks within the allocation budget, to a result under a megabyte.
func TestHostileBudget(t *testing.T) {
	d := testDecoder(t)
	size := MaxInputBytes
	if v := os.Getenv("HOSTILE_SIZE"); v != "" {
		fmt.Sscan(v, &size) // smaller inputs, to see how a cost grows
	}
	for _, h := range hostileInputs(size) {
		t.Run(h.name, func(t *testing.T) {
			if len(h.input) > MaxInputBytes {
				t.Fatalf("the input is %d bytes, over the limit", len(h.input))
			}
			var out, masked int
			start := time.Now() // logged for the reader, never compared
			alloc := allocated(func() {
				r, err := d.Decode(h.input, Options{Now: testNow})
				if err == nil {
					b, _ := json.Marshal(r)
					out = len(b)
				} else {
					out = len(err.Error())
				}
				masked = len(MaskInput(h.input))
			})
			t.Logf("%d bytes in: %d allocated, %d bytes of result, %d masked, %v", len(h.input), alloc, out, masked, time.Since(start))
			if alloc > hostileAllocBudget {
				t.Errorf("decoding and masking allocated %d MB, over the %d MB budget (before: %s)", alloc>>20, hostileAllocBudget>>20, h.was)
			}
			if out > hostileOutputBudget {
				t.Errorf("the result is %d bytes, over %d (before: %s)", out, hostileOutputBudget, h.was)
			}
			if masked > hostileOutputBudget {
				t.Errorf("the masked input is %d bytes, over %d", masked, hostileOutputBudget)
			}
		})
	}
}

// TestScrubLinear: scrubbing a text of n credentials costs trie moves in
// proportion to the text and the credentials, not their product (it was
// every credential searched in every field: 10,000 code= values 1.5 s).
func TestScrubLinear(t *testing.T) {
	for _, n := range []int{1000, 10000} {
		var found secretSet
		var text strings.Builder
		patterns := 0
		for i := range n {
			v := fmt.Sprintf("Sx%07dQ9zK", i)
			found.add(v)
			patterns += len(v)
			fmt.Fprintf(&text, "code=%s&", v)
		}
		sc := newScrubber(&found)
		build := sc.m.steps
		out := sc.clean(text.String())
		if strings.Contains(out, "Sx0000001Q9zK") {
			t.Fatalf("a credential survived: %.200s", out)
		}
		if work, bound := sc.m.steps, 2*(patterns+text.Len()); work > bound {
			t.Errorf("%d credentials: %d moves (%d building), over %d", n, work, build, bound)
		}
	}
}

// TestMultiMatcher: every occurrence of every pattern is masked; where
// they overlap, the stretch they cover is masked as one.
func TestMultiMatcher(t *testing.T) {
	tests := []struct {
		patterns []string
		in, want string
	}{
		{[]string{"abcdef"}, "xxabcdefyy", "xx<abcdef>yy"},
		{[]string{"abcdef", "cdefgh"}, "abcdefgh", "<abcdefgh>"},
		{[]string{"bcdefg", "abcdefghij"}, "abcdefghij!", "<abcdefghij>!"},
		{[]string{"cdefgh", "ijklmn", "abcdefghijklmnop"}, "abcdefghijklmnop", "<abcdefghijklmnop>"},
		{[]string{"aaaaaa"}, "aaaaaaaaaaaa", "<aaaaaaaaaaaa>"},
		{[]string{"abcdef", "ghijkl"}, "abcdefghijkl", "<abcdef><ghijkl>"},
		{[]string{"abcdef"}, "nothing here", "nothing here"},
	}
	for _, tt := range tests {
		got := newMultiMatcher(tt.patterns).replace(tt.in, func(s string) string { return "<" + s + ">" })
		if got != tt.want {
			t.Errorf("%q in %q: %q, want %q", tt.patterns, tt.in, got, tt.want)
		}
	}
}

// TestSAMLBudget: past the message and inflation budgets, what was
// decoded stands and a warning says what was left out; the warning about
// signatures names each signed element once.
func TestSAMLBudget(t *testing.T) {
	d := testDecoder(t)
	hostile := map[string]hostileInput{}
	for _, h := range hostileInputs(MaxInputBytes) {
		hostile[h.name] = h
	}
	r, err := d.Decode(hostile["saml-redirect-many"].input, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != KindParams || !r.HasWarning(WarnUndecodable) {
		t.Errorf("kind %s, warnings %v: want params with an undecodable warning", r.Kind, r.Warnings)
	}
	if v, _ := r.Fields.Get("Response.ID"); v != "_h" {
		t.Errorf("the first message was not decoded: %v", r.Fields)
	}
	for _, name := range []string{"signature-parents", "signature-parents-raw"} {
		r, err := d.Decode(hostile[name].input, Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range r.Warnings {
			if w.Code == WarnSignatureNotVerified && (len(w.Message) > 600 || !strings.Contains(w.Message, "signatures in all")) {
				t.Errorf("%s: the warning is %d bytes: %.300s", name, len(w.Message), w.Message)
			}
		}
	}
	r, err = d.Decode(hostile["saml-text-node"].input, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := r.Fields.Get("Response.Issuer"); v == "" || len(v) > maxCapture {
		t.Errorf("the Issuer is %d bytes, want some and at most %d: %v", len(v), maxCapture, r.Fields)
	}
}

// endingContext ends after its Err has been asked n times: a client that
// goes away while its input is decoded.
type endingContext struct {
	context.Context
	n, asked int
}

func (c *endingContext) Err() error {
	if c.asked++; c.asked > c.n {
		return context.Canceled
	}
	return nil
}

// TestDecodeStopsWhenCancelled: an abandoned decode stops at the next
// check and says why, having done a fraction of the work (measured in
// bytes allocated), and a decode whose caller stays finishes.
func TestDecodeStopsWhenCancelled(t *testing.T) {
	d := testDecoder(t)
	in := hostileInputs(MaxInputBytes)[0].input // the many SAML messages
	var err error
	whole := allocated(func() {
		_, err = d.DecodeContext(&endingContext{Context: context.Background(), n: 1 << 30}, in, Options{Now: testNow})
	})
	if err != nil {
		t.Fatalf("never ending: %v", err)
	}
	for _, n := range []int{0, 1, 3, 10} {
		ctx := &endingContext{Context: context.Background(), n: n}
		part := allocated(func() { _, err = d.DecodeContext(ctx, in, Options{Now: testNow}) })
		if !errors.Is(err, context.Canceled) {
			t.Errorf("ending after %d checks: err = %v, want context.Canceled", n, err)
		}
		if part > whole/2 {
			t.Errorf("ending after %d checks: %d bytes allocated, against %d for the whole decode", n, part, whole)
		}
	}
}

// BenchmarkHostile decodes and masks each hostile input at the input limit,
// as the share link and the result of one paste would.
//
//	go test ./catalog/decode -run '^$' -bench Hostile -benchtime 5x
func BenchmarkHostile(b *testing.B) {
	d := testDecoder(b)
	for _, h := range hostileInputs(MaxInputBytes) {
		b.Run(h.name, func(b *testing.B) {
			b.SetBytes(int64(len(h.input)))
			b.ReportAllocs()
			for b.Loop() {
				d.Decode(h.input, Options{Now: testNow})
				MaskInput(h.input)
			}
		})
	}
}

// TestNextJWT: the loop finds what the regular expression finds.
func TestNextJWT(t *testing.T) {
	for _, in := range []string{
		"", "eyJ", "eyJa.b.c", "eyJab.b.c", "eyJab..c", "eyJab.b.", "x eyJhbGc.eyJz.sig y", "eyJab.b.c.d.e", "eyJab.b.c.d.", "eyJab.b.c.d",
		"eyJab.b.c.d.e.f.g", "aeyJab.b.c", "eyJeyJab.b.c", "eyJab.eyJcd.ef.gh", "eyJab.b.c eyJcd.d.e", "eyJab.b.c…[masked, 3 chars]", "eyJa-_b.c_-.d-_",
	} {
		var got [][]int
		for from := 0; ; {
			s, e := nextJWT(in, from)
			if s < 0 {
				break
			}
			got = append(got, []int{s, e})
			from = e
		}
		want := jwtAnywhere().FindAllStringIndex(in, -1)
		if fmt.Sprint(got) != fmt.Sprint(want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%q: %v, the regular expression %v", in, got, want)
		}
	}
}
