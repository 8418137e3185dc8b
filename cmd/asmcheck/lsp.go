package main

// asmcheck lsp: a small language server that shows asmcheck's findings in
// editors, beside gopls (which does not report on .s files). It speaks
// the Language Server Protocol 3.17 over stdin and stdout:
//
//   - when a .s or .go file is opened or saved, the package in its
//     directory is checked, for every GOARCH it has assembly for, as the
//     standalone command checks it, and textDocument/publishDiagnostics
//     sends the findings of each file (an empty list for a file whose
//     findings are gone);
//   - textDocument/codeAction offers the suggested fixes of the findings
//     in the range asked about, as quick fixes;
//   - textDocument/hover, anywhere in a TEXT block, shows the frame of the
//     Go declaration it implements as asmcheck abi prints it (ABI0's
//     name+off(FP) table, or the registers of an <ABIInternal> one), for
//     each GOARCH the file was checked for;
//   - initialize, shutdown and exit as the protocol has them; other
//     requests are answered with MethodNotFound, other notifications
//     ignored.
//
// Files are read from disk: the server checks what was saved, not the
// editor's unsaved text (it asks for no change notifications). What the
// check prints on standard error (a package that does not build, notes)
// goes to the client as window/logMessage, and a failed check also as
// window/showMessage.
//
// The protocol: https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/types"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/asmcheck/asmcheck/analyzer"
)

// runLSP serves the protocol on stdin and stdout until the client sends
// exit (or closes stdin), and returns the exit status: 0 after shutdown,
// 1 otherwise (as the protocol asks), 2 for a wrong command line.
func runLSP(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "usage: asmcheck lsp (the protocol on stdin and stdout; no arguments)")
		return 2
	}
	s := newLSPServer(stdin, stdout)
	s.check = checkDir
	return s.serve()
}

// checkDir checks the package in dir as the standalone command does, with
// every check, for every GOARCH it has assembly for, and gives loaded each
// package as the checks saw it.
func checkDir(dir string, log io.Writer, loaded func(arch string, p *analyzer.Package)) ([]finding, bool) {
	d := &driver{dir: dir, patterns: []string{"."}, analyzers: analyzer.All, parallel: defaultParallel(), loaded: loaded}
	return d.collect(log)
}

// An rpcMessage is a JSON-RPC 2.0 request, notification or response as
// read: a request has an ID and a Method, a notification only a Method.
type rpcMessage struct {
	ID     json.RawMessage `json:"id,omitempty"`
	Method string          `json:"method,omitempty"`
	Params json.RawMessage `json:"params,omitempty"`
}

type rpcResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result"`
}

type rpcErrorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   rpcError        `json:"error"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

type rpcNotification struct {
	JSONRPC string `json:"jsonrpc"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

// JSON-RPC and LSP error codes.
const (
	codeParseError     = -32700
	codeInvalidRequest = -32600 // also for requests after shutdown
	codeMethodNotFound = -32601
	codeInvalidParams  = -32602
	codeNotInitialized = -32002
)

// readMessage reads one message: headers (Content-Length is the one that
// matters), a blank line, then that many bytes of JSON.
func readMessage(r *bufio.Reader) ([]byte, error) {
	length := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			if err == io.EOF && line == "" && length < 0 {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("reading the message header: %w", err)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("malformed message header %q", line)
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 {
				return nil, fmt.Errorf("bad Content-Length %q", value)
			}
			length = n
		}
	}
	if length < 0 {
		return nil, errors.New("message without Content-Length")
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("reading a message of %d bytes: %w", length, err)
	}
	return body, nil
}

// An lspServer is the state of one session.
type lspServer struct {
	in  *bufio.Reader
	out io.Writer
	// check checks the package in dir, writing notes to log, gives loaded
	// each package checked, and returns its findings and whether it
	// failed (runLSP runs the driver).
	check func(dir string, log io.Writer, loaded func(arch string, p *analyzer.Package)) ([]finding, bool)

	wmu sync.Mutex // one message written at a time

	mu           sync.Mutex
	initialized  bool
	shuttingDown bool
	// published holds, for each file that has findings shown, those
	// findings (for code actions), by file path.
	published map[string][]finding
	// hovers holds the frames of the TEXT blocks of each file checked,
	// by file path.
	hovers map[string][]hoverEntry
	// queued is the directories waiting to be checked, in order, and
	// pending the same as a set; wake tells the worker there are some.
	queued  []string
	pending map[string]bool
	wake    chan struct{}
}

