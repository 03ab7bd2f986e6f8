package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// TestMCPAnswersEverythingBeforeEndOfInput feeds the session the issue
// describes on standard input all at once: initialize, tools/list and a
// tools/call of decode, then the end of the input. Every request is
// answered, and the command exits cleanly.
func TestMCPAnswersEverythingBeforeEndOfInput(t *testing.T) {
	stdin := strings.Join([]string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"sh","version":"0"}}}`,
		`{"jsonrpc":"2.0","method":"notifications/initialized"}`,
		`{"jsonrpc":"2.0","id":2,"method":"tools/list"}`,
		`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"decode","arguments":{"input":"` + entraCallback + `"}}}`,
	}, "\n") + "\n"
	var stdout, stderr bytes.Buffer
	if code := run([]string{"mcp"}, strings.NewReader(stdin), &stdout, &stderr); code != exitFound {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	answers := map[string]json.RawMessage{}
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		var m struct {
			ID     json.RawMessage `json:"id"`
			Result json.RawMessage `json:"result"`
		}
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("not JSON: %s", line)
		}
		answers[string(m.ID)] = m.Result
	}
	if len(answers) != 3 {
		t.Fatalf("%d answers, want 3:\n%s", len(answers), stdout.String())
	}
	var tools struct {
		Tools []struct{ Name string } `json:"tools"`
	}
	json.Unmarshal(answers["2"], &tools)
	if len(tools.Tools) != 3 {
		t.Errorf("tools/list: %s", answers["2"])
	}
	var call struct {
		StructuredContent struct {
			Matches []struct{ ID string } `json:"matches"`
		} `json:"structuredContent"`
	}
	json.Unmarshal(answers["3"], &call)
	if len(call.StructuredContent.Matches) == 0 || call.StructuredContent.Matches[0].ID != "entra/AADSTS50011" {
		t.Errorf("decode: %s", answers["3"])
	}
}

// TestMCPWithTheSDKClient drives the command through pipes with the SDK's
// own client: every tool, a resource, then the client hangs up and the
// command ends with status 0.
func TestMCPWithTheSDKClient(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	var stderr bytes.Buffer
	exit := make(chan int, 1)
	go func() {
		code := run([]string{"mcp"}, inR, outW, &stderr)
		outW.Close()
		exit <- code
	}()
	ctx := context.Background()
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "0"}, nil).
		Connect(ctx, &mcp.IOTransport{Reader: outR, Writer: inW}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		tool string
		args map[string]any
		want string
	}{
		{"lookup", map[string]any{"code": "AADSTS50011"}, "entra/AADSTS50011"},
		{"search", map[string]any{"query": "user not assigned to the app", "limit": 5}, `"hits":[{`},
		{"decode", map[string]any{"input": entraCallback}, "entra/AADSTS50011"},
	} {
		res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: c.tool, Arguments: c.args})
		if err != nil || res.IsError {
			t.Fatalf("%s: %v %+v", c.tool, err, res)
		}
		b, _ := json.Marshal(res.StructuredContent)
		if !strings.Contains(string(b), c.want) {
			t.Errorf("%s: answer lacks %q: %s", c.tool, c.want, b)
		}
	}
	rr, err := cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: "authcodes://oauth2/invalid_grant"})
	if err != nil || len(rr.Contents) != 1 || !strings.Contains(rr.Contents[0].Text, "invalid_grant") {
		t.Fatalf("resource: %v %+v", err, rr)
	}
	cs.Close() // closes the command's standard input
	if code := <-exit; code != exitFound {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
}

func TestMCPUsage(t *testing.T) {
	runCLI(t, cliCase{name: "extra argument", args: []string{"mcp", "x"}, exit: exitUsage, errOut: []string{"unexpected argument"}})
	runCLI(t, cliCase{name: "help", args: []string{"mcp", "--help"}, exit: exitFound, out: []string{"Model Context Protocol"}})
}
