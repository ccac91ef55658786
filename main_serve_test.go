//go:build linux

package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// served is the real binary running jewelguide serve on a free loopback
// port, with its stderr (the server's own log) collected.
type served struct {
	cmd    *exec.Cmd
	port   string
	mu     sync.Mutex
	events bytes.Buffer
	exited chan error
}

func (s *served) log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.events.String()
}

var listening = regexp.MustCompile(`listening on 127\.0\.0\.1:(\d+)`)

func startServer(t *testing.T, args ...string) *served {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--listen", "127.0.0.1:0", "--guide", "quiz/serve/testdata/two.yaml"}, args...)...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &served{cmd: cmd, exited: make(chan error, 1)}
	port := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			s.mu.Lock()
			s.events.WriteString(sc.Text() + "\n")
			s.mu.Unlock()
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				port <- m[1]
			}
		}
		s.exited <- cmd.Wait()
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	select {
	case s.port = <-port:
	case <-time.After(20 * time.Second):
		t.Fatalf("the server never said where it listens: %s", s.log())
	}
	return s
}

// wait waits for the server to exit; one that hangs is killed and fails.
func (s *served) wait(t *testing.T) error {
	t.Helper()
	select {
	case err := <-s.exited:
		return err
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		t.Fatalf("the server did not exit; its log:\n%s", s.log())
		return nil
	}
}

// sshArgs are OpenSSH client options for a test server: no config, no
// known hosts, no agent.
func sshArgs(t *testing.T, s *served, key string, extra ...string) []string {
	t.Helper()
	args := []string{"-F", "/dev/null", "-p", s.port, "-i", key, "-o", "IdentitiesOnly=yes",
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "GlobalKnownHostsFile=/dev/null",
		"-o", "LogLevel=ERROR", "-o", "IdentityAgent=none", "-o", "BatchMode=yes"}
	return append(append(args, extra...), "counter@127.0.0.1")
}

// staffKey makes a key pair with ssh-keygen and an authorized keys file
// holding its public half.
func staffKey(t *testing.T, dir, name string) (key, keys string) {
	t.Helper()
	ssh, err := exec.LookPath("ssh")
	if err != nil {
		if os.Getenv("JEWELGUIDE_TEST_SSH") == "1" {
			t.Fatal("JEWELGUIDE_TEST_SSH=1 but OpenSSH's ssh is not on the PATH")
		}
		t.Skip("OpenSSH's ssh is not installed (apt-get install openssh-client)")
	}
	key = filepath.Join(dir, name)
	if out, err := exec.Command(filepath.Join(filepath.Dir(ssh), "ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v %s", err, out)
	}
	return key, key + ".pub"
}

// TestServeStopsCleanlyOnSIGTERM: with a full-screen session on its result
// and a plain one half-way, SIGTERM tells both clients, logs the result on
// screen (only that one), and the server exits 0.
func TestServeStopsCleanlyOnSIGTERM(t *testing.T) {
	dir := t.TempDir()
	key, keys := staffKey(t, dir, "counter-7")
	logFile := filepath.Join(dir, "c.log")
	srv := startServer(t, "--host-key", filepath.Join(dir, "hk"), "--authorized-keys", keys, "--log", logFile)

	screen := startCmdInPTY(t, exec.Command("ssh", sshArgs(t, srv, key, "-t")...), nil)
	screen.screen.waitFor(t, "Press enter to start")
	screen.send(t, "\r")
	screen.screen.waitFor(t, "Question 1 of 2")
	screen.send(t, "2")
	screen.screen.waitFor(t, "Question 2 of 2")
	screen.send(t, "2")
	screen.screen.waitFor(t, "See result")
	screen.send(t, "\r")
	screen.screen.waitFor(t, "Resume code")

	plain := exec.Command("ssh", sshArgs(t, srv, key, "-T")...)
	plainIn, _ := plain.StdinPipe()
	var plainOut, plainErr lockedBuf
	plain.Stdout, plain.Stderr = &plainOut, &plainErr
	if err := plain.Start(); err != nil {
		t.Fatal(err)
	}
	defer plainIn.Close()
	for end := time.Now().Add(20 * time.Second); !strings.Contains(plainOut.String(), "Question 1 of 2") && time.Now().Before(end); {
		time.Sleep(20 * time.Millisecond)
	}

	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := srv.wait(t); err != nil {
		t.Fatalf("exit after SIGTERM: %v; log:\n%s", err, srv.log())
	}
	logged, _ := os.ReadFile(logFile)
	if n := strings.Count(string(logged), "\n"); n != 1 || !strings.Contains(string(logged), `"counter":"counter-7"`) {
		t.Errorf("log after the stop:\n%s", logged)
	}
	_ = screen.wait(t)
	// ssh writes the session's error stream to its own stderr.
	if !strings.Contains(screen.stderr.String(), "the server is stopping; to pick up where you were, use resume code") {
		t.Errorf("the full-screen client was not told: %q", screen.stderr.String())
	}
	hung := time.AfterFunc(20*time.Second, func() { _ = plain.Process.Kill() })
	_ = plain.Wait()
	hung.Stop()
	if !strings.Contains(plainErr.String(), "the server is stopping") {
		t.Errorf("the plain client was not told: %q", plainErr.String())
	}
	if !strings.Contains(srv.log(), "stopping: 2 sessions open") {
		t.Errorf("server log:\n%s", srv.log())
	}
}