func newLSPServer(in io.Reader, out io.Writer) *lspServer {
	return &lspServer{in: bufio.NewReader(in), out: out, published: map[string][]finding{}, hovers: map[string][]hoverEntry{},
		pending: map[string]bool{}, wake: make(chan struct{}, 1)}
}

// serve reads and answers messages until exit or the end of the input.
func (s *lspServer) serve() int {
	done := make(chan struct{})
	defer close(done)
	go s.worker(done)
	for {
		body, err := readMessage(s.in)
		if err == io.EOF {
			return 1 // the client went away without exit
		}
		if err != nil {
			// The stream is out of step: nothing after this can be read.
			s.logf(1, "asmcheck lsp: %v", err)
			return 1
		}
		var m rpcMessage
		if err := json.Unmarshal(body, &m); err != nil {
			s.replyError(json.RawMessage("null"), codeParseError, "invalid JSON: "+err.Error())
			continue
		}
		if m.Method == "exit" {
			s.mu.Lock()
			defer s.mu.Unlock()
			if s.shuttingDown {
				return 0
			}
			return 1
		}
		s.handle(&m)
	}
}

// handle answers a request or acts on a notification.
func (s *lspServer) handle(m *rpcMessage) {
	isRequest := len(m.ID) > 0
	s.mu.Lock()
	initialized, shuttingDown := s.initialized, s.shuttingDown
	s.mu.Unlock()
	if m.Method == "" {
		return // a response: the server sends no requests, so none is awaited
	}
	if !initialized && m.Method != "initialize" {
		if isRequest {
			s.replyError(m.ID, codeNotInitialized, "the server is not initialized")
		}
		return
	}
	if shuttingDown && isRequest {
		s.replyError(m.ID, codeInvalidRequest, "the server is shutting down")
		return
	}
	switch m.Method {
	case "initialize":
		s.mu.Lock()
		s.initialized = true
		s.mu.Unlock()
		s.reply(m.ID, map[string]any{
			"capabilities": map[string]any{
				// Open and close notifications, and saves; no changes:
				// the checks read the files on disk.
				"textDocumentSync":   map[string]any{"openClose": true, "change": 0, "save": map[string]any{"includeText": false}},
				"codeActionProvider": map[string]any{"codeActionKinds": []string{"quickfix"}},
				"hoverProvider":      true,
			},
			"serverInfo": map[string]any{"name": "asmcheck"},
		})
	case "initialized":
	case "shutdown":
		s.mu.Lock()
		s.shuttingDown = true
		s.mu.Unlock()
		s.reply(m.ID, nil)
	case "textDocument/didOpen", "textDocument/didSave":
		var p struct {
			TextDocument textDocumentID `json:"textDocument"`
		}
		if json.Unmarshal(m.Params, &p) != nil {
			return
		}
		if path, ok := uriPath(p.TextDocument.URI); ok && (strings.HasSuffix(path, ".s") || strings.HasSuffix(path, ".go")) {
			s.enqueue(filepath.Dir(path))
		}
	case "textDocument/hover":
		var p struct {
			TextDocument textDocumentID `json:"textDocument"`
			Position     lspPosition    `json:"position"`
		}
		if err := json.Unmarshal(m.Params, &p); err != nil {
			s.replyError(m.ID, codeInvalidParams, err.Error())
			return
		}
		s.reply(m.ID, s.hover(p.TextDocument.URI, p.Position))
	case "textDocument/codeAction":
		var p codeActionParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			s.replyError(m.ID, codeInvalidParams, err.Error())
			return
		}
		s.reply(m.ID, s.codeActions(&p))
	default:
		if isRequest {
			s.replyError(m.ID, codeMethodNotFound, "asmcheck does not implement "+m.Method)
		}
	}
}

