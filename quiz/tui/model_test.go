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
	mustContain(t, v, "Handmade or factory-made?", "jewelguide · A short quiz", "7 short questions", "Press enter to start", "enter start", "q/esc quit")
	if m.screen != screenWelcome {
		t.Fatalf("screen = %s, want welcome", m.screen)
	}
	m = press(t, m, "enter")
	mustContain(t, screenText(m), "Question 1 of 7", "What is the piece for?", "> ( ) 1. Everyday wear")
}

func TestBackGoesToPreviousQuestion(t *testing.T) {
	m := press(t, newModel(t, Options{}), "enter")
	first := screenText(m)
	mustNotContain(t, first, "← back")
	for _, k := range []string{"left", "backspace", "shift+tab"} {
		if got := screenText(press(t, m, k)); got != first {
			t.Errorf("%s on the first question changed the screen:\n%s", k, got)
		}
	}

	m = press(t, m, "3", "2")
	mustContain(t, screenText(m), "Question 3 of 7", "← back")
	for _, k := range []string{"left", "backspace", "shift+tab"} {
		back := press(t, m, k)
		v := screenText(back)
		mustContain(t, v, "Question 2 of 7", "> (•) 2. A sensible middle")
	}
	m = press(t, m, "left", "left")
	v := screenText(m)
	mustContain(t, v, "Question 1 of 7", "> (•) 3. A milestone")
	mustNotContain(t, v, "← back")
	// Going back keeps the answers given on the way.
	if got := m.Outcome().Answers; !reflect.DeepEqual(got, quiz.Answers{"occasion": {"milestone"}, "budget": {"moderate"}}) {
		t.Errorf("answers after going back = %v", got)
	}
}

func TestArrowsAndEnterChoose(t *testing.T) {
	m := press(t, newModel(t, Options{}), "enter", "down", "j", "up", "down", "down")
	mustContain(t, screenText(m), "> ( ) 4. A statement piece")
	m = press(t, m, "k", "enter")
	mustContain(t, screenText(m), "Question 2 of 7")
	if got := m.answers["occasion"]; !reflect.DeepEqual(got, []string{"milestone"}) {
		t.Errorf("occasion = %v, want [milestone]", got)
	}
	// The cursor wraps round from the first option to the last.
	m = press(t, m, "up")
	mustContain(t, screenText(m), "> ( ) 3. Happy to invest")
}

func TestDigitsPickAndAdvance(t *testing.T) {
	m := press(t, newModel(t, Options{}), "enter", "5")
	if got := m.answers["occasion"]; !reflect.DeepEqual(got, []string{"trend"}) {
		t.Fatalf("occasion = %v, want [trend]", got)
	}
	mustContain(t, screenText(m), "Question 2 of 7")
	m = press(t, m, "9")
	mustContain(t, screenText(m), "Question 2 of 7", "there is no option 9; pick 1-3")
	if _, ok := m.answers["budget"]; ok {
		t.Error("an out-of-range digit answered the question")
	}
	// The notice goes with the next key.
	mustNotContain(t, screenText(press(t, m, "down")), "there is no option")
}

func TestRunOfTypedDigitsActsKeyByKey(t *testing.T) {
	m := press(t, newModel(t, Options{}), "enter", "33")
	mustContain(t, screenText(m), "Question 3 of 7")
	if got := m.answers["budget"]; !reflect.DeepEqual(got, []string{"invest"}) {
		t.Errorf("budget = %v, want [invest]", got)
	}
}

func TestMultiSelectLimit(t *testing.T) {
	m := press(t, newModel(t, Options{}), "enter", "3", "3", "3", "3", "3", "3")
	v := screenText(m)
	mustContain(t, v, "Question 7 of 7", "Choose up to 2 (0 ticked)", "[ ] 1. Talking with", "space/1-9 tick", "enter confirm")
	m = press(t, m, "1", "2", "3")
	v = screenText(m)
	mustContain(t, v, "[x] 1. Talking with", "[x] 2. A piece that may hold", "> [ ] 3. Buying a matching set", "choose at most 2", "(2 ticked)")
	// Space toggles the option under the cursor: untick 2, tick 3.
	m = press(t, m, "up", "space", "down", "space")
	v = screenText(m)
	mustContain(t, v, "[ ] 2. A piece", "> [x] 3. Buying a matching set")
	mustNotContain(t, v, "choose at most")
	// Leaving with ← drops unconfirmed ticks.
	back := press(t, m, "left", "3")
	mustContain(t, screenText(back), "[ ] 1. Talking with", "[ ] 3. Buying")
	m = press(t, m, "enter")
	if m.screen != screenReview {
		t.Fatalf("enter on the last question went to %s, want review", m.screen)
	}
	if got := m.answers["extras"]; !reflect.DeepEqual(got, []string{"meet-maker", "matching-set"}) {
		t.Errorf("extras = %v, want [meet-maker matching-set]", got)
	}
	mustContain(t, strings.Join(strings.Fields(screenText(m)), " "), "7. What else matters: Talking with the person who makes it, Buying a matching set")
}

func TestMultiSelectConfirmedEmpty(t *testing.T) {
	m := press(t, newModel(t, Options{}), "enter", "3", "3", "3", "3", "3", "3", "enter")
	if m.screen != screenReview {
		t.Fatalf("screen = %s, want review", m.screen)
	}
	got, ok := m.Outcome().Answers["extras"]
	if !ok || len(got) != 0 {
		t.Errorf("extras = %v (present %v), want present and empty", got, ok)
	}
	mustContain(t, screenText(m), "What else matters: none of these")
}

