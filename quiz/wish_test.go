package quiz

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// marginGuide: option w gives a 9 points but rules a out; then b and d
// race, and the margin (1) decides between them.
const marginGuide = `version: 1
decision: {close_call: c, margin: 1}
outcomes:
  - {id: a, label: A}
  - {id: b, label: B}
  - {id: d, label: D}
  - {id: c, label: C}
questions:
  - id: q1
    title: Q1
    prompt: Q1?
    options:
      - {id: w, label: W, points: {a: 9}, reason: R., rules_out: {a: Make it work.}}
      - {id: v, label: V}
  - id: q2
    title: Q2
    prompt: Q2?
    options:
      - {id: p, label: P, points: {b: 3, d: 2}, reason: R.}
      - {id: s, label: S, points: {b: 3}, reason: R.}
checklist:
  - {group: G, items: [i]}
`

// TestWishLeavesTheRaceBeforeTheMargin: a ruled-out outcome cannot lead,
// whatever its points; the margin then decides between the best allowed
// outcome and the next allowed one.
func TestWishLeavesTheRaceBeforeTheMargin(t *testing.T) {
	g := mustParse(t, marginGuide)
	tests := []struct {
		a                                Answers
		verdict, leader, runner, unruled string
		close, decided                   bool
	}{
		// a 9 is out; b 3 leads d 2 by 1, within the margin: close call.
		{Answers{"q1": {"w"}, "q2": {"p"}}, "c", "b", "d", "a", true, true},
		// a 9 is out; b 3 leads d 0 by 3: b.
		{Answers{"q1": {"w"}, "q2": {"s"}}, "b", "b", "a", "a", false, true},
		// No wish: b 3 over d 2 is close.
		{Answers{"q1": {"v"}, "q2": {"p"}}, "c", "b", "d", "c", true, false},
	}
	for _, tt := range tests {
		r := g.Evaluate(tt.a)
		if r.Verdict != tt.verdict || r.Leader != tt.leader || r.Close != tt.close || r.Unruled != tt.unruled {
			t.Errorf("%v: verdict %s leader %s runner %s close %v unruled %s; want %s %s %s %v %s",
				tt.a, r.Verdict, r.Leader, r.RunnerUp, r.Close, r.Unruled, tt.verdict, tt.leader, tt.runner, tt.close, tt.unruled)
		}
		decided := len(r.Wishes) > 0 && r.Wishes[0].Decided
		if decided != tt.decided {
			t.Errorf("%v: wishes %+v, want decided %v", tt.a, r.Wishes, tt.decided)
		}
	}
}

// TestWishDecidesOnTheCounterFixture: a designed piece rules out
// mass-produced although it has twice the points; the report says which
// wish decided it and what would make it work, and the strength sentence
// names the outcome left out.
func TestWishDecidesOnTheCounterFixture(t *testing.T) {
	g := fixture(t, "counter")
	r := g.Evaluate(Answers{"occasion": {"trend"}, "budget": {"lowest"}, "personalization": {"bespoke"}})
	// H 4; M 8, ruled out; mix 0.
	if r.Verdict != "handcrafted" || r.RunnerUp != "" || r.Unruled != "mass-produced" || r.Lead != 4 {
		t.Fatalf("verdict %s runner %s unruled %s lead %d", r.Verdict, r.RunnerUp, r.Unruled, r.Lead)
	}
	want := []RuledOut{{Question: "personalization", Option: "bespoke", Outcome: "mass-produced", Text: "w-bespoke", Decided: true}}
	if !reflect.DeepEqual(r.Wishes, want) {
		t.Errorf("wishes %+v, want %+v", r.Wishes, want)
	}
	var b strings.Builder
	if err := WriteText(&b, NewReport(g, r), 200); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"Your wish decided it: “Designed with me” (Personal touch) rules out mass-produced, whatever the points say. w-bespoke",
		"handcrafted by your wish (4 points): mass-produced (8 points) is ruled out",
	} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("report lacks %q:\n%s", s, b.String())
		}
	}
}

// TestCautionOnlyUnderItsVerdict: the exact-match caution shows under a
// Handcrafted verdict and not under another.
func TestCautionOnlyUnderItsVerdict(t *testing.T) {
	g := fixture(t, "counter")
	hand := g.Evaluate(Answers{"occasion": {"milestone"}, "budget": {"invest"}, "character": {"uniform"}})
	if hand.Verdict != "handcrafted" || len(hand.Cautions) != 1 || hand.Cautions[0].Text != "c-uniform" {
		t.Errorf("verdict %s, cautions %+v", hand.Verdict, hand.Cautions)
	}
	mass := g.Evaluate(Answers{"occasion": {"trend"}, "character": {"uniform"}})
	if mass.Verdict != "mass-produced" || len(mass.Cautions) != 0 {
		t.Errorf("verdict %s, cautions %+v", mass.Verdict, mass.Cautions)
	}
}

