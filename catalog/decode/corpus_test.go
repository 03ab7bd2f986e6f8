package decode

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/authcodes/authcodes/catalog/internal/realcases"
	"github.com/authcodes/authcodes/catalog/search"
)

// corpusCase is one input quoted from a public thread (testdata/corpus):
// the entry the thread established as the answer, and the alternatives that
// are also right.
type corpusCase struct {
	url   string
	want  []string // the expected entry first, then the acceptable alternatives
	input string
}

func readCorpus(t testing.TB, name string) []corpusCase {
	t.Helper()
	raw, err := os.ReadFile("testdata/corpus/" + name)
	if err != nil {
		t.Fatal(err)
	}
	cases, err := realcases.Read(string(raw))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := make([]corpusCase, len(cases))
	for i, c := range cases {
		out[i] = corpusCase{url: c.URL, want: c.Want, input: c.Input}
	}
	return out
}

// corpusScore is how a half of the corpus fares.
type corpusScore struct {
	cases, known, top1, top3 int
	misses                   []string
}

func scoreCorpus(t testing.TB, cases []corpusCase) corpusScore {
	t.Helper()
	ix, err := search.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	d := testDecoder(t).WithFinder(ix.Likely)
	var s corpusScore
	for _, c := range cases {
		s.cases++
		if _, ok := d.rec.cat.Entry(c.want[0]); !ok {
			continue // the catalog does not hold the answer yet
		}
		s.known++
		r, err := d.Decode(c.input, Options{Now: testNow})
		var ids []string
		if err == nil {
			ids = matchIDs(r)
		}
		switch {
		case len(ids) > 0 && slices.Contains(c.want, ids[0]):
			s.top1++
			s.top3++
			continue
		case slices.ContainsFunc(ids[:min(3, len(ids))], func(id string) bool { return slices.Contains(c.want, id) }):
			s.top3++
		}
		s.misses = append(s.misses, c.url+": want "+strings.Join(c.want, " or ")+", got "+strings.Join(ids[:min(3, len(ids))], ", "))
	}
	return s
}

// TestCorpusTuning: every case of the tuning half whose answer is in the
// catalog is named first, but those listed in testdata/corpus/misses.txt:
// the cases not solved yet, so that a new miss fails and a solved one has to
// leave the list.
func TestCorpusTuning(t *testing.T) {
	raw, err := os.ReadFile("testdata/corpus/misses.txt")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, line := range strings.Split(string(raw), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			known[line] = true
		}
	}
	s := scoreCorpus(t, readCorpus(t, "tune.txt"))
	t.Logf("tuning half: %d cases, %d with their entry in the catalog; top-1 %d (%.1f%%), top-3 %d (%.1f%%)",
		s.cases, s.known, s.top1, pct(s.top1, s.known), s.top3, pct(s.top3, s.known))
	for _, m := range s.misses {
		url, _, _ := strings.Cut(m, ": want ")
		if !known[url] {
			t.Error(m)
		}
		delete(known, url)
	}
	for url := range known {
		t.Errorf("%s is named first now: take it out of testdata/corpus/misses.txt", url)
	}
}

// TestCorpusHeldOut reports the test half's figures and never fails on them:
// nobody tunes on these cases, so that the figure says how the decoder does
// on inputs it was not shaped by. It lists no case, only the totals.
func TestCorpusHeldOut(t *testing.T) {
	if os.Getenv("AUTHCODES_HELD_OUT") == "" {
		t.Skip("set AUTHCODES_HELD_OUT=1 to report the held-out half (once, when the work is done)")
	}
	s := scoreCorpus(t, readCorpus(t, "test.txt"))
	t.Logf("held-out half: %d cases, %d with their entry in the catalog; top-1 %d (%.1f%%), top-3 %d (%.1f%%)",
		s.cases, s.known, s.top1, pct(s.top1, s.known), s.top3, pct(s.top3, s.known))
}

// TestCorpusShape keeps the corpus honest: cases name their source thread,
// each thread sits in one half only, and the halves stay apart.
func TestCorpusShape(t *testing.T) {
	seen := map[string]string{}
	total := 0
	for _, half := range []string{"tune.txt", "test.txt"} {
		for _, c := range readCorpus(t, half) {
			total++
			if other, ok := seen[c.url]; ok && other != half {
				t.Errorf("%s is in both %s and %s", c.url, other, half)
			}
			seen[c.url] = half
			if lines := strings.Split(c.input, "\n"); strings.HasPrefix(lines[len(lines)-1], "# ") {
				t.Errorf("%s: its input ends in %q, a comment meant for the file: an input runs to the next === line", c.url, lines[len(lines)-1])
			}
			if strings.Contains(c.input, "@") && regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`).MatchString(c.input) &&
				!regexp.MustCompile(`@example\.|@example\b`).MatchString(c.input) {
				t.Errorf("%s: an e-mail address that is not a placeholder", c.url)
			}
		}
	}
	if total < 300 || len(seen) < 150 {
		t.Errorf("the corpus has %d cases from %d threads; it needs at least 300 from 150", total, len(seen))
	}
	// Search's real-phrasing set quotes threads too. A held-out thread in
	// either set must not be in the other's tuning half: its words would have
	// been tuned on there.
	phrasing := map[string]string{}
	for _, half := range []string{"realphrasing_tuning.tsv", "realphrasing_test.tsv"} {
		raw, err := os.ReadFile("../search/testdata/" + half)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(raw), "\n") {
			if fields := strings.Split(line, "\t"); len(fields) == 3 && !strings.HasPrefix(line, "#") {
				phrasing[fields[2]] = half
			}
		}
	}
	for url, half := range seen {
		switch phrasing[url] {
		case "realphrasing_tuning.tsv":
			if half == "test.txt" {
				t.Errorf("%s is held out here but tuned on in search's realphrasing_tuning.tsv: it belongs in tune.txt", url)
			}
		case "realphrasing_test.tsv":
			if half == "tune.txt" {
				t.Errorf("%s is tuned on here but held out in search's realphrasing_test.tsv: it belongs in its tuning half", url)
			}
		}
	}
}

func pct(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}
