package quiz

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestCheckAnswers(t *testing.T) {
	g := fixture(t, "counter")
	questions := "(questions: occasion, budget, lifespan, ethics, personalization, character, extras)"
	tests := []struct {
		name string
		a    Answers
		want []string // one line per problem; none means valid
	}{
		{"valid full set", Answers{"occasion": {"gift"}, "budget": {"invest"}, "extras": {"meet-maker", "hold-value"}}, nil},
		{"empty", Answers{}, nil},
		{"empty list is unanswered", Answers{"budget": {}}, nil},
		{"unknown question lists the questions", Answers{"colour": {"red"}},
			[]string{`unknown question "colour" ` + questions}},
		{"unknown option lists the options", Answers{"budget": {"luxury"}},
			[]string{`question "budget" has no option "luxury" (options: lowest, moderate, invest)`}},
		{"two answers to a single-select question", Answers{"budget": {"lowest", "invest"}},
			[]string{`question "budget" takes one answer, got 2 (lowest,invest)`}},
		{"too many for a multi-select question", Answers{"extras": {"meet-maker", "hold-value", "matching-set"}},
			[]string{`question "extras" takes at most 2 answers, got 3`}},
		{"an option given twice", Answers{"extras": {"meet-maker", "meet-maker"}},
			[]string{`question "extras": option "meet-maker" is given twice`}},
		{"all problems, in guide order, unknown questions last and sorted",
			Answers{"zeta": {"x"}, "extras": {"a", "b", "c"}, "alpha": {"y"}, "occasion": {"party"}},
			[]string{
				`question "occasion" has no option "party" (options: everyday, gift, milestone, statement, trend)`,
				`question "extras" has no option "a" (options: meet-maker, hold-value, matching-set, easy-replace)`,
				`question "extras" has no option "b" (options: meet-maker, hold-value, matching-set, easy-replace)`,
				`question "extras" has no option "c" (options: meet-maker, hold-value, matching-set, easy-replace)`,
				`question "extras" takes at most 2 answers, got 3`,
				`unknown question "alpha" ` + questions,
				`unknown question "zeta" ` + questions,
			}},
		{"escape codes in ids are shown, not sent", Answers{"\x1b[2J": {"x"}, "budget": {"\x1b]52;c;aGk=\a", "\u202ex"}},
			[]string{
				`question "budget" has no option "\x1b]52;c;aGk=\a" (options: lowest, moderate, invest)`,
				`question "budget" has no option "\u202ex" (options: lowest, moderate, invest)`,
				`question "budget" takes one answer, got 2 (\x1b]52;c;aGk=\x07,\u202ex)`,
				`unknown question "\x1b[2J" ` + questions,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := g.CheckAnswers(tt.a)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			var ae *AnswerError
			if !errors.As(err, &ae) {
				t.Fatalf("error %v (%T), want *AnswerError", err, err)
			}
			if !reflect.DeepEqual(ae.Problems, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(ae.Problems, "\n"), strings.Join(tt.want, "\n"))
			}
			if err.Error() != strings.Join(tt.want, "\n") {
				t.Errorf("Error() is not one line per problem: %q", err.Error())
			}
			assertNoTerminalControls(t, "CheckAnswers", []byte(err.Error()))
		})
	}
}

func TestParseAnswerFlag(t *testing.T) {
	tests := []struct {
		in      string
		q       string
		opts    []string
		wantErr string
	}{
		{in: "budget=invest", q: "budget", opts: []string{"invest"}},
		{in: " extras = meet-maker , hold-value ", q: "extras", opts: []string{"meet-maker", "hold-value"}},
		{in: "extras=meet-maker,,hold-value,", q: "extras", opts: []string{"meet-maker", "hold-value"}},
		{in: "a=b=c", q: "a", opts: []string{"b=c"}},
		{in: "budget", wantErr: `--answer "budget": expected QUESTION=OPTION, e.g. --answer budget=invest`},
		{in: "", wantErr: `--answer "": expected QUESTION=OPTION, e.g. --answer budget=invest`},
		{in: "=invest", wantErr: `--answer "=invest": expected QUESTION=OPTION, e.g. --answer budget=invest`},
		{in: "  =invest", wantErr: `--answer "  =invest": expected QUESTION=OPTION, e.g. --answer budget=invest`},
		// Nothing after "=" is "none of these".
		{in: "extras=", q: "extras", opts: []string{}},
		{in: "extras= , ,", q: "extras", opts: []string{}},
	}
	for _, tt := range tests {
		q, opts, err := ParseAnswerFlag(tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("ParseAnswerFlag(%q) error %v, want %s", tt.in, err, tt.wantErr)
			}
			if q != "" || opts != nil {
				t.Errorf("ParseAnswerFlag(%q) returned %q %v with an error", tt.in, q, opts)
			}
			continue
		}
		if err != nil || q != tt.q || !reflect.DeepEqual(opts, tt.opts) {
			t.Errorf("ParseAnswerFlag(%q) = %q, %q, %v; want %q, %q", tt.in, q, opts, err, tt.q, tt.opts)
		}
	}
}

