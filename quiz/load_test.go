package quiz

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// update rewrites the .want files of the broken-guide corpus from what the
// loader says now. Review the diff line by line before committing it.
var updateGuides = flag.Bool("update-guides", false, "rewrite testdata/guides/*.want from current output")

const corpusDir = "../testdata/guides"

// TestGuideCorpus loads every file in testdata/guides and compares the
// result with the .want file beside it: "ok" when the guide must load, the
// exact error text otherwise (one "file:line:col: message" line per problem).
func TestGuideCorpus(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(corpusDir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 30 {
		t.Fatalf("corpus has %d guides, want at least 30", len(paths))
	}
	for _, path := range paths {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".yaml"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got := "ok"
			g, err := Parse(name, data)
			if err != nil {
				if g != nil {
					t.Errorf("Parse returned both a guide and an error")
				}
				got = err.Error()
				checkErrorShape(t, name, err)
			} else {
				checkLoaded(t, g)
			}
			wantFile := strings.TrimSuffix(path, ".yaml") + ".want"
			if *updateGuides {
				if err := os.WriteFile(wantFile, []byte(got+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("no expected result: %v (run go test -run TestGuideCorpus -update-guides and review)", err)
			}
			if w := strings.TrimSuffix(string(want), "\n"); got != w {
				t.Errorf("Parse(%s):\n got: %s\nwant: %s", name, got, w)
			}
		})
	}
}

// The must-load corpus files say more than "ok": check what they loaded.
func TestCorpusLoadsFaithfully(t *testing.T) {
	load := func(name string) *Guide {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(corpusDir, name))
		if err != nil {
			t.Fatal(err)
		}
		g, err := Parse(name, data)
		if err != nil {
			t.Fatalf("%s must load: %v", name, err)
		}
		return g
	}
	plain := load("ok-minimal.yaml")
	for _, name := range []string{"ok-bom.yaml", "ok-crlf.yaml"} {
		g := load(name)
		if g.Name != "Mini guide" || g.Questions[0].Options[1].Label != "High" || g.Checklist[0].Items[0] != "Check the clasp." {
			t.Errorf("%s: texts differ from the plain file: name %q, label %q, item %q", name, g.Name, g.Questions[0].Options[1].Label, g.Checklist[0].Items[0])
		}
		if len(g.Questions) != len(plain.Questions) || g.Questions[0].Line != plain.Questions[0].Line {
			t.Errorf("%s: question line %d, want %d", name, g.Questions[0].Line, plain.Questions[0].Line)
		}
	}
	if got := load("ok-bidi-in-label.yaml").Questions[0].Options[0].Label; got != "Low \u202eesrever" {
		t.Errorf("bidi label loaded as %q", got)
	}
	if plain.Hash == "" || plain.Hash == load("ok-crlf.yaml").Hash {
		t.Errorf("hash %q should be set and differ between different bytes", plain.Hash)
	}
}

var problemLineRe = regexp.MustCompile(`^(\S+?):(\d+)(?::(\d+))?: (.+)$`)

// wholeFile lists messages about the file as a whole, which have no line.
var wholeFile = []string{
	"the file holds no guide: it is empty or only comments",
	"the file is larger than 1024 KiB; a guide is a few kilobytes of YAML, so this is probably the wrong file",
}

