package search

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/index/upsidedown/store/gtreap"

	"github.com/authcodes/authcodes/catalog"
)

func embedded(t testing.TB) *Index {
	t.Helper()
	ix, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestFrozenStoreMatchesTheStoreItFroze compares every read of the frozen
// store with the in-memory store it was made from.
func TestFrozenStoreMatchesTheStoreItFroze(t *testing.T) {
	mem, err := gtreap.New(nil, map[string]interface{}{"path": ""})
	if err != nil {
		t.Fatal(err)
	}
	w, _ := mem.Writer()
	b := w.NewBatch()
	keys := [][]byte{{}, []byte("a"), []byte("ab"), []byte("abc"), []byte("c1"), []byte("c2"), []byte("bdoc"), []byte("bdod"), {0xff}, {0xff, 0xff},
		[]byte("f\x00\x01"), []byte("d\x00\x01term"), []byte("d\x00\x01ter"), []byte("t\x00\x01term\xffdoc"), []byte("t\x00\x01term\xffdod"), []byte("t\x00\x01ter\xffdoc")}
	// Term frequency rows (frequency, norm bits) become postings after the
	// dictionary row's count (rank gap, frequency), and the norms one row
	// per field (each document's field length).
	tf := func(freq, length uint64) []byte {
		return binary.AppendUvarint(binary.AppendUvarint(nil, freq), uint64(math.Float32bits(norm(length))))
	}
	frequencies := map[string][]byte{
		"f\x00\x01": []byte("body\xff"), "d\x00\x01term": {2}, "d\x00\x01ter": {1},
		"t\x00\x01term\xffdoc": tf(2, 4), "t\x00\x01term\xffdod": tf(3, 9), "t\x00\x01ter\xffdoc": tf(1, 4),
	}
	postings := map[string]string{"d\x00\x01term": "\x02\x01\x00\x01\x01", "d\x00\x01ter": "\x01\x00", "n\x00\x01": "\x04\x09"}
	for i, k := range keys {
		v := []byte(fmt.Sprint("v", i))
		if f, ok := frequencies[string(k)]; ok {
			v = f
		}
		b.Set(k, v)
	}
	if err := w.ExecuteBatch(b); err != nil {
		t.Fatal(err)
	}
	r, _ := mem.Reader()
	data, err := freeze(r)
	if err != nil {
		t.Fatal(err)
	}
	fz, err := openFrozen(data)
	if err != nil {
		t.Fatal(err)
	}
	probes := append(slices.Clone(keys), []byte("0"), []byte("aa"), []byte("zz"), []byte("abd"), []byte("n"), []byte("n\x00\x01"), []byte("d\x00\x01"))
	// Back-index rows ("b" keys) keep their keys and lose their values.
	if v, _ := fz.Get([]byte("bdoc")); v == nil || len(v) != 0 {
		t.Errorf("back-index row: %q, want an empty value", v)
	}
	w2, _ := mem.Writer()
	b2 := w2.NewBatch()
	b2.Set([]byte("bdoc"), nil)
	b2.Set([]byte("bdod"), nil)
	for k := range frequencies {
		if k[0] == 't' {
			b2.Delete([]byte(k))
		}
	}
	for k, v := range postings {
		b2.Set([]byte(k), []byte(v))
	}
	w2.ExecuteBatch(b2)
	r, _ = mem.Reader()
	for _, k := range probes {
		want, _ := r.Get(k)
		got, _ := fz.Get(k)
		if !bytes.Equal(got, want) || (got == nil) != (want == nil) {
			t.Errorf("Get(%q) = %q, want %q", k, got, want)
		}
		if got, want := drain(fz.PrefixIterator(k)), drain(r.PrefixIterator(k)); !slices.Equal(got, want) {
			t.Errorf("PrefixIterator(%q) = %q, want %q", k, got, want)
		}
		for _, end := range probes {
			if got, want := drain(fz.RangeIterator(k, end)), drain(r.RangeIterator(k, end)); !slices.Equal(got, want) {
				t.Errorf("RangeIterator(%q, %q) = %q, want %q", k, end, got, want)
			}
		}
	}
	if _, err := openFrozen([]byte("not an index")); err == nil {
		t.Error("openFrozen accepted garbage")
	}
	for _, bad := range [][]byte{data[:len(data)-1], append(bytes.Clone(data), 0), data[:len(frozenMagic)+4]} {
		if _, err := openFrozen(bad); err == nil {
			t.Errorf("openFrozen accepted %d bytes of a %d-byte store", len(bad), len(data))
		}
	}
	// What freeze refuses: term vectors, a norm that is no field length's,
	// two norms for one document's field, a posting of no document, a
	// dictionary count its postings do not make.
	for name, row := range map[string][2]string{
		"term vectors":        {"t\x00\x01term\xffdoc", "\x01\x02\x03"},
		"a norm of no length": {"t\x00\x01term\xffdoc", string(binary.AppendUvarint([]byte{1}, uint64(math.Float32bits(0.3))))},
		"two norms":           {"t\x00\x01ter\xffdoc", string(tf(1, 5))},
		"a posting of no doc": {"t\x00\x01term\xffdoe", string(tf(1, 1))},
		"a count too high":    {"d\x00\x01ter", "\x02"},
	} {
		mem, _ := gtreap.New(nil, map[string]interface{}{"path": ""})
		w, _ := mem.Writer()
		b := w.NewBatch()
		for k, v := range frequencies {
			b.Set([]byte(k), v)
		}
		b.Set([]byte("bdoc"), nil)
		b.Set([]byte("bdod"), nil)
		b.Set([]byte(row[0]), []byte(row[1]))
		w.ExecuteBatch(b)
		r, _ := mem.Reader()
		if _, err := freeze(r); err == nil {
			t.Errorf("freeze took %s", name)
		}
	}
	if _, err := fz.Writer(); err == nil {
		t.Error("the frozen store accepted a writer")
	}
}

type iter interface {
	Current() ([]byte, []byte, bool)
	Next()
	Close() error
}

func drain(it iter) []string {
	defer it.Close()
	var out []string
	for k, v, ok := it.Current(); ok; k, v, ok = it.Current() {
		out = append(out, string(k)+"="+string(v))
		it.Next()
	}
	return out
}

func ids(res Result) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.Entry.ID
	}
	return out
}

