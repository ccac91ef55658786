//go:build linux

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// plainAnswers answers every question of the built-in guide in plain mode.
const plainAnswers = "3\n3\n3\n3\n3\n3\n1,2\n"

// startPiped starts the binary with stdin from a string, as run does, but
// without waiting for it.
func startPiped(t *testing.T, stdin string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "TERM=xterm-256color"}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stderr
}

// exitCode waits for cmd and returns its exit status. A program that does
// not exit fails the test instead of hanging it: it is killed after a
// generous wait, which asserts nothing about speed.
func exitCode(t *testing.T, cmd *exec.Cmd, stderr *bytes.Buffer) int {
	t.Helper()
	hung := time.AfterFunc(20*time.Second, func() { cmd.Process.Kill() })
	err := cmd.Wait()
	if !hung.Stop() {
		t.Fatalf("the program did not exit; killed it. stderr: %q", stderr.String())
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

// openWhenRead opens the FIFO for writing once the program has opened it
// for reading; the program then blocks reading from it.
func openWhenRead(t *testing.T, fifo string) *os.File {
	t.Helper()
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0)
		if err == nil {
			return f
		}
	}
	t.Fatalf("the program never opened %s", fifo)
	return nil
}

// TestSignalActsWhileWaitingOnAFIFO: a guide, an answers file or a guide
// to check that is a FIFO no one writes to blocks the program; the first
// SIGTERM must end it with its status, not wait for the FIFO.
func TestSignalActsWhileWaitingOnAFIFO(t *testing.T) {
	for _, tc := range []struct {
		name string
		args func(fifo string) []string
	}{
		{"guide", func(f string) []string { return []string{"--guide", f} }},
		{"answers", func(f string) []string { return []string{"--answers", f} }},
		{"check", func(f string) []string { return []string{"check", f} }},
		{"stats", func(f string) []string { return []string{"stats", f} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fifo := filepath.Join(t.TempDir(), "fifo")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Fatal(err)
			}
			cmd, stderr := startPiped(t, "", tc.args(fifo)...)
			w := openWhenRead(t, fifo)
			defer w.Close()
			if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			if code := exitCode(t, cmd, stderr); code != 143 || !strings.Contains(stderr.String(), "jewelguide: stopped by SIGTERM") {
				t.Errorf("exit %d, stderr %q; want 143 and the reason", code, stderr.String())
			}
		})
	}
}

// TestLogMustBeARegularFile: --log naming a FIFO used to block the start
// until someone read it; a link to a missing file used to create its
// target wherever it pointed.
func TestLogMustBeARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd, stderr := startPiped(t, plainAnswers, "--plain", "--log", fifo)
	if code := exitCode(t, cmd, stderr); code != 2 || !strings.Contains(stderr.String(), fifo+" is not a regular file") {
		t.Errorf("--log FIFO: exit %d, stderr %q", code, stderr.String())
	}
	target := filepath.Join(dir, "elsewhere.log")
	link := filepath.Join(dir, "c.log")
	os.Symlink(target, link)
	r := run(t, plainAnswers, nil, "--plain", "--log", link)
	if r.code != 2 || !strings.Contains(r.stderr, "is a link to "+target+", which does not exist") {
		t.Errorf("--log dangling link: exit %d, stderr %q", r.code, r.stderr)
	}
	if _, err := os.Lstat(target); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the link's target was created")
	}
}

func TestLogReadableByOthersWarns(t *testing.T) {
	logFile := filepath.Join(t.TempDir(), "c.log")
	os.WriteFile(logFile, nil, 0o644)
	os.Chmod(logFile, 0o644)
	r := run(t, plainAnswers, nil, "--plain", "--log", logFile)
	if r.code != 0 || !strings.Contains(r.stderr, "jewelguide: warning: other users can read the log "+logFile+" (mode 0644)") {
		t.Errorf("exit %d, stderr %q; want a warning naming the mode", r.code, r.stderr)
	}
	if fi, _ := os.Stat(logFile); fi.Mode().Perm() != 0o644 {
		t.Errorf("the log's mode was changed to %v", fi.Mode().Perm())
	}
}

