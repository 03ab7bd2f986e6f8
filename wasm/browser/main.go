//go:build js && wasm

// Command browser is the authcodes module for web pages: the catalog, search
// and the decoder compiled to WebAssembly. The site loads it in a Web Worker
// (site/static/search-worker.js), so the page never blocks, and nothing a user
// types or pastes leaves the browser.
//
// It publishes one global object, authcodes, whose functions take strings and
// return JSON text that the worker parses into plain objects:
//
//	authcodes.search(query, provider, protocol, limit, offset)
//	    {"total": n, "hits": [{"id", "code", "provider", "provider_name", "title", "url", "match", "snippet": [{"text", "match"}]}]}
//	authcodes.lookup(code)      {"matches": [entry...]}
//	authcodes.entry(id)         entry, or {"error": "..."}
//	authcodes.providers()       {"providers": [{"key", "name", "kind", "count"}]}
//	authcodes.decode(input, expect)
//	                            the decoder's result (catalog/decode.Result) plus
//	                            "first": the entry of the most specific match,
//	                            and "provider_names": each match's provider's name by key;
//	                            expect, optional, is JSON {"redirect_uri": ...}
//	                            of what the app is configured with
//	authcodes.decodeFile(bytes, expect)
//	                            the same for a file's bytes (a Uint8Array): a HAR
//	                            (up to 20 MB) is read as a stream, as its steps
//	authcodes.sanitizeHAR(bytes, keepPersonal)
//	                            a Uint8Array: the HAR with every secret masked,
//	                            or {"error": "..."} as JSON text
//	authcodes.mask(input, keepPersonal)
//	                            {"masked": input with every secret masked, and
//	                            personal data too unless keepPersonal}, for share links
//
// where an entry is {"id", "code", "provider", "provider_name", "protocol",
// "title", "summary", "who_acts", "http_status", "retryable", "standard",
// "url", "fix"}. Every function answers {"error": "..."} instead of throwing.
// The module calls globalThis.authcodesReady() once the catalog is open.
//
// The generator writes catalog.bin (the binary catalog) next to this file
// before compiling it.
package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"syscall/js"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/decode"
	"github.com/authcodes/authcodes/catalog/search"
	"github.com/authcodes/authcodes/wasm/internal/jsarg"
)

//go:embed catalog.bin
var catalogData []byte

