package quiz

import (
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
