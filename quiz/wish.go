package quiz

// RuledOut is one outcome a chosen answer rules out: a hard wish.
type RuledOut struct {
	Question, Option, Outcome string
	// Text says what would make the wish work, as the guide words it.
	Text string
	// Decided is set when this wish changed the verdict: without the
	// wishes, the outcome it rules out would have led, or been in the
	// close race, or every outcome is ruled out.
	Decided bool
}

// Caution is something to watch for that a chosen answer raises under the
// verdict, such as an exact match asked of a maker.
type Caution struct {
	Question, Option string
	Text             string
}

// wishes fills in the hard wishes and the cautions of the chosen answers.
func (g *Guide) wishes(r *Result, sel []bool) {
	var unruled decision
	changed := r.Verdict != r.Unruled
	if changed {
		scores := make([]int, len(r.Scores))
		for i, s := range r.Scores {
			scores[i] = s.Points
		}
		unruled = g.decide(scores, nil)
	}
	for qi, qu := range g.Questions {
		base := g.optionBase[qi]
		for oi, op := range qu.Options {
			if !sel[base+oi] {
				continue
			}
			for _, w := range op.RulesOut {
				oc := g.outcomeIdx[w.Outcome]
				decided := r.Conflict || changed && (oc == unruled.verdict || oc == unruled.leader || oc == unruled.runner)
				r.Wishes = append(r.Wishes, RuledOut{Question: qu.ID, Option: op.ID, Outcome: w.Outcome, Text: w.Text, Decided: decided})
			}
			for _, c := range op.Caution {
				if c.Outcome == r.Verdict {
					r.Cautions = append(r.Cautions, Caution{Question: qu.ID, Option: op.ID, Text: c.Text})
				}
			}
		}
	}
}