// TestStrengthWords: the strength reads as leaning while open questions
// or one change could turn it, and as a clear or strong lead with figures
// once nothing could; a close call says so with its points.
func TestStrengthWords(t *testing.T) {
	g := fixture(t, "counter")
	tests := []struct {
		a          Answers
		word, text string
	}{
		{Answers{"occasion": {"milestone"}, "budget": {"invest"}}, "leaning",
			"Leaning handcrafted: 7 points to 0 for mass-produced; one changed answer could change it"},
		{Answers{"occasion": {"milestone"}, "budget": {"invest"}, "lifespan": {"heirloom"}, "ethics": {"essential"},
			"personalization": {"light"}, "character": {"one-of-a-kind"}, "extras": {"meet-maker", "hold-value"}}, "strong",
			"Strong lead: 23 points to 1 for mass-produced; no single changed answer would change it"},
		{Answers{"occasion": {"milestone"}, "budget": {"invest"}, "lifespan": {"heirloom"}, "ethics": {"essential"},
			"personalization": {"light"}}, "strong",
			"Strong lead: 16 points to 1 for mass-produced; no single changed answer would change it; the two unanswered questions could not change it"},
		{Answers{"occasion": {"gift"}}, "close-call", "Close call: handcrafted leads mass-produced by 2 points (2 to 0)"},
	}
	for _, tt := range tests {
		r := g.Evaluate(tt.a)
		rep := NewReport(g, r)
		if rep.Strength != tt.word || rep.StrengthText != tt.text {
			t.Errorf("%v:\n got %s: %q\nwant %s: %q", tt.a, rep.Strength, rep.StrengthText, tt.word, tt.text)
		}
	}
}

// TestCloseCallDeciders: a close call names the answer pulling hardest
// toward each front-runner, for this one piece.
func TestCloseCallDeciders(t *testing.T) {
	g := fixture(t, "counter")
	// H 4, M 6: everyday gives M 3 over H; years, nice-to-have and
	// either give H 1 each over M (years first, in question order).
	r := g.Evaluate(Answers{"occasion": {"everyday"}, "budget": {"moderate"}, "lifespan": {"years"}, "ethics": {"nice-to-have"},
		"personalization": {"light"}, "character": {"either"}})
	rep := NewReport(g, r)
	var got []string
	for _, d := range rep.Deciders {
		got = append(got, d.Question+"="+d.Option+">"+d.Outcome)
	}
	if want := []string{"occasion=everyday>mass-produced", "lifespan=years>handcrafted"}; !reflect.DeepEqual(got, want) {
		t.Errorf("deciders %v, want %v", got, want)
	}
	var b strings.Builder
	if err := WriteText(&b, rep, 200); err != nil {
		t.Fatal(err)
	}
	// Each way is followed by what it means for this piece: the answer's
	// own reason.
	for _, want := range []string{"if “Everyday wear” (Occasion) matters more, choose mass-produced: r-everyday",
		"if “Several years” (Lifespan) matters more, choose handcrafted: r-years"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
	var js strings.Builder
	if err := WriteJSON(&js, rep); err != nil {
		t.Fatal(err)
	}
	var doc JSONReport
	if err := json.Unmarshal([]byte(js.String()), &doc); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, d := range doc.Deciders {
		texts = append(texts, d.Text)
	}
	if want := []string{"r-everyday", "r-years"}; !reflect.DeepEqual(texts, want) {
		t.Errorf("JSON deciders' texts %q, want %q", texts, want)
	}
}

// TestTipsExplained: each tip says what it moves, with labels in their
// mid-sentence form, and text shows the first three and how many more.
func TestTipsExplained(t *testing.T) {
	g := fixture(t, "counter")
	rep := NewReport(g, g.Evaluate(Answers{"occasion": {"milestone"}, "budget": {"invest"}}))
	first := rep.Tipping[0]
	if first.TipLine() != "Occasion: “Everyday wear” instead of “A milestone” would make it a close call: takes 4 points from handcrafted, gives 3 points to mass-produced" {
		t.Errorf("first tip: %q", first.TipLine())
	}
	for i := 1; i < len(rep.Tipping); i++ {
		if rep.Tipping[i].Lead > rep.Tipping[i-1].Lead {
			t.Errorf("tip %d leads by %d, after one leading by %d", i, rep.Tipping[i].Lead, rep.Tipping[i-1].Lead)
		}
	}
	// A close call has many tips: text shows three and counts the rest.
	rep = NewReport(g, g.Evaluate(Answers{"occasion": {"everyday"}, "budget": {"moderate"}, "lifespan": {"years"}}))
	var b strings.Builder
	if err := WriteText(&b, rep, 200); err != nil {
		t.Fatal(err)
	}
	if n := len(rep.Tipping) - 3; n < 1 || !strings.Contains(b.String(), fmt.Sprintf("… and %d more", n)) {
		t.Errorf("%d tips; text lacks the count of those left out:\n%s", len(rep.Tipping), b.String())
	}
}
