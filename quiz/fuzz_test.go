package quiz

import (
	"errors"
	"hash/fnv"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jewelguide/jewelguide/data"
)

// Run one at a time, e.g.
//
//	go test ./quiz -run '^$' -fuzz FuzzParseGuide -fuzztime 30s
//
// Crashers land in quiz/testdata/fuzz/FuzzXxx and are kept there.

func addCorpusSeeds(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(corpusDir, "*.yaml"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(data.Guide)
	f.Add([]byte(abcGuide))
}

// FuzzParseGuide: the loader never panics; what it refuses, it refuses
// with a clean *GuideError; what it accepts can be scored, and its
// tipping points agree with brute force.
func FuzzParseGuide(f *testing.F) {
	addCorpusSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		g, err := Parse("f.yaml", src)
		if err != nil {
			var ge *GuideError
			if !errors.As(err, &ge) || g != nil {
				t.Fatalf("error %T %v with guide %v", err, err, g != nil)
			}
			if len(ge.Problems) == 0 || len(ge.Problems) > maxProblems+1 {
				t.Fatalf("%d problems", len(ge.Problems))
			}
			msg := err.Error()
			if i := badTerminalByte([]byte(msg)); i >= 0 || strings.ContainsRune(msg, '\t') {
				t.Fatalf("error holds a terminal control at %d: %q", i, msg)
			}
			if strings.Count(msg, "\n")+1 != len(ge.Problems) {
				t.Fatalf("error is not one line per problem: %q", msg)
			}
			return
		}
		fuzzCheckGuide(t, g, src)
	})
}

func fuzzCheckGuide(t *testing.T, g *Guide, src []byte) {
	for _, q := range g.Questions {
		if len(q.Options) == 0 || q.Max < 1 || q.Max > len(q.Options) {
			t.Fatalf("question %q loaded with %d options, max %d", q.ID, len(q.Options), q.Max)
		}
	}
	if g.nOptions > 120 {
		return // brute force is quadratic in options; the check is the same
	}
	h := fnv.New64a()
	h.Write(src)
	rng := rand.New(rand.NewSource(int64(h.Sum64())))
	for i := 0; i < 8; i++ {
		a := randomAnswers(rng, g, i%2 == 1)
		r := g.Evaluate(a)
		if _, ok := g.Outcome(r.Verdict); !ok {
			t.Fatalf("verdict %q is not an outcome", r.Verdict)
		}
		if r.Confidence < 0 || r.Confidence > 1 {
			t.Fatalf("confidence %v", r.Confidence)
		}
		if want := bruteTips(g, a); !reflect.DeepEqual(r.Tipping, want) {
			t.Fatalf("answers %v:\ntipping     %v\nbrute force %v", a, r.Tipping, want)
		}
		rep := NewReport(g, r)
		for _, w := range []func() ([]byte, error){
			func() ([]byte, error) {
				var b strings.Builder
				err := WriteText(&b, rep, 60)
				return []byte(b.String()), err
			},
			func() ([]byte, error) {
				var b strings.Builder
				err := WriteMarkdown(&b, rep)
				return []byte(b.String()), err
			},
			func() ([]byte, error) {
				var b strings.Builder
				err := WriteJSON(&b, rep)
				return []byte(b.String()), err
			},
		} {
			out, err := w()
			if err != nil {
				t.Fatal(err)
			}
			if i := badTerminalByte(out); i >= 0 {
				t.Fatalf("report holds a terminal control at %d: %q", i, out)
			}
		}
	}
}

// FuzzParseAnswers: answers files never panic the parser, and what parses
// can be checked and scored against the default guide.
func FuzzParseAnswers(f *testing.F) {
	for _, s := range []string{
		"budget: invest\nextras: [meet-maker, hold-value]\n",
		`{"budget": "invest", "extras": ["meet-maker", "hold-value"]}`,
		"\ufeffoccasion: milestone\r\n",
		"- a\n- b\n", "a: {b: c}\n", "a: &x b\nc: *x\n", "a: [b\n", "", "# c\n",
		"budget: invest\nbudget: lowest\n", "\"\\e[2J\": x\n",
	} {
		f.Add([]byte(s))
	}
	g, err := Parse(data.GuideFile, data.Guide)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		a, err := ParseAnswers("a.yaml", src)
		if err != nil {
			if a != nil {
				t.Fatalf("answers with an error")
			}
			if i := badTerminalByte([]byte(err.Error())); i >= 0 {
				t.Fatalf("error holds a terminal control at %d: %q", i, err.Error())
			}
			return
		}
		if err := g.CheckAnswers(a); err != nil {
			if i := badTerminalByte([]byte(err.Error())); i >= 0 {
				t.Fatalf("CheckAnswers error holds a terminal control at %d: %q", i, err.Error())
			}
		}
		r := g.Evaluate(a)
		for q, opts := range r.Answers {
			qu, ok := g.Question(q)
			if !ok {
				t.Fatalf("result answers unknown question %q", q)
			}
			for _, o := range opts {
				if qu.OptionIndex(o) < 0 {
					t.Fatalf("result answers unknown option %q=%q", q, o)
				}
			}
		}
	})
}

// FuzzParseAnswerFlag: one --answer value never panics the parser, and a
// parsed value has a question and clean, non-empty option ids.
func FuzzParseAnswerFlag(f *testing.F) {
	for _, s := range []string{"budget=invest", "extras=meet-maker,hold-value", "=x", "x=", "x=,", "a=b=c", " q = a , b ", "\x1b[2J=\x9b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, opts, err := ParseAnswerFlag(s)
		if err != nil {
			if q != "" || opts != nil {
				t.Fatalf("values with an error")
			}
			if i := badTerminalByte([]byte(err.Error())); i >= 0 {
				t.Fatalf("error holds a terminal control at %d: %q", i, err.Error())
			}
			return
		}
		if q == "" || q != strings.TrimSpace(q) || strings.Contains(q, "=") || opts == nil {
			t.Fatalf("ParseAnswerFlag(%q) = %q, %q", s, q, opts)
		}
		for _, o := range opts {
			if o == "" || o != strings.TrimSpace(o) || strings.Contains(o, ",") {
				t.Fatalf("ParseAnswerFlag(%q): option %q", s, o)
			}
		}
	})
}

// FuzzInert: the output holds nothing a terminal acts on, is valid UTF-8,
// is stable, and leaves text that needed nothing untouched.
func FuzzInert(f *testing.F) {
	for _, s := range []string{"plain", "\x1b]52;c;aGk=\a", "\x1b[2J", "\u009b", "\x9b", "\u202e", "é宝💍", "\xff", "a\nb\tc\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Inert(s)
		if i := badTerminalByte([]byte(out)); i >= 0 || strings.ContainsAny(out, "\n\t") {
			t.Fatalf("Inert(%q) = %q: control at %d", s, out, i)
		}
		if !utf8.ValidString(out) {
			t.Fatalf("Inert(%q) = %q is not UTF-8", s, out)
		}
		if Inert(out) != out {
			t.Fatalf("Inert not stable on %q", s)
		}
		if badTerminalByte([]byte(s)) < 0 && utf8.ValidString(s) && !strings.ContainsAny(s, "\n\t") && out != s {
			t.Fatalf("Inert changed harmless %q to %q", s, out)
		}
	})
}
