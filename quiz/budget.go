package quiz

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// The size cap bounds a guide's file, not what it stands for: an alias
// repeats the part its anchor names, and aliases of aliases multiply, so a
// few kilobytes can stand for gigabytes. The walk counts what the guide
// expands to as it goes and stops at the first limit crossed, so nothing
// past it is ever built.

// Limits on what a guide expands to, aliases repeated. Each is several
// times what the largest guide the benchmarks generate needs.
const (
	// maxNodes bounds the values (texts, numbers, lists, mappings) read.
	maxNodes = 600_000
	// maxConds bounds the terms of all rules' conditions together: scoring
	// one set of answers looks at each.
	maxConds = 200_000
	// maxItems bounds the checklist items, which every report prints.
	maxItems = 2_000
	// maxText bounds the bytes of text, twice what the file could hold
	// without aliases.
	maxText = 2 * MaxGuideSize
)

// budget is what a guide has expanded to so far.
type budget struct{ nodes, conds, items, text int }

// overBudget stops the walk at the first limit crossed; Parse recovers it.
type overBudget struct{ p Problem }

// spend adds amount to counter and stops the walk when that crosses max,
// naming the alias being expanded, or n when no alias is.
func (l *loader) spend(n *yaml.Node, counter *int, amount, max int) {
	*counter += amount
	if *counter <= max {
		return
	}
	what := map[*int]string{
		&l.spent.nodes: "values",
		&l.spent.conds: "condition terms",
		&l.spent.items: "checklist items",
		&l.spent.text:  "of text",
	}[counter]
	limit := thousands(max) + " " + what
	if counter == &l.spent.text {
		limit = fmt.Sprintf("%d MiB of text", max>>20)
	}
	if a := l.alias; a != nil {
		panic(overBudget{Problem{Line: a.Line, Col: a.Column,
			Msg:  fmt.Sprintf("repeating this alias takes the guide past %s, the most a guide may expand to", limit),
			Hint: "write the part out once where it is needed, or repeat it less often"}})
	}
	panic(overBudget{Problem{Line: n.Line, Col: n.Column,
		Msg:  fmt.Sprintf("the guide holds more than %s, the most a guide may hold", limit),
		Hint: "a guide for a shop needs far fewer; split it"}})
}

// thousands writes n with commas: 200,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// maxValues bounds the values a file may hold before it is parsed, as
// counted by countValues: yaml.v3 keeps about 150 bytes per value, and a
// 1 MiB file of "[a,a,a,…]" holds half a million of them.
const maxValues = 300_000

// maxFlowDepth bounds how deep [ ] and { } nest. A guide's deepest part,
// a condition nested as far as it may be, needs about 40 levels; yaml.v3
// takes time that grows with the square of the depth.
const maxFlowDepth = 200

// countValues estimates, from the text alone, how many values parsing
// would make, without undercounting: one per line with content, list item
// ("- "), key (": ") and flow bracket or comma, skipping comments and
// quoted text. It returns the line on which the count passes maxValues,
// or brackets nest past maxFlowDepth (deep is then true), or 0 when
// neither happens.
func countValues(data []byte) (line int, deep bool) {
	n, flow := 0, 0
	line = 1
	// start is true where a value may begin, the only place a quote opens
	// quoted text (elsewhere it is an apostrophe in plain text).
	content, start := false, true
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '\n':
			if content {
				n++
			}
			line, content, start = line+1, false, true
		case c == ' ' || c == '\t' || c == '\r':
		case c == '#' && (i == 0 || data[i-1] == ' ' || data[i-1] == '\t' || data[i-1] == '\n'):
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case (c == '"' || c == '\'') && start:
			content, start = true, false
			for i++; i < len(data) && data[i] != c; i++ {
				if data[i] == '\\' && c == '"' {
					i++
				} else if data[i] == '\n' {
					line++
				}
			}
		case c == '[' || c == '{':
			flow++
			n++
			content, start = true, true
			if flow > maxFlowDepth {
				return line, true
			}
		case c == ']' || c == '}':
			flow = max(flow-1, 0)
			content, start = true, false
		case c == ',' && flow > 0:
			n++
			start = true
		case (c == '-' || c == ':') && (i+1 == len(data) || data[i+1] == ' ' || data[i+1] == '\n' || data[i+1] == '\r'):
			n++
			content, start = true, true
		default:
			content, start = true, false
		}
		if n > maxValues {
			return line, false
		}
	}
	return 0, false
}
