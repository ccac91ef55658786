package main

import (
	"bytes"
	"encoding/json"
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
		{"short help", []string{"-h"}, 0, "Exit status:", "", true},
		{"version", []string{"--version"}, 0, "jewelguide ", "", true},
		{"unknown flag", []string{"--colour"}, 2, "", "unknown flag --colour", false},
		{"unknown flag hint", []string{"--colour"}, 2, "", "jewelguide --help", false},
		{"flag without value", []string{"--guide"}, 2, "", "flag --guide needs a value", false},
		{"stray argument", []string{"ring"}, 2, "", `unexpected argument "ring"`, false},
		{"bad format", []string{"--format", "pdf", "--answer", "budget=invest"}, 2, "", `--format "pdf" is not known`, false},
		{"answer given", []string{"--answer", "occasion=milestone"}, 0, "Recommendation: Handcrafted", "", true},
		{"unknown question", []string{"--answer", "colour=red"}, 2, "", `unknown question "colour" (questions: occasion, budget, lifespan, ethics, personalization, character, extras)`, false},
		{"unknown option", []string{"--answer", "budget=luxury"}, 2, "", `question "budget" has no option "luxury" (options: lowest, moderate, invest)`, false},
		{"too many choices", []string{"--answer", "extras=meet-maker,hold-value,matching-set"}, 2, "", `question "extras" takes at most 2 answers, got 3`, false},
		{"malformed answer", []string{"--answer", "budget"}, 2, "", `expected QUESTION=OPTION`, false},
		{"missing guide", []string{"--guide", "nope.yaml"}, 2, "", "nope.yaml: cannot read the guide: no such file or directory", false},
		{"empty resume code", []string{"--resume", ""}, 2, "", "--resume needs a code", false},
		{"empty answers file", []string{"--answers", "/dev/null"}, 2, "", "/dev/null holds no answers", false},
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

func TestBrokenGuideExitsTwoWithEveryProblem(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.yaml")
	guide := strings.Replace(string(mustRead(t, "data/guide.yaml")), "all: [occasion=milestone, lifespan=heirloom]", "all: [occasion=milestone, budget=luxury]", 1)
	guide = strings.Replace(guide, "points: {mass-produced: 3}\n        reason: For daily wear", "points: {factory: 3}\n        reason: For daily wear", 1)
	if err := os.WriteFile(path, []byte(guide), 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", nil, "--guide", path, "--answer", "budget=invest")
	if r.code != 2 || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q; want exit 2 and nothing on stdout", r.code, r.stdout)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one line per problem (2), got %d:\n%s", len(lines), r.stderr)
	}
	for _, want := range []string{`gives points to outcome "factory", which the guide does not have`, `names option "budget=luxury", which question budget does not have; use one of lowest, moderate, invest`} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if !strings.HasPrefix(lines[0], "jewelguide: "+path+":") {
		t.Errorf("each line should name the file and line, got %q", lines[0])
	}
}

func TestFormatsCarryTheSameVerdict(t *testing.T) {
	args := []string{"--answer", "occasion=trend", "--answer", "budget=lowest", "--answer", "lifespan=season"}
	js := run(t, "", nil, append(args, "--format", "json")...)
	var rep struct {
		Recommendation string         `json:"recommendation"`
		Label          string         `json:"label"`
		Scores         map[string]int `json:"scores"`
		Unanswered     []string       `json:"unanswered"`
		Checklist      []struct{ Group, Item string }
	}
	if err := json.Unmarshal([]byte(js.stdout), &rep); err != nil {
		t.Fatalf("json output does not parse: %v\n%s", err, js.stdout)
	}
	// 4 (trend) + 4 (lowest) + 3 (season) + 2 (rule short-lived-fashion).
	if rep.Recommendation != "mass-produced" || rep.Scores["mass-produced"] != 13 {
		t.Fatalf("got %s with %v", rep.Recommendation, rep.Scores)
	}
	if len(rep.Unanswered) != 4 {
		t.Errorf("unanswered = %v, want the 4 questions not given", rep.Unanswered)
	}
	md := run(t, "", nil, append(args, "--format", "markdown")...)
	txt := run(t, "", nil, args...)
	for _, out := range []string{md.stdout, txt.stdout} {
		if !strings.Contains(out, rep.Label) {
			t.Errorf("output lacks the verdict %q:\n%s", rep.Label, out)
		}
		for _, c := range rep.Checklist {
			if !strings.Contains(strings.Join(strings.Fields(out), " "), c.Item) {
				t.Errorf("output lacks checklist item %q", c.Item)
			}
		}
	}
	if !strings.Contains(md.stdout, "- [ ] ") {
		t.Errorf("markdown checklist should use tick boxes:\n%s", md.stdout)
	}
	if strings.Contains(txt.stdout, "\x1b") {
		t.Errorf("text to a pipe must carry no escape codes")
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

func TestAnswersFileAndFlagOverride(t *testing.T) {
	path := filepath.Join(t.TempDir(), "answers.yaml")
	body := "occasion: trend\nbudget: lowest\nextras: [matching-set, easy-replace]\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", nil, "--answers", path, "--answer", "occasion=milestone", "--format", "json")
	var rep struct {
		Answers map[string][]string `json:"answers"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s%s", err, r.stdout, r.stderr)
	}
	if got := rep.Answers["occasion"]; len(got) != 1 || got[0] != "milestone" {
		t.Errorf("--answer should override the file: occasion = %v", got)
	}
	if got := rep.Answers["extras"]; len(got) != 2 {
		t.Errorf("extras from the file = %v", got)
	}
	badPath := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(badPath, []byte("occasion: gift\nbudget: luxury\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, "", nil, "--answers", badPath); r.code != 2 || !strings.Contains(r.stderr, badPath+`:2: question "budget" has no option "luxury"`) {
		t.Errorf("a bad answer in a file should name its line: exit %d, stderr %q", r.code, r.stderr)
	}
	// A flag that replaces the bad answer is not blamed on the file.
	if r := run(t, "", nil, "--answers", badPath, "--answer", "budget=posh"); r.code != 2 || strings.Contains(r.stderr, badPath) {
		t.Errorf("the flag's own bad answer should not name the file: %q", r.stderr)
	}
	jsonPath := filepath.Join(t.TempDir(), "answers.json")
	if err := os.WriteFile(jsonPath, []byte(`{"budget": "nope"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, "", nil, "--answers", jsonPath); r.code != 2 || !strings.Contains(r.stderr, jsonPath+`:1: question "budget" has no option "nope"`) {
		t.Errorf("bad JSON answer: exit %d, stderr %q", r.code, r.stderr)
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
