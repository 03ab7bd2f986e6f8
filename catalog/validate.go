//go:build !js

package catalog

import (
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Limits that keep entries readable in a result list and on a phone.
const (
	maxTitle   = 140
	maxSummary = 700
)

var (
	// A provider key is lower-case letters and digits; a library may join
	// words with single hyphens, as its package name does (okta-auth-js).
	providerKey = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	// codeChars are the characters a code may carry: it is a URL path segment
	// and a file name.
	codeChars = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	// A guide must tell its reader what to do, step by step, and how to know it worked.
	guideSections = []string{"## What happened", "## Fix", "## Confirm"}
	// An informational entry records an event: what it says and when it is
	// worth looking at, with nothing to fix.
	informationalSections = []string{"## What happened", "## When it matters"}
	orderedStep           = regexp.MustCompile(`(?m)^1\. \S`)
)

func validate(providers []*Provider, entries []*Entry, problems *Problems) {
	byKey := map[string]*Provider{}
	patterns := map[string]*regexp.Regexp{}
	for _, p := range providers {
		validateProvider(p, problems)
		if _, dup := byKey[p.Key]; dup {
			problems.add(p.File, "key", "%q is used by another provider", p.Key)
		}
		byKey[p.Key] = p
		if re, err := regexp.Compile(p.CodePattern); err == nil {
			patterns[p.Key] = re
		}
	}

	ids := map[string]*Entry{}
	folded := map[string]string{}
	for _, e := range entries {
		ids[e.ID] = e
		f := strings.ToLower(e.ID)
		if other, dup := folded[f]; dup {
			problems.add(e.File, "code", "id %q differs only in letter case from %q", e.ID, other)
		}
		folded[f] = e.ID
	}

	for _, e := range entries {
		validateEntry(e, byKey, patterns, ids, problems)
	}
}

func validateProvider(p *Provider, problems *Problems) {
	req := func(field, value string) {
		if strings.TrimSpace(value) == "" {
			problems.add(p.File, field, "is required")
		}
	}
	req("key", p.Key)
	req("name", p.Name)
	req("code_pattern", p.CodePattern)
	if p.Key != "" && !providerKey.MatchString(p.Key) {
		problems.add(p.File, "key", "%q must be lower-case letters and digits, words joined by single hyphens", p.Key)
	}
	if want := "providers/" + p.Key + ".md"; p.Key != "" && p.File != want {
		problems.add(p.File, "key", "file must be named %s", want)
	}
	if p.Kind != Vendor && p.Kind != Standard && p.Kind != Library {
		problems.add(p.File, "kind", "must be %q, %q or %q, not %q", Vendor, Standard, Library, p.Kind)
	}
	if p.Kind == Library && strings.TrimSpace(p.Versions) == "" {
		problems.add(p.File, "versions", "a library must say which versions its codes were read from")
	}
	if m := p.RedirectMatch; m != nil {
		if m.Path != "" && m.Path != "exact" && m.Path != "subdirectory" {
			problems.add(p.File, "redirect_uri_match", "path must be exact or subdirectory, not %q", m.Path)
		}
		if m.LoopbackPort != "" && m.LoopbackPort != "exact" && m.LoopbackPort != "any" {
			problems.add(p.File, "redirect_uri_match", "loopback_port must be exact or any, not %q", m.LoopbackPort)
		}
		if strings.TrimSpace(m.Rule) == "" || !strings.HasPrefix(m.URL, "https://") {
			problems.add(p.File, "redirect_uri_match", "needs the rule in words and the https URL where the provider states it")
		}
	}
	for _, h := range p.SharedHosts {
		if !slices.Contains(p.IssuerHosts, h) {
			problems.add(p.File, "shared_hosts", "%q is not one of the issuer_hosts", h)
		} else if len(p.IssuerPaths) == 0 {
			problems.add(p.File, "shared_hosts", "%q needs issuer_paths: they are the only way a URL on it names the provider", h)
		}
	}
	for _, expr := range p.IssuerPaths {
		if _, err := regexp.Compile(expr); err != nil {
			problems.add(p.File, "issuer_paths", "%q is not a regular expression: %v", expr, err)
		}
	}
	for _, m := range p.Markers {
		if len(strings.TrimSpace(m)) < 3 {
			problems.add(p.File, "markers", "%q is too short to tell the provider apart", m)
		}
	}
	if len(p.LogCodeFields) > 0 && len(p.LogFields) == 0 {
		problems.add(p.File, "log_code_fields", "are read only in a record with the provider's log_fields, and it has none")
	}
	checkURL(p.File, "home", p.Home, false, problems)
	checkURL(p.File, "docs", p.Docs, false, problems)
	if p.CodePattern != "" {
		if _, err := regexp.Compile(p.CodePattern); err != nil {
			problems.add(p.File, "code_pattern", "is not a regular expression: %v", err)
		}
	}
	for _, cs := range p.CodeShapes {
		if _, err := regexp.Compile(cs.Pattern); err != nil || cs.Pattern == "" {
			problems.add(p.File, "code_shapes", "pattern %q is not a regular expression: %v", cs.Pattern, err)
		} else if _, err := compileShape(cs.Pattern); err != nil {
			// Shapes are matched without regexp (wordshape), in the part of
			// its syntax that a shape needs.
			problems.add(p.File, "code_shapes", "pattern %q: %v (a shape is literal text, \\d, [classes], repeats and (?P<name>...) groups)", cs.Pattern, err)
		}
		checkURL(p.File, "code_shapes", strings.NewReplacer("${", "", "}", "").Replace(cs.LookupURL), true, problems)
	}
	for _, pre := range p.LookupPrefixes {
		if pre != strings.ToLower(pre) || strings.TrimSpace(pre) == "" {
			problems.add(p.File, "lookup_prefixes", "%q must be non-empty and lower-case", pre)
		}
	}
	for _, t := range p.SearchTerms {
		if t != strings.ToLower(t) || strings.TrimSpace(t) == "" || strings.ContainsAny(t, " \t") {
			problems.add(p.File, "search_terms", "%q must be one lower-case word", t)
		}
	}
	if strings.TrimSpace(p.Description) == "" {
		problems.add(p.File, "body", "a short description of the provider's codes is required")
	}
}

func validateEntry(e *Entry, providers map[string]*Provider, patterns map[string]*regexp.Regexp, ids map[string]*Entry, problems *Problems) {
	file := e.File
	req := func(field, value string) {
		if strings.TrimSpace(value) == "" {
			problems.add(file, field, "is required")
		}
	}
	req("code", e.Code)
	req("provider", e.Provider)
	req("protocol", string(e.Protocol))
	req("title", e.Title)
	req("summary", e.Summary)

	p, known := providers[e.Provider]
	if e.Provider != "" && !known {
		problems.add(file, "provider", "%q is not a provider of the catalog", e.Provider)
	}
	if e.Code != "" {
		if !codeChars.MatchString(e.Code) {
			problems.add(file, "code", "%q may hold only letters, digits, '.', '_' and '-'", e.Code)
		} else if re := patterns[e.Provider]; re != nil && !re.MatchString(e.Code) {
			problems.add(file, "code", "%q does not match provider %s's pattern %s", e.Code, e.Provider, re)
		}
		if want := path.Join("entries", e.Provider, e.Code+".md"); file != want {
			problems.add(file, "code", "file must be %s", want)
		}
	}
	if e.Protocol != "" && !slices.Contains(Protocols, e.Protocol) {
		problems.add(file, "protocol", "%q is not one of %v", e.Protocol, Protocols)
	}
	if len(e.Title) > maxTitle {
		problems.add(file, "title", "is %d characters; keep it under %d", len(e.Title), maxTitle)
	}
	if len(e.Summary) > maxSummary {
		problems.add(file, "summary", "is %d characters; keep it under %d", len(e.Summary), maxSummary)
	}
	if strings.Contains(e.Summary, "\n\n") {
		problems.add(file, "summary", "must be one paragraph")
	}
	if e.HTTPStatus != 0 && (e.HTTPStatus < 100 || e.HTTPStatus > 599) {
		problems.add(file, "http_status", "%d is not an HTTP status", e.HTTPStatus)
	}
	if len(e.AppearsIn) == 0 {
		problems.add(file, "appears_in", "is required")
	}
	for _, s := range e.AppearsIn {
		if !slices.Contains(Surfaces, s) {
			problems.add(file, "appears_in", "%q is not one of %v", s, Surfaces)
		}
	}
	if len(e.WhoActs) == 0 {
		problems.add(file, "who_acts", "is required")
	}
	for _, a := range e.WhoActs {
		if !slices.Contains(Actors, a) {
			problems.add(file, "who_acts", "%q is not one of %v", a, Actors)
		}
	}
	for _, a := range e.Aliases {
		if strings.TrimSpace(a) == "" {
			problems.add(file, "aliases", "has an empty alias")
		}
	}
	for _, id := range e.Related {
		if ids[id] == nil {
			problems.add(file, "related", "%q is not an entry of the catalog", id)
		}
		if id == e.ID {
			problems.add(file, "related", "an entry is not related to itself")
		}
	}
	if e.Kind != ErrorKind && e.Kind != Informational {
		problems.add(file, "kind", "must be %q or %q, not %q", ErrorKind, Informational, e.Kind)
	}
	for i, c := range e.Causes {
		if strings.TrimSpace(c.Text) == "" {
			problems.add(file, "causes", "cause %d has no text", i+1)
		}
		if len(c.When) == 0 {
			problems.add(file, "causes", "cause %d (%q) has no when: conditions; a cause nothing can check belongs in the guide only", i+1, c.Text)
		}
		for _, w := range c.When {
			if _, _, err := ParseCondition(w); err != nil {
				problems.add(file, "causes", "cause %d: %v", i+1, err)
			}
		}
	}
	for _, id := range e.Wraps {
		if ids[id] == nil {
			problems.add(file, "wraps", "%q is not an entry of the catalog", id)
		}
		if id == e.ID {
			problems.add(file, "wraps", "an entry does not wrap itself")
		}
	}
	for _, m := range e.Messages {
		if strings.TrimSpace(m) == "" || strings.Contains(m, "\n") {
			problems.add(file, "messages", "%q must be one non-empty message", m)
		}
	}
	if e.Standard != "" {
		std := ids[e.Standard]
		switch {
		case std == nil:
			problems.add(file, "standard", "%q is not an entry of the catalog", e.Standard)
		case providers[std.Provider] == nil || providers[std.Provider].Kind != Standard:
			problems.add(file, "standard", "%q is not an entry of a standard", e.Standard)
		case e.Standard == e.ID:
			problems.add(file, "standard", "an entry does not map to itself")
		}
	}
	if known && p.Kind == Standard && len(e.DefinedIn) == 0 {
		problems.add(file, "defined_in", "a standard code must name the specification sections that define it")
	}
	for _, d := range e.DefinedIn {
		if d.Spec == "" || d.Section == "" || d.Context == "" {
			problems.add(file, "defined_in", "each definition needs spec, section and context")
		}
	}
	if len(e.References) == 0 {
		problems.add(file, "references", "at least one reference is required")
	}
	for _, r := range e.References {
		if strings.TrimSpace(r.Title) == "" {
			problems.add(file, "references", "reference %q has no title", r.URL)
		}
		checkURL(file, "references", r.URL, true, problems)
	}
	if e.IsInformational() {
		validateSections(file, e.Guide, informationalSections, problems)
		if strings.Contains(e.Guide, "## Fix\n") {
			problems.add(file, "guide", "an informational entry has nothing to fix: no \"## Fix\" section")
		}
		return
	}
	validateGuide(file, e.Guide, problems)
}

func validateSections(file, guide string, sections []string, problems *Problems) bool {
	if strings.TrimSpace(guide) == "" {
		problems.add(file, "guide", "the body must hold a resolution guide")
		return false
	}
	for _, h := range sections {
		if !strings.Contains(guide, h+"\n") {
			problems.add(file, "guide", "must have a %q section", h)
		}
	}
	return true
}

func validateGuide(file, guide string, problems *Problems) {
	if !validateSections(file, guide, guideSections, problems) {
		return
	}
	_, fix, _ := strings.Cut(guide, "## Fix\n")
	fix, _, _ = strings.Cut(fix, "\n## ")
	if !orderedStep.MatchString(fix) {
		problems.add(file, "guide", `the "## Fix" section must give numbered steps ("1. ...")`)
	}
}

func checkURL(file, field, raw string, required bool, problems *Problems) {
	if raw == "" {
		if required {
			problems.add(file, field, "a URL is required")
		}
		return
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		problems.add(file, field, "%q is not an absolute http(s) URL", raw)
	}
}
