package api

import (
	"net/http"
	"slices"
	"strings"
)

// route is one path pattern of the API and what it answers.
type route struct {
	// pattern is the path as OpenAPI writes it: "/v1/codes/{provider}/{code}".
	pattern string
	// methods are the methods it answers besides HEAD (with GET) and OPTIONS.
	methods []string
	cache   cachePolicy
	handle  func(*request) *response
}

// routeTable lists every route of the API; the OpenAPI document must describe
// exactly these (a test checks both ways).
func (h *Handler) routeTable() []route {
	return []route{
		{"/v1/codes/{provider}/{code}", []string{http.MethodGet}, cachePublic, h.code},
		{"/v1/lookup", []string{http.MethodGet}, cachePublic, h.lookup},
		{"/v1/search", []string{http.MethodGet}, cachePublic, h.search},
		// The decoder's answers echo the input, masked or not: never cached.
		{"/v1/decode", []string{http.MethodGet, http.MethodPost}, cacheNone, h.decode},
		{"/v1/providers", []string{http.MethodGet}, cachePublic, h.providers},
		{"/v1/openapi.json", []string{http.MethodGet}, cachePublic, h.openAPI},
		// Health reports this instance's state; a cached answer would hide it.
		{"/v1/health", []string{http.MethodGet}, cacheNone, h.health},
	}
}

// match finds the route for a path and the values of its {parameters}. A
// parameter matches one non-empty path segment.
func (h *Handler) match(path string) (route, map[string]string, bool) {
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	for _, rt := range h.routes {
		pat := strings.Split(strings.TrimPrefix(rt.pattern, "/"), "/")
		if len(pat) != len(segs) {
			continue
		}
		var params map[string]string
		ok := true
		for i, p := range pat {
			if name, isParam := strings.CutPrefix(p, "{"); isParam {
				if segs[i] == "" {
					ok = false
					break
				}
				if params == nil {
					params = map[string]string{}
				}
				params[strings.TrimSuffix(name, "}")] = segs[i]
			} else if p != segs[i] {
				ok = false
				break
			}
		}
		if ok {
			return rt, params, true
		}
	}
	return route{}, nil, false
}

func (rt route) allows(method string) bool {
	return slices.Contains(rt.methods, method) || method == http.MethodHead && slices.Contains(rt.methods, http.MethodGet)
}

// allowHeader is the route's Allow header: "GET, HEAD, OPTIONS".
func (rt route) allowHeader() string {
	var ms []string
	for _, m := range rt.methods {
		ms = append(ms, m)
		if m == http.MethodGet {
			ms = append(ms, http.MethodHead)
		}
	}
	return strings.Join(append(ms, http.MethodOptions), ", ")
}

// options answers OPTIONS: a CORS preflight (it carries
// Access-Control-Request-Method) or a plain question about what the route allows.
func (rt route) options(r *http.Request) *response {
	resp := &response{status: http.StatusNoContent, header: http.Header{}}
	resp.header.Set("Allow", rt.allowHeader())
	if r.Header.Get("Access-Control-Request-Method") != "" {
		// Browsers check the requested method and headers against these lists
		// themselves, so they are answered in full whatever was asked.
		resp.header.Set("Access-Control-Allow-Methods", rt.allowHeader())
		resp.header.Set("Access-Control-Allow-Headers", "Content-Type, If-None-Match")
		resp.header.Set("Access-Control-Max-Age", "86400")
	}
	return resp
}
