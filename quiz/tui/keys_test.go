package tui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// keyStates are one model per key map and per binding that is only
// sometimes on, for the tests that hold each screen's help to what its
// keys do.
func keyStates(t *testing.T) map[string]Model {
	m := newModel(t, Options{})
	review := press(t, m, allStudio...)
	result := press(t, review, "enter")
	return map[string]Model{
		"welcome":         m,
		"question-single": press(t, m, "enter", "3"),
		"question-multi":  press(t, m, "enter", "3", "3", "3", "1"),
		"question-change": press(t, review, "up", "up", "enter"),
		"review-question": press(t, review, "up"),
		"review-result":   review,
		"result":          press(t, resize(t, result, 80, 13), "j", "j"),
		"edit-ref":        press(t, result, "e"),
		"edit-note":       press(t, result, "e", "tab"),
		"confirm-quit":    press(t, m, "enter", "3", "q"),
		"confirm-next":    press(t, typeText(t, press(t, result, "e"), "Smith"), "enter", "n"),
		"too-small":       resize(t, press(t, m, "enter", "3"), 30, 8),
	}
}

// helpKeyMsg is the key message for one of a binding's keys.
func helpKeyMsg(k string) tea.KeyMsg {
	switch k {
	case " ":
		return keyMsg("space")
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	}
	return keyMsg(k)
}

// effects says, for each help text, what pressing the key must have done.
var effects = map[string]func(before, after Model, cmd tea.Cmd) bool{
	"start": func(b, a Model, _ tea.Cmd) bool { return a.screen == screenQuestion },
	"quit":  func(b, a Model, cmd tea.Cmd) bool { return isQuit(cmd) || a.asking == askQuit },
	"more":  func(b, a Model, _ tea.Cmd) bool { return a.help.ShowAll != b.help.ShowAll },
	"move":  func(b, a Model, _ tea.Cmd) bool { return a.cursor != b.cursor },
	"pick": func(b, a Model, _ tea.Cmd) bool {
		return a.q != b.q || a.screen != b.screen || strings.HasPrefix(a.notice, "There is no option")
	},
	"tick": func(b, a Model, _ tea.Cmd) bool { return !reflect.DeepEqual(a.ticks, b.ticks) || a.notice != "" },
	"choose": func(b, a Model, _ tea.Cmd) bool {
		_, ok := a.answers[b.guide.Questions[b.q].ID]
		return ok && (a.q == b.q+1 || a.screen == screenReview)
	},
	"confirm": func(b, a Model, _ tea.Cmd) bool {
		_, ok := a.answers["extras"]
		return a.screen == screenReview && ok
	},
	"back": func(b, a Model, _ tea.Cmd) bool {
		return (a.screen == screenQuestion && a.q == b.q-1) || (b.q == 0 && a.screen == screenWelcome)
	},
	"cancel": func(b, a Model, _ tea.Cmd) bool {
		return (a.screen == screenReview && reflect.DeepEqual(a.answers, b.answers)) ||
			(b.screen == screenEdit && a.screen == screenResult && a.ref == b.ref)
	},
	"why": func(b, a Model, _ tea.Cmd) bool { return a.showWhy != b.showWhy },
	"change": func(b, a Model, _ tea.Cmd) bool {
		return a.fromReview || strings.HasPrefix(a.notice, "There is no question")
	},
	"see result": func(b, a Model, _ tea.Cmd) bool {
		return a.screen == screenResult
	},
	"last question": func(b, a Model, _ tea.Cmd) bool { return a.screen == screenQuestion && a.q == len(a.guide.Questions)-1 },
	"part":          func(b, a Model, _ tea.Cmd) bool { return a.part != b.part || a.part == partVerdict },
	"scroll":        func(b, a Model, _ tea.Cmd) bool { return a.vp.YOffset != b.vp.YOffset },
	"page up":       func(b, a Model, _ tea.Cmd) bool { return a.vp.YOffset < b.vp.YOffset },
	"page down":     func(b, a Model, _ tea.Cmd) bool { return a.vp.YOffset > b.vp.YOffset },
	"top":           func(b, a Model, _ tea.Cmd) bool { return a.vp.YOffset == 0 && b.vp.YOffset > 0 },
	"bottom":        func(b, a Model, _ tea.Cmd) bool { return a.vp.AtBottom() && !b.vp.AtBottom() },
	"review":        func(b, a Model, _ tea.Cmd) bool { return a.screen == screenReview },
	"ref/note":      func(b, a Model, _ tea.Cmd) bool { return a.screen == screenEdit },
	"save":          func(b, a Model, cmd tea.Cmd) bool { return cmd != nil && a.savingFor == a.report },
	"next customer": func(b, a Model, _ tea.Cmd) bool { return a.screen == screenWelcome && len(a.answers) == 0 },
	"other field":   func(b, a Model, _ tea.Cmd) bool { return a.edit.focus != b.edit.focus },
	"new line":      func(b, a Model, _ tea.Cmd) bool { return strings.Contains(a.edit.note.Value(), "\n") },
	"keep":          func(b, a Model, _ tea.Cmd) bool { return a.screen == screenResult },
	"yes": func(b, a Model, cmd tea.Cmd) bool {
		return isQuit(cmd) || (b.asking == askNext && a.screen == screenWelcome && a.ref == "")
	},
	"no":       func(b, a Model, cmd tea.Cmd) bool { return a.asking == askNone && !a.quitting && cmd == nil },
	"quit now": func(b, a Model, cmd tea.Cmd) bool { return isQuit(cmd) && a.interrupted },
}

