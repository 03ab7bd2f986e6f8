// Package bighar builds large HAR files for measuring the decoder: a
// recorded sign-in, repeated, among the script chunks (most of the bytes)
// and JSON API calls a busy single-page app's export holds. They are built
// rather than stored: tens of megabytes from a few lines.
package bighar

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Build returns a HAR of about size bytes whose sign-in entries are those
// of recorded, a HAR.
func Build(recorded []byte, size int) ([]byte, error) {
	var doc struct {
		Log struct {
			Entries []json.RawMessage `json:"entries"`
		} `json:"log"`
	}
	if err := json.Unmarshal(recorded, &doc); err != nil {
		return nil, err
	}
	if len(doc.Log.Entries) == 0 {
		return nil, fmt.Errorf("the recorded HAR has no entries")
	}
	script, _ := json.Marshal(strings.Repeat("function f(a){return a.map(function(x){return x*2})}\n", 4000)) // ~200 KB
	var items []string
	for i := range 200 {
		items = append(items, fmt.Sprintf(`{"id":%d,"name":"item %d","tags":["a","b"],"owner":{"id":"u-%d","display":"User %d"}}`, i, i, i, i))
	}
	api, _ := json.Marshal(`{"items":[` + strings.Join(items, ",") + `],"next":"/api/items?page=2"}`)
	var b bytes.Buffer
	b.WriteString(`{"log":{"version":"1.2","creator":{"name":"authcodes bighar","version":"1"},"pages":[],"entries":[`)
	cycle := len(doc.Log.Entries) + 24
	for n := 0; b.Len() < size; n++ {
		if n > 0 {
			b.WriteByte(',')
		}
		switch i := n % cycle; {
		case i < len(doc.Log.Entries):
			b.Write(doc.Log.Entries[i])
		case n%3 == 0:
			fmt.Fprintf(&b, `{"startedDateTime":"2026-06-01T12:00:00Z","time":1,"request":{"method":"GET","url":"https://app.example.com/api/items?page=%d","headers":[{"name":"Authorization","value":"Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXBhcnQ%d"}],"queryString":[],"cookies":[]},"response":{"status":200,"headers":[],"cookies":[],"content":{"size":%d,"mimeType":"application/json","text":%s}},"_resourceType":"xhr"}`, n, n, len(api)-2, api)
		default:
			fmt.Fprintf(&b, `{"startedDateTime":"2026-06-01T12:00:00Z","time":1,"request":{"method":"GET","url":"https://app.example.com/static/chunk-%d.js","headers":[],"queryString":[],"cookies":[]},"response":{"status":200,"headers":[],"cookies":[],"content":{"size":%d,"mimeType":"application/javascript","text":%s}},"_resourceType":"script"}`, n, len(script)-2, script)
		}
	}
	b.WriteString(`]}}`)
	return b.Bytes(), nil
}
