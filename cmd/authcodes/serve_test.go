package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestServe starts the API as "authcodes serve" does and asks it for a code.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- serveAPI(ctx, "127.0.0.1:0", pw); pw.Close() }()
	line, err := bufio.NewReader(pr).ReadString('\n')
	go io.Copy(io.Discard, pr)
	if err != nil {
		t.Fatalf("serve printed nothing: %v (%v)", err, <-done)
	}
	base := strings.Fields(strings.TrimPrefix(line, "serving the authcodes API on "))[0]
	resp, err := http.Get(base + "lookup?code=aadsts50011")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Matches []struct{ ID string } `json:"matches"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || len(body.Matches) == 0 || body.Matches[0].ID != "entra/AADSTS50011" {
		t.Errorf("GET %slookup?code=aadsts50011: %d %+v", base, resp.StatusCode, body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve returned %v", err)
	}
	if code := run([]string{"serve", "--bogus"}, nil, io.Discard, io.Discard); code != exitUsage {
		t.Errorf("serve --bogus exited %d, want %d", code, exitUsage)
	}
}
