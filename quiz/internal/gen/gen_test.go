package gen_test

import (
	"bytes"
	"testing"

	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/internal/gen"
)

// The generated guides must be valid, or the benchmarks would measure the
// error path. Only the smaller sizes are parsed here, to keep go test fast;
// the benchmarks stop on a parse error for the larger ones.
func TestGeneratedGuidesLoad(t *testing.T) {
	for _, s := range gen.Sizes() {
		if s.Questions*s.Rules > 100*1000 {
			continue
		}
		for _, style := range []gen.Style{gen.Block, gen.Flow} {
			y := gen.YAML(s, style)
			if style == gen.Block && len(y) > quiz.MaxGuideSize {
				continue // the reason the flow style exists
			}
			g, err := quiz.Parse("gen.yaml", y)
			if err != nil {
				t.Fatalf("%s %s: %v", s.Name(), style, err)
			}
			if len(g.Questions) != s.Questions || len(g.Rules) != s.Rules {
				t.Fatalf("%s %s: got %d questions, %d rules", s.Name(), style, len(g.Questions), len(g.Rules))
			}
			if err := g.CheckAnswers(gen.Answers(s, 2)); err != nil {
				t.Fatalf("%s: answers do not fit the guide: %v", s.Name(), err)
			}
		}
	}
}

func TestGeneratorIsSeeded(t *testing.T) {
	s := gen.Sizes()[0]
	if !bytes.Equal(gen.YAML(s, gen.Block), gen.YAML(s, gen.Block)) {
		t.Fatal("the same spec gave different guides")
	}
	other := s
	other.Seed++
	if bytes.Equal(gen.YAML(s, gen.Block), gen.YAML(other, gen.Block)) {
		t.Fatal("a different seed gave the same guide")
	}
}

// The flow style exists so the largest guide fits the loader's cap; check
// the size without parsing it.
func TestLargestFlowGuideFitsTheCap(t *testing.T) {
	if n := len(gen.YAML(gen.Largest(), gen.Flow)); n > quiz.MaxGuideSize {
		t.Fatalf("largest flow guide is %d bytes, over the %d-byte cap", n, quiz.MaxGuideSize)
	}
}
