package quiz

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
)

// Points in testdata/engine/counter.yaml, for the expected figures below
// (H = handcrafted, M = mass-produced):
//
//	occasion   everyday M3, gift H2, milestone H4, statement H3, trend M4
//	budget     lowest M4, moderate H1 M1, invest H3
//	lifespan   season M3, years H1, heirloom H4
//	ethics     not-a-factor M1, nice-to-have H1, essential H3
//	personal.  none M2, light M1, bespoke H4
//	character  uniform M3, either H1 M1, one-of-a-kind H3
//	extras     (up to 2) meet-maker H2, hold-value H2, matching-set M2, easy-replace M2
//	rules      heirloom-milestone H2, personal-gift H1,
//	           short-lived-fashion M2, values-on-a-budget mix2
//
// decision: close_call mix, margin 2.

// contrib renders a contribution compactly for comparison.
func contrib(c Contribution) string {
	return fmt.Sprintf("%s %s %s %+d", c.Source, c.ID, c.Outcome, c.Points)
}

func TestEvaluateDefaultGuide(t *testing.T) {
	g := fixture(t, "counter")
	all := []string{"occasion", "budget", "lifespan", "ethics", "personalization", "character", "extras"}
	tests := []struct {
		name       string
		answers    Answers
		verdict    string
		leader     string
		runnerUp   string
		scores     [3]int // handcrafted, mass-produced, mix
		close      bool
		confidence float64
		contribs   []string // in the order the result lists them
		unanswered []string
	}{
		{
			name: "everything handmade",
			answers: Answers{"occasion": {"milestone"}, "budget": {"invest"}, "lifespan": {"heirloom"}, "ethics": {"essential"},
				"personalization": {"bespoke"}, "character": {"one-of-a-kind"}, "extras": {"meet-maker", "hold-value"}},
			// 4+3+4+3+4+3+2+2 = 25, +2 heirloom-milestone.
			// Bespoke rules out mass-produced, and the close-call outcome
			// is never a runner-up: there is none.
			verdict: "handcrafted", leader: "handcrafted", runnerUp: "",
			scores: [3]int{27, 0, 0}, confidence: 25.0 / 27, // the lead beyond the margin of 2
			// Heaviest first; equal weights keep guide order, rules last.
			contribs: []string{
				"option occasion=milestone handcrafted +4", "option lifespan=heirloom handcrafted +4",
				"option personalization=bespoke handcrafted +4", "option budget=invest handcrafted +3",
				"option ethics=essential handcrafted +3", "option character=one-of-a-kind handcrafted +3",
				"option extras=meet-maker handcrafted +2", "option extras=hold-value handcrafted +2",
				"rule heirloom-milestone handcrafted +2",
			},
		},
		{
			name: "everything factory",
			answers: Answers{"occasion": {"trend"}, "budget": {"lowest"}, "lifespan": {"season"}, "ethics": {"not-a-factor"},
				"personalization": {"none"}, "character": {"uniform"}, "extras": {"easy-replace", "matching-set"}},
			// 4+4+3+1+2+3+2+2 = 21, +2 short-lived-fashion.
			verdict: "mass-produced", leader: "mass-produced", runnerUp: "handcrafted",
			scores: [3]int{0, 23, 0}, confidence: 21.0 / 23,
			contribs: []string{
				"option occasion=trend mass-produced +4", "option budget=lowest mass-produced +4",
				"option lifespan=season mass-produced +3", "option character=uniform mass-produced +3",
				"option personalization=none mass-produced +2", "option extras=matching-set mass-produced +2",
				"option extras=easy-replace mass-produced +2", "rule short-lived-fashion mass-produced +2",
				"option ethics=not-a-factor mass-produced +1",
			},
		},
		{
			name: "close call gives mix",
			answers: Answers{"occasion": {"everyday"}, "budget": {"moderate"}, "lifespan": {"years"}, "ethics": {"nice-to-have"},
				"personalization": {"light"}, "character": {"either"}},
			// H 1+1+1+1 = 4, M 3+1+1+1 = 6: a lead of 2 is within the margin.
			verdict: "mix", leader: "mass-produced", runnerUp: "handcrafted",
			scores: [3]int{4, 6, 0}, close: true, confidence: 0,
			contribs: []string{
				"option occasion=everyday mass-produced +3",
				"option budget=moderate handcrafted +1", "option budget=moderate mass-produced +1",
				"option lifespan=years handcrafted +1", "option ethics=nice-to-have handcrafted +1",
				"option personalization=light mass-produced +1",
				"option character=either handcrafted +1", "option character=either mass-produced +1",
			},
			unanswered: []string{"extras"},
		},
		{
			name:    "a lead of 3 is outside the margin",
			answers: Answers{"occasion": {"trend"}, "lifespan": {"years"}},
			// M 4, H 1. Open: the most the five unanswered questions could
			// give H over M is invest 3 + essential 3 + bespoke 4 +
			// one-of-a-kind 3 + two extras 4 = 17 (no rule can still turn:
			// each needs an occasion other than trend). Confidence is the
			// lead beyond the margin over top + second + open: 1/(4+1+17).
			verdict: "mass-produced", leader: "mass-produced", runnerUp: "handcrafted",
			scores: [3]int{1, 4, 0}, confidence: 1.0 / 22,
			contribs:   []string{"option occasion=trend mass-produced +4", "option lifespan=years handcrafted +1"},
			unanswered: []string{"budget", "ethics", "personalization", "character", "extras"},
		},
		{
			name:    "nothing answered",
			answers: Answers{},
			// All zero: the first outcome leads a tie, which is a close call.
			verdict: "mix", leader: "handcrafted", runnerUp: "mass-produced",
			scores: [3]int{0, 0, 0}, close: true, confidence: 0,
			unanswered: all,
		},
		{
			// An empty single-select list is a skip; an empty multi-select
			// list is "none of these", an answer that moves no points.
			name:    "empty lists count nothing; only a multi-select one is answered",
			answers: Answers{"occasion": {}, "extras": nil},
			verdict: "mix", leader: "handcrafted", runnerUp: "mass-produced",
			scores: [3]int{0, 0, 0}, close: true, unanswered: all[:len(all)-1],
		},
		{
			name:    "a tie on points is a close call",
			answers: Answers{"budget": {"moderate"}},
			verdict: "mix", leader: "handcrafted", runnerUp: "mass-produced",
			scores: [3]int{1, 1, 0}, close: true, confidence: 0,
			contribs:   []string{"option budget=moderate handcrafted +1", "option budget=moderate mass-produced +1"},
			unanswered: []string{"occasion", "lifespan", "ethics", "personalization", "character", "extras"},
		},
		{
			name:    "sourcing on a budget: rule gives mix points, NOT blocks fashion rule",
			answers: Answers{"occasion": {"trend"}, "budget": {"lowest"}, "lifespan": {"season"}, "ethics": {"essential"}},
			// M 4+4+3 = 11 (short-lived-fashion needs ethics other than
			// essential), H 3, mix 2 from values-on-a-budget.
			verdict: "mass-produced", leader: "mass-produced", runnerUp: "handcrafted",
			// Open: bespoke 4 + one-of-a-kind 3 + two extras 4 = 11 for H.
			scores: [3]int{3, 11, 2}, confidence: 6.0 / 25,
			contribs: []string{
				"option occasion=trend mass-produced +4", "option budget=lowest mass-produced +4",
				"option lifespan=season mass-produced +3", "option ethics=essential handcrafted +3",
				"rule values-on-a-budget mix +2",
			},
			unanswered: []string{"personalization", "character", "extras"},
		},
		{
			name:    "multi-select with a rule through any",
			answers: Answers{"occasion": {"gift"}, "extras": {"matching-set", "meet-maker"}},
			// H 2+2 +1 personal-gift (gift and meet-maker), M 2.
			verdict: "handcrafted", leader: "handcrafted", runnerUp: "mass-produced",
			// Open, M over H: lowest 4 + season 3 + not-a-factor 1 + none
			// 2 + uniform 3 = 13; personal-gift has fired for good.
			scores: [3]int{5, 2, 0}, confidence: 1.0 / 20,
			contribs: []string{
				"option occasion=gift handcrafted +2", "option extras=meet-maker handcrafted +2",
				"option extras=matching-set mass-produced +2", "rule personal-gift handcrafted +1",
			},
			unanswered: []string{"budget", "lifespan", "ethics", "personalization", "character"},
		},
		{
			name: "unknown questions and options count nothing",
			answers: Answers{"occasion": {"milestone", "yacht"}, "colour": {"red"}, "budget": {"luxury"},
				"lifespan": {"heirloom"}},
			// H 4+4+2 heirloom-milestone.
			verdict: "handcrafted", leader: "handcrafted", runnerUp: "mass-produced",
			// Open, M over H: 4 + 1 + 2 + 3 + two extras 4 = 14.
			scores: [3]int{10, 0, 0}, confidence: 8.0 / 24,
			contribs: []string{
				"option occasion=milestone handcrafted +4", "option lifespan=heirloom handcrafted +4",
				"rule heirloom-milestone handcrafted +2",
			},
			unanswered: []string{"budget", "ethics", "personalization", "character", "extras"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := g.Evaluate(tt.answers)
			if r.Verdict != tt.verdict || r.Leader != tt.leader || r.RunnerUp != tt.runnerUp || r.Close != tt.close {
				t.Errorf("verdict %s (leader %s, runner-up %s, close %v), want %s (%s, %s, %v)",
					r.Verdict, r.Leader, r.RunnerUp, r.Close, tt.verdict, tt.leader, tt.runnerUp, tt.close)
			}
			want := []Score{{"handcrafted", tt.scores[0]}, {"mass-produced", tt.scores[1]}, {"mix", tt.scores[2]}}
			if !reflect.DeepEqual(r.Scores, want) {
				t.Errorf("scores %v, want %v", r.Scores, want)
			}
			top, second := sortedTop2(tt.scores)
			if r.Lead != top-second {
				t.Errorf("lead %d, want %d", r.Lead, top-second)
			}
			if math.Abs(r.Confidence-tt.confidence) > 1e-9 {
				t.Errorf("confidence %.4f, want %.4f", r.Confidence, tt.confidence)
			}
			var got []string
			for _, c := range r.Contributions {
				got = append(got, contrib(c))
			}
			if strings.Join(got, "\n") != strings.Join(tt.contribs, "\n") {
				t.Errorf("contributions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.contribs, "\n"))
			}
			if !reflect.DeepEqual(r.Unanswered, tt.unanswered) {
				t.Errorf("unanswered %v, want %v", r.Unanswered, tt.unanswered)
			}
			checkResultConsistent(t, g, r)
		})
	}
}

func sortedTop2(s [3]int) (int, int) {
	a := s[:]
	top, second := math.MinInt, math.MinInt
	for _, v := range a {
		if v > top {
			top, second = v, top
		} else if v > second {
			second = v
		}
	}
	return top, second
}

// checkResultConsistent checks facts a result must keep whatever the
// answers: the points equal the sum of the contributions, the reasons are
// the guide's, answers are listed in guide order, the checklist is the
// verdict's.
func checkResultConsistent(t *testing.T, g *Guide, r *Result) {
	t.Helper()
	sum := map[string]int{}
	for i, c := range r.Contributions {
		sum[c.Outcome] += c.Points
		if i > 0 && abs(c.Points) > abs(r.Contributions[i-1].Points) {
			t.Errorf("contribution %d (%+d) weighs more than the one before it (%+d)", i, c.Points, r.Contributions[i-1].Points)
		}
		if c.Reason == "" {
			t.Errorf("contribution %s has no reason", c.ID)
		}
	}
	for _, s := range r.Scores {
		if sum[s.Outcome] != s.Points {
			t.Errorf("%s has %d points but its contributions add to %d", s.Outcome, s.Points, sum[s.Outcome])
		}
	}
	for q, opts := range r.Answers {
		qu, _ := g.Question(q)
		for i := 1; i < len(opts); i++ {
			if qu.OptionIndex(opts[i-1]) >= qu.OptionIndex(opts[i]) {
				t.Errorf("answers to %s not in guide order: %v", q, opts)
			}
		}
	}
	if len(r.Answers)+len(r.Unanswered) != len(g.Questions) {
		t.Errorf("%d answered + %d unanswered != %d questions", len(r.Answers), len(r.Unanswered), len(g.Questions))
	}
	if !reflect.DeepEqual(r.Checklist, g.ChecklistFor(r.Verdict)) {
		t.Errorf("checklist is not the one for %s", r.Verdict)
	}
}

func TestEvaluateAnswersInGuideOrderAndUntouched(t *testing.T) {
	g := fixture(t, "counter")
	a := Answers{"extras": {"easy-replace", "meet-maker"}, "occasion": {"gift"}}
	before := a.Clone()
	r := g.Evaluate(a)
	if want := []string{"meet-maker", "easy-replace"}; !reflect.DeepEqual(r.Answers["extras"], want) {
		t.Errorf("extras %v, want %v", r.Answers["extras"], want)
	}
	if !reflect.DeepEqual(a, before) {
		t.Errorf("Evaluate changed its input: %v, was %v", a, before)
	}
	r.Answers["occasion"][0] = "trend"
	if a["occasion"][0] != "gift" {
		t.Errorf("the result's answers share memory with the input")
	}
}

func TestChecklistPerVerdict(t *testing.T) {
	g := fixture(t, "counter")
	groups := func(a Answers) []string {
		var out []string
		for _, cg := range g.Evaluate(a).Checklist {
			out = append(out, cg.Group)
		}
		return out
	}
	anyPiece, hand, factory := "Any piece", "Handmade", "Factory-made"
	tests := []struct {
		name string
		a    Answers
		want []string
	}{
		{"handcrafted", Answers{"occasion": {"milestone"}}, []string{anyPiece, hand}},
		{"mass-produced", Answers{"occasion": {"trend"}}, []string{anyPiece, factory}},
		{"mix shows both", Answers{}, []string{anyPiece, hand, factory}},
	}
	for _, tt := range tests {
		if got := groups(tt.a); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: checklist groups %q, want %q", tt.name, got, tt.want)
		}
	}
}
