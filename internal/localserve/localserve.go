// Package localserve runs an http.Handler on a local address until a
// context ends: the shared loop of `go run ./build serve` and
// `authcodes serve`.
//
// A local server is still a server: a client that sends its body a byte a
// minute, or opens a thousand connections and sends nothing, must not hold
// it. Every phase of a connection has a timeout, open connections are
// capped, and only a few requests at a time may be reading a body.
package localserve

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// limits are what one server allows a client.
type limits struct {
	// readHeader and read bound reading a request's headers, and the whole
	// request with its body; write bounds the answer from the end of the
	// headers; idle bounds a keep-alive connection waiting for its next
	// request.
	readHeader, read, write, idle time.Duration
	// conns caps the open connections; the next one waits to be accepted.
	conns int
	// bodies caps the requests reading a body at once; one more is answered
	// 503 at once instead of being read.
	bodies int
}

var defaults = limits{
	readHeader: 10 * time.Second,
	read:       30 * time.Second, // a 256 KiB body is read in far less, even on a slow link
	write:      60 * time.Second,
	idle:       60 * time.Second,
	conns:      256,
	bodies:     16,
}

// Serve listens on addr, calls listening with the address it got (addr may
// ask for port 0), and serves h until ctx ends, then shuts down gracefully.
func Serve(ctx context.Context, addr string, h http.Handler, listening func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	listening(ln.Addr())
	return serve(ctx, newCappedListener(ln, defaults.conns), h, defaults)
}

func serve(ctx context.Context, ln net.Listener, h http.Handler, lim limits) error {
	srv := &http.Server{
		Handler:           limitBodies(h, lim.bodies),
		ReadHeaderTimeout: lim.readHeader,
		ReadTimeout:       lim.read,
		WriteTimeout:      lim.write,
		IdleTimeout:       lim.idle,
		MaxHeaderBytes:    64 << 10,
	}
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

// bodyLimiter lets at most n requests read a body at once.
type bodyLimiter struct {
	next    http.Handler
	slots   chan struct{}
	reading atomic.Int32 // requests holding a slot, for the tests
}

func limitBodies(h http.Handler, n int) *bodyLimiter {
	return &bodyLimiter{next: h, slots: make(chan struct{}, n)}
}

func (b *bodyLimiter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength == 0 || r.Body == nil || r.Body == http.NoBody {
		b.next.ServeHTTP(w, r)
		return
	}
	select {
	case b.slots <- struct{}{}:
	default:
		w.Header().Set("Retry-After", "1")
		w.Header().Set("Connection", "close")
		http.Error(w, "too many requests are sending a body; try again", http.StatusServiceUnavailable)
		return
	}
	b.reading.Add(1)
	defer func() {
		b.reading.Add(-1)
		<-b.slots
	}()
	b.next.ServeHTTP(w, r)
}

// cappedListener accepts a connection only while fewer than its cap are
// open; the next one waits in the kernel's backlog.
type cappedListener struct {
	net.Listener
	slots     chan struct{}
	done      chan struct{} // closed by Close: a waiting Accept gives up
	closeOnce sync.Once
	// most is the most connections ever open at once, for the tests.
	mu   sync.Mutex
	open int
	most int
}

func newCappedListener(ln net.Listener, n int) *cappedListener {
	return &cappedListener{Listener: ln, slots: make(chan struct{}, n), done: make(chan struct{})}
}

func (l *cappedListener) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	l.mu.Lock()
	l.open++
	l.most = max(l.most, l.open)
	l.mu.Unlock()
	return &cappedConn{Conn: c, l: l}, nil
}

func (l *cappedListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

func (l *cappedListener) stats() (open, most int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.open, l.most
}

type cappedConn struct {
	net.Conn
	l    *cappedListener
	once sync.Once
}

func (c *cappedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() {
		c.l.mu.Lock()
		c.l.open--
		c.l.mu.Unlock()
		<-c.l.slots
	})
	return err
}
