package tui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jewelguide/jewelguide/quiz"
)

// fitStates are the screens worth drawing at every size: each screen, with
// the longest texts the default guide has switched on.
func fitStates(t *testing.T) map[string]Model {
	m := newModel(t, Options{})
	done := press(t, m, allStudio...)
	result := press(t, done, "enter")
	// The counter's states: a long reference and note kept, and a failed
	// save with a long error; the edit screen with each field focused.
	long := press(t, result, "e")
	long = typeText(t, long, strings.Repeat("Smith-Jones ", 4))
	long = press(t, long, "tab")
	long = typeText(t, long, strings.Repeat("wants yellow gold, ring size N, back on Saturday. ", 4))
	counter := press(t, long, "enter")
	counter, _ = send(t, counter, savedMsg{serial: counter.serial, rep: counter.report,
		err: errors.New("cannot save the handout /srv/shop/handouts/2026-11-27-1432-smith-jones.md: permission denied")})
	return map[string]Model{
		"result-counter":   counter,
		"result-counter-2": press(t, counter, "end", "?"),
		"edit-note":        long,
		"edit-ref":         press(t, long, "tab"),
		"edit-empty":       press(t, result, "e"),
		"welcome":          m,
		"welcome-resume":   newModel(t, Options{Answers: quiz.Answers{"use": {"party"}}}),
		"question-first":   press(t, m, "enter"),
		"question-why":     press(t, m, "enter", "w", "end", "down", "down", "down", "down"),
		"question-help":    press(t, m, "enter", "3", "?"),
		"multi-notice":     press(t, m, "enter", "3", "3", "3", "1", "2", "3", "w"),
		"changing":         press(t, done, "up", "enter", "w"),
		"review":           done,
		"review-after":     press(t, result, "r"),
		"review-help":      press(t, done, "?"),
		"result-top":       result,
		"result-bottom":    press(t, result, "end"),
		"result-help":      press(t, result, "?"),
		"confirm-quit":     press(t, m, "enter", "3", "q"),
		"back-from-review": press(t, newModel(t, Options{Answers: quiz.Answers{"use": {"party"}}}), "enter", "3", "3", "enter", "left"),
		"question-cursor":  press(t, m, "enter", "up"),
	}
}

func TestFramesFitEverySize(t *testing.T) {
	for name, m := range fitStates(t) {
		for w := 20; w <= 160; w += 7 {
			for h := 6; h <= 60; h += 5 {
				s := resize(t, m, w, h)
				where := fmt.Sprintf("%s %dx%d", name, w, h)
				checkFit(t, s, where)
				v := screenText(s)
				if w < minWidth || h < minHeight {
					if !strings.Contains(strings.Join(strings.Fields(v), " "), fmt.Sprintf("need at least 40×12, have %d×%d", w, h)) {
						t.Errorf("%s: no too-small message:\n%s", where, v)
					}
					continue
				}
				if n := strings.Count(v, "\n") + 1; n != h {
					t.Errorf("%s: %d lines, want the full height", where, n)
				}
				// Whatever the size, the essentials stay on screen.
				if s.asking == askQuit {
					mustContain(t, v, "Quit? Your answers")
				}
				switch s.screen {
				case screenQuestion:
					mustContain(t, v, fmt.Sprintf("Question %d of 4", s.q+1), "> ")
				case screenReview:
					mustContain(t, v, "> ")
				case screenResult:
					mustContain(t, v, "lines ", "Resume code ")
					if s.status != "" {
						mustContain(t, v, "Not saved", "Ref: Smith", "Note: wants")
					}
				case screenWelcome:
					mustContain(t, v, "Press enter to start")
				case screenEdit:
					mustContain(t, v, "> ", "esc cancel")
				}
				if !s.help.ShowAll && s.asking == askNone && s.screen != screenEdit {
					mustContain(t, v, "quit", "? more")
				}
				if t.Failed() {
					t.FailNow() // one broken layout is enough to read
				}
			}
		}
	}
}

func TestWindowPreservesCursorOption(t *testing.T) {
	lines := make([]string, 20)
	for i := range lines {
		lines[i] = fmt.Sprint(i)
	}
	cases := []struct {
		h, a, b    int
		first, end string
	}{
		{h: 5, a: 0, b: 0, first: "0", end: "below"},
		{h: 5, a: 10, b: 11, first: "above", end: "below"},
		{h: 5, a: 19, b: 19, first: "above", end: "19"},
		{h: 2, a: 7, b: 7, first: "6", end: "7"},
		{h: 30, a: 7, b: 7, first: "0", end: "19"},
	}
	for _, c := range cases {
		got := window(lines, c.h, c.a, c.b, "above", "below")
		if len(got) > c.h || got[0] != c.first || got[len(got)-1] != c.end {
			t.Errorf("window(h=%d, %d..%d) = %v", c.h, c.a, c.b, got)
		}
		joined := " " + strings.Join(got, " ") + " "
		for i := c.a; i <= c.b; i++ {
			if !strings.Contains(joined, fmt.Sprintf(" %d ", i)) {
				t.Errorf("window(h=%d, %d..%d) = %v hides line %d", c.h, c.a, c.b, got, i)
			}
		}
	}
}
