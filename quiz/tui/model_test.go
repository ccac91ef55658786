package tui

import (
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/jewelguide/jewelguide/quiz"
)

func TestWelcomeScreen(t *testing.T) {
	m := newModel(t, Options{})
	v := screenText(m)
	mustContain(t, v, "Fixture guide", "Test Shop · A fixture for the interface tests", "4 short questions", "Press enter to start", "enter start", "q/esc quit")
	if m.screen != screenWelcome {
		t.Fatalf("screen = %s, want welcome", m.screen)
	}
	m = press(t, m, "enter")
	mustContain(t, screenText(m), "Question 1 of 4", "What is it for?", "> ( ) 1. Daily wear")
}

func TestBackGoesToPreviousQuestion(t *testing.T) {
	m := press(t, newModel(t, Options{}), "enter")
	mustContain(t, screenText(m), "← back")
	// On the first question ← goes back to the welcome screen.
	for _, k := range []string{"left", "backspace", "shift+tab"} {
		w := press(t, m, k)
		if w.screen != screenWelcome {
			t.Errorf("%s on the first question went to %s, want welcome", k, w.screen)
		}
	}

	m = press(t, m, "3", "2")
	mustContain(t, screenText(m), "Question 3 of 4", "← back")
	for _, k := range []string{"left", "backspace", "shift+tab"} {
		back := press(t, m, k)
		v := screenText(back)
		mustContain(t, v, "Question 2 of 4", "> (•) 2. Somewhere in the middle")
	}
	m = press(t, m, "left", "left")
	v := screenText(m)
	mustContain(t, v, "Question 1 of 4", "> (•) 3. A big moment")
	// Going back keeps the answers given on the way, also on the welcome
	// screen, which says so.
	m = press(t, m, "left")
	mustContain(t, screenText(m), "2 of 4 already answered")
	if got := m.Outcome().Answers; !reflect.DeepEqual(got, quiz.Answers{"use": {"moment"}, "spend": {"mid"}}) {
		t.Errorf("answers after going back = %v", got)
	}
}

func TestArrowsAndEnterChoose(t *testing.T) {
	m := press(t, newModel(t, Options{}), "enter", "down", "j", "up", "down", "down")
	mustContain(t, screenText(m), "> ( ) 4. A show piece")
	m = press(t, m, "k", "enter")
	mustContain(t, screenText(m), "Question 2 of 4")
	if got := m.answers["use"]; !reflect.DeepEqual(got, []string{"moment"}) {
		t.Errorf("use = %v, want [moment]", got)
	}
	// The cursor wraps round from the first option to the last.
	m = press(t, m, "up")
	mustContain(t, screenText(m), "> ( ) 3. Happy to spend")
}

func TestDigitsPickAndAdvance(t *testing.T) {
	m := press(t, newModel(t, Options{}), "enter", "5")
	if got := m.answers["use"]; !reflect.DeepEqual(got, []string{"fad"}) {
		t.Fatalf("use = %v, want [fad]", got)
	}
	mustContain(t, screenText(m), "Question 2 of 4")
	m = press(t, m, "9")
	mustContain(t, screenText(m), "Question 2 of 4", "There is no option 9: pick 1-3.")
	if _, ok := m.answers["spend"]; ok {
		t.Error("an out-of-range digit answered the question")
	}
	// The notice goes with the next key.
	mustNotContain(t, screenText(press(t, m, "down")), "There is no option")
	// Space on a single-choice question says what to press instead.
	sp := press(t, m, "space")
	mustContain(t, screenText(sp), "This question takes one answer")
	if sp.screen != screenQuestion || sp.q != 1 || len(sp.answers) != 1 {
		t.Errorf("space on a single-choice question acted: screen %s question %d", sp.screen, sp.q+1)
	}
}

func TestRunOfTypedDigitsActsKeyByKey(t *testing.T) {
	m := press(t, newModel(t, Options{}), "enter")
	m, _ = send(t, m, burst("33"))
	mustContain(t, screenText(m), "Question 3 of 4")
	if got := m.answers["spend"]; !reflect.DeepEqual(got, []string{"high"}) {
		t.Errorf("spend = %v, want [high]", got)
	}
	// A held key acts once per repeat, however many arrive at once.
	held, _ := send(t, press(t, newModel(t, Options{}), "enter"), burst("jjjj"))
	mustContain(t, screenText(held), "> ( ) 5. A passing fad")
}

