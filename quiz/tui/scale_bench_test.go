package tui_test

// Benchmarks of the interface at scale: drawing one frame, and one key press
// through Update and View, on the default guide and on the largest generated
// one (1,000 questions of 10 options, 10,000 rules). They run only with
// -bench; scripts/bench.sh runs them and README.md ("Performance") keeps the
// figures. bench_test.go beside this file holds the package's own
// benchmarks of single frames on the default guide.

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/jewelguide/jewelguide/data"
	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/internal/gen"
	"github.com/jewelguide/jewelguide/quiz/tui"
)

var (
	scaleKeyEnter = tea.KeyMsg{Type: tea.KeyEnter}
	scaleKeyDown  = tea.KeyMsg{Type: tea.KeyDown}
	// scaleKeyTwo picks the second option: on a single-select question it
	// records the answer and moves on.
	scaleKeyTwo = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'2'}}
)

type scaleGuide struct {
	name    string
	guide   *quiz.Guide
	answers quiz.Answers
}

// scaleGuides are the default guide with a full set of answers, and the
// largest generated guide with one of its seeded answer sets.
func scaleGuides(b *testing.B) []scaleGuide {
	b.Helper()
	def, err := quiz.Parse(data.GuideFile, data.Guide)
	if err != nil {
		b.Fatal(err)
	}
	s := gen.Largest()
	big, err := quiz.Parse("gen.yaml", gen.YAML(s, gen.Flow))
	if err != nil {
		b.Fatal(err)
	}
	return []scaleGuide{
		{"default", def, quiz.Answers{
			"occasion": {"gift"}, "budget": {"moderate"}, "lifespan": {"years"},
			"ethics": {"nice-to-have"}, "personalization": {"bespoke"},
			"character": {"either"}, "extras": {"meet-maker", "matching-set"},
		}},
		{"largest", big, gen.Answers(s, 2)},
	}
}

// scaleColour renders as in a 256-colour terminal, like the one the
// first-frame timing uses, instead of the plain profile the package's tests
// pin: escape codes are part of the cost of a frame.
func scaleColour(b *testing.B) {
	prev := lipgloss.ColorProfile()
	lipgloss.SetColorProfile(termenv.ANSI256)
	b.Cleanup(func() { lipgloss.SetColorProfile(prev) })
}

func scaleStep(m tea.Model, msgs ...tea.Msg) tea.Model {
	for _, msg := range msgs {
		m, _ = m.Update(msg)
	}
	return m
}

func scaleSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// scaleLastOpen is the model on the last question with every other
// question answered: the state where answering takes the most work (the
// answers are copied, then the review opens).
func scaleLastOpen(g scaleGuide, w, h int) tea.Model {
	a := g.answers.Clone()
	delete(a, g.guide.Questions[len(g.guide.Questions)-1].ID)
	return scaleStep(tui.New(tui.Options{Guide: g.guide, Answers: a}), scaleSize(w, h), scaleKeyEnter)
}

// scaleOnReview is the model on the review screen with every question
// answered and the cursor on "See result".
func scaleOnReview(g scaleGuide, w, h int) tea.Model {
	return scaleStep(tui.New(tui.Options{Guide: g.guide, Answers: g.answers}), scaleSize(w, h))
}

// BenchmarkScaleFrame is drawing one frame (View alone) of the question
// screen and of the result screen, at 80×24 and 200×60.
func BenchmarkScaleFrame(b *testing.B) {
	scaleColour(b)
	for _, g := range scaleGuides(b) {
		for _, sz := range []struct {
			name string
			w, h int
		}{{"80x24", 80, 24}, {"200x60", 200, 60}} {
			screens := []struct {
				name  string
				model tea.Model
			}{
				{"question", scaleLastOpen(g, sz.w, sz.h)},
				{"result", scaleStep(scaleOnReview(g, sz.w, sz.h), scaleKeyEnter)},
			}
			for _, sc := range screens {
				b.Run(g.name+"/"+sc.name+"/"+sz.name, func(b *testing.B) {
					b.ReportAllocs()
					for i := 0; i < b.N; i++ {
						scaleSink = sc.model.View()
					}
				})
			}
		}
	}
}

// BenchmarkScaleKey is one key press as the program handles it: Update,
// then View of the new state, at 80×24. Each iteration starts from the same
// model value, so every press does the same work.
func BenchmarkScaleKey(b *testing.B) {
	scaleColour(b)
	for _, g := range scaleGuides(b) {
		keys := []struct {
			name  string
			model tea.Model
			key   tea.Msg
		}{
			// Moving the cursor: the most frequent key.
			{"question-down", scaleLastOpen(g, 80, 24), scaleKeyDown},
			// Answering the last question: copies the answers and opens
			// the review.
			{"question-pick", scaleLastOpen(g, 80, 24), scaleKeyTwo},
			// "See result": scores the answers (tipping points included),
			// builds the report and lays out the result screen.
			{"review-result", scaleOnReview(g, 80, 24), scaleKeyEnter},
			// Scrolling the result.
			{"result-down", scaleStep(scaleOnReview(g, 80, 24), scaleKeyEnter), scaleKeyDown},
		}
		for _, k := range keys {
			b.Run(g.name+"/"+k.name, func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					m, _ := k.model.Update(k.key)
					scaleSink = m.View()
				}
			})
		}
	}
}

var scaleSink string
