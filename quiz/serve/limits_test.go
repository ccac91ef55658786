package serve

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

var noQuestions = gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })

// plainSession is a session without a terminal, as ssh -T opens one.
type plainSession struct {
	c         *gossh.Client
	s         *gossh.Session
	in        io.WriteCloser
	out, errs *lockedBuffer
}

// openPlain starts a plain session that waits at the first question.
func openPlain(t *testing.T, addr string, auth gossh.AuthMethod) plainSession {
	t.Helper()
	c, err := dial(addr, auth)
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, errs := &lockedBuffer{}, &lockedBuffer{}
	s.Stdout, s.Stderr = out, errs
	in, err := s.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	return plainSession{c: c, s: s, in: in, out: out, errs: errs}
}

// waitText waits until b holds want; the deadline only keeps a broken
// server from hanging the test run.
func waitText(t *testing.T, b *lockedBuffer, want string) {
	t.Helper()
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(b.String(), want) {
			return
		}
	}
	t.Fatalf("never got %q; got %q", want, b.String())
}

func exitStatus(err error) int {
	if ee, ok := err.(*gossh.ExitError); ok {
		return ee.ExitStatus()
	}
	if err == nil {
		return 0
	}
	return -1
}

func TestSessionCap(t *testing.T) {
	r := start(t, Config{Public: true, MaxSessions: 2})
	var held []*gossh.Client
	for range 2 {
		p := openPlain(t, r.addr, noQuestions)
		waitText(t, p.out, "Question 1 of 2")
		held = append(held, p.c)
	}
	p := openPlain(t, r.addr, noQuestions)
	err := p.s.Wait()
	if exitStatus(err) != 1 || p.out.String() != "" || strings.Count(p.errs.String(), "\n") != 1 || !strings.Contains(p.errs.String(), "all 2 places are in use") {
		t.Errorf("third session: %v, stdout %q, stderr %q", err, p.out.String(), p.errs.String())
	}
	p.c.Close()
	// A place freed is a place taken again.
	held[0].Close()
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if r.srv.open.Load() < 2 {
			break
		}
	}
	p = openPlain(t, r.addr, noQuestions)
	waitText(t, p.out, "Question 1 of 2")
	p.c.Close()
	held[1].Close()
}

func TestRateLimitPerAddress(t *testing.T) {
	r := start(t, Config{Public: true, RateBurst: 3})
	refused, letIn := 0, 0
	began := time.Now()
	for range 6 {
		p := openPlain(t, r.addr, noQuestions)
		p.in.Close()
		err := p.s.Wait()
		switch {
		case exitStatus(err) == 1 && strings.Contains(p.errs.String(), "too many sessions from your address"):
			refused++
		case strings.Contains(p.errs.String(), "input ended at question 1"):
			letIn++
		default:
			t.Errorf("session ended with %v, stderr %q", err, p.errs.String())
		}
		p.c.Close()
	}
	// A burst of three, then one a second: however slow this machine,
	// no more than that got in, and the burst itself always did.
	allowed := 3 + int(time.Since(began).Seconds())
	if letIn < 3 || letIn > allowed || (allowed < 6 && refused == 0) {
		t.Errorf("%d let in, %d refused; want 3 to %d let in; events:\n%s", letIn, refused, allowed, r.events.String())
	}
}

// A public session has an hour by default; --max-session sets another
// length, after which the client is told and the session ends.
func TestMaxSession(t *testing.T) {
	r := start(t, Config{Public: true, MaxSession: 300 * time.Millisecond})
	p := openPlain(t, r.addr, noQuestions)
	defer p.c.Close()
	waitText(t, p.out, "Question 1 of 2")
	err := p.s.Wait()
	if exitStatus(err) != 1 || !strings.Contains(p.errs.String(), "this session reached its time limit of 300ms") {
		t.Errorf("after the limit: %v, stderr %q", err, p.errs.String())
	}
	def := &Server{cfg: Config{}}
	if def.maxSession(visitor{}) != time.Hour || def.maxSession(visitor{staff: true}) != 0 {
		t.Errorf("default limits: public %v, staff %v", def.maxSession(visitor{}), def.maxSession(visitor{staff: true}))
	}
}

// A panic in one session ends that session with a message and a line in
// the server's log; the server goes on serving.
func TestPanicEndsOnlyThatSession(t *testing.T) {
	ev := &panicky{}
	r := start(t, Config{Public: true, Events: ev})
	c, err := dial(r.addr, noQuestions)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, _ := c.NewSession()
	var errs bytes.Buffer
	s.Stderr = &errs
	s.Stdin = strings.NewReader(answers)
	// The logging step writes `connect ... user "counter"`; for this
	// user the writer panics, inside the session's goroutine.
	if err := s.Run(""); exitStatus(err) != 1 || !strings.Contains(errs.String(), "something went wrong on the server") {
		t.Fatalf("panicking session: %v, stderr %q", err, errs.String())
	}
	if !strings.Contains(ev.String(), "panic in the session of") {
		t.Errorf("events: %s", ev.String())
	}
	// Another client is served as before.
	c2, err := dial(r.addr, noQuestions)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	s2, _ := c2.NewSession()
	s2.Stdin = strings.NewReader(answers)
	if out, err := s2.Output(""); err != nil || !strings.Contains(string(out), "Resume code:") {
		t.Fatalf("after the panic: %v\n%s", err, out)
	}
}

