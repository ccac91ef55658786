package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// allAnswers answers every question of the built-in guide.
var allAnswers = []string{
	"--answer", "occasion=gift", "--answer", "budget=moderate", "--answer", "lifespan=heirloom",
	"--answer", "ethics=nice-to-have", "--answer", "personalization=light", "--answer", "character=either",
	"--answer", "extras=meet-maker,hold-value",
}

var codeLine = regexp.MustCompile(`(?m)^Resume code: ([0-9A-Z]{3}(?:-[0-9A-Z]{3})+)$`)

// resumeCode runs the answers and returns the code their report shows.
func resumeCode(t *testing.T, answers ...string) (string, runResult) {
	t.Helper()
	r := run(t, "", nil, answers...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	m := codeLine.FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("report has no resume code:\n%s", r.stdout)
	}
	return m[1], r
}

func TestResumeCodePrintsTheSameReport(t *testing.T) {
	code, byAnswers := resumeCode(t, allAnswers...)
	r := run(t, "", nil, "--resume", code)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("--resume %s: exit %d, stderr %q", code, r.code, r.stderr)
	}
	if r.stdout != byAnswers.stdout {
		t.Errorf("--resume report differs from the --answer report:\n--- resume\n%s\n--- answer\n%s", r.stdout, byAnswers.stdout)
	}
	// Typed back by hand: lower case, spaces, O for 0 and I or L for 1.
	loose := strings.ToLower(strings.ReplaceAll(code, "-", " "))
	loose = strings.NewReplacer("0", "o", "1", "l").Replace(loose)
	if r := run(t, "", nil, "--resume", loose); r.stdout != byAnswers.stdout {
		t.Errorf("--resume %q: exit %d %s", loose, r.code, r.stderr)
	}
	for _, format := range []string{"json", "markdown"} {
		a := run(t, "", nil, append([]string{"--format", format}, allAnswers...)...)
		b := run(t, "", nil, "--format", format, "--resume", code)
		if a.stdout != b.stdout || !strings.Contains(b.stdout, code) {
			t.Errorf("%s: --resume and --answer reports differ or lack the code", format)
		}
	}
	// A plain-mode run prints the same code for the same answers.
	p := run(t, "2\n2\n3\n2\n2\n2\n1,2\n", nil)
	if m := codeLine.FindStringSubmatch(p.stdout); m == nil || m[1] != code {
		t.Errorf("plain mode's code %v, want %s", m, code)
	}
}

func TestResumeCodeRefused(t *testing.T) {
	code, _ := resumeCode(t, allAnswers...)
	// One character changed to another that is valid in a code.
	i := strings.IndexFunc(code, func(r rune) bool { return r != '-' })
	typo := code[:i] + string("2Z"[boolIndex(code[i] == '2')]) + code[i+1:]
	tests := []struct {
		name, arg, want string
	}{
		{"typo", typo, "does not match this guide or has a typo"},
		{"too short", code[:len(code)-2], "a code for this guide has"},
		{"bad character", strings.Replace(code, code[len(code)-1:], "U", 1), "U"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", nil, "--resume", tt.arg)
			if r.code != 2 || r.stdout != "" || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("--resume %q: exit %d stdout %q stderr %q; want exit 2 and one line with %q", tt.arg, r.code, r.stdout, r.stderr, tt.want)
			}
		})
	}
	r := run(t, "", nil, "--resume", code, "--answer", "budget=invest")
	if r.code != 2 || !strings.Contains(r.stderr, "use one of them") {
		t.Errorf("--resume with --answer: exit %d %s", r.code, r.stderr)
	}
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestCounterFlagsRefused(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file.txt")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"idle not a duration", []string{"--idle", "2 minutes"}, `--idle "2 minutes" is not a duration`},
		{"idle without unit", []string{"--idle", "120"}, `--idle "120" is not a duration`},
		{"idle negative", []string{"--idle", "-2m"}, `--idle "-2m" is not a duration`},
		{"idle too short", []string{"--idle", "2s"}, "--idle 2s is too short"},
		{"save-dir missing", []string{"--save-dir", filepath.Join(dir, "nope")}, "nope: no such folder"},
		{"save-dir a file", []string{"--save-dir", file}, "file.txt is not a folder"},
		{"log in a missing folder", []string{"--log", filepath.Join(dir, "nope", "c.log")}, "cannot open the consultation log"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", nil, tt.args...)
			if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d stdout %q stderr %q; want exit 2 with %q", r.code, r.stdout, r.stderr, tt.want)
			}
		})
	}
	// Good values are taken: 0 turns the idle reset off.
	for _, args := range [][]string{{"--idle", "0"}, {"--idle", "2m"}, {"--save-dir", dir}} {
		if r := run(t, "", nil, append(args, "--answer", "budget=invest")...); r.code != 0 {
			t.Errorf("%v: exit %d %s", args, r.code, r.stderr)
		}
	}
}

func TestPlainModeLogsTheConsultation(t *testing.T) {
	log := filepath.Join(t.TempDir(), "c.log")
	for i := 0; i < 2; i++ {
		if r := run(t, "3\n3\n3\n3\n3\n3\n1,2\n", nil, "--log", log); r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
	}
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "\n"); n != 2 || !strings.Contains(string(data), `"verdict":"handcrafted"`) {
		t.Errorf("log after two plain runs:\n%s", data)
	}
	if fi, _ := os.Stat(log); fi.Mode().Perm() != 0o600 {
		t.Errorf("log mode %v, want 0600", fi.Mode().Perm())
	}
	// A report from --answer or --resume is not a consultation: not logged.
	run(t, "", nil, "--log", log, "--answer", "budget=invest")
	if data2, _ := os.ReadFile(log); len(data2) != len(data) {
		t.Error("--answer wrote to the log")
	}
	if r := run(t, "", nil, "stats", log); r.code != 0 || !strings.Contains(r.stdout, "Consultations: 2") {
		t.Errorf("stats on the log: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestHelpListsCounterFlags(t *testing.T) {
	r := run(t, "", nil, "--help")
	for _, f := range []string{"--resume CODE", "--save-dir DIR", "--log FILE", "--idle DURATION"} {
		if !strings.Contains(r.stdout, f) {
			t.Errorf("--help lacks %s", f)
		}
	}
}
