package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/jewelguide/jewelguide/quiz"
)

// TestResultFirstViewAndParts: at 80×24 the first view shows the verdict,
// its strength in words, the summary and the top three reasons without
// scrolling; each part is one key away and named in the help; the
// checklist part shows at least eight items.
func TestResultFirstViewAndParts(t *testing.T) {
	m := atResult(t, newModel(t, Options{}))
	v := screenText(m)
	rep := m.report
	mustContain(t, v, rep.Label, "Strong lead", "Go to a studio.", "1-4 part")
	for _, l := range rep.ReasonLines()[:3] {
		mustContain(t, v, l.Head+": "+l.Text)
	}
	mustContain(t, v, "[1 Result]", "2 Change it", "3 Checklist", "4 Answers")

	parts := map[string][]string{
		"2": {"[2 Change it]", "What would change it"},
		"3": {"[3 Checklist]", "Any piece", "From a studio", "Call the test shop."},
		"4": {"[4 Answers]", "Use: A big moment", "Extras: Talking with the maker, Keeping its value"},
	}
	for k, wants := range parts {
		p := press(t, m, k)
		mustContain(t, screenText(p), wants...)
		mustNotContain(t, screenText(p), "Why")
	}
	if n := strings.Count(screenText(press(t, m, "3")), "[ ] "); n < 8 {
		t.Errorf("the checklist part shows %d items at 80×24, want at least 8", n)
	}
	// A part opens at its top, and 1 goes back to the first view.
	back := press(t, m, "3", "end", "1")
	if back.part != partVerdict || !back.vp.AtTop() {
		t.Errorf("1 after the checklist: part %d at top %v", back.part, back.vp.AtTop())
	}
	// The next customer's result opens on the first part again.
	next := atResult(t, press(t, press(t, m, "4"), "n"))
	if next.part != partVerdict {
		t.Errorf("the next customer's result opened on part %d", next.part+1)
	}
}

// TestScrollPositionSaysAboveAndBelow: the line under the report says
// when there is more above and more below.
func TestScrollPositionSaysAboveAndBelow(t *testing.T) {
	m := resize(t, atResult(t, newModel(t, Options{})), 80, 14)
	mustContain(t, screenText(m), "more below")
	mustNotContain(t, screenText(m), "more above")
	mid := press(t, m, "j")
	mustContain(t, screenText(mid), "more above and below")
	end := press(t, m, "end")
	mustContain(t, screenText(end), "more above")
	mustNotContain(t, screenText(end), "more below")
}

// TestCloseCallIsNoContestant: the close-call outcome is the verdict of a
// close race, not a runner with 0 points in the points table.
func TestCloseCallIsNoContestant(t *testing.T) {
	g := fixtureGuide(t)
	close := quiz.NewReport(g, g.Evaluate(quiz.Answers{"use": {"daily"}, "spend": {"high"}}))
	if !close.Close {
		t.Fatal("the fixture answers are no close call")
	}
	clear := quiz.NewReport(g, g.Evaluate(quiz.Answers{"use": {"moment"}}))
	for _, rep := range []*quiz.Report{close, clear} {
		out := renderPart(rep, partVerdict, 78, NewStyles("", true))
		points := out[strings.Index(out, "Points"):]
		if strings.Contains(points, "Some of each") {
			t.Errorf("the close-call outcome is drawn as a contestant:\n%s", points)
		}
	}
	mustContain(t, renderPart(close, partVerdict, 78, NewStyles("", true)), "Some of each")
}

// TestSmallAndLargeWindows: at 40×12 every outcome and option label is
// readable whole (wrapped, not cut); at 200×60 no text line is wider
// than 100 columns.
func TestSmallAndLargeWindows(t *testing.T) {
	g := oddGuide(t)
	m := newModel(t, Options{Guide: g})
	q1 := press(t, m, "enter")
	result := press(t, q1, "1", "1", "1", "enter", "enter")
	if result.screen != screenResult {
		t.Fatalf("screen %s, want result", result.screen)
	}
	small := resize(t, result, 40, 12)
	var seen strings.Builder
	for i := 0; i < 40; i++ {
		seen.WriteString(screenText(small) + "\n")
		small = press(t, small, "j")
	}
	text := strings.Join(strings.Fields(seen.String()), " ")
	for _, s := range result.report.Scores {
		if s.Outcome != result.report.CloseCall || s.Points != 0 {
			mustContain(t, text, s.Label)
		}
	}
	mustNotContain(t, text, "…")

	// Every option of the long question, scrolled through at 40×12.
	qs := resize(t, q1, 40, 12)
	seen.Reset()
	for range g.Questions[0].Options {
		seen.WriteString(screenText(qs) + "\n")
		qs = press(t, qs, "down")
	}
	text = strings.Join(strings.Fields(seen.String()), " ")
	for _, op := range g.Questions[0].Options {
		mustContain(t, text, op.Label)
	}

	for name, s := range map[string]Model{"welcome": m, "question": q1, "result": result, "checklist": press(t, result, "3")} {
		big := resize(t, s, 200, 60)
		for i, l := range strings.Split(screenText(big), "\n") {
			if w := ansi.StringWidth(strings.TrimRight(l, " ")); w > maxText+1 {
				t.Errorf("%s at 200×60: line %d is %d wide", name, i, w)
			}
		}
	}
}
