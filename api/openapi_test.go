package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/authcodes/authcodes/catalog"
)

type openAPIDoc struct {
	OpenAPI string `json:"openapi"`
	Paths   map[string]map[string]struct {
		OperationID string `json:"operationId"`
		Parameters  []struct {
			Name string `json:"name"`
			In   string `json:"in"`
			Ref  string `json:"$ref"`
		} `json:"parameters"`
		Responses map[string]json.RawMessage `json:"responses"`
	} `json:"paths"`
}

// TestOpenAPIDescribesEveryRoute checks the document against the router both
// ways: every route and method is described, and nothing else is.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	var doc openAPIDoc
	if err := json.Unmarshal(OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	h := handler(t)
	routes := map[string][]string{}
	for _, rt := range h.routes {
		for _, m := range rt.methods {
			routes[rt.pattern] = append(routes[rt.pattern], strings.ToLower(m))
		}
	}
	for pattern, methods := range routes {
		ops, ok := doc.Paths[pattern]
		if !ok {
			t.Errorf("route %s is not in the OpenAPI document", pattern)
			continue
		}
		var described []string
		for m, op := range ops {
			described = append(described, m)
			if op.OperationID == "" {
				t.Errorf("%s %s has no operationId", m, pattern)
			}
			for _, status := range []string{"200", "405"} {
				if _, ok := op.Responses[status]; !ok {
					t.Errorf("%s %s does not describe a %s", m, pattern, status)
				}
			}
			// Every {parameter} of the path is declared, and every declared
			// path parameter is in the path.
			for _, p := range op.Parameters {
				if p.In == "path" && !strings.Contains(pattern, "{"+p.Name+"}") {
					t.Errorf("%s %s declares path parameter %s that the path lacks", m, pattern, p.Name)
				}
			}
			for _, seg := range strings.Split(pattern, "/") {
				if name, ok := strings.CutPrefix(seg, "{"); ok {
					name = strings.TrimSuffix(name, "}")
					if !slices.ContainsFunc(op.Parameters, func(p struct {
						Name string `json:"name"`
						In   string `json:"in"`
						Ref  string `json:"$ref"`
					}) bool {
						return p.In == "path" && p.Name == name
					}) {
						t.Errorf("%s %s does not declare path parameter %s", m, pattern, name)
					}
				}
			}
		}
		sort.Strings(described)
		sort.Strings(methods)
		if !slices.Equal(described, methods) {
			t.Errorf("%s: the document describes %v, the router answers %v", pattern, described, methods)
		}
	}
	for pattern := range doc.Paths {
		if _, ok := routes[pattern]; !ok {
			t.Errorf("the OpenAPI document describes %s, which no route answers", pattern)
		}
	}
}

// TestOpenAPIDescribesTheQueryParameters: each parameter a handler reads is documented.
func TestOpenAPIDescribesTheQueryParameters(t *testing.T) {
	var doc openAPIDoc
	if err := json.Unmarshal(OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"/v1/lookup": {"code"},
		"/v1/search": {"q", "provider", "protocol", "limit", "offset"},
		"/v1/decode": {"input"},
	}
	for path, names := range want {
		for _, name := range names {
			found := false
			for _, p := range doc.Paths[path][strings.ToLower(http.MethodGet)].Parameters {
				found = found || p.In == "query" && p.Name == name
			}
			if !found {
				t.Errorf("GET %s: query parameter %s is not documented", path, name)
			}
		}
	}
}

// TestOpenAPIEnumsMatchTheCatalog: the closed lists the document declares
// are the catalog's, so a generated client knows every value it can get.
func TestOpenAPIEnumsMatchTheCatalog(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Enum       []string `json:"enum"`
				Properties map[string]struct {
					Enum  []string `json:"enum"`
					Items struct {
						Enum []string `json:"enum"`
					} `json:"items"`
				} `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Components.Schemas
	cases := []struct {
		name string
		got  []string
		want []string
	}{
		{"Protocol", s["Protocol"].Enum, strs(catalog.Protocols)},
		{"Entry.appears_in", s["Entry"].Properties["appears_in"].Items.Enum, strs(catalog.Surfaces)},
		{"Entry.who_acts", s["Entry"].Properties["who_acts"].Items.Enum, strs(catalog.Actors)},
		{"DecodeMatch.who_acts", s["DecodeMatch"].Properties["who_acts"].Items.Enum, strs(catalog.Actors)},
		{"Provider.kind", s["Provider"].Properties["kind"].Enum, strs([]catalog.ProviderKind{catalog.Vendor, catalog.Standard, catalog.Library})},
	}
	for _, c := range cases {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s: the document lists %v, the catalog %v", c.name, c.got, c.want)
		}
	}
}
