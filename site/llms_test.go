package site

import (
	"html/template"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/authcodes/authcodes/catalog"
)

const testOrigin = "https://authcodes.test"

// builtFiles builds the site with a stand-in Markdown renderer (the real one
// is the generator's) and returns every file it writes.
func builtFiles(t *testing.T) (map[string][]byte, *catalog.Catalog) {
	t.Helper()
	cat, err := catalog.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	escape := func(md string) (template.HTML, error) { return template.HTML(template.HTMLEscapeString(md)), nil }
	s, err := New(cat, testOrigin, escape)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	if err := s.Build(func(name string, data []byte) error { files[name] = data; return nil }); err != nil {
		t.Fatal(err)
	}
	return files, cat
}

var (
	linkItem  = regexp.MustCompile(`^- \[((?:[^\]\\]|\\.)+)\]\(([^)\s]+)\)(: .+)?$`)
	inlineURL = regexp.MustCompile(`\]\((` + regexp.QuoteMeta(testOrigin) + `[^)\s]*)\)`)
)

// checkLLMsStructure checks the llms.txt convention: an H1 first, then a
// blockquote summary, then paragraphs, then H2 sections. In llms.txt every
// section item is a link with an optional note.
func checkLLMsStructure(t *testing.T, name, text string, strictItems bool) {
	t.Helper()
	lines := strings.Split(text, "\n")
	if lines[0] != "# authcodes" {
		t.Errorf("%s: first line %q, want the H1", name, lines[0])
	}
	if len(lines) < 3 || lines[1] != "" || !strings.HasPrefix(lines[2], "> ") {
		t.Errorf("%s: no blockquote summary after the H1", name)
	}
	inSection := false
	for i, line := range lines[1:] {
		switch {
		case strings.HasPrefix(line, "# "):
			t.Errorf("%s:%d: a second H1", name, i+2)
		case strings.HasPrefix(line, "## "):
			inSection = true
		case !inSection && strings.HasPrefix(line, "#"):
			t.Errorf("%s:%d: a heading before the first section: %q", name, i+2, line)
		case strictItems && inSection && line != "" && !linkItem.MatchString(line):
			t.Errorf("%s:%d: not a link item: %q", name, i+2, line)
		}
	}
	if !inSection {
		t.Errorf("%s has no sections", name)
	}
}

// pageFor is the file the generator writes for a URL of the site.
func pageFor(url string) string {
	p := strings.TrimPrefix(strings.TrimPrefix(url, testOrigin), "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p
}

func TestLLMsTxt(t *testing.T) {
	files, cat := builtFiles(t)
	text := string(files["llms.txt"])
	if text == "" {
		t.Fatal("llms.txt is not written")
	}
	checkLLMsStructure(t, "llms.txt", text, true)
	var sections []string
	for _, line := range strings.Split(text, "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			sections = append(sections, h)
		}
	}
	if !slices.Equal(sections, []string{"Providers", "Tools", "Optional"}) {
		t.Errorf("sections %v", sections)
	}
	for _, p := range cat.Providers() {
		if len(cat.ProviderEntries(p.Key)) > 0 && !strings.Contains(text, "]("+testOrigin+"/"+p.Key+"/)") {
			t.Errorf("llms.txt does not link the %s page", p.Key)
		}
	}
	checkLinks(t, files, "llms.txt", text)
}

func TestLLMsFullTxt(t *testing.T) {
	files, cat := builtFiles(t)
	text := string(files["llms-full.txt"])
	if text == "" {
		t.Fatal("llms-full.txt is not written")
	}
	checkLLMsStructure(t, "llms-full.txt", text, false)
	// Every entry: its heading, its page, its summary and each fix step.
	sections := strings.Split(text, "\n### ")
	byID := map[string]string{}
	for _, sec := range sections[1:] {
		if _, after, ok := strings.Cut(sec, "\n- ID: "); ok {
			id, _, _ := strings.Cut(after, "\n")
			byID[id] = sec
		}
	}
	for _, e := range cat.Entries() {
		sec, ok := byID[e.ID]
		if !ok {
			t.Errorf("llms-full.txt lacks %s", e.ID)
			continue
		}
		if !strings.HasPrefix(sec, e.Code+": ") || !strings.Contains(sec, "- Page: "+testOrigin+e.Path()+"\n") {
			t.Errorf("%s: heading or page wrong:\n%s", e.ID, sec)
		}
		if !strings.Contains(sec, oneLine(e.Summary)) {
			t.Errorf("%s: summary missing", e.ID)
		}
		for i, step := range e.FixSteps() {
			if !strings.Contains(sec, "\n"+strconv.Itoa(i+1)+". "+oneLine(step)+"\n") {
				t.Errorf("%s: fix step %d missing", e.ID, i+1)
			}
		}
		if !e.IsInformational() && len(e.FixSteps()) == 0 {
			t.Errorf("%s: an error entry without fix steps", e.ID)
		}
	}
	if len(byID) != len(cat.Entries()) {
		t.Errorf("llms-full.txt has %d entries, the catalog %d", len(byID), len(cat.Entries()))
	}
	checkLinks(t, files, "llms-full.txt", text)
}

// checkLinks: every link into the site names a page the generator wrote.
// /v1/ is the API's, answered by the worker and the local server.
func checkLinks(t *testing.T, files map[string][]byte, name, text string) {
	t.Helper()
	urls := inlineURL.FindAllStringSubmatch(text, -1)
	for _, line := range strings.Split(text, "\n") {
		if u, ok := strings.CutPrefix(line, "- Page: "); ok {
			urls = append(urls, []string{"", u})
		}
	}
	if len(urls) == 0 {
		t.Fatalf("%s links nothing", name)
	}
	for _, m := range urls {
		u := m[1]
		if strings.HasPrefix(u, testOrigin+"/v1/") {
			continue
		}
		if _, ok := files[pageFor(u)]; !ok {
			t.Errorf("%s links %s, which the generator does not write", name, u)
		}
	}
}
