package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/asmcheck/asmcheck/analyzer"
)

// An lspClient drives an lspServer over pipes, as an editor would.
type lspClient struct {
	t      *testing.T
	w      *io.PipeWriter
	msgs   chan map[string]any
	status chan int
	nextID int
	// backlog holds the messages read that no wait has taken yet.
	backlog []map[string]any
}

func startLSP(t *testing.T, check func(dir string, log io.Writer, loaded func(string, *analyzer.Package)) ([]finding, bool)) *lspClient {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	s := newLSPServer(inR, outW)
	s.check = check
	c := &lspClient{t: t, w: inW, msgs: make(chan map[string]any, 100), status: make(chan int, 1)}
	go func() {
		c.status <- s.serve()
		outW.Close()
	}()
	go func() {
		r := bufio.NewReader(outR)
		for {
			body, err := readMessage(r)
			if err != nil {
				close(c.msgs)
				return
			}
			var m map[string]any
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("the server wrote invalid JSON: %v: %s", err, body)
			}
			c.msgs <- m
		}
	}()
	t.Cleanup(func() { inW.Close() })
	return c
}

func (c *lspClient) send(v map[string]any) {
	c.t.Helper()
	v["jsonrpc"] = "2.0"
	body, _ := json.Marshal(v)
	if _, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatal(err)
	}
}

// request sends a request and returns its response; the messages that
// come before it stay for the next waits.
func (c *lspClient) request(method string, params any) map[string]any {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	c.send(map[string]any{"id": id, "method": method, "params": params})
	return c.waitFor(func(m map[string]any) bool { return m["id"] == float64(id) })
}

// waitFor returns the first message, of those read before and then of
// those to come, that match accepts, keeping the others for later waits;
// it fails the test after a minute without one.
func (c *lspClient) waitFor(match func(map[string]any) bool) map[string]any {
	c.t.Helper()
	for i, m := range c.backlog {
		if match(m) {
			c.backlog = append(c.backlog[:i], c.backlog[i+1:]...)
			return m
		}
	}
	timeout := time.After(time.Minute)
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				c.t.Fatal("the server closed its output")
			}
			if match(m) {
				return m
			}
			c.backlog = append(c.backlog, m)
		case <-timeout:
			c.t.Fatal("no answer from the server in a minute")
		}
	}
}

// diagnosticsFor waits for the diagnostics published for the file.
func (c *lspClient) diagnosticsFor(name string) []any {
	c.t.Helper()
	m := c.waitFor(func(m map[string]any) bool {
		if m["method"] != "textDocument/publishDiagnostics" {
			return false
		}
		p := m["params"].(map[string]any)
		return p["uri"] == pathURI(name)
	})
	return m["params"].(map[string]any)["diagnostics"].([]any)
}

func textDoc(name string) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": pathURI(name)}}
}

