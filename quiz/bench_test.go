package quiz_test

// Benchmarks for the domain's public API. They run only with -bench, so
// `go test ./...` stays fast; scripts/bench.sh runs them all and
// README.md ("Performance") keeps the figures.
//
// Sizes come from quiz/internal/gen: the default guide plus generated ones
// at 10, 100 and 1,000 questions (10 options each) crossed with 100, 1,000
// and 10,000 rules, so the growth in each direction can be read off.

import (
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/jewelguide/jewelguide/data"
	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/internal/gen"
	"gopkg.in/yaml.v3"
)

// benchDefaultAnswers answer every question of the default guide, with both
// rules that can fire on them firing and two ticks on the multi-select
// question, so no path of the scorer is skipped.
var benchDefaultAnswers = quiz.Answers{
	"occasion":        {"gift"},
	"budget":          {"moderate"},
	"lifespan":        {"years"},
	"ethics":          {"nice-to-have"},
	"personalization": {"bespoke"},
	"character":       {"either"},
	"extras":          {"meet-maker", "matching-set"},
}

// benchCase is one guide to measure, with the answers to score on it.
type benchCase struct {
	name    string
	guide   *quiz.Guide
	answers quiz.Answers
}

var (
	benchOnce  sync.Once
	benchCases []benchCase
	benchErr   error
)

// benchGuides parses every benchmark guide once per test binary: parsing the
// larger ones takes a good part of a second, and the scoring benchmarks
// must not pay for it again and again.
func benchGuides(b *testing.B) []benchCase {
	b.Helper()
	benchOnce.Do(func() {
		g, err := quiz.Parse(data.GuideFile, data.Guide)
		if err != nil {
			benchErr = err
			return
		}
		benchCases = append(benchCases, benchCase{"default", g, benchDefaultAnswers})
		for _, s := range gen.Sizes() {
			g, err := quiz.Parse("gen.yaml", gen.YAML(s, gen.Flow))
			if err != nil {
				benchErr = fmt.Errorf("%s: %w", s.Name(), err)
				return
			}
			benchCases = append(benchCases, benchCase{s.Name(), g, gen.Answers(s, 2)})
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchCases
}

// BenchmarkParse is loading and validating a guide held in memory: the
// YAML decode, every check, and the compile to indexes. The flow layout is
// used for every generated size because the largest guide only fits the
// 1 MiB cap that way; the block layout (one key per line, as people write
// guides) is measured where it fits, to show what the layout costs.
func BenchmarkParse(b *testing.B) {
	b.Run("default", func(b *testing.B) {
		benchParse(b, data.Guide)
	})
	for _, style := range []gen.Style{gen.Flow, gen.Block} {
		for _, s := range gen.Sizes() {
			y := gen.YAML(s, style)
			if len(y) > quiz.MaxGuideSize {
				continue
			}
			b.Run(style.String()+"/"+s.Name(), func(b *testing.B) {
				benchParse(b, y)
			})
		}
	}
}

// BenchmarkCover is check's own work past loading: the search for rules
// that can never fire and the verdicts over every answer set, or over a
// sample when that is more than quiz.CheckWork. The default guide's walk is
// exact; the 250-question guide (issue 16's shape) is sampled.
func BenchmarkCover(b *testing.B) {
	cases := map[string][]byte{
		"default":                      data.Guide,
		"block/q=250,r=2400":           gen.YAML(gen.Spec{Questions: 250, Options: 10, Rules: 2400, Seed: 1}, gen.Block),
		"flow/" + gen.Largest().Name(): gen.YAML(gen.Largest(), gen.Flow),
	}
	for _, name := range []string{"default", "block/q=250,r=2400", "flow/" + gen.Largest().Name()} {
		g, err := quiz.Parse("bench.yaml", cases[name])
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for i := 0; i < b.N; i++ {
				cov := g.Cover(1)
				b.ReportMetric(float64(cov.Total), "sets")
			}
			// The machines these run on are shared: processor time per
			// call says more than the wall-clock ns/op beside it.
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
		})
	}
}

// BenchmarkNodeTree is yaml.v3's node tree alone for the guides
// BenchmarkParse loads: the floor that loading is measured against (issue
// 16 asks loading to allocate at most 1.5 times as much).
func BenchmarkNodeTree(b *testing.B) {
	b.Run("default", func(b *testing.B) {
		benchNodeTree(b, data.Guide)
	})
	for _, s := range []gen.Spec{gen.Largest(), {Questions: 250, Options: 10, Rules: 2400, Seed: 1}} {
		for _, style := range []gen.Style{gen.Flow, gen.Block} {
			y := gen.YAML(s, style)
			if len(y) > quiz.MaxGuideSize {
				continue
			}
			b.Run(style.String()+"/"+s.Name(), func(b *testing.B) {
				b.Run("node", func(b *testing.B) { benchNodeTree(b, y) })
				b.Run("parse", func(b *testing.B) { benchParse(b, y) })
			})
		}
	}
}

func benchNodeTree(b *testing.B, y []byte) {
	b.ReportAllocs()
	b.SetBytes(int64(len(y)))
	for i := 0; i < b.N; i++ {
		var n yaml.Node
		if err := yaml.Unmarshal(y, &n); err != nil {
			b.Fatal(err)
		}
	}
}

func benchParse(b *testing.B, y []byte) {
	b.ReportAllocs()
	b.SetBytes(int64(len(y)))
	for i := 0; i < b.N; i++ {
		if _, err := quiz.Parse("bench.yaml", y); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluate is scoring one set of answers as callers see it: the
// points, the verdict, the reasons sorted, the tipping points and the
// checklist.
func BenchmarkEvaluate(b *testing.B) {
	for _, c := range benchGuides(b) {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				benchSinkResult = c.guide.Evaluate(c.answers)
			}
		})
	}
}

// BenchmarkReportJSON is the work of a non-interactive --format json run
// after loading: evaluate, build the report, write the JSON.
func BenchmarkReportJSON(b *testing.B) {
	c := benchGuides(b)[0]
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		rep := quiz.NewReport(c.guide, c.guide.Evaluate(c.answers))
		if err := quiz.WriteJSON(io.Discard, rep); err != nil {
			b.Fatal(err)
		}
	}
}

// benchSinkResult keeps the compiler from dropping the work measured.
var benchSinkResult *quiz.Result
