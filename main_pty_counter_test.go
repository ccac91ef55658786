//go:build linux

package main

import (
	"bytes"
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
	master, slave := openPTY(t)
	defer master.Close()
	cmd := exec.Command(bin, "--resume", code, "--log", logFile, "--save-dir", dir, "--idle", "10m")
	// screen-* terminals are not asked for their background colour, which
	// this test's terminal would never answer.
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "TERM=screen-256color", "NO_COLOR=1"}
	cmd.Stdin, cmd.Stdout = slave, slave
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	scr := &screen{}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			scr.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	scr.waitFor(t, "7 of 7 answered")
	scr.waitFor(t, "Occasion: A gift")
	master.Write([]byte("\r"))
	scr.waitFor(t, "Resume code "+code)
	master.Write([]byte("s"))
	scr.waitFor(t, "Saved "+dir)
	master.Write([]byte("q"))
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit: %v; stderr %q", err, stderr.String())
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
