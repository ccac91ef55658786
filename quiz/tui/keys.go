package tui

import (
	"fmt"
	"slices"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Every key is declared once, in the key map of the screen it works on,
// with the help text it always shows (huh's keymap.go is the model).
// Update matches against these bindings and the help line is the screen's
// own key map, so the help offers exactly what works. A binding that only
// applies sometimes (enter "see result" on the review's last row) is
// switched on and off by syncKeys, never reworded.

// upKeys and downKeys are the two directions of a Move or Scroll binding.
var (
	upKeys   = []string{"up", "k"}
	downKeys = []string{"down", "j"}
)

// digitKeys are the keys that pick, tick or jump to a numbered row.
var digitKeys = []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}

// step is -1 for a key of upKeys and +1 otherwise, for a Move binding.
func step(msg tea.KeyMsg) int {
	if slices.Contains(upKeys, msg.String()) {
		return -1
	}
	return 1
}

func moveBinding(desc string) key.Binding {
	return key.NewBinding(key.WithKeys(append(slices.Clone(upKeys), downKeys...)...), key.WithHelp("↑↓", desc))
}

func helpBinding() key.Binding {
	return key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more"))
}

func quitBinding() key.Binding {
	return key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit"))
}

func killBinding() key.Binding {
	return key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit now"))
}

// keyMap holds one key map per screen; ctrl+c (Kill) works everywhere.
type keyMap struct {
	Kill     key.Binding
	Welcome  welcomeKeys
	Question questionKeys
	Review   reviewKeys
	Result   resultKeys
	Edit     editKeys
	Confirm  confirmKeys
	TooSmall tooSmallKeys
}

func newKeyMap() keyMap {
	return keyMap{
		Kill: killBinding(),
		Welcome: welcomeKeys{
			Start: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start")),
			// Only here does esc quit: nothing can be lost or cancelled.
			Quit: key.NewBinding(key.WithKeys("q", "esc"), key.WithHelp("q/esc", "quit")),
			Help: helpBinding(), Kill: killBinding(),
		},
		Question: questionKeys{
			Move:    moveBinding("move"),
			Pick:    key.NewBinding(key.WithKeys(digitKeys...), key.WithHelp("1-9", "pick")),
			Tick:    key.NewBinding(key.WithKeys(append([]string{" "}, digitKeys...)...), key.WithHelp("space/1-9", "tick")),
			Choose:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
			Confirm: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "confirm")),
			Back:    key.NewBinding(key.WithKeys("left", "backspace", "shift+tab"), key.WithHelp("←", "back")),
			// Changing an answer from the review is cancelled like the
			// reference and note are: with esc as well as ←.
			Cancel: key.NewBinding(key.WithKeys("left", "backspace", "shift+tab", "esc"), key.WithHelp("←/esc", "cancel")),
			Why:    key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "why")),
			Quit:   quitBinding(), Help: helpBinding(), Kill: killBinding(),
		},
		Review: reviewKeys{
			Move:      moveBinding("move"),
			Jump:      key.NewBinding(key.WithKeys(digitKeys...), key.WithHelp("1-9", "change")),
			Change:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "change")),
			SeeResult: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "see result")),
			Back:      key.NewBinding(key.WithKeys("left", "backspace", "shift+tab"), key.WithHelp("←", "last question")),
			Quit:      quitBinding(), Help: helpBinding(), Kill: killBinding(),
		},
		Result: resultKeys{
			Part:     key.NewBinding(key.WithKeys(digitKeys[:numParts]...), key.WithHelp(fmt.Sprintf("1-%d", numParts), "part")),
			Scroll:   moveBinding("scroll"),
			PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up")),
			PageDown: key.NewBinding(key.WithKeys("pgdown", "f", " "), key.WithHelp("pgdn/f/space", "page down")),
			Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/g", "top")),
			Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", "bottom")),
			Review:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "review")),
			Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "ref/note")),
			Save:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save")),
			Next:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next customer")),
			Quit:     quitBinding(), Help: helpBinding(), Kill: killBinding(),
		},
		Edit: editKeys{
			Field:   key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "other field")),
			Newline: key.NewBinding(key.WithKeys("alt+enter"), key.WithHelp("alt+enter", "new line")),
			Keep:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep")),
			Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
			Kill:    killBinding(),
		},
		Confirm: confirmKeys{
			Yes:  key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
			No:   key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n/esc", "no")),
			Kill: killBinding(),
		},
		TooSmall: tooSmallKeys{Quit: quitBinding(), Kill: killBinding()},
	}
}

// welcomeKeys work on the welcome screen.
type welcomeKeys struct{ Start, Quit, Help, Kill key.Binding }

// ShortHelp is the help line.
func (k welcomeKeys) ShortHelp() []key.Binding { return []key.Binding{k.Start, k.Quit, k.Help} }

// FullHelp is the ? view.
func (k welcomeKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Start}, {k.Quit, k.Kill, k.Help}}
}