func TestSearchOrdersCodesThenPrefixesThenText(t *testing.T) {
	ix := embedded(t)
	ctx := context.Background()
	tests := []struct {
		req   Request
		first []string
		kind  MatchKind
	}{
		{Request{Query: "AADSTS50011"}, []string{"entra/AADSTS50011"}, CodeMatch},
		{Request{Query: "aadsts50011:"}, []string{"entra/AADSTS50011"}, CodeMatch},
		{Request{Query: "invalid_grant"}, []string{"oauth2/invalid_grant"}, CodeMatch},
		{Request{Query: "okta invalid_grant"}, []string{"okta/invalid_grant"}, CodeMatch},
		{Request{Query: "invalid_grant", Provider: "scalekit"}, []string{"scalekit/invalid_grant"}, CodeMatch},
		{Request{Query: "E000000"}, []string{"okta/E0000001", "okta/E0000002", "okta/E0000003"}, PrefixMatch},
		{Request{Query: "reply url does not match", Protocol: "oidc"}, []string{"entra/AADSTS50011"}, TextMatch},
		// A code touching text written without spaces is still its own word.
		{Request{Query: "登录失败AADSTS50011错误"}, []string{"entra/AADSTS50011"}, CodeMatch},
		{Request{Query: "エラー：invalid_grantです"}, []string{"oauth2/invalid_grant"}, CodeMatch},
	}
	for _, tt := range tests {
		res, err := ix.Search(ctx, tt.req)
		if err != nil {
			t.Fatal(err)
		}
		got := ids(res)
		if len(got) < len(tt.first) || !slices.Equal(got[:len(tt.first)], tt.first) {
			t.Errorf("Search(%+v) = %v, want it to start with %v", tt.req, got, tt.first)
			continue
		}
		if res.Hits[0].Match != tt.kind {
			t.Errorf("Search(%+v): first hit is a %s match, want %s", tt.req, res.Hits[0].Match, tt.kind)
		}
		for _, h := range res.Hits {
			if (tt.req.Provider != "" && h.Entry.Provider != tt.req.Provider) || (tt.req.Protocol != "" && string(h.Entry.Protocol) != tt.req.Protocol) {
				t.Errorf("Search(%+v) returned %s, outside the filter", tt.req, h.Entry.ID)
			}
		}
	}
}

