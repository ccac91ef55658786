package quiz

import (
	"math/big"
	"math/rand"
)

// CheckWork is the most work check does on one guide, in work units: one
// unit is one option or condition term looked at. Counting work rather than
// time keeps check's figures the same on a busy machine as on an idle one.
// The search for rules that can never fire, the verdicts and the "never
// decides" analysis all count in it; only a sample's first minSample answer
// sets are scored whatever they cost.
// About a second of work on a slow machine; the built-in guide needs a
// few hundredths of it.
const CheckWork = 50_000_000

// searchShare is the part of CheckWork that the search for rules that can
// never fire may take; coverage gets the rest.
const searchShare = CheckWork / 2

// randomCost is what drawing one random answer costs, in work units, and
// minSample the fewest answer sets a sample holds, however large the guide.
const (
	randomCost = 10
	minSample  = 100
)

// Coverage says how often each outcome wins over the answer sets of a
// guide, so a shop sees whether its weights ever reach every verdict, and
// which rules can never fire.
type Coverage struct {
	// Total is the number of answer sets scored; Possible is how many
	// there are. When scoring them all, with the "never decides" analysis,
	// would take more than CheckWork, Sampled is set and Total answer sets
	// drawn with Seed are scored; the analysis then covers that sample.
	Total    int
	Possible *big.Int
	Sampled  bool
	Seed     int64
	Wins     map[string]int
	Close    int
	// Unsearched counts the rules whose condition was too large to search
	// in full; they are taken to be able to fire.
	Unsearched int
	// Work is the work done, in the units of CheckWork.
	Work int

	// never marks the rules found unable to fire.
	never []bool

	// Conflicts counts the answer sets whose wishes rule out every outcome
	// but the close-call one; ConflictExample is the first of them.
	Conflicts       int
	ConflictExample string
	decides         *decideStats
}

// Cover searches the rules for ones that can never fire, then counts
// verdicts over every complete set of answers (multi-select questions may
// be left empty), or over a sample drawn with seed when that would take
// more than CheckWork.
func (g *Guide) Cover(seed int64) *Coverage {
	return g.cover(seed, CheckWork)
}

// cover is Cover with a work limit of its own, so that tests can show
// what happens past it without doing all of CheckWork.
func (g *Guide) cover(seed int64, work int) *Coverage {
	cov := &Coverage{Wins: map[string]int{}, Seed: seed}
	cov.Work = g.searchRules(cov, work/2)
	left := work - cov.Work
	choices := make([]choiceSet, len(g.Questions))
	cov.Possible = big.NewInt(1)
	for qi := range g.Questions {
		choices[qi] = g.choiceSet(qi)
		cov.Possible.Mul(cov.Possible, choices[qi].count)
	}
	// What scoring one answer set costs: setting every option, looking at
	// each option and condition term, deciding.
	cost := 2*g.nOptions + g.terms + len(g.Rules) + len(g.Outcomes)
	// The "never decides" analysis scores each answer set again without
	// each rule and option that counts in it; it walks the same answer sets
	// as the verdicts and is paid for from the same work.
	cov.decides = g.newDecideStats()
	most := g.decideCost(cov)
	s := g.newScratch()
	sel := make([]bool, g.nOptions)
	record := func(d decision) {
		cov.Work += g.coverDecides(cov, sel, s, d)
		cov.Wins[g.Outcomes[d.verdict].ID]++
		if d.close {
			cov.Close++
		}
		cov.Total++
	}
	n := cov.Possible.Int64()
	if cov.Possible.Cmp(big.NewInt(int64(left))) > 0 || !listable(choices) ||
		float64(cost+g.walkCost(choices, n))+float64(n)*float64(most) > float64(left) {
		// Drawing an answer costs about as much again per question. The
		// sample grows while the next answer set, at its costliest, still
		// fits: the analysis mostly costs far less than its most.
		cov.Sampled = true
		per := cost + randomCost*len(g.Questions)
		rng := rand.New(rand.NewSource(seed))
		buf := make([]int, maxOptions)
		for cov.Total < minSample || cov.Work+per+most <= work {
			for qi := range g.Questions {
				g.setOptions(sel, qi, choices[qi].random(rng, buf))
			}
			g.tally(sel, s.scores, s.bans, s.fired)
			record(g.decide(s.scores, s.bans))
			cov.Work += per
		}
		return cov
	}
	// Few enough to list: enumerate them with an odometer, rescoring
	// only what each changed answer touches.
	lists := make([][][]int, len(g.Questions))
	for qi := range g.Questions {
		lists[qi] = choices[qi].all()
		g.setOptions(sel, qi, lists[qi][0])
	}
	g.tally(sel, s.scores, s.bans, s.fired)
	cov.Work += cost
	idx := make([]int, len(g.Questions))
	for {
		record(g.decide(s.scores, s.bans))
		cov.Work += len(g.Outcomes)
		k := 0
		for ; k < len(idx); k++ {
			idx[k] = (idx[k] + 1) % len(lists[k])
			cov.Work += g.rescore(sel, k, lists[k][idx[k]], s)
			if idx[k] != 0 {
				break
			}
		}
		if k == len(idx) {
			return cov
		}
	}
}