// TestLogWriteCutOffByFileSizeLimit runs plain mode under a file-size
// limit that cuts the log line off half-way (SIGXFSZ ignored, as a shell's
// trap leaves it): the log must be left as it was, and the line printed
// on stderr so the consultation is not lost.
func TestLogWriteCutOffByFileSizeLimit(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("needs bash for ulimit")
	}
	logFile := filepath.Join(t.TempDir(), "c.log")
	// 1,900 bytes of whole lines; bash's ulimit -f 2 allows 2,048, less
	// than a record more.
	prefill := strings.Repeat(`{"version":1,"verdict":"mix"}`+"\n", 1900/30)
	if err := os.WriteFile(logFile, []byte(prefill), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "-c", `trap "" XFSZ; ulimit -f 2; exec "$0" "$@"`, bin, "--plain", "--log", logFile)
	cmd.Stdin = strings.NewReader(plainAnswers)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1; stderr %q", err, stderr.String())
	}
	if b, _ := os.ReadFile(logFile); string(b) != prefill {
		t.Errorf("the log was changed by the failed write; it ends %q", b[max(0, len(b)-80):])
	}
	var line string
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.HasPrefix(l, "{") {
			line = l
		}
	}
	var rec struct{ Verdict string }
	if !strings.Contains(stderr.String(), "1 consultation could not be written to "+logFile) || json.Unmarshal([]byte(line), &rec) != nil || rec.Verdict == "" {
		t.Errorf("stderr should say so and hold the record's line:\n%s", stderr.String())
	}
}

// waitForAfter polls until what was drawn after the first mark bytes holds
// want, and returns the length drawn by then.
func (s *screen) waitForAfter(t *testing.T, mark int, want string) int {
	t.Helper()
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		out := s.String()
		if strings.Contains(out[mark:], want) {
			return len(out)
		}
	}
	t.Fatalf("screen never showed %q after byte %d; got:\n%q", want, mark, s.String()[mark:])
	return 0
}

// processState is the one-letter state of pid in /proc (T when stopped).
func processState(t *testing.T, pid int) string {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		t.Fatal(err)
	}
	// pid (comm) state ...; comm may hold spaces, so cut after its ')'.
	s := string(b[bytes.LastIndexByte(b, ')')+2:])
	return s[:1]
}

// TestStopAndContinue sends SIGTSTP (as kill -TSTP does) to the full
// screen: the terminal must be given back before the process stops (main
// screen, cursor shown, keys cooked), and after SIGCONT the interface must
// take it again, redraw and answer keys at once.
func TestStopAndContinue(t *testing.T) {
	r := startInPTY(t, nil)
	r.screen.waitFor(t, "Press enter to start")
	r.send(t, "\r")
	mark := len(r.screen.String())
	r.screen.waitForAfter(t, mark, "Question 1 of 7")
	mark = len(r.screen.String())
	if err := r.cmd.Process.Signal(syscall.SIGTSTP); err != nil {
		t.Fatal(err)
	}
	left := r.screen.waitForAfter(t, mark, "\x1b[?1049l")
	if !strings.Contains(r.screen.String()[mark:], "\x1b[?25h") {
		t.Errorf("the cursor was not shown again before stopping")
	}
	for end := time.Now().Add(20 * time.Second); processState(t, r.cmd.Process.Pid) != "T"; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("the process never stopped (state %s)", processState(t, r.cmd.Process.Pid))
		}
	}
	if err := r.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	back := r.screen.waitForAfter(t, left, "\x1b[?1049h")
	r.screen.waitForAfter(t, left, "Question 1 of 7")
	// One key, no enter: it only acts if raw mode is back.
	r.send(t, "2")
	r.screen.waitForAfter(t, back, "Question 2 of 7")
	r.send(t, "\x03")
	r.wait(t)
}

