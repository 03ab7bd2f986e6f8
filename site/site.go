// Package site renders the authcodes reference site from the catalog: its page
// templates, its stylesheet, and the security headers every response carries.
// It writes nothing itself; the generator decides where pages go, and the
// local server renders the search page on request.
package site

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"path"
	"slices"
	"strings"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
)

//go:embed templates/*.html static/*
var files embed.FS

// Markdown renders Markdown to safe HTML. The site takes it as a function so
// that the renderer (goldmark) stays a build-time dependency.
type Markdown func(string) (template.HTML, error)

// Site renders pages for one catalog.
type Site struct {
	cat      *catalog.Catalog
	origin   string
	markdown Markdown
	pages    map[string]*template.Template
	// assets maps a static file's name to its content-hashed path.
	assets map[string]Asset
}

// Asset is a static file served under a content-hashed name, so that it can be
// cached forever.
type Asset struct {
	Path string
	Data []byte
}

// reserved are top-level paths the site uses for itself; no provider key may take one.
var reserved = []string{"assets", "decode", "protocols", "providers", "search", "v1"}

// New prepares a site for the catalog. origin is the public base URL
// ("https://authcodes.dev") used for canonical links and the sitemap.
func New(cat *catalog.Catalog, origin string, markdown Markdown) (*Site, error) {
	for _, p := range cat.Providers() {
		if slices.Contains(reserved, p.Key) {
			return nil, fmt.Errorf("site: provider key %q collides with a site path", p.Key)
		}
	}
	s := &Site{cat: cat, origin: strings.TrimSuffix(origin, "/"), markdown: markdown, assets: map[string]Asset{}}
	if err := s.loadAssets(); err != nil {
		return nil, err
	}
	return s, s.parseTemplates()
}

func (s *Site) loadAssets() error {
	names, err := files.ReadDir("static")
	if err != nil {
		return err
	}
	for _, n := range names {
		data, err := files.ReadFile("static/" + n.Name())
		if err != nil {
			return err
		}
		s.AddAsset(n.Name(), data)
	}
	return nil
}

// AddAsset adds a file built elsewhere (the WebAssembly module and its
// loader) to the site's assets, under a content-hashed name. Pages link the
// browser module only when "authcodes.wasm" and "wasm_exec.js" were added.
func (s *Site) AddAsset(name string, data []byte) {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	hashed := "/assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
	s.assets[name] = Asset{Path: hashed, Data: data}
}

// AddAssetPath registers an asset that is built and served elsewhere, by the
// path it has there, so that pages rendered here link it: the edge worker
// renders the search page of a site whose browser module the generator built.
func (s *Site) AddAssetPath(name, path string) {
	s.assets[name] = Asset{Path: path}
}

// Assets returns every asset by name.
func (s *Site) Assets() map[string]Asset { return s.assets }

func (s *Site) parseTemplates() error {
	funcs := template.FuncMap{
		"asset": func(name string) (string, error) {
			a, ok := s.assets[name]
			if !ok {
				return "", fmt.Errorf("no asset %q", name)
			}
			return a.Path, nil
		},
		"hasAsset": func(name string) bool { _, ok := s.assets[name]; return ok },
		"providerName": func(key string) string {
			if p, ok := s.cat.Provider(key); ok {
				return p.Name
			}
			return key
		},
	}
	layout, err := template.New("layout").Funcs(funcs).ParseFS(files, "templates/layout.html")
	if err != nil {
		return err
	}
	s.pages = map[string]*template.Template{}
	for _, name := range []string{"home", "providers", "protocols", "provider", "protocol", "entry", "search", "decode", "notfound"} {
		t, err := template.Must(layout.Clone()).ParseFS(files, "templates/"+name+".html")
		if err != nil {
			return err
		}
		s.pages[name] = t
	}
	return nil
}

// page is what every template receives.
type page struct {
	Title       string
	Description string
	Canonical   string
	Query       string
	Crumbs      []crumb
	Data        any
	// Decoder marks the decoder page: it loads the decoder's module (which
	// searches too) at once instead of the search module on intent.
	Decoder bool
}

type crumb struct{ Label, Path string }

func (s *Site) render(w io.Writer, name string, p page) error {
	return s.pages[name].ExecuteTemplate(w, "layout", p)
}

type providerCount struct {
	Provider *catalog.Provider
	Count    int
}

type protocolCount struct {
	Protocol catalog.Protocol
	Count    int
}

func (s *Site) providerCounts() []providerCount {
	var out []providerCount
	for _, p := range s.cat.Providers() {
		if n := len(s.cat.ProviderEntries(p.Key)); n > 0 {
			out = append(out, providerCount{p, n})
		}
	}
	return out
}

