package api

import (
	"net/http"

	"github.com/authcodes/authcodes/catalog"
)

// Provider is a provider as the API shows it, with the facts that recognise
// its codes and responses.
type Provider struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	// Kind is "vendor", "standard" or "library" (a client SDK).
	Kind string `json:"kind"`
	Home string `json:"home"`
	Docs string `json:"docs"`
	// CodePattern is a regular expression every code of the provider matches.
	CodePattern    string   `json:"code_pattern"`
	LookupPrefixes []string `json:"lookup_prefixes"`
	IssuerHosts    []string `json:"issuer_hosts"`
	ResponseParams []string `json:"response_params"`
	BodyFields     []string `json:"body_fields"`
	EntryCount     int      `json:"entry_count"`
	// URL is the provider's page on the site.
	URL string `json:"url"`
}

// ProviderList is the answer of /v1/providers.
type ProviderList struct {
	Providers []Provider `json:"providers"`
}

// providers answers GET /v1/providers: standards first, then vendors, then
// client libraries, each by name.
func (h *Handler) providers(*request) *response {
	out := ProviderList{Providers: []Provider{}}
	for _, p := range h.cfg.Catalog.Providers() {
		out.Providers = append(out.Providers, provider(p, len(h.cfg.Catalog.ProviderEntries(p.Key))))
	}
	return jsonResponse(http.StatusOK, out)
}

func provider(p *catalog.Provider, entries int) Provider {
	return Provider{
		Key: p.Key, Name: p.Name, Kind: string(p.Kind), Home: p.Home, Docs: p.Docs, CodePattern: p.CodePattern,
		LookupPrefixes: strs(p.LookupPrefixes), IssuerHosts: strs(p.IssuerHosts),
		ResponseParams: strs(p.ResponseParams), BodyFields: strs(p.BodyFields),
		EntryCount: entries, URL: "/" + p.Key + "/",
	}
}
