package localserve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"
)

// testLimits are short, so that a test waits for the server to give up on
// a client rather than for a minute; nothing here compares times.
var testLimits = limits{
	readHeader: 200 * time.Millisecond, read: 300 * time.Millisecond,
	write: time.Second, idle: 200 * time.Millisecond,
	conns: 3, bodies: 1,
}

// echo reads the whole body and answers its length.
var echo = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	n, err := io.Copy(io.Discard, r.Body)
	if err != nil {
		http.Error(w, "slow body", http.StatusRequestTimeout)
		return
	}
	fmt.Fprintf(w, "%d", n)
})

func start(t *testing.T, h http.Handler, lim limits) (string, *cappedListener, *bodyLimiter) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	capped := newCappedListener(ln, lim.conns)
	bodies := limitBodies(h, lim.bodies)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, capped, bodies, lim) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return ln.Addr().String(), capped, bodies
}

func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// closedByServer reads until the server closes the connection and returns
// what it said first.
func closedByServer(c net.Conn) string {
	b, _ := io.ReadAll(c)
	return string(b)
}

// TestSlowClientsAreShed: a body sent too slowly, headers never finished
// and a keep-alive connection left idle are each closed by the server.
func TestSlowClientsAreShed(t *testing.T) {
	addr, _, _ := start(t, echo, testLimits)
	t.Run("slow body", func(t *testing.T) {
		c := dial(t, addr)
		fmt.Fprintf(c, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nab")
		if got := closedByServer(c); strings.Contains(got, "200 OK") {
			t.Errorf("the slow body was served: %q", got)
		}
	})
	t.Run("unfinished headers", func(t *testing.T) {
		c := dial(t, addr)
		fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: x\r\n")
		closedByServer(c)
	})
	t.Run("idle keep-alive", func(t *testing.T) {
		c := dial(t, addr)
		fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("the first request: %v %v", resp, err)
		}
		closedByServer(c) // the server ends the idle connection
	})
}

// TestOpenConnectionsAreCapped: past the cap, a connection waits to be
// accepted until another closes; the cap is never passed.
func TestOpenConnectionsAreCapped(t *testing.T) {
	lim := testLimits
	lim.readHeader, lim.read, lim.idle = time.Hour, time.Hour, time.Hour // only the cap sheds here
	addr, capped, _ := start(t, echo, lim)
	var idle []net.Conn
	for range lim.conns {
		idle = append(idle, dial(t, addr))
	}
	for open, _ := capped.stats(); open < lim.conns; open, _ = capped.stats() {
		runtime.Gosched()
	}
	answered := make(chan string, 1)
	go func() {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			answered <- err.Error()
			return
		}
		defer c.Close()
		fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		answered <- closedByServer(c)
	}()
	idle[0].Close()
	if got := <-answered; !strings.Contains(got, "200 OK") {
		t.Errorf("the waiting connection got %q", got)
	}
	if _, most := capped.stats(); most > lim.conns {
		t.Errorf("%d connections were open at once, over the cap of %d", most, lim.conns)
	}
}

// TestSlowBodiesAreCapped: while one request is reading its body, the next
// one with a body is answered 503 at once; one without a body is served.
func TestSlowBodiesAreCapped(t *testing.T) {
	lim := testLimits
	lim.read = time.Hour
	addr, _, bodies := start(t, echo, lim)
	slow := dial(t, addr)
	fmt.Fprintf(slow, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nab")
	for bodies.reading.Load() < 1 {
		runtime.Gosched()
	}
	c := dial(t, addr)
	fmt.Fprintf(c, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil || resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("a second body: %v %v, want 503 with Retry-After", resp, err)
	}
	g := dial(t, addr)
	fmt.Fprintf(g, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	if resp, err := http.ReadResponse(bufio.NewReader(g), nil); err != nil || resp.StatusCode != 200 {
		t.Fatalf("a GET meanwhile: %v %v", resp, err)
	}
	fmt.Fprint(slow, strings.Repeat("x", 98)) // the slow body ends; its slot frees
	if resp, err := http.ReadResponse(bufio.NewReader(slow), nil); err != nil || resp.StatusCode != 200 {
		t.Fatalf("the slow body, once sent: %v %v", resp, err)
	}
}
