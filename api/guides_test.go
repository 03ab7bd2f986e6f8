package api

import (
	"html/template"
	"testing"

	"github.com/authcodes/authcodes/guide"
)

func TestGuidesFileRoundTrips(t *testing.T) {
	h := handler(t)
	cat := h.cfg.Catalog
	data, err := WriteGuides(cat, guide.Render)
	if err != nil {
		t.Fatal(err)
	}
	read, err := ReadGuides(data)
	if err != nil {
		t.Fatal(err)
	}
	onDemand := RenderGuides(cat, guide.Render)
	for _, e := range cat.Entries() {
		got, ok := read.HTML(e.ID)
		want, _ := onDemand.HTML(e.ID)
		if !ok || got != want || got == "" {
			t.Fatalf("%s: the guides file gives %.80q, rendering gives %.80q", e.ID, got, want)
		}
	}
	if _, ok := read.HTML("nobody/nothing"); ok {
		t.Error("a guide for an unknown id")
	}
	for _, bad := range [][]byte{nil, []byte("ACGUIDES1"), data[:len(data)-1], append([]byte("XX"), data...), append(data[:len(data):len(data)], 0)} {
		if _, err := ReadGuides(bad); err == nil {
			t.Errorf("ReadGuides accepted %d corrupt bytes", len(bad))
		}
	}
}

func TestGuidesAreRenderedOnceOnDemand(t *testing.T) {
	h := handler(t)
	calls := 0
	g := RenderGuides(h.cfg.Catalog, func(md string) (template.HTML, error) {
		calls++
		return template.HTML("<p>" + template.HTMLEscapeString(md[:10]) + "</p>"), nil
	})
	for range 3 {
		if _, ok := g.HTML("entra/AADSTS50011"); !ok {
			t.Fatal("no guide")
		}
	}
	if calls != 1 {
		t.Errorf("rendered %d times", calls)
	}
}
