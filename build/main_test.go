package main

import (
	"bufio"
	"context"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
	"github.com/authcodes/authcodes/guide"
	"github.com/authcodes/authcodes/site"
)

// built is the site, built once for all tests of this package.
var built = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "authcodes-dist-")
	if err != nil {
		return "", err
	}
	s, err := newSite()
	if err != nil {
		return "", err
	}
	_, err = writeSite(s, dir)
	return dir, err
})

func newSite() (*site.Site, error) {
	cat, err := catalog.Embedded()
	if err != nil {
		return nil, err
	}
	return site.New(cat, "https://authcodes.test", guide.Render)
}

func TestMain(m *testing.M) {
	code := m.Run()
	stopLiveSite()
	if dir, err := built(); err == nil {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

func builtSite(t *testing.T) (string, *catalog.Catalog) {
	t.Helper()
	dir, err := built()
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := catalog.Embedded()
	return dir, cat
}

func TestBuildWritesEveryPage(t *testing.T) {
	dir, cat := builtSite(t)
	want := []string{"index.html", "404.html", "sitemap.xml", "robots.txt", "_headers", "providers/index.html", "protocols/index.html", "search/index.html", "llms.txt", "llms-full.txt"}
	for _, p := range cat.Providers() {
		want = append(want, p.Key+"/index.html")
	}
	for _, e := range cat.Entries() {
		want = append(want, e.ID+"/index.html")
	}
	for _, name := range want {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("missing %s", name)
		}
	}
	sitemap, _ := os.ReadFile(filepath.Join(dir, "sitemap.xml"))
	if got, min := strings.Count(string(sitemap), "<loc>"), len(cat.Entries())+len(cat.Providers()); got < min {
		t.Errorf("sitemap lists %d pages, want at least %d", got, min)
	}
	headers, _ := os.ReadFile(filepath.Join(dir, "_headers"))
	if !strings.Contains(string(headers), "Content-Security-Policy: "+site.ContentSecurityPolicy) {
		t.Errorf("_headers has no CSP:\n%s", headers)
	}
}

func TestBuildRefusesToClearAForeignDirectory(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "precious.txt"), []byte("keep me"), 0o644)
	s, err := newSite()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := writeSite(s, dir); err == nil {
		t.Fatal("writeSite overwrote a directory that holds no earlier build")
	}
	if _, err := os.Stat(filepath.Join(dir, "precious.txt")); err != nil {
		t.Fatal("the foreign file is gone")
	}
}

// TestEveryInternalLinkResolves is a link checker over the built site: every
// href and src that points into the site names a file that exists.
func TestEveryInternalLinkResolves(t *testing.T) {
	dir, _ := builtSite(t)
	root := os.DirFS(dir)
	checked := 0
	fs.WalkDir(root, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(name) != ".html" {
			return err
		}
		f, err := root.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for _, link := range links(t, f) {
			if !strings.HasPrefix(link, "/") || strings.HasPrefix(link, "//") {
				continue
			}
			target, _, _ := strings.Cut(link, "#")
			target, _, _ = strings.Cut(target, "?")
			file := strings.TrimPrefix(target, "/")
			if file == "" || strings.HasSuffix(file, "/") {
				file += "index.html"
			}
			if _, err := fs.Stat(root, file); err != nil {
				t.Errorf("%s links to %s, which does not exist", name, link)
			}
			checked++
		}
		return nil
	})
	if checked == 0 {
		t.Fatal("no internal links found")
	}
}

// TestLLMsTxtLinksResolve: dist/llms.txt links every provider page, and
// every link in it and in llms-full.txt is answered by the local server
// (pages, and the API's OpenAPI document under /v1/).
func TestLLMsTxtLinksResolve(t *testing.T) {
	dir, cat := builtSite(t)
	srv := newTestServer(t)
	const origin = "https://authcodes.test"
	target := regexp.MustCompile(`\]\((` + regexp.QuoteMeta(origin) + `[^)\s]*)\)|- Page: (` + regexp.QuoteMeta(origin) + `\S*)`)
	for _, name := range []string{"llms.txt", "llms-full.txt"} {
		text, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("dist/%s: %v", name, err)
		}
		if name == "llms.txt" {
			for _, p := range cat.Providers() {
				if len(cat.ProviderEntries(p.Key)) > 0 && !strings.Contains(string(text), "]("+origin+"/"+p.Key+"/)") {
					t.Errorf("llms.txt does not link the %s page", p.Key)
				}
			}
		}
		seen := map[string]bool{}
		for _, m := range target.FindAllStringSubmatch(string(text), -1) {
			u := m[1] + m[2]
			if seen[u] {
				continue
			}
			seen[u] = true
			resp, err := http.Get(srv.URL + strings.TrimPrefix(u, origin))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("%s links %s: status %d", name, u, resp.StatusCode)
			}
		}
		if len(seen) == 0 {
			t.Errorf("%s links nothing", name)
		}
	}
}

