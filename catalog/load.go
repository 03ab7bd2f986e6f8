//go:build !js

package catalog

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed entries providers
var embedded embed.FS

var (
	embeddedOnce sync.Once
	embeddedCat  *Catalog
	embeddedErr  error
)

// Embedded returns the catalog shipped inside this package. It is parsed and
// validated once, on first use; the tests guarantee it loads without error.
// (Only this function refers to the embedded files, so a program that loads
// a binary catalog instead does not carry them.)
func Embedded() (*Catalog, error) {
	embeddedOnce.Do(func() { embeddedCat, embeddedErr = Load(embedded) })
	return embeddedCat, embeddedErr
}

// entryFile is an entry's front matter as written. Pointers tell a field that
// was left out from one set to its zero value.
type entryFile struct {
	Code       string       `yaml:"code"`
	Provider   string       `yaml:"provider"`
	Protocol   Protocol     `yaml:"protocol"`
	Kind       EntryKind    `yaml:"kind"`
	Name       string       `yaml:"name"`
	Aliases    []string     `yaml:"aliases"`
	Title      string       `yaml:"title"`
	Summary    string       `yaml:"summary"`
	HTTPStatus *int         `yaml:"http_status"`
	AppearsIn  []Surface    `yaml:"appears_in"`
	WhoActs    []Actor      `yaml:"who_acts"`
	Retryable  *bool        `yaml:"retryable"`
	Standard   string       `yaml:"standard"`
	Related    []string     `yaml:"related"`
	DefinedIn  []Definition `yaml:"defined_in"`
	Phrases    []string     `yaml:"phrases"`
	Messages   []string     `yaml:"messages"`
	Generic    bool         `yaml:"generic"`
	Wraps      []string     `yaml:"wraps"`
	Causes     []Cause      `yaml:"causes"`
	References []Reference  `yaml:"references"`
}

type providerFile struct {
	Key            string         `yaml:"key"`
	Name           string         `yaml:"name"`
	Kind           ProviderKind   `yaml:"kind"`
	Home           string         `yaml:"home"`
	Docs           string         `yaml:"docs"`
	CodePattern    string         `yaml:"code_pattern"`
	LookupPrefixes []string       `yaml:"lookup_prefixes"`
	SearchTerms    []string       `yaml:"search_terms"`
	IssuerHosts    []string       `yaml:"issuer_hosts"`
	ResponseParams []string       `yaml:"response_params"`
	BodyFields     []string       `yaml:"body_fields"`
	SharedHosts    []string       `yaml:"shared_hosts"`
	IssuerPaths    []string       `yaml:"issuer_paths"`
	Markers        []string       `yaml:"markers"`
	LogFields      []string       `yaml:"log_fields"`
	CodeFields     []string       `yaml:"code_fields"`
	LogCodeFields  []string       `yaml:"log_code_fields"`
	CodeShapes     []CodeShape    `yaml:"code_shapes"`
	Versions       string         `yaml:"versions"`
	RedirectMatch  *RedirectMatch `yaml:"redirect_uri_match"`
}

// Load reads and validates a catalog laid out like the embedded one:
// providers/<key>.md and entries/<provider>/<code>.md. It returns every problem
// found, each naming its file and field, as a *ValidationError.
func Load(fsys fs.FS) (*Catalog, error) {
	var problems Problems
	providers, err := loadProviders(fsys, &problems)
	if err != nil {
		return nil, err
	}
	entries, err := loadEntries(fsys, &problems)
	if err != nil {
		return nil, err
	}
	validate(providers, entries, &problems)
	if len(problems) > 0 {
		return nil, &ValidationError{Problems: problems}
	}
	c := newCatalog(providers, entries)
	c.version, err = contentVersion(fsys)
	return c, err
}

// contentVersion hashes every file of the catalog, names and contents, so that
// any change to the data changes the version (and every ETag built on it).
func contentVersion(fsys fs.FS) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(data))
		h.Write(data)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:16], err
}