// panicky is an event log whose writes panic for the user "counter"'s
// connection line (dial's user), once.
type panicky struct {
	lockedBuffer
	once sync.Once
}

func (p *panicky) Write(b []byte) (int, error) {
	if bytes.Contains(b, []byte(`user "counter"`)) {
		fire := false
		p.once.Do(func() { fire = true })
		if fire {
			panic("the event log broke")
		}
	}
	return p.lockedBuffer.Write(b)
}

// SIGHUP's reload takes a new key in and an old one out without touching
// a session already open.
func TestReloadKeys(t *testing.T) {
	oldKey, newK := newKey(t, "old-counter"), newKey(t, "new-counter")
	keys := filepath.Join(t.TempDir(), "keys")
	writeKeys(t, keys, oldKey)
	r := start(t, Config{AuthorizedKeys: keys})
	p := openPlain(t, r.addr, gossh.PublicKeys(oldKey.signer))
	defer p.c.Close()
	waitText(t, p.out, "Question 1 of 2")
	if _, err := dial(r.addr, gossh.PublicKeys(newK.signer)); err == nil {
		t.Fatal("the new key got in before the reload")
	}
	writeKeys(t, keys, newK)
	if err := r.srv.Reload(); err != nil {
		t.Fatal(err)
	}
	c2, err := dial(r.addr, gossh.PublicKeys(newK.signer))
	if err != nil {
		t.Fatalf("new key after the reload: %v", err)
	}
	c2.Close()
	if _, err := dial(r.addr, gossh.PublicKeys(oldKey.signer)); err == nil {
		t.Error("the removed key still gets in")
	}
	// A broken file keeps the keys in force.
	os.WriteFile(keys, []byte("not a key\n"), 0o600)
	if err := r.srv.Reload(); err == nil {
		t.Error("a broken keys file was taken")
	}
	if c3, err := dial(r.addr, gossh.PublicKeys(newK.signer)); err != nil {
		t.Errorf("a broken file locked the counter out: %v", err)
	} else {
		c3.Close()
	}
	// The session opened with the old key goes on.
	if _, err := io.WriteString(p.in, "1\n"); err != nil {
		t.Fatalf("the old session was dropped: %v", err)
	}
	waitText(t, p.out, "Question 2 of 2")
}

// What a client chooses to call itself reaches the server's log quoted:
// no escape codes, no line of its own.
func TestLogQuotesWhatClientsSend(t *testing.T) {
	r := start(t, Config{Public: true})
	c, err := gossh.Dial("tcp", r.addr, &gossh.ClientConfig{
		User:            "eve\x1b[31m\n2026/01/01 00:00:00 stopped",
		Auth:            []gossh.AuthMethod{noQuestions},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, _ := c.NewSession()
	s.Stdin = strings.NewReader(answers)
	if _, err := s.Output(""); err != nil {
		t.Fatal(err)
	}
	ev := r.events.String()
	if strings.Contains(ev, "\x1b") || strings.Contains(ev, "\n2026/01/01") || !strings.Contains(ev, `user "eve\x1b[31m\n2026`) {
		t.Errorf("events:\n%q", ev)
	}
}

// Connections that never log in are closed after LoginWait, and no more
// than two per allowed session are held open at once.
func TestConnectionsThatNeverLogIn(t *testing.T) {
	r := start(t, Config{Public: true, MaxSessions: 1, LoginWait: 300 * time.Millisecond})
	var idle []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", r.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		idle = append(idle, c)
	}
	// Both are taken in: the server greets them with its version.
	for _, c := range idle {
		c.SetReadDeadline(time.Now().Add(20 * time.Second))
		if line, err := bufio.NewReader(c).ReadString('\n'); err != nil || !strings.HasPrefix(line, "SSH-2.0-") {
			t.Fatalf("greeting %q, %v", line, err)
		}
	}
	// A third is closed at once, before any greeting.
	third, err := net.Dial("tcp", r.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	third.SetReadDeadline(time.Now().Add(20 * time.Second))
	if n, err := third.Read(make([]byte, 64)); err == nil {
		t.Errorf("a third connection got %d bytes", n)
	}
	// The two that never log in are closed after the wait, and a real
	// client gets in again.
	for _, c := range idle {
		if _, err := io.ReadAll(c); err != nil {
			t.Errorf("waiting for the close: %v", err)
		}
	}
	for end := time.Now().Add(20 * time.Second); r.srv.conns.Load() > 0 && time.Now().Before(end); {
		time.Sleep(10 * time.Millisecond)
	}
	c, err := dial(r.addr, noQuestions)
	if err != nil {
		t.Fatalf("after the idle ones were closed: %v", err)
	}
	c.Close()
	if ev := r.events.String(); !strings.Contains(ev, "too many connections open") || !strings.Contains(ev, "no login within 300ms") {
		t.Errorf("events:\n%s", ev)
	}
}
