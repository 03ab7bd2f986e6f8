package decode

import "testing"

// TestSAMLLibraryMessages: an SP library's own message, printed the way its
// exception or log line carries it, names the entry for the check that
// failed. The messages are the libraries' literal texts (see the entries'
// references); ids, URLs and times are made up.
func TestSAMLLibraryMessages(t *testing.T) {
	d := testDecoder(t)
	tests := []struct {
		library, input, want string
	}{
		{"Sustainsys.Saml2", `Sustainsys.Saml2.Exceptions.UnexpectedInResponseToException: Received message _a1b2 contains unexpected InResponseTo "idc3d4". No cookie preserving state from the request was found so the message was not expected to have an InResponseTo attribute. This error typically occurs if the cookie set when doing SP-initiated sign on have been lost.`, "saml-sp/inresponseto_mismatch"},
		{"Kentor.AuthServices", `Kentor.AuthServices.Exceptions.Saml2ResponseFailedValidationException: The SAML Response is not signed and contains unsigned Assertions. Response cannot be trusted.`, "saml-sp/signature_invalid"},
		{"Sustainsys.Saml2", `Saml2ResponseFailedValidationException: Encrypted Assertions encountered but Service Certificate was not provided.`, "saml-sp/decryption_failed"},
		{"Sustainsys.Saml2", `Sustainsys.Saml2.Exceptions.NoSamlResponseFoundException: No Saml2 Response found in the http request.`, "saml-sp/invalid_binding"},
		{"ITfoxtec.Identity.Saml2", `ITfoxtec.Identity.Saml2.Saml2RequestException: There is not exactly one Assertion element. Maybe the response is encrypted (set the Saml2Configuration.DecryptionCertificate).`, "saml-sp/missing_assertion"},
		{"ITfoxtec.Identity.Saml2", `ITfoxtec.Identity.Saml2.Cryptography.InvalidSignatureException: Signature is invalid.`, "saml-sp/signature_invalid"},
		{"pysaml2", `saml2.validate.ResponseLifetimeExceed: Can't use response, too old (now=2025-05-30T10:11:12Z + slack=0 > not_on_or_after=2025-05-30T10:01:12Z`, "saml-sp/assertion_expired"},
		{"pysaml2", `saml2.validate.ToEarly: Can't use response yet: (now=2025-05-30T10:11:12Z + slack=0) <= notbefore=2025-05-30T10:15:00Z`, "saml-sp/assertion_not_yet_valid"},
		{"pysaml2", `Exception: AudienceRestrictions conditions not satisfied! (Local entity_id=https://sp.example.com/saml2/metadata/)`, "saml-sp/audience_mismatch"},
		{"pysaml2", `ERROR saml2.response destination 'https://app.example.com/saml2/acs/' not in return addresses '['http://app.example.com/saml2/acs/']'`, "saml-sp/destination_mismatch"},
		{"djangosaml2", `ERROR djangosaml2 Received SAMLResponse when no request has been made.`, "saml-sp/inresponseto_mismatch"},
		{"django-saml2-auth", `django_saml2_auth.exceptions.SAMLAuthError: No name_id in SAML response.`, "saml-sp/nameid_missing"},
		{"crewjam/saml", `2025/05/30 10:11:12 WARNING: received invalid saml response: PHNhbWxwOlJlc3BvbnNlLz4= (now: 2025-05-30 10:11:12 +0000 UTC) cannot validate signature on Response: fingerprint mismatch`, "saml-sp/idp_certificate_invalid"},
		{"crewjam/saml", "`Destination` does not match requested URL or AcsURL (destination \"https://app.example.com/saml/acs\", requested \"http://10.0.0.5:8080/saml/acs\", acs \"https://app.example.com/saml/acs\")", "saml-sp/destination_mismatch"},
		{"pac4j-saml", `org.pac4j.saml.exceptions.SAMLIssuerException: Issuer https://idp.example.org/other does not match idp entityId https://idp.example.org/metadata`, "saml-sp/issuer_mismatch"},
		{"pac4j-saml", `org.pac4j.saml.exceptions.SAMLReplayException: Rejecting replayed assertion ID '_9f8e7d'`, "saml-sp/assertion_replayed"},
		{"Spring Security SAML extension", `org.opensaml.common.SAMLException: InResponseToField of the Response doesn't correspond to sent message a1b2c3d4e5`, "saml-sp/inresponseto_mismatch"},
		{"Spring Security SAML extension", `org.springframework.security.authentication.AuthenticationServiceException: Error validating SAML message signature`, "saml-sp/signature_invalid"},
		{"Shibboleth SP", `opensaml::SecurityPolicyException at (https://sp.example.org/Shibboleth.sso/SAML2/POST): Assertion contains an unacceptable AudienceRestriction.`, "saml-sp/audience_mismatch"},
		{"Shibboleth SP", `opensaml::FatalProfileException: Incoming message contained no SAML assertions.`, "saml-sp/missing_assertion"},
		{"SimpleSAMLphp", `SimpleSAML\Error\Exception: Received an assertion that has expired. Check clock synchronization on IdP and SP.`, "saml-sp/assertion_expired"},
		{"SimpleSAMLphp", `SimpleSAML\Error\Error: METADATANOTFOUND`, "saml-sp/idp_metadata_not_found"},
		{"SimpleSAMLphp", `SimpleSAML\Error\NoState: NOSTATE`, "saml-sp/inresponseto_mismatch"},
		{"python3-saml", `onelogin.saml2.errors.OneLogin_Saml2_Error: SAML Response not found, Only supported HTTP_POST Binding`, "saml-sp/invalid_binding"},
		{"ruby-saml", `OneLogin::RubySaml::ValidationError: https://sp.example.com/saml/metadata is not a valid audience for this Response`, "saml-sp/audience_mismatch"},
		{"pysaml2", `saml2.sigver.SignatureError: Failed to verify signature`, "saml-sp/signature_invalid"},
		{"samlify", `Error: ERR_UNMATCH_ISSUER`, "saml-sp/issuer_mismatch"},
		{"samlify", "Error: ERR_FAILED_STATUS with top tier code: urn:oasis:names:tc:SAML:2.0:status:Responder, second tier code: urn:oasis:names:tc:SAML:2.0:status:AuthnFailed", "saml/AuthnFailed"},
		{"passport-wsfed-saml2", `Error: Invalid thumbprint (configured: 3A9F0C. calculated: 77B1E2)`, "saml-sp/idp_certificate_invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.library+"/"+tt.want, func(t *testing.T) {
			r, err := d.Decode(tt.input, Options{Now: testNow})
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if len(r.Matches) == 0 {
				t.Fatalf("no match; codes %v, warnings %v", r.Codes, r.Warnings)
			}
			if r.Matches[0].ID != tt.want {
				t.Errorf("first match %s, want %s (matches %v)", r.Matches[0].ID, tt.want, matchIDs(r))
			}
		})
	}
}
