package decode

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
)

// harFixture was recorded from headless Chromium by build/har_test.go
// (go test ./build -run TestHARFromChromium -regenerate-har): an app and an
// Entra-like identity provider on 127.0.0.1; the sign-in succeeds, the code
// is exchanged from the page, then a request for an admin scope comes back
// with AADSTS50105.
const harFixture = "testdata/har/entra-aadsts50105.har"

func readHARFixture(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(harFixture)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDecodeHARFixture: the steps of the sign-in, the failing one, and its
// Entra code first.
func TestDecodeHARFixture(t *testing.T) {
	har := readHARFixture(t)
	d := testDecoder(t)
	r, err := d.DecodeHAR(context.Background(), bytes.NewReader(har), HAROptions{})
	if err != nil {
		t.Fatal(err)
	}
	var roles []StepRole
	for _, s := range r.Steps {
		roles = append(roles, s.Role)
	}
	want := []StepRole{StepApp, StepAuthorize, StepIdP, StepCallback, StepToken, StepApp, StepAuthorize, StepCallback}
	if !slices.Equal(roles, want) {
		t.Errorf("steps %v, want %v", roles, want)
	}
	if r.Kind != KindHAR || r.FailedStep != 7 || !r.Steps[6].Failed {
		t.Fatalf("kind %s, failed step %d; want har, 7 (the second authorization request)", r.Kind, r.FailedStep)
	}
	if len(r.Matches) == 0 || r.Matches[0].ID != "entra/AADSTS50105" || r.Provider != "entra" {
		t.Errorf("provider %s, matches %v; want entra/AADSTS50105 first", r.Provider, r.Matches)
	}
	if !slices.Contains(r.Steps[6].Codes, "AADSTS50105") || r.Steps[0].Failed {
		t.Errorf("steps %+v", r.Steps)
	}
	if got := r.Steps[2].SetCookies; !slices.Equal(got, []string{"ESTSAUTH"}) {
		t.Errorf("the sign-in step sets cookies %v, want their names only", got)
	}
	out, _ := json.Marshal(r)
	for _, s := range harSecretValues(t, har) {
		if bytes.Contains(out, []byte(s)) {
			t.Errorf("the result shows the secret %q", s)
		}
	}
	// The same through Decode, as the API and the page paste it.
	r2, err := d.Decode(string(har), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r2.Kind != KindHAR || r2.FailedStep != 7 || r2.Matches[0].ID != "entra/AADSTS50105" {
		t.Errorf("Decode of the HAR as text: kind %s, failed step %d", r2.Kind, r2.FailedStep)
	}
}

// TestDecodeHARErrorPage: the second recording, an authorization request
// whose redirect_uri is not registered: the identity provider shows
// AADSTS50011 on its own page. With the app's configured redirect URI the
// diagnosis says how they differ, and the cause it supports comes first.
func TestDecodeHARErrorPage(t *testing.T) {
	har, err := os.ReadFile("testdata/har/entra-aadsts50011.har")
	if err != nil {
		t.Fatal(err)
	}
	var app string
	for _, e := range harEntries(t, har) {
		if u, err := url.Parse(e.Request.URL); err == nil && strings.HasSuffix(u.Path, "/wrong") {
			app = u.Scheme + "://" + u.Host
		}
	}
	r, err := testDecoder(t).DecodeHAR(context.Background(), bytes.NewReader(har), HAROptions{Options: Options{Expect: map[string]string{"redirect_uri": app + "/signin-oidc"}}})
	if err != nil {
		t.Fatal(err)
	}
	if r.FailedStep != 2 || r.Steps[1].Role != StepAuthorize || r.Matches[0].ID != "entra/AADSTS50011" {
		t.Fatalf("failed step %d (%+v), first match %v", r.FailedStep, r.Steps, r.Matches)
	}
	if len(r.Diagnosis) == 0 || !slices.Equal(r.Diagnosis[0].Differences, []string{"trailing slash"}) {
		t.Errorf("diagnosis %+v, want the trailing slash", r.Diagnosis)
	}
	if c := r.Matches[0].Causes; len(c) == 0 || !strings.HasPrefix(c[0].Text, "The redirect URI differs slightly") || len(c[0].Evidence) == 0 {
		t.Errorf("causes %+v, want the small difference first, with its evidence", c)
	}
}

// TestDecodeHARExpect: expectations are checked against the failing step.
func TestDecodeHARExpect(t *testing.T) {
	har := readHARFixture(t)
	r, err := testDecoder(t).DecodeHAR(context.Background(), bytes.NewReader(har), HAROptions{Options: Options{Expect: map[string]string{"client_id": "11111111-2222-3333-4444-555555555556"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Diagnosis) != 1 || r.Diagnosis[0].Differences[0] != "value" {
		t.Errorf("diagnosis %+v", r.Diagnosis)
	}
}

// harSecretValues collects every secret a HAR carries, by where HAR puts
// them: cookie values, Authorization headers, parameters and form fields
// whose names are credentials' or passwords', and the tokens of JSON
// bodies and page forms.
func harSecretValues(t testing.TB, har []byte) []string {
	t.Helper()
	seen := map[string]bool{}
	var out []string
	add := func(v string) {
		v = strings.TrimSpace(v)
		if len(v) >= minScrub && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	addParams := func(raw string) {
		for _, p := range splitParams(raw) {
			if secretKind(p.name, inParams) != notSecret && !shownUnder(secretKind(p.name, inParams), p.value) {
				add(p.value)
			}
		}
	}
	for _, e := range harEntries(t, har) {
		for _, hs := range [][]harHeader{e.Request.Headers, e.Response.Headers} {
			for _, h := range hs {
				switch strings.ToLower(h.Name) {
				case "cookie", "set-cookie":
					for _, c := range strings.Split(h.Value, ";") {
						if name, v, ok := strings.Cut(c, "="); ok && !cookieAttributes[normName(strings.TrimSpace(name))] {
							add(v)
						}
					}
				case "authorization":
					_, v, _ := strings.Cut(h.Value, " ")
					add(v)
				}
			}
		}
		for _, u := range []string{e.Request.URL, e.Response.RedirectURL} {
			if _, q, ok := strings.Cut(u, "?"); ok {
				addParams(q)
			}
		}
		if pd := e.Request.PostData; pd != nil {
			addParams(pd.Text)
		}
		body := e.Response.Content.Text
		if strings.HasPrefix(strings.TrimSpace(body), "{") {
			leaves, _, err := parseJSON(body)
			if err == nil {
				for _, l := range leaves {
					if isSecretName(l.key, inJSON) {
						add(l.value)
						if i := strings.LastIndexByte(l.value, '.'); looksJWT(l.value) && i > 0 {
							add(l.value[i+1:]) // a JWT's signature
						}
					}
				}
			}
		}
		for _, tag := range inputTag().FindAllString(body, -1) {
			field := url.Values{}
			var name string
			for _, m := range inputAttrPart().FindAllStringSubmatch(tag, -1) {
				if v := m[2][1 : len(m[2])-1]; m[1] == "name" {
					name = v
				} else if m[1] == "value" {
					field.Set("value", v)
				}
			}
			addParams(url.Values{name: {field.Get("value")}}.Encode())
		}
	}
	return out
}

// TestSanitizeHARFixture: no cookie, password, code or token of the
// recording survives, the output is still a HAR with every entry, and
// what explains the failure stays.
func TestSanitizeHARFixture(t *testing.T) {
	har := readHARFixture(t)
	secrets := harSecretValues(t, har)
	for _, must := range []string{"Tr0ub4dor&3-horse-battery", "1.AUcA-authcode-Q2w3E4r5T6y7U8i9O0pA1sD2fG3hJ4kL5zX6cV7bN8m", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
		"AQABIQEAAAB-flowToken-7yH2kL9mN4pQ1rS6tU3vW8xZ0", "0.AUcA-ESTSAUTH-m9Kp2Lq7Rs4Tv1Wx8Yz3Ab6Cd0Ef5Gh", "1.AUcA-refresh-M0nB9vC8xZ7lK6jH5gF4dS3aP2oI1uY0"} {
		if !slices.Contains(secrets, must) {
			t.Errorf("the collection of the fixture's secrets misses %q: the test would prove less than it says", must)
		}
	}
	if len(secrets) < 12 {
		t.Errorf("only %d secrets collected from the fixture", len(secrets))
	}
	var out bytes.Buffer
	if err := SanitizeHAR(context.Background(), &out, bytes.NewReader(har), HAROptions{}); err != nil {
		t.Fatal(err)
	}
	clean := harStrings(t, out.Bytes())
	for _, s := range secrets {
		for _, form := range []string{s, url.QueryEscape(s)} {
			if strings.Contains(clean, form) {
				t.Errorf("the sanitized HAR still holds %q", form)
			}
		}
	}
	for _, keep := range []string{"AADSTS50105", "error_description", "redirect_uri", "ESTSAUTH", "Sign in to your account"} {
		if !strings.Contains(clean, keep) {
			t.Errorf("the sanitized HAR lost %q, which explains the failure", keep)
		}
	}
	if loginField(t, out.Bytes()) == "user@example.com" {
		t.Errorf("the sanitized HAR keeps the login name of the sign-in form; only KeepPersonal keeps it")
	}
	// Still a HAR, and it decodes to the same explanation.
	r, err := testDecoder(t).DecodeHAR(context.Background(), bytes.NewReader(out.Bytes()), HAROptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.FailedStep != 7 || r.Matches[0].ID != "entra/AADSTS50105" {
		t.Errorf("the sanitized HAR decodes to failed step %d, %v", r.FailedStep, r.Matches)
	}
	var in, got struct {
		Log struct {
			Version string            `json:"version"`
			Creator map[string]string `json:"creator"`
			Entries []json.RawMessage `json:"entries"`
		} `json:"log"`
	}
	json.Unmarshal(har, &in)
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Log.Version != "1.2" || got.Log.Creator["name"] == "" || len(got.Log.Entries) != len(in.Log.Entries) {
		t.Errorf("sanitized: version %q, creator %v, %d entries of %d", got.Log.Version, got.Log.Creator, len(got.Log.Entries), len(in.Log.Entries))
	}
	// KeepPersonal keeps the login name, never a credential.
	out.Reset()
	if err := SanitizeHAR(context.Background(), &out, bytes.NewReader(har), HAROptions{KeepPersonal: true}); err != nil {
		t.Fatal(err)
	}
	if loginField(t, out.Bytes()) != "user@example.com" || strings.Contains(harStrings(t, out.Bytes()), "Tr0ub4dor&3-horse-battery") {
		t.Errorf("KeepPersonal: the login name should stay and the password go")
	}
}

// harEntries reads a HAR's entries as the decoder sees them.
func harEntries(t testing.TB, har []byte) []harEntry {
	t.Helper()
	var doc struct {
		Log struct {
			Entries []harEntry `json:"entries"`
		} `json:"log"`
	}
	if err := json.Unmarshal(har, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Log.Entries
}

// loginField returns the login field of the HAR's sign-in form post.
func loginField(t testing.TB, har []byte) string {
	t.Helper()
	for _, e := range harEntries(t, har) {
		if pd := e.Request.PostData; pd != nil {
			for _, p := range pd.Params {
				if p.Name == "login" {
					if q, _ := url.ParseQuery(pd.Text); q.Get("login") != p.Value {
						t.Errorf("the form's text has login %q, its params %q", q.Get("login"), p.Value)
					}
					return p.Value
				}
			}
		}
	}
	t.Fatal("no sign-in form post in the HAR")
	return ""
}

// harStrings returns every string of a JSON document, unescaped, one a line.
func harStrings(t testing.TB, doc []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			b.WriteString(x)
			b.WriteByte('\n')
		case map[string]any:
			for k, y := range x {
				b.WriteString(k + "\n")
				walk(y)
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		}
	}
	walk(v)
	return b.String()
}

// TestHARBadInput: a HAR over the limit, cut off, or not a HAR at all gets
// a clear error.
func TestHARBadInput(t *testing.T) {
	har := readHARFixture(t)
	d := testDecoder(t)
	for _, c := range []struct {
		name  string
		input []byte
		max   int64
		err   error
		says  string
		// sanitizable: SanitizeHAR reads any JSON in the HAR's shape.
		sanitizable bool
	}{
		{"over the limit", har, 10 << 10, ErrTooLarge, "HAR: the HAR file is over the size limit: it is larger than 10 KiB", false},
		{"a byte over the limit", har, int64(len(bytes.TrimSpace(har)) - 1), ErrHARTooLarge, "larger than", false},
		{"cut off", har[:len(har)/2], 0, ErrMalformed, "ends early", false},
		{"not JSON", []byte(`{"log": {"entries": [}`), 0, ErrMalformed, "JSON", false},
		{"no entries", []byte(`{"log": {"version": "1.2"}}`), 0, ErrMalformed, "no log.entries", false},
		{"entries not a list", []byte(`{"log": {"entries": {}}}`), 0, ErrMalformed, "not a list", false},
		{"wrong types", []byte(`{"log": {"entries": [{"request": {"url": 5}}]}}`), 0, ErrMalformed, "wrong type", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := d.DecodeHAR(context.Background(), bytes.NewReader(c.input), HAROptions{MaxBytes: c.max})
			if !errors.Is(err, c.err) || !strings.Contains(err.Error(), c.says) {
				t.Errorf("DecodeHAR: %v, want %v saying %q", err, c.err, c.says)
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Errorf("%T is not an *InputError", err)
			}
			err = SanitizeHAR(context.Background(), &bytes.Buffer{}, bytes.NewReader(c.input), HAROptions{MaxBytes: c.max})
			if c.sanitizable && err != nil || !c.sanitizable && !errors.Is(err, c.err) {
				t.Errorf("SanitizeHAR: %v, want %v", err, c.err)
			}
		})
	}
	if _, err := d.DecodeHAR(context.Background(), bytes.NewReader(har), HAROptions{MaxBytes: int64(len(har))}); err != nil {
		t.Errorf("a HAR exactly at the limit: %v", err)
	}
	if errors.Is(ErrHARTooLarge, ErrEmpty) || !errors.Is(ErrHARTooLarge, ErrTooLarge) {
		t.Error("ErrHARTooLarge must wrap ErrTooLarge")
	}
}

// TestDecodeHARStopsWhenCancelled: a cancelled context stops the reading.
func TestDecodeHARStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := testDecoder(t).DecodeHAR(ctx, bytes.NewReader(readHARFixture(t)), HAROptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestSanitizeHARSAML: a SAML response posted to the ACS (form body and
// params, and the IdP's auto-submitting page) keeps its content but loses
// its signature value, and, unless KeepPersonal, its subject and attribute
// values; the sanitized message still decodes.
func TestSanitizeHARSAML(t *testing.T) {
	const sig = "U2lnbmF0dXJlVmFsdWVTaWduYXR1cmVWYWx1ZQ=="
	xml := strings.Replace(personalSAML, "</saml:Issuer>", `</saml:Issuer><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignatureValue>`+sig+`</ds:SignatureValue></ds:Signature>`, 1)
	blob := base64.StdEncoding.EncodeToString([]byte(xml))
	form := url.Values{"SAMLResponse": {blob}, "RelayState": {"/home"}}.Encode()
	page := `<html><body onload="document.forms[0].submit()"><form method="post" action="https://sp.example.com/acs"><input type="hidden" name="SAMLResponse" value="` + blob + `"><input type="hidden" name="RelayState" value="/home"></form></body></html>`
	entry := func(req, resp map[string]any) map[string]any { return map[string]any{"request": req, "response": resp} }
	doc := map[string]any{"log": map[string]any{"version": "1.2", "creator": map[string]any{"name": "test", "version": "1"}, "entries": []any{
		entry(map[string]any{"method": "POST", "url": "https://idp.example.org/sso", "headers": []any{}},
			map[string]any{"status": 200, "headers": []any{}, "content": map[string]any{"mimeType": "text/html", "text": page}}),
		entry(map[string]any{"method": "POST", "url": "https://sp.example.com/acs", "headers": []any{},
			"postData": map[string]any{"mimeType": "application/x-www-form-urlencoded", "text": form, "params": []any{map[string]any{"name": "SAMLResponse", "value": blob}}}},
			map[string]any{"status": 302, "headers": []any{map[string]any{"name": "Location", "value": "https://sp.example.com/error"}}, "content": map[string]any{}}),
	}}}
	har, _ := json.Marshal(doc)
	for _, keep := range []bool{false, true} {
		var out bytes.Buffer
		if err := SanitizeHAR(context.Background(), &out, bytes.NewReader(har), HAROptions{KeepPersonal: keep}); err != nil {
			t.Fatal(err)
		}
		all := harStrings(t, out.Bytes())
		// Every SAMLResponse in the output, decoded.
		var messages []string
		for _, line := range strings.Split(all, "\n") {
			for _, v := range []string{line, strings.TrimPrefix(line, "SAMLResponse=")} {
				if q, err := url.ParseQuery(v); err == nil && q.Has("SAMLResponse") {
					v = q.Get("SAMLResponse")
				}
				if b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(v)); err == nil && strings.Contains(string(b), "samlp:Response") {
					messages = append(messages, string(b))
				}
			}
		}
		for _, tag := range inputTag().FindAllString(all, -1) {
			if q := formPostFields(tag); q != "" {
				v, _ := url.ParseQuery(q)
				if b, err := base64.StdEncoding.DecodeString(v.Get("SAMLResponse")); err == nil {
					messages = append(messages, string(b))
				}
			}
		}
		if len(messages) < 3 {
			t.Fatalf("keep %v: %d SAML messages left in the output, want the page's, the form's and the params'", keep, len(messages))
		}
		for _, m := range messages {
			if strings.Contains(m, sig) {
				t.Errorf("keep %v: a signature value survives", keep)
			}
			if strings.Contains(m, "jane.doe@contoso.com") != keep {
				t.Errorf("keep %v: the NameID shows %v", keep, strings.Contains(m, "jane.doe@contoso.com"))
			}
			if !strings.Contains(m, "AuthnFailed") {
				t.Errorf("keep %v: the status, which explains the failure, is gone", keep)
			}
		}
	}
}
