package tui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/jewelguide/jewelguide/quiz"
)

// Limits for what the assistant types. A reference names a file and a
// log line, so it stays short; a note is a reminder, not a record.
const (
	refLimit  = 40
	noteLimit = 200
)

// editForm is the reference and note being typed. The values reach the
// consultation only on enter, so esc leaves the earlier ones untouched.
type editForm struct {
	ref, note textinput.Model
	// focus is 0 for the reference, 1 for the note.
	focus int
}

// openEdit shows the edit screen with the current reference and note.
func (m Model) openEdit() Model {
	m.edit = editForm{ref: m.newInput(refLimit, m.ref), note: m.newInput(noteLimit, m.note)}
	m.screen = screenEdit
	m.edit.setFocus(0)
	m.layoutEdit()
	return m
}

func (m Model) newInput(limit int, value string) textinput.Model {
	ti := textinput.New()
	ti.CharLimit = limit
	// The field would read the clipboard itself on ctrl+v, text that
	// never passes the filter in updateEdit; the terminal's own paste
	// arrives as keys and does.
	ti.KeyMap.Paste.SetEnabled(false)
	// A steady cursor needs no blink timer, and frames stay the same from
	// one run to the next.
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.Cursor.Style = m.styles.InputCursor
	ti.Cursor.TextStyle = m.styles.Text
	ti.TextStyle = m.styles.Text
	ti.PromptStyle = m.styles.Cursor
	ti.SetValue(value)
	return ti
}

// setFocus moves the typing to field i and marks it with the prompt, so
// the focused field shows even without colour. The other field shows its
// beginning, which is what identifies a long value.
func (f *editForm) setFocus(i int) {
	f.focus = i
	for n, ti := range []*textinput.Model{&f.ref, &f.note} {
		if n == i {
			ti.Prompt = "> "
			ti.Focus()
			ti.CursorEnd()
		} else {
			ti.Prompt = "  "
			ti.Blur()
			ti.CursorStart()
		}
	}
}

// layoutEdit sizes the fields to the window. It runs in Update, on resize
// and when the screen opens.
func (m *Model) layoutEdit() {
	if m.screen != screenEdit {
		return
	}
	// The field draws its prompt (2), the text and one cell of cursor.
	w := max(1, m.inner()-3)
	for _, ti := range []*textinput.Model{&m.edit.ref, &m.edit.note} {
		ti.Width = w
		// The field works out which part of a long value shows only when
		// the cursor leaves that part, not when the width changes. Setting
		// the value afresh makes it measure again from the end, and moving
		// the cursor back then scrolls to it.
		pos, v := ti.Position(), ti.Value()
		ti.SetValue("")
		ti.SetValue(v)
		ti.SetCursor(pos)
	}
}

func (m Model) updateEdit(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Field):
		m.edit.setFocus(1 - m.edit.focus)
		return m, nil
	case key.Matches(msg, m.keys.Keep):
		m.ref = strings.TrimSpace(m.edit.ref.Value())
		m.note = strings.TrimSpace(m.edit.note.Value())
		return m.closeEdit(), nil
	case key.Matches(msg, m.keys.Cancel):
		return m.closeEdit(), nil
	}
	if msg.Type == tea.KeyRunes {
		// Pasted text may carry escape sequences; they go into the field
		// as visible \x1b and so on, and can never reach the terminal.
		msg.Runes = []rune(quiz.Inert(string(msg.Runes)))
	}
	var cmd tea.Cmd
	if m.edit.focus == 0 {
		m.edit.ref, cmd = m.edit.ref.Update(msg)
	} else {
		m.edit.note, cmd = m.edit.note.Update(msg)
	}
	return m, cmd
}

func (m Model) closeEdit() Model {
	m.edit = editForm{}
	m.screen = screenResult
	return m
}

func (m Model) viewEdit() string {
	w, st := m.inner(), m.styles
	top := wrapStyled("Customer reference and note", w, "", "", st.Heading)
	intro := wrapStyled("Both stay on the result until the next customer. A saved handout shows both; the log keeps only the reference.", w, "", "", st.Subtle)
	field := func(label string, ti textinput.Model, limit int) []string {
		head := fmt.Sprintf("%s (%d/%d)", label, utf8.RuneCountInString(ti.Value()), limit)
		return append(wrapStyled(head, w, "", "", st.Title), ti.View())
	}
	ref := field("Reference", m.edit.ref, refLimit)
	note := field("Note", m.edit.note, noteLimit)
	mid := joinBlocks(intro, ref, note)
	// Keep the focused field's label and input in view in a short window.
	b := len(intro) + len(ref)
	if m.edit.focus == 1 {
		b = len(mid) - 1
	}
	return m.frame(top, mid, b-1, b, m.bottom())
}
