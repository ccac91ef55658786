package cli_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jewelguide/jewelguide/quiz/cli"
)

// These tests run the command in-process through cli.Main, with buffers
// for its streams, on the fixture guides in testdata/ (so rewording the
// built-in guide breaks none of them). What needs a real process —
// signals, terminals, exit statuses seen by a shell — is tested on the
// built binary in the repository's top folder.

const mini = "testdata/mini.yaml"

type result struct {
	code           int
	stdout, stderr string
}

type call struct {
	args  []string
	stdin string
	env   map[string]string
	// stdout replaces the buffer, to make writes fail.
	stdout interface{ Write([]byte) (int, error) }
	// tty says both streams are terminals.
	tty bool
	// width is the terminal's width; 0 means 80.
	width int
}

func runCLI(t *testing.T, c call) result {
	t.Helper()
	var out, errb bytes.Buffer
	env := cli.Env{
		Stdin:   strings.NewReader(c.stdin),
		Stdout:  &out,
		Stderr:  &errb,
		Getenv:  func(k string) string { return c.env[k] },
		Width:   func() int { return cmp.Or(c.width, 80) },
		Version: "v9.9.9-test",
	}
	if c.stdout != nil {
		env.Stdout = c.stdout
	}
	env.StdinTTY, env.StdoutTTY = c.tty, c.tty
	code := cli.Main(context.Background(), c.args, env)
	return result{code, out.String(), errb.String()}
}

func run(t *testing.T, args ...string) result {
	t.Helper()
	return runCLI(t, call{args: args})
}

// withMini puts --guide testdata/mini.yaml before args.
func withMini(args ...string) []string { return append([]string{"--guide", mini}, args...) }