// links returns the href and src attributes of an HTML document, and fails the
// test on any inline script: the CSP forbids them, so pages must have none.
func links(t *testing.T, r io.Reader) []string {
	var out []string
	z := html.NewTokenizer(r)
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			hasSrc := false
			for _, a := range tok.Attr {
				switch {
				case a.Key == "href" || a.Key == "src":
					out = append(out, a.Val)
					hasSrc = hasSrc || a.Key == "src"
				case strings.HasPrefix(a.Key, "on"):
					t.Errorf("inline event handler %s=%q", a.Key, a.Val)
				}
			}
			if tok.Data == "script" && !hasSrc {
				t.Error("inline <script> in a page")
			}
		}
	}
}

// siteHandler serves s, built into dir, the way `build serve` does.
func siteHandler(s *site.Site, dir string) (http.Handler, error) {
	ix, err := search.Embedded()
	if err != nil {
		return nil, err
	}
	return newServer(ix, s, dir)
}

func newTestServer(t *testing.T) *httptest.Server {
	dir, _ := builtSite(t)
	s, err := newSite()
	if err != nil {
		t.Fatal(err)
	}
	h, err := siteHandler(s, dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// TestAddressesPeopleTypeReachTheEntry follows every redirect of the
// address forms people type to the entry's page.
func TestAddressesPeopleTypeReachTheEntry(t *testing.T) {
	srv := newTestServer(t)
	for _, tt := range []struct{ path, want string }{
		{"/entra/aadsts50011/", "/entra/AADSTS50011/"},
		{"/entra/50011/", "/entra/AADSTS50011/"},
		{"/okta/e0000011/", "/okta/E0000011/"},
		{"/?code=50011", "/entra/AADSTS50011/"},
		{"/?code=AADSTS50011", "/entra/AADSTS50011/"},
		{"/lookup/50011", "/entra/AADSTS50011/"},
		{"/lookup/aadsts50011/", "/entra/AADSTS50011/"},
		{"/lookup/E0000011", "/okta/E0000011/"},
		{"/lookup/Error%20%23101", "/infoauth/101/"},
		{"/lookup/invalid_grant", "/search/"},
	} {
		resp, err := srv.Client().Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Request.URL.Path != tt.want {
			t.Errorf("%s ends at %s (%d), want %s", tt.path, resp.Request.URL.Path, resp.StatusCode, tt.want)
		}
	}
}

func TestServer(t *testing.T) {
	srv := newTestServer(t)
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	tests := []struct {
		method, path string
		status       int
		contains     string
		header       [2]string
	}{
		{"GET", "/", 200, "What does this login error mean?", [2]string{"Content-Security-Policy", site.ContentSecurityPolicy}},
		{"GET", "/entra/AADSTS50011/", 200, "InvalidReplyTo", [2]string{"X-Content-Type-Options", "nosniff"}},
		{"GET", "/entra/AADSTS50011", 301, "", [2]string{"Location", "/entra/AADSTS50011/"}},
		{"GET", "/entra/", 200, "AADSTS50011", [2]string{}},
		{"GET", "//entra", 301, "", [2]string{"Location", "/entra/"}},
		{"GET", "/%2fentra", 301, "", [2]string{"Location", "/entra/"}},
		{"GET", "/%2F%2Fentra", 301, "", [2]string{"Location", "/entra/"}},
		{"GET", "/entra/../entra?x=1", 301, "", [2]string{"Location", "/entra/?x=1"}},
		{"GET", "/protocols/saml/", 200, "AuthnFailed", [2]string{}},
		{"GET", "/no/such/page/", 404, "Page not found", [2]string{"Content-Security-Policy", site.ContentSecurityPolicy}},
		{"GET", "/_headers", 404, "Page not found", [2]string{}},
		{"GET", "/../../etc/passwd", 404, "", [2]string{}},
		{"POST", "/", 405, "", [2]string{"Allow", "GET, HEAD"}},
		{"HEAD", "/", 200, "", [2]string{"Referrer-Policy", "no-referrer"}},
		{"GET", "/search/?q=AADSTS50011", 302, "", [2]string{"Location", "/entra/AADSTS50011/"}},
		{"GET", "/search/?q=aadsts+50011", 302, "", [2]string{"Location", "/entra/AADSTS50011/"}},
		{"GET", "/search/?q=invalid_grant", 200, `href="/oauth2/invalid_grant/"`, [2]string{"Content-Security-Policy", site.ContentSecurityPolicy}},
		// The addresses people type: _redirects, as Cloudflare applies it.
		{"GET", "/entra/aadsts50011/", 301, "", [2]string{"Location", "/entra/AADSTS50011/"}},
		{"GET", "/entra/50011/", 301, "", [2]string{"Location", "/entra/AADSTS50011/"}},
		{"GET", "/okta/e0000011/", 301, "", [2]string{"Location", "/okta/E0000011/"}},
		{"GET", "/saml/authnfailed/", 301, "", [2]string{"Location", "/saml/AuthnFailed/"}},
		{"GET", "/lookup/50011", 302, "", [2]string{"Location", "/search/?q=50011"}},
		{"GET", "/lookup/Error%20%23101/", 302, "", [2]string{"Location", "/search/?q=Error%20%23101"}},
		{"GET", "/?code=50011", 302, "", [2]string{"Location", "/search/?q=50011"}},
		{"GET", "/?code=", 200, "What does this login error mean?", [2]string{}},
		{"GET", "/entra/999123/", 404, `id="nq"`, [2]string{}},
		{"GET", "/search/?q=%3Cscript%3Ealert(1)%3C/script%3E", 200, "&lt;script&gt;alert(1)&lt;/script&gt;", [2]string{}},
		{"GET", "/search/?q=" + strings.Repeat("x", 5000), 400, "at most 1024", [2]string{"Content-Security-Policy", site.ContentSecurityPolicy}},
		{"GET", "/search/?q=user+not+assigned+to+the+application", 200, "<mark>", [2]string{}},
		{"GET", "/search/?q=E00000&page=2", 200, "Previous", [2]string{}},
		{"GET", "/search/?q=invalid_grant&provider=nobody", 400, "no provider", [2]string{}},
		{"GET", "/search/?q=zzzzqqqq", 200, "Nothing matches", [2]string{}},
		{"GET", "/search/?q=AADSTS999123", 200, `<code>AADSTS999123</code> is not in the catalog. It has the shape of a Microsoft Entra ID code: <a href="https://login.microsoftonline.com/error?code=999123"`, [2]string{}},
		{"GET", "/search/?q=AADSTS500119", 200, "Nearest entries, not the same code", [2]string{}},
		{"GET", "/search/?q=token+expired", 200, "+ results for <q>token expired</q>", [2]string{}},
		{"GET", "/search/?q=token+expired", 200, `id="q" name="q" type="search" placeholder="AADSTS50011, invalid_grant, user not assigned…" value=""`, [2]string{}},
		{"GET", "/search/", 200, "Search", [2]string{}},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, srv.URL+tt.path, nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s %s: status %d, want %d", tt.method, tt.path, resp.StatusCode, tt.status)
		}
		if tt.contains != "" && !strings.Contains(string(body), tt.contains) {
			t.Errorf("%s %s: body does not contain %q", tt.method, tt.path, tt.contains)
		}
		if strings.Contains(string(body), "<script>alert(1)") {
			t.Errorf("%s %s: reflected markup unescaped", tt.method, tt.path)
		}
		if h := tt.header; h[0] != "" && resp.Header.Get(h[0]) != h[1] {
			t.Errorf("%s %s: header %s = %q, want %q", tt.method, tt.path, h[0], resp.Header.Get(h[0]), h[1])
		}
	}
}

func TestAssetsAreCachedForever(t *testing.T) {
	srv := newTestServer(t)
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	var css string
	for _, l := range links(t, resp.Body) {
		if strings.HasPrefix(l, "/assets/") && strings.HasSuffix(l, ".css") {
			css = l
		}
	}
	resp.Body.Close()
	if css == "" {
		t.Fatal("home page links no stylesheet")
	}
	resp, err = http.Get(srv.URL + css)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Errorf("GET %s: %d, Cache-Control %q, Content-Type %q", css, resp.StatusCode, resp.Header.Get("Cache-Control"), resp.Header.Get("Content-Type"))
	}
}

// TestServeCommand runs `build serve` as a user would and fetches the home page.
func TestServeCommand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-wasm=false", "-addr", "127.0.0.1:0", "-out", filepath.Join(t.TempDir(), "dist")}, pw)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	var url string
	for sc.Scan() {
		if u, ok := strings.CutPrefix(sc.Text(), "serving on "); ok {
			url, _, _ = strings.Cut(u, " ")
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if url == "" {
		t.Fatalf("serve printed no address; run returned %v", <-done)
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "authcodes") {
		t.Errorf("GET %s: %d", url, resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve returned %v", err)
	}
}