func loadProviders(fsys fs.FS, problems *Problems) ([]*Provider, error) {
	files, err := fs.Glob(fsys, "providers/*.md")
	if err != nil {
		return nil, err
	}
	var out []*Provider
	for _, file := range files {
		var pf providerFile
		body, ok := readFrontMatter(fsys, file, &pf, problems)
		if !ok {
			continue
		}
		out = append(out, &Provider{
			Key: pf.Key, Name: pf.Name, Kind: pf.Kind, Home: pf.Home, Docs: pf.Docs,
			CodePattern: pf.CodePattern, LookupPrefixes: pf.LookupPrefixes, SearchTerms: pf.SearchTerms,
			IssuerHosts: pf.IssuerHosts, ResponseParams: pf.ResponseParams, BodyFields: pf.BodyFields,
			SharedHosts: pf.SharedHosts, IssuerPaths: pf.IssuerPaths, Markers: pf.Markers, LogFields: pf.LogFields, CodeFields: pf.CodeFields, LogCodeFields: pf.LogCodeFields, CodeShapes: pf.CodeShapes, Versions: pf.Versions, RedirectMatch: pf.RedirectMatch,
			Description: body, File: file,
		})
	}
	return out, nil
}

func loadEntries(fsys fs.FS, problems *Problems) ([]*Entry, error) {
	var files []string
	err := fs.WalkDir(fsys, "entries", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && path.Ext(p) == ".md" {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	out := make([]*Entry, 0, len(files))
	for _, file := range files {
		var ef entryFile
		body, ok := readFrontMatter(fsys, file, &ef, problems)
		if !ok {
			continue
		}
		e := &Entry{
			ID: ef.Provider + "/" + ef.Code, Code: ef.Code, Provider: ef.Provider, Protocol: ef.Protocol,
			Name: ef.Name, Aliases: ef.Aliases, Title: ef.Title, Summary: strings.TrimSpace(ef.Summary),
			AppearsIn: ef.AppearsIn, WhoActs: ef.WhoActs, Standard: ef.Standard, Related: ef.Related,
			DefinedIn: ef.DefinedIn, Phrases: ef.Phrases, Messages: ef.Messages, Generic: ef.Generic,
			Wraps: ef.Wraps, Causes: ef.Causes, References: ef.References, Kind: ef.Kind,
			Guide: body, File: file,
		}
		if e.Kind == "" {
			e.Kind = ErrorKind
		}
		if ef.HTTPStatus != nil {
			e.HTTPStatus = *ef.HTTPStatus
		}
		if ef.Retryable != nil {
			e.Retryable = *ef.Retryable
		} else {
			problems.add(file, "retryable", "is required (true or false)")
		}
		out = append(out, e)
	}
	return out, nil
}

var fence = []byte("---\n")

// readFrontMatter decodes the YAML between the opening and closing "---" lines
// into v, rejecting unknown fields, and returns the Markdown body after it.
func readFrontMatter(fsys fs.FS, file string, v any, problems *Problems) (string, bool) {
	raw, err := fs.ReadFile(fsys, file)
	if err != nil {
		problems.add(file, "", "%v", err)
		return "", false
	}
	raw = bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(raw, fence) {
		problems.add(file, "", `must start with a "---" front matter line`)
		return "", false
	}
	head, body, found := bytes.Cut(raw[len(fence):], []byte("\n---\n"))
	if !found {
		problems.add(file, "", `front matter has no closing "---" line`)
		return "", false
	}
	dec := yaml.NewDecoder(bytes.NewReader(head))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		problems.add(file, "", "front matter: %s", yamlMessage(err))
		return "", false
	}
	return strings.TrimSpace(string(body)), true
}

func yamlMessage(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return strings.Join(te.Errors, "; ")
	}
	return err.Error()
}

// Problem is one thing wrong with one catalog file.
type Problem struct {
	File    string
	Field   string
	Message string
}

func (p Problem) String() string {
	if p.Field == "" {
		return fmt.Sprintf("%s: %s", p.File, p.Message)
	}
	return fmt.Sprintf("%s: %s: %s", p.File, p.Field, p.Message)
}

// Problems collects what validation found.
type Problems []Problem

func (ps *Problems) add(file, field, format string, args ...any) {
	*ps = append(*ps, Problem{File: file, Field: field, Message: fmt.Sprintf(format, args...)})
}

// ValidationError reports every problem found in a catalog.
type ValidationError struct {
	Problems Problems
}

func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return fmt.Sprintf("catalog: %d problem(s):\n%s", len(lines), strings.Join(lines, "\n"))
}
