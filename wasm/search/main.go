//go:build js && wasm

// Command search is the site's search module: the catalog's lookup and the
// Bleve search compiled to WebAssembly, and nothing else (the decoder is a
// module of its own, wasm/browser, loaded only on the decoder page). The
// site runs it in a Web Worker (site/static/search-worker.js).
//
// It links no data: the worker fetches the catalog (the binary form without
// guides) and the search index as separate, cacheable files and hands them
// over before the module starts, as globalThis.authcodesData = {catalog,
// index}, two Uint8Arrays. It then publishes one global object:
//
//	authcodes.search(query, provider, protocol, limit, offset)
//	    {total: n, hits: [{id, code, provider, provider_name, title, url, match, snippet: [{text, match}]}],
//	     unknown_code: {code, provider, provider_name, lookup_url} when the query has
//	     a provider's code shape but names no entry}
//
// as a plain JavaScript object (or {error: "..."}; it never throws), and
// calls globalThis.authcodesReady() once the index is open.
package main

import (
	"context"
	"fmt"
	"runtime/debug"
	"syscall/js"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
	"github.com/authcodes/authcodes/wasm/internal/jsarg"
)

func main() {
	ready := js.Global().Get("authcodesReady")
	// Everything the catalog decode and the index open allocate stays
	// live: collecting while they run only costs start-up time.
	gc := debug.SetGCPercent(-1)
	cat, ix, err := open(js.Global().Get("authcodesData"))
	debug.SetGCPercent(gc)
	if err != nil {
		if ready.Type() == js.TypeFunction {
			ready.Invoke(err.Error())
		}
		return
	}
	api := js.Global().Get("Object").New()
	api.Set("search", js.FuncOf(func(_ js.Value, args []js.Value) (out any) {
		defer func() {
			if r := recover(); r != nil {
				out = errorObject(fmt.Sprint(r))
			}
		}()
		return find(cat, ix, args)
	}))
	js.Global().Set("authcodes", api)
	if ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {}
}

// open reads the catalog and the index out of the two arrays the worker fetched.
func open(data js.Value) (*catalog.Catalog, *search.Index, error) {
	if data.Type() != js.TypeObject {
		return nil, nil, fmt.Errorf("authcodesData is missing")
	}
	bytes := func(name string) []byte {
		v := data.Get(name)
		if v.Type() != js.TypeObject {
			return nil
		}
		b := make([]byte, v.Get("length").Int())
		js.CopyBytesToGo(b, v)
		return b
	}
	cat, err := catalog.FromBinary(bytes("catalog"))
	if err != nil {
		return nil, nil, err
	}
	ix, err := search.Open(cat, bytes("index"))
	return cat, ix, err
}

func errorObject(msg string) map[string]any { return map[string]any{"error": msg} }

// find runs one search and lays the answer out as values js.ValueOf takes,
// so that no JSON encoder (and its reflection) is linked.
func find(cat *catalog.Catalog, ix *search.Index, args []js.Value) map[string]any {
	res, err := ix.Search(context.Background(), search.Request{
		Query: jsarg.String(args, 0), Provider: jsarg.String(args, 1), Protocol: jsarg.String(args, 2),
		Limit: jsarg.Int(args, 3), Offset: jsarg.Int(args, 4),
	})
	if err != nil {
		return errorObject(err.Error())
	}
	hits := make([]any, len(res.Hits))
	for i, h := range res.Hits {
		snippet := make([]any, len(h.Snippet))
		for j, f := range h.Snippet {
			snippet[j] = map[string]any{"text": f.Text, "match": f.Match}
		}
		e := h.Entry
		hits[i] = map[string]any{
			"id": e.ID, "code": e.Code, "provider": e.Provider, "provider_name": providerName(cat, e.Provider),
			"title": e.Title, "url": e.Path(), "match": string(h.Match), "snippet": snippet,
		}
	}
	out := map[string]any{"total": res.Total, "capped": res.Capped, "hits": hits}
	if u := res.Unknown; u != nil {
		out["unknown_code"] = map[string]any{"code": u.Code, "provider": u.Provider, "provider_name": providerName(cat, u.Provider), "lookup_url": u.LookupURL}
	}
	return out
}

func providerName(cat *catalog.Catalog, key string) string {
	if p, ok := cat.Provider(key); ok {
		return p.Name
	}
	return key
}
