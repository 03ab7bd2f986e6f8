package site

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/authcodes/authcodes/catalog/search"
)

// resultsPerPage is the page size of the server-rendered search page.
const resultsPerPage = 20

// SearchHandler answers /search/?q=&provider=&protocol=&page= with a rendered
// results page, so that search works with JavaScript off. It sets the site's
// headers itself, so that every server mounting it (the local one, the edge
// worker) sends the same.
func (s *Site) SearchHandler(ix *search.Index) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range Headers(r.URL.Path) {
			w.Header()[k] = v
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		q := r.URL.Query()
		v := SearchView{Query: q.Get("q"), Provider: q.Get("provider"), Protocol: q.Get("protocol")}
		page, err := strconv.Atoi(q.Get("page"))
		if err != nil || page < 1 {
			page = 1
		}
		status := http.StatusOK
		res, err := ix.Search(r.Context(), search.Request{
			Query: v.Query, Provider: v.Provider, Protocol: v.Protocol,
			Limit: resultsPerPage, Offset: (page - 1) * resultsPerPage,
		})
		switch {
		case errors.Is(err, search.ErrBadRequest):
			status, v.Error = http.StatusBadRequest, err.Error()
		case err != nil:
			status, v.Error = http.StatusInternalServerError, "Search failed; please try again."
		case page == 1 && uniqueCode(res) != "":
			// A code that names one entry needs no list: go to its page
			// (what the suggestions do with JavaScript on).
			http.Redirect(w, r, uniqueCode(res), http.StatusFound)
			return
		default:
			v.Total, v.Capped, v.Hits, v.Unknown = res.Total, res.Capped, res.Hits, res.Unknown
			v.From = (page-1)*resultsPerPage + 1
			v.To = v.From + len(res.Hits) - 1
			if page > 1 {
				v.Prev = searchURL(v, page-1)
			}
			if v.To < v.Total {
				v.Next = searchURL(v, page+1)
			}
		}
		var buf bytes.Buffer
		if err := s.SearchPage(&buf, v); err != nil {
			http.Error(w, "could not render the search page", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		w.Write(buf.Bytes())
	})
}

// uniqueCode is the path of the one entry whose code the query is, or "".
func uniqueCode(res search.Result) string {
	path := ""
	for _, h := range res.Hits {
		if h.Match == search.CodeMatch {
			if path != "" {
				return ""
			}
			path = h.Entry.Path()
		}
	}
	return path
}

func searchURL(v SearchView, page int) string {
	q := url.Values{"q": {v.Query}}
	if v.Provider != "" {
		q.Set("provider", v.Provider)
	}
	if v.Protocol != "" {
		q.Set("protocol", v.Protocol)
	}
	q.Set("page", strconv.Itoa(page))
	return "/search/?" + q.Encode()
}