// TestMain is a table of every flag and subcommand with its exit status
// and message: one line per problem on stderr, nothing on stdout when the
// run fails.
func TestMainTable(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file.txt")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	guide, err := os.ReadFile(mini)
	if err != nil {
		t.Fatal(err)
	}
	// Two problems: an unknown outcome and an unknown close-call outcome.
	broken := strings.Replace(string(guide), "points: {mass: 2}", "points: {factory: 2}", 1)
	broken = strings.Replace(broken, "close_call: mix", "close_call: draw", 1)
	bpath := filepath.Join(dir, "broken.yaml")
	if err := os.WriteFile(bpath, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		args      []string
		stdin     string
		code      int
		stdoutHas []string
		stderrHas string // "" means stderr must be empty
	}{
		// Help and version.
		{"help", []string{"--help"}, "", 0, []string{"--answer ID=OPTION", "ID= for none of these", "--store NAME", "--counter NAME", "--log FILE", "--idle DURATION", "Exit status:"}, ""},
		{"short help", []string{"-h"}, "", 0, []string{"Usage:"}, ""},
		{"version", []string{"--version"}, "", 0, []string{"jewelguide v9.9.9-test\n"}, ""},
		{"check help", []string{"check", "--help"}, "", 0, []string{"check [--strict] [FILE...]"}, ""},
		{"stats help", []string{"stats", "--help"}, "", 0, []string{"--since DATE", "--by WHAT", "--store NAME", "keep their UTC date"}, ""},

		// Usage mistakes: exit 2.
		{"unknown flag", []string{"--colour"}, "", 2, nil, "unknown flag --colour\njewelguide: Run 'jewelguide --help'"},
		{"flag without value", []string{"--guide"}, "", 2, nil, "flag --guide needs a value"},
		{"stray argument", []string{"ring"}, "", 2, nil, `unexpected argument "ring"; the commands are`},
		{"bad format", withMini("--format", "pdf", "--answer", "budget=high"), "", 2, nil, `--format "pdf" is not known; use text, markdown or json`},
		{"idle not a duration", []string{"--idle", "2 minutes"}, "", 2, nil, `--idle "2 minutes" is not a duration`},
		{"idle without unit", []string{"--idle", "120"}, "", 2, nil, `--idle "120" is not a duration`},
		{"idle negative", []string{"--idle", "-2m"}, "", 2, nil, `--idle "-2m" is not a duration`},
		{"idle too short", []string{"--idle", "2s"}, "", 2, nil, "--idle 2s is too short to read the screen"},
		{"save-dir missing", []string{"--save-dir", filepath.Join(dir, "nope")}, "", 2, nil, "nope: no such folder; create it first"},
		{"save-dir a file", []string{"--save-dir", file}, "", 2, nil, "file.txt is not a folder"},
		{"log in a missing folder", []string{"--log", filepath.Join(dir, "nope", "c.log")}, "", 2, nil, "cannot open the consultation log"},
		{"resume and answers", withMini("--resume", "000-WWM-YC5", "--answer", "budget=high"), "", 2, nil, "--resume and --answer/--answers both give answers; use one of them"},

		// Empty values are mistakes, not "use the default".
		{"empty guide", []string{"--guide", ""}, "", 2, nil, "--guide is empty; give a value or leave the flag out"},
		{"blank guide", []string{"--guide", "  "}, "", 2, nil, "--guide is empty"},
		{"empty log", []string{"--log", ""}, "", 2, nil, "--log is empty"},
		{"empty save-dir", []string{"--save-dir", ""}, "", 2, nil, "--save-dir is empty"},
		{"empty answers", []string{"--answers", ""}, "", 2, nil, "--answers is empty"},
		{"empty store", []string{"--store", ""}, "", 2, nil, "--store is empty"},
		{"empty counter", []string{"--counter", ""}, "", 2, nil, "--counter is empty"},
		{"empty resume", []string{"--resume", ""}, "", 2, nil, "--resume needs a code"},

		// Answers as flags.
		{"answer", withMini("--answer", "occasion=milestone"), "", 0, []string{"Recommendation: Made by hand", "Budget: (unanswered)"}, "jewelguide: 2 questions unanswered (budget, extras); the report counts them as open\n"},
		{"unanswered with json", withMini("--answer", "occasion=gift", "--format", "json"), "", 0, []string{`"recommendation"`}, "jewelguide: 2 questions unanswered (budget, extras)"},
		{"answer twice", withMini("--answer", "occasion=gift", "--answer", "Occasion=trend"), "", 2, nil, `--answer occasion=gift and --answer Occasion=trend both answer "occasion"`},
		{"every question answered", withMini("--answer", "occasion=gift", "--answer", "budget=low", "--answer", "extras=", "--format", "json"), "", 0, []string{`"recommendation"`}, ""},
		{"ids in any case", withMini("--answer", "Occasion=MileStone", "--answer", "EXTRAS=Gold"), "", 0, []string{"Occasion: A milestone", "Extras: Gold"}, "jewelguide: 1 question unanswered (budget); the report counts it as open\n"},
		{"none of these", withMini("--answer", "occasion=trend", "--answer", "extras="), "", 0, []string{"Extras: none of these"}, "1 question unanswered (budget)"},
		{"none on a single choice", withMini("--answer", "occasion="), "", 2, nil, `--answer occasion=: question "occasion" takes one answer, so it cannot be left empty; give one of: milestone, trend, gift`},
		{"unknown question", withMini("--answer", "colour=red"), "", 2, nil, `unknown question "colour" (questions: occasion, budget, extras)`},
		{"unknown option", withMini("--answer", "budget=luxury"), "", 2, nil, `question "budget" has no option "luxury" (options: low, high)`},
		{"too many choices", withMini("--answer", "extras=maker,cheap,gold"), "", 2, nil, `question "extras" takes at most 2 answers, got 3`},
		{"option twice", withMini("--answer", "extras=gold,Gold"), "", 2, nil, `option "gold" is given twice`},
		{"malformed answer", withMini("--answer", "budget"), "", 2, nil, `--answer "budget": expected QUESTION=OPTION`},
		{"missing guide", []string{"--guide", "nope.yaml"}, "", 2, nil, "nope.yaml: cannot read the guide: no such file or directory"},
		{"broken guide", []string{"--guide", bpath, "--answer", "budget=high"}, "", 2, nil, "broken.yaml:"},
		{"empty answers file", withMini("--answers", os.DevNull), "", 2, nil, os.DevNull + " holds no answers"},
		{"missing answers file", withMini("--answers", filepath.Join(dir, "none.yaml")), "", 2, nil, "none.yaml"},

		// Resume codes: errors quote what was typed.
		{"resume typed wrong", withMini("--resume", "hello"), "", 2, nil, `resume code "hello" has 5 characters; a code for this guide has 9`},
		{"resume bad character", withMini("--resume", "k7q-m2x-9fu"), "", 2, nil, "not allowed: 'u'"},
		{"resume without a terminal", withMini("--resume", "000-WWM-YC5"), "", 0, []string{"Recommendation: Made by hand", "Extras: none of these"}, ""},

		// Plain mode: stdin is not a terminal.
		{"plain", withMini(), "1\n2\n1,3\n", 0, []string{"Recommendation: Made by hand", "Extras: Meeting the maker, Gold"}, "Question 1 of 3: Occasion"},
		{"plain input ends early", withMini(), "1\n", 1, nil, "input ended at question 2 of 3"},
		{"plain quit", withMini(), "1\nq\n", 0, nil, "Stopped; no report was written."},
		{"plain re-asks", withMini(), "9\nabc\n1,2\n?\nb\n1\n1\n\n0\n", 0, []string{"Extras: none of these"}, `"9" is not a choice here; type a number from 1 to 3.`},

		// check.
		{"check fixture", []string{"check", mini}, "", 0, []string{"no errors, 0 warnings; 3 questions, 8 options, 0 rules, 3 outcomes", "Verdicts over all 42 answer sets"}, ""},
		{"check built in", []string{"check"}, "", 0, []string{"(built in): no errors"}, ""},
		{"check empty file", []string{"check", os.DevNull}, "", 2, []string{os.DevNull + ": 1 error;"}, ""},
		{"check missing file", []string{"check", filepath.Join(dir, "none.yaml")}, "", 2, []string{"none.yaml: 1 error;"}, ""},
		{"check several", []string{"check", mini, os.DevNull, mini}, "", 2, []string{mini + ": no errors", os.DevNull + ": 1 error;"}, ""},
		{"check unknown flag", []string{"check", "--fast"}, "", 2, nil, "check: unknown flag --fast"},

		// stats.
		{"stats without files", []string{"stats"}, "", 2, nil, "stats needs at least one log file"},
		{"stats bad date", []string{"stats", "--since", "yesterday", file}, "", 2, nil, `--since "yesterday": expected a date like 2026-11-27`},
		{"stats dates reversed", []string{"stats", "--since", "2026-11-28", "--until", "2026-11-27", file}, "", 2, nil, "--since 2026-11-28 is after --until 2026-11-27"},
		{"stats bad format", []string{"stats", "--format", "csv", file}, "", 2, nil, `stats: --format "csv" is not known; use text or json`},
		{"stats bad by", []string{"stats", "--by", "city", file}, "", 2, nil, `stats: --by "city" is not known; use store or counter`},
		{"stats empty store", []string{"stats", "--store", "", file}, "", 2, nil, "--store is empty"},
		{"stats empty guide", []string{"stats", "--guide", "", file}, "", 2, nil, "--guide is empty"},
		{"stats missing log", []string{"stats", filepath.Join(dir, "none.log")}, "", 2, nil, "cannot read the log"},
		{"stats pattern matching nothing", []string{"stats", filepath.Join(dir, "*.jsonl")}, "", 2, nil, "no file matches"},
		{"stats malformed", []string{"stats", file}, "", 0, []string{"Consultations: 0", "Skipped 1 malformed line:", "file.txt:1: not a consultation"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, call{args: tt.args, stdin: tt.stdin})
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tt.code, r.stdout, r.stderr)
			}
			for _, want := range tt.stdoutHas {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
				}
			}
			switch {
			case tt.stderrHas == "" && r.stderr != "":
				t.Errorf("stderr should be empty, got:\n%s", r.stderr)
			case !strings.Contains(r.stderr, tt.stderrHas):
				t.Errorf("stderr lacks %q:\n%s", tt.stderrHas, r.stderr)
			}
			if tt.code == 2 && tt.stdoutHas == nil {
				if r.stdout != "" {
					t.Errorf("a refused run printed on stdout:\n%s", r.stdout)
				}
				for _, l := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
					if !strings.HasPrefix(l, "jewelguide: ") {
						t.Errorf("stderr line without the program's name: %q", l)
					}
				}
			}
		})
	}
}