// rescore makes opts the answer to question qi and updates the points,
// the wishes and the fired rules in s by what that changes: the question's
// own points and wishes, and the rules that look at it. It returns the
// work done.
func (g *Guide) rescore(sel []bool, qi int, opts []int, s *scratch) int {
	g.addOptionPoints(qi, sel, s.scores, s.bans, -1)
	g.setOptions(sel, qi, opts)
	g.addOptionPoints(qi, sel, s.scores, s.bans, 1)
	work := 3 * len(g.Questions[qi].Options)
	for _, ri := range g.rulesByQuestion[qi] {
		ru := &g.Rules[ri]
		work += ru.terms
		if f := ru.When.eval(sel); f != s.fired[ri] {
			s.fired[ri] = f
			sign := 1
			if !f {
				sign = -1
			}
			g.addPoints(ru.Points, s.scores, sign)
		}
	}
	return work
}

// walkCost is the work of scoring all n answer sets with the odometer:
// the first question's answer changes at every step, the second's once per
// round of the first, and so on; each change costs what rescore does.
func (g *Guide) walkCost(choices []choiceSet, n int64) int {
	cost, every := float64(n)*float64(len(g.Outcomes)), 1.0
	for qi := range g.Questions {
		c := 3 * len(g.Questions[qi].Options)
		for _, ri := range g.rulesByQuestion[qi] {
			c += g.Rules[ri].terms
		}
		cost += float64(n) / every * float64(c)
		every *= float64(choices[qi].count.Int64())
	}
	return int(min(cost, 1<<62))
}

// maxListed bounds the answers to one question that the walk lists ahead:
// a multi-select question's selections are a list each.
const maxListed = 1 << 16

// listable reports whether every question's choices are few enough to
// list.
func listable(choices []choiceSet) bool {
	for _, c := range choices {
		if c.count.Cmp(big.NewInt(maxListed)) > 0 {
			return false
		}
	}
	return true
}

// choiceSet is the ways to answer one question in a complete quiz: one
// option of a single-select question, or up to max of a multi-select one
// (none included).
type choiceSet struct {
	n, max int
	multi  bool
	count  *big.Int
}

func (g *Guide) choiceSet(qi int) choiceSet {
	qu := g.Questions[qi]
	c := choiceSet{n: len(qu.Options), max: qu.Max, multi: qu.Multi(), count: big.NewInt(int64(len(qu.Options)))}
	if c.multi {
		c.count = new(big.Int)
		for k := 0; k <= min(c.max, c.n); k++ {
			c.count.Add(c.count, new(big.Int).Binomial(int64(c.n), int64(k)))
		}
	}
	return c
}

// all lists every choice; only called when there are few enough to score.
func (c choiceSet) all() [][]int {
	if !c.multi {
		out := make([][]int, c.n)
		for i := range out {
			out[i] = []int{i}
		}
		return out
	}
	out := [][]int{nil}
	for o := 0; o < c.n; o++ {
		for _, s := range out {
			if len(s) < c.max {
				out = append(out, append(append([]int(nil), s...), o))
			}
		}
	}
	return out
}

// random draws a choice into buf, which must hold n: an option, or for a
// multi-select question a number of ticks and then that many distinct
// options (the first of a shuffle).
func (c choiceSet) random(rng *rand.Rand, buf []int) []int {
	if !c.multi {
		buf[0] = rng.Intn(c.n)
		return buf[:1]
	}
	k := rng.Intn(min(c.max, c.n) + 1)
	perm := buf[:c.n]
	for i := range perm {
		perm[i] = i
	}
	for i := 0; i < k; i++ {
		j := i + rng.Intn(c.n-i)
		perm[i], perm[j] = perm[j], perm[i]
	}
	return perm[:k]
}

// setOptions makes opts (indices within question qi) its answer.
func (g *Guide) setOptions(sel []bool, qi int, opts []int) {
	base := g.optionBase[qi]
	clear(sel[base : base+len(g.Questions[qi].Options)])
	for _, o := range opts {
		sel[base+o] = true
	}
}

// searchRules marks in cov the rules whose condition no answers meet,
// spending at most budget work units, and returns what it spent. Each rule
// may use its share of what is left, so one huge rule cannot starve the
// others; a rule whose search runs out is taken to be able to fire.
func (g *Guide) searchRules(cov *Coverage, budget int) int {
	cov.never = make([]bool, len(g.Rules))
	spent := 0
	// One set of buffers for every rule: each search leaves them cleared.
	sel, known := make([]bool, g.nOptions), make([]bool, g.nOptions)
	ticked := map[int]int{}
	for ri := range g.Rules {
		allowance := (budget - spent) / (len(g.Rules) - ri)
		s := newRuleSearch(g, ri, allowance, sel, known, ticked)
		found, complete := s.run(0)
		spent += s.spent
		switch {
		case !complete:
			cov.Unsearched++
		case !found:
			cov.never[ri] = true
		}
	}
	return spent
}

