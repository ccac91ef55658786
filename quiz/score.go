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
	// Close is set when the new verdict would be a close call, and
	// Conflict when it would come from wishes that rule out every outcome.
	Close, Conflict bool
	// Lead is how clearly the new verdict would lead: its points over the
	// next allowed outcome, 0 for a close call or a conflict.
	Lead int
	// Change is each outcome's change of points, in guide order, leaving
	// out outcomes whose points would not change.
	Change []Score
	// RulesOut and Lifts name the outcomes the change would rule out, or
	// no longer rule out.
	RulesOut, Lifts []string
}

// Result is everything the engine concluded from one set of answers.
type Result struct {
	// Verdict is the recommended outcome: the best allowed leader, or the
	// guide's close-call outcome when the leader's lead is within the
	// margin or the answers rule out every other outcome.
	Verdict string
	// Leader and RunnerUp are the two allowed outcomes (not ruled out)
	// with the most points, and Lead the gap between them. The close-call
	// outcome is the runner-up only in a close call; otherwise RunnerUp is
	// the best other allowed outcome, or empty when wishes rule out every
	// one, and Lead is then the leader's lead over the close-call outcome,
	// which the margin still applied to.
	Leader, RunnerUp string
	Lead             int
	// Close is set when the verdict is the close-call outcome because the
	// race was too close, rather than because it won on points.
	Close bool
	// Conflict is set when the answers rule out every outcome but the
	// close-call one; Wishes then says which.
	Conflict bool
	// Confidence is Lead beyond the close-call margin as a share of the
	// points of the two outcomes Lead compares plus Open, from 0 to 1: 0
	// for a close call or a conflict, near 1 when every question is answered, the
	// runner-up has nothing and the lead is far past the margin.
	Confidence float64
	// Open is the most points the unanswered questions could still move
	// against the leader, and OpenCouldChange whether that, or a wish
	// among their options, could change the verdict.
	Open            int
	OpenCouldChange bool
	// Wishes lists every outcome the answers rule out, in guide order of
	// the answers. Unruled is the verdict the points alone would give;
	// when it differs from Verdict, the wishes decided it.
	Wishes  []RuledOut
	Unruled string
	// Cautions are the chosen answers' cautions for this verdict.
	Cautions      []Caution
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
	g.tally(sel, s.scores, s.bans, s.fired)
	v := g.decide(s.scores, s.bans)
	r := &Result{
		Verdict:  g.Outcomes[v.verdict].ID,
		Leader:   g.Outcomes[v.leader].ID,
		Lead:     v.lead,
		Close:    v.close,
		Conflict: v.conflict,
		Unruled:  g.Outcomes[g.decide(s.scores, nil).verdict].ID,
		Answers:  make(Answers, len(a)),
	}
	// The runner-up is what the leader is compared with in words and
	// figures: never the close-call outcome outside a close call, where
	// it is the verdict for a close race rather than a contestant.
	// With no rival left, the lead is measured against the decision's
	// runner: the close-call outcome, which the margin still applied to.
	v.ref = g.rival(s.scores, s.bans, v)
	if v.ref >= 0 {
		r.RunnerUp = g.Outcomes[v.ref].ID
	} else {
		v.ref = v.runner
	}
	if v.ref >= 0 {
		r.Lead = s.scores[v.leader] - s.scores[v.ref]
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
	g.wishes(r, sel)
	g.strength(r, sel, s, v)
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
	// bans counts, per outcome, the chosen answers that rule it out; it
	// moves with the answers exactly as scores do.
	bans  []int
	fired []bool
	// without is the points minus one question's share, and trial those
	// plus one candidate answer's (see tipping); likewise for bans.
	without, withoutBans []int
	trial, trialBans     []int
}

func (g *Guide) newScratch() *scratch {
	n := len(g.Outcomes)
	return &scratch{
		scores:      make([]int, n),
		bans:        make([]int, n),
		fired:       make([]bool, len(g.Rules)),
		without:     make([]int, n),
		withoutBans: make([]int, n),
		trial:       make([]int, n),
		trialBans:   make([]int, n),
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

// tally adds up option and rule points into scores, counts the answers
// ruling each outcome out into bans, and records which rules fired.
func (g *Guide) tally(sel []bool, scores, bans []int, fired []bool) {
	for i := range scores {
		scores[i], bans[i] = 0, 0
	}
	for qi := range g.Questions {
		g.addOptionPoints(qi, sel, scores, bans, 1)
	}
	for ri := range g.Rules {
		fired[ri] = g.Rules[ri].When.eval(sel)
		if fired[ri] {
			g.addPoints(g.Rules[ri].Points, scores, 1)
		}
	}
}

func (g *Guide) addOptionPoints(qi int, sel []bool, scores, bans []int, sign int) {
	base := g.optionBase[qi]
	for oi := range g.Questions[qi].Options {
		if sel[base+oi] {
			op := &g.Questions[qi].Options[oi]
			g.addPoints(op.Points, scores, sign)
			for _, w := range op.RulesOut {
				bans[g.outcomeIdx[w.Outcome]] += sign
			}
		}
	}
}

func (g *Guide) addPoints(ps []Points, scores []int, sign int) {
	for _, p := range ps {
		scores[p.outcome] += sign * p.Points
	}
}

// eachOption calls f with the global index of each option c's leaves
// name (known ones only), in order, repeats included.
func (c *Cond) eachOption(f func(int)) {
	for i := range c.All {
		c.All[i].eachOption(f)
	}
	for i := range c.Any {
		c.Any[i].eachOption(f)
	}
	if c.Not != nil {
		c.Not.eachOption(f)
	}
	if c.All == nil && c.Any == nil && c.Not == nil && c.opt >= 0 {
		f(c.opt)
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
	// ref is the outcome the lead is measured against, set by Evaluate;
	// decide leaves it unset.
	ref   int
	close bool
	// conflict is set when the answers rule out every outcome but the
	// close-call one, which is then the verdict.
	conflict bool
}

// decide picks the verdict from the points and the outcomes ruled out.
// Ruled-out outcomes leave the race first: the best allowed outcome leads,
// and the margin decides between it and the next allowed one. Ties go to
// the outcome listed first in the guide, so the same answers always give
// the same verdict. bans may be nil: nothing is ruled out.
func (g *Guide) decide(scores, bans []int) decision {
	allowed := func(i int) bool { return bans == nil || bans[i] == 0 }
	d := decision{leader: -1, runner: -1}
	for i := range scores {
		if allowed(i) && (d.leader < 0 || scores[i] > scores[d.leader]) {
			d.leader = i
		}
	}
	if d.leader < 0 {
		// Everything is ruled out and there is no close-call outcome to
		// fall back on: the points alone decide, and the report says the
		// wishes conflict.
		d = g.decide(scores, nil)
		d.conflict = true
		return d
	}
	for i := range scores {
		if i != d.leader && allowed(i) && (d.runner < 0 || scores[i] > scores[d.runner]) {
			d.runner = i
		}
	}
	d.verdict = d.leader
	cc, hasCC := g.outcomeIdx[g.Decision.CloseCall]
	hasCC = hasCC && g.Decision.CloseCall != ""
	if d.runner < 0 {
		// One outcome left: when that is the close-call outcome, the
		// wishes ruled out every real choice.
		d.conflict = hasCC && d.leader == cc && len(scores) > 1
		return d
	}
	d.lead = scores[d.leader] - scores[d.runner]
	if hasCC && d.leader != cc && d.lead <= g.Decision.Margin {
		d.verdict, d.close = cc, true
	}
	return d
}

// rival is the runner-up the report names: the decision's runner, unless
// that is the close-call outcome and the verdict is not a close call; then
// the best other allowed outcome, or -1 when wishes rule out all of them.
func (g *Guide) rival(scores, bans []int, d decision) int {
	cc, ok := g.outcomeIdx[g.Decision.CloseCall]
	if d.runner < 0 || d.close || !ok || g.Decision.CloseCall == "" || d.runner != cc {
		return d.runner
	}
	best := -1
	for i := range scores {
		if i != d.leader && i != cc && (bans == nil || bans[i] == 0) && (best < 0 || scores[i] > scores[best]) {
			best = i
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
