package quiz

import (
	"fmt"
)

// Warning is something in a valid guide that is probably a mistake: the
// guide loads and scores, but a customer would never notice the part that
// does not work.
type Warning struct {
	Line int
	Msg  string
}

// Lint lists the guide's warnings in file order.
func (g *Guide) Lint(cov *Coverage) []Warning {
	var ws []Warning
	add := func(line int, format string, args ...any) {
		ws = append(ws, Warning{Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	for _, o := range g.Outcomes {
		if cov != nil && cov.Total > 0 && cov.Wins[o.ID] == 0 {
			how := "no combination of answers"
			if cov.Sampled {
				how = fmt.Sprintf("none of %d sampled combinations of answers", cov.Total)
			}
			add(o.Line, "outcome %q is never the verdict: %s reaches it", o.ID, how)
		}
	}
	for _, qu := range g.Questions {
		if len(qu.Options) == 1 {
			add(qu.Line, "question %q has a single option, so it cannot tell customers apart", qu.ID)
		}
		for _, op := range qu.Options {
			if movesNothing(op.Points) {
				add(op.Line, "option %q of question %q moves no points", op.ID, qu.ID)
			}
		}
	}
	if cov == nil {
		cov = &Coverage{}
		g.searchRules(cov, searchShare)
	}
	for i, ru := range g.Rules {
		if movesNothing(ru.Points) {
			add(ru.Line, "rule %q moves no points", ru.ID)
		} else if cov.never[i] {
			add(ru.Line, "rule %q can never fire: no set of answers meets its condition", ru.ID)
		}
	}
	for _, cg := range g.Checklist {
		if len(cg.Items) == 0 {
			add(0, "checklist group %q has no items", cg.Group)
		}
	}
	ws = append(ws, g.decideWarnings(cov)...)
	sortWarnings(ws)
	return ws
}

func movesNothing(ps []Points) bool {
	for _, p := range ps {
		if p.Points != 0 {
			return false
		}
	}
	return true
}

func sortWarnings(ws []Warning) {
	for i := 1; i < len(ws); i++ {
		for j := i; j > 0 && ws[j].Line < ws[j-1].Line; j-- {
			ws[j], ws[j-1] = ws[j-1], ws[j]
		}
	}
}
