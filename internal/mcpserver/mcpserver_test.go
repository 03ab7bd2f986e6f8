package mcpserver

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/authcodes/authcodes/catalog"
	"github.com/authcodes/authcodes/catalog/search"
)

// connect starts the server on one end of an in-memory pipe and the SDK's
// own client on the other.
func connect(t *testing.T) *mcp.ClientSession {
	t.Helper()
	cat, err := catalog.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, ct := mcp.NewInMemoryTransports()
	if _, err := New(Config{Catalog: cat, Index: ix}).Connect(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "0"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cs.Close() })
	return cs
}

// call calls a tool and decodes its structured answer into out.
func call(t *testing.T, cs *mcp.ClientSession, name string, args map[string]any, out any) *mcp.CallToolResult {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if out != nil && !res.IsError {
		b, err := json.Marshal(res.StructuredContent)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s: structured content: %v", name, err)
		}
	}
	return res
}

func TestTools(t *testing.T) {
	cs := connect(t)
	res, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tool := range res.Tools {
		names = append(names, tool.Name)
		if tool.Name == "decode" && !strings.Contains(tool.Description, "masked") {
			t.Errorf("decode's description does not say secrets are masked: %q", tool.Description)
		}
		if tool.InputSchema == nil || tool.OutputSchema == nil {
			t.Errorf("%s has no input or output schema", tool.Name)
		}
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"decode", "lookup", "search"}) {
		t.Fatalf("tools %v", names)
	}
}

func TestLookup(t *testing.T) {
	cs := connect(t)
	cases := []struct {
		code  string
		first string // "" for no match
	}{
		{"aadsts 50011", "entra/AADSTS50011"},
		{"invalid_grant", "oauth2/invalid_grant"},
		{"Error #101", "infoauth/101"},
		{"AADSTS99999999", ""},
	}
	for _, c := range cases {
		t.Run(c.code, func(t *testing.T) {
			var out LookupOutput
			call(t, cs, "lookup", map[string]any{"code": c.code}, &out)
			if c.first == "" {
				if len(out.Matches) != 0 {
					t.Fatalf("matches %v", out.Matches)
				}
				return
			}
			if len(out.Matches) == 0 || out.Matches[0].ID != c.first {
				t.Fatalf("matches %+v, want %s first", out.Matches, c.first)
			}
			m := out.Matches[0]
			if len(m.Fix) == 0 || m.URL != "https://authcodes.dev"+"/"+c.first+"/" || m.Resource != "authcodes://"+c.first {
				t.Errorf("entry %+v", m)
			}
		})
	}
	if res := call(t, cs, "lookup", map[string]any{"code": " "}, nil); !res.IsError {
		t.Errorf("an empty code is not a tool error")
	}
}

func TestSearch(t *testing.T) {
	cs := connect(t)
	var out SearchOutput
	call(t, cs, "search", map[string]any{"query": "reply url does not match", "provider": "entra", "limit": 3}, &out)
	if len(out.Hits) == 0 || len(out.Hits) > 3 || out.Hits[0].ID != "entra/AADSTS50011" {
		t.Fatalf("hits %+v", out.Hits)
	}
	for _, h := range out.Hits {
		if h.Provider != "entra" {
			t.Errorf("hit %s outside the provider filter", h.ID)
		}
	}
	var saml SearchOutput
	call(t, cs, "search", map[string]any{"query": "authentication failed", "protocol": "saml"}, &saml)
	if len(saml.Hits) == 0 {
		t.Errorf("no SAML hits")
	}
	for _, args := range []map[string]any{
		{"query": "x", "provider": "nosuch"},
		{"query": "x", "limit": 1000},
		{"query": "x", "protocol": "smtp"},
		{"query": ""},
	} {
		if res := call(t, cs, "search", args, nil); !res.IsError {
			t.Errorf("%v: not a tool error", args)
		}
	}
}

func TestDecode(t *testing.T) {
	cs := connect(t)
	const code = "SplxlOBeZQQYbYS6WxSbIA"
	input := "https://app.example.com/cb?error=invalid_request&error_description=AADSTS50011&code=" + code
	var out DecodeOutput
	res := call(t, cs, "decode", map[string]any{"input": input}, &out)
	if out.Provider != "entra" || len(out.Matches) == 0 || out.Matches[0].ID != "entra/AADSTS50011" {
		t.Fatalf("decoded %+v", out)
	}
	if len(out.Matches[0].Fix) == 0 {
		t.Errorf("the best match has no fix steps")
	}
	// Nothing secret reaches the model, in the structured answer or the text.
	var text strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*mcp.TextContent); ok {
			text.WriteString(tc.Text)
		}
	}
	raw, _ := json.Marshal(res.StructuredContent)
	for _, s := range []string{text.String(), string(raw)} {
		if strings.Contains(s, code) {
			t.Errorf("the authorization code reached the answer: %s", s)
		}
	}
	if !slices.Contains(out.Masked, "code") {
		t.Errorf("masked %v", out.Masked)
	}

	// What the app is configured with: a diagnosis, and the cause it supports first.
	var diag DecodeOutput
	call(t, cs, "decode", map[string]any{
		"input":  input + "\nhttps://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=abc&response_type=code&state=s&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%2F",
		"expect": map[string]string{"redirect_uri": "https://app.example.com/cb"},
	}, &diag)
	if len(diag.Diagnosis) != 1 || diag.Diagnosis[0].Differences[0] != "trailing slash" {
		t.Errorf("diagnosis %+v", diag.Diagnosis)
	}
	if len(diag.Matches) == 0 || len(diag.Matches[0].Causes) == 0 || len(diag.Matches[0].Causes[0].Evidence) == 0 {
		t.Errorf("the first match's causes carry no evidence: %+v", diag.Matches)
	}
	if res := call(t, cs, "decode", map[string]any{"input": "x", "expect": map[string]string{"colour": "blue"}}, nil); !res.IsError {
		t.Errorf("an unknown expectation is not a tool error")
	}
	if res := call(t, cs, "decode", map[string]any{"input": "   "}, nil); !res.IsError {
		t.Errorf("empty input is not a tool error")
	}
	var none DecodeOutput
	call(t, cs, "decode", map[string]any{"input": "all good here"}, &none)
	if len(none.Matches) != 0 || !strings.Contains(none.Note, "Nothing was recognised") {
		t.Errorf("unrecognised input: %+v", none)
	}
}

func TestResources(t *testing.T) {
	cs := connect(t)
	ctx := context.Background()
	tmpls, err := cs.ListResourceTemplates(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(tmpls.ResourceTemplates) != 1 || tmpls.ResourceTemplates[0].URITemplate != "authcodes://{provider}/{code}" {
		t.Fatalf("templates %+v", tmpls.ResourceTemplates)
	}
	res, err := cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: "authcodes://entra/AADSTS50011"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Contents) != 1 || res.Contents[0].MIMEType != "text/markdown" {
		t.Fatalf("contents %+v", res.Contents)
	}
	doc := res.Contents[0].Text
	for _, want := range []string{"# AADSTS50011 (Microsoft Entra ID)", "https://authcodes.dev/entra/AADSTS50011/", "## Fix", "Who acts: Application developer"} {
		if !strings.Contains(doc, want) {
			t.Errorf("the resource lacks %q:\n%s", want, doc)
		}
	}
	for _, uri := range []string{"authcodes://entra/NOSUCH", "authcodes://nosuch/x"} {
		if _, err := cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: uri}); err == nil {
			t.Errorf("%s: read an entry that does not exist", uri)
		}
	}
}
