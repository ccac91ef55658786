package quiz

import (
	"fmt"
	"strings"
)

// strength works out how firm the verdict is: the most points the
// unanswered questions could still move against the leader (Open), whether
// they could change the verdict, and Confidence.
//
// Open is an upper bound, found per rival outcome without trying every
// combination: each unanswered question adds the most its options could
// give the rival over the leader (several, up to its maximum, for a
// multi-select question), and each rule whose condition the unanswered
// questions could still turn adds what its firing, or ceasing to fire,
// could do. "Could not change it" is therefore always true; "could change
// it" means the bound reaches the lead.
func (g *Guide) strength(r *Result, sel []bool, s *scratch, d decision) {
	open := make([]bool, len(g.Questions))
	for _, id := range r.Unanswered {
		open[g.questionIdx[id]] = true
	}
	L := d.leader
	margin := 0
	if cc, ok := g.outcomeIdx[g.Decision.CloseCall]; ok && g.Decision.CloseCall != "" && cc != L {
		margin = g.Decision.Margin
	}
	// known marks the options of answered questions, for eval3.
	known := make([]bool, g.nOptions)
	for qi, qu := range g.Questions {
		for oi := range qu.Options {
			known[g.optionBase[qi]+oi] = !open[qi]
		}
	}
	rules := make([]bool, len(g.Rules))
	for qi := range g.Questions {
		if !open[qi] {
			continue
		}
		for _, ri := range g.rulesByQuestion[qi] {
			rules[ri] = rules[ri] || g.Rules[ri].When.eval3(sel, known) == unknown
		}
		for _, op := range g.Questions[qi].Options {
			for _, w := range op.RulesOut {
				if g.outcomeIdx[w.Outcome] == L {
					r.OpenCouldChange = true
				}
			}
		}
	}
	// Open counts ruled-out rivals too: a wish settles the verdict, not
	// how far the points have gone, so two answers and a wish do not read
	// as certain.
	for o := range g.Outcomes {
		if o == L {
			continue
		}
		gain := 0
		for qi, qu := range g.Questions {
			if !open[qi] {
				continue
			}
			gain += bestGains(qu, o, L, g)
		}
		for ri, on := range rules {
			if !on {
				continue
			}
			diff := pointsFor(g.Rules[ri].Points, g.Outcomes[o].ID) - pointsFor(g.Rules[ri].Points, g.Outcomes[L].ID)
			if s.fired[ri] {
				diff = -diff
			}
			gain += max(0, diff)
		}
		r.Open = max(r.Open, gain)
		lead := s.scores[L] - s.scores[o]
		if s.bans[o] == 0 && gain > 0 && lead-gain <= margin {
			r.OpenCouldChange = true
		}
	}
	switch {
	case d.close, d.conflict:
	case d.runner < 0:
		if !r.OpenCouldChange {
			r.Confidence = 1
		}
	case d.lead > margin:
		// Measured against the outcome the report compares with, so the
		// JSON lead and runner_up give the same figure.
		sum := abs(s.scores[L]) + abs(s.scores[d.ref]) + r.Open
		r.Confidence = min(1, float64(r.Lead-margin)/float64(max(1, sum)))
	}
}

// bestGains is the most that answering qu could give outcome o over the
// leader: the best single option, or for a multi-select question the best
// options up to its maximum. Leaving it unanswered gives nothing, so the
// gain is never negative.
func bestGains(qu Question, o, leader int, g *Guide) int {
	var gains []int
	best := 0
	for _, op := range qu.Options {
		if d := pointsFor(op.Points, g.Outcomes[o].ID) - pointsFor(op.Points, g.Outcomes[leader].ID); d > 0 {
			best = max(best, d)
			if qu.Multi() {
				gains = append(gains, d)
			}
		}
	}
	if !qu.Multi() {
		return best
	}
	// Largest first, then the top Max of them (Max is 1 for single-select).
	for i := 1; i < len(gains); i++ {
		for j := i; j > 0 && gains[j] > gains[j-1]; j-- {
			gains[j], gains[j-1] = gains[j-1], gains[j]
		}
	}
	total := 0
	for i := 0; i < len(gains) && i < qu.Max; i++ {
		total += gains[i]
	}
	return total
}

func pointsFor(ps []Points, outcome string) int {
	for _, p := range ps {
		if p.Outcome == outcome {
			return p.Points
		}
	}
	return 0
}