func TestFormatsCarryTheSameVerdict(t *testing.T) {
	args := withMini("--answer", "occasion=trend", "--answer", "budget=low")
	js := run(t, append(args, "--format", "json")...)
	var rep struct {
		Recommendation string         `json:"recommendation"`
		Label          string         `json:"label"`
		Scores         map[string]int `json:"scores"`
		Unanswered     []string       `json:"unanswered"`
	}
	if err := json.Unmarshal([]byte(js.stdout), &rep); err != nil {
		t.Fatalf("json output does not parse: %v\n%s", err, js.stdout)
	}
	if rep.Recommendation != "mass" || rep.Scores["mass"] != 6 || len(rep.Unanswered) != 1 {
		t.Fatalf("got %+v", rep)
	}
	md := run(t, append(args, "--format", "markdown")...)
	txt := run(t, append(args, "--format", "text")...)
	for _, out := range []string{md.stdout, txt.stdout} {
		if !strings.Contains(out, rep.Label) || !strings.Contains(out, "Check the clasp.") {
			t.Errorf("output lacks the verdict %q or the checklist:\n%s", rep.Label, out)
		}
	}
	if !strings.Contains(md.stdout, "- [ ] Check the clasp.") {
		t.Errorf("markdown checklist should use tick boxes:\n%s", md.stdout)
	}
}

