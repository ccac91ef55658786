package quiz

import (
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"testing"
)

// bruteTips finds the tipping points the slow way: apply every single
// change of one answer to a copy of the answers and evaluate it in full.
// A single change is picking another option of a single-select question
// (answered or not), or ticking or unticking one option of a multi-select
// question, ticking only while fewer than its maximum are ticked.
func bruteTips(g *Guide, a Answers) []Tip {
	before := g.Evaluate(a)
	verdict := before.Verdict
	var tips []Tip
	for _, qu := range g.Questions {
		chosen := map[string]bool{}
		for _, o := range a[qu.ID] {
			if qu.OptionIndex(o) >= 0 {
				chosen[o] = true
			}
		}
		for _, op := range qu.Options {
			b := a.Clone()
			remove := false
			switch {
			case !qu.Multi() && chosen[op.ID]:
				continue
			case !qu.Multi():
				b[qu.ID] = []string{op.ID}
			case chosen[op.ID]:
				remove = true
				var kept []string
				for _, o := range a[qu.ID] {
					if o != op.ID {
						kept = append(kept, o)
					}
				}
				b[qu.ID] = kept
			case len(chosen) >= qu.Max:
				continue
			default:
				b[qu.ID] = append(b[qu.ID], op.ID)
			}
			if after := g.Evaluate(b); after.Verdict != verdict {
				tips = append(tips, bruteExplain(g, before, after, Tip{Question: qu.ID, Option: op.ID, Remove: remove, Verdict: after.Verdict}))
			}
		}
	}
	sort.SliceStable(tips, func(i, j int) bool { return tips[i].Lead > tips[j].Lead })
	return tips
}

// bruteExplain fills in what a tip changes from two full evaluations.
func bruteExplain(g *Guide, before, after *Result, t Tip) Tip {
	t.Close, t.Conflict = after.Close, after.Conflict
	if !t.Close && !t.Conflict {
		t.Lead = after.Lead
	}
	ruled := func(r *Result, id string) bool {
		for _, w := range r.Wishes {
			if w.Outcome == id {
				return true
			}
		}
		return false
	}
	for i, o := range g.Outcomes {
		if d := after.Scores[i].Points - before.Scores[i].Points; d != 0 {
			t.Change = append(t.Change, Score{Outcome: o.ID, Points: d})
		}
		switch was, is := ruled(before, o.ID), ruled(after, o.ID); {
		case is && !was:
			t.RulesOut = append(t.RulesOut, o.ID)
		case was && !is:
			t.Lifts = append(t.Lifts, o.ID)
		}
	}
	return t
}

// randomAnswers picks, for each question, nothing or some options; with
// wild set it may also pick too many, repeat one, or name unknown ids.
func randomAnswers(rng *rand.Rand, g *Guide, wild bool) Answers {
	a := Answers{}
	for _, qu := range g.Questions {
		n := rng.Intn(qu.Max + 2) // 0 .. Max+1; Max+1 only kept when wild
		if n > qu.Max && !wild {
			n = qu.Max
		}
		perm := rng.Perm(len(qu.Options))
		for i := 0; i < n && i < len(perm); i++ {
			a[qu.ID] = append(a[qu.ID], qu.Options[perm[i]].ID)
		}
		if wild && rng.Intn(8) == 0 {
			a[qu.ID] = append(a[qu.ID], "no-such-option")
		}
		if wild && rng.Intn(8) == 0 && len(a[qu.ID]) > 0 {
			a[qu.ID] = append(a[qu.ID], a[qu.ID][0])
		}
	}
	if wild && rng.Intn(4) == 0 {
		a["no-such-question"] = []string{"x"}
	}
	return a
}

// TestTippingAgreesWithBruteForce compares the incremental tipping points
// with full re-evaluation of every single change, on the default guide
// and on the nested-rule guide, over many answer sets.
func TestTippingAgreesWithBruteForce(t *testing.T) {
	guides := map[string]*Guide{"default": fixture(t, "counter"), "abc": mustParse(t, abcGuide)}
	for name, g := range guides {
		rng := rand.New(rand.NewSource(1))
		for i := 0; i < 1500; i++ {
			a := randomAnswers(rng, g, i%3 == 0)
			got, want := g.Evaluate(a).Tipping, bruteTips(g, a)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s guide, answers %v:\ntipping     %v\nbrute force %v", name, a, got, want)
			}
		}
	}
}