// enqueue asks the worker to check dir, once however many times it is
// asked before the check starts.
func (s *lspServer) enqueue(dir string) {
	s.mu.Lock()
	if !s.pending[dir] {
		s.pending[dir] = true
		s.queued = append(s.queued, dir)
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// worker checks the queued directories one at a time: each check loads
// the package for all its targets, and two at once would only compete
// for the same cores.
func (s *lspServer) worker(done chan struct{}) {
	for {
		s.mu.Lock()
		if len(s.queued) == 0 {
			s.mu.Unlock()
			select {
			case <-s.wake:
				continue
			case <-done:
				return
			}
		}
		dir := s.queued[0]
		s.queued = s.queued[1:]
		delete(s.pending, dir)
		s.mu.Unlock()
		s.checkAndPublish(dir)
	}
}

// checkAndPublish checks the package in dir and publishes its findings,
// file by file, clearing those of files in dir that have none left, and
// keeps its hovers.
func (s *lspServer) checkAndPublish(dir string) {
	if files, _ := filepath.Glob(filepath.Join(dir, "*.s")); len(files) == 0 {
		return // no assembly: nothing to check, and no findings shown
	}
	var log bytes.Buffer
	hovers := map[string][]hoverEntry{}
	fs, failed := s.safeCheck(dir, &log, func(arch string, p *analyzer.Package) { addHovers(hovers, p) })
	if log.Len() > 0 {
		s.logf(3, "%s", strings.TrimRight(log.String(), "\n"))
	}
	if failed {
		s.notify("window/showMessage", map[string]any{"type": 1,
			"message": fmt.Sprintf("asmcheck could not check %s: %s", dir, firstLine(log.String()))})
		return // keep what is shown: the package may only be mid-edit
	}
	byFile := map[string][]finding{}
	for _, f := range fs {
		byFile[f.File] = append(byFile[f.File], f)
	}
	s.mu.Lock()
	var stale []string
	for name := range s.published {
		if filepath.Dir(name) == dir && byFile[name] == nil {
			stale = append(stale, name)
			delete(s.published, name)
		}
	}
	for name, ff := range byFile {
		s.published[name] = ff
	}
	for name := range s.hovers {
		if filepath.Dir(name) == dir {
			delete(s.hovers, name)
		}
	}
	for name, hs := range hovers {
		s.hovers[name] = hs
	}
	s.mu.Unlock()
	slices.Sort(stale)
	for _, name := range stale {
		s.publish(name, nil)
	}
	for _, name := range sortedKeys(byFile) {
		s.publish(name, byFile[name])
	}
}

// safeCheck runs s.check, turning a panic into a failed check that the
// client is told about, so that the session goes on.
func (s *lspServer) safeCheck(dir string, log io.Writer, loaded func(arch string, p *analyzer.Package)) (fs []finding, failed bool) {
	defer func() {
		if r := recover(); r != nil {
			buf := make([]byte, 8<<10)
			buf = buf[:runtime.Stack(buf, false)]
			fmt.Fprintf(log, "asmcheck: internal error checking %s: %v\n%s", dir, r, buf)
			fs, failed = nil, true
		}
	}()
	return s.check(dir, log, loaded)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// An lspPosition is a position as the protocol counts: lines from 0, and
// characters in UTF-16 code units from 0.
type lspPosition struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

type lspRange struct {
	Start lspPosition `json:"start"`
	End   lspPosition `json:"end"`
}

type lspDiagnostic struct {
	Range    lspRange `json:"range"`
	Severity int      `json:"severity"`
	Code     string   `json:"code,omitempty"`
	Source   string   `json:"source"`
	Message  string   `json:"message"`
}

// publish sends the findings of the file name (none: clear them).
func (s *lspServer) publish(name string, fs []finding) {
	src, _ := os.ReadFile(name)
	lines := splitLines(src)
	diags := []lspDiagnostic{}
	for _, f := range fs {
		diags = append(diags, diagnosticOf(lines, f))
	}
	s.notify("textDocument/publishDiagnostics", map[string]any{"uri": pathURI(name), "diagnostics": diags})
}

// diagnosticOf is the diagnostic of a finding in the file of lines: a
// warning, the check's name as its code.
func diagnosticOf(lines [][]byte, f finding) lspDiagnostic {
	return lspDiagnostic{Range: findingRange(lines, f.Line, f.Col), Severity: 2, Code: f.Check, Source: "asmcheck", Message: f.Message}
}

// splitLines splits src into lines, without their line ends.
func splitLines(src []byte) [][]byte {
	lines := bytes.Split(src, []byte("\n"))
	for i, l := range lines {
		lines[i] = bytes.TrimSuffix(l, []byte("\r"))
	}
	return lines
}

// findingRange returns the range of the word at line and column (from 1,
// the column in bytes) of lines: up to the next blank, comma or comment,
// at least one character, on that line.
func findingRange(lines [][]byte, line, col int) lspRange {
	if line < 1 || line > len(lines) {
		l := max(line-1, 0)
		return lspRange{lspPosition{l, 0}, lspPosition{l, 0}}
	}
	text := lines[line-1]
	start := min(max(col-1, 0), len(text))
	end := start
	for end < len(text) && !strings.ContainsRune(" \t,;", rune(text[end])) && !bytes.HasPrefix(text[end:], []byte("//")) {
		end++
	}
	if end == start && end < len(text) {
		_, n := utf8.DecodeRune(text[end:])
		end += n
	}
	return lspRange{lspPosition{line - 1, utf16Len(text[:start])}, lspPosition{line - 1, utf16Len(text[:end])}}
}

// utf16Len returns the length of b in UTF-16 code units.
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b) // an invalid byte: U+FFFD, one unit
		n += utf16.RuneLen(r)
		b = b[size:]
	}
	return n
}

