package quiz

import (
	"fmt"
	"strings"
	"testing"
)

// TestLintNeverDecides: on the counter fixture (the old built-in weights),
// check finds the rule and the options whose points never decide a
// verdict, and says how often they fire; on the conflict fixture it finds
// the answer sets whose wishes rule out every outcome.
func TestLintNeverDecides(t *testing.T) {
	msgs := func(g *Guide) string {
		var b strings.Builder
		for _, w := range g.Lint(g.Cover(1)) {
			b.WriteString(w.Msg + "\n")
		}
		return b.String()
	}
	got := msgs(fixture(t, "counter"))
	for _, want := range []string{
		`rule "values-on-a-budget" never decides a verdict: it fires in 1485 of 13365 answer sets`,
		`option "moderate" of question "budget" never decides a verdict: it is chosen in 4455 of 13365 answer sets`,
		`option "either" of question "character" never decides`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "never decides"); n != 3 {
		t.Errorf("%d never-decides warnings, want 3:\n%s", n, got)
	}
	got = msgs(fixture(t, "conflict"))
	// design=together rules out factory, fit=exact rules out maker: one
	// of the four complete answer sets.
	if want := `the answers rule out every outcome but "both" in 1 of 4 answer sets, e.g. design=together fit=exact`; !strings.Contains(got, want) {
		t.Errorf("warnings lack %q:\n%s", want, got)
	}
}

// TestNeverDecidesWithinTheBudget: the "never decides" analysis is paid
// for from check's one work budget. Given enough for every verdict of the
// counter fixture but not for the analysis beside them, check samples, stays
// within the budget, and the warnings say they come from a sample.
func TestNeverDecidesWithinTheBudget(t *testing.T) {
	g := fixture(t, "counter")
	full := g.Cover(1)
	if full.Sampled {
		t.Fatalf("the counter fixture is sampled on the full budget")
	}
	probe := &Coverage{}
	search := g.searchRules(probe, CheckWork/2)
	choices := make([]choiceSet, len(g.Questions))
	for qi := range g.Questions {
		choices[qi] = g.choiceSet(qi)
	}
	// Enough for the exact walk's verdicts and half of what the analysis
	// may cost beside them.
	n := full.Possible.Int64()
	verdicts := 2*g.nOptions + g.terms + len(g.Rules) + len(g.Outcomes) + g.walkCost(choices, n)
	work := search + verdicts + int(n)*g.decideCost(full)/2
	cov := g.cover(1, work)
	if !cov.Sampled || cov.Work > work || cov.Total < minSample {
		t.Fatalf("sampled %v, %d answer sets, %d units of work; want a sample within %d", cov.Sampled, cov.Total, cov.Work, work)
	}
	var decides []string
	for _, w := range g.Lint(cov) {
		if strings.Contains(w.Msg, "never decides") {
			decides = append(decides, w.Msg)
		}
	}
	if len(decides) == 0 {
		t.Fatalf("no never-decides warnings over the sample")
	}
	for _, m := range decides {
		if !strings.Contains(m, fmt.Sprintf("of a sample of %d answer sets", cov.Total)) {
			t.Errorf("warning does not say it comes from a sample: %s", m)
		}
	}
}

// TestConflictVerdict: when the answers rule out every outcome but the
// close-call one, that is the verdict, flagged as a conflict and not a
// close call, with both wishes marked as deciding.
func TestConflictVerdict(t *testing.T) {
	g := fixture(t, "conflict")
	r := g.Evaluate(Answers{"design": {"together"}, "fit": {"exact"}})
	if r.Verdict != "both" || !r.Conflict || r.Close || r.Confidence != 0 {
		t.Fatalf("verdict %s conflict %v close %v confidence %v", r.Verdict, r.Conflict, r.Close, r.Confidence)
	}
	if len(r.Wishes) != 2 || !r.Wishes[0].Decided || !r.Wishes[1].Decided {
		t.Errorf("wishes %+v", r.Wishes)
	}
	rep := NewReport(g, r)
	if rep.Strength != "conflict" || !strings.Contains(rep.StrengthText, "“Designed together” rules out Factory") {
		t.Errorf("strength %q: %q", rep.Strength, rep.StrengthText)
	}
}
