// Package gen writes synthetic buying guides of a chosen size, seeded so
// that every run of the benchmarks measures the very same guides. The
// domain benchmarks (package quiz) and the interface benchmarks (package
// tui) share it, so their figures are about the same guides.
//
// It returns YAML bytes and plain maps rather than quiz types: package
// quiz's own tests import it, and an import of quiz here would be a cycle.
package gen

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
)

// Style is the YAML layout a guide is written in.
type Style int

const (
	// Block is the layout people write and the default guide uses: one
	// key per line, with sentences for labels and reasons.
	Block Style = iota
	// Flow writes each option and rule on one line with one-word texts.
	// The largest guides only fit under the loader's 1 MiB cap this way.
	Flow
)

func (s Style) String() string {
	if s == Flow {
		return "flow"
	}
	return "block"
}

// Spec is the shape of a generated guide.
type Spec struct {
	Questions int
	// Options is the number of options of every question.
	Options int
	Rules   int
	// Seed picks the points, conditions and answers; the same Spec always
	// gives the same bytes.
	Seed uint64
}

// Name labels the spec in benchmark names, e.g. "q=100,r=1000".
func (s Spec) Name() string {
	return fmt.Sprintf("q=%d,r=%d", s.Questions, s.Rules)
}

// Sizes lists the guides the benchmarks run over: 10, 100 and 1,000
// questions of 10 options each, crossed with 100, 1,000 and 10,000 rules,
// smallest first. Crossing them is what shows how cost grows with each.
func Sizes() []Spec {
	var out []Spec
	for _, q := range []int{10, 100, 1000} {
		for _, r := range []int{100, 1000, 10000} {
			out = append(out, Spec{Questions: q, Options: 10, Rules: r, Seed: 1})
		}
	}
	return out
}

// Largest is the biggest of Sizes.
func Largest() Spec {
	s := Sizes()
	return s[len(s)-1]
}

// The outcomes mirror the default guide's three: two sides and a close-call
// outcome that only rules and the decision margin give.
var outcomes = []string{"h", "m", "x"}

// multiEvery makes every fifth question multi-select (up to two choices),
// so scoring and tipping take the multi-select paths as the default guide's
// "extras" question does.
const multiEvery = 5

// Ids are written in base 36 (q0 … qrr, r0 … r7pr) to keep the largest
// guide's conditions short enough for the loader's size cap.
func questionID(i int) string { return "q" + strconv.FormatInt(int64(i), 36) }

func ruleID(i int) string { return "r" + strconv.FormatInt(int64(i), 36) }

// optionID names options a, b, … z, then o26, o27, …: one letter keeps the
// largest guide's conditions short enough to fit the size cap.
func optionID(i int) string {
	if i < 26 {
		return string(rune('a' + i))
	}
	return "o" + strconv.Itoa(i)
}

func isMulti(q int) bool { return q%multiEvery == multiEvery-1 }

// scores says whether option oi gives points of its own. Every other one is
// neutral and counts only through rules: with every option scoring, the
// largest guide does not fit the loader's 1 MiB cap in any layout.
func scores(oi int) bool { return oi%2 == 0 }

// YAML writes the guide for s in the given style. The guide always passes
// validation (when it fits the loader's limits).
func YAML(s Spec, style Style) []byte {
	rng := rand.New(rand.NewPCG(s.Seed, 0x6a6577656c))
	w := &writer{style: style}
	b := &w.buf
	b.WriteString("version: 1\nname: Generated guide\n")
	b.WriteString("decision: {close_call: x, margin: 2}\n")
	b.WriteString("outcomes:\n")
	for _, o := range outcomes {
		fmt.Fprintf(b, "  - {id: %s, label: Outcome %s, summary: %s}\n", o, o, w.text("The summary of outcome "+o+"."))
	}
	b.WriteString("questions:\n")
	for qi := 0; qi < s.Questions; qi++ {
		w.question(rng, s, qi)
	}
	b.WriteString("rules:\n")
	for ri := 0; ri < s.Rules; ri++ {
		w.rule(rng, s, ri)
	}
	b.WriteString("checklist:\n  - group: Before buying\n    items: [Check the clasp., Ask about returns.]\n")
	return bytes.Clone(b.Bytes())
}

type writer struct {
	buf   bytes.Buffer
	style Style
}

// sep separates flow items: flow style saves the space after the comma.
func (w *writer) sep() string {
	if w.style == Flow {
		return ","
	}
	return ", "
}

// text is a sentence in block style and one word in flow style.
func (w *writer) text(sentence string) string {
	if w.style == Flow {
		return "T"
	}
	return sentence
}

