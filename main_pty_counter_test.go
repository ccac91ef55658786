//go:build linux

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestResumeInTerminal opens a resume code in the full-screen interface:
// it lands on the review with the customer's answers, the result shows the
// same code, s saves a handout and quitting logs the consultation once.
func TestResumeInTerminal(t *testing.T) {
	code, _ := resumeCode(t, allAnswers...)
	dir := t.TempDir()
	logFile := filepath.Join(dir, "c.log")
	r := startInPTY(t, []string{"NO_COLOR=1"}, "--resume", code, "--log", logFile, "--save-dir", dir, "--idle", "10m")
	scr := r.screen
	scr.waitFor(t, "7 of 7 answered")
	scr.waitFor(t, "Occasion: A gift")
	r.send(t, "\r")
	scr.waitFor(t, "Resume code "+code)
	r.send(t, "s")
	scr.waitFor(t, "Saved "+dir)
	r.send(t, "q")
	if err := r.wait(t); err != nil {
		t.Fatalf("exit: %v; stderr %q", err, r.stderr.String())
	}
	// The report printed after the interface, with its code.
	if out := scr.String(); !strings.Contains(out[strings.LastIndex(out, "\x1b[?1049l"):], "Resume code: "+code) {
		t.Errorf("the report after exit lacks the resume code")
	}
	logged, _ := os.ReadFile(logFile)
	if n := strings.Count(string(logged), "\n"); n != 1 || !strings.Contains(string(logged), `"occasion":["gift"]`) {
		t.Errorf("log after one consultation:\n%s", logged)
	}
	handouts, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if len(handouts) != 1 {
		t.Fatalf("handouts: %v", handouts)
	}
	if body, _ := os.ReadFile(handouts[0]); !strings.Contains(string(body), "Resume code: "+code) {
		t.Errorf("handout lacks the code:\n%s", body)
	}
}

// TestHangUpLogsTheConsultationOnScreen closes the terminal (SIGHUP) on a
// completed consultation that quitting would have logged: it is logged
// before the program exits with the hang-up's status, reference and all.
func TestHangUpLogsTheConsultationOnScreen(t *testing.T) {
	code, _ := resumeCode(t, allAnswers...)
	logFile := filepath.Join(t.TempDir(), "c.log")
	r := startInPTY(t, []string{"NO_COLOR=1"}, "--resume", code, "--log", logFile)
	r.screen.waitFor(t, "7 of 7 answered")
	r.send(t, "\r")
	r.screen.waitFor(t, "Resume code "+code)
	r.send(t, "e")
	r.screen.waitFor(t, "Customer reference and note")
	r.send(t, "Smith\r")
	r.screen.waitFor(t, "Ref: Smith")
	if err := r.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	err := r.wait(t)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 129 {
		t.Fatalf("exit: %v, want status 129; stderr %q", err, r.stderr.String())
	}
	logged, _ := os.ReadFile(logFile)
	if n := strings.Count(string(logged), "\n"); n != 1 ||
		!strings.Contains(string(logged), `"occasion":["gift"]`) || !strings.Contains(string(logged), `"reference":"Smith"`) {
		t.Errorf("log after a hang-up on the result:\n%s", logged)
	}
}
