package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// bin is the jewelguide binary, built once for the whole test run so the
// tests exercise exactly what a user runs: flags, exit codes and streams.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "jewelguide-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "jewelguide")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building jewelguide: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type runResult struct {
	stdout, stderr string
	code           int
}

// run starts the binary with stdin from a string (so it is never a
// terminal) and a clean environment, and waits for it.
func run(t *testing.T, stdin string, env []string, args ...string) runResult {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "TERM=xterm-256color"}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running %v: %v", args, err)
	}
	return runResult{out.String(), errb.String(), code}
}

// TestFlagsAndExitCodes checks, on the real process, that exit statuses
// and streams reach the shell as cli.Main returns them; the command's
// behaviour, flag by flag, is tested in-process in quiz/cli.
func TestFlagsAndExitCodes(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		code       int
		stdoutHas  string
		stderrHas  string
		stderrNone bool
	}{
		{"help", []string{"--help"}, 0, "--answer ID=OPTION", "", true},
		{"unknown flag", []string{"--colour"}, 2, "", "unknown flag --colour", false},
		{"answer given", []string{"--answer", "occasion=milestone"}, 0, "Recommendation: ", "6 questions unanswered", false},
		{"missing guide", []string{"--guide", "nope.yaml"}, 2, "", "nope.yaml: cannot read the guide: no such file or directory", false},
		{"check with warnings, strict", []string{"check", "--strict", "testdata/guides/ok-minimal.yaml"}, 1, "1 warning", "", true},
		{"plain input ends early", []string{"--plain"}, 1, "", "input ended at question 1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", nil, tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tt.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, tt.stdoutHas) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdoutHas, r.stdout)
			}
			if !strings.Contains(r.stderr, tt.stderrHas) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderrHas, r.stderr)
			}
			if tt.stderrNone && r.stderr != "" {
				t.Errorf("stderr should be empty, got:\n%s", r.stderr)
			}
		})
	}
}

func TestColourOnlyWhenForced(t *testing.T) {
	args := []string{"--answer", "occasion=milestone"}
	if r := run(t, "", nil, args...); strings.Contains(r.stdout, "\x1b[") {
		t.Errorf("colour written to a pipe")
	}
	if r := run(t, "", []string{"CLICOLOR_FORCE=1"}, args...); !strings.Contains(r.stdout, "\x1b[") {
		t.Errorf("CLICOLOR_FORCE=1 should force colour:\n%q", r.stdout)
	}
	if r := run(t, "", []string{"CLICOLOR_FORCE=1", "NO_COLOR=1"}, args...); strings.Contains(r.stdout, "\x1b[") {
		t.Errorf("NO_COLOR must win over CLICOLOR_FORCE")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
