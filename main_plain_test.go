package main

import (
	"errors"
	"io"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

func TestSignalsExitWithShellStatus(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGTERM, 143}, {syscall.SIGHUP, 129}, {syscall.SIGINT, 130}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			cmd := exec.Command(bin, "--plain")
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			defer stdin.Close()
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Wait for the first prompt, so the signal arrives while the
			// program is blocked reading an answer.
			buf := make([]byte, 4096)
			var seen strings.Builder
			for !strings.Contains(seen.String(), "Number 1-5") {
				n, err := stderr.Read(buf)
				if err != nil {
					t.Fatalf("no prompt before %v: %q", err, seen.String())
				}
				seen.Write(buf[:n])
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			rest, _ := io.ReadAll(stderr)
			err = cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != tc.code {
				t.Fatalf("exit: %v, want status %d", err, tc.code)
			}
			if !strings.Contains(string(rest), "jewelguide: stopped by") {
				t.Errorf("stderr should say why it stopped, got %q", rest)
			}
			// The prompts go to stderr here: the message must not be
			// glued to the prompt it interrupted.
			if !strings.Contains(seen.String()+string(rest), "\njewelguide: stopped by") {
				t.Errorf("the message is not on a line of its own: %q", seen.String()+string(rest))
			}
		})
	}
}