func main() {
	cat, err := catalog.FromBinary(catalogData)
	if err != nil {
		panic(err)
	}
	ix, err := search.Open(cat, search.EmbeddedBytes())
	if err != nil {
		panic(err)
	}
	m := &module{cat: cat, ix: ix, decoder: decode.New(cat).WithFinder(ix.Likely)}
	api := js.Global().Get("Object").New()
	for name, fn := range map[string]func([]js.Value) any{
		"search":     m.search,
		"lookup":     m.lookup,
		"entry":      m.entry,
		"providers":  m.providers,
		"decode":     m.decode,
		"decodeFile": m.decodeFile,
		"mask":       m.mask,
	} {
		api.Set(name, js.FuncOf(func(_ js.Value, args []js.Value) any { return answer(fn, args) }))
	}
	api.Set("sanitizeHAR", js.FuncOf(func(_ js.Value, args []js.Value) any { return m.sanitizeHAR(args) }))
	js.Global().Set("authcodes", api)
	if ready := js.Global().Get("authcodesReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {}
}

type module struct {
	cat     *catalog.Catalog
	ix      *search.Index
	decoder *decode.Decoder
}

// answer runs fn and returns its result as JSON text; a failure, even a
// panic, becomes {"error": ...} so that the page can say what went wrong.
func answer(fn func([]js.Value) any, args []js.Value) (out any) {
	defer func() {
		if r := recover(); r != nil {
			out = errorJSON(fmt.Sprint(r))
		}
	}()
	v := fn(args)
	if err, ok := v.(error); ok {
		return errorJSON(err.Error())
	}
	data, err := json.Marshal(v)
	if err != nil {
		return errorJSON(err.Error())
	}
	return string(data)
}

func errorJSON(msg string) string {
	data, _ := json.Marshal(map[string]string{"error": msg})
	return string(data)
}

type hit struct {
	ID           string            `json:"id"`
	Code         string            `json:"code"`
	Provider     string            `json:"provider"`
	ProviderName string            `json:"provider_name"`
	Title        string            `json:"title"`
	URL          string            `json:"url"`
	Match        search.MatchKind  `json:"match"`
	Snippet      []search.Fragment `json:"snippet"`
}

func (m *module) search(args []js.Value) any {
	res, err := m.ix.Search(context.Background(), search.Request{
		Query: jsarg.String(args, 0), Provider: jsarg.String(args, 1), Protocol: jsarg.String(args, 2),
		Limit: jsarg.Int(args, 3), Offset: jsarg.Int(args, 4),
	})
	if err != nil {
		return err
	}
	hits := make([]hit, len(res.Hits))
	for i, h := range res.Hits {
		hits[i] = hit{
			ID: h.Entry.ID, Code: h.Entry.Code, Provider: h.Entry.Provider, ProviderName: m.providerName(h.Entry.Provider),
			Title: h.Entry.Title, URL: h.Entry.Path(), Match: h.Match, Snippet: h.Snippet,
		}
	}
	out := map[string]any{"total": res.Total, "capped": res.Capped, "hits": hits}
	if u := res.Unknown; u != nil {
		out["unknown_code"] = map[string]string{"code": u.Code, "provider": u.Provider, "provider_name": m.providerName(u.Provider), "lookup_url": u.LookupURL}
	}
	return out
}

type entry struct {
	ID           string   `json:"id"`
	Code         string   `json:"code"`
	Provider     string   `json:"provider"`
	ProviderName string   `json:"provider_name"`
	Protocol     string   `json:"protocol"`
	Title        string   `json:"title"`
	Summary      string   `json:"summary"`
	WhoActs      []string `json:"who_acts"`
	HTTPStatus   int      `json:"http_status,omitempty"`
	Retryable    bool     `json:"retryable"`
	Standard     string   `json:"standard,omitempty"`
	URL          string   `json:"url"`
	Fix          []string `json:"fix"`
}

func (m *module) entryView(e *catalog.Entry) entry {
	who := make([]string, len(e.WhoActs))
	for i, a := range e.WhoActs {
		who[i] = a.Label()
	}
	return entry{
		ID: e.ID, Code: e.Code, Provider: e.Provider, ProviderName: m.providerName(e.Provider),
		Protocol: e.Protocol.Label(), Title: e.Title, Summary: e.Summary, WhoActs: who,
		HTTPStatus: e.HTTPStatus, Retryable: e.Retryable, Standard: e.Standard,
		URL: e.Path(), Fix: e.FixSteps(),
	}
}

func (m *module) lookup(args []js.Value) any {
	matches := []entry{}
	for _, e := range m.cat.Lookup(jsarg.String(args, 0)) {
		matches = append(matches, m.entryView(e))
	}
	return map[string]any{"matches": matches}
}

func (m *module) entry(args []js.Value) any {
	e, ok := m.cat.Entry(jsarg.String(args, 0))
	if !ok {
		return fmt.Errorf("no entry %q", jsarg.String(args, 0))
	}
	return m.entryView(e)
}

func (m *module) providers(_ []js.Value) any {
	type provider struct {
		Key   string `json:"key"`
		Name  string `json:"name"`
		Kind  string `json:"kind"`
		Count int    `json:"count"`
	}
	out := []provider{}
	for _, p := range m.cat.Providers() {
		out = append(out, provider{p.Key, p.Name, string(p.Kind), len(m.cat.ProviderEntries(p.Key))})
	}
	return map[string]any{"providers": out}
}

// expectArg reads what the app is configured with, as JSON text.
func expectArg(args []js.Value, i int) (map[string]string, error) {
	text := jsarg.String(args, i)
	if text == "" {
		return nil, nil
	}
	var expect map[string]string
	if err := json.Unmarshal([]byte(text), &expect); err != nil {
		return nil, fmt.Errorf("expect: %v", err)
	}
	return expect, decode.CheckExpect(expect)
}

// bytesArg copies a Uint8Array argument into Go: the one copy of the file
// the module holds; the page lets go of its own.
func bytesArg(args []js.Value, i int) ([]byte, error) {
	if i >= len(args) || args[i].Type() != js.TypeObject || args[i].Get("byteLength").Type() != js.TypeNumber {
		return nil, fmt.Errorf("no file bytes")
	}
	n := args[i].Get("byteLength").Int()
	if n > decode.MaxHARBytesInPage {
		return nil, fmt.Errorf("the file has %d MB; the page reads up to %d MB (the command line, authcodes decode FILE.har, reads up to %d MB)", n>>20, decode.MaxHARBytesInPage>>20, decode.MaxHARBytes>>20)
	}
	b := make([]byte, n)
	js.CopyBytesToGo(b, args[i])
	return b, nil
}

func (m *module) decode(args []js.Value) any {
	expect, err := expectArg(args, 1)
	if err != nil {
		return err
	}
	res, err := m.decoder.Decode(jsarg.String(args, 0), decode.Options{Expect: expect})
	if err != nil {
		return err
	}
	return m.withFirst(res)
}

// decodeFile decodes a dropped or chosen file: a HAR as a stream of its
// entries, anything else as text.
func (m *module) decodeFile(args []js.Value) any {
	expect, err := expectArg(args, 1)
	if err != nil {
		return err
	}
	b, err := bytesArg(args, 0)
	if err != nil {
		return err
	}
	var res *decode.Result
	if head := bytes.TrimSpace(bytes.TrimPrefix(b[:min(len(b), 512)], []byte("\uFEFF"))); decode.LooksHAR(string(head)) {
		res, err = m.decoder.DecodeHAR(context.Background(), bytes.NewReader(b), decode.HAROptions{Options: decode.Options{Expect: expect}, MaxBytes: decode.MaxHARBytesInPage})
	} else {
		res, err = m.decoder.Decode(string(b), decode.Options{Expect: expect})
	}
	if err != nil {
		return err
	}
	return m.withFirst(res)
}

// sanitizeHAR returns the HAR with every secret masked, as a Uint8Array
// for the page to offer as a download; an error as JSON text.
func (m *module) sanitizeHAR(args []js.Value) (out any) {
	defer func() {
		if r := recover(); r != nil {
			out = errorJSON(fmt.Sprint(r))
		}
	}()
	b, err := bytesArg(args, 0)
	if err != nil {
		return errorJSON(err.Error())
	}
	keep := len(args) > 1 && args[1].Type() == js.TypeBoolean && args[1].Bool()
	var clean bytes.Buffer
	if err := decode.SanitizeHAR(context.Background(), &clean, bytes.NewReader(b), decode.HAROptions{KeepPersonal: keep, MaxBytes: decode.MaxHARBytesInPage}); err != nil {
		return errorJSON(err.Error())
	}
	arr := js.Global().Get("Uint8Array").New(clean.Len())
	js.CopyBytesToJS(arr, clean.Bytes())
	return arr
}

// withFirst adds the entry of the most specific match to a result, and
// the names of the matches' providers, which the page shows instead of keys.
func (m *module) withFirst(res *decode.Result) any {
	out := struct {
		*decode.Result
		First         *entry            `json:"first,omitempty"`
		ProviderNames map[string]string `json:"provider_names,omitempty"`
	}{Result: res}
	for _, match := range res.Matches {
		if out.ProviderNames == nil {
			out.ProviderNames = map[string]string{}
		}
		out.ProviderNames[match.Provider] = m.providerName(match.Provider)
	}
	if len(res.Matches) > 0 && res.Matches[0].Entry != nil {
		first := m.entryView(res.Matches[0].Entry)
		out.First = &first
	}
	return out
}

// mask masks input for a share link: credentials always, personal data
// unless the second argument is true (the user chose to keep it).
func (m *module) mask(args []js.Value) any {
	keep := len(args) > 1 && args[1].Type() == js.TypeBoolean && args[1].Bool()
	return map[string]string{"masked": decode.MaskInputWith(jsarg.String(args, 0), decode.MaskOptions{KeepPersonal: keep})}
}

func (m *module) providerName(key string) string {
	if p, ok := m.cat.Provider(key); ok {
		return p.Name
	}
	return key
}
