//go:build js && wasm

package main

import (
	"bytes"
	"net/http"
	"syscall/js"
)

// rawBodyWriter is implemented by syumai/workers' ResponseWriter: the body
// given to it becomes the JavaScript Response's body as it is.
type rawBodyWriter interface {
	WriteRawJSBody(body js.Value)
}

// wholeBodies answers with each body as one Uint8Array instead of the
// stream that syumai/workers feeds through a pipe, chunk by chunk, each
// chunk a round trip between JavaScript and Go. The API computes whole
// bodies before writing anyway.
func wholeBodies(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, ok := w.(rawBodyWriter)
		if !ok {
			h.ServeHTTP(w, r)
			return
		}
		buf := &bufferedWriter{header: w.Header(), status: http.StatusOK}
		h.ServeHTTP(buf, r)
		w.WriteHeader(buf.status)
		if buf.body.Len() > 0 {
			arr := js.Global().Get("Uint8Array").New(buf.body.Len())
			js.CopyBytesToJS(arr, buf.body.Bytes())
			raw.WriteRawJSBody(arr)
		}
	})
}

// bufferedWriter keeps a response: its headers are the real writer's.
type bufferedWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header { return b.header }

func (b *bufferedWriter) WriteHeader(status int) { b.status = status }

func (b *bufferedWriter) Write(p []byte) (int, error) { return b.body.Write(p) }