func TestAnswersFileAndFlagOverride(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "answers.yaml")
	if err := os.WriteFile(path, []byte("Occasion: trend\nbudget: LOW\nextras: [maker, gold]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, withMini("--answers", path, "--answer", "occasion=milestone", "--format", "json")...)
	var rep struct {
		Answers map[string][]string `json:"answers"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s%s", err, r.stdout, r.stderr)
	}
	if got := rep.Answers["occasion"]; len(got) != 1 || got[0] != "milestone" {
		t.Errorf("--answer should override the file, whatever the case of its ids: occasion = %v", got)
	}
	if got := rep.Answers["budget"]; len(got) != 1 || got[0] != "low" {
		t.Errorf("budget from the file = %v", got)
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("occasion: gift\nbudget: luxury\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, withMini("--answers", bad)...); r.code != 2 || !strings.Contains(r.stderr, bad+`:2: question "budget" has no option "luxury"`) {
		t.Errorf("a bad answer in a file should name its line: exit %d, stderr %q", r.code, r.stderr)
	}
	// A flag that replaces the bad answer is not blamed on the file.
	if r := run(t, withMini("--answers", bad, "--answer", "budget=posh")...); r.code != 2 || strings.Contains(r.stderr, bad) {
		t.Errorf("the flag's own bad answer should not name the file: %q", r.stderr)
	}
}

var codeLine = regexp.MustCompile(`(?m)^Resume code: ([0-9A-Z]{3}(?:-[0-9A-Z]{3})+)$`)

func TestResumeCodeReopensTheSameReport(t *testing.T) {
	byAnswers := run(t, withMini("--answer", "occasion=gift", "--answer", "budget=high", "--answer", "extras=maker")...)
	m := codeLine.FindStringSubmatch(byAnswers.stdout)
	if m == nil {
		t.Fatalf("report has no resume code:\n%s", byAnswers.stdout)
	}
	code := m[1]
	// Typed back by hand: lower case, spaces, O for 0 and L for 1.
	loose := strings.NewReplacer("0", "o", "1", "l", "-", " ").Replace(strings.ToLower(code))
	for _, typed := range []string{code, loose} {
		r := run(t, withMini("--resume", typed)...)
		if r.code != 0 || r.stdout != byAnswers.stdout {
			t.Errorf("--resume %q: exit %d %s\n%s", typed, r.code, r.stderr, r.stdout)
		}
	}
	// A plain-mode consultation with the same answers gives the same code.
	if p := runCLI(t, call{args: withMini(), stdin: "3\n2\n1\n"}); !strings.Contains(p.stdout, "Resume code: "+code) {
		t.Errorf("plain mode's report lacks the code %s:\n%s", code, p.stdout)
	}
	i := strings.IndexFunc(code, func(r rune) bool { return r != '-' })
	other := "2"
	if code[i] == '2' {
		other = "3"
	}
	typo := code[:i] + other + code[i+1:]
	if r := run(t, withMini("--resume", typo)...); r.code != 2 || !strings.Contains(r.stderr, `resume code "`+typo+`" does not match this guide or has a typo`) {
		t.Errorf("--resume %s: exit %d %q", typo, r.code, r.stderr)
	}
}

// The log is written only when a consultation is: a report from flags
// creates no file, a plain consultation appends a record naming its store
// and counter, and stats reads it back.
func TestLogOnlyWhenAConsultationEnds(t *testing.T) {
	log := filepath.Join(t.TempDir(), "c.log")
	if r := run(t, withMini("--log", log, "--answer", "budget=high")...); r.code != 0 {
		t.Fatalf("exit %d %s", r.code, r.stderr)
	}
	if _, err := os.Lstat(log); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("--log with --answer created the log: %v", err)
	}
	if r := runCLI(t, call{args: withMini("--log", log), stdin: "1\nq\n"}); r.code != 0 {
		t.Fatalf("exit %d %s", r.code, r.stderr)
	}
	if _, err := os.Lstat(log); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a consultation left half-way created the log: %v", err)
	}
	for _, args := range [][]string{withMini("--log", log), withMini("--log", log, "--store", "North", "--counter", "till-2")} {
		if r := runCLI(t, call{args: args, stdin: "2\n1\n0\n"}); r.code != 0 {
			t.Fatalf("exit %d %s", r.code, r.stderr)
		}
	}
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"store":"Mini Jewels"`) || !strings.Contains(lines[1], `"store":"North","counter":"till-2"`) ||
		!strings.Contains(lines[0], `"extras":[]`) || !regexp.MustCompile(`"id":"[0-9a-f]{32}"`).MatchString(lines[0]) {
		t.Errorf("log:\n%s", data)
	}
	// The counter defaults to the host name.
	if host, err := os.Hostname(); err == nil && !strings.Contains(lines[0], `"counter":"`+host+`"`) {
		t.Errorf("first record's counter is not the host name %q: %s", host, lines[0])
	}
	if fi, _ := os.Stat(log); fi.Mode().Perm() != 0o600 {
		t.Errorf("log mode %v, want 0600", fi.Mode().Perm())
	}
	r := run(t, "stats", "--guide", mini, log)
	for _, want := range []string{"Consultations: 2", "Made in a factory", "Extras (answered in 2 of 2)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stats lacks %q:\n%s", want, r.stdout)
		}
	}
	// Stats fit the terminal when stdout is one, else COLUMNS, else 80.
	for _, c := range []struct {
		name  string
		call  call
		limit int
	}{
		{"COLUMNS=40 into a pipe", call{args: []string{"stats", "--guide", mini, log}, env: map[string]string{"COLUMNS": "40"}}, 40},
		{"a 40-column terminal", call{args: []string{"stats", "--guide", mini, log}, env: map[string]string{"COLUMNS": "120"}, tty: true, width: 40}, 40},
		{"COLUMNS not a number", call{args: []string{"stats", "--guide", mini, log}, env: map[string]string{"COLUMNS": "wide"}}, 80},
	} {
		r := runCLI(t, c.call)
		widest := 0
		for _, line := range strings.Split(r.stdout, "\n") {
			widest = max(widest, len([]rune(line)))
		}
		if r.code != 0 || widest > c.limit || widest < c.limit-10 {
			t.Errorf("stats on %s: exit %d, widest line %d columns, want at most %d:\n%s%s", c.name, r.code, widest, c.limit, r.stdout, r.stderr)
		}
	}
	if r := run(t, "stats", "--store", "North", "--by", "counter", log); !strings.Contains(r.stdout, `Consultations: 1 (store "North")`) || !strings.Contains(r.stdout, `counter "till-2": 1 consultation`) {
		t.Errorf("stats --store North --by counter:\n%s%s", r.stdout, r.stderr)
	}
	r = run(t, "stats", "--by", "store", "--format", "json", log, log, filepath.Dir(log))
	var st struct {
		Consultations int `json:"consultations"`
		Groups        []struct {
			Store         string `json:"store"`
			Consultations int    `json:"consultations"`
		} `json:"groups"`
		Files []string `json:"files"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if st.Consultations != 2 || len(st.Groups) != 2 || len(st.Files) != 1 {
		t.Errorf("stats --by store over the log named three ways: %+v", st)
	}
}

// A consultation's day is the date on its own clock: the filters agree
// with the per-day table for records from two time zones.
func TestStatsDaysInTwoTimeZones(t *testing.T) {
	log := filepath.Join(t.TempDir(), "zones.log")
	lines := `{"version":2,"time":"2026-12-02T18:43:48-08:00","guide":"g","guide_hash":"x","answers":{},"verdict":"hand"}
{"version":2,"time":"2026-12-03T08:00:00+09:00","guide":"g","guide_hash":"x","answers":{},"verdict":"mass"}
`
	if err := os.WriteFile(log, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	// Read in UTC, the Los Angeles evening is already 3 December and the
	// Tokyo morning still 2 December: the records' own dates must win.
	for _, tc := range []struct {
		args []string
		want string // date=verdict of each day kept
	}{
		{[]string{"--since", "2026-12-03"}, "2026-12-03=mass"},
		{[]string{"--until", "2026-12-02"}, "2026-12-02=hand"},
		{nil, "2026-12-02=hand 2026-12-03=mass"},
	} {
		r := run(t, append(append([]string{"stats", "--format", "json"}, tc.args...), log)...)
		var st struct {
			Groups []struct {
				Days []struct {
					Date     string         `json:"date"`
					Outcomes map[string]int `json:"outcomes"`
				} `json:"days"`
			} `json:"groups"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &st); err != nil || len(st.Groups) != 1 {
			t.Fatalf("stats %v: %v\n%s%s", tc.args, err, r.stdout, r.stderr)
		}
		var got []string
		for _, d := range st.Groups[0].Days {
			for o, n := range d.Outcomes {
				if n > 0 {
					got = append(got, d.Date+"="+o)
				}
			}
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("stats %v: days %v, want %s", tc.args, got, tc.want)
		}
	}
}

