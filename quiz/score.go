package quiz

import (
	"cmp"
	"slices"
)

// Answers maps a question id to the ids of the options chosen for it.
// A question that is absent, or has an empty list, is unanswered.
type Answers map[string][]string

// Clone returns a deep copy, so a caller can change answers without
// touching a result that was computed from them.
func (a Answers) Clone() Answers {
	out := make(Answers, len(a))
	for k, v := range a {
		// Keep an empty list empty, not nil: it means "none of these".
		out[k] = append([]string{}, v...)
	}
	return out
}

// Contribution is one reason points were given: an answer or a rule.
type Contribution struct {
	// Source is "option" or "rule".
	Source string
	// ID is "question=option" for an answer, the rule's id for a rule.
	ID       string
	Question string
	Option   string
	Outcome  string
	Points   int
	Reason   string
}

// Score is the points one outcome collected.
type Score struct {
	Outcome string
	Points  int
}

// Tip is one change of a single answer that would change the verdict.
// For a multi-select question, Remove says the option would be unticked
// rather than added.
type Tip struct {
	Question string
	Option   string
	Remove   bool
	Verdict  string
}

// Result is everything the engine concluded from one set of answers.
type Result struct {
	// Verdict is the recommended outcome: the leader, or the guide's
	// close-call outcome when the leader's lead is within the margin.
	Verdict string
	// Leader and RunnerUp are the two outcomes with the most points, and
	// Lead the gap between them.
	Leader, RunnerUp string
	Lead             int
	// Close is set when the verdict is the close-call outcome because the
	// race was too close, rather than because it won on points.
	Close bool
	// Confidence is the lead beyond the close-call margin as a share of
	// the two front-runners' points, from 0 to 1: 0 for a close call, near
	// 1 when the runner-up has nothing and the lead is far past the margin.
	Confidence    float64
	Scores        []Score
	Contributions []Contribution
	Tipping       []Tip
	Checklist     []ChecklistGroup
	// Answers are the answers scored, each list in guide order; an empty
	// list is a multi-select question answered with none of its options.
	Answers    Answers
	Unanswered []string
}

// Evaluate scores answers against the guide. It is deterministic and pure;
// options or questions the guide does not know count for nothing (check
// them first with CheckAnswers).
func (g *Guide) Evaluate(a Answers) *Result {
	s := g.newScratch()
	sel := g.selection(a)
	g.tally(sel, s.scores, s.fired)
	v := g.decide(s.scores)
	r := &Result{
		Verdict:    g.Outcomes[v.verdict].ID,
		Leader:     g.Outcomes[v.leader].ID,
		Lead:       v.lead,
		Close:      v.close,
		Confidence: v.confidence,
		Answers:    make(Answers, len(a)),
	}
	if v.runner >= 0 {
		r.RunnerUp = g.Outcomes[v.runner].ID
	}
	// Sized up front: growing these by append costs several allocations
	// per call, on the path every key of the result screen takes.
	r.Scores = make([]Score, 0, len(g.Outcomes))
	r.Contributions = make([]Contribution, 0, g.contributionCount(sel, s.fired))
	for i, o := range g.Outcomes {
		r.Scores = append(r.Scores, Score{Outcome: o.ID, Points: s.scores[i]})
	}
	// Every answer's list is a piece of this one buffer, capped at its own
	// end so appending to one cannot overwrite the next: one allocation
	// instead of two per answered question.
	ids := make([]string, 0, count(sel))
	for qi, qu := range g.Questions {
		base := g.optionBase[qi]
		start := len(ids)
		for oi, op := range qu.Options {
			if !sel[base+oi] {
				continue
			}
			ids = append(ids, op.ID)
			for _, p := range op.Points {
				r.Contributions = append(r.Contributions, Contribution{
					Source: "option", ID: qu.ID + "=" + op.ID, Question: qu.ID, Option: op.ID,
					Outcome: p.Outcome, Points: p.Points, Reason: op.Reason,
				})
			}
		}
		// A multi-select question confirmed with nothing ticked was
		// answered ("none of these"), which is not the same as skipped.
		if _, present := a[qu.ID]; len(ids) == start && !(present && qu.Multi()) {
			r.Unanswered = append(r.Unanswered, qu.ID)
		} else {
			r.Answers[qu.ID] = ids[start:len(ids):len(ids)]
		}
	}
	for ri, ru := range g.Rules {
		if !s.fired[ri] {
			continue
		}
		for _, p := range ru.Points {
			r.Contributions = append(r.Contributions, Contribution{
				Source: "rule", ID: ru.ID, Outcome: p.Outcome, Points: p.Points, Reason: ru.Reason,
			})
		}
	}
	// slices, not sort.SliceStable: no reflection and no allocation.
	slices.SortStableFunc(r.Contributions, func(a, b Contribution) int {
		return cmp.Compare(abs(b.Points), abs(a.Points))
	})
	r.Tipping = g.tipping(sel, s, r.Verdict)
	r.Checklist = g.ChecklistFor(r.Verdict)
	return r
}