// offsetPosition converts a byte offset of src to a position.
func offsetPosition(src []byte, off int) lspPosition {
	off = min(max(off, 0), len(src))
	line := bytes.Count(src[:off], []byte("\n"))
	bol := bytes.LastIndexByte(src[:off], '\n') + 1
	return lspPosition{line, utf16Len(src[bol:off])}
}

// A textDocumentID names a file by its URI.
type textDocumentID struct {
	URI string `json:"uri"`
}

type codeActionParams struct {
	TextDocument textDocumentID `json:"textDocument"`
	Range        lspRange       `json:"range"`
}

type lspTextEdit struct {
	Range   lspRange `json:"range"`
	NewText string   `json:"newText"`
}

type lspCodeAction struct {
	Title       string                              `json:"title"`
	Kind        string                              `json:"kind"`
	Diagnostics []lspDiagnostic                     `json:"diagnostics"`
	Edit        map[string]map[string][]lspTextEdit `json:"edit"`
}

// codeActions returns a quick fix for each suggested fix of the findings
// shown for the file whose lines overlap the range.
func (s *lspServer) codeActions(p *codeActionParams) []lspCodeAction {
	actions := []lspCodeAction{}
	name, ok := uriPath(p.TextDocument.URI)
	if !ok {
		return actions
	}
	s.mu.Lock()
	fs := s.published[name]
	s.mu.Unlock()
	srcs := map[string][]byte{}
	read := func(file string) []byte {
		if b, ok := srcs[file]; ok {
			return b
		}
		b, _ := os.ReadFile(file)
		srcs[file] = b
		return b
	}
	var lines [][]byte // of the file, whose findings fs are
	for _, f := range fs {
		if f.Line-1 < p.Range.Start.Line || f.Line-1 > p.Range.End.Line {
			continue
		}
		if lines == nil {
			lines = splitLines(read(f.File))
		}
		diag := diagnosticOf(lines, f)
		for _, fx := range f.Fixes {
			changes := map[string][]lspTextEdit{}
			for _, e := range fx.Edits {
				src := read(e.File)
				changes[pathURI(e.File)] = append(changes[pathURI(e.File)], lspTextEdit{
					Range:   lspRange{offsetPosition(src, e.Start), offsetPosition(src, e.End)},
					NewText: e.New,
				})
			}
			actions = append(actions, lspCodeAction{Title: fx.Message, Kind: "quickfix", Diagnostics: []lspDiagnostic{diag},
				Edit: map[string]map[string][]lspTextEdit{"changes": changes}})
		}
	}
	return actions
}

