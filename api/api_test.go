package api

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
)

// TestRoutes sends every route its good and bad requests and checks status,
// content type, headers and a piece of the body.
// harFixture is the decoder's Chromium recording of a failed Entra-like sign-in.
func harFixture(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../catalog/decode/testdata/har/entra-aadsts50105.har")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRoutes(t *testing.T) {
	h := handler(t)
	big := strings.Repeat("A", 300<<10)
	form := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	plain := http.Header{"Content-Type": {"text/plain; charset=utf-8"}}
	jsonCT := http.Header{"Content-Type": {"application/json"}}
	harCT := http.Header{"Content-Type": {"application/har+json"}}
	tests := []struct {
		name, method, target string
		header               http.Header
		body                 string
		status               int
		// contains are substrings of the body; header pairs must match exactly.
		contains []string
		headers  map[string]string
	}{
		// /v1/codes
		{"entry", "GET", "/v1/codes/entra/AADSTS50011", nil, "", 200,
			[]string{`"id":"entra/AADSTS50011"`, `"name":"InvalidReplyTo"`, `"url":"/entra/AADSTS50011/"`, `"guide_html":"\u003ch2`, `"http_status":400`, `"standard":"oauth2/invalid_request"`},
			map[string]string{"Content-Type": "application/json", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*"}},
		{"standard entry lists vendors with the same code", "GET", "/v1/codes/oauth2/invalid_grant", nil, "", 200,
			[]string{`"also_at":["`, `"defined_in":[{"spec":`}, nil},
		{"entry ids are exact", "GET", "/v1/codes/entra/aadsts50011", nil, "", 404,
			[]string{`"type":"https://authcodes.dev/problems/unknown-code"`, `"suggestions":[{"id":"entra/AADSTS50011"`},
			map[string]string{"Content-Type": "application/problem+json", "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*"}},
		{"unknown provider", "GET", "/v1/codes/nobody/AADSTS50011", nil, "", 404, []string{`no provider \"nobody\"`, `"suggestions":[{"id":"entra/AADSTS50011"`}, nil},
		{"wrong provider suggests the right one", "GET", "/v1/codes/okta/AADSTS50011", nil, "", 404, []string{`"suggestions":[{"id":"entra/AADSTS50011"`}, nil},
		{"unknown code, no suggestion", "GET", "/v1/codes/entra/zzzqqqxxx", nil, "", 404, []string{`problems/unknown-code`}, nil},
		{"code with invalid UTF-8", "GET", "/v1/codes/entra/%FF%FE", nil, "", 400, []string{"not valid UTF-8"}, nil},
		{"code too long", "GET", "/v1/codes/entra/" + strings.Repeat("9", 2000), nil, "", 400, []string{"at most 1024"}, nil},
		{"HEAD", "HEAD", "/v1/codes/entra/AADSTS50011", nil, "", 200, nil, map[string]string{"Content-Type": "application/json"}},
		{"POST to a GET route", "POST", "/v1/codes/entra/AADSTS50011", plain, "x", 405, []string{`"status":405`},
			map[string]string{"Allow": "GET, HEAD, OPTIONS", "Content-Type": "application/problem+json"}},
		{"DELETE", "DELETE", "/v1/search?q=x", nil, "", 405, nil, map[string]string{"Allow": "GET, HEAD, OPTIONS"}},

		// /v1/lookup
		{"lookup forgives", "GET", "/v1/lookup?code=" + url.QueryEscape("aadsts 50011"), nil, "", 200, []string{`"query":"aadsts 50011"`, `"matches":[{"id":"entra/AADSTS50011"`}, nil},
		{"lookup by name", "GET", "/v1/lookup?code=InvalidReplyTo", nil, "", 200, []string{`"id":"entra/AADSTS50011"`}, nil},
		{"lookup returns every provider, standard first", "GET", "/v1/lookup?code=invalid_grant", nil, "", 200, []string{`"matches":[{"id":"oauth2/invalid_grant"`, `"id":"okta/invalid_grant"`}, nil},
		{"lookup has no guides", "GET", "/v1/lookup?code=AADSTS50011", nil, "", 200, []string{`"summary"`}, nil},
		{"lookup miss suggests", "GET", "/v1/lookup?code=" + url.QueryEscape("reply url does not match"), nil, "", 404, []string{`"suggestions":[{"id":`}, nil},
		{"lookup without code", "GET", "/v1/lookup", nil, "", 400, []string{"code parameter is required"}, nil},
		{"lookup blank code", "GET", "/v1/lookup?code=+++", nil, "", 400, []string{"code parameter is required"}, nil},
		{"lookup invalid UTF-8", "GET", "/v1/lookup?code=%C3%28", nil, "", 400, []string{"not valid UTF-8"}, nil},
		{"lookup huge", "GET", "/v1/lookup?code=" + strings.Repeat("x", 5000), nil, "", 400, []string{"at most 1024"}, nil},
		{"malformed query string", "GET", "/v1/lookup?code=%zz", nil, "", 400, []string{"malformed"}, nil},

		// /v1/search
		{"search", "GET", "/v1/search?q=AADSTS50011", nil, "", 200,
			[]string{`"query":"AADSTS50011"`, `"limit":10`, `"offset":0`, `"hits":[{"id":"entra/AADSTS50011"`, `"match":"code"`, `"snippet":[{"text":`}, nil},
		{"search text marks words", "GET", "/v1/search?q=" + url.QueryEscape("user not assigned to the application"), nil, "", 200, []string{`"match":"text"`, `"match":true`}, nil},
		{"search echoes filters and paging", "GET", "/v1/search?q=invalid&provider=okta&protocol=oauth2&limit=3&offset=2", nil, "", 200,
			[]string{`"provider":"okta"`, `"protocol":"oauth2"`, `"limit":3`, `"offset":2`}, nil},
		{"search past the end", "GET", "/v1/search?q=AADSTS50011&offset=10000", nil, "", 200, []string{`"hits":[]`}, nil},
		{"search unknown code", "GET", "/v1/search?q=AADSTS999123", nil, "", 200, []string{`"unknown_code":{"code":"AADSTS999123","provider":"entra","lookup_url":"https://login.microsoftonline.com/error?code=999123","provider_name":"Microsoft Entra ID"}`}, nil},
		{"search unknown SAML status", "GET", "/v1/search?q=" + url.QueryEscape("urn:oasis:names:tc:SAML:2.0:status:NoSuchStatus"), nil, "", 200, []string{`"unknown_code":{"code":"urn:oasis:names:tc:SAML:2.0:status:NoSuchStatus","provider":"saml"`}, nil},
		{"search nothing", "GET", "/v1/search?q=zzzzqqqq", nil, "", 200, []string{`"total":0,"hits":[]`}, nil},
		{"search without q", "GET", "/v1/search", nil, "", 400, []string{"q parameter is required"}, nil},
		{"search non-integer limit", "GET", "/v1/search?q=x&limit=ten", nil, "", 400, []string{"limit parameter must be an integer from 1 to 100"}, nil},
		{"search huge limit", "GET", "/v1/search?q=x&limit=100000000000000000000000", nil, "", 400, []string{"limit parameter"}, nil},
		{"search limit over 100", "GET", "/v1/search?q=x&limit=101", nil, "", 400, []string{"limit parameter"}, nil},
		{"search zero limit", "GET", "/v1/search?q=x&limit=0", nil, "", 400, []string{"limit parameter"}, nil},
		{"search negative offset", "GET", "/v1/search?q=x&offset=-1", nil, "", 400, []string{"offset parameter"}, nil},
		{"search huge offset", "GET", "/v1/search?q=x&offset=9223372036854775807", nil, "", 400, []string{"offset parameter"}, nil},
		{"search unknown provider", "GET", "/v1/search?q=x&provider=nobody", nil, "", 400, []string{`no provider \"nobody\"`}, nil},
		{"search unknown protocol", "GET", "/v1/search?q=x&protocol=carrier-pigeon", nil, "", 400, []string{"no protocol"}, nil},
		{"search invalid UTF-8", "GET", "/v1/search?q=%FF", nil, "", 400, []string{"not valid UTF-8"}, nil},
		{"search query too long", "GET", "/v1/search?q=" + strings.Repeat("x", 1025), nil, "", 400, []string{"at most 1024"}, nil},

		// /v1/decode
		{"decode GET", "GET", "/v1/decode?input=AADSTS50011", nil, "", 200, []string{`"kind":`}, map[string]string{"Cache-Control": "no-store", "Content-Type": "application/json"}},
		{"decode GET without input", "GET", "/v1/decode", nil, "", 400, []string{"input parameter is required"}, nil},
		{"decode GET empty input", "GET", "/v1/decode?input=", nil, "", 400, []string{"undecodable-input"}, nil},
		{"decode text/plain", "POST", "/v1/decode", plain, "AADSTS50011", 200, []string{`"kind":`}, map[string]string{"Cache-Control": "no-store"}},
		{"decode without Content-Type is text", "POST", "/v1/decode", nil, "AADSTS50011", 200, []string{`"kind":`}, nil},
		{"decode form", "POST", "/v1/decode", form, "input=" + url.QueryEscape("error=invalid_grant"), 200, []string{`"kind":`}, nil},
		{"decode form without input", "POST", "/v1/decode", form, "error=invalid_grant", 400, []string{"needs an input field"}, nil},
		{"decode malformed form", "POST", "/v1/decode", form, "input=%zz", 400, []string{"needs an input field"}, nil},
		{"decode JSON", "POST", "/v1/decode", jsonCT, `{"input":"AADSTS50011"}`, 200, []string{`"kind":`}, nil},
		{"decode JSON with expect", "POST", "/v1/decode", jsonCT, `{"input":"redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback%2F&client_id=abc&response_type=code","expect":{"redirect_uri":"https://app.example.com/callback"}}`, 200,
			[]string{`"diagnosis":[{"expect":"redirect_uri"`, `"differences":["trailing slash"]`, `rfc6749#section-3.1.2.3`}, nil},
		{"decode form with expect", "POST", "/v1/decode", form, "input=" + url.QueryEscape("redirect_uri=http%3A%2F%2Fapp.example.com%2Fcallback&client_id=abc&response_type=code") + "&expect.redirect_uri=" + url.QueryEscape("https://app.example.com/callback"), 200,
			[]string{`"differences":["scheme"]`}, nil},
		{"decode JSON with an unknown expectation", "POST", "/v1/decode", jsonCT, `{"input":"x","expect":{"colour":"blue"}}`, 400, []string{"unknown expectation"}, nil},
		{"decode JSON with expect not strings", "POST", "/v1/decode", jsonCT, `{"input":"x","expect":{"client_id":5}}`, 400, []string{`\"expect\"`}, nil},
		{"decode HAR", "POST", "/v1/decode", harCT, harFixture(t), 200, []string{`"kind":"har"`, `"failed_step":7`, `"matches":[{"id":"entra/AADSTS50105"`}, map[string]string{"Cache-Control": "no-store"}},
		{"decode HAR with expect", "POST", "/v1/decode?expect.redirect_uri=" + url.QueryEscape("https://app.example.com/signin-oidc"), harCT, harFixture(t), 200, []string{`"diagnosis":[{"expect":"redirect_uri"`, `"host"`}, nil},
		{"decode HAR with an unknown expectation", "POST", "/v1/decode?expect.colour=blue", harCT, harFixture(t), 400, []string{"unknown expectation"}, nil},
		{"decode HAR as text", "POST", "/v1/decode", plain, harFixture(t), 200, []string{`"kind":"har"`, `"failed_step":7`}, nil},
		{"decode HAR not a HAR", "POST", "/v1/decode", harCT, `{"log": 1}`, 400, []string{"not a HAR file"}, nil},
		{"decode JSON not an object", "POST", "/v1/decode", jsonCT, `["AADSTS50011"]`, 400, []string{`member \"input\"`}, nil},
		{"decode JSON without input", "POST", "/v1/decode", jsonCT, `{"text":"x"}`, 400, []string{`member \"input\"`}, nil},
		{"decode broken JSON", "POST", "/v1/decode", jsonCT, `{"input":`, 400, nil, nil},
		{"decode wrong content type", "POST", "/v1/decode", http.Header{"Content-Type": {"application/xml"}}, "<x/>", 415, []string{"not application/xml"},
			map[string]string{"Accept-Post": decodeContentTypes, "Content-Type": "application/problem+json"}},
		{"decode multipart", "POST", "/v1/decode", http.Header{"Content-Type": {"multipart/form-data; boundary=x"}}, "--x--", 415, nil, nil},
		{"decode malformed content type", "POST", "/v1/decode", http.Header{"Content-Type": {"text/plain; ;;=="}}, "x", 415, nil, nil},
		{"decode other charset", "POST", "/v1/decode", http.Header{"Content-Type": {"text/plain; charset=iso-8859-1"}}, "x", 415, []string{"must be UTF-8"}, nil},
		{"decode 300 KiB body", "POST", "/v1/decode", plain, big, 413, []string{"256 KiB"}, map[string]string{"Content-Type": "application/problem+json"}},
		{"decode 300 KiB form", "POST", "/v1/decode", form, "input=" + big, 413, nil, nil},
		{"decode 300 KiB in the query", "GET", "/v1/decode?input=" + big, nil, "", 413, nil, nil},
		{"decode empty body", "POST", "/v1/decode", plain, "", 400, []string{"undecodable-input"}, nil},
		{"decode NUL", "POST", "/v1/decode", plain, "a\x00b", 400, []string{"undecodable-input"}, nil},
		{"decode invalid UTF-8", "POST", "/v1/decode", plain, "\xff\xfe", 400, []string{"undecodable-input"}, nil},
		{"decode invalid UTF-8 in JSON", "POST", "/v1/decode", jsonCT, "{\"input\":\"a\xffb\"}", 400, []string{"undecodable-input", "not valid UTF-8"}, nil},
		{"decode lone surrogate in JSON", "POST", "/v1/decode", jsonCT, `{"input":"a\ud800b"}`, 400, []string{"undecodable-input", "surrogate"}, nil},
		{"decode replacement character in JSON", "POST", "/v1/decode", jsonCT, `{"input":"error=invalid_grant \ufffd"}`, 200, nil, nil},
		{"decode invalid UTF-8 in a form", "POST", "/v1/decode", form, "input=a%FFb", 400, []string{"undecodable-input"}, nil},
		{"decode PUT", "PUT", "/v1/decode", plain, "x", 405, nil, map[string]string{"Allow": "GET, HEAD, POST, OPTIONS"}},

		// the rest
		{"providers", "GET", "/v1/providers", nil, "", 200, []string{`"key":"entra"`, `"entry_count":`, `"issuer_hosts":`, `"url":"/entra/"`}, nil},
		{"openapi", "GET", "/v1/openapi.json", nil, "", 200, []string{`"openapi": "3.1.0"`}, map[string]string{"Content-Type": "application/json"}},
		{"health", "GET", "/v1/health", nil, "", 200, []string{`"status":"ok"`, `"version":"`}, map[string]string{"Cache-Control": "no-store"}},
		{"unknown route", "GET", "/v1/nothing", nil, "", 404, []string{`"type":"about:blank"`, `"title":"Not Found"`}, map[string]string{"Content-Type": "application/problem+json", "Access-Control-Allow-Origin": "*"}},
		{"trailing slash", "GET", "/v1/health/", nil, "", 404, nil, nil},
		{"empty segment", "GET", "/v1/codes/entra/", nil, "", 404, []string{"about:blank"}, nil},
		{"too many segments", "GET", "/v1/codes/entra/AADSTS50011/extra", nil, "", 404, nil, nil},
		{"outside /v1/", "GET", "/entra/AADSTS50011/", nil, "", 404, nil, nil},
		{"dot segments", "GET", "/v1/codes/../health", nil, "", 404, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := do(t, h, tt.method, tt.target, tt.header, tt.body)
			body := readBody(t, resp)
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d: %.400s", resp.StatusCode, tt.status, body)
			}
			for _, s := range tt.contains {
				if !strings.Contains(body, s) {
					t.Errorf("body does not contain %s: %.600s", s, body)
				}
			}
			for k, v := range tt.headers {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
			if resp.Header.Get("Access-Control-Allow-Origin") != "*" {
				t.Error("no CORS header")
			}
			if resp.StatusCode >= 400 {
				var p Problem
				decodeJSON(t, body, &p)
				if p.Status != resp.StatusCode || p.Title == "" || p.Type == "" || p.Detail == "" {
					t.Errorf("incomplete problem: %+v", p)
				}
			} else if tt.method == "GET" {
				var v any
				decodeJSON(t, body, &v)
			}
		})
	}
}

// TestHEAD checks HEAD over a real server: the headers of the GET, no body.
func TestHEAD(t *testing.T) {
	srv := httptest.NewServer(handler(t))
	defer srv.Close()
	get, err := http.Get(srv.URL + "/v1/codes/entra/AADSTS50011")
	if err != nil {
		t.Fatal(err)
	}
	getBody := readBody(t, get)
	head, err := http.Head(srv.URL + "/v1/codes/entra/AADSTS50011")
	if err != nil {
		t.Fatal(err)
	}
	if body := readBody(t, head); head.StatusCode != 200 || body != "" {
		t.Errorf("HEAD: %d with %d bytes of body", head.StatusCode, len(body))
	}
	if head.ContentLength != int64(len(getBody)) || head.Header.Get("ETag") != get.Header.Get("ETag") {
		t.Errorf("HEAD: Content-Length %d, ETag %q; GET: %d bytes, ETag %q", head.ContentLength, head.Header.Get("ETag"), len(getBody), get.Header.Get("ETag"))
	}
}