// count is how many flags are set.
func count(flags []bool) int {
	n := 0
	for _, on := range flags {
		if on {
			n++
		}
	}
	return n
}

// contributionCount is how many contributions Evaluate lists: one per
// points entry of each chosen option and of each rule that fired.
func (g *Guide) contributionCount(sel, fired []bool) int {
	n := 0
	for qi, qu := range g.Questions {
		base := g.optionBase[qi]
		for oi, op := range qu.Options {
			if sel[base+oi] {
				n += len(op.Points)
			}
		}
	}
	for ri, ru := range g.Rules {
		if fired[ri] {
			n += len(ru.Points)
		}
	}
	return n
}

// scratch holds the buffers one evaluation needs, allocated once and reused
// across the many re-scorings that finding tipping points takes.
type scratch struct {
	scores []int
	fired  []bool
	// without is the points minus one question's share, and trial those
	// plus one candidate answer's (see tipping).
	without []int
	trial   []int
}

func (g *Guide) newScratch() *scratch {
	return &scratch{
		scores:  make([]int, len(g.Outcomes)),
		fired:   make([]bool, len(g.Rules)),
		without: make([]int, len(g.Outcomes)),
		trial:   make([]int, len(g.Outcomes)),
	}
}

// selection flattens answers into one flag per option of the guide.
func (g *Guide) selection(a Answers) []bool {
	sel := make([]bool, g.nOptions)
	for qid, opts := range a {
		qi, ok := g.questionIdx[qid]
		if !ok {
			continue
		}
		qu := g.Questions[qi]
		for _, oid := range opts {
			if oi := qu.OptionIndex(oid); oi >= 0 {
				sel[g.optionBase[qi]+oi] = true
			}
		}
	}
	return sel
}

// tally adds up option and rule points into scores and records which rules
// fired.
func (g *Guide) tally(sel []bool, scores []int, fired []bool) {
	for i := range scores {
		scores[i] = 0
	}
	for qi := range g.Questions {
		g.addOptionPoints(qi, sel, scores, 1)
	}
	for ri := range g.Rules {
		fired[ri] = g.Rules[ri].When.eval(sel)
		if fired[ri] {
			g.addPoints(g.Rules[ri].Points, scores, 1)
		}
	}
}

func (g *Guide) addOptionPoints(qi int, sel []bool, scores []int, sign int) {
	base := g.optionBase[qi]
	for oi := range g.Questions[qi].Options {
		if sel[base+oi] {
			g.addPoints(g.Questions[qi].Options[oi].Points, scores, sign)
		}
	}
}

func (g *Guide) addPoints(ps []Points, scores []int, sign int) {
	for _, p := range ps {
		scores[g.outcomeIdx[p.Outcome]] += sign * p.Points
	}
}

func (c *Cond) eval(sel []bool) bool {
	switch {
	case c.All != nil:
		for i := range c.All {
			if !c.All[i].eval(sel) {
				return false
			}
		}
		return true
	case c.Any != nil:
		for i := range c.Any {
			if c.Any[i].eval(sel) {
				return true
			}
		}
		return false
	case c.Not != nil:
		return !c.Not.eval(sel)
	default:
		return c.opt >= 0 && sel[c.opt]
	}
}

type decision struct {
	verdict, leader, runner, lead int
	close                         bool
	confidence                    float64
}

// decide picks the verdict from the points. Ties go to the outcome listed
// first in the guide, so the same answers always give the same verdict.
func (g *Guide) decide(scores []int) decision {
	d := decision{leader: 0, runner: -1}
	for i := 1; i < len(scores); i++ {
		if scores[i] > scores[d.leader] {
			d.leader = i
		}
	}
	for i := range scores {
		if i != d.leader && (d.runner < 0 || scores[i] > scores[d.runner]) {
			d.runner = i
		}
	}
	d.verdict = d.leader
	if d.runner < 0 {
		return d
	}
	top, second := scores[d.leader], scores[d.runner]
	d.lead = top - second
	// A lead within the margin counts for nothing: the confidence is what
	// is left of the lead beyond it, as a share of the two front-runners'
	// points, so a close call is 0 and never looks certain.
	margin := 0
	if cc, ok := g.outcomeIdx[g.Decision.CloseCall]; ok && g.Decision.CloseCall != "" && d.leader != cc {
		margin = g.Decision.Margin
		if d.lead <= margin {
			d.verdict, d.close = cc, true
		}
	}
	if sum := abs(top) + abs(second); sum > 0 && d.lead > margin {
		d.confidence = min(1, float64(d.lead-margin)/float64(sum))
	}
	return d
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
