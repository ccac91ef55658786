package quiz

import (
	"fmt"
	"math/big"
	"strings"
	"testing"
)

// twoOptionGuide has n questions of options a, b and c (a for "hand", b
// for "mass", c for nothing) and the given rules.
func twoOptionGuide(t *testing.T, n int, rules string) *Guide {
	t.Helper()
	var b strings.Builder
	b.WriteString("version: 1\noutcomes: [{id: hand, label: Hand}, {id: mass, label: Mass}]\nquestions:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - {id: q%d, title: T, prompt: P, options: [{id: a, label: A, points: {hand: 1}, reason: R}, {id: b, label: B, points: {mass: 1}, reason: R}, {id: c, label: C}]}\n", i)
	}
	if rules != "" {
		b.WriteString("rules:\n" + rules)
	}
	b.WriteString("checklist: [{group: G, items: [i]}]\n")
	return mustParse(t, b.String())
}

// The built-in guide is small enough to score every set of answers.
func TestCoverDefaultGuideExactly(t *testing.T) {
	cov := defaultGuide(t).Cover(1)
	if cov.Sampled || cov.Total != 13365 || cov.Possible.Int64() != 13365 {
		t.Errorf("sampled %v, %d of %v answer sets; want all 13365", cov.Sampled, cov.Total, cov.Possible)
	}
}

// Past its work limit check scores a seeded sample, the same on every
// run, and says how many of how many; the work done stays within the
// limit however many answer sets there are.
func TestCoverSamplesPastItsWorkLimit(t *testing.T) {
	g := twoOptionGuide(t, 60, "")
	const work = CheckWork / 50
	cov := g.cover(7, work)
	if !cov.Sampled {
		t.Fatalf("3^60 answer sets scored one by one")
	}
	if want := new(big.Int).Exp(big.NewInt(3), big.NewInt(60), nil); cov.Possible.Cmp(want) != 0 {
		t.Errorf("Possible = %v, want 3^60 = %v", cov.Possible, want)
	}
	if cov.Work > work || cov.Work < work/2 {
		t.Errorf("did %d units of work, want at most %d and most of it used", cov.Work, work)
	}
	again := g.cover(7, work)
	if again.Total != cov.Total || again.Wins["hand"] != cov.Wins["hand"] || again.Close != cov.Close {
		t.Errorf("two runs with one seed differ: %+v and %+v", cov, again)
	}
	if n := cov.Wins["hand"] + cov.Wins["mass"]; n != cov.Total || n < minSample {
		t.Errorf("%d verdicts for %d answer sets", n, cov.Total)
	}
}

// The search for rules that can never fire gives up a branch as soon as
// the condition is false whatever the rest: a contradiction among twenty
// questions (4^20 selections, which the old search took to be able to
// fire without looking) is found, and so is a way to meet "all of" them.
func TestRuleSearchOverManyQuestions(t *testing.T) {
	var all, contradiction []string
	for i := 0; i < 20; i++ {
		all = append(all, fmt.Sprintf("q%d=a", i))
	}
	contradiction = append([]string{"q0=b"}, all...)
	g := twoOptionGuide(t, 20, fmt.Sprintf("  - {id: meets, when: {all: [%s]}, points: {mass: 1}, reason: R}\n", strings.Join(all, ", "))+
		fmt.Sprintf("  - {id: never, when: {all: [%s]}, points: {mass: 1}, reason: R}\n", strings.Join(contradiction, ", ")))
	cov := &Coverage{}
	g.searchRules(cov, searchShare)
	var never []string
	for _, w := range g.Lint(nil) {
		if strings.Contains(w.Msg, "can never fire") {
			never = append(never, w.Msg)
		}
	}
	if len(never) != 1 || !strings.Contains(never[0], `rule "never"`) {
		t.Errorf("warnings about rules that can never fire: %q, want one for rule \"never\"", never)
	}
	if cov.Unsearched != 0 {
		t.Errorf("%d rules left unsearched", cov.Unsearched)
	}
}

// A rule whose search runs out of work is counted, and taken to be able
// to fire rather than warned about.
func TestRuleSearchOutOfWork(t *testing.T) {
	g := twoOptionGuide(t, 4, "  - {id: r, when: {all: [q0=a, q1=a, q2=a, q3=b, q3=a]}, points: {mass: 1}, reason: R}\n")
	cov := &Coverage{}
	if spent := g.searchRules(cov, 10); spent > 10+g.terms {
		t.Errorf("spent %d units of a budget of 10", spent)
	}
	if cov.Unsearched != 1 || cov.never[0] {
		t.Errorf("unsearched %d, never %v; want the rule unsearched and not reported", cov.Unsearched, cov.never)
	}
	cov = &Coverage{}
	g.searchRules(cov, searchShare)
	if cov.Unsearched != 0 || !cov.never[0] {
		t.Errorf("with the full budget: unsearched %d, never %v; want the rule found unable to fire", cov.Unsearched, cov.never)
	}
}

// The exact walk rescores only what each changed answer touches; its
// verdicts must be those of scoring every answer set from scratch.
func TestCoverWalkMatchesScoringEachSet(t *testing.T) {
	g := twoOptionGuide(t, 5, "  - {id: r1, when: {all: [q0=a, q1=b]}, points: {mass: 3}, reason: R}\n"+
		"  - {id: r2, when: {any: [q2=c, {not: q3=a}]}, points: {hand: 2}, reason: R}\n"+
		"  - {id: r3, when: {all: [q4=b, q0=c]}, points: {hand: 5}, reason: R}\n")
	cov := g.Cover(1)
	if cov.Sampled || cov.Total != 243 {
		t.Fatalf("sampled %v, %d sets; want all 3^5 = 243", cov.Sampled, cov.Total)
	}
	want := map[string]int{}
	s := g.newScratch()
	sel := make([]bool, g.nOptions)
	var walk func(qi int)
	walk = func(qi int) {
		if qi == len(g.Questions) {
			g.tally(sel, s.scores, s.bans, s.fired)
			want[g.Outcomes[g.decide(s.scores, s.bans).verdict].ID]++
			return
		}
		for _, c := range g.choiceSet(qi).all() {
			g.setOptions(sel, qi, c)
			walk(qi + 1)
		}
	}
	walk(0)
	for _, o := range g.Outcomes {
		if cov.Wins[o.ID] != want[o.ID] {
			t.Errorf("%s wins %d sets, scoring each from scratch gives %d", o.ID, cov.Wins[o.ID], want[o.ID])
		}
	}
}

// A multi-select question's selections would each be listed ahead by the
// exact walk: past maxListed of them the guide is sampled instead, so
// check's memory stays small whatever the question.
func TestCoverSamplesAQuestionWithTooManySelections(t *testing.T) {
	var opts []string
	for i := 0; i < 17; i++ {
		opts = append(opts, fmt.Sprintf("{id: o%d, label: O, points: {hand: %d}, reason: R}", i, i%3-1))
	}
	g := mustParse(t, "version: 1\noutcomes: [{id: hand, label: Hand}, {id: mass, label: Mass}]\nquestions:\n"+
		"  - {id: q, title: T, prompt: P, max: 17, options: ["+strings.Join(opts, ", ")+"]}\n"+
		"checklist: [{group: G, items: [i]}]\n")
	// Walking all 2^17 sets would cost some 7 million units, within the
	// 8 million given here: only their number makes it sample.
	cov := g.cover(1, 8_000_000)
	if !cov.Sampled || cov.Possible.Int64() != 1<<17 {
		t.Errorf("sampled %v of %v answer sets; want a sample of 2^17", cov.Sampled, cov.Possible)
	}
}