// checkErrorShape asserts what every loader error must look like: a
// *GuideError, one line per problem, each naming the file and a line,
// sorted by line, with no Go type names or raw control bytes.
func checkErrorShape(t *testing.T, file string, err error) {
	t.Helper()
	var ge *GuideError
	if !errors.As(err, &ge) {
		t.Fatalf("error is %T, want *GuideError", err)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(ge.Problems) {
		t.Errorf("%d lines for %d problems", len(lines), len(ge.Problems))
	}
	prev := 0
	for _, l := range lines {
		if strings.Contains(l, "rawGuide") || strings.Contains(l, "quiz.") || strings.Contains(l, "!!") {
			t.Errorf("message speaks Go, not guide: %s", l)
		}
		if hasControl(l) {
			t.Errorf("message holds a control byte: %q", l)
		}
		m := problemLineRe.FindStringSubmatch(l)
		if m == nil {
			if !slices.Contains(wholeFile, strings.TrimPrefix(l, file+": ")) {
				t.Errorf("line does not name file:line: %q", l)
			}
			continue
		}
		if m[1] != file {
			t.Errorf("line names file %q, want %q", m[1], file)
		}
		n := atoi(m[2])
		if n < prev {
			t.Errorf("problems not sorted by line: %d after %d", n, prev)
		}
		prev = n
	}
	if !sort.SliceIsSorted(ge.Problems, func(i, j int) bool { return ge.Problems[i].Line < ge.Problems[j].Line }) {
		t.Errorf("Problems not sorted by line")
	}
}

// checkLoaded asserts the invariants every loaded guide keeps, which the
// scorer and the interface rely on.
func checkLoaded(t *testing.T, g *Guide) {
	t.Helper()
	if len(g.Outcomes) < 2 || len(g.Questions) == 0 {
		t.Errorf("loaded guide has %d outcomes, %d questions", len(g.Outcomes), len(g.Questions))
	}
	for _, q := range g.Questions {
		if len(q.Options) == 0 || q.Max < 1 || q.Max > len(q.Options) {
			t.Errorf("question %s: %d options, max %d", q.ID, len(q.Options), q.Max)
		}
		for _, o := range q.Options {
			if o.Label == "" || hasControl(o.Label) {
				t.Errorf("option %s=%s label %q", q.ID, o.ID, o.Label)
			}
		}
	}
	for _, o := range g.Outcomes {
		n := 0
		for _, cg := range g.ChecklistFor(o.ID) {
			n += len(cg.Items)
		}
		if n == 0 {
			t.Errorf("outcome %s has no checklist", o.ID)
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestLoadFromDisk(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		path string
		want string
	}{
		{"missing file", filepath.Join(dir, "nope.yaml"), filepath.Join(dir, "nope.yaml") + ": cannot read the guide: no such file or directory"},
		{"a directory", dir, dir + ": cannot read the guide: is a directory"},
		{"corpus file", filepath.Join(corpusDir, "version-mismatch.yaml"), filepath.Join(corpusDir, "version-mismatch.yaml") + ":1:10: version 2 is not one this program reads; it reads version 1"},
		{"good file", filepath.Join(corpusDir, "ok-minimal.yaml"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := Load(tt.path)
			if tt.want == "" {
				if err != nil || g == nil || g.File != tt.path {
					t.Fatalf("Load(%s) = %v, %v; want a guide named after its path", tt.path, g, err)
				}
				return
			}
			if err == nil || err.Error() != tt.want {
				t.Fatalf("Load(%s) error:\n got: %v\nwant: %s", tt.path, err, tt.want)
			}
			var ge *GuideError
			if !errors.As(err, &ge) {
				t.Errorf("error is %T, want *GuideError", err)
			}
		})
	}
}

func TestDefaultGuideLoads(t *testing.T) {
	g := defaultGuide(t)
	checkLoaded(t, g)
	for q, opts := range map[string][]string{
		"occasion":        {"everyday", "gift", "milestone", "statement", "trend"},
		"budget":          {"lowest", "moderate", "invest"},
		"lifespan":        {"season", "years", "heirloom"},
		"ethics":          {"not-a-factor", "nice-to-have", "essential"},
		"personalization": {"none", "light", "bespoke"},
		"character":       {"uniform", "either", "one-of-a-kind"},
	} {
		qu, ok := g.Question(q)
		if !ok {
			t.Errorf("default guide lacks question %s", q)
			continue
		}
		for _, o := range opts {
			if qu.OptionIndex(o) < 0 {
				t.Errorf("question %s lacks option %s", q, o)
			}
		}
	}
}