// failingWriter fails every write, as a full disk or a closed pipe does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

func TestWriteFailuresAreReported(t *testing.T) {
	log := filepath.Join(t.TempDir(), "c.log")
	os.WriteFile(log, nil, 0o600)
	for _, args := range [][]string{{"--help"}, {"--version"}, {"check", mini}, {"stats", log}, withMini("--answer", "budget=high")} {
		r := runCLI(t, call{args: args, stdout: failingWriter{}})
		if r.code != 1 || !strings.Contains(r.stderr, "no space left on device") {
			t.Errorf("%v to a full disk: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

func TestCheckStrictAndSeveralFiles(t *testing.T) {
	dir := t.TempDir()
	guide, err := os.ReadFile(mini)
	if err != nil {
		t.Fatal(err)
	}
	// An option that moves no points is a warning.
	warn := strings.Replace(string(guide), "points: {hand: 2, mass: 1}\n        reason: Gold.", "points: {}\n        reason: Gold.", 1)
	wpath := filepath.Join(dir, "warn.yaml")
	os.WriteFile(wpath, []byte(warn), 0o600)
	broken := strings.Replace(string(guide), "close_call: mix", "close_call: draw", 1)
	bpath := filepath.Join(dir, "broken.yaml")
	os.WriteFile(bpath, []byte(broken), 0o600)
	tests := []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"check", wpath}, 0, []string{`option "gold" of question "extras" moves no points`, "1 warning"}},
		{[]string{"check", "--strict", wpath}, 1, nil},
		{[]string{"check", wpath, "--strict"}, 1, nil},
		{[]string{"check", bpath}, 2, []string{"draw", "1 error; the guide cannot be used until it is fixed"}},
		{[]string{"check", "--strict", mini, wpath}, 1, []string{mini + ": no errors, 0 warnings", wpath + ": no errors, 1 warning"}},
		{[]string{"check", "--strict", wpath, bpath, mini}, 2, []string{wpath + ":", bpath + ":", mini + ":"}},
	}
	for _, tt := range tests {
		r := run(t, tt.args...)
		if r.code != tt.code {
			t.Errorf("%v: exit %d, want %d\n%s%s", tt.args, r.code, tt.code, r.stdout, r.stderr)
		}
		for _, w := range tt.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%v: output lacks %q:\n%s", tt.args, w, r.stdout)
			}
		}
	}
}

