// Package localserve runs an http.Handler on a local address until a
// context ends: the shared loop of `go run ./build serve` and
// `authcodes serve`.
package localserve

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// Serve listens on addr, calls listening with the address it got (addr may
// ask for port 0), and serves h until ctx ends, then shuts down gracefully.
func Serve(ctx context.Context, addr string, h http.Handler, listening func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	listening(ln.Addr())
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
