// Package jsoniter stands in for github.com/json-iterator/go in this
// module's builds (a replace directive in the top go.mod), with the one
// configuration authcodes' dependencies use: ConfigCompatibleWithStandardLibrary,
// which is by definition encoding/json's behaviour, so it calls encoding/json.
//
// Why: Bleve's search packages import github.com/blevesearch/geo/geojson,
// which builds json-iterator's reflection-driven codec tables in a package
// initialiser. Go links an initialiser and everything it reaches whether or
// not the program ever decodes a geo shape, and in the site's search module
// (wasm/search) that was about 0.3 MB of code that no search runs.
// authcodes indexes no geo fields.
package jsoniter

import "encoding/json"

// API is the part of json-iterator's API that its importers here call.
type API interface {
	Marshal(v any) ([]byte, error)
	Unmarshal(data []byte, v any) error
}

// ConfigCompatibleWithStandardLibrary behaves as encoding/json does.
var ConfigCompatibleWithStandardLibrary API = standard{}

type standard struct{}

func (standard) Marshal(v any) ([]byte, error)      { return json.Marshal(v) }
func (standard) Unmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }
