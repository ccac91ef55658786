//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strings"
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
