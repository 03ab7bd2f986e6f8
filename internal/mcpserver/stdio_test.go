package mcpserver

import (
	"bytes"
	"testing"
)

func TestMessages(t *testing.T) {
	cases := []struct {
		line     string
		requests int // messages with a method and an id
	}{
		{`{"jsonrpc":"2.0","id":1,"method":"tools/list"}`, 1},
		{`{"jsonrpc":"2.0","method":"notifications/initialized"}`, 0},
		{`{"jsonrpc":"2.0","id":"a","result":{}}`, 0},
		{`[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"ping"}]`, 2},
		{`{"jsonrpc":"2.0","id":null,"method":"x"}`, 0},
		{`not json`, 0},
		{``, 0},
	}
	for _, c := range cases {
		n := 0
		for _, m := range messages([]byte(c.line)) {
			if m.Method != "" && m.ID != nil {
				n++
			}
		}
		if n != c.requests {
			t.Errorf("%s: %d requests, want %d", c.line, n, c.requests)
		}
	}
}

// TestResponseWriterSplitWrites: a response written in pieces is seen once whole.
func TestResponseWriterSplitWrites(t *testing.T) {
	p := &pending{ids: map[string]bool{"7": true}, done: make(chan struct{}, 1)}
	var out bytes.Buffer
	rw := &responseWriter{w: &out, p: p}
	rw.Write([]byte(`{"jsonrpc":"2.0","id":`))
	if p.empty() {
		t.Fatal("answered before the line was whole")
	}
	rw.Write([]byte("7,\"result\":{}}\n"))
	if !p.empty() {
		t.Fatal("not answered")
	}
	if out.String() != `{"jsonrpc":"2.0","id":7,"result":{}}`+"\n" {
		t.Fatalf("wrote %q", out.String())
	}
}
