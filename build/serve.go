package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"strings"

	"github.com/authcodes/authcodes/catalog/search"
	"github.com/authcodes/authcodes/internal/localserve"
	"github.com/authcodes/authcodes/site"
)

// server serves a built site the way Cloudflare's static assets would, with
// the site's security headers, plus a server-rendered /search/ so that search
// works with JavaScript off, and the API under /v1/ as the edge worker does.
type server struct {
	site   *site.Site
	search http.Handler
	api    http.Handler
	root   fs.FS
	// redirects are the built site's _redirects, applied as Cloudflare does.
	redirects *site.Redirector
}

func newServer(ix *search.Index, s *site.Site, dir string) (*server, error) {
	root := os.DirFS(dir)
	text, err := fs.ReadFile(root, "_redirects")
	if err != nil {
		return nil, err
	}
	rules, err := site.ParseRedirects(string(text))
	if err != nil {
		return nil, err
	}
	return &server{site: s, search: s.SearchHandler(ix), api: apiHandler(ix), root: root, redirects: site.NewRedirector(rules)}, nil
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/v1/") {
		s.api.ServeHTTP(w, r) // the edge worker's API, with its own headers
		return
	}
	for k, v := range site.Headers(r.URL.Path) {
		w.Header()[k] = v
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == "/search/" && r.URL.Query().Has("q") {
		s.search.ServeHTTP(w, r)
		return
	}
	// Static assets follow _redirects before looking for a file; the edge
	// worker answers "/?code=".
	if to, status, ok := s.redirects.Match(r.URL); ok {
		http.Redirect(w, r, to, status)
		return
	}
	if to, ok := site.CodeQuery(r.URL); ok {
		http.Redirect(w, r, to, http.StatusFound)
		return
	}
	name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if name == "" {
		name = "."
	}
	info, err := fs.Stat(s.root, name)
	if err == nil && info.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			// To the cleaned path, never the path as sent: "//host" (or
			// "/%2fhost") + "/" would be a link to another site.
			to := "/" + name + "/"
			if r.URL.RawQuery != "" {
				to += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, to, http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		info, err = fs.Stat(s.root, name)
	}
	if err != nil || strings.HasPrefix(path.Base(name), "_") {
		s.notFound(w)
		return
	}
	f, err := s.root.Open(name)
	if err != nil {
		s.notFound(w)
		return
	}
	defer f.Close()
	http.ServeContent(w, r, name, info.ModTime(), f.(io.ReadSeeker))
}

func (s *server) notFound(w http.ResponseWriter) {
	var buf bytes.Buffer
	s.site.NotFoundPage(&buf)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	w.Write(buf.Bytes())
}

// listenAndServe serves h on addr until ctx ends.
func listenAndServe(ctx context.Context, addr string, h http.Handler, stdout io.Writer) error {
	return localserve.Serve(ctx, addr, h, func(a net.Addr) {
		fmt.Fprintf(stdout, "serving on http://%s/ (Ctrl-C to stop)\n", a)
	})
}
