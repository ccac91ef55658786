package quiz

// tipping lists every change of a single answer that would change the
// verdict. Rather than re-scoring the whole guide for each candidate, it
// takes away what the changed question contributed (once per question) and
// re-evaluates only the rules that look at that question, so the cost grows
// with questions × options × (rules per question), not with the whole guide.
func (g *Guide) tipping(sel []bool, s *scratch, verdict string) []Tip {
	var tips []Tip
	saved := make([]bool, 0, maxOptions)
	for qi, qu := range g.Questions {
		base, n := g.optionBase[qi], len(qu.Options)
		states := sel[base : base+n]
		saved = append(saved[:0], states...)
		chosen := count(saved)
		// The points without this question's answer and the rules that
		// look at it are the same for every candidate: work them out once.
		copy(s.without, s.scores)
		g.addOptionPoints(qi, sel, s.without, -1)
		for _, ri := range g.rulesByQuestion[qi] {
			if s.fired[ri] {
				g.addPoints(g.Rules[ri].Points, s.without, -1)
			}
		}
		for oi := range qu.Options {
			remove := qu.Multi() && saved[oi]
			switch {
			case !qu.Multi() && saved[oi]:
				continue // already the answer
			case qu.Multi() && !saved[oi] && chosen >= qu.Max:
				continue // would exceed the limit: not a single change
			}
			copy(s.trial, s.without)
			if qu.Multi() {
				states[oi] = !states[oi]
			} else {
				for i := range states {
					states[i] = i == oi
				}
			}
			g.addOptionPoints(qi, sel, s.trial, 1)
			for _, ri := range g.rulesByQuestion[qi] {
				if g.Rules[ri].When.eval(sel) {
					g.addPoints(g.Rules[ri].Points, s.trial, 1)
				}
			}
			copy(states, saved)
			if v := g.Outcomes[g.decide(s.trial).verdict].ID; v != verdict {
				tips = append(tips, Tip{Question: qu.ID, Option: qu.Options[oi].ID, Remove: remove, Verdict: v})
			}
		}
	}
	return tips
}
