package quiz

import (
	"fmt"
	"strings"
	"testing"
)

// lintGuide builds a guide with a single-select question "one" (options
// a, b) and a multi-select question "many" with 25 options (o0..o24, at
// most 2 ticked), plus the given rules.
func lintGuide(t *testing.T, rules string) *Guide {
	t.Helper()
	var many strings.Builder
	for i := 0; i < 25; i++ {
		fmt.Fprintf(&many, "      - {id: o%d, label: O%d, points: {x: 1}, reason: R.}\n", i, i)
	}
	return mustParse(t, `version: 1
outcomes:
  - {id: x, label: X}
  - {id: y, label: Y}
questions:
  - id: one
    title: One
    prompt: One?
    options:
      - {id: a, label: A, points: {x: 1}, reason: R.}
      - {id: b, label: B, points: {y: 1}, reason: R.}
  - id: many
    title: Many
    prompt: Many?
    max: 2
    options:
`+many.String()+`rules:
`+rules+`checklist:
  - {group: G, items: [i]}
`)
}

func TestLintRulesThatCanNeverFire(t *testing.T) {
	tests := []struct {
		name  string
		when  string
		never bool
	}{
		{"two ticks of a wide multi-select", "{all: [many=o3, many=o21]}", false},
		{"three ticks where two are allowed", "{all: [many=o1, many=o2, many=o3]}", true},
		{"two answers to a single-select", "{all: [one=a, one=b]}", true},
		{"a negation that holds when unanswered", "{not: one=a}", false},
		{"an option and its own negation", "{all: [one=a, {not: one=a}]}", true},
		{"either of two", "{any: [one=a, many=o24]}", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := lintGuide(t, "  - {id: r, when: "+tt.when+", points: {y: 1}, reason: R.}\n")
			warned := false
			for _, w := range g.Lint(nil) {
				if strings.Contains(w.Msg, `rule "r" can never fire`) {
					warned = true
				}
			}
			if warned != tt.never {
				t.Errorf("warned %v, want %v", warned, tt.never)
			}
		})
	}
}
