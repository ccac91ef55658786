package quiz

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// abcGuide has three two-option questions that give no points, and rules
// whose points are powers of two, so p's score says exactly which fired.
const abcGuide = `version: 1
outcomes:
  - {id: p, label: P}
  - {id: q, label: Q}
questions:
  - id: a
    title: A
    prompt: A?
    options: [{id: x, label: X}, {id: y, label: Y}]
  - id: b
    title: B
    prompt: B?
    options: [{id: x, label: X}, {id: y, label: Y}]
  - id: c
    title: C
    prompt: C?
    max: 2
    options: [{id: x, label: X}, {id: y, label: Y}]
rules:
  - id: r1
    when: {all: [a=x, {any: [b=x, {not: c=x}]}]}
    points: {p: 1}
    reason: one
  - id: r2
    when: {not: {any: [a=y, {all: [b=y, c=y]}]}}
    points: {p: 2}
    reason: two
  - id: r3
    when: {any: [{not: a=x}, {not: {not: b=x}}]}
    points: {p: 4}
    reason: three
  - id: r4
    when: {all: [c=x, c=y]}
    points: {p: 8}
    reason: four
  - id: r5
    when: {not: {all: [{any: [a=x, a=y]}, {any: [b=x, b=y]}]}}
    points: {p: 16}
    reason: five
checklist:
  - group: G
    items: [check]
`

// TestNestedRules evaluates every combination of answers to the abc guide
// (each question unanswered, x or y; c may also take both) and compares
// the rules that fired with the same conditions written in Go.
func TestNestedRules(t *testing.T) {
	g := mustParse(t, abcGuide)
	choices := [][]string{nil, {"x"}, {"y"}}
	cChoices := [][]string{nil, {"x"}, {"y"}, {"x", "y"}}
	n := 0
	for _, a := range choices {
		for _, b := range choices {
			for _, c := range cChoices {
				ans := Answers{"a": a, "b": b, "c": c}
				is := func(q, o string) bool { return slices.Contains(ans[q], o) }
				want := 0
				if is("a", "x") && (is("b", "x") || !is("c", "x")) {
					want += 1
				}
				if !(is("a", "y") || (is("b", "y") && is("c", "y"))) {
					want += 2
				}
				if !is("a", "x") || is("b", "x") {
					want += 4
				}
				if is("c", "x") && is("c", "y") {
					want += 8
				}
				if !(len(a) > 0 && len(b) > 0) {
					want += 16
				}
				r := g.Evaluate(ans)
				if got := r.Scores[0].Points; got != want {
					t.Errorf("a=%v b=%v c=%v: p has %d points (rules %s), want %d (rules %s)", a, b, c, got, fired(got), want, fired(want))
				}
				n++
			}
		}
	}
	if n != 36 {
		t.Fatalf("tried %d combinations", n)
	}
}

func fired(bits int) string {
	var out []string
	for i := 0; i < 5; i++ {
		if bits&(1<<i) != 0 {
			out = append(out, fmt.Sprintf("r%d", i+1))
		}
	}
	return strings.Join(out, ",")
}

// twoWay builds a guide with outcomes in the given order, one question
// whose options give the listed points, and the given decision block.
func twoWay(t *testing.T, outcomes []string, decision string, options map[string]string) *Guide {
	t.Helper()
	var b strings.Builder
	b.WriteString("version: 1\n" + decision + "outcomes:\n")
	for _, o := range outcomes {
		fmt.Fprintf(&b, "  - {id: %s, label: %s}\n", o, strings.ToUpper(o))
	}
	b.WriteString("questions:\n  - id: q\n    title: Q\n    prompt: Q?\n    max: 2\n    options:\n")
	for _, id := range []string{"o1", "o2", "o3"} {
		if pts, ok := options[id]; ok {
			fmt.Fprintf(&b, "      - {id: %s, label: %s, points: {%s}, reason: because}\n", id, id, pts)
		}
	}
	b.WriteString("checklist:\n  - group: G\n    items: [check]\n")
	return mustParse(t, b.String())
}