// Main turns a panic into a one-line internal error with exit 1 instead of
// a stack trace.
func TestPanicIsReportedPlainly(t *testing.T) {
	r := runCLI(t, call{args: withMini("--answer", "budget=high", "--answer", "occasion=gift", "--answer", "extras="), stdout: panicWriter{}})
	if r.code != 1 || !strings.HasPrefix(r.stderr, "jewelguide: internal error: ") || strings.Contains(r.stderr, "goroutine") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("writer broke") }

// A broken guide is refused before anything runs, with one line per
// problem, each naming the file and line.
func TestBrokenGuideListsEveryProblem(t *testing.T) {
	guide, err := os.ReadFile(mini)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(guide), "points: {mass: 2}", "points: {factory: 2}", 1)
	broken = strings.Replace(broken, "close_call: mix", "close_call: draw", 1)
	path := filepath.Join(t.TempDir(), "shop.yaml")
	if err := os.WriteFile(path, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, "--guide", path, "--answer", "budget=high")
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if r.code != 2 || r.stdout != "" || len(lines) != 2 {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s\nwant exit 2 and one line per problem (2)", r.code, r.stdout, r.stderr)
	}
	for i, want := range []string{`"draw"`, `"factory"`} {
		if !strings.HasPrefix(lines[i], "jewelguide: "+path+":") || !strings.Contains(r.stderr, want) {
			t.Errorf("line %d: %q; want the file, line and %s", i+1, lines[i], want)
		}
	}
}