func (s *Site) protocolCounts() []protocolCount {
	var out []protocolCount
	for _, p := range catalog.Protocols {
		if n := len(s.cat.ProtocolEntries(p)); n > 0 {
			out = append(out, protocolCount{p, n})
		}
	}
	return out
}

// featured are codes people search for most, shown on the home page when present.
var featured = []string{
	"entra/AADSTS50011", "entra/AADSTS700016", "entra/AADSTS7000215", "entra/AADSTS65001",
	"oauth2/invalid_grant", "okta/E0000011", "saml/AuthnFailed", "oidc/login_required",
	"entra/AADSTS50105", "google/redirect_uri_mismatch", "github/bad_verification_code", "scalekit/invalid_redirect_uri",
}

// Build renders every page and asset of the site and hands each to write with
// its path relative to the site root ("entra/AADSTS50011/index.html").
func (s *Site) Build(write func(name string, data []byte) error) error {
	var sitemap []string
	emit := func(urlPath, tmpl string, p page) error {
		p.Canonical = s.origin + urlPath
		var buf bytes.Buffer
		if err := s.render(&buf, tmpl, p); err != nil {
			return fmt.Errorf("site: %s: %w", urlPath, err)
		}
		sitemap = append(sitemap, p.Canonical)
		return write(strings.TrimPrefix(urlPath, "/")+"index.html", buf.Bytes())
	}

	var feat []*catalog.Entry
	for _, id := range featured {
		if e, ok := s.cat.Entry(id); ok {
			feat = append(feat, e)
		}
	}
	home := struct {
		EntryCount int
		Providers  []providerCount
		Protocols  []protocolCount
		Featured   []*catalog.Entry
	}{len(s.cat.Entries()), s.providerCounts(), s.protocolCounts(), feat}
	if err := emit("/", "home", page{
		Description: "Explanations and fixes for authentication error codes across identity providers and OAuth, OpenID Connect, SAML and SCIM.",
		Data:        home,
	}); err != nil {
		return err
	}
	if err := emit("/providers/", "providers", page{Title: "Providers", Description: "Every identity provider and standard in authcodes.", Data: home.Providers}); err != nil {
		return err
	}
	if err := emit("/protocols/", "protocols", page{Title: "Protocols", Description: "Authentication error codes by protocol.", Data: home.Protocols}); err != nil {
		return err
	}
	for _, pc := range home.Protocols {
		p := pc.Protocol
		if err := emit("/protocols/"+string(p)+"/", "protocol", page{
			Title:       p.Label() + " error codes",
			Description: fmt.Sprintf("%d %s error codes across identity providers, with fixes.", pc.Count, p.Label()),
			Crumbs:      []crumb{{"Protocols", "/protocols/"}},
			Data: struct {
				Protocol catalog.Protocol
				Entries  []*catalog.Entry
			}{p, s.cat.ProtocolEntries(p)},
		}); err != nil {
			return err
		}
	}
	for _, pc := range home.Providers {
		if err := s.buildProvider(pc.Provider, emit); err != nil {
			return err
		}
	}
	if err := emit("/decode/", "decode", page{Title: "Decoder", Description: "Paste a failed login's callback URL, error body, token or SAML response and get it explained, privately, in your browser.", Decoder: true}); err != nil {
		return err
	}
	if err := emit("/search/", "search", page{Title: "Search", Description: "Search authentication error codes.",
		Data: SearchView{Providers: s.cat.Providers(), Protocols: catalog.Protocols}}); err != nil {
		return err
	}

	var notFound bytes.Buffer
	if err := s.render(&notFound, "notfound", page{Title: "Page not found"}); err != nil {
		return err
	}
	if err := write("404.html", notFound.Bytes()); err != nil {
		return err
	}
	for _, a := range s.assets {
		if a.Data == nil {
			continue // served elsewhere (AddAssetPath)
		}
		if err := write(strings.TrimPrefix(a.Path, "/"), a.Data); err != nil {
			return err
		}
	}
	if err := write("sitemap.xml", sitemapXML(sitemap)); err != nil {
		return err
	}
	if err := write("opensearch.xml", s.openSearch()); err != nil {
		return err
	}
	// For AI assistants: a map of the site and the whole catalog as Markdown.
	if err := write("llms.txt", s.llmsTxt()); err != nil {
		return err
	}
	if err := write("llms-full.txt", s.llmsFullTxt()); err != nil {
		return err
	}
	if err := write("robots.txt", []byte("User-agent: *\nAllow: /\nSitemap: "+s.origin+"/sitemap.xml\n")); err != nil {
		return err
	}
	if err := write("_redirects", []byte(RedirectsFile(s.Redirects()))); err != nil {
		return err
	}
	return write("_headers", []byte(HeadersFile()))
}

