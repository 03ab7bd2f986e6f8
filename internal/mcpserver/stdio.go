package mcpserver

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"sync"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// drainLimit bounds how long the end of the input waits for answers still
// being computed; every tool answers in milliseconds.
const drainLimit = time.Minute

// StreamTransport is a transport over a pair of streams (standard input and
// output) that answers every request it has read before it reports the end
// of the input.
//
// The SDK's own stdio transport closes the session as soon as its input
// ends, dropping answers still in flight: `printf '...' | authcodes mcp`
// would print nothing. This one holds the end of the input back until each
// request read has had its response written (or drainLimit passes).
func StreamTransport(in io.Reader, out io.Writer) mcp.Transport {
	p := &pending{ids: map[string]bool{}, done: make(chan struct{}, 1)}
	pr, pw := io.Pipe()
	go p.copyInput(in, pw)
	return &mcp.IOTransport{Reader: pr, Writer: &responseWriter{w: out, p: p}}
}

// pending tracks the requests read and not yet answered.
type pending struct {
	mu   sync.Mutex
	ids  map[string]bool
	done chan struct{} // signalled when ids becomes empty
}

func (p *pending) add(id string) {
	p.mu.Lock()
	p.ids[id] = true
	p.mu.Unlock()
}

func (p *pending) answered(id string) {
	p.mu.Lock()
	delete(p.ids, id)
	empty := len(p.ids) == 0
	p.mu.Unlock()
	if empty {
		select {
		case p.done <- struct{}{}:
		default:
		}
	}
}

func (p *pending) empty() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.ids) == 0
}

// copyInput passes the input through line by line, noting each request's
// id, and at its end waits for the answers before closing the pipe.
func (p *pending) copyInput(in io.Reader, pw *io.PipeWriter) {
	r := bufio.NewReader(in)
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			for _, m := range messages(line) {
				if m.Method != "" && m.ID != nil {
					p.add(string(*m.ID))
				}
			}
			if _, werr := pw.Write(line); werr != nil {
				return // the session has ended
			}
		}
		if err != nil {
			break
		}
	}
	deadline := time.After(drainLimit)
	for !p.empty() {
		select {
		case <-p.done:
		case <-deadline:
			pw.Close()
			return
		}
	}
	pw.Close()
}

// responseWriter writes the server's messages and notes the responses.
type responseWriter struct {
	w   io.Writer
	p   *pending
	mu  sync.Mutex
	buf []byte
}

func (rw *responseWriter) Write(b []byte) (int, error) {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	n, err := rw.w.Write(b)
	// A message may come in more than one Write: look at whole lines.
	rw.buf = append(rw.buf, b[:n]...)
	for {
		i := bytes.IndexByte(rw.buf, '\n')
		if i < 0 {
			break
		}
		for _, m := range messages(rw.buf[:i]) {
			if m.Method == "" && m.ID != nil {
				rw.p.answered(string(*m.ID))
			}
		}
		rw.buf = rw.buf[i+1:]
	}
	return n, err
}

func (rw *responseWriter) Close() error { return nil }

// message is what the transport needs of a JSON-RPC message: a request has
// a method and an id, a response an id and no method.
type message struct {
	ID     *json.RawMessage `json:"id"`
	Method string           `json:"method"`
}

// messages reads one line: a message, or a batch of them. Lines that are not
// JSON-RPC are the server's to refuse; here they are no message at all.
func messages(line []byte) []message {
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return nil
	}
	if line[0] == '[' {
		var batch []message
		if json.Unmarshal(line, &batch) != nil {
			return nil
		}
		return batch
	}
	var m message
	if json.Unmarshal(line, &m) != nil {
		return nil
	}
	return []message{m}
}
