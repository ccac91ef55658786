package quiz

import (
	"reflect"
	"strings"
	"testing"
)

// The built-in guide's own tests. Only these may depend on its wording
// and weights; every behaviour test runs on the fixtures in testdata/.

// TestBuiltinLintsClean: the built-in guide loads, and check finds nothing
// to warn about, so no option or rule of it is dead weight.
func TestBuiltinLintsClean(t *testing.T) {
	g := defaultGuide(t)
	cov := g.Cover(1)
	for _, w := range g.Lint(cov) {
		t.Errorf("line %d: %s", w.Line, w.Msg)
	}
	if cov.Sampled || cov.Conflicts != 0 {
		t.Errorf("coverage sampled %v, conflicts %d; want every answer set tried and no conflict", cov.Sampled, cov.Conflicts)
	}
	for _, o := range g.Outcomes {
		if o.MidSentence == "" {
			t.Errorf("outcome %q has no mid_sentence form", o.ID)
		}
	}
}

// everyAnswerSet calls f with every answer set of the built-in guide:
// each single-select question answered or not, each allowed choice of
// the multi-select one.
func everyAnswerSet(g *Guide, f func(Answers)) {
	a := Answers{}
	var walk func(qi int)
	walk = func(qi int) {
		if qi == len(g.Questions) {
			f(a)
			return
		}
		qu := g.Questions[qi]
		delete(a, qu.ID)
		walk(qi + 1)
		if !qu.Multi() {
			for _, op := range qu.Options {
				a[qu.ID] = []string{op.ID}
				walk(qi + 1)
			}
			delete(a, qu.ID)
			return
		}
		for mask := 0; mask < 1<<len(qu.Options); mask++ {
			ids := []string{}
			for i, op := range qu.Options {
				if mask&(1<<i) != 0 {
					ids = append(ids, op.ID)
				}
			}
			if len(ids) <= qu.Max {
				a[qu.ID] = ids
				walk(qi + 1)
			}
		}
		delete(a, qu.ID)
	}
	walk(0)
}

// TestBuiltinHardWishes: over every answer set, a piece designed with the
// customer is never a plain Mass-produced verdict, and an exact-match wish
// under a Handcrafted verdict always brings its caution.
func TestBuiltinHardWishes(t *testing.T) {
	g := defaultGuide(t)
	n, cautioned := 0, 0
	everyAnswerSet(g, func(a Answers) {
		n++
		r := g.Evaluate(a)
		if has(a, "personalization", "bespoke") && r.Verdict == "mass-produced" {
			t.Fatalf("%v: bespoke gave a Mass-produced verdict", a)
		}
		wantCaution := has(a, "character", "uniform") && r.Verdict == "handcrafted"
		if got := len(r.Cautions) > 0; got != wantCaution {
			t.Fatalf("%v: verdict %s, cautions %v", a, r.Verdict, r.Cautions)
		}
		if wantCaution {
			cautioned++
		}
	})
	if n < 50000 || cautioned == 0 {
		t.Fatalf("walked %d answer sets, %d with a caution; the walk is broken", n, cautioned)
	}
}

func has(a Answers, q, o string) bool {
	for _, x := range a[q] {
		if x == o {
			return true
		}
	}
	return false
}

// poles orders the options of the built-in guide's graded questions from
// the mass-produced pole to the handcrafted one.
var poles = map[string][]string{
	"budget":          {"lowest", "moderate", "invest"},
	"lifespan":        {"season", "years", "heirloom"},
	"ethics":          {"not-a-factor", "nice-to-have", "essential"},
	"personalization": {"none", "light", "bespoke"},
	"character":       {"uniform", "either", "one-of-a-kind"},
}

var verdictRank = map[string]int{"mass-produced": 0, "mix": 1, "handcrafted": 2}

// TestBuiltinMonotonic: over every answer set, moving a graded answer one
// step toward the handcrafted pole never moves the verdict toward
// Mass-produced.
func TestBuiltinMonotonic(t *testing.T) {
	g := defaultGuide(t)
	for q, order := range poles {
		qu, _ := g.Question(q)
		if !reflect.DeepEqual(qu.OptionIDs(), order) {
			t.Fatalf("%s options %v, poles %v: update the poles with the guide", q, qu.OptionIDs(), order)
		}
	}
	// The verdict alone, without the rest of Evaluate: this walk scores
	// several hundred thousand answer sets.
	s := g.newScratch()
	verdict := func(a Answers) string {
		g.tally(g.selection(a), s.scores, s.bans, s.fired)
		return g.Outcomes[g.decide(s.scores, s.bans).verdict].ID
	}
	moves := 0
	everyAnswerSet(g, func(a Answers) {
		before := verdictRank[verdict(a)]
		for q, order := range poles {
			if len(a[q]) == 0 || a[q][0] == order[len(order)-1] {
				continue
			}
			was := a[q]
			i := g.Questions[g.QuestionIndex(q)].OptionIndex(was[0])
			a[q] = []string{order[i+1]}
			if after := verdictRank[verdict(a)]; after < before {
				t.Errorf("%v (from %s=%s): verdict moved toward mass-produced", a, q, was[0])
			}
			a[q] = was
			moves++
		}
	})
	if moves == 0 {
		t.Fatal("no moves tried")
	}
}

// TestBuiltinTwoAnswersNeverStrong: two answers alone never read as a
// strong verdict or a confidence of 0.5 or more.
func TestBuiltinTwoAnswersNeverStrong(t *testing.T) {
	g := defaultGuide(t)
	pairs := 0
	for i, q1 := range g.Questions {
		for _, q2 := range g.Questions[i+1:] {
			for _, o1 := range q1.Options {
				for _, o2 := range q2.Options {
					a := Answers{q1.ID: {o1.ID}, q2.ID: {o2.ID}}
					r := g.Evaluate(a)
					rep := NewReport(g, r)
					if r.Confidence >= 0.5 || rep.Strength == "strong" || rep.Strength == "clear" {
						t.Errorf("%v: %s, confidence %.2f: %s", a, rep.Strength, r.Confidence, rep.StrengthText)
					}
					pairs++
				}
			}
		}
	}
	if pairs < 100 {
		t.Fatalf("only %d pairs", pairs)
	}
}

// TestBuiltinOldCodes: resume codes handed out before hard wishes and the
// rebalanced weights still open the same answers.
func TestBuiltinOldCodes(t *testing.T) {
	g := defaultGuide(t)
	for code, want := range map[string]Answers{
		"23Y-QN9-0XK": {"occasion": {"milestone"}, "budget": {"invest"}, "lifespan": {"heirloom"}, "ethics": {"essential"},
			"personalization": {"bespoke"}, "character": {"uniform"}, "extras": {"meet-maker", "easy-replace"}},
		"0H0-5NZ-5QH": {"occasion": {"everyday"}, "extras": {"matching-set"}},
	} {
		got, err := g.DecodeCode(code)
		if err != nil {
			t.Errorf("%s: %v", code, err)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s opens %v, want %v", code, got, want)
		}
	}
}

// TestBuiltinReportWording: the built-in guide's wish and caution read in
// its report, and outcome labels read mid-sentence in lower case.
func TestBuiltinReportWording(t *testing.T) {
	g := defaultGuide(t)
	rep := NewReport(g, g.Evaluate(Answers{"occasion": {"trend"}, "budget": {"lowest"}, "personalization": {"bespoke"}, "character": {"uniform"}, "lifespan": {"season"}}))
	var b strings.Builder
	if err := WriteText(&b, rep, 80); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(b.String()), " ")
	for _, want := range []string{"Your wish decided it", "a maker's work", "would make it mass-produced"} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}