func TestDecision(t *testing.T) {
	abc := []string{"a", "b", "c"}
	opts := map[string]string{"o1": "a: 5, b: 5", "o2": "b: 3, a: -2", "o3": "c: 9, a: 4"}
	tests := []struct {
		name     string
		outcomes []string
		decision string
		answer   []string
		verdict  string
		leader   string
		runnerUp string
		close    bool
		conf     float64
	}{
		{"tie goes to the first outcome", abc, "", []string{"o1"}, "a", "a", "b", false, 0},
		{"tie goes to the first outcome, other order", []string{"b", "c", "a"}, "", []string{"o1"}, "b", "b", "a", false, 0},
		{"tie with margin 0 is a close call", abc, "decision: {close_call: c, margin: 0}\n", []string{"o1"}, "c", "a", "b", true, 0},
		{"lead 1 with margin 0 is not", abc, "decision: {close_call: c, margin: 0}\n", []string{"o1", "o2"}, "b", "b", "a", false, 5.0 / 11},
		{"lead 5 within margin 5", abc, "decision: {close_call: c, margin: 5}\n", []string{"o1", "o2"}, "c", "b", "a", true, 0},
		{"lead 5 outside margin 4", abc, "decision: {close_call: c, margin: 4}\n", []string{"o1", "o2"}, "b", "b", "a", false, 1.0 / 11}, // 1 point beyond the margin
		{"close-call outcome winning outright is not close", abc, "decision: {close_call: c, margin: 100}\n", []string{"o3"}, "c", "c", "a", false, 5.0 / 13},
		{"no close_call: a tie stays a tie", abc, "decision: {margin: 3}\n", []string{"o1"}, "a", "a", "b", false, 0},
		{"negative points", abc, "", []string{"o2"}, "b", "b", "c", false, 1},
		{"nothing answered", abc, "decision: {close_call: b, margin: 1}\n", nil, "b", "a", "b", true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := twoWay(t, tt.outcomes, tt.decision, opts)
			r1 := g.Evaluate(Answers{"q": tt.answer})
			r := g.Evaluate(Answers{"q": tt.answer})
			if !reflect.DeepEqual(r, r1) {
				t.Errorf("two evaluations of the same answers differ")
			}
			if r.Verdict != tt.verdict || r.Leader != tt.leader || r.RunnerUp != tt.runnerUp || r.Close != tt.close {
				t.Errorf("got verdict %s, leader %s, runner-up %s, close %v; want %s, %s, %s, %v (scores %v)",
					r.Verdict, r.Leader, r.RunnerUp, r.Close, tt.verdict, tt.leader, tt.runnerUp, tt.close, r.Scores)
			}
			if d := r.Confidence - tt.conf; d > 1e-9 || d < -1e-9 {
				t.Errorf("confidence %.4f, want %.4f (scores %v)", r.Confidence, tt.conf, r.Scores)
			}
			if r.Confidence < 0 || r.Confidence > 1 {
				t.Errorf("confidence %.4f out of 0..1", r.Confidence)
			}
		})
	}
}

// Map order must not leak into results: many evaluations of answers given
// in different map insertion orders are identical.
func TestEvaluateDeterministic(t *testing.T) {
	g := fixture(t, "counter")
	a := Answers{"occasion": {"gift"}, "budget": {"moderate"}, "extras": {"meet-maker", "easy-replace"}, "character": {"either"}}
	first := g.Evaluate(a)
	for i := 0; i < 50; i++ {
		b := Answers{}
		for k, v := range a {
			b[k] = append([]string(nil), v...)
		}
		if r := g.Evaluate(b); !reflect.DeepEqual(r, first) {
			t.Fatalf("evaluation %d differs:\n%+v\n%+v", i, r, first)
		}
	}
}