func TestWhyWeAsk(t *testing.T) {
	m := press(t, newModel(t, Options{}), "enter")
	mustNotContain(t, screenText(m), "Why we ask")
	m = press(t, m, "w")
	mustContain(t, screenText(m), "Why we ask: The occasion decides how much meaning", "w hide why")
	m = press(t, m, "w")
	mustNotContain(t, screenText(m), "Why we ask")
}

func TestReviewAndChangeAnswer(t *testing.T) {
	m := press(t, newModel(t, Options{}), allHandcrafted...)
	v := screenText(m)
	mustContain(t, v, "Your answers", "7 of 7 answered", "1. Occasion: A milestone", "3. Lifespan: Long enough to pass on", "> See result")
	// Up from "See result" wraps to the last question, then up to lifespan.
	m = press(t, m, "up", "up", "up", "up", "up")
	mustContain(t, screenText(m), "> 3. Lifespan")
	m = press(t, m, "enter")
	v = screenText(m)
	mustContain(t, v, "Question 3 of 7", "Lifespan (changing your answer)", "> (•) 3. Long enough to pass on", "←/esc cancel")
	m = press(t, m, "1")
	if m.screen != screenReview {
		t.Fatalf("answering from the review went to %s, want review", m.screen)
	}
	v = screenText(m)
	mustContain(t, v, "> 3. Lifespan: A season or two")

	// ← while changing an answer returns to the review with nothing changed.
	m = press(t, m, "enter", "down", "left")
	mustContain(t, screenText(m), "> 3. Lifespan: A season or two")
	// ← on the review goes to the last question.
	mustContain(t, screenText(press(t, m, "left")), "Question 7 of 7")
}

func TestResultShowsVerdict(t *testing.T) {
	m := press(t, newModel(t, Options{}), allHandcrafted...)
	m = press(t, m, "enter")
	if m.screen != screenResult || !m.Outcome().Completed {
		t.Fatalf("screen %s completed %v, want result and completed", m.screen, m.Outcome().Completed)
	}
	v := screenText(m)
	mustContain(t, v, "your result", "Handcrafted", "Strength: strong", "Points", "Handcrafted   █", "Why", "lines 1-", "r review", "q quit")
	// The checklist is further down: scroll to the end.
	m = press(t, m, "end")
	v = screenText(m)
	mustContain(t, v, "When you buy handmade", "Find makers at craft markets", "[ ] Ask about returns")
	mustNotContain(t, v, "↓ for more")
	m = press(t, m, "home", "pgdown", "pgup", "j", "k")
	mustContain(t, screenText(m), "Strength: strong")
}

func TestResultUpdatesAfterChangeFromReview(t *testing.T) {
	m := press(t, newModel(t, Options{}), allHandcrafted...)
	m = press(t, m, "enter", "r")
	if m.screen != screenReview {
		t.Fatalf("r went to %s, want review", m.screen)
	}
	mustContain(t, screenText(m), "Result now: Handcrafted")
	// Change every answer to the factory side, one question at a time.
	for i, d := range []string{"5", "1", "1", "1", "1", "1"} {
		m = press(t, reviewRow(t, m, i), "enter", d)
	}
	m = press(t, reviewRow(t, m, 6), "enter", "1", "2", "3", "4", "enter")
	v := screenText(m)
	mustContain(t, v, "Result now: Mass-produced", "1. Occasion: Trying a trend")
	m = press(t, reviewRow(t, m, len(m.guide.Questions)), "enter")
	v = screenText(m)
	mustContain(t, v, "Mass-produced", "Strength: strong")
	mustNotContain(t, v, "\nHandcrafted\n")
	if got := m.Outcome().Answers["budget"]; !reflect.DeepEqual(got, []string{"lowest"}) {
		t.Errorf("budget = %v", got)
	}
}

func TestStartAnswers(t *testing.T) {
	full := quiz.Answers{
		"occasion": {"gift"}, "budget": {"moderate"}, "lifespan": {"years"}, "ethics": {"nice-to-have"},
		"personalization": {"light"}, "character": {"either"}, "extras": {"meet-maker"},
	}
	m := newModel(t, Options{Answers: full})
	if m.screen != screenReview {
		t.Fatalf("complete start answers opened %s, want review", m.screen)
	}
	mustContain(t, screenText(m), "1. Occasion: A gift that should mean something", "> See result")

	partial := quiz.Answers{"occasion": {"gift"}, "budget": {"no-such"}, "nope": {"x"}, "extras": {"meet-maker", "hold-value", "matching-set"}}
	m = newModel(t, Options{Answers: partial})
	if m.screen != screenWelcome {
		t.Fatalf("partial start answers opened %s, want welcome", m.screen)
	}
	mustContain(t, screenText(m), "2 of 7 already answered")
	want := quiz.Answers{"occasion": {"gift"}, "extras": {"meet-maker", "hold-value"}}
	if got := m.Outcome().Answers; !reflect.DeepEqual(got, want) {
		t.Errorf("cleaned start answers = %v, want %v", got, want)
	}
	m = press(t, m, "enter")
	mustContain(t, screenText(m), "Question 2 of 7")
	// The caller's map is not changed by answering.
	press(t, m, "1")
	if _, ok := partial["lifespan"]; ok || len(partial["budget"]) != 1 {
		t.Error("the start answers were modified")
	}
}

func TestNoColorHasNoEscapes(t *testing.T) {
	defer lipglossProfile(t)()
	m := press(t, newModel(t, Options{NoColor: true}), allHandcrafted...)
	for _, s := range []Model{m, press(t, m, "enter"), press(t, m, "up", "enter")} {
		if v := s.View(); strings.Contains(v, "\x1b") {
			t.Errorf("NoColor frame on %s has an escape code: %q", s.screen, v)
		}
	}
	// With colour on, the shop's accent reaches the headings.
	c := press(t, newModel(t, Options{}), allHandcrafted...)
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
