package tui

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/jewelguide/jewelguide/quiz"
)

func oddGuide(t testing.TB) *quiz.Guide {
	t.Helper()
	data, err := os.ReadFile("testdata/odd.yaml")
	if err != nil {
		t.Fatal(err)
	}
	g, err := quiz.Parse("testdata/odd.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestOddGuideFits draws a guide built to strain the layout (twelve
// options, wide characters, a word longer than the window, no shop) at
// every size, on every screen.
func TestOddGuideFits(t *testing.T) {
	m := newModel(t, Options{Guide: oddGuide(t)})
	q1 := press(t, m, "enter", "w", "up")
	mustContain(t, screenText(q1), "> ( )    Twelve is the last one")
	done := press(t, q1, "enter", "1", "1", "2", "3", "enter")
	if done.screen != screenReview {
		t.Fatalf("screen = %s, want review", done.screen)
	}
	result := press(t, done, "enter")
	states := map[string]Model{
		"welcome": m, "many": q1, "wide": press(t, q1, "enter"), "multi": press(t, q1, "enter", "1", "1", "2", "3", "4"),
		"review": done, "result": result, "result-end": press(t, result, "end"),
	}
	for name, s := range states {
		for w := minWidth; w <= 160; w += 3 {
			for h := minHeight; h <= 60; h += 4 {
				checkFit(t, resize(t, s, w, h), fmt.Sprintf("%s %dx%d", name, w, h))
				if t.Failed() {
					t.FailNow()
				}
			}
		}
	}
	mustContain(t, screenText(states["multi"]), "Choose at most 3")
	mustContain(t, screenText(result), "Both", "Close call: Route A leads Route B")
}

func TestRenderReportFitsEveryWidth(t *testing.T) {
	st := NewStyles("", true)
	for _, g := range []*quiz.Guide{fixtureGuide(t), oddGuide(t)} {
		for _, a := range []quiz.Answers{
			{},
			{"use": {"daily"}, "spend": {"low"}, "many": {"o12"}, "wide": {"x"}},
			{"use": {"moment"}, "last": {"ever"}, "extras": {"talk", "value"}, "wide": {"y"}, "multi": {"m1", "m2", "m3"}},
		} {
			rep := quiz.NewReport(g, g.Evaluate(a))
			for w := 2; w <= 160; w++ { // a wide character needs two columns
				out := RenderReport(rep, w, st)
				for i, l := range strings.Split(out, "\n") {
					if lw := ansi.StringWidth(l); lw > w {
						t.Fatalf("%s %v width %d: line %d is %d wide: %q", g.Name, a, w, i, lw, l)
					}
				}
				if hasColour(out) {
					t.Fatalf("colourless styles gave a colour at width %d", w)
				}
			}
		}
	}
}

func TestRenderReportContent(t *testing.T) {
	g := fixtureGuide(t)
	a := quiz.Answers{"use": {"daily"}, "spend": {"high"}, "last": {"years"}}
	rep := quiz.NewReport(g, g.Evaluate(a))
	rep.Code = "ABC-123"
	out := RenderReport(rep, 80, NewStyles("", true))
	text := strings.Join(strings.Fields(out), " ")
	mustContain(t, text,
		"Fixture guide - your result",
		rep.Label, "Points", "Studio piece", "Shelf piece", "Some of each",
		"Why", "What would change it", "Your answers", "Use: Daily wear",
		"Extras: (unanswered)", "Checklist", "[ ] Look for a stamp.",
		"Resume code: ABC-123", "Call the test shop.",
	)
	for _, tip := range rep.TopTips(3) {
		mustContain(t, text, strings.Join(strings.Fields(tip.TipLine()), " "))
	}
	for _, r := range rep.Reasons {
		mustContain(t, text, fmt.Sprintf("%+d %s", r.Points, r.OutcomeLabel))
	}
	// A reason that gave points to several outcomes is one line.
	for _, l := range rep.ReasonLines() {
		mustContain(t, text, l.Head+": "+strings.Join(strings.Fields(l.Text), " "))
	}
	// Bars are as long as the points say: the leader's is the longest.
	bars := map[string]int{}
	for _, l := range strings.Split(out, "\n") {
		for _, s := range rep.Scores {
			if strings.HasPrefix(strings.TrimSpace(l), s.Label+" ") {
				bars[s.Outcome] = strings.Count(l, "█")
			}
		}
	}
	for _, s := range rep.Scores {
		if s.Points > 0 && bars[s.Outcome] == 0 {
			t.Errorf("%s has %d points but no bar", s.Outcome, s.Points)
		}
		if s.Points <= 0 && bars[s.Outcome] != 0 {
			t.Errorf("%s has %d points but a bar of %d", s.Outcome, s.Points, bars[s.Outcome])
		}
		if s.Outcome != rep.Leader && bars[s.Outcome] > bars[rep.Leader] {
			t.Errorf("%s's bar is longer than the leader's: %v", s.Outcome, bars)
		}
	}
}
