package tui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
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

// noteRows is how many rows the note field shows: a note at its limit
// wraps to three at 80 columns, and a few line breaks still fit.
const noteRows = 5

// editForm is the reference and note being typed. The values reach the
// consultation only on enter, so esc leaves the earlier ones untouched.
type editForm struct {
	ref  textinput.Model
	note textarea.Model
	// focus is 0 for the reference, 1 for the note.
	focus int
}

// openEdit shows the edit screen with the current reference and note.
func (m Model) openEdit() Model {
	m.edit = editForm{ref: m.newRef(m.ref, len([]rune(m.ref))), note: m.newNote(m.note, len([]rune(m.note)))}
	m.screen = screenEdit
	m.edit.setFocus(0)
	m.layoutEdit()
	return m
}

// newRef is a reference field holding value with the cursor at rune pos.
// Bubble Tea's fields keep their text in slices that copies of the field
// share, so the model makes a new field, rather than change one an
// earlier copy of the model may still hold.
func (m Model) newRef(value string, pos int) textinput.Model {
	ti := textinput.New()
	ti.CharLimit = refLimit
	// The field would read the clipboard itself on ctrl+v: on a shared or
	// served machine, the wrong clipboard. The terminal's own paste
	// arrives as keys and passes the filter in updateEdit.
	ti.KeyMap.Paste.SetEnabled(false)
	// A steady cursor needs no blink timer, and frames stay the same from
	// one run to the next.
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.Cursor.Style = m.styles.InputCursor
	ti.Cursor.TextStyle = m.styles.Text
	ti.TextStyle = m.styles.Text
	ti.PromptStyle = m.styles.Cursor
	ti.Width = m.fieldWidth()
	ti.SetValue(value)
	ti.SetCursor(pos)
	return ti
}

// newNote is a note field holding value with the cursor after rune pos
// (see newRef for why it is new each time).
func (m Model) newNote(value string, pos int) textarea.Model {
	ta := textarea.New()
	ta.CharLimit = noteLimit
	ta.ShowLineNumbers = false
	ta.KeyMap.Paste.SetEnabled(false)
	// enter keeps the note, as it keeps the reference; alt+enter is the
	// new line (Newline in editKeys, passed on to the field).
	ta.KeyMap.InsertNewline.SetKeys("alt+enter")
	ta.Cursor.SetMode(cursor.CursorStatic)
	ta.Cursor.Style = m.styles.InputCursor
	st := textarea.Style{Text: m.styles.Text, CursorLine: m.styles.Text, Placeholder: m.styles.Subtle, Prompt: m.styles.Cursor}
	ta.FocusedStyle, ta.BlurredStyle = st, st
	ta.Prompt = "  "
	ta.SetWidth(m.fieldWidth() + 2)
	ta.SetHeight(noteRows)
	runes := []rune(value)
	pos = min(max(0, pos), len(runes))
	ta.InsertString(string(runes[:pos]))
	if rest := runes[pos:]; len(rest) > 0 {
		// Insert the rest, then walk the cursor back over it: the field
		// has no way to place its cursor at an offset directly.
		ta.InsertString(string(rest))
		ta.Focus()
		for range rest {
			ta, _ = ta.Update(tea.KeyMsg{Type: tea.KeyLeft})
		}
		ta.Blur()
	}
	return ta
}

// notePos is the note field's cursor as a rune offset into its value.
func notePos(ta textarea.Model) int {
	lines := strings.Split(ta.Value(), "\n")
	row := min(ta.Line(), len(lines)-1)
	pos := 0
	for _, l := range lines[:row] {
		pos += utf8.RuneCountInString(l) + 1
	}
	li := ta.LineInfo()
	return pos + li.StartColumn + li.ColumnOffset
}

// fieldWidth is the width of a field's text: the window's, less the
// prompt (2) and one cell of cursor.
func (m Model) fieldWidth() int { return max(1, m.inner()-3) }

// setFocus moves the typing to field i and marks it with the prompt, so
// the focused field shows even without colour. The reference shows its
// beginning when it has not the focus: that is what identifies it.
func (f *editForm) setFocus(i int) {
	f.focus = i
	if i == 0 {
		f.ref.Prompt = "> "
		f.ref.Focus()
		f.ref.CursorEnd()
		f.note.SetPromptFunc(2, func(int) string { return "  " })
		f.note.Blur()
	} else {
		f.ref.Prompt = "  "
		f.ref.Blur()
		f.ref.CursorStart()
		focusNote(&f.note)
	}
}

