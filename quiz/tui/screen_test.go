package tui

import (
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/jewelguide/jewelguide/quiz"
)

func TestQuitConfirmation(t *testing.T) {
	m := press(t, newModel(t, Options{}), "enter", "3")
	asked := press(t, m, "q")
	v := screenText(asked)
	mustContain(t, v, "Quit? Your answers will be lost.", "y yes", "n/esc no")
	// The question is drawn over the screen, which stays in view.
	mustContain(t, v, "Question 2 of 4", "How much to spend?", "1. As little as possible")
	mustNotContain(t, v, "? more")
	for _, k := range []string{"n", "esc"} {
		stay := press(t, asked, k)
		if stay.screen != screenQuestion || stay.quitting || stay.asking != askNone {
			t.Fatalf("%s: screen %s quitting %v", k, stay.screen, stay.quitting)
		}
		mustContain(t, screenText(stay), "Question 2 of 4", "q quit")
		mustNotContain(t, screenText(stay), "Quit?")
	}
	// Other keys do nothing while the question is asked.
	if still := press(t, asked, "1"); still.asking != askQuit || len(still.answers) != 1 {
		t.Errorf("1 during the quit question: asking %v answers %v", still.asking, still.answers)
	}
	next, cmd := asked.Update(keyMsg("y"))
	quit := next.(Model)
	if !isQuit(cmd) || !quit.quitting {
		t.Fatal("y did not quit")
	}
	out := quit.Outcome()
	if out.Completed || out.Interrupted || !reflect.DeepEqual(out.Answers, quiz.Answers{"use": {"moment"}}) {
		t.Errorf("outcome = %+v", out)
	}
	// q then y in one read acts as two keys.
	if _, cmd := send(t, m, burst("qy")); !isQuitSeq(cmd) {
		t.Error("the burst qy did not quit")
	}
}

func TestQuitAtOnceWhenNothingIsLost(t *testing.T) {
	// Nothing answered yet.
	_, cmd := newModel(t, Options{}).Update(keyMsg("q"))
	if !isQuit(cmd) {
		t.Error("q on the welcome screen asked instead of quitting")
	}
	// The result was reached: the report will be printed.
	m := press(t, newModel(t, Options{}), allStudio...)
	m = press(t, m, "enter", "r")
	next, cmd := m.Update(keyMsg("q"))
	if !isQuit(cmd) || !next.(Model).Outcome().Completed {
		t.Error("q after the result asked instead of quitting")
	}
}

func TestCtrlCQuitsAtOnce(t *testing.T) {
	for _, keys := range [][]string{{}, {"enter", "3"}, {"enter", "3", "q"}, allStudio} {
		m := press(t, newModel(t, Options{}), keys...)
		next, cmd := m.Update(keyMsg("ctrl+c"))
		out := next.(Model).Outcome()
		if !isQuit(cmd) || !out.Interrupted {
			t.Errorf("after %v: ctrl+c gave quit=%v outcome=%+v", keys, isQuit(cmd), out)
		}
		if next.(Model).View() != "" {
			t.Errorf("after %v: a frame is left behind after ctrl+c", keys)
		}
	}
}

// TestEscNeverQuitsMidConsultation: esc cancels where something can be
// cancelled and is no quit key anywhere but on the welcome screen, where
// nothing can be lost. It used to quit at once after the result was seen,
// even while an answer was being changed from the review.
func TestEscNeverQuitsMidConsultation(t *testing.T) {
	res := atResult(t, newModel(t, Options{}))
	changing := press(t, res, "r", "up", "up", "enter")
	if changing.screen != screenQuestion || !changing.fromReview {
		t.Fatalf("screen %s fromReview %v, want a question opened from the review", changing.screen, changing.fromReview)
	}
	mustContain(t, screenText(changing), "←/esc cancel", "q quit")
	picked := press(t, changing, "down") // moved, not chosen
	next, cmd := picked.Update(keyMsg("esc"))
	back := next.(Model)
	if isQuit(cmd) || back.quitting || back.screen != screenReview {
		t.Fatalf("esc while changing an answer: quit %v, screen %s; want the review", isQuit(cmd), back.screen)
	}
	if !reflect.DeepEqual(back.answers, res.answers) || back.cursor != changing.q {
		t.Errorf("esc changed the answers or lost the row: %v, cursor %d", back.answers, back.cursor)
	}

	// Elsewhere in a consultation esc does nothing at all.
	for name, m := range map[string]Model{
		"question": press(t, newModel(t, Options{}), "enter", "3"),
		"review":   press(t, res, "r"),
		"result":   res,
	} {
		next, cmd := m.Update(keyMsg("esc"))
		got := next.(Model)
		if isQuit(cmd) || got.quitting || got.screen != m.screen {
			t.Errorf("esc on the %s: quit %v, screen %s", name, isQuit(cmd), got.screen)
		}
		mustContain(t, screenText(got), "q quit")
		mustNotContain(t, screenText(got), "esc")
		mustNotContain(t, screenText(press(t, got, "?")), "esc")
	}

	// The welcome screen says esc quits, and it does.
	w := newModel(t, Options{})
	mustContain(t, screenText(w), "q/esc quit")
	if _, cmd := w.Update(keyMsg("esc")); !isQuit(cmd) {
		t.Error("esc on the welcome screen did not quit")
	}
}

