package search

import (
	_ "embed"
	"math"
	"sync"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search/internal/answered"
)

//go:generate go run ./internal/genindex -o index.bin -stop stopwords.txt -answered answered.tsv -corpus ../decode/testdata/corpus/tune.txt -phrasing testdata/realphrasing_tuning.tsv

// The decoder's recognition tables are derived from the catalog too, so the
// one command that follows a catalog change regenerates them as well.
//
//go:generate go generate ../decode

// embeddedIndex is the index of the embedded catalog, built by Build. A test
// fails when it falls behind the catalog.
//
//go:embed index.bin
var embeddedIndex []byte

var (
	embeddedOnce sync.Once
	embeddedIx   *Index
	embeddedErr  error
)

// Embedded returns the index of the catalog shipped with the catalog package,
// opened once on first use. (A function, not an initialised variable, so that
// the WebAssembly modules, which open a binary catalog instead, do not link
// the Markdown one.)
func Embedded() (*Index, error) {
	embeddedOnce.Do(func() {
		cat, err := catalog.Embedded()
		if err != nil {
			embeddedErr = err
			return
		}
		embeddedIx, embeddedErr = Open(cat, embeddedIndex)
	})
	return embeddedIx, embeddedErr
}

// answeredFile counts the real threads each entry answered, in the tuning
// halves of the corpora (package answered); go generate writes it.
//
//go:embed answered.tsv
var answeredFile []byte

// answeredWeights lifts each entry that real threads often turned out to be
// about: 1 + answeredLift × ln(1 + threads). A file that does not parse
// (only a hand edit could do that; a test reads it) weighs nothing.
func answeredWeights() map[string]float64 {
	counts, err := answered.Parse(answeredFile)
	if err != nil {
		return nil
	}
	w := make(map[string]float64, len(counts))
	for id, n := range counts {
		w[id] = 1 + answeredLift*math.Log(1+float64(n))
	}
	return w
}

// answeredLift is how much an entry's record in real threads weighs: at
// 0.3, the most answered entries (about 50 threads) weigh about twice
// an entry no thread was about, so a vague query ("Login with Google
// errors") leans to the common failure while a query's own words still
// decide between entries they tell apart.
const answeredLift = 0.3

// EmbeddedBytes is the serialised index, for modules that ship it elsewhere.
func EmbeddedBytes() []byte { return embeddedIndex }
