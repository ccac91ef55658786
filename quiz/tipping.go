package quiz

import (
	"cmp"
	"slices"
)

// tipping lists every change of a single answer that would change the
// verdict. Rather than re-scoring the whole guide for each candidate, it
// takes away what the changed question's answer contributed (once per
// question) and re-evaluates only the rules that look at an option the
// change turns on or off, so the cost grows with questions × options ×
// (rules per option), not with the whole guide.
func (g *Guide) tipping(sel []bool, s *scratch, verdict string) []Tip {
	var tips []Tip
	saved := make([]bool, 0, maxOptions)
	// seen marks the rules already re-evaluated for a candidate, by the
	// candidate's number: a rule that looks at both the old and the new
	// answer counts once.
	seen := make([]int32, len(g.Rules))
	trialNo := int32(0)
	for qi, qu := range g.Questions {
		base, n := g.optionBase[qi], len(qu.Options)
		states := sel[base : base+n]
		saved = append(saved[:0], states...)
		chosen := count(saved)
		// The points without this question's own answer are the same for
		// every candidate: work them out once. The rules stay in.
		copy(s.without, s.scores)
		copy(s.withoutBans, s.bans)
		g.addOptionPoints(qi, sel, s.without, s.withoutBans, -1)
		for oi := range qu.Options {
			remove := qu.Multi() && saved[oi]
			switch {
			case !qu.Multi() && saved[oi]:
				continue // already the answer
			case qu.Multi() && !saved[oi] && chosen >= qu.Max:
				continue // would exceed the limit: not a single change
			}
			copy(s.trial, s.without)
			copy(s.trialBans, s.withoutBans)
			if qu.Multi() {
				states[oi] = !states[oi]
			} else {
				for i := range states {
					states[i] = i == oi
				}
			}
			g.addOptionPoints(qi, sel, s.trial, s.trialBans, 1)
			// Only a rule that looks at an option whose state changed can
			// change its mind; the others keep what they gave.
			trialNo++
			for o := range states {
				if states[o] == saved[o] {
					continue
				}
				for _, ri := range g.rulesByOption[base+o] {
					if seen[ri] == trialNo {
						continue
					}
					seen[ri] = trialNo
					switch now := g.Rules[ri].When.eval(sel); {
					case now && !s.fired[ri]:
						g.addPoints(g.Rules[ri].Points, s.trial, 1)
					case !now && s.fired[ri]:
						g.addPoints(g.Rules[ri].Points, s.trial, -1)
					}
				}
			}
			copy(states, saved)
			if d := g.decide(s.trial, s.trialBans); g.Outcomes[d.verdict].ID != verdict {
				tips = append(tips, g.explainTip(s, d, qu.ID, qu.Options[oi].ID, remove))
			}
		}
	}
	// Clearest new verdict first; the sort is stable, so question order
	// breaks ties.
	slices.SortStableFunc(tips, func(a, b Tip) int { return cmp.Compare(b.Lead, a.Lead) })
	return tips
}

// explainTip records what a change would do: the new verdict, how clearly
// it would lead, and which points and wishes move (s.trial against
// s.scores).
func (g *Guide) explainTip(s *scratch, d decision, question, option string, remove bool) Tip {
	t := Tip{Question: question, Option: option, Remove: remove, Verdict: g.Outcomes[d.verdict].ID,
		Close: d.close, Conflict: d.conflict}
	if !d.close && !d.conflict {
		t.Lead = d.lead
	}
	for i, o := range g.Outcomes {
		if diff := s.trial[i] - s.scores[i]; diff != 0 {
			t.Change = append(t.Change, Score{Outcome: o.ID, Points: diff})
		}
		switch {
		case s.trialBans[i] > 0 && s.bans[i] == 0:
			t.RulesOut = append(t.RulesOut, o.ID)
		case s.trialBans[i] == 0 && s.bans[i] > 0:
			t.Lifts = append(t.Lifts, o.ID)
		}
	}
	return t
}
