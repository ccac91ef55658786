package quiz

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestCloseCallOutcomeIsNoRunnerUp: outside a close call the leader is
// compared with the best other real outcome, even when the close-call
// outcome has more points; when wishes rule out every other real
// outcome, the strength says so instead of "to 0 for" anyone, unless no
// wish decided it. The JSON
// runner_up, lead and confidence are built from the same comparison.
func TestCloseCallOutcomeIsNoRunnerUp(t *testing.T) {
	g := fixture(t, "rival")
	tests := []struct {
		a             Answers
		runner        string
		lead          int
		want, notWant string
	}{
		// maker 5, both 3, factory 1: the margin is still applied to
		// both (lead 2 > 1), but the runner-up is factory.
		{Answers{"size": {"large"}, "design": {"shelf"}}, "factory", 4,
			"5 points to 1 for factory", "for both"},
		// maker 5, both 3, factory 6 but ruled out: no runner-up; the
		// lead is over both, which the margin applied to.
		{Answers{"size": {"large"}, "design": {"together"}}, "", 2,
			"by your wish (5 points): factory (6 points) is ruled out", " to "},
		// maker 5, factory ruled out, both 0.
		{Answers{"size": {"small"}, "design": {"together"}}, "", 5,
			"by your wish (5 points): factory (6 points) is ruled out", " to 0"},
		// maker 5, factory 2 and ruled out: the wish changed nothing, so
		// it gets no credit; the lead reads as usual.
		{Answers{"size": {"small"}, "design": {"sketch"}}, "", 5,
			"5 points to 2 for factory, which your answer “My own sketch” rules out anyway", "by your wish"},
	}
	for _, tt := range tests {
		r := g.Evaluate(tt.a)
		rep := NewReport(g, r)
		if r.Verdict != "maker" || r.RunnerUp != tt.runner || r.Lead != tt.lead {
			t.Errorf("%v: verdict %s runner-up %q lead %d; want maker %q %d", tt.a, r.Verdict, r.RunnerUp, r.Lead, tt.runner, tt.lead)
		}
		if !strings.Contains(rep.StrengthText, tt.want) || strings.Contains(rep.StrengthText, tt.notWant) {
			t.Errorf("%v: strength %q, want %q and not %q", tt.a, rep.StrengthText, tt.want, tt.notWant)
		}
		var b strings.Builder
		if err := WriteJSON(&b, rep); err != nil {
			t.Fatal(err)
		}
		var j JSONReport
		if err := json.Unmarshal([]byte(b.String()), &j); err != nil {
			t.Fatal(err)
		}
		against := j.RunnerUp
		if against == "" {
			against = "both"
		}
		if j.Scores[j.Leader]-j.Scores[against] != j.Lead {
			t.Errorf("%v: JSON lead %d is not %s's %d less %s's %d", tt.a, j.Lead, j.Leader, j.Scores[j.Leader], against, j.Scores[against])
		}
		sum := abs(j.Scores[j.Leader]) + abs(j.Scores[against]) + j.OpenPoints
		if want := float64(j.Lead-j.Margin) / float64(sum); j.Confidence < want-0.0005 || j.Confidence > want+0.0005 {
			t.Errorf("%v: JSON confidence %v, want (%d-%d)/%d", tt.a, j.Confidence, j.Lead, j.Margin, sum)
		}
	}
}
