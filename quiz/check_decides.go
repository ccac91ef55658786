package quiz

import (
	"fmt"
	"sort"
	"strings"
)

// decideStats counts, over a coverage run, how often each rule fires and
// each option with points is chosen, and marks those whose points, taken
// away, changed some answer set's verdict. Only "never" is warned about,
// so once marked they are not tried again: most are marked early, which
// leaves the analysis a small part of the walk.
type decideStats struct {
	ruleFires, optChosen    []int // options by global index
	ruleDecided, optDecided []bool
}

func (g *Guide) newDecideStats() *decideStats {
	return &decideStats{
		ruleFires: make([]int, len(g.Rules)), ruleDecided: make([]bool, len(g.Rules)),
		optChosen: make([]int, g.nOptions), optDecided: make([]bool, g.nOptions),
	}
}

// withoutCost is the work of one decidesWithout on points ps: taking them
// away and putting them back, and deciding in between.
func (g *Guide) withoutCost(ps []Points) int {
	return 2*len(ps) + len(g.Outcomes)
}

// decideCost is the most coverDecides can cost on one answer set: every
// rule that can fire firing, and each question answered with its costliest
// allowed selection. The walk plans with it so that the analysis stays
// inside check's one work budget.
func (g *Guide) decideCost(cov *Coverage) int {
	cost := len(g.Rules) + g.nOptions
	for ri, ru := range g.Rules {
		if !cov.never[ri] {
			cost += g.withoutCost(ru.Points)
		}
	}
	for _, qu := range g.Questions {
		var cs []int
		for _, op := range qu.Options {
			if !movesNothing(op.Points) {
				cs = append(cs, g.withoutCost(op.Points))
			}
		}
		sort.Sort(sort.Reverse(sort.IntSlice(cs)))
		k := 1
		if qu.Multi() {
			k = qu.Max
		}
		for _, c := range cs[:min(k, len(cs))] {
			cost += c
		}
	}
	return cost
}

// coverDecides records one answer set of a coverage run: a conflict of
// wishes, and which of its points decide the verdict d. It returns the
// work done, which decideCost bounds.
func (g *Guide) coverDecides(cov *Coverage, sel []bool, s *scratch, d decision) int {
	if d.conflict {
		cov.Conflicts++
		if cov.ConflictExample == "" {
			cov.ConflictExample = g.describe(sel)
		}
	}
	st := cov.decides
	work := len(g.Rules) + g.nOptions
	for ri := range g.Rules {
		if s.fired[ri] {
			st.ruleFires[ri]++
			if !st.ruleDecided[ri] {
				work += g.withoutCost(g.Rules[ri].Points)
				st.ruleDecided[ri] = g.decidesWithout(g.Rules[ri].Points, s, d)
			}
		}
	}
	for qi, qu := range g.Questions {
		base := g.optionBase[qi]
		for oi := range qu.Options {
			if sel[base+oi] && !movesNothing(qu.Options[oi].Points) {
				st.optChosen[base+oi]++
				if !st.optDecided[base+oi] {
					work += g.withoutCost(qu.Options[oi].Points)
					st.optDecided[base+oi] = g.decidesWithout(qu.Options[oi].Points, s, d)
				}
			}
		}
	}
	return work
}

// decidesWithout reports whether taking points ps away from the tally in
// s would change the verdict d.
func (g *Guide) decidesWithout(ps []Points, s *scratch, d decision) bool {
	// In place and back again: cheaper than a copy of the tally.
	g.addPoints(ps, s.scores, -1)
	changed := g.decide(s.scores, s.bans).verdict != d.verdict
	g.addPoints(ps, s.scores, 1)
	return changed
}

// describe writes a selection as "question=option" pairs.
func (g *Guide) describe(sel []bool) string {
	var parts []string
	for qi, qu := range g.Questions {
		var ids []string
		for oi, op := range qu.Options {
			if sel[g.optionBase[qi]+oi] {
				ids = append(ids, op.ID)
			}
		}
		if len(ids) > 0 {
			parts = append(parts, qu.ID+"="+strings.Join(ids, ","))
		}
	}
	return strings.Join(parts, " ")
}

// decideWarnings lists the rules and options whose points never decide a
// verdict over the coverage run, and answer sets whose wishes conflict.
func (g *Guide) decideWarnings(cov *Coverage) []Warning {
	if cov == nil {
		return nil
	}
	var ws []Warning
	of := fmt.Sprintf("of %d answer sets", cov.Total)
	if cov.Sampled {
		of = fmt.Sprintf("of a sample of %d answer sets", cov.Total)
	}
	if cov.Conflicts > 0 {
		line := 0
		for _, qu := range g.Questions {
			for _, op := range qu.Options {
				if line == 0 && len(op.RulesOut) > 0 {
					line = op.Line
				}
			}
		}
		ws = append(ws, Warning{Line: line, Msg: fmt.Sprintf("the answers rule out every outcome but %q in %d %s, e.g. %s",
			g.Decision.CloseCall, cov.Conflicts, of, cov.ConflictExample)})
	}
	st := cov.decides
	if st == nil {
		return ws
	}
	for ri, ru := range g.Rules {
		if st.ruleFires[ri] > 0 && !st.ruleDecided[ri] {
			ws = append(ws, Warning{Line: ru.Line, Msg: fmt.Sprintf("rule %q never decides a verdict: it fires in %d %s, and without its points each keeps its verdict",
				ru.ID, st.ruleFires[ri], of)})
		}
	}
	for qi, qu := range g.Questions {
		for oi, op := range qu.Options {
			i := g.optionBase[qi] + oi
			if st.optChosen[i] > 0 && !st.optDecided[i] {
				ws = append(ws, Warning{Line: op.Line, Msg: fmt.Sprintf("option %q of question %q never decides a verdict: it is chosen in %d %s, and without its points each keeps its verdict",
					op.ID, qu.ID, st.optChosen[i], of)})
			}
		}
	}
	return ws
}