// TestCtrlCLogsTheConsultationOnScreen: ctrl+c on a shown result logs it,
// as a SIGINT from another process does; it still prints no report.
func TestCtrlCLogsTheConsultationOnScreen(t *testing.T) {
	code, _ := resumeCode(t, allAnswers...)
	logFile := filepath.Join(t.TempDir(), "c.log")
	r := startInPTY(t, []string{"NO_COLOR=1"}, "--resume", code, "--log", logFile)
	r.screen.waitFor(t, "7 of 7 answered")
	r.send(t, "\r")
	r.screen.waitFor(t, "Resume code "+code)
	r.send(t, "\x03")
	err := r.wait(t)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Fatalf("exit: %v, want status 130; stderr %q", err, r.stderr.String())
	}
	logged, _ := os.ReadFile(logFile)
	if n := strings.Count(string(logged), "\n"); n != 1 || !strings.Contains(string(logged), `"occasion":["gift"]`) {
		t.Errorf("log after ctrl+c on the result:\n%s", logged)
	}
	if out := r.screen.String(); strings.Contains(out[strings.LastIndex(out, "\x1b[?1049l"):], "Resume code:") {
		t.Errorf("ctrl+c printed the report")
	}
}

// TestSignalDuringSave sends SIGTERM right after s: whether the save had
// started or not, the folder holds a complete handout or none, never a
// temporary file, and the consultation is logged.
func TestSignalDuringSave(t *testing.T) {
	code, _ := resumeCode(t, allAnswers...)
	dir := t.TempDir()
	logFile := filepath.Join(dir, "c.log")
	r := startInPTY(t, []string{"NO_COLOR=1"}, "--resume", code, "--log", logFile, "--save-dir", dir)
	r.screen.waitFor(t, "7 of 7 answered")
	r.send(t, "\r")
	r.screen.waitFor(t, "Resume code "+code)
	r.send(t, "s")
	if err := r.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err := r.wait(t)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 143 {
		t.Fatalf("exit: %v, want status 143; stderr %q", err, r.stderr.String())
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "."):
			t.Errorf("left %s behind", name)
		case strings.HasSuffix(name, ".md"):
			if b, _ := os.ReadFile(filepath.Join(dir, name)); !strings.Contains(string(b), "Resume code: "+code) {
				t.Errorf("handout %s is incomplete", name)
			}
		}
	}
	if logged, _ := os.ReadFile(logFile); strings.Count(string(logged), "\n") != 1 {
		t.Errorf("log after SIGTERM on the result:\n%s", logged)
	}
}

// TestSecondSignalStillRestoresTerminal sends SIGTERM twice in a row: the
// second cuts short whatever the first was waiting for, but the terminal
// is restored and the status is the first signal's, not a death by signal.
func TestSecondSignalStillRestoresTerminal(t *testing.T) {
	r := startInPTY(t, nil)
	r.screen.waitFor(t, "Press enter to start")
	r.send(t, "\r")
	r.screen.waitFor(t, "Question 1 of 7")
	r.cmd.Process.Signal(syscall.SIGTERM)
	// Two signals sent together arrive as one; a moment apart, the second
	// comes while the first is being handled (the pause only spaces them,
	// nothing is timed).
	time.Sleep(2 * time.Millisecond)
	r.cmd.Process.Signal(syscall.SIGTERM)
	err := r.wait(t)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 143 {
		t.Fatalf("exit: %v, want status 143; stderr %q", err, r.stderr.String())
	}
	out := r.screen.String()
	if entered, left := strings.LastIndex(out, "\x1b[?1049h"), strings.LastIndex(out, "\x1b[?1049l"); left < entered {
		t.Errorf("the alternate screen was not left")
	}
}
