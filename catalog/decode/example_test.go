package decode_test

import (
	"fmt"
	"time"

	"github.com/authcodes/authcodes/catalog/decode"
)

// A callback URL from Microsoft Entra ID: the provider is recognised from
// error_uri's host and the AADSTS code, and the Entra entry comes before the
// standard one it travels with. The authorization code is masked.
func ExampleDecode() {
	url := "https://app.example.com/callback?error=invalid_request" +
		"&error_description=AADSTS50011%3a+The+redirect+URI+does+not+match" +
		"&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d50011"
	r, err := decode.Decode(url, decode.Options{Now: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("provider:", r.Provider)
	for _, m := range r.Matches {
		fmt.Println("match:", m.ID)
	}
	for _, w := range r.Warnings {
		fmt.Println("warning:", w.Code)
	}
	// Output:
	// provider: entra
	// match: entra/AADSTS50011
	// match: entra/invalid_request
	// match: oauth2/invalid_request
	// warning: state_missing
}

// MaskInput keeps a pasted input whole except for its credentials, so that
// it can be shared.
func ExampleMaskInput() {
	fmt.Println(decode.MaskInput("https://app.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz"))
	// Output:
	// https://app.example.com/cb?code=Splxl%E2%80%A6%5Bmasked%2C+22+chars%5D&state=xyz
}
