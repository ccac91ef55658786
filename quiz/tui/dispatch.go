package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// burstIgnored is the notice for typed text that arrived where keys are
// expected.
const burstIgnored = "Typed text ignored: keys act one at a time here."

// Update handles one message: the window size, keys for the current
// screen, and the replies of the idle timer and of file writes.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layoutEdit()
		m.syncKeys()
		m.layoutResult()
		return m, nil
	case tea.KeyMsg:
		return m.updateKeyMsg(msg)
	case idleMsg:
		return m.updateIdle(msg)
	case warnMsg:
		return m.updateWarn(msg)
	case savedMsg:
		return m.updateSaved(msg)
	case loggedMsg:
		return m.updateLogged(msg)
	}
	return m, nil
}

func (m Model) updateKeyMsg(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	// Any key means someone is at the counter: start the idle countdown
	// again. The older timer still fires, but its generation no longer
	// matches and it is ignored.
	m.idleGen++
	if m.warning && (msg.Type == tea.KeyRunes || !key.Matches(msg, m.keys.Kill)) {
		// The warning asked for any key; that is all this key does.
		m.warning, m.notice = false, ""
		m.syncKeys()
		m.layoutResult()
		return m, m.idleTick()
	}
	var cmd tea.Cmd
	switch {
	case m.screen == screenEdit && m.asking == askNone && !m.tooSmall():
		// In the editor every burst is text, whatever it spells.
		m, cmd = m.updateOneKey(msg)
	case msg.Type == tea.KeyRunes && len(msg.Runes) > 1:
		m, cmd = m.updateRunes(msg)
	default:
		m, cmd = m.updateOneKey(msg)
	}
	return m, tea.Batch(cmd, m.idleTick())
}

// updateRunes handles a burst of typed characters outside the editor.
// Bubble Tea v1 delivers runes that arrive in one read as one message:
// a held key, two quick keys, but also a pasted or scanned word, whose
// letters must not run as commands ("end" would open the editor and type
// "nd"). One repeated key and a pair act key by key; anything longer is
// text that landed in the wrong place, and a notice says it was ignored.
func (m Model) updateRunes(msg tea.KeyMsg) (Model, tea.Cmd) {
	if len(msg.Runes) > 2 && !repeated(msg.Runes) {
		m.notice = burstIgnored
		m.layoutResult()
		return m, nil
	}
	var cmds []tea.Cmd
	for _, r := range msg.Runes {
		k := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}
		if r == ' ' {
			k.Type = tea.KeySpace
		}
		var cmd tea.Cmd
		m, cmd = m.updateOneKey(k)
		cmds = append(cmds, cmd)
		if m.quitting {
			break
		}
	}
	return m, tea.Sequence(cmds...)
}

// repeated reports whether rs is one rune several times (a held key).
func repeated(rs []rune) bool {
	for _, r := range rs[1:] {
		if r != rs[0] {
			return false
		}
	}
	return true
}

func (m Model) updateOneKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	m, cmd := m.updateKey(msg)
	// The help's height depends on the keys, and the viewport's on the
	// help, so the result is laid out after the keys are settled.
	m.syncKeys()
	m.layoutResult()
	return m, cmd
}

func (m Model) updateKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	if msg.Type != tea.KeyRunes && key.Matches(msg, m.keys.Kill) {
		m.interrupted, m.quitting = true, true
		return m, tea.Quit
	}
	if m.quitting {
		// Waiting for a handout or log line to be written before exit.
		return m, nil
	}
	m.notice = ""
	if m.asking != askNone {
		return m.updateConfirm(msg)
	}
	if m.tooSmall() {
		if key.Matches(msg, m.keys.TooSmall.Quit) {
			return m.askQuit()
		}
		return m, nil
	}
	switch m.screen {
	case screenWelcome:
		return m.updateWelcome(msg)
	case screenQuestion:
		return m.updateQuestion(msg)
	case screenReview:
		return m.updateReview(msg)
	case screenResult:
		return m.updateResult(msg)
	case screenEdit:
		return m.updateEdit(msg)
	}
	return m, nil
}

// toggleHelp is the ? key of every screen that has one.
func (m Model) toggleHelp() Model {
	m.help.ShowAll = !m.help.ShowAll
	return m
}

// askQuit quits at once when nothing would be lost (no answers yet, or the
// result was reached and will be printed, with no reference or note left
// unsaved); otherwise it asks first.
func (m Model) askQuit() (Model, tea.Cmd) {
	if (m.completed || len(m.answers) == 0) && !m.unsavedText() {
		return m.quit()
	}
	m.asking = askQuit
	return m, nil
}

func (m Model) updateConfirm(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys.Confirm
	switch {
	case key.Matches(msg, k.Yes):
		ask := m.asking
		m.asking = askNone
		if ask == askNext {
			return m.nextCustomer()
		}
		return m.quit()
	case key.Matches(msg, k.No):
		m.asking = askNone
	}
	return m, nil
}

// quit ends the run. Quitting ends the consultation too, so a completed
// one is logged first; the program stops once that and any handout still
// being saved are written, so no file is cut off half-way.
func (m Model) quit() (Model, tea.Cmd) {
	m.quitting = true
	cmd := m.logCmd()
	if m.inflight == 0 {
		return m, tea.Quit
	}
	return m, cmd
}

func (m Model) tooSmall() bool {
	return m.width < minWidth || m.height < minHeight
}
