package explain

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"golang.org/x/oauth2"
)

// hidingError wraps a cause without repeating its text, as some libraries do.
type hidingError struct{ cause error }

func (e hidingError) Error() string { return "request failed" }
func (e hidingError) Unwrap() error { return e.cause }

func entraBody(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/entra_invalid_client.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestError(t *testing.T) {
	body := entraBody(t)
	resp401 := &http.Response{StatusCode: 401, Status: "401 Unauthorized"}
	retrieve := &oauth2.RetrieveError{Response: resp401, Body: body, ErrorCode: "invalid_client"}
	cases := []struct {
		name string
		err  error
		want string // "" when nothing is explained
	}{
		{"retrieve error", retrieve, "entra/AADSTS7000215"},
		{"wrapped twice", fmt.Errorf("login: %w", fmt.Errorf("exchange: %w", retrieve)), "entra/AADSTS7000215"},
		{"joined", errors.Join(errors.New("cleanup failed"), retrieve), "entra/AADSTS7000215"},
		{"behind a wrapper that hides its text", hidingError{retrieve}, "entra/AADSTS7000215"},
		{"fields only, body gone", &oauth2.RetrieveError{Response: resp401, ErrorCode: "invalid_grant",
			ErrorDescription: "AADSTS70008: The provided authorization code or refresh token has expired"}, "entra/AADSTS70008"},
		// Error() of this value dereferences the nil Response: never called.
		{"no response, body only", &oauth2.RetrieveError{Body: body}, "entra/AADSTS7000215"},
		{"body cut off, fields kept", &oauth2.RetrieveError{Response: resp401, Body: body[:60], ErrorCode: "invalid_client",
			ErrorDescription: "AADSTS7000215: Invalid client secret provided."}, "entra/AADSTS7000215"},
		{"standard code only", &oauth2.RetrieveError{Response: resp401, Body: []byte(`{"error":"invalid_grant"}`), ErrorCode: "invalid_grant"}, "oauth2/invalid_grant"},
		{"form-encoded body", &oauth2.RetrieveError{Response: &http.Response{Status: "200 OK"},
			Body: []byte("error=invalid_grant&error_description=AADSTS70008%3A+expired"), ErrorCode: "invalid_grant"}, "entra/AADSTS70008"},
		{"code in the text", fmt.Errorf("saml: %w", errors.New("status urn:oasis:names:tc:SAML:2.0:status:AuthnFailed")), "saml/AuthnFailed"},
		{"okta message", errors.New("okta: 401: E0000011 Invalid token provided"), "okta/E0000011"},
		{"nil", nil, ""},
		{"nothing known", errors.New("connection reset by peer"), ""},
		{"panicking Error", &oauth2.RetrieveError{}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x, ok := Error(c.err)
			switch {
			case c.want == "" && ok:
				t.Fatalf("explained as %s, want nothing", x.ID)
			case c.want == "":
			case !ok:
				t.Fatalf("not explained, want %s", c.want)
			case x.ID != c.want:
				t.Fatalf("explained as %s, want %s", x.ID, c.want)
			}
		})
	}
}

func TestExplanationFields(t *testing.T) {
	x, ok := Error(&oauth2.RetrieveError{Body: entraBody(t)})
	if !ok {
		t.Fatal("not explained")
	}
	if x.Code != "AADSTS7000215" || x.Provider != "entra" || x.ProviderName != "Microsoft Entra ID" {
		t.Errorf("code %q provider %q %q", x.Code, x.Provider, x.ProviderName)
	}
	if x.Standard != "oauth2/invalid_client" || x.HTTPStatus != 401 {
		t.Errorf("standard %q status %d", x.Standard, x.HTTPStatus)
	}
	if x.Title == "" || x.Summary == "" || len(x.WhoActs) == 0 || len(x.Fix) == 0 {
		t.Errorf("missing facts: %+v", x)
	}
	if x.URL != "https://authcodes.dev/entra/AADSTS7000215/" {
		t.Errorf("URL %q", x.URL)
	}
	if x.Entry == nil || x.Result == nil || x.Result.Matches[0].ID != x.ID {
		t.Errorf("entry or decoder result missing")
	}
	if x.Result.Provider != "entra" {
		t.Errorf("decoder's provider %q", x.Result.Provider)
	}
	if s := x.String(); !strings.HasPrefix(s, "entra/AADSTS7000215: ") || !strings.Contains(s, x.URL) {
		t.Errorf("String %q", s)
	}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("sign-in failed", "explain", x)
	if !strings.Contains(buf.String(), "explain.id=entra/AADSTS7000215") || !strings.Contains(buf.String(), "explain.who_acts=app_developer,idp_admin") {
		t.Errorf("slog line %q", buf.String())
	}
}