func TestParseAnswers(t *testing.T) {
	full := Answers{"budget": {"invest"}, "extras": {"meet-maker", "hold-value"}}
	tests := []struct {
		name    string
		src     string
		want    Answers
		wantErr string
	}{
		{name: "yaml", src: "budget: invest\nextras: [meet-maker, hold-value]\n", want: full},
		{name: "yaml block list", src: "budget: invest\nextras:\n  - meet-maker\n  - hold-value\n", want: full},
		{name: "json", src: `{"budget": "invest", "extras": ["meet-maker", "hold-value"]}`, want: full},
		{name: "json list for single", src: `{"budget": ["invest"]}`, want: Answers{"budget": {"invest"}}},
		{name: "byte-order mark", src: "\ufeffbudget: invest\n", want: Answers{"budget": {"invest"}}},
		{name: "crlf", src: "budget: invest\r\nextras: [meet-maker]\r\n", want: Answers{"budget": {"invest"}, "extras": {"meet-maker"}}},
		{name: "empty", src: "", want: Answers{}},
		{name: "comments only", src: "# nothing yet\n", want: Answers{}},
		{name: "empty list", src: "extras: []\n", want: Answers{"extras": nil}},
		{name: "number scalar is an id", src: "budget: 3\n", want: Answers{"budget": {"3"}}},
		{name: "top-level list", src: "- budget\n- invest\n",
			wantErr: `a.yaml:1: expected a mapping of question id to option id, e.g. "budget: invest"`},
		{name: "top-level scalar", src: "budget\n",
			wantErr: `a.yaml:1: expected a mapping of question id to option id, e.g. "budget: invest"`},
		{name: "mapping as a value", src: "budget:\n  pick: invest\n",
			wantErr: `a.yaml:2: "budget": expected an option id or a list of them`},
		{name: "list of lists", src: "extras:\n  - [meet-maker]\n",
			wantErr: `a.yaml:2: "extras": each choice must be an option id`},
		{name: "answered twice", src: "budget: invest\nbudget: lowest\n",
			wantErr: `a.yaml:2: question "budget" is answered twice`},
		{name: "alias", src: "budget: &x invest\nlifespan: *x\n",
			wantErr: `a.yaml:2: "lifespan": expected an option id or a list of them`},
		// yaml.v3 names the line it gave up on (here the end of the
		// file); the bracket is where it is fixed.
		{name: "syntax error", src: "budget: [invest\n",
			wantErr: `a.yaml:1:9: this [ is not closed; close it with ] at the end of line 1`},
		{name: "syntax error on the first line", src: "a: b: c\n",
			wantErr: `a.yaml:1:5: a ": " inside unquoted text, which YAML reads as the start of a key; put the whole text in quotes: "b: c"`},
		{name: "syntax error further down", src: "budget: invest\nextras: [a\n\n",
			wantErr: `a.yaml:2:9: this [ is not closed; close it with ] at the end of line 2`},
		{name: "escape code in a key is shown, not sent", src: "\"\\e[2J\": {a: b}\n",
			wantErr: `a.yaml:1: "\x1b[2J": expected an option id or a list of them`},
		// A second document would be ignored, so its answers lost.
		{name: "second document", src: "budget: invest\n---\nlifespan: heirloom\n",
			wantErr: `a.yaml:2: the file holds more than one YAML document (a second "---"); keep one set of answers per file`},
		{name: "broken text after the end marker", src: "budget: invest\n...\n[broken\n",
			wantErr: `a.yaml:2: the file holds more than one YAML document (a second "---"); keep one set of answers per file`},
		{name: "too large", src: "budget: invest\n#" + strings.Repeat("x", MaxAnswersSize) + "\n",
			wantErr: "a.yaml: the file is larger than 64 KiB; an answers file is a short list of question: option lines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseAnswers("a.yaml", []byte(tt.src))
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error %v, want %s", err, tt.wantErr)
				}
				if a != nil {
					t.Errorf("answers %v returned with an error", a)
				}
				assertNoTerminalControls(t, "ParseAnswers", []byte(err.Error()))
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if !reflect.DeepEqual(a, tt.want) {
				t.Errorf("got %#v, want %#v", a, tt.want)
			}
		})
	}
}

func TestLoadAnswers(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "answers.json")
	if err := os.WriteFile(path, []byte(`{"occasion": "milestone", "extras": ["hold-value"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := LoadAnswers(path)
	if err != nil || !reflect.DeepEqual(a, Answers{"occasion": {"milestone"}, "extras": {"hold-value"}}) {
		t.Errorf("LoadAnswers = %v, %v", a, err)
	}
	missing := filepath.Join(dir, "none.yaml")
	if _, err := LoadAnswers(missing); err == nil || err.Error() != missing+": cannot read the answers: no such file or directory" {
		t.Errorf("missing file: %v", err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte("#"+strings.Repeat("x", 1<<20)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadAnswers(big); err == nil || !strings.HasSuffix(err.Error(), "the file is larger than 64 KiB; an answers file is a short list of question: option lines") {
		t.Errorf("big file: %v", err)
	}
}

func TestAnswersClone(t *testing.T) {
	a := Answers{"extras": {"meet-maker", "hold-value"}}
	b := a.Clone()
	b["extras"][0] = "changed"
	b["budget"] = []string{"invest"}
	if a["extras"][0] != "meet-maker" || len(a) != 1 {
		t.Errorf("Clone shares memory: %v", a)
	}
}

func TestMatchIDsIgnoresCase(t *testing.T) {
	g, err := Load(filepath.Join("..", "testdata", "guides", "ok-minimal.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	got := g.MatchIDs(Answers{"Budget": {"HIGH"}, "colour": {"Red"}})
	want := Answers{"budget": {"high"}, "colour": {"Red"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("MatchIDs = %v, want %v", got, want)
	}
	if err := g.CheckAnswers(g.MatchIDs(Answers{"BUDGET": {"Low"}})); err != nil {
		t.Errorf("ids differing only in case refused: %v", err)
	}
	// Unknown ids keep their spelling, so the message quotes what was typed.
	if err := g.CheckAnswers(got); err == nil || !strings.Contains(err.Error(), `"colour"`) {
		t.Errorf("unknown question: %v", err)
	}
}
