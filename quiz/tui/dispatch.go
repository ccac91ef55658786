package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Update handles one message: the window size, keys for the current
// screen, and the replies of the idle timer and of file writes.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layoutHelp()
		m.layoutEdit()
		m.layoutResult()
		return m, nil
	case tea.KeyMsg:
		var cmd tea.Cmd
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && m.screen != screenEdit {
			m, cmd = m.updateRunes(msg)
		} else {
			m, cmd = m.updateOneKey(msg)
		}
		// Any key means someone is at the counter: start the idle
		// countdown again. The older timer still fires, but its
		// generation no longer matches and it is ignored.
		m.idleGen++
		return m, tea.Batch(cmd, m.idleTick())
	case idleMsg:
		return m.updateIdle(msg)
	case savedMsg:
		return m.updateSaved(msg)
	case loggedMsg:
		return m.updateLogged(msg)
	}
	return m, nil
}

// updateRunes splits a burst of typed characters into single keys. Bubble
// Tea v1 delivers runes that arrive in one read as one message ("w3"),
// which happens with fast typing, over ssh and with scripted input; each
// must still act as its own key. Once a key opens the edit screen, the
// rest of the burst is typed into its field, as it would be key by key.
func (m Model) updateRunes(msg tea.KeyMsg) (Model, tea.Cmd) {
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

func (m Model) updateOneKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	m, cmd := m.updateKey(msg)
	// The help's height depends on the keys, and the viewport's on the
	// help, so the result is laid out after the keys are settled.
	m.syncKeys()
	m.layoutResult()
	return m, cmd
}

func (m Model) updateKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	if key.Matches(msg, m.keys.Kill) {
		m.interrupted, m.quitting = true, true
		return m, tea.Quit
	}
	if m.quitting {
		// Waiting for a handout or log line to be written before exit.
		return m, nil
	}
	m.notice = ""
	if m.screen == screenEdit {
		// While a field has focus every other key is text: q, n, s and
		// digits type themselves instead of acting.
		if m.tooSmall() && !key.Matches(msg, m.keys.Cancel) {
			return m, nil
		}
		return m.updateEdit(msg)
	}
	if key.Matches(msg, m.keys.Help) {
		m.help.ShowAll = !m.help.ShowAll
		return m, nil
	}
	if key.Matches(msg, m.keys.Quit) {
		return m.askQuit()
	}
	if m.tooSmall() && m.screen != screenConfirmQuit {
		// Keys typed blind would change answers nobody can see.
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
	case screenConfirmQuit:
		return m.updateConfirm(msg)
	}
	return m, nil
}

// askQuit quits at once when nothing would be lost (no answers yet, or the
// result was reached and will be printed); otherwise it asks first.
func (m Model) askQuit() (Model, tea.Cmd) {
	if m.completed || len(m.answers) == 0 {
		return m.quit()
	}
	m.back, m.screen = m.screen, screenConfirmQuit
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
