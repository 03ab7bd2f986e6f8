package main

import (
	"testing"

	"github.com/authcodes/authcodes/catalog"
)

// TestWorkerCatalogHasNoGuides: the worker's catalog is the catalog, version
// and every fact included, minus the Markdown guides it ships rendered.
func TestWorkerCatalogHasNoGuides(t *testing.T) {
	cat, err := catalog.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	data, err := withoutGuides(cat)
	if err != nil {
		t.Fatal(err)
	}
	got, err := catalog.FromBinary(data)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version() != cat.Version() || len(got.Entries()) != len(cat.Entries()) {
		t.Fatalf("version %s with %d entries, want %s with %d", got.Version(), len(got.Entries()), cat.Version(), len(cat.Entries()))
	}
	for i, e := range got.Entries() {
		want := cat.Entries()[i]
		if e.Guide != "" || e.ID != want.ID || e.Summary != want.Summary {
			t.Fatalf("%s: guide %d bytes, id %s, summary %q", want.ID, len(e.Guide), e.ID, e.Summary)
		}
		if want.Guide == "" {
			t.Fatalf("%s: withoutGuides emptied the original's guide", want.ID)
		}
	}
	for dir, want := range map[string]string{"dist": "dist-worker", "/tmp/x/dist/": "/tmp/x/dist-worker"} {
		if got := workerDir(dir); got != want {
			t.Errorf("workerDir(%q) = %q, want %q", dir, got, want)
		}
	}
}