func TestResizeRedraws(t *testing.T) {
	m := press(t, newModel(t, Options{}), "enter", "3", "3", "w")
	narrow := screenText(resize(t, m, 40, 30))
	wide := screenText(resize(t, m, 120, 30))
	why := "Why we ask: Pieces made and set by hand hold up for decades of wear"
	mustContain(t, wide, why)
	mustNotContain(t, narrow, why)
	mustContain(t, narrow, "Why we ask: Pieces made and set by")
	for _, v := range []string{narrow, wide} {
		if n := strings.Count(v, "\n") + 1; n != 30 {
			t.Errorf("frame has %d lines, want the window's 30", n)
		}
	}
	// A very wide window keeps lines to a readable length.
	for _, l := range strings.Split(screenText(resize(t, m, 160, 30)), "\n") {
		if w := ansi.StringWidth(l); w > maxText+1 {
			t.Errorf("line %d wide at 160 columns: %q", w, l)
		}
	}
	// The result viewport follows the window too.
	r := press(t, newModel(t, Options{}), allStudio...)
	r = press(t, r, "enter")
	r = resize(t, r, 60, 20)
	checkFit(t, r, "result after resize")
	if r.vp.Height+len(r.resultTabs())+len(r.resultBottom()) != 20 || r.vp.Width != 58 {
		t.Errorf("viewport %dx%d after resize to 60x20", r.vp.Width, r.vp.Height)
	}
}

func TestTinyWindow(t *testing.T) {
	m := resize(t, press(t, newModel(t, Options{}), "enter", "3"), 30, 8)
	v := screenText(m)
	mustContain(t, strings.Join(strings.Fields(v), " "), "Window too small: need at least 40×12, have 30×8")
	checkFit(t, m, "tiny")
	// Keys typed blind do nothing...
	m = press(t, m, "1", "enter")
	if _, ok := m.answers["spend"]; ok {
		t.Error("a key answered a question nobody could see")
	}
	// ...but quitting still works, including the question.
	m = press(t, m, "q")
	mustContain(t, strings.Join(strings.Fields(screenText(m)), " "), "Quit? Your answers will be lost. (y/n)")
	_, cmd := m.Update(keyMsg("y"))
	if !isQuit(cmd) {
		t.Error("y did not quit in a tiny window")
	}
	// Growing the window again shows the question where it was.
	mustContain(t, screenText(resize(t, press(t, m, "n"), 80, 24)), "Question 2 of 4")
}

func TestHelpToggle(t *testing.T) {
	m := press(t, newModel(t, Options{}), "enter", "3")
	short := screenText(m)
	mustContain(t, short, "↑↓ move", "1-9 pick", "enter choose", "← back", "w why", "q quit", "? more")
	mustNotContain(t, short, "ctrl+c")
	m = press(t, m, "?")
	full := screenText(m)
	mustContain(t, full, "↑↓", "move", "1-9", "pick", "enter", "choose", "←", "back", "w", "why", "?", "more", "q", "quit", "ctrl+c", "quit now")
	// Keys of other screens are not offered.
	mustNotContain(t, full, "r review", "pgup", "y yes", "tick", "confirm", "cancel")
	mustNotContain(t, screenText(press(t, m, "?")), "ctrl+c")
}

func TestCancelKeepsTheReviewRowWithOpenQuestions(t *testing.T) {
	// Two answers given, the rest open: the review would normally point at
	// the first open question, but cancelling a change returns to its row.
	m := newModel(t, Options{Answers: quiz.Answers{"use": {"party"}, "spend": {"high"}}, Review: true})
	if m.screen != screenReview {
		t.Fatalf("screen %s, want the review", m.screen)
	}
	changing := press(t, m, "up", "enter") // from the first open row (3) to row 2
	if changing.screen != screenQuestion || changing.q != 1 {
		t.Fatalf("screen %s question %d, want question 2", changing.screen, changing.q+1)
	}
	back := press(t, changing, "esc")
	if back.screen != screenReview || back.cursor != 1 {
		t.Errorf("after cancelling: screen %s, cursor %d; want the review on row 1", back.screen, back.cursor)
	}
}

func TestResultStaysAtTheEndWhenRowsAreTaken(t *testing.T) {
	res := resize(t, atResult(t, newModel(t, Options{})), 80, 16)
	end := press(t, res, "end")
	if end.vp.AtTop() {
		t.Fatal("the report fits the window; the test proves nothing")
	}
	if !end.vp.AtBottom() {
		t.Fatalf("end did not reach the bottom")
	}
	// The full help takes rows from the report; the end must stay in view.
	helped := press(t, end, "?")
	if !helped.vp.AtBottom() {
		t.Errorf("after ? the report no longer shows its end: %s", lastLine(screenText(helped)))
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}