// uriPath returns the file path of a file: URI.
func uriPath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return "", false
	}
	path := u.Path
	if runtime.GOOS == "windows" {
		path = strings.TrimPrefix(path, "/") // file:///C:/x
	}
	return filepath.Clean(filepath.FromSlash(path)), true
}

// pathURI returns the file: URI of an absolute path.
func pathURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

func (s *lspServer) reply(id json.RawMessage, result any) {
	s.write(rpcResponse{JSONRPC: "2.0", ID: id, Result: result})
}

func (s *lspServer) replyError(id json.RawMessage, code int, msg string) {
	s.write(rpcErrorResponse{JSONRPC: "2.0", ID: id, Error: rpcError{Code: code, Message: msg}})
}

func (s *lspServer) notify(method string, params any) {
	s.write(rpcNotification{JSONRPC: "2.0", Method: method, Params: params})
}

// logf sends a window/logMessage of the type (1 error … 4 log).
func (s *lspServer) logf(typ int, format string, args ...any) {
	s.notify("window/logMessage", map[string]any{"type": typ, "message": fmt.Sprintf(format, args...)})
}

// write sends one message. A failed write (the client is gone) is
// dropped: the next read ends the session.
func (s *lspServer) write(v any) {
	body, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own types are written
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	fmt.Fprintf(s.out, "Content-Length: %d\r\n\r\n%s", len(body), body)
}

// A hoverEntry is what a hover shows in one TEXT block, for one GOARCH:
// from the TEXT line (from 1) to the next TEXT line.
type hoverEntry struct {
	line int
	arch string
	text string
}

// addHovers adds to hovers the frame of each TEXT block of p's files that
// implements a Go declaration (or says it has none), as asmcheck abi
// prints it for the file's GOARCH.
func addHovers(hovers map[string][]hoverEntry, p *analyzer.Package) {
	for _, fn := range p.Funcs() {
		f := p.FileOf(fn)
		if f == nil || f.ABI == nil || fn.Bad {
			continue
		}
		pos := p.Pass.Fset.Position(fn.Pos())
		e := hoverEntry{line: pos.Line, arch: f.ABI.Name}
		d := p.DeclOf(fn)
		if d == nil {
			e.text = fmt.Sprintf("%s: no Go declaration in this package (%s): nothing to check its frame against", fn.Name, f.ABI.Name)
			hovers[pos.Filename] = append(hovers[pos.Filename], e)
			continue
		}
		gofn := &function{name: d.Func.Name(), pkgPath: d.Func.Pkg().Path(), sig: d.Func.Type().(*types.Signature), qual: qualifier(d.Func.Pkg())}
		ar, err := explain(gofn, f.ABI)
		if err != nil {
			continue
		}
		var b strings.Builder
		b.WriteString(gofn.decl() + "\n\n")
		if fn.ABI == "ABIInternal" {
			printInternal(&b, ar)
		} else {
			printABI0(&b, ar)
		}
		e.text = strings.TrimRight(b.String(), "\n")
		hovers[pos.Filename] = append(hovers[pos.Filename], e)
	}
}

// hover returns the hover of the TEXT block that holds position pos of the
// file: the frames of the entries of the last TEXT line at or before it,
// one per GOARCH; nil (no hover) outside any.
func (s *lspServer) hover(uri string, pos lspPosition) any {
	name, ok := uriPath(uri)
	if !ok {
		return nil
	}
	s.mu.Lock()
	entries := s.hovers[name]
	s.mu.Unlock()
	line := 0
	for _, e := range entries {
		if e.line <= pos.Line+1 && e.line > line {
			line = e.line
		}
	}
	var texts []string
	seen := map[string]bool{}
	for _, e := range entries {
		if e.line == line && !seen[e.arch] {
			seen[e.arch] = true
			texts = append(texts, e.text)
		}
	}
	if len(texts) == 0 {
		return nil
	}
	return map[string]any{"contents": map[string]any{"kind": "markdown", "value": "```text\n" + strings.Join(texts, "\n\n") + "\n```"}}
}
