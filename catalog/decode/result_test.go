package decode

import (
	"encoding/json"
	"testing"
)

// TestFieldsJSON: fields are one JSON object in input order, and read back.
func TestFieldsJSON(t *testing.T) {
	in := Fields{{"error", "invalid_grant"}, {"error_description", `say "hi"`}, {"a", "…"}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"error":"invalid_grant","error_description":"say \"hi\"","a":"…"}`; string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
	var out Fields
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if len(out) != len(in) || out[1] != in[1] {
		t.Errorf("read back %v", out)
	}
	if v, ok := out.Get("a"); !ok || v != "…" {
		t.Errorf("Get(a) = %q, %v", v, ok)
	}
	if err := json.Unmarshal([]byte(`[1]`), &out); err == nil {
		t.Errorf("a JSON array read as fields")
	}
}

// TestRepeatedNames: a name met twice keeps both values.
func TestRepeatedNames(t *testing.T) {
	r, err := testDecoder(t).Decode("error=invalid_request&error=invalid_scope&state=1", Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := r.Fields.Get("error (2)"); v != "invalid_scope" {
		t.Errorf("fields = %v", r.Fields)
	}
}