func TestMultiSelectLimit(t *testing.T) {
	m := press(t, newModel(t, Options{}), "enter", "3", "3", "3")
	v := screenText(m)
	mustContain(t, v, "Question 4 of 4", "Ticked: 0 of at most 2.", "[ ] 1. Talking with", "space/1-9 tick", "enter confirm")
	// The guide's prompt says how many; our line does not say it again.
	if n := strings.Count(strings.ToLower(v), "choose up to"); n != 1 {
		t.Errorf("the limit is said %d times:\n%s", n, v)
	}
	m = press(t, m, "1", "2", "3")
	v = screenText(m)
	mustContain(t, v, "[x] 1. Talking with", "[x] 2. Keeping its value", "> [ ] 3. A matching set", "Choose at most 2: untick one first.", "Ticked: 2 of")
	// Space toggles the option under the cursor: untick 2, tick 3.
	m = press(t, m, "up", "space", "down", "space")
	v = screenText(m)
	mustContain(t, v, "[ ] 2. Keeping", "> [x] 3. A matching set")
	mustNotContain(t, v, "hoose at most")
	// Leaving with ← drops unconfirmed ticks.
	back := press(t, m, "left", "3")
	mustContain(t, screenText(back), "[ ] 1. Talking with", "[ ] 3. A matching")
	m = press(t, m, "enter")
	if m.screen != screenReview {
		t.Fatalf("enter on the last question went to %s, want review", m.screen)
	}
	if got := m.answers["extras"]; !reflect.DeepEqual(got, []string{"talk", "set"}) {
		t.Errorf("extras = %v, want [talk set]", got)
	}
	mustContain(t, strings.Join(strings.Fields(screenText(m)), " "), "4. Extras: Talking with the maker, A matching set")
}

func TestMultiSelectConfirmedEmpty(t *testing.T) {
	m := press(t, newModel(t, Options{}), "enter", "3", "3", "3", "enter")
	if m.screen != screenReview {
		t.Fatalf("screen = %s, want review", m.screen)
	}
	got, ok := m.Outcome().Answers["extras"]
	if !ok || len(got) != 0 {
		t.Errorf("extras = %v (present %v), want present and empty", got, ok)
	}
	mustContain(t, screenText(m), "Extras: none of these")
}

func TestWhyWeAsk(t *testing.T) {
	m := press(t, newModel(t, Options{}), "enter")
	mustNotContain(t, screenText(m), "Why we ask")
	m = press(t, m, "w")
	mustContain(t, screenText(m), "Why we ask: The use decides how long", "w why")
	m = press(t, m, "w")
	mustNotContain(t, screenText(m), "Why we ask")
}

func TestReviewAndChangeAnswer(t *testing.T) {
	m := press(t, newModel(t, Options{}), allStudio...)
	v := screenText(m)
	mustContain(t, v, "Your answers", "4 of 4 answered", "1. Use: A big moment", "3. Last: For ever", "> See result", "enter see result")
	// Up from "See result" wraps to the last question, then up to Last.
	m = press(t, m, "up", "up")
	mustContain(t, screenText(m), "> 3. Last", "enter change")
	m = press(t, m, "enter")
	v = screenText(m)
	mustContain(t, v, "Question 3 of 4", "Last (changing your answer)", "> (•) 3. For ever", "←/esc cancel")
	m = press(t, m, "1")
	if m.screen != screenReview {
		t.Fatalf("answering from the review went to %s, want review", m.screen)
	}
	mustContain(t, screenText(m), "> 3. Last: A season")

	// ← while changing an answer returns to the review with nothing changed.
	m = press(t, m, "enter", "down", "left")
	mustContain(t, screenText(m), "> 3. Last: A season")
	// ← on the review goes to the last question.
	mustContain(t, screenText(press(t, m, "left")), "Question 4 of 4")

	// A digit on the review opens that question for a change.
	j := press(t, m, "2")
	if j.screen != screenQuestion || j.q != 1 || !j.fromReview {
		t.Fatalf("2 on the review: screen %s question %d from review %v", j.screen, j.q+1, j.fromReview)
	}
	mustContain(t, screenText(j), "Spend (changing your answer)")
	bad := press(t, m, "7")
	mustContain(t, screenText(bad), "There is no question 7: pick 1-4.")
	if bad.screen != screenReview {
		t.Errorf("7 on the review went to %s", bad.screen)
	}
}

func TestResultShowsVerdict(t *testing.T) {
	m := press(t, newModel(t, Options{}), allStudio...)
	m = press(t, m, "enter")
	if m.screen != screenResult || !m.Outcome().Completed {
		t.Fatalf("screen %s completed %v, want result and completed", m.screen, m.Outcome().Completed)
	}
	v := screenText(m)
	mustContain(t, v, "your result", "Studio piece", "Strong lead: ", "Points", "Studio piece █", "Why", "lines 1-", "r review", "q quit")
	// The checklist is a part of its own.
	m = press(t, m, "3")
	v = screenText(m)
	mustContain(t, v, "From a studio", "Find makers at a fair.", "[ ] Ask about returns")
	mustNotContain(t, v, "more below")
	m = press(t, m, "1", "home", "pgdown", "pgup", "j", "k")
	mustContain(t, screenText(m), "Strong lead: ")
}

