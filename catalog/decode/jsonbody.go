package decode

import (
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
)

// leaf is one scalar of a JSON value, with its path.
type leaf struct {
	path  string // "errorCauses[0].errorSummary"
	key   string // the nearest object key: "errorSummary"
	value string
	str   bool // a JSON string (not a number, boolean or null)
	top   bool // a member of the outermost object
}

// maxLeaves bounds how many scalars of one JSON value are kept.
const maxLeaves = 2000

// parseJSON reads the first JSON value of text into leaves, bounding its
// depth, and returns the number of bytes it took.
func parseJSON(text string) ([]leaf, int, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var leaves []leaf
	if err := walkJSON(dec, "", "", 0, &leaves); err != nil {
		return nil, 0, err
	}
	return leaves, int(dec.InputOffset()), nil
}

func walkJSON(dec *json.Decoder, path, key string, depth int, out *[]leaf) error {
	if depth > MaxDepth {
		return ErrTooDeep
	}
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return err
				}
				k, _ := kt.(string)
				// A name is shown cut to maxFieldName: cut here, or a long
				// key would be copied into the path of every leaf under it.
				k = cut(k, maxFieldName)
				p := k
				if path != "" {
					p = cut(path+"."+k, maxFieldName)
				}
				if err := walkJSON(dec, p, k, depth+1, out); err != nil {
					return err
				}
			}
		} else {
			for i := 0; dec.More(); i++ {
				if err := walkJSON(dec, path+"["+strconv.Itoa(i)+"]", key, depth+1, out); err != nil {
					return err
				}
			}
		}
		_, err := dec.Token() // the closing } or ]
		return err
	default:
		if len(*out) >= maxLeaves {
			return nil
		}
		l := leaf{path: path, key: key, top: depth == 1}
		switch v := t.(type) {
		case string:
			l.value, l.str = v, true
		case json.Number:
			l.value = v.String()
		case bool:
			l.value = strconv.FormatBool(v)
		case nil:
			l.value = "null"
		}
		*out = append(*out, l)
	}
	return nil
}

// jsonError explains a JSON syntax error to a person.
func jsonError(part string, err error, text string) error {
	if errors.Is(err, ErrTooDeep) {
		return &InputError{Part: part, Err: ErrTooDeep}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return inputError(part, ErrMalformed, "the JSON ends after %d bytes before it is complete; was it cut off when copied?", len(text))
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return inputError(part, ErrMalformed, "JSON syntax error at byte %d: %s", se.Offset, strings.TrimPrefix(se.Error(), "json: "))
	}
	return inputError(part, ErrMalformed, "%v", err)
}

// decodeJSONInput decodes an input that starts with a JSON value; any text
// after it (a log line's tail) is scanned too.
func (s *session) decodeJSONInput(in string) error {
	leaves, end, err := parseJSON(in)
	if err != nil {
		return jsonError("JSON body", err, in)
	}
	s.part(KindJSON)
	s.useBody(leaves)
	if rest := strings.TrimSpace(in[end:]); rest != "" {
		s.scanText(rest)
	}
	return nil
}

var arrayIndex = lazyRegexp(`\[\d+\]$`)

// showLeaves records leaves as fields under prefix, writing a list of
// scalars (aud, error_codes) as one field.
func (s *session) showLeaves(prefix string, leaves []leaf, ctx nameContext, format func(leaf) (string, bool)) {
	for i := 0; i < len(leaves); {
		l := leaves[i]
		base := arrayIndex().ReplaceAllString(l.path, "")
		j := i + 1
		if base != l.path && !strings.Contains(l.path[len(base):], ".") {
			for j < len(leaves) && arrayIndex().ReplaceAllString(leaves[j].path, "") == base && leaves[j].path != base {
				j++
			}
		}
		if j-i > 1 || base != l.path {
			vals := make([]string, 0, j-i)
			masked := false
			for _, m := range leaves[i:j] {
				v, did := maskField(m.key, m.value, ctx)
				vals = append(vals, v)
				masked = masked || did
			}
			s.putField(prefix+base, strings.ToValidUTF8(strings.Join(vals, ", "), "\uFFFD"), masked)
		} else if shown, ok := format(l); ok {
			s.putField(prefix+l.path, strings.ToValidUTF8(shown, "\uFFFD"), false)
		} else {
			s.addField(prefix+l.path, l.value, ctx)
		}
		i = j
	}
}

func noFormat(leaf) (string, bool) { return "", false }

// scimErrorSchema marks a SCIM error body (RFC 7644, section 3.12).
const scimErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error"

// useBody reads a JSON body: an OAuth token endpoint error or success,
// Entra's, Okta's, Auth0's, Cognito's error bodies, a SCIM error, or any
// JSON log record.
func (s *session) useBody(leaves []leaf) {
	// A token request sent as JSON carries a form's fields: its code is
	// the authorization code, a credential, not an error code.
	tokenRequest := leafValue(leaves, "grant_type") != ""
	ctx := inJSON
	if tokenRequest {
		ctx = inParams
	}
	s.showLeaves("", leaves, ctx, noFormat)
	var top []string
	set := &paramSet{where: "body", names: map[string]string{}}
	for _, l := range leaves {
		if l.top && (len(top) == 0 || top[len(top)-1] != l.key) {
			top = append(top, l.key)
		}
		if l.top && !set.has(l.key) {
			set.names[l.key] = l.value
		}
		if !(tokenRequest && l.top && l.key == "code") {
			s.bodyLeaf(l)
		}
	}
	s.noteShape(top, s.rec.fields, ByBodyFields)
	// A provider's logged event is often pasted as JSON (Keycloak's admin
	// events API, a JSON log line): its fields say whose log it is.
	s.noteLogFields(set)
	if set.has("access_token") || set.has("id_token") || tokenRequest {
		s.responses = append(s.responses, set)
	}
}

// bodyLeaf picks codes, issuers and URLs out of one scalar of a body.
func (s *session) bodyLeaf(l leaf) {
	if !l.str {
		if l.key == "error_codes" {
			s.addNumericCodes(l.key, l.value)
		}
		return
	}
	switch l.key {
	case "error":
		rank := 1
		if l.top {
			rank = 2
			s.shapes[shapeOAuth] = "an OAuth 2.0 error body (error field)"
		}
		s.addCode(codeWord(l.value), "", l.path, rank)
	case "error_codes":
		s.addNumericCodes(l.key, l.value)
	case "error_code", "code":
		s.addCode(codeWord(l.value), "", l.path, 1)
	case "name":
		if l.top {
			s.addCode(codeWord(l.value), "", l.path, 1)
		}
	case "iss", "issuer":
		s.noteIssuer(l.path, l.value)
	case "error_uri", "errorLink", "authorization_uri", "token_endpoint", "authorization_endpoint":
		s.noteURL(l.path, l.value)
	case "schemas":
		if l.value == scimErrorSchema {
			s.shapes[shapeSCIM] = "a SCIM 2.0 error body (schemas " + scimErrorSchema + ")"
		}
	default:
		if s.rec.codeFields[l.key] {
			// A qualified name keeps the code last: Cognito's
			// "com.amazonaws...#NotAuthorizedException".
			v := l.value
			if i := strings.LastIndexByte(v, '#'); i >= 0 {
				v = v[i+1:]
			}
			s.addCode(codeWord(v), "", l.path, 1)
		}
	}
	if looksJWT(l.value) {
		s.nestedJWT(l.path, l.value)
	}
}
