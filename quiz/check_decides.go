package quiz

import (
	"fmt"
	"strings"
)

// decideBudget bounds the extra scoring the "never decides" analysis adds
// to a coverage run (one verdict per chosen option and fired rule per
// answer set); a guide past it is left unanalysed rather than slow.
const decideBudget = 20_000_000

// decideStats counts, over a coverage run, how often each rule fires and
// each option with points is chosen, and how often taking its points away
// would change that answer set's verdict.
type decideStats struct {
	ruleFires, ruleDecides []int
	optChosen, optDecides  []int // by global option index
}

// startDecides sets up the analysis for a run of n answer sets, if it fits
// the budget.
func (g *Guide) startDecides(cov *Coverage, n int) {
	if n*(g.nOptions+len(g.Rules)) > decideBudget {
		return
	}
	cov.decides = &decideStats{
		ruleFires: make([]int, len(g.Rules)), ruleDecides: make([]int, len(g.Rules)),
		optChosen: make([]int, g.nOptions), optDecides: make([]int, g.nOptions),
	}
}

// coverDecides records one answer set of a coverage run: a conflict of
// wishes, and which of its points decide the verdict d.
func (g *Guide) coverDecides(cov *Coverage, sel []bool, s *scratch, d decision) {
	if d.conflict {
		cov.Conflicts++
		if cov.ConflictExample == "" {
			cov.ConflictExample = g.describe(sel)
		}
	}
	st := cov.decides
	if st == nil {
		return
	}
	for ri := range g.Rules {
		if s.fired[ri] {
			st.ruleFires[ri]++
			if g.decidesWithout(g.Rules[ri].Points, s, d) {
				st.ruleDecides[ri]++
			}
		}
	}
	for qi, qu := range g.Questions {
		base := g.optionBase[qi]
		for oi := range qu.Options {
			if sel[base+oi] && !movesNothing(qu.Options[oi].Points) {
				st.optChosen[base+oi]++
				if g.decidesWithout(qu.Options[oi].Points, s, d) {
					st.optDecides[base+oi]++
				}
			}
		}
	}
}

// decidesWithout reports whether taking points ps away from the tally in
// s would change the verdict d.
func (g *Guide) decidesWithout(ps []Points, s *scratch, d decision) bool {
	copy(s.trial, s.scores)
	g.addPoints(ps, s.trial, -1)
	return g.decide(s.trial, s.bans).verdict != d.verdict
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
		of = fmt.Sprintf("of %d sampled answer sets", cov.Total)
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
		if st.ruleFires[ri] > 0 && st.ruleDecides[ri] == 0 {
			ws = append(ws, Warning{Line: ru.Line, Msg: fmt.Sprintf("rule %q never decides a verdict: it fires in %d %s, and without its points each keeps its verdict",
				ru.ID, st.ruleFires[ri], of)})
		}
	}
	for qi, qu := range g.Questions {
		for oi, op := range qu.Options {
			i := g.optionBase[qi] + oi
			if st.optChosen[i] > 0 && st.optDecides[i] == 0 {
				ws = append(ws, Warning{Line: op.Line, Msg: fmt.Sprintf("option %q of question %q never decides a verdict: it is chosen in %d %s, and without its points each keeps its verdict",
					op.ID, qu.ID, st.optChosen[i], of)})
			}
		}
	}
	return ws
}