// TestLSPSession runs a session as an editor would on the vetmod module:
// open a .s file with mistakes (its findings and those of the package's
// other .s file are published), ask for the quick fixes on a line, save
// a corrected file (its findings are cleared: the silent twin), shut
// down and exit.
func TestLSPSession(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a module with go list")
	}
	dir := copyTree(t, "testdata/vetmod")
	t.Setenv("GOFLAGS", "")
	amd64 := filepath.Join(dir, "p", "p_amd64.s")
	arm64 := filepath.Join(dir, "p", "p_arm64.s")
	c := startLSP(t, checkDir)

	if r := c.request("textDocument/codeAction", textDoc(amd64)); r["error"] == nil {
		t.Errorf("a request before initialize: %v, want an error", r)
	}
	r := c.request("initialize", map[string]any{"processId": nil, "rootUri": pathURI(dir), "capabilities": map[string]any{}})
	caps, _ := r["result"].(map[string]any)["capabilities"].(map[string]any)
	if caps == nil || caps["codeActionProvider"] == nil || caps["textDocumentSync"] == nil {
		t.Fatalf("initialize: %v", r)
	}
	c.send(map[string]any{"method": "initialized", "params": map[string]any{}})

	c.send(map[string]any{"method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{
		"uri": pathURI(amd64), "languageId": "asm", "version": 1, "text": "ignored: the file on disk is checked"}}})
	diags := c.diagnosticsFor(amd64)
	var msgs []string
	for _, d := range diags {
		d := d.(map[string]any)
		msgs = append(msgs, d["message"].(string))
		if d["source"] != "asmcheck" || d["severity"] != float64(2) {
			t.Errorf("diagnostic %v: want source asmcheck, severity 2 (warning)", d)
		}
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"[amd64] Add: wrong argument size 16; expected $...-24", "[amd64] Len: invalid offset s_len+0(FP)"} {
		if !strings.Contains(all, want) {
			t.Errorf("diagnostics of p_amd64.s lack %q:\n%s", want, all)
		}
	}
	// TEXT ·Add(SB), NOSPLIT, $0-16: the '·' is two bytes and one UTF-16
	// unit, so the range starts one character before the byte column.
	for _, d := range diags {
		d := d.(map[string]any)
		if strings.Contains(d["message"].(string), "wrong argument size") {
			rng := d["range"].(map[string]any)
			start, end := rng["start"].(map[string]any), rng["end"].(map[string]any)
			if start["line"] != float64(2) || start["character"] != float64(24) || end["character"] != float64(29) {
				t.Errorf("range of the argsize finding: %v, want line 2, characters 24–29 ($0-16)", rng)
			}
		}
	}
	if got := c.diagnosticsFor(arm64); len(got) == 0 {
		t.Error("no diagnostics for p_arm64.s, which the same check of the package covers")
	}

	r = c.request("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": pathURI(amd64)},
		"range": map[string]any{"start": map[string]any{"line": 2, "character": 0}, "end": map[string]any{"line": 2, "character": 0}}, "context": map[string]any{"diagnostics": []any{}}})
	actions, _ := r["result"].([]any)
	if len(actions) != 1 {
		t.Fatalf("code actions on line 3: %v, want one", r)
	}
	a := actions[0].(map[string]any)
	edits := a["edit"].(map[string]any)["changes"].(map[string]any)[pathURI(amd64)].([]any)
	e := edits[0].(map[string]any)
	if a["kind"] != "quickfix" || e["newText"] != "$0-24" {
		t.Errorf("code action %v, want a quick fix writing $0-24", a)
	}

	// A hover in Add's body shows its frame on amd64; before the first
	// TEXT there is none.
	r = c.request("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": pathURI(amd64)}, "position": map[string]any{"line": 4, "character": 3}})
	hover, _ := r["result"].(map[string]any)
	contents, _ := hover["contents"].(map[string]any)
	value, _ := contents["value"].(string)
	for _, want := range []string{"func Add(a int64, b int64) int64", "amd64 ABI0 (assembly)", "b+8(FP)          8     8  int64", "argument size 24"} {
		if !strings.Contains(value, want) {
			t.Errorf("hover in Add lacks %q: %v", want, r)
		}
	}
	if r := c.request("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": pathURI(amd64)}, "position": map[string]any{"line": 0, "character": 0}}); r["result"] != nil {
		t.Errorf("hover before the first TEXT: %v, want null", r)
	}
	r = c.request("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": pathURI(arm64)}, "position": map[string]any{"line": 10, "character": 1}})
	if v := fmt.Sprint(r["result"]); !strings.Contains(v, "func Len(s string) int") || !strings.Contains(v, "s_len+8(FP)") || !strings.Contains(v, "arm64 ABI0") {
		t.Errorf("hover in Len on arm64: %v", r)
	}

	if r := c.request("workspace/symbol", map[string]any{"query": ""}); r["error"].(map[string]any)["code"] != float64(codeMethodNotFound) {
		t.Errorf("an unknown request: %v, want MethodNotFound", r)
	}

	fixed := "#include \"textflag.h\"\n\nTEXT ·Add(SB), NOSPLIT, $0-24\n\tMOVQ a+0(FP), AX\n\tADDQ b+8(FP), AX\n\tMOVQ AX, ret+16(FP)\n\tRET\n\n" +
		"TEXT ·Len(SB), NOSPLIT, $0-24\n\tMOVQ s_len+8(FP), AX\n\tMOVQ AX, ret+16(FP)\n\tRET\n"
	if err := os.WriteFile(amd64, []byte(fixed), 0o666); err != nil {
		t.Fatal(err)
	}
	c.send(map[string]any{"method": "textDocument/didSave", "params": textDoc(amd64)})
	if got := c.diagnosticsFor(amd64); len(got) != 0 {
		t.Errorf("after the fix, p_amd64.s still has diagnostics: %v", got)
	}

	if r := c.request("shutdown", nil); r["error"] != nil || r["result"] != nil {
		t.Errorf("shutdown: %v", r)
	}
	if _, ok := r["result"]; !ok {
		t.Errorf("shutdown's response has no result member: %v", r)
	}
	c.send(map[string]any{"method": "exit"})
	if code := <-c.status; code != 0 {
		t.Errorf("exit after shutdown: status %d, want 0", code)
	}
}

