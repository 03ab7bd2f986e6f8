package api

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// cachePolicy says whether a route's successful answers may be cached.
type cachePolicy int

const (
	// cacheNone: Cache-Control: no-store.
	cacheNone cachePolicy = iota
	// cachePublic: shared caches may keep a 200 for maxAge and revalidate it
	// with its ETag. The body depends only on the catalog version and the
	// request's path and query, so the ETag is computed from those.
	cachePublic
)

// maxAge is how long a cacheable answer stays fresh: short, because a new
// catalog version changes answers and the site deploys often.
const maxAge = "public, max-age=300"

// response is a complete answer, computed before anything is written.
type response struct {
	status      int
	contentType string
	body        []byte
	header      http.Header
	etag        string
	cache       cachePolicy
}

// jsonResponse encodes v as the body of a response.
func jsonResponse(status int, v any) *response {
	body, err := json.Marshal(v)
	if err != nil {
		// Only a bug in this package's types can get here.
		panic(err)
	}
	return &response{status: status, contentType: "application/json", body: append(body, '\n'), header: http.Header{}}
}

// write sends the response, adding the headers every answer carries, and
// turns a matching conditional GET into a 304.
func (resp *response) write(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, v := range resp.header {
		h[k] = v
	}
	// Any origin may read the API, without credentials; the JSON is public.
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Expose-Headers", "ETag, Allow")
	h.Set("X-Content-Type-Options", "nosniff")
	status := resp.status
	switch {
	case status == http.StatusNoContent:
	case status == http.StatusOK && resp.cache == cachePublic && resp.etag != "":
		h.Set("Cache-Control", maxAge)
		h.Set("ETag", resp.etag)
		if ifNoneMatch(r.Header.Values("If-None-Match"), resp.etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	default:
		h.Set("Cache-Control", "no-store")
	}
	if resp.body != nil {
		h.Set("Content-Type", resp.contentType)
		h.Set("Content-Length", strconv.Itoa(len(resp.body)))
	}
	w.WriteHeader(status)
	// Written for HEAD too: net/http drops it, and under workerd a stream
	// promised Content-Length bytes must get them (the runtime drops them).
	w.Write(resp.body)
}

// etag identifies one answer: the catalog version, the path, and the query
// with its keys sorted (url.Values.Encode sorts them).
func etag(version, path string, query url.Values) string {
	sum := sha256.Sum256([]byte(version + "\x00" + path + "\x00" + query.Encode()))
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// ifNoneMatch reports whether If-None-Match, every line of it, matches etag
// (RFC 9110, section 13.1.2): "*", or a list of entity tags compared weakly,
// since a CDN that compresses the body may have made the ETag weak. The list
// may come on several lines, or, as the worker's glue hands it over, split
// at its commas; and an entity tag may itself hold a comma, so the list is
// read tag by tag rather than split.
func ifNoneMatch(lines []string, etag string) bool {
	for _, line := range lines {
		for rest := line; rest != ""; {
			rest = strings.TrimLeft(rest, " \t,")
			if rest == "" {
				break
			}
			if rest[0] == '*' {
				return true
			}
			weak := strings.HasPrefix(rest, "W/")
			if weak {
				rest = rest[2:]
			}
			if rest == "" || rest[0] != '"' {
				// Not an entity tag: skip to the next member.
				_, rest, _ = strings.Cut(rest, ",")
				continue
			}
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				break // an unterminated tag matches nothing
			}
			if rest[:end+2] == etag {
				return true
			}
			rest = rest[end+2:]
		}
	}
	return false
}