func TestPlainModeChosenWithoutAScreen(t *testing.T) {
	// With both streams on a terminal, --plain and TERM=dumb still ask
	// line by line; the prompts then go to stdout with the report.
	for _, c := range []call{
		{args: withMini("--plain"), tty: true},
		{args: withMini(), env: map[string]string{"TERM": "dumb"}, tty: true},
	} {
		c.stdin = "2\n1\n2\n"
		r := runCLI(t, c)
		if r.code != 0 || !strings.Contains(r.stdout, "Question 1 of 3: Occasion") || !strings.Contains(r.stdout, "Recommendation: Made in a factory") {
			t.Errorf("%v %v: exit %d\nstdout:\n%s\nstderr:\n%s", c.args, c.env, r.code, r.stdout, r.stderr)
		}
		if strings.ContainsAny(r.stdout, "\x1b\r") {
			t.Errorf("plain mode wrote escape codes or carriage returns")
		}
	}
}

func TestCheckCountsEveryErrorAndShowsNamesInert(t *testing.T) {
	// 80 options with no label: 80 errors, more than are listed one by one.
	var b strings.Builder
	b.WriteString("version: 1\noutcomes:\n  - {id: a, label: A}\n  - {id: b, label: B}\nquestions:\n  - id: q\n    title: Q\n    prompt: Q?\n    options:\n")
	for i := 0; i < 80; i++ {
		b.WriteString("      - {id: o" + strconv.Itoa(i) + "}\n")
	}
	b.WriteString("checklist:\n  - {group: G, items: [x]}\n")
	path := filepath.Join(t.TempDir(), "bad\x1b[31mname.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, "check", path)
	if r.code != 2 || !strings.Contains(r.stdout, ": 80 errors; the guide cannot be used") {
		t.Errorf("the summary should count all 80 errors, not the listed ones: exit %d\n%s", r.code, r.stdout)
	}
	if strings.Contains(r.stdout+r.stderr, "\x1b") {
		t.Errorf("a file name's escape code reached the terminal")
	}
	if r := run(t, "--guide", path); r.code != 2 || strings.Contains(r.stderr, "\x1b") || !strings.Contains(r.stderr, `bad\x1b[31mname.yaml`) {
		t.Errorf("--guide with a hostile name: exit %d, stderr %q", r.code, r.stderr)
	}
}

// The built-in guide and the README's example guide check clean; the
// built-in one is small enough to try every answer combination.
func TestShippedGuidesCheckClean(t *testing.T) {
	r := run(t, "check")
	if r.code != 0 || !strings.Contains(r.stdout, "no errors, 0 warnings") || !strings.Contains(r.stdout, "Verdicts over all ") {
		t.Errorf("built-in guide: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, "check", filepath.Join("..", "..", "data", "examples", "silver-studio.yaml"))
	if r.code != 0 || !strings.Contains(r.stdout, "no errors, 0 warnings") {
		t.Errorf("example guide: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// stats labels a guide's records from --guide, else from the built-in
// guide when they are its own; other records are shown by id and say so.
func TestStatsLabelsFromTheRightGuide(t *testing.T) {
	dir := t.TempDir()
	miniLog := filepath.Join(dir, "mini.log")
	builtinLog := filepath.Join(dir, "builtin.log")
	if r := runCLI(t, call{args: withMini("--log", miniLog), stdin: "2\n1\n0\n"}); r.code != 0 {
		t.Fatalf("exit %d %s", r.code, r.stderr)
	}
	if r := runCLI(t, call{args: []string{"--log", builtinLog}, stdin: strings.Repeat("1\n", 40)}); r.code != 0 {
		t.Fatalf("exit %d %s", r.code, r.stderr)
	}
	const byID = "Shown by id"
	if r := run(t, "stats", miniLog); !strings.Contains(r.stdout, byID) || !strings.Contains(r.stdout, "  occasion (answered in 1 of 1)") {
		t.Errorf("another guide's records without --guide should show ids and say so:\n%s", r.stdout)
	}
	if r := run(t, "stats", "--guide", mini, miniLog); strings.Contains(r.stdout, byID) || !strings.Contains(r.stdout, "  Occasion (answered in 1 of 1)") {
		t.Errorf("--guide should label its records:\n%s", r.stdout)
	}
	if r := run(t, "stats", builtinLog); strings.Contains(r.stdout, byID) {
		t.Errorf("the built-in guide's own records should be labelled:\n%s", r.stdout)
	}
	// Both logs together: two guides, two sets of tables.
	r := run(t, "stats", "--format", "json", miniLog, builtinLog)
	var st struct {
		Groups []struct {
			Guide         string `json:"guide"`
			Labelled      bool   `json:"labelled"`
			Consultations int    `json:"consultations"`
		} `json:"groups"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
		t.Fatal(err)
	}
	if len(st.Groups) != 2 || st.Groups[0].Consultations != 1 || st.Groups[1].Consultations != 1 || st.Groups[0].Labelled == st.Groups[1].Labelled {
		t.Errorf("groups = %+v", st.Groups)
	}
}

// Problems in an answers file are listed in its line order, each naming
// its line, whatever order the guide checks the questions in.
func TestAnswersFileProblemsInLineOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.yaml")
	if err := os.WriteFile(path, []byte("extras: nope\nbudget: nope\noccasion: nope\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, withMini("--answers", path)...)
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if r.code != 2 || len(lines) != 3 {
		t.Fatalf("exit %d, want 2 with three problems:\n%s", r.code, r.stderr)
	}
	for i, l := range lines {
		if want := fmt.Sprintf("jewelguide: %s:%d: ", path, i+1); !strings.HasPrefix(l, want) {
			t.Errorf("problem %d: %q does not start with %q", i+1, l, want)
		}
	}
}
