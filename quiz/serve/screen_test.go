package serve

import (
	"errors"
	"net"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/wish/testsession"
	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// screenSession opens a session with a terminal of the given type and
// size through wish's testsession, starts the shell and returns the
// client's view of it.
func screenSession(t *testing.T, r *running, k testKey, termType string, env map[string]string) (*gossh.Session, *term) {
	t.Helper()
	return screenSessionAnswering(t, r, k, termType, env, true)
}

// screenSessionAnswering is screenSession with a terminal that answers
// the colour query or never does.
func screenSessionAnswering(t *testing.T, r *running, k testKey, termType string, env map[string]string, answers bool) (*gossh.Session, *term) {
	t.Helper()
	s, err := testsession.NewClientSession(t, r.addr, &gossh.ClientConfig{
		User: "counter",
		Auth: []gossh.AuthMethod{gossh.PublicKeys(k.signer)},
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range env {
		if err := s.Setenv(name, v); err != nil {
			t.Fatal(err)
		}
	}
	h, w := 24, 80
	if termType == "xterm-0x0" {
		// What ssh -tt sends when its own input is no terminal.
		termType, h, w = "xterm", 0, 0
	}
	if err := s.RequestPty(termType, h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	in, err := s.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	errs := &lockedBuffer{}
	s.Stderr = errs
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	tm := newTermAnswering(out, in, answers)
	tm.stderr = errs
	return s, tm
}

func staffServer(t *testing.T, cfg Config) (*running, testKey) {
	t.Helper()
	k := newKey(t, "counter-3")
	cfg.AuthorizedKeys = filepath.Join(t.TempDir(), "keys")
	writeKeys(t, cfg.AuthorizedKeys, k)
	return start(t, cfg), k
}

// A session with a terminal gets the full screen in its own colours: 256
// colours for xterm-256color, 16 for xterm. Its resizes reach it, and the
// report is printed after the screen is gone.
func TestScreenSessionColoursAndSize(t *testing.T) {
	r, k := staffServer(t, Config{SaveDir: t.TempDir()})
	s256, t256 := screenSession(t, r, k, "xterm-256color", nil)
	s16, t16 := screenSession(t, r, k, "xterm", nil)
	for _, tm := range []*term{t256, t16} {
		tm.waitFor(t, "Press enter to start")
		tm.send(t, "\r")
		tm.waitFor(t, "Question 1 of 2")
	}
	if !regexp.MustCompile(`\x1b\[[0-9;]*38;5;\d+`).MatchString(t256.String()) {
		t.Errorf("xterm-256color drew no 256-colour codes:\n%q", t256.String())
	}
	if regexp.MustCompile(`38;5;`).MatchString(t16.String()) || !regexp.MustCompile(`\x1b\[[0-9;]*(3[0-7]|9[0-7])m`).MatchString(t16.String()) {
		t.Errorf("xterm drew other than 16 colours:\n%q", t16.String())
	}
	// A narrower window: the frame is redrawn for it.
	if err := s256.WindowChange(20, 44); err != nil {
		t.Fatal(err)
	}
	t256.send(t, "2")
	t256.waitFor(t, "Question 2 of 2")
	t256.send(t, "2")
	t256.waitFor(t, "See result")
	t256.send(t, "\r")
	t256.waitFor(t, "Resume code")
	// Counter keys work for staff: a handout lands in the server's folder.
	t256.send(t, "s")
	t256.waitFor(t, "Saved")
	t256.send(t, "q")
	t256.waitFor(t, "Resume code: ")
	if err := s256.Wait(); err != nil {
		t.Errorf("session ended with %v", err)
	}
	recs := waitRecords(t, r.log, 1)
	if recs[0]["verdict"] != "hand" {
		t.Errorf("record %v", recs[0])
	}
	_ = s16.Close()
}

// ACCESSIBLE, as OpenSSH sends it with -o SetEnv=ACCESSIBLE=1, turns a
// session with a terminal into plain mode, with typing echoed.
func TestAccessibleGetsPlainMode(t *testing.T) {
	r, k := staffServer(t, Config{})
	s, tm := screenSession(t, r, k, "xterm-256color", map[string]string{"ACCESSIBLE": "1"})
	tm.waitFor(t, "Question 1 of 2")
	tm.send(t, "9\x7f2\r")
	tm.waitFor(t, "Question 2 of 2")
	tm.send(t, "2\r")
	tm.waitFor(t, "Resume code:")
	if err := s.Wait(); err != nil {
		t.Errorf("session ended with %v", err)
	}
	v := tm.String()
	if strings.Contains(v, "\x1b[?1049h") || strings.Contains(v, "\x1b]11;?") {
		t.Errorf("plain mode drew the full screen or queried the terminal:\n%q", v)
	}
	if !strings.Contains(v, "9\b \b2\r\n") {
		t.Errorf("typing was not echoed with its backspace:\n%q", v)
	}
	waitRecords(t, r.log, 1)
}

// A connection dropped with the result on screen is logged, as a closed
// terminal window is at a counter; a public session's record says so.
func TestDroppedConnectionLogsResult(t *testing.T) {
	r := start(t, Config{Public: true})
	k := newKey(t, "")
	s, tm := screenSession(t, r, k, "xterm-256color", nil)
	tm.waitFor(t, "Press enter to start")
	tm.send(t, "\r")
	tm.waitFor(t, "Question 1 of 2")
	tm.send(t, "1")
	tm.waitFor(t, "Question 2 of 2")
	tm.send(t, "1")
	tm.waitFor(t, "See result")
	tm.send(t, "\r")
	tm.waitFor(t, "Resume code")
	if strings.Contains(tm.String(), "ref/note") {
		t.Error("a public session offers the reference and note")
	}
	s.Close()
	recs := waitRecords(t, r.log, 1)
	if recs[0]["verdict"] != "mass" || recs[0]["public"] != true {
		t.Errorf("record %v, want mass, public", recs[0])
	}
}

// The server's own stop tells each session, logs the result on screen and
// ends Serve without an error.
func TestStopTellsSessionsAndLogs(t *testing.T) {
	r, k := staffServer(t, Config{})
	s, tm := screenSession(t, r, k, "xterm-256color", nil)
	tm.waitFor(t, "Press enter to start")
	tm.send(t, "\r")
	tm.waitFor(t, "Question 1 of 2")
	tm.send(t, "2")
	tm.waitFor(t, "Question 2 of 2")
	tm.send(t, "2")
	tm.waitFor(t, "See result")
	tm.send(t, "\r")
	tm.waitFor(t, "Resume code")
	code := regexp.MustCompile(`Resume code (\S+)`).FindStringSubmatch(ansi.Strip(tm.String()))
	r.stop()
	if err := <-r.done; err != nil {
		t.Fatalf("Serve after a stop: %v", err)
	}
	r.done <- nil // for the cleanup
	recs := records(t, r.log)
	if len(recs) != 1 || recs[0]["verdict"] != "hand" {
		t.Fatalf("log after the stop: %v", recs)
	}
	if !strings.Contains(r.events.String(), "stopping: 1 session open") {
		t.Errorf("events: %s", r.events.String())
	}
	// The client was told why, with the code to pick up from; its
	// session ended rather than hung.
	_ = s.Wait()
	<-tm.done
	if code == nil || !strings.Contains(tm.stderr.String(), "the server is stopping; to pick up where you were, use resume code "+code[1]) {
		t.Errorf("client's stderr %q, code %v", tm.stderr.String(), code)
	}
}

// A client that never answers the colour query costs a moment, not a
// session that waits for its first key and then drops it: enter typed
// before the first frame still starts the quiz.
func TestSilentTerminalKeepsEarlyKeys(t *testing.T) {
	r, k := staffServer(t, Config{})
	_, tm := screenSessionAnswering(t, r, k, "xterm-256color", nil, false)
	for end := time.Now().Add(20 * time.Second); !strings.Contains(tm.String(), "\x1b[c") && time.Now().Before(end); {
		time.Sleep(10 * time.Millisecond)
	}
	// Typed while the server still waits for an answer.
	tm.send(t, "\r")
	tm.waitFor(t, "Question 1 of 2")
}

// A terminal of no size (ssh -tt from a script) is drawn at 80×24 instead
// of not at all.
func TestZeroSizeTerminalIsDrawn(t *testing.T) {
	r, k := staffServer(t, Config{})
	_, tm := screenSession(t, r, k, "xterm-0x0", nil)
	tm.waitFor(t, "Press enter to start")
}

// freezer is a loopback proxy whose traffic can be stopped dead, as a
// pulled cable stops it: data still leaves, nothing comes back.
type freezer struct {
	addr   string
	frozen atomic.Bool
}

func newFreezer(t *testing.T, to string) *freezer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	f := &freezer{addr: ln.Addr().String()}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", to)
			if err != nil {
				c.Close()
				return
			}
			t.Cleanup(func() { c.Close(); s.Close() })
			go f.pipe(c, s)
			go f.pipe(s, c)
		}
	}()
	return f
}

// pipe copies until either side closes, dropping what passes once frozen.
func (f *freezer) pipe(dst, src net.Conn) {
	b := make([]byte, 4096)
	for {
		n, err := src.Read(b)
		if err != nil {
			return
		}
		if !f.frozen.Load() {
			if _, err := dst.Write(b[:n]); err != nil {
				return
			}
		}
	}
}

// A client that stops answering with its result on screen is closed after
// the keep-alive goes unanswered, and the consultation is logged.
func TestSilentClientIsClosedAndLogged(t *testing.T) {
	r, k := staffServer(t, Config{KeepAlive: 100 * time.Millisecond})
	proxy := newFreezer(t, r.addr)
	_, tm := screenSession(t, &running{addr: proxy.addr}, k, "xterm-256color", nil)
	tm.waitFor(t, "Press enter to start")
	tm.send(t, "\r")
	tm.waitFor(t, "Question 1 of 2")
	tm.send(t, "2")
	tm.waitFor(t, "Question 2 of 2")
	tm.send(t, "2")
	tm.waitFor(t, "See result")
	tm.send(t, "\r")
	tm.waitFor(t, "Resume code")
	proxy.frozen.Store(true)
	recs := waitRecords(t, r.log, 1)
	if recs[0]["verdict"] != "hand" {
		t.Errorf("record %v", recs[0])
	}
	if !strings.Contains(r.events.String(), "stopped answering") {
		t.Errorf("events:\n%s", r.events.String())
	}
}

// ctrl+c at the result does over SSH what it does at a counter: the
// consultation is logged, the report is not printed, and the client is
// told why in one line.
func TestCtrlCAtResultLogsWithoutReport(t *testing.T) {
	r, k := staffServer(t, Config{})
	s, tm := screenSession(t, r, k, "xterm-256color", nil)
	tm.waitFor(t, "Press enter to start")
	tm.send(t, "\r")
	tm.waitFor(t, "Question 1 of 2")
	tm.send(t, "2")
	tm.waitFor(t, "Question 2 of 2")
	tm.send(t, "2")
	tm.waitFor(t, "See result")
	tm.send(t, "\r")
	tm.waitFor(t, "Resume code")
	tm.send(t, "\x03")
	err := s.Wait()
	<-tm.done
	var exit *gossh.ExitError
	if !errors.As(err, &exit) || exit.ExitStatus() != 130 {
		t.Errorf("session ended with %v, want exit status 130", err)
	}
	if strings.Contains(ansi.Strip(tm.String()), "Resume code: ") {
		t.Errorf("the report was printed after ctrl+c:\n%q", tm.String())
	}
	if got := tm.stderr.String(); got != "jewelguide: interrupted; the consultation on screen was not printed\r\n" {
		t.Errorf("client's stderr %q", got)
	}
	recs := waitRecords(t, r.log, 1)
	if len(recs) != 1 || recs[0]["verdict"] != "hand" {
		t.Errorf("log after ctrl+c: %v", recs)
	}
}

// ctrl+c in plain mode with a terminal says the session was interrupted,
// not that the input ran out; and each answer typed is followed by the
// next line at once, as at a local terminal, not by a blank line.
func TestPlainModeCtrlCAndEcho(t *testing.T) {
	r, k := staffServer(t, Config{})
	s, tm := screenSession(t, r, k, "xterm-256color", map[string]string{"ACCESSIBLE": "1"})
	tm.waitFor(t, "Question 1 of 2")
	tm.send(t, "2\r")
	tm.waitFor(t, "Question 2 of 2")
	tm.send(t, "\x03")
	err := s.Wait()
	<-tm.done
	var exit *gossh.ExitError
	if !errors.As(err, &exit) || exit.ExitStatus() != 130 {
		t.Errorf("session ended with %v, want exit status 130", err)
	}
	if got := tm.stderr.String(); got != "jewelguide: interrupted (ctrl+c); no report was written\r\n" {
		t.Errorf("client's stderr %q", got)
	}
	if v := tm.String(); !regexp.MustCompile(`\): 2\r\n[[:alpha:]]`).MatchString(v) {
		t.Errorf("the answer's echo is not followed by the next line at once:\n%q", v)
	}
	if recs := records(t, r.log); len(recs) != 0 {
		t.Errorf("an interrupted quiz was logged: %v", recs)
	}
}