// TestCodeCopiesByAnswers: a code several providers keep lists the
// standard's entry first, then the others by how many real threads were
// about each (answered.tsv).
func TestCodeCopiesByAnswers(t *testing.T) {
	ix := embedded(t)
	for _, q := range []string{"invalid_grant", "access_denied", "redirect_uri_mismatch"} {
		res, err := ix.Search(context.Background(), Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		var copies []Hit
		for _, h := range res.Hits {
			if p, _ := ix.cat.Provider(h.Entry.Provider); h.Match == CodeMatch && h.Entry.Code == q && p.Kind != catalog.Standard {
				copies = append(copies, h)
			}
		}
		if len(copies) < 3 {
			t.Fatalf("%s: %d providers' copies, want several", q, len(copies))
		}
		for i := 1; i < len(copies); i++ {
			if a, b := ix.answered[copies[i-1].Entry.ID], ix.answered[copies[i].Entry.ID]; a < b {
				t.Errorf("%s: %s (weight %.2f) before %s (weight %.2f)", q, copies[i-1].Entry.ID, a, copies[i].Entry.ID, b)
			}
		}
	}
}

func TestSearchPages(t *testing.T) {
	ix := embedded(t)
	ctx := context.Background()
	all, err := ix.Search(ctx, Request{Query: "token expired", Limit: 30})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total < 30 {
		t.Fatalf("want at least 30 results for a broad query, got %d", all.Total)
	}
	var paged []string
	for off := 0; off < 30; off += 7 {
		res, err := ix.Search(ctx, Request{Query: "token expired", Limit: 7, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != all.Total {
			t.Errorf("page at %d: total %d, want %d", off, res.Total, all.Total)
		}
		paged = append(paged, ids(res)...)
	}
	if !slices.Equal(paged[:30], ids(all)) {
		t.Errorf("pages do not add up to the whole:\n%v\n%v", paged[:30], ids(all))
	}
	res, _ := ix.Search(ctx, Request{Query: "token expired", Offset: all.Total + 5})
	if len(res.Hits) != 0 || res.Total != all.Total {
		t.Errorf("past the end: %d hits, total %d", len(res.Hits), res.Total)
	}
}

func TestSearchRejectsBadRequests(t *testing.T) {
	ix := embedded(t)
	for _, req := range []Request{
		{Query: strings.Repeat("a", MaxQueryBytes+1)},
		{Query: "x", Limit: -1},
		{Query: "x", Offset: -1},
		{Query: "x", Provider: "nobody"},
		{Query: "x", Protocol: "smoke_signals"},
		{Query: "\xff\xfe"},
	} {
		if _, err := ix.Search(context.Background(), req); !errors.Is(err, ErrBadRequest) {
			t.Errorf("Search(%.40q...) error = %v, want ErrBadRequest", fmt.Sprint(req), err)
		}
	}
	for _, q := range []string{"", "   ", "the of and", "???", "<script>alert(1)</script>", "\x00"} {
		if _, err := ix.Search(context.Background(), Request{Query: q}); err != nil {
			t.Errorf("Search(%q) = %v, want no error", q, err)
		}
	}
}

func TestSnippetMarksMatchedWords(t *testing.T) {
	ix := embedded(t)
	res, err := ix.Search(context.Background(), Request{Query: "redirect uri registered"})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("no results: %v", err)
	}
	var text strings.Builder
	marked := 0
	for _, f := range res.Hits[0].Snippet {
		text.WriteString(f.Text)
		if f.Match {
			marked++
		}
	}
	if marked == 0 || text.Len() > snippetLen+10 {
		t.Errorf("snippet %q: %d marks, %d bytes", text.String(), marked, text.Len())
	}
}

// relevanceCase is one line of testdata/relevance.tsv.
type relevanceCase struct {
	kind, query, want string
}

func readRelevance(t testing.TB) []relevanceCase {
	var out []relevanceCase
	for _, row := range readTSV(t, "testdata/relevance.tsv", "kind, query, expected id") {
		out = append(out, relevanceCase{row[0], row[1], row[2]})
	}
	return out
}

// readTSV reads a testdata file of TAB-separated rows, one per line, each
// with the columns named (comma-separated); blank lines and lines starting
// with # are skipped.
func readTSV(t testing.TB, file, columns string) [][]string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := len(strings.Split(columns, ","))
	var out [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		row := strings.Split(line, "\t")
		if len(row) != n {
			t.Fatalf("%s: want %s: %q", file, columns, line)
		}
		out = append(out, row)
	}
	return out
}

// TestRelevance runs the relevance set and fails below 90% top-1 or 97% top-3.
func TestRelevance(t *testing.T) {
	ix := embedded(t)
	cases := readRelevance(t)
	if len(cases) < 150 {
		t.Fatalf("the relevance set has %d queries, want at least 150", len(cases))
	}
	type tally struct{ n, top1, top3 int }
	byKind := map[string]*tally{}
	var total tally
	for _, c := range cases {
		if _, ok := ix.cat.Entry(c.want); !ok {
			t.Errorf("relevance.tsv: %q expects %s, which is not an entry", c.query, c.want)
			continue
		}
		res, err := ix.Search(context.Background(), Request{Query: c.query, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		got := ids(res)
		k := byKind[c.kind]
		if k == nil {
			k = &tally{}
			byKind[c.kind] = k
		}
		for _, tl := range []*tally{k, &total} {
			tl.n++
			if len(got) > 0 && got[0] == c.want {
				tl.top1++
			}
			if slices.Contains(got, c.want) {
				tl.top3++
			}
		}
		if !slices.Contains(got, c.want) {
			t.Logf("miss [%s] %q: want %s, got %v", c.kind, c.query, c.want, got)
		}
	}
	pct := func(a, b int) float64 { return 100 * float64(a) / float64(b) }
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		tl := byKind[k]
		fmt.Printf("relevance %-9s %3d queries  top-1 %5.1f%%  top-3 %5.1f%%\n", k, tl.n, pct(tl.top1, tl.n), pct(tl.top3, tl.n))
	}
	fmt.Printf("relevance %-9s %3d queries  top-1 %5.1f%%  top-3 %5.1f%%\n", "all", total.n, pct(total.top1, total.n), pct(total.top3, total.n))
	if pct(total.top1, total.n) < 90 || pct(total.top3, total.n) < 97 {
		t.Errorf("relevance below the bar: top-1 %.1f%% (want 90), top-3 %.1f%% (want 97)", pct(total.top1, total.n), pct(total.top3, total.n))
	}
}

// TestWebAssemblyRanksLikeNative compiles the probe to WebAssembly, runs it
// under Node over the relevance queries, and compares every ranking with the
// native one.
func TestWebAssemblyRanksLikeNative(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a WebAssembly module")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node is required under CI: ", err)
		}
		t.Skip("node not installed")
	}
	dir := t.TempDir()
	wasm := filepath.Join(dir, "probe.wasm")
	build := exec.Command("go", "build", "-o", wasm, "./internal/probe")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the wasm probe: %v\n%s", err, out)
	}
	cases := readRelevance(t)
	var queries []string
	for _, c := range cases {
		queries = append(queries, c.query)
	}
	for _, half := range []string{tuningHalf, testHalf} {
		for _, c := range readRealPhrasing(t, half) {
			queries = append(queries, c.query)
		}
	}
	queries = append(queries, "user not assigned", "E00000", "saml response expired clock skew", "okta invalid_grant")
	qfile := filepath.Join(dir, "queries.txt")
	os.WriteFile(qfile, []byte(strings.Join(queries, "\n")), 0o644)

	// The catalog as the site ships it to the search module: its search-only binary form.
	ix := embedded(t)
	catData, err := ix.Catalog().MarshalBinarySearch()
	if err != nil {
		t.Fatal(err)
	}
	cfile := filepath.Join(dir, "catalog.bin")
	os.WriteFile(cfile, catData, 0o644)

	cmd := exec.Command(node, filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec_node.js"), wasm, "rank", qfile, cfile)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running the probe under node: %v", err)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) != len(queries) {
		t.Fatalf("node printed %d rankings for %d queries", len(lines), len(queries))
	}
	for i, q := range queries {
		res, err := ix.Search(context.Background(), Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if native := strings.Join(ids(res), " "); native != lines[i] {
			t.Errorf("%q ranks differently:\nnative %s\nwasm   %s", q, native, lines[i])
		}
	}
}