// TestLSPCheckPanics checks that a panic in a check is reported to the
// client and the session goes on, and that exit without shutdown gives
// status 1.
func TestLSPCheckPanics(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "x_amd64.s")
	os.WriteFile(name, []byte("TEXT ·f(SB), 0, $0\n\tRET\n"), 0o666)
	calls := 0
	c := startLSP(t, func(d string, log io.Writer, _ func(string, *analyzer.Package)) ([]finding, bool) {
		calls++
		if calls == 1 {
			panic("boom")
		}
		return []finding{{File: name, Line: 1, Col: 1, Arch: "amd64", Check: "prototype", Message: "[amd64] f: missing Go declaration"}}, false
	})
	c.request("initialize", map[string]any{"capabilities": map[string]any{}})
	c.send(map[string]any{"method": "textDocument/didOpen", "params": textDoc(name)})
	m := c.waitFor(func(m map[string]any) bool { return m["method"] == "window/showMessage" })
	if msg := m["params"].(map[string]any)["message"].(string); !strings.Contains(msg, "could not check") || !strings.Contains(msg, "boom") {
		t.Errorf("showMessage %q, want the panic named", msg)
	}
	c.send(map[string]any{"method": "textDocument/didSave", "params": textDoc(name)})
	if got := c.diagnosticsFor(name); len(got) != 1 {
		t.Errorf("after the panic, the next check published %v, want one diagnostic", got)
	}
	c.send(map[string]any{"method": "exit"})
	if code := <-c.status; code != 1 {
		t.Errorf("exit without shutdown: status %d, want 1", code)
	}
}

func TestReadMessage(t *testing.T) {
	for _, c := range []struct{ in, want, err string }{
		{"Content-Length: 2\r\n\r\n{}", "{}", ""},
		{"content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}", "{}", ""},
		{"Content-Type: x\r\n\r\n{}", "", "without Content-Length"},
		{"Content-Length: -1\r\n\r\n", "", "bad Content-Length"},
		{"Content-Length: 10\r\n\r\n{}", "", "reading a message of 10 bytes"},
		{"garbage\r\n\r\n", "", "malformed message header"},
		{"", "", "EOF"},
	} {
		got, err := readMessage(bufio.NewReader(strings.NewReader(c.in)))
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: error %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || string(got) != c.want {
			t.Errorf("%q: %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestLSPPositions(t *testing.T) {
	lines := splitLines([]byte("TEXT ·Add(SB), NOSPLIT, $0-16\r\n\tMOVQ a+0(FP), AX // 𝔸\n"))
	// '$' is byte 26 (from 1) and UTF-16 unit 24 (from 0): '·' is two
	// bytes and one unit.
	if r := findingRange(lines, 1, 26); r.Start != (lspPosition{0, 24}) || r.End != (lspPosition{0, 29}) {
		t.Errorf("$0-16 after '·': %v, want characters 24–29", r)
	}
	if r := findingRange(lines, 2, 7); r.Start != (lspPosition{1, 6}) || r.End != (lspPosition{1, 13}) {
		t.Errorf("a+0(FP): %v, want characters 6–13", r)
	}
	if r := findingRange(lines, 2, 19); r.Start != (lspPosition{1, 18}) || r.End != (lspPosition{1, 19}) {
		t.Errorf("at a comment: %v, want one character", r)
	}
	if r := findingRange(lines, 9, 1); r.Start != (lspPosition{8, 0}) {
		t.Errorf("a line past the end: %v", r)
	}
	src := []byte("a·b\n𝔸x")
	if p := offsetPosition(src, len("a·b\n𝔸")); p != (lspPosition{1, 2}) {
		t.Errorf("after a character outside the BMP: %v, want line 1, character 2", p)
	}
	for _, path := range []string{"/tmp/a b/x_amd64.s", "/tmp/ü/#x.s"} {
		if got, ok := uriPath(pathURI(path)); !ok || got != path {
			t.Errorf("uriPath(pathURI(%q)) = %q, %v", path, got, ok)
		}
	}
	if _, ok := uriPath("untitled:Untitled-1"); ok {
		t.Error("an untitled: URI taken for a file")
	}
}

// TestRunLSP runs the command's entry point on a whole session read from
// its input: initialize, shutdown, exit.
func TestRunLSP(t *testing.T) {
	var in strings.Builder
	for _, m := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`,
		`{"jsonrpc":"2.0","method":"initialized","params":{}}`,
		`{"jsonrpc":"2.0","id":1,"result":null}`, // a response: ignored
		`{not json`,
		`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`,
		`{"jsonrpc":"2.0","method":"exit"}`,
	} {
		fmt.Fprintf(&in, "Content-Length: %d\r\n\r\n%s", len(m), m)
	}
	var out, errs strings.Builder
	if code := runLSP(nil, strings.NewReader(in.String()), &out, &errs); code != 0 {
		t.Errorf("status %d, want 0; stderr %q", code, errs.String())
	}
	if !strings.Contains(out.String(), `"id":2,"result":null`) {
		t.Errorf("no null result for shutdown in:\n%s", out.String())
	}
	if !strings.Contains(out.String(), `"id":null,"error":{"code":-32700`) {
		t.Errorf("no parse error for the message that is not JSON in:\n%s", out.String())
	}
	if n := strings.Count(out.String(), `"id":1,`); n != 1 {
		t.Errorf("%d messages with id 1, want one (the response to initialize):\n%s", n, out.String())
	}
	if code := runLSP([]string{"-x"}, strings.NewReader(""), &out, &errs); code != 2 || !strings.Contains(errs.String(), "usage: asmcheck lsp") {
		t.Errorf("with an argument: status %d, stderr %q", code, errs.String())
	}
}