// Credentials in what is explained never come back: the decoder masks them.
func TestSecretsAreMasked(t *testing.T) {
	const secret = "Zk8Q~abcdefghijklmnopqrstuvwxyz0123456789"
	err := fmt.Errorf("POST /token grant_type=client_credentials&client_secret=%s: %w", secret,
		errors.New("AADSTS7000215: Invalid client secret provided."))
	x, ok := Error(err)
	if !ok {
		t.Fatal("not explained")
	}
	if len(x.Result.Masked) == 0 {
		t.Errorf("nothing masked in %v", x.Result.Fields)
	}
	for _, f := range x.Result.Fields {
		if strings.Contains(f.Value, secret) {
			t.Errorf("field %s shows the secret: %q", f.Name, f.Value)
		}
	}
}

func TestResponse(t *testing.T) {
	redirect := &http.Response{StatusCode: http.StatusFound, Header: http.Header{"Location": {
		"https://app.example.com/callback?error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent&state=abc"}}}
	challenge := &http.Response{StatusCode: http.StatusUnauthorized, Header: http.Header{"Www-Authenticate": {
		`Basic realm="api"`, `Bearer error="invalid_token", error_description="The access token expired"`}}}
	cases := []struct {
		name string
		resp *http.Response
		body string
		want string
	}{
		{"json body", &http.Response{StatusCode: 401}, string(entraBody(t)), "entra/AADSTS7000215"},
		{"body without a response", nil, `{"errorCode":"E0000011","errorSummary":"Invalid token provided"}`, "okta/E0000011"},
		{"redirect", redirect, "", "entra/AADSTS65004"},
		{"second challenge", challenge, "", "oauth2/invalid_token"},
		{"html page, header explains", challenge, "<html><body>Unauthorized</body></html>", "oauth2/invalid_token"},
		{"nothing", &http.Response{StatusCode: 500, Header: http.Header{}}, "internal error", ""},
		{"nil and empty", nil, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x, ok := Response(c.resp, []byte(c.body))
			got := ""
			if ok {
				got = x.ID
			}
			if got != c.want {
				t.Fatalf("explained as %q, want %q", got, c.want)
			}
		})
	}
}

func TestLongInputIsClipped(t *testing.T) {
	long := "AADSTS50011 " + strings.Repeat("é", 200_000)
	if x, ok := Error(errors.New(long)); !ok || x.ID != "entra/AADSTS50011" {
		t.Fatalf("got %v, %v", x, ok)
	}
}

func TestOrigin(t *testing.T) {
	cat := embeddedCatalog(t)
	x, ok := New(cat, "http://127.0.0.1:8080/").Error(errors.New("AADSTS50011"))
	if !ok || x.URL != "http://127.0.0.1:8080/entra/AADSTS50011/" {
		t.Fatalf("got %v %v", x, ok)
	}
}

// TestRealTokenExchange runs golang.org/x/oauth2 against a token endpoint on
// loopback that answers as Entra does for a wrong client secret, and
// explains the error the library returns, wrapped as a service would.
func TestRealTokenExchange(t *testing.T) {
	body := entraBody(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusUnauthorized)
		w.Write(body)
	}))
	defer srv.Close()
	conf := &oauth2.Config{
		ClientID: "11111111-2222-3333-4444-555555555555", ClientSecret: "not-the-secret-value",
		Endpoint: oauth2.Endpoint{AuthURL: srv.URL + "/authorize", TokenURL: srv.URL + "/token"},
	}
	_, err := conf.Exchange(context.Background(), "the-authorization-code")
	if err == nil {
		t.Fatal("the exchange succeeded")
	}
	x, ok := Error(fmt.Errorf("callback: %w", err))
	if !ok || x.ID != "entra/AADSTS7000215" {
		t.Fatalf("explained %v %v, want entra/AADSTS7000215 (error: %v)", x, ok, err)
	}
}