func TestSnippetCutsLongTextSafely(t *testing.T) {
	ix := embedded(t)
	for _, text := range []string{
		strings.Repeat("é", 400),
		strings.Repeat("word ", 100) + "redirect",
		"short redirect",
		"",
	} {
		e := &catalog.Entry{Summary: text}
		var b strings.Builder
		for _, f := range ix.snippet(e, []string{"redirect"}) {
			b.WriteString(f.Text)
		}
		if !utf8.ValidString(b.String()) || b.Len() > snippetLen+10 {
			t.Errorf("snippet of %d bytes: %d bytes, valid UTF-8 %v", len(text), b.Len(), utf8.ValidString(b.String()))
		}
	}
}

// TestSearchSaysWhenACodeIsUnknown: a code-shaped query that names no entry
// says so, and every hit is another code.
func TestSearchSaysWhenACodeIsUnknown(t *testing.T) {
	ix := embedded(t)
	for _, tt := range []struct{ query, code, provider string }{
		{"AADSTS999123", "AADSTS999123", "entra"},
		{"e0000999", "E0000999", "okta"},
		{"AADB2C99999", "AADB2C99999", "b2c"},
		{"IDX19999", "IDX19999", "identitymodel"},
		{"urn:oasis:names:tc:SAML:2.0:status:NoSuchStatus", "urn:oasis:names:tc:SAML:2.0:status:NoSuchStatus", "saml"},
		{"TID-AEX-9999", "TID-AEX-9999", "trivoreid"},
		{"登录失败AADSTS999123错误", "AADSTS999123", "entra"},
	} {
		res, err := ix.Search(context.Background(), Request{Query: tt.query})
		if err != nil {
			t.Fatal(err)
		}
		if res.Unknown == nil || res.Unknown.Code != tt.code || res.Unknown.Provider != tt.provider || res.Unknown.LookupURL == "" {
			t.Errorf("Search(%q).Unknown = %+v, want %s at %s", tt.query, res.Unknown, tt.code, tt.provider)
			continue
		}
		for _, h := range res.Hits {
			if h.Match == CodeMatch {
				t.Errorf("Search(%q): %s is a code match of an unknown code", tt.query, h.Entry.ID)
			}
		}
	}
	res, _ := ix.Search(context.Background(), Request{Query: "AADSTS500119"})
	if len(res.Hits) == 0 || res.Hits[0].Match != NearMatch || res.Hits[0].Entry.Provider != "entra" {
		t.Errorf("AADSTS500119: want Entra codes near it first, got %v", ids(res))
	}
	for _, q := range []string{"AADSTS50011", "E0000011", "user not assigned"} {
		if res, _ := ix.Search(context.Background(), Request{Query: q}); res.Unknown != nil {
			t.Errorf("Search(%q).Unknown = %+v, want none", q, res.Unknown)
		}
	}
}

