package explain

import (
	"testing"

	"github.com/authcodes/authcodes/catalog"
)

func embeddedCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}
