package client

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/authcodes/authcodes/api"
	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
	"github.com/authcodes/authcodes/guide"
)

// newClient serves the real API handler on loopback and returns a client
// generated from its OpenAPI document, pointed at it.
func newClient(t *testing.T) *ClientWithResponses {
	t.Helper()
	cat, err := catalog.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	h := api.New(api.Config{Catalog: cat, Index: ix, Guides: api.RenderGuides(cat, guide.Render), Now: func() time.Time { return now }})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := NewClientWithResponses(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// strict decodes an answer's body again into the generated type, refusing
// any member the document does not describe.
func strict(t *testing.T, name string, body []byte, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Errorf("%s: the answer has what the document does not describe: %v", name, err)
	}
}

func status(t *testing.T, name string, got, want int, body []byte) {
	t.Helper()
	if got != want {
		t.Fatalf("%s: status %d, want %d: %.300s", name, got, want, body)
	}
}

// TestEveryRoute calls every operation of the generated client, so every
// route and method of the API, and checks the typed answers.
func TestEveryRoute(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	called := map[string]bool{}
	str := func(s string) *string { return &s }
	num := func(n int) *int { return &n }

	t.Run("GetCode", func(t *testing.T) {
		called["GetCodeWithResponse"] = true
		r, err := c.GetCodeWithResponse(ctx, "entra", "AADSTS50011", nil)
		if err != nil {
			t.Fatal(err)
		}
		status(t, "getCode", r.StatusCode(), 200, r.Body)
		if e := r.JSON200; e.Id != "entra/AADSTS50011" || e.GuideHtml == nil || *e.GuideHtml == "" || len(e.WhoActs) == 0 || e.Protocol == "" {
			t.Errorf("entry %+v", e)
		}
		strict(t, "getCode", r.Body, new(Entry))
		etag := r.HTTPResponse.Header.Get("ETag")
		r, err = c.GetCodeWithResponse(ctx, "entra", "AADSTS50011", &GetCodeParams{IfNoneMatch: &etag})
		if err != nil {
			t.Fatal(err)
		}
		status(t, "getCode If-None-Match", r.StatusCode(), 304, r.Body)
		r, err = c.GetCodeWithResponse(ctx, "entra", "aadsts50011", nil)
		if err != nil {
			t.Fatal(err)
		}
		status(t, "getCode unknown", r.StatusCode(), 404, r.Body)
		if p := r.ApplicationproblemJSON404; p == nil || p.Suggestions == nil || (*p.Suggestions)[0].Id != "entra/AADSTS50011" {
			t.Errorf("problem %+v", p)
		}
		strict(t, "getCode 404", r.Body, new(Problem))
	})

	t.Run("Lookup", func(t *testing.T) {
		called["LookupWithResponse"] = true
		r, err := c.LookupWithResponse(ctx, &LookupParams{Code: "invalid_grant"})
		if err != nil {
			t.Fatal(err)
		}
		status(t, "lookup", r.StatusCode(), 200, r.Body)
		if m := r.JSON200.Matches; len(m) < 2 || m[0].Id != "oauth2/invalid_grant" {
			t.Errorf("matches %+v", m)
		}
		strict(t, "lookup", r.Body, new(LookupResult))
		r, err = c.LookupWithResponse(ctx, &LookupParams{Code: "NO_SUCH_CODE_ANYWHERE"})
		if err != nil {
			t.Fatal(err)
		}
		status(t, "lookup unknown", r.StatusCode(), 404, r.Body)
		if r.ApplicationproblemJSON404 == nil || r.ApplicationproblemJSON404.Type == "" {
			t.Errorf("problem %s", r.Body)
		}
	})

	t.Run("Search", func(t *testing.T) {
		called["SearchWithResponse"] = true
		proto := SearchParamsProtocol("oidc")
		r, err := c.SearchWithResponse(ctx, &SearchParams{Q: "reply url does not match", Provider: str("entra"), Protocol: &proto, Limit: num(3), Offset: num(0)})
		if err != nil {
			t.Fatal(err)
		}
		status(t, "search", r.StatusCode(), 200, r.Body)
		if res := r.JSON200; res.Limit != 3 || len(res.Hits) == 0 || res.Hits[0].Id != "entra/AADSTS50011" || res.Hits[0].Match == "" {
			t.Errorf("search %+v", res)
		}
		strict(t, "search", r.Body, new(SearchResult))
		r, err = c.SearchWithResponse(ctx, &SearchParams{Q: "AADSTS999123"})
		if err != nil {
			t.Fatal(err)
		}
		status(t, "search unknown code", r.StatusCode(), 200, r.Body)
		if u := r.JSON200.UnknownCode; u == nil || u.Code != "AADSTS999123" || u.Provider != "entra" || u.LookupUrl != "https://login.microsoftonline.com/error?code=999123" {
			t.Errorf("search unknown code: unknown_code %+v", u)
		}
		strict(t, "search unknown code", r.Body, new(SearchResult))
		r, err = c.SearchWithResponse(ctx, &SearchParams{Q: "x", Limit: num(1000)})
		if err != nil {
			t.Fatal(err)
		}
		status(t, "search limit", r.StatusCode(), 400, r.Body)
		if r.ApplicationproblemJSON400 == nil || !strings.Contains(r.ApplicationproblemJSON400.Detail, "limit") {
			t.Errorf("problem %s", r.Body)
		}
	})

	const callback = "https://app.example.com/cb?error=invalid_request&error_description=AADSTS50011%3A+no+match&code=SplxlOBeZQQYbYS6WxSbIA"
	checkDecoded := func(t *testing.T, name string, code int, body []byte, res *DecodeResult) {
		t.Helper()
		status(t, name, code, 200, body)
		if res.Provider != "entra" || len(res.Matches) == 0 || res.Matches[0].Id != "entra/AADSTS50011" || len(res.Codes) == 0 {
			t.Errorf("%s: %+v", name, res)
		}
		if strings.Contains(string(body), "SplxlOBeZQQYbYS6WxSbIA") {
			t.Errorf("%s: the authorization code is not masked", name)
		}
		strict(t, name, body, new(DecodeResult))
	}
	t.Run("DecodeGet", func(t *testing.T) {
		called["DecodeGetWithResponse"] = true
		r, err := c.DecodeGetWithResponse(ctx, &DecodeGetParams{Input: callback})
		if err != nil {
			t.Fatal(err)
		}
		checkDecoded(t, "decodeGet", r.StatusCode(), r.Body, r.JSON200)
		r, err = c.DecodeGetWithResponse(ctx, &DecodeGetParams{Input: " "})
		if err != nil {
			t.Fatal(err)
		}
		status(t, "decodeGet empty", r.StatusCode(), 400, r.Body)
		if r.ApplicationproblemJSON400 == nil {
			t.Errorf("no problem: %s", r.Body)
		}
	})
	t.Run("DecodePost", func(t *testing.T) {
		called["DecodePostWithResponse"] = true
		r, err := c.DecodePostWithResponse(ctx, nil, DecodePostJSONRequestBody{Input: callback})
		if err != nil {
			t.Fatal(err)
		}
		checkDecoded(t, "decodePost json", r.StatusCode(), r.Body, r.JSON200)

		called["DecodePostWithFormdataBodyWithResponse"] = true
		r, err = c.DecodePostWithFormdataBodyWithResponse(ctx, nil, DecodePostFormdataRequestBody{Input: callback})
		if err != nil {
			t.Fatal(err)
		}
		checkDecoded(t, "decodePost form", r.StatusCode(), r.Body, r.JSON200)

		called["DecodePostWithTextBodyWithResponse"] = true
		r, err = c.DecodePostWithTextBodyWithResponse(ctx, nil, callback)
		if err != nil {
			t.Fatal(err)
		}
		checkDecoded(t, "decodePost text", r.StatusCode(), r.Body, r.JSON200)

		// What the app is configured with: a diagnosis for each difference.
		configured := "https://app.example.com/signin/"
		r, err = c.DecodePostWithResponse(ctx, nil, DecodePostJSONRequestBody{Input: callback, Expect: &Expect{RedirectUri: &configured}})
		if err != nil {
			t.Fatal(err)
		}
		status(t, "decodePost expect", r.StatusCode(), 200, r.Body)
		if r.JSON200 == nil || r.JSON200.Diagnosis == nil || len(*r.JSON200.Diagnosis) != 1 {
			t.Errorf("decodePost expect: no diagnosis: %s", r.Body)
		}

		called["DecodePostWithApplicationHarPlusJSONBodyWithResponse"] = true
		har := DecodePostApplicationHarPlusJSONRequestBody{Log: map[string]interface{}{"version": "1.2", "entries": []any{
			map[string]any{"request": map[string]any{"method": "GET", "url": callback}, "response": map[string]any{"status": 200}},
		}}}
		r, err = c.DecodePostWithApplicationHarPlusJSONBodyWithResponse(ctx, nil, har)
		if err != nil {
			t.Fatal(err)
		}
		checkDecoded(t, "decodePost har", r.StatusCode(), r.Body, r.JSON200)
		if r.JSON200 != nil && (r.JSON200.Steps == nil || len(*r.JSON200.Steps) != 1 || r.JSON200.FailedStep == nil) {
			t.Errorf("decodePost har: no steps or failed step: %s", r.Body)
		}

		called["DecodePostWithBodyWithResponse"] = true
		r, err = c.DecodePostWithBodyWithResponse(ctx, nil, "application/xml", strings.NewReader("<x/>"))
		if err != nil {
			t.Fatal(err)
		}
		status(t, "decodePost xml", r.StatusCode(), 415, r.Body)
		if r.ApplicationproblemJSON415 == nil {
			t.Errorf("no problem: %s", r.Body)
		}
		r, err = c.DecodePostWithBodyWithResponse(ctx, nil, "text/plain", strings.NewReader(strings.Repeat("a", 300<<10)))
		if err != nil {
			t.Fatal(err)
		}
		status(t, "decodePost large", r.StatusCode(), 413, r.Body)
		if r.ApplicationproblemJSON413 == nil {
			t.Errorf("no problem: %s", r.Body)
		}
	})

	t.Run("Providers", func(t *testing.T) {
		called["ProvidersWithResponse"] = true
		r, err := c.ProvidersWithResponse(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		status(t, "providers", r.StatusCode(), 200, r.Body)
		found := false
		for _, p := range r.JSON200.Providers {
			found = found || p.Key == "entra" && p.EntryCount > 0 && p.Kind == ProviderKind("vendor")
			if !p.Kind.Valid() {
				t.Errorf("provider %s: kind %q is not in the document", p.Key, p.Kind)
			}
		}
		if !found {
			t.Errorf("providers %s", r.Body)
		}
		strict(t, "providers", r.Body, new(ProviderList))
	})

	t.Run("Openapi", func(t *testing.T) {
		called["OpenapiWithResponse"] = true
		r, err := c.OpenapiWithResponse(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		status(t, "openapi", r.StatusCode(), 200, r.Body)
		if (*r.JSON200)["openapi"] != "3.1.0" {
			t.Errorf("document %.200s", r.Body)
		}
	})

	t.Run("Health", func(t *testing.T) {
		called["HealthWithResponse"] = true
		r, err := c.HealthWithResponse(ctx)
		if err != nil {
			t.Fatal(err)
		}
		status(t, "health", r.StatusCode(), 200, r.Body)
		if h := r.JSON200; h.Status != "ok" || h.Entries == 0 || h.Version == "" {
			t.Errorf("health %+v", h)
		}
		strict(t, "health", r.Body, new(Health))
	})

	// Every operation the generator made was called above.
	iface := reflect.TypeFor[ClientWithResponsesInterface]()
	for i := range iface.NumMethod() {
		if name := iface.Method(i).Name; !called[name] {
			t.Errorf("the generated client's %s was not called", name)
		}
	}
}

// TestEnumsAreValid: values the API answers with are members of the
// document's enums, as the generated Valid methods see them.
func TestEnumsAreValid(t *testing.T) {
	c := newClient(t)
	r, err := c.LookupWithResponse(context.Background(), &LookupParams{Code: "access_denied"})
	if err != nil || r.JSON200 == nil {
		t.Fatalf("%v %s", err, r.Body)
	}
	for _, e := range r.JSON200.Matches {
		if !e.Protocol.Valid() {
			t.Errorf("%s: protocol %q", e.Id, e.Protocol)
		}
		for _, a := range e.WhoActs {
			if !a.Valid() {
				t.Errorf("%s: who_acts %q", e.Id, a)
			}
		}
		for _, s := range e.AppearsIn {
			if !s.Valid() {
				t.Errorf("%s: appears_in %q", e.Id, s)
			}
		}
	}
}
