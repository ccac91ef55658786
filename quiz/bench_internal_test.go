package quiz

// Benchmarks of the scorer's parts, split so the figures say where the time
// of Evaluate goes. They live inside the package because the parts are
// unexported; BenchmarkEvaluate in bench_test.go measures the whole.

import (
	"testing"

	"github.com/jewelguide/jewelguide/data"
	"github.com/jewelguide/jewelguide/quiz/internal/gen"
)

type benchInternalCase struct {
	name    string
	guide   *Guide
	answers Answers
}

// benchInternalGuides loads the same guides as bench_test.go. It parses on
// each call, so callers call it once per benchmark function.
func benchInternalGuides(b *testing.B) []benchInternalCase {
	b.Helper()
	g, err := Parse(data.GuideFile, data.Guide)
	if err != nil {
		b.Fatal(err)
	}
	// The same answers as benchDefaultAnswers in bench_test.go, which this
	// package cannot see.
	cases := []benchInternalCase{{"default", g, Answers{
		"occasion": {"gift"}, "budget": {"moderate"}, "lifespan": {"years"},
		"ethics": {"nice-to-have"}, "personalization": {"bespoke"},
		"character": {"either"}, "extras": {"meet-maker", "matching-set"},
	}}}
	for _, s := range gen.Sizes() {
		g, err := Parse("gen.yaml", gen.YAML(s, gen.Flow))
		if err != nil {
			b.Fatalf("%s: %v", s.Name(), err)
		}
		cases = append(cases, benchInternalCase{s.Name(), g, gen.Answers(s, 2)})
	}
	return cases
}

// BenchmarkScore is the points and the verdict alone (flattening the
// answers, adding up options and rules, deciding), without the reasons,
// tipping points or checklist that Evaluate adds.
func BenchmarkScore(b *testing.B) {
	for _, c := range benchInternalGuides(b) {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				s := c.guide.newScratch()
				sel := c.guide.selection(c.answers)
				c.guide.tally(sel, s.scores, s.bans, s.fired)
				benchSinkDecision = c.guide.decide(s.scores, s.bans)
			}
		})
	}
}

// BenchmarkTipping is finding every single-answer change that would change
// the verdict, given answers already scored.
func BenchmarkTipping(b *testing.B) {
	for _, c := range benchInternalGuides(b) {
		b.Run(c.name, func(b *testing.B) {
			g := c.guide
			s := g.newScratch()
			sel := g.selection(c.answers)
			g.tally(sel, s.scores, s.bans, s.fired)
			verdict := g.Outcomes[g.decide(s.scores, s.bans).verdict].ID
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				benchSinkTips = g.tipping(sel, s, verdict)
			}
		})
	}
}

var (
	benchSinkDecision decision
	benchSinkTips     []Tip
)