func TestResultUpdatesAfterChangeFromReview(t *testing.T) {
	m := press(t, newModel(t, Options{}), allStudio...)
	m = press(t, m, "enter", "r")
	if m.screen != screenReview {
		t.Fatalf("r went to %s, want review", m.screen)
	}
	mustContain(t, screenText(m), "Result now: Studio piece")
	// Change every answer to the shelf side, one question at a time.
	for i, d := range []string{"5", "1", "1"} {
		m = press(t, reviewRow(t, m, i), "enter", d)
	}
	m = press(t, reviewRow(t, m, 3), "enter", "1", "2", "3", "enter")
	v := screenText(m)
	mustContain(t, v, "Result now: Shelf piece", "1. Use: A passing fad")
	m = press(t, reviewRow(t, m, len(m.guide.Questions)), "enter")
	v = screenText(m)
	mustContain(t, v, "Shelf piece", "Strong lead: ")
	if got := m.Outcome().Answers["spend"]; !reflect.DeepEqual(got, []string{"low"}) {
		t.Errorf("spend = %v", got)
	}
}

func TestStartAnswers(t *testing.T) {
	full := quiz.Answers{"use": {"party"}, "spend": {"mid"}, "last": {"years"}, "extras": {"talk"}}
	m := newModel(t, Options{Answers: full})
	if m.screen != screenReview {
		t.Fatalf("complete start answers opened %s, want review", m.screen)
	}
	mustContain(t, screenText(m), "1. Use: A party", "> See result")

	partial := quiz.Answers{"use": {"party"}, "spend": {"no-such"}, "nope": {"x"}, "extras": {"talk", "value", "set"}}
	m = newModel(t, Options{Answers: partial})
	if m.screen != screenWelcome {
		t.Fatalf("partial start answers opened %s, want welcome", m.screen)
	}
	mustContain(t, screenText(m), "2 of 4 already answered")
	want := quiz.Answers{"use": {"party"}, "extras": {"talk", "value"}}
	if got := m.Outcome().Answers; !reflect.DeepEqual(got, want) {
		t.Errorf("cleaned start answers = %v, want %v", got, want)
	}
	m = press(t, m, "enter")
	mustContain(t, screenText(m), "Question 2 of 4")
	// The caller's map is not changed by answering.
	press(t, m, "1")
	if _, ok := partial["last"]; ok || len(partial["spend"]) != 1 {
		t.Error("the start answers were modified")
	}
}

func TestNoColorKeepsOnlyAttributes(t *testing.T) {
	defer lipglossProfile(t)()
	m := press(t, newModel(t, Options{NoColor: true}), allStudio...)
	for _, s := range []Model{m, press(t, m, "enter"), press(t, m, "up", "enter")} {
		// NO_COLOR takes the colours away, not bold and the like.
		if v := s.View(); hasColour(v) || !strings.Contains(v, "\x1b[1m") {
			t.Errorf("NoColor frame on %s has colour, or lost its bold: %q", s.screen, v)
		}
	}
	// With colour on, the shop's accent reaches the headings.
	c := press(t, newModel(t, Options{}), allStudio...)
	c = press(t, c, "enter")
	if v := c.View(); !strings.Contains(v, "38;2;176;125;43") {
		t.Errorf("accent #b07d2b missing from a colour frame: %q", v[:min(200, len(v))])
	}
}

// reviewRow moves the review cursor to row with the arrow keys.
func reviewRow(t *testing.T, m Model, row int) Model {
	t.Helper()
	for i := 0; m.cursor != row; i++ {
		if i > 20 {
			t.Fatalf("cannot reach review row %d", row)
		}
		m = press(t, m, "down")
	}
	return m
}

// lipglossProfile switches the default renderer to true colour for one
// test and returns the function that switches it back.
func lipglossProfile(t *testing.T) func() {
	t.Helper()
	lipgloss.SetColorProfile(termenv.TrueColor)
	return func() { lipgloss.SetColorProfile(termenv.Ascii) }
}

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

// isQuitSeq reports whether cmd, a single command or a sequence or batch
// of them, ends in tea.Quit.
func isQuitSeq(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	msg := cmd()
	if _, ok := msg.(tea.QuitMsg); ok {
		return true
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		for i := 0; i < v.Len(); i++ {
			if c, _ := v.Index(i).Interface().(tea.Cmd); isQuitSeq(c) {
				return true
			}
		}
	}
	return false
}