func TestNegationsAreKeptAndJoined(t *testing.T) {
	ix := embedded(t)
	for _, tt := range []struct{ text, want string }{
		{"user not assigned", "user not_assign assign"},
		{"the user isn't assigned", "user not_assign assign"},
		{"it doesn’t match", "not_match match"},
		{"no session", "not_session session"},
		{"not", ""},
		{"already assigned", "alreadi assign"},
	} {
		var got []string
		for _, tok := range ix.english.Analyze([]byte(tt.text)) {
			got = append(got, string(tok.Term))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%q analyses to %q, want %q", tt.text, strings.Join(got, " "), tt.want)
		}
	}
}

func TestSearchSaysWhenTheTotalIsACap(t *testing.T) {
	ix := embedded(t)
	res, err := ix.Search(context.Background(), Request{Query: "token expired"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Capped || res.Total < maxTextHits {
		t.Errorf("a broad query: total %d, capped %v; want a capped total of at least %d", res.Total, res.Capped, maxTextHits)
	}
	res, _ = ix.Search(context.Background(), Request{Query: "AADSTS50011"})
	if res.Capped {
		t.Errorf("a code: capped at %d results", res.Total)
	}
}

// TestSwappedProviderName checks that a provider's name typed with two
// neighbouring letters swapped still names it, and that nothing else does.
func TestSwappedProviderName(t *testing.T) {
	ix := embedded(t)
	for _, c := range []struct {
		query string
		want  string // a provider key the query must name; "" for none
		not   string // a provider key it must not name
	}{
		{"okat hosted login fails", "okta", ""},
		{"keyclaok redirect", "keycloak", ""},
		{"otka", "okta", ""},             // the first two letters swapped
		{"oakt bad request", "", "okta"}, // two swaps are not one
		{"okta", "okta", ""},
		{"okta登录失败", "okta", ""}, // a name touching Chinese text
		{"oktaplus", "", "okta"},
		{"ktoa", "", "okta"},
	} {
		got := ix.namedProviders(c.query)
		if c.want != "" && !slices.Contains(got, c.want) {
			t.Errorf("%q names %v, want %s among them", c.query, got, c.want)
		}
		if c.not != "" && slices.Contains(got, c.not) {
			t.Errorf("%q names %v, not %s", c.query, got, c.not)
		}
	}
}

// FuzzOpenIndex: damaged index bytes are an error, never a panic or a
// runaway allocation.
func FuzzOpenIndex(f *testing.F) {
	f.Add(embeddedIndex[:min(len(embeddedIndex), 4096)])
	f.Add([]byte(frozenMagic + "\x02\x00\x00\x00\x00\x01a\x01\x01b\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ix, err := openIndex(data)
		if err != nil {
			return
		}
		// What opened reads without panicking.
		for field := range ix.fields {
			d, _ := ix.FieldDict(field)
			for e, _ := d.Next(); e != nil; e, _ = d.Next() {
				r, err := ix.TermFieldReader(context.Background(), []byte(e.Term), field, false, false, false)
				if err != nil {
					break
				}
				for p, err := r.Next(nil); p != nil && err == nil; p, err = r.Next(nil) {
				}
			}
		}
	})
}

// TestReportWordsMatchNothing: the words that speak of the report ("issue",
// "problem") match no entry by themselves (an entry saying a token was
// issued is not about "Redirect URI Issue"), while the word they resemble
// still does.
func TestReportWordsMatchNothing(t *testing.T) {
	ix := embedded(t)
	ctx := context.Background()
	for _, c := range []struct {
		query string
		hits  bool
	}{
		{"issue", false},
		{"Problem: help, issues", false},
		{"issued", true},
		{"token issued in the future", true},
	} {
		res, err := ix.Search(ctx, Request{Query: c.query})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(res.Hits) > 0; got != c.hits {
			t.Errorf("Search(%q) has hits %v (%v), want %v", c.query, got, ids(res), c.hits)
		}
	}
}

// TestWrapperComesAfterItsCause: a wrapper code whose message the query
// holds ranks below the entry whose own message the query holds beside it,
// even when the wrapper's library is named; without a cause it keeps its place.
func TestWrapperComesAfterItsCause(t *testing.T) {
	ix := embedded(t)
	ctx := context.Background()
	for _, c := range []struct {
		query         string
		first, behind string
	}{
		{"oauth2: cannot fetch token: 400 Bad Request Response: Token has been expired or revoked.", "google/invalid_grant", "go-oauth2/cannot_fetch_token"},
		{"oauth2: cannot fetch token: 401 Unauthorized Response: The client secret supplied for a confidential client is invalid.", "okta/invalid_client", "go-oauth2/cannot_fetch_token"},
		{"golang oauth2: cannot fetch token: 500 Internal Server Error", "go-oauth2/cannot_fetch_token", ""},
	} {
		res, err := ix.Search(ctx, Request{Query: c.query, Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		got := ids(res)
		if len(got) == 0 || got[0] != c.first {
			t.Errorf("Search(%q) = %v, want %s first", c.query, got, c.first)
			continue
		}
		if c.behind != "" && !slices.Contains(got, c.behind) {
			t.Errorf("Search(%q) = %v, want %s among the results", c.query, got, c.behind)
		}
	}
}

// TestLogOnlyWeight: a provider's event that only shows up in its logs
// weighs less than its errors; a library's error, which the library throws
// to the app however it is logged, does not.
func TestLogOnlyWeight(t *testing.T) {
	ix := embedded(t)
	for _, c := range []struct {
		id   string
		less bool
	}{
		{"auth0/appi", true},                          // an Auth0 log event
		{"msalbrowser/monitor_window_timeout", false}, // thrown by MSAL.js, appears_in [log]
		{"oidcclientts/iframe_timed_out", false},
	} {
		e, ok := ix.cat.Entry(c.id)
		if !ok {
			t.Fatalf("no entry %s", c.id)
		}
		if len(e.AppearsIn) != 1 || e.AppearsIn[0] != catalog.Log {
			t.Fatalf("%s appears in %v, want only the log", c.id, e.AppearsIn)
		}
		if got := ix.prior(e, nil, false) < 1; got != c.less {
			t.Errorf("%s: prior %.2f, want below 1: %v", c.id, ix.prior(e, nil, false), c.less)
		}
	}
}

// TestLeadingRun: the match quoted furthest leads only when its run is long
// enough and no other match's is as long.
func TestLeadingRun(t *testing.T) {
	runs := func(rs ...int) []messageMatch {
		out := make([]messageMatch, len(rs))
		for i, r := range rs {
			out[i] = messageMatch{weight: 1, run: r}
		}
		return out
	}
	for _, c := range []struct {
		matches []messageMatch
		want    int
	}{
		{runs(4, 11, 0), 1},
		{runs(6, 5), 0},
		{runs(7, 7, 3), -1},               // two as long: neither leads
		{runs(0, longSharedRun-1, 2), -1}, // too short to count
		{runs(longSharedRun, 0), 0},
		{nil, -1},
	} {
		if got := leadingRun(c.matches); got != c.want {
			t.Errorf("leadingRun(%v) = %d, want %d", c.matches, got, c.want)
		}
	}
}

// TestLastWordCutShort: a query that stops inside its last word reaches the
// message word it starts ("... does not exist in tenan"); a finished word,
// or a query ending in punctuation, is not completed.
func TestLastWordCutShort(t *testing.T) {
	ix := embedded(t)
	e := &catalog.Entry{Messages: []string{"Selected user account does not exist in tenant '{tenant}'."}}
	for _, c := range []struct {
		query string
		run   int
	}{
		// The run counts the words as printed: "selected user account does not exist in tenant".
		{"Unable to log in: Selected user account does not exist in tenan", 8},
		{"Selected user account does not exist in tenant", 8},
		{"Selected user account does not exist in tenan.", 7}, // ends in punctuation: not cut short
		{"Selected user account does not exist in te", 7},     // too short to complete
	} {
		if got := ix.messageWeight(e, messageWords(c.query), plainWords(c.query), endsInWord(c.query)).run; got != c.run {
			t.Errorf("%q: run %d, want %d", c.query, got, c.run)
		}
	}
}

// TestIdentifierPartsKeepAQueryShort: the words a CamelCase identifier is
// made of do not make a two-word query prose, so its code word still
// matches codes.
func TestIdentifierPartsKeepAQueryShort(t *testing.T) {
	ix := embedded(t)
	for _, c := range []struct{ query, want string }{
		{"scimType sensitive", "scim/sensitive"},
	} {
		res, err := ix.Search(context.Background(), Request{Query: c.query, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(res); len(got) == 0 || got[0] != c.want {
			t.Errorf("Search(%q) = %v, want %s first", c.query, got, c.want)
		}
	}
}
