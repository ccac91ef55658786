package serve

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"github.com/jewelguide/jewelguide/quiz"
)

// guide is the two-question fixture: answers "1\n1\n" reach a report.
func guide(t testing.TB) *quiz.Guide {
	t.Helper()
	g, err := quiz.Load("testdata/two.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// testKey is a client key pair: the signer for Go clients, and a private
// key file for OpenSSH's ssh.
type testKey struct {
	signer gossh.Signer
	file   string
	line   string // the authorized_keys line
}

func newKey(t testing.TB, comment string) testKey {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, comment)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "id_ed25519")
	if err := os.WriteFile(file, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey())))
	if comment != "" {
		line += " " + comment
	}
	return testKey{signer: signer, file: file, line: line}
}

func writeKeys(t testing.TB, path string, keys ...testKey) {
	t.Helper()
	var b strings.Builder
	b.WriteString("# staff counters\n")
	for _, k := range keys {
		b.WriteString(k.line + "\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

// lockedBuffer collects the server's event log from many goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// running is a server started for one test on a free loopback port.
type running struct {
	srv    *Server
	addr   string
	port   string
	log    string // the consultation log
	events *lockedBuffer
	stop   context.CancelFunc
	done   chan error
}

// start runs a server for cfg on 127.0.0.1:0; the test's cleanup stops
// it. cfg's guide, host key, log and events are filled in when empty.
func start(t testing.TB, cfg Config) *running {
	t.Helper()
	if cfg.Guide == nil {
		cfg.Guide = guide(t)
	}
	dir := t.TempDir()
	if cfg.HostKey == "" {
		cfg.HostKey = filepath.Join(dir, "host_key")
	}
	if cfg.LogFile == "" {
		cfg.LogFile = filepath.Join(dir, "consultations.log")
	}
	ev := &lockedBuffer{}
	if cfg.Events == nil {
		cfg.Events = ev
	}
	cfg.Listen = "127.0.0.1:0"
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	addr, err := srv.Listen()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{srv: srv, addr: addr.String(), log: cfg.LogFile, events: ev, stop: cancel, done: make(chan error, 1)}
	r.port = r.addr[strings.LastIndex(r.addr, ":")+1:]
	go func() { r.done <- srv.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.done:
		case <-time.After(30 * time.Second):
			t.Error("the server did not stop")
		}
	})
	return r
}

// records reads the consultation log, failing on any line that is not a
// whole record.
func records(t testing.TB, path string) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("log line %q is not a whole record: %v", sc.Text(), err)
		}
		out = append(out, rec)
	}
	if len(b) > 0 && b[len(b)-1] != '\n' {
		t.Fatalf("log does not end in a newline: %q", b)
	}
	return out
}

// waitRecords waits until the log holds n records. The deadline only
// keeps a broken server from hanging the test run.
func waitRecords(t testing.TB, path string, n int) []map[string]any {
	t.Helper()
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if recs := records(t, path); len(recs) >= n {
			return recs
		}
	}
	recs := records(t, path)
	t.Fatalf("log holds %d records, want %d", len(recs), n)
	return nil
}

// dial connects a Go client with the given auth methods.
func dial(addr string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "counter",
		Auth:            auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         20 * time.Second,
	})
}

// sshClient is OpenSSH's ssh for a test server: no config files, no
// known hosts, no agent, nothing asked.
func sshClient(t testing.TB, r *running, args ...string) *exec.Cmd {
	t.Helper()
	path, err := exec.LookPath("ssh")
	if err != nil {
		if os.Getenv("JEWELGUIDE_TEST_SSH") == "1" {
			t.Fatal("JEWELGUIDE_TEST_SSH=1 but OpenSSH's ssh is not on the PATH")
		}
		t.Skip("OpenSSH's ssh is not installed (apt-get install openssh-client)")
	}
	base := []string{
		"-F", "/dev/null", "-p", r.port,
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
		"-o", "GlobalKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
		"-o", "IdentityAgent=none", "-o", "ConnectTimeout=20",
	}
	cmd := exec.Command(path, append(base, args...)...)
	cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
	return cmd
}

// runSSH runs the ssh client with stdin and returns its output and exit
// status; a client that hangs is killed and fails the test.
func runSSH(t testing.TB, cmd *exec.Cmd, stdin string) (stdout, stderr string, code int) {
	t.Helper()
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	hung := time.AfterFunc(30*time.Second, func() { _ = cmd.Process.Kill() })
	err := cmd.Wait()
	if !hung.Stop() {
		t.Fatalf("ssh %v hung; stderr %q", cmd.Args, errb.String())
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// term is the client side of a session with a terminal: it keeps what the
// server drew and answers the two queries a terminal answers (background
// colour, device attributes), as a real one does.
type term struct {
	// stderr is the session's error stream, where the server says why
	// it ended a session.
	stderr *lockedBuffer
	mu     sync.Mutex
	buf    bytes.Buffer
	in     io.Writer
	done   chan struct{}
}

// newTermAnswering starts the client's view; answers false makes it a
// terminal that never answers the queries.
func newTermAnswering(out io.Reader, in io.Writer, answers bool) *term {
	tm := &term{in: in, done: make(chan struct{})}
	go func() {
		defer close(tm.done)
		b := make([]byte, 4096)
		for {
			n, err := out.Read(b)
			tm.mu.Lock()
			before := tm.buf.Len()
			tm.buf.Write(b[:n])
			seen := tm.buf.String()[max(before-16, 0):]
			tm.mu.Unlock()
			if answers && strings.Contains(seen, "\x1b]11;?") {
				_, _ = io.WriteString(in, "\x1b]11;rgb:0000/0000/0000\x1b\\")
			}
			if answers && strings.Contains(seen, "\x1b[c") {
				_, _ = io.WriteString(in, "\x1b[?62;22c")
			}
			if err != nil {
				return
			}
		}
	}()
	return tm
}

func (tm *term) String() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.buf.String()
}

// waitFor waits until the output holds want; the deadline only keeps a
// broken server from hanging the test run.
func (tm *term) waitFor(t testing.TB, want string) {
	t.Helper()
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(ansi.Strip(tm.String()), want) {
			return
		}
	}
	t.Fatalf("never showed %q; got:\n%q", want, tm.String())
}

func (tm *term) send(t testing.TB, keys string) {
	t.Helper()
	if _, err := io.WriteString(tm.in, keys); err != nil {
		t.Fatal(err)
	}
}

// answers answers the fixture's two questions for the handcrafted result,
// in plain mode.
const answers = "2\n2\n"
