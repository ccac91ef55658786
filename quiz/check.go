package quiz

import (
	"fmt"
	"math/rand"
	"slices"
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
		if cov != nil && cov.Wins[o.ID] == 0 {
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
	for i, ru := range g.Rules {
		if movesNothing(ru.Points) {
			add(ru.Line, "rule %q moves no points", ru.ID)
		} else if !g.canFire(i) {
			add(ru.Line, "rule %q can never fire: no set of answers meets its condition", ru.ID)
		}
	}
	for _, cg := range g.Checklist {
		if len(cg.Items) == 0 {
			add(0, "checklist group %q has no items", cg.Group)
		}
	}
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

// maxRuleStates bounds the search for a rule's satisfying answers; a rule
// over more combinations than this is assumed to be able to fire.
const maxRuleStates = 1 << 20

// canFire searches for answers that meet a rule's condition. A condition
// reads only the options it names, so it is enough to try every allowed
// selection of those options (none, one for a single-select question, up
// to its maximum for a multi-select one) in every question it names.
func (g *Guide) canFire(ri int) bool {
	named := map[int][]int{} // question index -> named option indices
	var walkCond func(c *Cond)
	walkCond = func(c *Cond) {
		for i := range c.All {
			walkCond(&c.All[i])
		}
		for i := range c.Any {
			walkCond(&c.Any[i])
		}
		if c.Not != nil {
			walkCond(c.Not)
		}
		if qi, ok := g.questionIdx[c.Question]; ok && c.opt >= 0 && !slices.Contains(named[qi], c.opt) {
			named[qi] = append(named[qi], c.opt)
		}
	}
	walkCond(&g.Rules[ri].When)

	var qs []int
	var states [][][]int
	total := 1
	for qi := range g.Questions {
		if opts, ok := named[qi]; ok {
			st := subsets(opts, g.Questions[qi].Max)
			qs, states = append(qs, qi), append(states, st)
			if total *= len(st); total > maxRuleStates {
				return true
			}
		}
	}
	sel := make([]bool, g.nOptions)
	var walk func(k int) bool
	walk = func(k int) bool {
		if k == len(qs) {
			return g.Rules[ri].When.eval(sel)
		}
		for _, set := range states[k] {
			for _, o := range set {
				sel[o] = true
			}
			fired := walk(k + 1)
			for _, o := range set {
				sel[o] = false
			}
			if fired {
				return true
			}
		}
		return false
	}
	return walk(0)
}

// subsets lists the subsets of opts with at most max members, the empty
// one first.
func subsets(opts []int, max int) [][]int {
	out := [][]int{nil}
	for _, o := range opts {
		for _, s := range out {
			if len(s) < max {
				out = append(out, append(append([]int(nil), s...), o))
			}
		}
	}
	return out
}

// choices enumerates the ways to answer question qi, 0 meaning unanswered.
// A single-select choice is the option's index plus one; a multi-select one
// is a bitmask of options (for many options, only one at a time is tried).
func (g *Guide) choices(qi int) []uint64 {
	qu := g.Questions[qi]
	n := len(qu.Options)
	out := []uint64{0}
	switch {
	case !qu.Multi():
		for i := 1; i <= n; i++ {
			out = append(out, uint64(i))
		}
	case n > 20:
		for i := 0; i < n && i < 64; i++ {
			out = append(out, 1<<uint(i))
		}
	default:
		for mask := uint64(1); mask < 1<<uint(n); mask++ {
			if popcount(mask) <= qu.Max {
				out = append(out, mask)
			}
		}
	}
	return out
}

func (g *Guide) setChoice(sel []bool, qi int, c uint64) {
	base := g.optionBase[qi]
	multi := g.Questions[qi].Multi()
	for i := range g.Questions[qi].Options {
		if multi {
			sel[base+i] = i < 64 && c&(1<<uint(i)) != 0
		} else {
			sel[base+i] = c == uint64(i+1)
		}
	}
}

func popcount(x uint64) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

// CoverageLimit is the number of answer combinations checked one by one;
// a larger guide is checked on a seeded random sample of CoverageSample.
const (
	CoverageLimit  = 1_000_000
	CoverageSample = 100_000
)

// Coverage says how often each outcome wins over the answer combinations of
// a guide, so a shop sees whether its weights ever reach every verdict.
type Coverage struct {
	Total   int
	Sampled bool
	Seed    int64
	Wins    map[string]int
	Close   int
}

// Cover counts verdicts over every complete set of answers (multi-select
// questions may be left empty), or over a sample drawn with seed when there
// are more than CoverageLimit.
func (g *Guide) Cover(seed int64) *Coverage {
	cov := &Coverage{Wins: map[string]int{}, Seed: seed}
	choices := make([][]uint64, len(g.Questions))
	combos := 1
	for qi, qu := range g.Questions {
		choices[qi] = g.choices(qi)
		if !qu.Multi() {
			choices[qi] = choices[qi][1:] // a complete quiz answers every single-select question
		}
		if combos <= CoverageLimit {
			combos *= len(choices[qi])
		}
	}
	s := g.newScratch()
	sel := make([]bool, g.nOptions)
	count := func() {
		g.tally(sel, s.scores, s.fired)
		d := g.decide(s.scores)
		cov.Wins[g.Outcomes[d.verdict].ID]++
		if d.close {
			cov.Close++
		}
		cov.Total++
	}
	if combos > CoverageLimit {
		cov.Sampled = true
		rng := rand.New(rand.NewSource(seed))
		for n := 0; n < CoverageSample; n++ {
			for qi := range g.Questions {
				g.setChoice(sel, qi, choices[qi][rng.Intn(len(choices[qi]))])
			}
			count()
		}
		return cov
	}
	idx := make([]int, len(g.Questions))
	for qi := range g.Questions {
		g.setChoice(sel, qi, choices[qi][0])
	}
	for {
		count()
		// Advance the odometer, resetting each wheel that wraps.
		k := 0
		for ; k < len(idx); k++ {
			idx[k]++
			if idx[k] < len(choices[k]) {
				g.setChoice(sel, k, choices[k][idx[k]])
				break
			}
			idx[k] = 0
			g.setChoice(sel, k, choices[k][0])
		}
		if k == len(idx) {
			return cov
		}
	}
}