func (s *Site) buildProvider(p *catalog.Provider, emit func(string, string, page) error) error {
	desc, err := s.markdown(p.Description)
	if err != nil {
		return fmt.Errorf("site: %s: %w", p.File, err)
	}
	entries := s.cat.ProviderEntries(p.Key)
	if err := emit("/"+p.Key+"/", "provider", page{
		Title:       p.Name + " error codes",
		Description: fmt.Sprintf("%d %s error codes explained, with who acts and how to fix each.", len(entries), p.Name),
		Crumbs:      []crumb{{"Providers", "/providers/"}},
		Data: struct {
			Provider    *catalog.Provider
			Description template.HTML
			Entries     []*catalog.Entry
		}{p, desc, entries},
	}); err != nil {
		return err
	}
	for _, e := range entries {
		if err := s.buildEntry(p, e, emit); err != nil {
			return err
		}
	}
	return nil
}

func (s *Site) buildEntry(p *catalog.Provider, e *catalog.Entry, emit func(string, string, page) error) error {
	// The fix steps come first on the page, right under the title: they are
	// what a visitor came for; the summary and the explanation follow them.
	fixMarkdown, restMarkdown := splitFix(e.Guide)
	fix, err := s.markdown(fixMarkdown)
	if err != nil {
		return fmt.Errorf("site: %s: %w", e.File, err)
	}
	guide, err := s.markdown(restMarkdown)
	if err != nil {
		return fmt.Errorf("site: %s: %w", e.File, err)
	}
	data := struct {
		Entry     *catalog.Entry
		Provider  *catalog.Provider
		Fix       template.HTML
		Guide     template.HTML
		Standard  *catalog.Entry
		Elsewhere []*catalog.Entry
		Related   []*catalog.Entry
	}{Entry: e, Provider: p, Fix: fix, Guide: guide, Elsewhere: s.cat.Relatives(e)}
	if std, ok := s.cat.Entry(e.Standard); ok {
		data.Standard = std
	}
	for _, id := range e.Related {
		if r, ok := s.cat.Entry(id); ok && !slices.Contains(data.Elsewhere, r) {
			data.Related = append(data.Related, r)
		}
	}
	return emit(e.Path(), "entry", page{
		Title:       e.Code + ": " + e.Title,
		Description: e.Summary,
		Crumbs:      []crumb{{"Providers", "/providers/"}, {p.Name, "/" + p.Key + "/"}},
		Data:        data,
	})
}

// splitFix cuts a guide into its "## Fix" section and the rest, in order.
func splitFix(guide string) (fix, rest string) {
	before, after, found := strings.Cut(guide, "## Fix\n")
	if !found {
		return "", guide
	}
	fix, tail, more := strings.Cut(after, "\n## ")
	if more {
		tail = "## " + tail
	}
	return "## Fix\n" + fix, before + tail
}

// SearchView is what the search page shows: the request, and its results or
// the reason it could not run.
type SearchView struct {
	Query, Provider, Protocol string
	Error                     string
	Total                     int
	// Capped marks Total as a floor (search stopped collecting): "200+".
	Capped bool
	Hits   []search.Hit
	// Unknown is a code-shaped word of the query that no entry carries;
	// the hits are then other codes.
	Unknown *catalog.UnknownCode
	// From and To number the hits shown (1-based); Prev and Next link the
	// neighbouring pages.
	From, To   int
	Prev, Next string
	// Filled in by the site.
	Providers []*catalog.Provider
	Protocols []catalog.Protocol
}

// SearchPage renders the search page.
func (s *Site) SearchPage(w io.Writer, v SearchView) error {
	v.Providers = s.cat.Providers()
	v.Protocols = catalog.Protocols
	// The page's own form holds the query; the header's box stays empty,
	// so that the query is not shown twice.
	return s.render(w, "search", page{Title: "Search", Canonical: s.origin + "/search/", Data: v})
}

// NotFoundPage renders the 404 page.
func (s *Site) NotFoundPage(w io.Writer) error {
	return s.render(w, "notfound", page{Title: "Page not found"})
}

// openSearch is the OpenSearch description that lets browsers add the site
// as a search engine.
func (s *Site) openSearch() []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
<ShortName>authcodes</ShortName>
<Description>Authentication error codes explained, across identity providers</Description>
<InputEncoding>UTF-8</InputEncoding>
<Url type="text/html" method="get" template="`)
	template.HTMLEscape(&b, []byte(s.origin+"/search/?q={searchTerms}"))
	b.WriteString(`"/>
</OpenSearchDescription>
`)
	return b.Bytes()
}

func sitemapXML(urls []string) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range urls {
		b.WriteString("<url><loc>")
		template.HTMLEscape(&b, []byte(u))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}
