//go:build linux

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal pair with the Linux /dev/ptmx calls, so
// the full-screen interface can be tested as it runs in a real terminal.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.IoctlSetWinsize(int(s.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 24, Col: 80}); err != nil {
		t.Fatal(err)
	}
	return m, s
}

// screen collects everything the program draws.
type screen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// waitFor polls until the drawn output holds want; the deadline only stops
// a hung program from hanging the test run, it asserts nothing about speed.
func (s *screen) waitFor(t *testing.T, want string) {
	t.Helper()
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if strings.Contains(s.String(), want) {
			return
		}
	}
	t.Fatalf("screen never showed %q; got:\n%q", want, s.String())
}

// ptyRun is the binary running in a pseudo-terminal, with what it drew.
type ptyRun struct {
	cmd    *exec.Cmd
	master *os.File
	screen *screen
	stderr *bytes.Buffer
	// drained is closed once everything the program wrote has been read.
	drained chan struct{}
}

// startInPTY starts the binary on a fresh 80×24 pseudo-terminal as its
// controlling terminal, the way a shell would.
func startInPTY(t *testing.T, env []string, args ...string) *ptyRun {
	t.Helper()
	return startCmdInPTY(t, exec.Command(bin, args...), env)
}

// startCmdInPTY is startInPTY for any command, such as an ssh client.
func startCmdInPTY(t *testing.T, cmd *exec.Cmd, env []string) *ptyRun {
	t.Helper()
	master, slave := openPTY(t)
	t.Cleanup(func() { master.Close() })
	// screen-* terminals are not asked for their background colour, which
	// this test's terminal would never answer.
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "TERM=screen-256color"}, env...)
	cmd.Stdin, cmd.Stdout = slave, slave
	r := &ptyRun{cmd: cmd, master: master, screen: &screen{}, stderr: &bytes.Buffer{}, drained: make(chan struct{})}
	cmd.Stderr = r.stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	go func() {
		defer close(r.drained)
		buf := make([]byte, 4096)
		for {
			// Once the program has exited and closed the terminal, the
			// reads return what is left and then an error.
			n, err := master.Read(buf)
			r.screen.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	return r
}

func (r *ptyRun) send(t *testing.T, keys string) {
	t.Helper()
	if _, err := r.master.Write([]byte(keys)); err != nil {
		t.Fatal(err)
	}
}

// wait waits for the program to exit. One that hangs on shutdown must fail
// the test, not hang CI: it is killed after a generous wait.
func (r *ptyRun) wait(t *testing.T) error {
	t.Helper()
	hung := time.AfterFunc(20*time.Second, func() { r.cmd.Process.Kill() })
	err := r.cmd.Wait()
	if !hung.Stop() {
		t.Fatalf("the program did not exit; killed it. stderr: %q", r.stderr.String())
	}
	// The program may exit before the test has read its last output (the
	// report printed after the interface): wait until it is all read.
	select {
	case <-r.drained:
	case <-time.After(10 * time.Second):
		t.Fatalf("the terminal's output was not drained")
	}
	return err
}

func TestInterfaceRestoresTerminalOnSignals(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGTERM, 143}, {syscall.SIGHUP, 129}, {syscall.SIGINT, 130}, {syscall.SIGQUIT, 131}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			r := startInPTY(t, nil)
			r.screen.waitFor(t, "Press enter to start")
			r.send(t, "\r")
			r.screen.waitFor(t, "Question 1 of 7")
			if err := r.cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			err := r.wait(t)
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != tc.code {
				t.Fatalf("exit: %v, want status %d; stderr %q", err, tc.code, r.stderr.String())
			}
			out := r.screen.String()
			entered := strings.LastIndex(out, "\x1b[?1049h")
			left := strings.LastIndex(out, "\x1b[?1049l")
			if entered < 0 || left < entered {
				t.Errorf("the alternate screen was not left after the signal (entered at %d, left at %d)", entered, left)
			}
			if !strings.Contains(out[entered:], "\x1b[?25h") {
				t.Errorf("the cursor was not shown again")
			}
			if !strings.Contains(r.stderr.String(), "jewelguide: stopped by") || strings.Contains(r.stderr.String(), "goroutine ") {
				t.Errorf("stderr should say why it stopped, and only that: %q", r.stderr.String())
			}
		})
	}
}