// enabledBindings lists the bindings of the key map in charge that are on.
func enabledBindings(m Model) []key.Binding {
	var out []key.Binding
	for _, g := range m.screenKeys().FullHelp() {
		for _, b := range g {
			if b.Enabled() {
				out = append(out, b)
			}
		}
	}
	return out
}

// TestEveryKeyInTheHelpDoesWhatItSays presses every key of every binding
// the help shows, on every screen, and checks the effect its help names.
func TestEveryKeyInTheHelpDoesWhatItSays(t *testing.T) {
	for name, m := range keyStates(t) {
		bs := enabledBindings(m)
		if len(bs) == 0 {
			t.Errorf("%s: no keys in the help", name)
		}
		for _, b := range bs {
			h := b.Help()
			effect, ok := effects[h.Desc]
			if !ok {
				t.Errorf("%s: the help offers %q, which this test does not know", name, h.Key+" "+h.Desc)
				continue
			}
			for _, k := range b.Keys() {
				after, cmd := m.Update(helpKeyMsg(k))
				if h.Desc == "part" && after.(Model).part != resultPart(k[0]-'1') {
					t.Errorf("%s: %q did not show part %s", name, k, k)
				}
				if !effect(m, after.(Model), cmd) {
					t.Errorf("%s: %q is in the help as %q, but did not do it", name, k, h.Key+" "+h.Desc)
				}
			}
		}
	}
}

// candidateKeys are every key a person could press: printable ASCII and
// the named keys.
func candidateKeys() []tea.KeyMsg {
	var out []tea.KeyMsg
	for r := '!'; r <= '~'; r++ {
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	for _, k := range []tea.KeyType{
		tea.KeySpace, tea.KeyEnter, tea.KeyEsc, tea.KeyTab, tea.KeyShiftTab, tea.KeyUp, tea.KeyDown,
		tea.KeyLeft, tea.KeyRight, tea.KeyHome, tea.KeyEnd, tea.KeyPgUp, tea.KeyPgDown,
		tea.KeyBackspace, tea.KeyDelete, tea.KeyCtrlC,
	} {
		out = append(out, tea.KeyMsg{Type: k})
	}
	return append(out, tea.KeyMsg{Type: tea.KeyEnter, Alt: true})
}

// fingerprint is everything a key can change, less the notice: a key that
// only explains why it does nothing is not handled.
func fingerprint(m Model) string {
	return fmt.Sprintf("%s|%d|%d|%d|%v|%v|%v|%v|%d|%d|%q|%q|%q|%q|%v|%v|%v",
		m.screen, m.asking, m.q, m.cursor, m.answers, m.ticks, m.showWhy, m.help.ShowAll, m.vp.YOffset,
		m.edit.focus, m.ref, m.note, m.edit.ref.Value(), m.edit.note.Value(), m.quitting, m.savingFor != nil, m.fromReview)
}

// TestEveryHandledKeyIsInTheHelp presses every key on every screen: one
// that changes anything must belong to a binding the help shows. (In the
// editor, keys that type or move within the text are the field's own and
// are not listed; only the keys that act on the screen are checked.)
func TestEveryHandledKeyIsInTheHelp(t *testing.T) {
	for name, m := range keyStates(t) {
		inHelp := map[string]bool{"ctrl+c": true} // quit now, in every full help
		for _, b := range enabledBindings(m) {
			for _, k := range b.Keys() {
				inHelp[k] = true
			}
		}
		before := fingerprint(m)
		for _, k := range candidateKeys() {
			if inHelp[k.String()] {
				continue
			}
			if m.screen == screenEdit && !m.tooSmall() && m.asking == askNone && k.Type != tea.KeyEnter && k.Type != tea.KeyEsc && k.Type != tea.KeyTab && k.Type != tea.KeyShiftTab {
				continue
			}
			after, cmd := m.Update(k)
			if fp := fingerprint(after.(Model)); fp != before || cmd != nil {
				t.Errorf("%s: %q acts (command %v) but is not in the help:\n%s\n%s", name, k.String(), cmd != nil, before, fp)
			}
		}
	}
}

// TestHelpLineFitsEightyColumns: the short help is one line at 80 columns
// on every screen, so "? more" is never left alone on a second line.
func TestHelpLineFitsEightyColumns(t *testing.T) {
	for name, m := range keyStates(t) {
		if m.tooSmall() {
			continue
		}
		m = resize(t, m, 80, 24)
		if m.help.ShowAll {
			continue
		}
		if len(m.helpLines) != 1 {
			t.Errorf("%s: the help takes %d lines at 80 columns: %q", name, len(m.helpLines), m.helpLines)
		}
	}
}