// focusNote gives the note the focus, marked by "> " on its first line.
func focusNote(ta *textarea.Model) {
	ta.SetPromptFunc(2, func(line int) string {
		if line == 0 {
			return "> "
		}
		return "  "
	})
	ta.Focus()
}

// layoutEdit sizes the fields to the window. It runs in Update, on resize
// and when the screen opens.
func (m *Model) layoutEdit() {
	if m.screen != screenEdit {
		return
	}
	focus := m.edit.focus
	m.edit.ref = m.newRef(m.edit.ref.Value(), m.edit.ref.Position())
	m.edit.note = m.newNote(m.edit.note.Value(), notePos(m.edit.note))
	m.edit.setFocus(focus)
	if focus == 0 {
		// setFocus put the cursor at the end; keep it where it was.
		m.edit.ref.SetCursor(m.edit.ref.Position())
	}
}

func (m Model) updateEdit(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys.Edit
	// Bubble Tea's fields, and key.Matches, match keys by name, so a
	// typed word that spells one ("enter", "home") would act instead of
	// appearing. Typed text is inserted here; only real keys act.
	text := msg.Type == tea.KeySpace || (msg.Type == tea.KeyRunes && !msg.Alt)
	switch {
	case text:
	case key.Matches(msg, k.Field):
		m.edit.setFocus(1 - m.edit.focus)
		return m, nil
	case key.Matches(msg, k.Keep):
		ref, note := strings.TrimSpace(m.edit.ref.Value()), strings.TrimSpace(m.edit.note.Value())
		if (ref != m.ref || note != m.note) && m.savingFor == nil && !m.statusErr {
			// "Saved" or "Already saved to" was about the handout of the
			// old text; the next s writes a new one. A save under way
			// and a failure still report on it.
			m.status, m.saveAgain = "", false
		}
		m.ref, m.note = ref, note
		return m.closeEdit(), nil
	case key.Matches(msg, k.Cancel):
		return m.closeEdit(), nil
	}
	if m.edit.focus == 0 {
		ti := m.newRef(m.edit.ref.Value(), m.edit.ref.Position())
		ti.Focus()
		if text {
			// Pasted text may carry escape sequences; they go in as
			// visible \x1b and so on, and can never reach the terminal.
			ins := []rune(quiz.Inert(string(msg.Runes)))
			v, pos := []rune(ti.Value()), ti.Position()
			ins = ins[:min(len(ins), refLimit-len(v))]
			ti.SetValue(string(v[:pos]) + string(ins) + string(v[pos:]))
			ti.SetCursor(pos + len(ins))
		} else {
			ti, _ = ti.Update(msg)
		}
		ti.Prompt = "> "
		m.edit.ref = ti
		return m, nil
	}
	ta := m.newNote(m.edit.note.Value(), notePos(m.edit.note))
	focusNote(&ta)
	if text {
		ta.InsertString(inertLines(string(msg.Runes)))
	} else {
		ta, _ = ta.Update(msg)
	}
	m.edit.note = ta
	return m, nil
}

// inertLines is s made inert line by line, keeping its line breaks: a
// pasted note may span lines.
func inertLines(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = quiz.Inert(l)
	}
	return strings.Join(lines, "\n")
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
	head := func(label string, value string, limit int) []string {
		n := utf8.RuneCountInString(value)
		s := fmt.Sprintf("%s (%d/%d)", label, n, limit)
		if left := limit - n; left <= limit/5 {
			// Say so before the limit cuts typing off, not after.
			s = fmt.Sprintf("%s (%d/%d: %d left)", label, n, limit, left)
		}
		return wrapStyled(s, w, "", "", st.Title)
	}
	ref := append(head("Reference", m.edit.ref.Value(), refLimit), m.edit.ref.View())
	noteLines := strings.Split(m.edit.note.View(), "\n")
	note := append(head("Note", m.edit.note.Value(), noteLimit), noteLines...)
	mid := joinBlocks(intro, ref, note)
	// Keep the focused field's label and input in view in a short window.
	a, b := len(intro)+1, len(intro)+len(ref)
	if m.edit.focus == 1 {
		a, b = len(mid)-len(note), len(mid)-1
	}
	return m.frame(top, mid, a, b, m.bottom())
}