// ruleSearch looks for answers that meet one rule's condition. A condition
// reads only the options it names, so it tries the allowed selections of
// those: for a single-select question none or one of them, for a
// multi-select one each ticked or not, up to its maximum. It evaluates the
// condition on the answers decided so far and gives up a branch as soon as
// the condition is false whatever the rest, which finds answers to the
// usual "all of these" at once.
type ruleSearch struct {
	g    *Guide
	cond *Cond
	// slots are decided in order: a single-select question (all its named
	// options at once) or one option of a multi-select question.
	slots []slot
	sel   []bool
	known []bool
	// ticked counts the ticks per multi-select question.
	ticked           map[int]int
	terms            int
	spent, allowance int
}

type slot struct {
	q    int
	opts []int // global option indices
}

func newRuleSearch(g *Guide, ri int, allowance int, sel, known []bool, ticked map[int]int) *ruleSearch {
	s := &ruleSearch{g: g, cond: &g.Rules[ri].When, allowance: allowance, sel: sel, known: known, ticked: ticked}
	named := map[int][]int{}
	var order []int
	var walk func(c *Cond)
	walk = func(c *Cond) {
		s.terms++
		for i := range c.All {
			walk(&c.All[i])
		}
		for i := range c.Any {
			walk(&c.Any[i])
		}
		if c.Not != nil {
			walk(c.Not)
		}
		if c.opt < 0 || c.All != nil || c.Any != nil || c.Not != nil {
			return
		}
		qi := g.optionQuestion(c.opt)
		if _, seen := named[qi]; !seen {
			order = append(order, qi)
		}
		for _, o := range named[qi] {
			if o == c.opt {
				return
			}
		}
		named[qi] = append(named[qi], c.opt)
	}
	walk(s.cond)
	for _, qi := range order {
		if g.Questions[qi].Multi() {
			for _, o := range named[qi] {
				s.slots = append(s.slots, slot{q: qi, opts: []int{o}})
			}
		} else {
			s.slots = append(s.slots, slot{q: qi, opts: named[qi]})
		}
	}
	return s
}

// run tries the slots from k on; complete is false when the allowance ran
// out first.
func (s *ruleSearch) run(k int) (found, complete bool) {
	if s.spent += s.terms; s.spent > s.allowance {
		return false, false
	}
	switch s.cond.eval3(s.sel, s.known) {
	case yes:
		return true, true
	case no:
		return false, true
	}
	if k == len(s.slots) {
		return false, true // cannot happen: every named option is known
	}
	sl := s.slots[k]
	for _, o := range sl.opts {
		s.known[o] = true
	}
	defer func() {
		for _, o := range sl.opts {
			s.known[o], s.sel[o] = false, false
		}
	}()
	multi := s.g.Questions[sl.q].Multi()
	// Nothing chosen first, then each option in turn.
	for i := -1; i < len(sl.opts); i++ {
		if i >= 0 {
			if multi && s.ticked[sl.q] >= s.g.Questions[sl.q].Max {
				break
			}
			for j, o := range sl.opts {
				s.sel[o] = j == i
			}
			if multi {
				s.ticked[sl.q]++
			}
		}
		found, complete := s.run(k + 1)
		if i >= 0 && multi {
			s.ticked[sl.q]--
		}
		if found || !complete {
			return found, complete
		}
	}
	return false, true
}

// optionQuestion finds the question a global option index belongs to.
func (g *Guide) optionQuestion(opt int) int {
	lo, hi := 0, len(g.optionBase)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if g.optionBase[mid] <= opt {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// tri is a condition's value while some answers are still undecided.
type tri uint8

const (
	no tri = iota
	yes
	unknown
)

func (c *Cond) eval3(sel, known []bool) tri {
	switch {
	case c.All != nil:
		v := yes
		for i := range c.All {
			switch c.All[i].eval3(sel, known) {
			case no:
				return no
			case unknown:
				v = unknown
			}
		}
		return v
	case c.Any != nil:
		v := no
		for i := range c.Any {
			switch c.Any[i].eval3(sel, known) {
			case yes:
				return yes
			case unknown:
				v = unknown
			}
		}
		return v
	case c.Not != nil:
		switch c.Not.eval3(sel, known) {
		case yes:
			return no
		case no:
			return yes
		}
		return unknown
	case c.opt < 0:
		return no
	case !known[c.opt]:
		return unknown
	case sel[c.opt]:
		return yes
	}
	return no
}