// TestServeReloadsKeysOnSIGHUP: a key added to the file gets in after
// SIGHUP, and the server keeps running; SIGINT then stops it with 0.
func TestServeReloadsKeysOnSIGHUP(t *testing.T) {
	dir := t.TempDir()
	first, keys := staffKey(t, dir, "counter-1")
	second, secondPub := staffKey(t, dir, "counter-2")
	srv := startServer(t, "--host-key", filepath.Join(dir, "hk"), "--authorized-keys", keys)
	run := func(key string) int {
		cmd := exec.Command("ssh", sshArgs(t, srv, key, "-T")...)
		cmd.Stdin = strings.NewReader("1\n1\n")
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		return 0
	}
	if code := run(second); code != 255 {
		t.Fatalf("the second key before the reload: exit %d", code)
	}
	b1, _ := os.ReadFile(keys)
	b2, _ := os.ReadFile(secondPub)
	if err := os.WriteFile(keys, append(b1, b2...), 0o600); err != nil {
		t.Fatal(err)
	}
	srv.cmd.Process.Signal(syscall.SIGHUP)
	for end := time.Now().Add(20 * time.Second); !strings.Contains(srv.log(), "reload: 2 staff keys") && time.Now().Before(end); {
		time.Sleep(20 * time.Millisecond)
	}
	if code := run(second); code != 0 {
		t.Errorf("the second key after the reload: exit %d; log:\n%s", code, srv.log())
	}
	if code := run(first); code != 0 {
		t.Errorf("the first key after the reload: exit %d", code)
	}
	srv.cmd.Process.Signal(syscall.SIGINT)
	if err := srv.wait(t); err != nil {
		t.Fatalf("exit after SIGINT: %v", err)
	}
}

func TestServeRefusesToStartOpen(t *testing.T) {
	hk := filepath.Join(t.TempDir(), "hk")
	r := run(t, "", nil, "serve", "--host-key", hk)
	if r.code != 2 || !strings.Contains(r.stderr, "--authorized-keys") || strings.Count(r.stderr, "\n") != 1 {
		t.Fatalf("serve without keys or --public: exit %d, stderr %q", r.code, r.stderr)
	}
	if _, err := os.Stat(hk); err == nil {
		t.Error("a refused start still created a host key")
	}
}

func TestServeBadFlags(t *testing.T) {
	hk := filepath.Join(t.TempDir(), "hk")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--max-session", "soon"}, `--max-session "soon" is not a duration`},
		{[]string{"--max-sessions", "0"}, "--max-sessions 0: allow at least 1"},
		{[]string{"--idle", "1s"}, "--idle 1s is too short"},
		{[]string{"--listen", "127.0.0.1:99999"}, "--listen 127.0.0.1:99999"},
		{[]string{"--save-dir", "/no/such/folder"}, "no such folder"},
		{[]string{"extra"}, "serve takes no arguments"},
	} {
		r := run(t, "", nil, append([]string{"serve", "--public", "--host-key", hk}, tt.args...)...)
		if r.code == 0 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("serve %v: exit %d, stderr %q; want %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
}

// lockedBuf is a buffer written by a command's goroutines and read by the
// test.
type lockedBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
