package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const fixtureGuide = "../tui/testdata/counter.yaml"

// runTerminal runs the command in-process as if on a terminal (stdinTTY)
// with stdout a terminal or not.
func runTerminal(t *testing.T, env map[string]string, input string, stdoutTTY bool, args ...string) mainResult {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, Env{
		Stdin: strings.NewReader(input), Stdout: &out, Stderr: &errb,
		Getenv:   func(k string) string { return env[k] },
		StdinTTY: true, StdoutTTY: stdoutTTY,
	})
	return mainResult{code, out.String(), errb.String()}
}

// TestAccessibleSelectsPlainMode: a terminal with ACCESSIBLE set gets the
// line-by-line prompts, as screen-reader users of huh expect.
func TestAccessibleSelectsPlainMode(t *testing.T) {
	for _, v := range []string{"1", "true", "yes"} {
		r := runTerminal(t, map[string]string{"ACCESSIBLE": v, "TERM": "xterm"}, "3\n3\n3\n1,2\n", true, "--guide", fixtureGuide)
		if r.code != 0 {
			t.Fatalf("ACCESSIBLE=%s: exit %d: %s", v, r.code, r.stderr)
		}
		if !strings.Contains(r.stdout, "Number 1-5 (?: why, q: quit): ") || !strings.Contains(r.stdout, "Use: A big moment") {
			t.Errorf("ACCESSIBLE=%s: no plain prompts:\n%s", v, r.stdout)
		}
		if strings.Contains(r.stdout, "\x1b") {
			t.Errorf("ACCESSIBLE=%s: escape codes in the output", v)
		}
	}
}

// TestReportToFileIsConfirmed: with the report sent to a file, the person
// answering is told where it went.
func TestReportToFileIsConfirmed(t *testing.T) {
	r := runTerminal(t, map[string]string{"TERM": "xterm"}, "3\n3\n3\n0\n", false, "--guide", fixtureGuide)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "Studio piece") {
		t.Errorf("the report is not on stdout:\n%s", r.stdout)
	}
	if !strings.HasSuffix(r.stderr, "Done: the report was written to the output file or pipe, not to this screen.\n") {
		t.Errorf("no confirmation on the terminal:\n%s", r.stderr)
	}
	if strings.Contains(r.stdout, "Done:") {
		t.Error("the confirmation went into the report")
	}
}

// TestStatsUnderAccessibleHasNoBlocks: a screen reader reads a block
// character aloud, or not at all.
func TestStatsUnderAccessibleHasNoBlocks(t *testing.T) {
	log := filepath.Join(t.TempDir(), "c.log")
	if err := os.WriteFile(log, []byte(lineA+"\n"+lineB+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	plain := runMain(t, map[string]string{}, "stats", log)
	if !strings.Contains(plain.stdout, "█") {
		t.Fatalf("the test proves nothing: no bars in stats output:\n%s", plain.stdout)
	}
	r := runMain(t, map[string]string{"ACCESSIBLE": "1"}, "stats", log)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, c := range r.stdout {
		if c >= 0x2500 && c <= 0x259f {
			t.Fatalf("a box-drawing or block character %q under ACCESSIBLE:\n%s", c, r.stdout)
		}
	}
}

// TestCheckWarnsAboutAnUnreadableAccent: check names the colours an
// accent that fails the contrast is shown in instead.
func TestCheckWarnsAboutAnUnreadableAccent(t *testing.T) {
	r := runMain(t, map[string]string{}, "check", fixtureGuide)
	if !strings.Contains(r.stdout, "warning: shop accent #b07d2b is hard to read (under 4.5:1 contrast); it is shown on light backgrounds as #") {
		t.Errorf("no warning about the accent:\n%s", r.stdout)
	}
	for _, g := range []string{"../../data/guide.yaml", "../../data/examples/silver-studio.yaml"} {
		if r := runMain(t, map[string]string{}, "check", g); strings.Contains(r.stdout, "accent") {
			t.Errorf("%s: the shipped accent is not readable:\n%s", g, r.stdout)
		}
	}
}

// TestThemeFlag: --theme takes auto, ansi or high-contrast and refuses
// anything else with exit 2; ansi colours the forced report with palette
// colours only.
func TestThemeFlag(t *testing.T) {
	args := []string{"--guide", fixtureGuide, "--answer", "use=moment", "--theme"}
	if r := runMain(t, map[string]string{}, append(args, "dark")...); r.code != ExitUsage || !strings.Contains(r.stderr, `--theme "dark" is not known; use auto, ansi or high-contrast`) {
		t.Errorf("--theme dark: exit %d, %q", r.code, r.stderr)
	}
	for _, th := range []string{"auto", "ansi", "high-contrast"} {
		r := runMain(t, map[string]string{"CLICOLOR_FORCE": "1"}, append(args, th)...)
		if r.code != 0 || !strings.Contains(r.stdout, "Studio piece") {
			t.Errorf("--theme %s: exit %d: %s", th, r.code, r.stderr)
		}
	}
}
