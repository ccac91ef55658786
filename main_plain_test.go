package main

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestPlainModeFromAPipe(t *testing.T) {
	// milestone, back, statement, invest, heirloom, essential, bespoke,
	// one-of-a-kind, meet-maker + hold-value.
	r := run(t, "3\nb\n4\n3\n3\n3\n3\n3\n1,2\n", nil)
	if r.code != 0 {
		t.Fatalf("exit %d\nstderr:\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "Recommendation: Handcrafted") {
		t.Errorf("report missing from stdout:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout, "Question 1 of 7") {
		t.Errorf("prompts must go to stderr when stdout is not a terminal")
	}
	for _, want := range []string{"Question 1 of 7: Occasion", "Question 7 of 7: What else matters", "  3. A milestone"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("prompts lack %q", want)
		}
	}
	// Going back re-asks question 1; the answer given after it counts.
	if strings.Count(r.stderr, "Question 1 of 7") != 2 || !strings.Contains(r.stdout, "Occasion: A statement piece") {
		t.Errorf("b should go back to question 1 and the new answer should count:\n%s", r.stdout)
	}
	if strings.ContainsAny(r.stderr+r.stdout, "\x1b\r") {
		t.Errorf("plain mode must not write escape codes or carriage returns")
	}
}

func TestPlainModeReasksOnInvalidInput(t *testing.T) {
	r := run(t, "9\nabc\n1,2\n?\nb\n1\n1\n1\n1\n1\n1\n\n", nil)
	if r.code != 0 {
		t.Fatalf("exit %d\nstderr:\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		`"9" is not a choice here; type a number from 1 to 5.`,
		`"abc" is not a choice here`,
		"This question takes one answer",
		"Why we ask: The occasion decides",
		"This is the first question; there is nothing to go back to.",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q", want)
		}
	}
	if !strings.Contains(r.stdout, "What else matters: none of these") {
		t.Errorf("an empty line on a multi-select question means none:\n%s", r.stdout)
	}
}

func TestPlainModeInputEndsEarly(t *testing.T) {
	r := run(t, "1\n2\n", nil)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1", r.code)
	}
	if !strings.Contains(r.stderr, "input ended at question 3 of 7") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("no partial report may be written, got:\n%s", r.stdout)
	}
}

func TestPlainFlagAndDumbTerminal(t *testing.T) {
	answers := "1\n1\n1\n1\n1\n1\n3\n"
	for _, tc := range []struct {
		name string
		env  []string
		args []string
	}{
		{"--plain", nil, []string{"--plain"}},
		{"TERM=dumb", []string{"TERM=dumb"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, answers, tc.env, tc.args...)
			if r.code != 0 || !strings.Contains(r.stdout, "Recommendation: Mass-produced") {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
			}
		})
	}
}

func TestCheckCommand(t *testing.T) {
	r := run(t, "", nil, "check")
	if r.code != 0 || !strings.Contains(r.stdout, "no errors, 0 warnings") {
		t.Fatalf("the built-in guide must pass check with no warnings: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "Verdicts over all 13365 answer sets") {
		t.Errorf("coverage should be exhaustive for the default guide:\n%s", r.stdout)
	}

	// The README's tutorial guide must be clean too.
	r = run(t, "", nil, "check", "data/examples/silver-studio.yaml")
	if r.code != 0 || !strings.Contains(r.stdout, "no errors, 0 warnings; 4 questions, 8 options, 1 rule, 3 outcomes") {
		t.Fatalf("the example guide must pass check with no warnings: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	dir := t.TempDir()
	guide := string(mustRead(t, "data/guide.yaml"))
	// Three planted warnings: an option that moves nothing, a rule that
	// cannot fire, and a question with one option.
	warn := strings.Replace(guide, "points: {handcrafted: 1}\n        reason: Asking about sources", "points: {}\n        reason: Asking about sources", 1)
	warn = strings.Replace(warn, "all: [ethics=essential, budget=lowest]", "all: [budget=invest, budget=lowest]", 1)
	warn = strings.Replace(warn, "rules:\n", `  - id: confirm
    title: Confirm
    prompt: Ready to see the result?
    options:
      - id: yes
        label: "Yes"
        points: {handcrafted: 1}
        reason: Ready.
rules:
`, 1)
	path := filepath.Join(dir, "warn.yaml")
	if err := os.WriteFile(path, []byte(warn), 0o600); err != nil {
		t.Fatal(err)
	}
	r = run(t, "", nil, "check", path)
	if r.code != 0 {
		t.Fatalf("warnings alone exit 0, got %d\n%s", r.code, r.stdout)
	}
	for _, want := range []string{
		`option "nice-to-have" of question "ethics" moves no points`,
		`rule "values-on-a-budget" can never fire`,
		`question "confirm" has a single option`,
		"3 warnings",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("check output lacks %q:\n%s", want, r.stdout)
		}
	}
	if r := run(t, "", nil, "check", "--strict", path); r.code != 1 {
		t.Errorf("--strict with warnings: exit %d, want 1", r.code)
	}
	if r := run(t, "", nil, "check", path, "--strict"); r.code != 1 {
		t.Errorf("--strict after the file: exit %d, want 1\n%s", r.code, r.stderr)
	}
	if r := run(t, "", nil, "check", "/dev/null"); r.code != 2 || !strings.Contains(r.stdout, "/dev/null: 1 error;") {
		t.Errorf("an empty file is one error, not zero: exit %d\n%s", r.code, r.stdout)
	}

	broken := strings.Replace(guide, "id: budget\n", "id: budget\n    colour: red\n", 1)
	broken = strings.Replace(broken, "close_call: mix", "close_call: draw", 1)
	broken = strings.Replace(broken, "lifespan=season", "lifespan=forever", 1)
	bpath := filepath.Join(dir, "broken.yaml")
	if err := os.WriteFile(bpath, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	r = run(t, "", nil, "check", bpath)
	if r.code != 2 {
		t.Fatalf("errors exit 2, got %d\n%s", r.code, r.stdout)
	}
	if !strings.Contains(r.stdout, `unknown field "colour" in a question`) {
		t.Errorf("strict decoding should name the unknown field:\n%s", r.stdout)
	}
}

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
			for !strings.Contains(seen.String(), "Type 1-5") {
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
		})
	}
}

func TestPlainModeQuit(t *testing.T) {
	r := run(t, "3\nq\n", nil)
	if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "Stopped; no report was written.") {
		t.Errorf("q in plain mode: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}
