package explain_test

import (
	"fmt"
	"net/http"

	"golang.org/x/oauth2"

	"github.com/authcodes/authcodes/explain"
)

// A token exchange against Microsoft Entra ID fails and the service wraps
// the error before it reaches the code that logs it. Error finds the
// *oauth2.RetrieveError down the chain and explains the body Entra sent.
func ExampleError() {
	body := `{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]}`
	var err error = &oauth2.RetrieveError{
		Response:  &http.Response{StatusCode: http.StatusUnauthorized, Status: "401 Unauthorized"},
		Body:      []byte(body),
		ErrorCode: "invalid_client",
	}
	err = fmt.Errorf("signing in user 42: %w", err)

	x, ok := explain.Error(err)
	if !ok {
		fmt.Println("not explained")
		return
	}
	fmt.Println(x.ID)
	fmt.Println(x.WhoActs)
	fmt.Println(x.URL)
	// Output:
	// entra/AADSTS7000215
	// [app_developer idp_admin]
	// https://authcodes.dev/entra/AADSTS7000215/
}

// Any error whose text carries a code is explained too: here a library
// that formats the provider's error into its own message.
func ExampleError_text() {
	err := fmt.Errorf("okta: list users: %s", "E0000011: Invalid token provided")
	if x, ok := explain.Error(err); ok {
		fmt.Println(x.ID, "-", x.ProviderName)
	}
	// Output:
	// okta/E0000011 - Okta
}

// Response explains an HTTP answer directly: its body, a redirect's
// Location or a WWW-Authenticate challenge.
func ExampleResponse() {
	resp := &http.Response{StatusCode: http.StatusUnauthorized, Header: http.Header{}}
	resp.Header.Set("WWW-Authenticate", `Bearer error="insufficient_scope", scope="read:users"`)
	if x, ok := explain.Response(resp, nil); ok {
		fmt.Println(x.ID)
		fmt.Println(x.Fix[0] != "")
	}
	// Output:
	// oauth2/insufficient_scope
	// true
}