// strength names how firm the verdict is, in a word for JSON and in a
// sentence with its figures for people. "Leaning" means one answer,
// changed or added, or the questions still open could change it; a clear
// or strong lead survives every single change and the open questions.
func (rep *Report) strength(r *Result) (word, text string) {
	switch {
	case r.Conflict:
		var ws []string
		for _, w := range rep.Wishes {
			ws = append(ws, fmt.Sprintf("“%s” rules out %s", w.OptionLabel, rep.InSentence(w.Outcome)))
		}
		return "conflict", "Conflicting wishes: " + strings.Join(ws, "; ")
	case r.Close:
		return "close-call", "Close call: " + rep.CloseReason()
	}
	figures := fmt.Sprintf("%s to %d for %s", pointsWord(rep.points(r.Leader)), rep.points(r.RunnerUp), rep.InSentence(r.RunnerUp))
	for _, sc := range rep.Scores {
		if sc.Outcome != r.Leader && sc.Points >= rep.points(r.Leader) && rep.ruledOut(sc.Outcome) {
			figures += fmt.Sprintf(", with %s (%s) ruled out", rep.InSentence(sc.Outcome), pointsWord(sc.Points))
		}
	}
	// With no runner-up the wishes left the leader alone among the real
	// choices: there is no "to 0 for" anyone, and the sentence says so.
	// A wish that changed nothing (the rival it rules out was behind
	// anyway) does not get the credit: the lead is measured against that
	// rival as usual, and the sentence adds that it is ruled out too.
	byWishes := ""
	if r.RunnerUp == "" {
		if w, ok := rep.beatenAnyway(r.Leader); ok {
			figures = fmt.Sprintf("%s to %d for %s, which your answer “%s” rules out anyway",
				pointsWord(rep.points(r.Leader)), rep.points(w.Outcome), rep.InSentence(w.Outcome), w.OptionLabel)
		} else {
			byWishes, figures = rep.leftAlone(r.Leader)
		}
	}
	answered := map[string]bool{}
	for q := range r.Answers {
		answered[q] = true
	}
	// A change that flips the verdict only by ruling out the leader is a
	// hard wish, not a thin lead: it is named, but does not make the
	// verdict "leaning".
	changed, added := false, false
	var wish *Tip
	for i, t := range r.Tipping {
		if byWish(t, r.Leader) {
			if wish == nil {
				wish = &r.Tipping[i]
			}
			continue
		}
		changed = changed || answered[t.Question]
		added = added || !answered[t.Question]
	}
	lean := "Leaning " + rep.InSentence(r.Verdict) + ": " + figures + "; "
	if byWishes != "" {
		lean = "Leaning " + rep.InSentence(r.Verdict) + byWishes + figures + "; "
	}
	open := len(r.Unanswered)
	switch {
	case changed:
		return "leaning", lean + "one changed answer could change it"
	case added:
		return "leaning", lean + "one more answer could change it"
	case r.OpenCouldChange:
		return "leaning", lean + openQuestions(open) + " could change it"
	}
	word, text = "clear", "Clear lead: "
	if r.Confidence >= 0.5 {
		word, text = "strong", "Strong lead: "
	}
	settle := "no single changed answer would change it"
	if wish != nil {
		settle = fmt.Sprintf("only a hard wish such as “%s” would change it", rep.optionLabel(wish.Question, wish.Option))
	}
	if byWishes != "" {
		text = rep.Label + byWishes
	}
	text += figures + "; " + settle
	if open > 0 {
		text += "; " + openQuestions(open) + " could not change it"
	}
	return word, text
}

// beatenAnyway returns the wish ruling out the strongest rival, when no
// wish decided the verdict: the leader would have won without them.
func (rep *Report) beatenAnyway(leader string) (ReportWish, bool) {
	var best ReportWish
	found := false
	for _, w := range rep.Wishes {
		if w.Decided {
			return ReportWish{}, false
		}
		if w.Outcome == leader {
			continue
		}
		if !found || rep.points(w.Outcome) > rep.points(best.Outcome) {
			best, found = w, true
		}
	}
	return best, found
}

// leftAlone words a verdict whose every rival the wishes rule out:
// " by your wish (23 points): " and "mass-produced (16 points) is ruled
// out", to follow the verdict's name.
func (rep *Report) leftAlone(leader string) (by, figures string) {
	var out []string
	seen := map[string]bool{}
	options := map[string]bool{}
	for _, w := range rep.Wishes {
		options[w.Question+"="+w.Option] = true
		if w.Outcome == leader || seen[w.Outcome] {
			continue
		}
		seen[w.Outcome] = true
		out = append(out, fmt.Sprintf("%s (%s)", rep.InSentence(w.Outcome), pointsWord(rep.points(w.Outcome))))
	}
	wish := "wish"
	if len(options) > 1 {
		wish = "wishes"
	}
	by = fmt.Sprintf(" by your %s (%s): ", wish, pointsWord(rep.points(leader)))
	switch len(out) {
	case 0:
		return fmt.Sprintf(" (%s): ", pointsWord(rep.points(leader))), "the only outcome your wishes leave"
	case 1:
		return by, out[0] + " is ruled out"
	default:
		return by, strings.Join(out[:len(out)-1], ", ") + " and " + out[len(out)-1] + " are ruled out"
	}
}

// openQuestions says "the unanswered question" or "the three unanswered
// questions".
func openQuestions(n int) string {
	if n == 1 {
		return "the unanswered question"
	}
	return "the " + countWord(n) + " unanswered questions"
}

func countWord(n int) string {
	words := []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return fmt.Sprint(n)
}

// byWish reports whether a tip changes the verdict by ruling out the
// leader rather than by points.
func byWish(t Tip, leader string) bool {
	for _, o := range t.RulesOut {
		if o == leader {
			return true
		}
	}
	return false
}

func (rep *Report) ruledOut(outcome string) bool {
	for _, w := range rep.Wishes {
		if w.Outcome == outcome {
			return true
		}
	}
	return false
}