// points gives 1 to 4 points to one outcome, or now and then to up to max
// outcomes, as the default guide does.
func (w *writer) points(rng *rand.Rand, choices []string, max int) string {
	n := 1
	if max > 1 && rng.IntN(4) == 0 {
		n = 2
	}
	var b []byte
	b = append(b, '{')
	first := rng.IntN(len(choices))
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, w.sep()...)
		}
		b = append(b, choices[(first+i)%len(choices)]...)
		b = append(b, ": "...)
		b = strconv.AppendInt(b, int64(1+rng.IntN(4)), 10)
	}
	return string(append(b, '}'))
}

func (w *writer) question(rng *rand.Rand, s Spec, qi int) {
	b := &w.buf
	id := questionID(qi)
	max := ""
	if isMulti(qi) {
		max = "max: 2"
	}
	if w.style == Flow {
		fmt.Fprintf(b, "- {id: %s,title: T,prompt: P", id)
		if max != "" {
			b.WriteString("," + max)
		}
		b.WriteString(",options: [\n")
		for oi := 0; oi < s.Options; oi++ {
			if !scores(oi) {
				fmt.Fprintf(b, " {id: %s,label: L},\n", optionID(oi))
				continue
			}
			fmt.Fprintf(b, " {id: %s,label: L,points: %s,reason: R},\n", optionID(oi), w.points(rng, outcomes[:2], 2))
		}
		b.WriteString(" ]}\n")
		return
	}
	fmt.Fprintf(b, "  - id: %s\n    title: Question %d\n    prompt: Which of these suits the piece you have in mind for question %d?\n", id, qi+1, qi+1)
	b.WriteString("    why: A generated question; the benchmarks only need its size.\n")
	if max != "" {
		b.WriteString("    " + max + "\n")
	}
	b.WriteString("    options:\n")
	for oi := 0; oi < s.Options; oi++ {
		fmt.Fprintf(b, "      - id: %s\n        label: Option %d of question %d\n", optionID(oi), oi+1, qi+1)
		if scores(oi) {
			fmt.Fprintf(b, "        points: %s\n        reason: Choosing option %d of question %d leans this way.\n",
				w.points(rng, outcomes[:2], 2), oi+1, qi+1)
		}
	}
}

// rule writes one rule over two or three distinct questions, in the shapes
// the default guide uses: a plain all, an all with an any inside, and an
// all with a not.
func (w *writer) rule(rng *rand.Rand, s Spec, ri int) {
	leaf := func(qi int) string {
		return questionID(qi) + "=" + optionID(rng.IntN(s.Options))
	}
	qs := distinct(rng, s.Questions, 3)
	var cond string
	switch rng.IntN(4) {
	case 0:
		cond = leaf(qs[0])
	case 1:
		cond = fmt.Sprintf("{all: [%s%s%s]}", leaf(qs[0]), w.sep(), leaf(qs[1]))
	case 2:
		cond = fmt.Sprintf("{all: [%s%s{any: [%s%s%s]}]}", leaf(qs[0]), w.sep(), leaf(qs[1]), w.sep(), leaf(qs[1]))
	default:
		cond = fmt.Sprintf("{all: [%s%s%s%s{not: %s}]}", leaf(qs[0]), w.sep(), leaf(qs[1]), w.sep(), leaf(qs[2]))
	}
	id := ruleID(ri)
	// One outcome per rule, as in the default guide.
	pts := w.points(rng, outcomes, 1)
	if w.style == Flow {
		fmt.Fprintf(&w.buf, "- {id: %s,when: %s,points: %s,reason: R}\n", id, cond, pts)
		return
	}
	fmt.Fprintf(&w.buf, "  - id: %s\n    when: %s\n    points: %s\n    reason: Rule %d adds weight when these answers come together.\n", id, cond, pts, ri+1)
}

// distinct picks up to k different numbers below n.
func distinct(rng *rand.Rand, n, k int) []int {
	if k > n {
		k = n
	}
	out := make([]int, 0, k)
	for len(out) < k {
		x := rng.IntN(n)
		dup := false
		for _, y := range out {
			dup = dup || x == y
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}

// Answers is a full, valid set of answers for the guide of s: one option
// for each single-select question, one or two for each multi-select one.
// The result converts to quiz.Answers.
func Answers(s Spec, seed uint64) map[string][]string {
	rng := rand.New(rand.NewPCG(seed, 0x616e73))
	a := make(map[string][]string, s.Questions)
	for qi := 0; qi < s.Questions; qi++ {
		first := rng.IntN(s.Options)
		picks := []string{optionID(first)}
		if isMulti(qi) && s.Options > 1 && rng.IntN(2) == 0 {
			second := (first + 1 + rng.IntN(s.Options-1)) % s.Options
			picks = append(picks, optionID(second))
		}
		a[questionID(qi)] = picks
	}
	return a
}
