//go:build js

package catalog

import "errors"

// Embedded is not available in WebAssembly: the Markdown catalog's YAML
// parser and its validation (regular expressions, URL parsing) are code the
// modules do without, since they open the binary catalog (FromBinary) that
// the build writes. Native programs load and validate the Markdown files
// (load.go).
func Embedded() (*Catalog, error) {
	return nil, errors.New("catalog: the Markdown catalog is not part of WebAssembly builds; open the binary catalog with FromBinary")
}