// questionKeys work on a question. Pick and Choose apply to a
// single-choice question, Tick and Confirm to a multi-select one; Back
// goes to the previous question (or the welcome screen), Cancel replaces
// it while an answer is changed from the review.
type questionKeys struct {
	Move, Pick, Tick, Choose, Confirm, Back, Cancel, Why, Quit, Help, Kill key.Binding
}

// ShortHelp is the help line.
func (k questionKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Move, k.Pick, k.Tick, k.Choose, k.Confirm, k.Back, k.Cancel, k.Why, k.Quit, k.Help}
}

// FullHelp is the ? view.
func (k questionKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Move, k.Pick, k.Tick}, {k.Choose, k.Confirm, k.Back, k.Cancel}, {k.Why, k.Quit, k.Kill, k.Help}}
}

// reviewKeys work on the review of the answers.
type reviewKeys struct {
	Move, Jump, Change, SeeResult, Back, Quit, Help, Kill key.Binding
}

// ShortHelp is the help line.
func (k reviewKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Move, k.Jump, k.Change, k.SeeResult, k.Back, k.Quit, k.Help}
}

// FullHelp is the ? view.
func (k reviewKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Move, k.Jump}, {k.Change, k.SeeResult, k.Back}, {k.Quit, k.Kill, k.Help}}
}

// resultKeys work on the result.
type resultKeys struct {
	Part, Scroll, PageUp, PageDown, Top, Bottom, Review, Edit, Save, Next, Quit, Help, Kill key.Binding
}

// ShortHelp is the help line; scrolling is in the full help, so the line
// fits 80 columns.
func (k resultKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Part, k.Review, k.Edit, k.Save, k.Next, k.Quit, k.Help}
}

// CompactHelp is the help line of the result in a short window, which
// needs its rows for the report.
func (k resultKeys) CompactHelp() []key.Binding { return []key.Binding{k.Part, k.Quit, k.Help} }

// FullHelp is the ? view.
func (k resultKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Part, k.Scroll, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Review, k.Edit, k.Save, k.Next},
		{k.Quit, k.Kill, k.Help},
	}
}

// editKeys work while a reference or note is typed: every other key is
// text there, q and ? included.
type editKeys struct{ Field, Newline, Keep, Cancel, Kill key.Binding }

// ShortHelp is the help line.
func (k editKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Field, k.Newline, k.Keep, k.Cancel}
}

// FullHelp is the same as the help line: the edit screen has no ? view.
func (k editKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// confirmKeys answer a yes/no question drawn over the screen.
type confirmKeys struct{ Yes, No, Kill key.Binding }

// ShortHelp is the help line.
func (k confirmKeys) ShortHelp() []key.Binding { return []key.Binding{k.Yes, k.No} }

// FullHelp is the same as the help line.
func (k confirmKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// tooSmallKeys are all that act while the window is too small to draw
// the screen: keys typed blind would change what nobody can see.
type tooSmallKeys struct{ Quit, Kill key.Binding }

// ShortHelp is the help line.
func (k tooSmallKeys) ShortHelp() []key.Binding { return []key.Binding{k.Quit} }

// FullHelp is the same as the help line.
func (k tooSmallKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Quit, k.Kill}} }

// screenKeys is the key map in charge now: the question drawn over the
// screen, if one is asked, else the screen's own.
func (m Model) screenKeys() help.KeyMap {
	switch {
	case m.asking != askNone:
		return m.keys.Confirm
	case m.tooSmall():
		return m.keys.TooSmall
	}
	switch m.screen {
	case screenQuestion:
		return m.keys.Question
	case screenReview:
		return m.keys.Review
	case screenResult:
		return m.keys.Result
	case screenEdit:
		return m.keys.Edit
	}
	return m.keys.Welcome
}

// syncKeys switches on the bindings that apply to the state on screen,
// so the help never offers a key that does nothing.
func (m *Model) syncKeys() {
	qk := &m.keys.Question
	if m.screen == screenQuestion {
		qu := m.guide.Questions[m.q]
		multi := qu.Multi()
		qk.Pick.SetEnabled(!multi)
		qk.Choose.SetEnabled(!multi)
		qk.Tick.SetEnabled(multi)
		qk.Confirm.SetEnabled(multi)
		qk.Back.SetEnabled(!m.fromReview)
		qk.Cancel.SetEnabled(m.fromReview)
		qk.Why.SetEnabled(qu.Why != "")
	}
	rk := &m.keys.Review
	onResultRow := m.cursor >= len(m.guide.Questions)
	rk.Change.SetEnabled(!onResultRow)
	rk.SeeResult.SetEnabled(onResultRow)
	// A customer served in public keeps nothing on the server.
	m.keys.Result.Edit.SetEnabled(!m.public)
	m.keys.Result.Save.SetEnabled(!m.public)
	m.keys.Edit.Newline.SetEnabled(m.edit.focus == 1)
	m.layoutHelp()
}