// Each listed tip, applied, really gives the verdict it names.
func TestEachTipFlipsTheVerdict(t *testing.T) {
	g := fixture(t, "counter")
	rng := rand.New(rand.NewSource(2))
	seen := 0
	for i := 0; i < 300; i++ {
		a := randomAnswers(rng, g, false)
		r := g.Evaluate(a)
		for _, tip := range r.Tipping {
			b := a.Clone()
			qu, _ := g.Question(tip.Question)
			switch {
			case tip.Remove:
				b[tip.Question] = without(b[tip.Question], tip.Option)
			case qu.Multi():
				b[tip.Question] = append(b[tip.Question], tip.Option)
			default:
				b[tip.Question] = []string{tip.Option}
			}
			if err := g.CheckAnswers(b); err != nil {
				t.Errorf("tip %+v gives invalid answers: %v", tip, err)
			}
			if v := g.Evaluate(b).Verdict; v != tip.Verdict || v == r.Verdict {
				t.Errorf("answers %v, tip %+v: applying it gives %s (was %s)", a, tip, v, r.Verdict)
			}
			seen++
		}
	}
	if seen < 100 {
		t.Fatalf("only %d tips checked; the sample should find more", seen)
	}
}

func without(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// Hand-checked tipping points for the close call of score_test.go:
// H 4, M 6, verdict mix.
func TestTippingCloseCallByHand(t *testing.T) {
	g := fixture(t, "counter")
	a := Answers{"occasion": {"everyday"}, "budget": {"moderate"}, "lifespan": {"years"}, "ethics": {"nice-to-have"},
		"personalization": {"light"}, "character": {"either"}}
	tips := map[string]string{}
	for _, tip := range g.Evaluate(a).Tipping {
		tips[fmt.Sprintf("%s=%s remove=%v", tip.Question, tip.Option, tip.Remove)] = tip.Verdict
	}
	tests := []struct {
		change, verdict string // verdict "" means: not a tipping point
	}{
		{"occasion=gift remove=false", "handcrafted"},      // H 6, M 3
		{"occasion=milestone remove=false", "handcrafted"}, // H 8, M 3
		{"occasion=trend remove=false", "mass-produced"},   // H 4, M 7
		{"budget=lowest remove=false", "mass-produced"},    // H 3, M 9
		{"budget=invest remove=false", ""},                 // H 6, M 5: close
		{"lifespan=season remove=false", "mass-produced"},  // H 3, M 9 +2 rule
		{"lifespan=heirloom remove=false", ""},             // H 7, M 6: close
		{"ethics=essential remove=false", ""},              // H 6, M 6
		{"ethics=not-a-factor remove=false", "mass-produced"},
		{"personalization=bespoke remove=false", "handcrafted"}, // H 8, M 5
		{"personalization=none remove=false", "mass-produced"},  // H 4, M 7
		{"character=uniform remove=false", "mass-produced"},     // H 3, M 8
		{"character=one-of-a-kind remove=false", ""},            // H 6, M 5
		{"extras=meet-maker remove=false", ""},                  // H 6, M 6
		{"extras=matching-set remove=false", "mass-produced"},   // H 4, M 8
	}
	for _, tt := range tests {
		if got := tips[tt.change]; got != tt.verdict {
			t.Errorf("%s: tip verdict %q, want %q", tt.change, got, tt.verdict)
		}
	}
}

// A full multi-select question offers only removals; unticking one that
// carried the verdict is listed with Remove set.
func TestTippingMultiSelectLimit(t *testing.T) {
	g := fixture(t, "counter")
	a := Answers{"extras": {"meet-maker", "hold-value"}, "budget": {"moderate"}}
	// H 2+2+1 = 5, M 1: handcrafted by 4. Removing either extra: H 3, M 1,
	// a lead of 2, so mix. Adding is not a single change: extras is full.
	var got []Tip
	for _, tip := range g.Evaluate(a).Tipping {
		if tip.Question == "extras" {
			got = append(got, tip)
		}
	}
	want := []Tip{
		{Question: "extras", Option: "meet-maker", Remove: true, Verdict: "mix", Close: true, Change: []Score{{"handcrafted", -2}}},
		{Question: "extras", Option: "hold-value", Remove: true, Verdict: "mix", Close: true, Change: []Score{{"handcrafted", -2}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("extras tips %+v, want %+v", got, want)
	}
}
