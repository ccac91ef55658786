package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/jewelguide/jewelguide/quiz"
)

func (m Model) viewWelcome() string {
	w, st, g := m.inner(), m.styles, m.guide
	head := wrapStyled(quiz.Inert(g.Name), w, "", "", st.Heading)
	if g.Shop.Name != "" || g.Shop.Tagline != "" {
		shop := quiz.Inert(g.Shop.Name)
		if g.Shop.Tagline != "" {
			if shop != "" {
				shop += " · "
			}
			shop += quiz.Inert(g.Shop.Tagline)
		}
		head = append(head, wrapStyled(shop, w, "", "", st.Subtle)...)
	}
	intro := wrapStyled(fmt.Sprintf("%d short questions, then a recommendation with the reasons behind it and a checklist to take to the counter.", len(g.Questions)), w, "", "", st.Text)
	keys := wrapStyled("Pick with ↑/↓ and enter, or press an option's digit. ← goes back, w shows why we ask.", w, "", "", st.Subtle)
	var resume []string
	if n := len(m.answers); n > 0 {
		resume = wrapStyled(fmt.Sprintf("%d of %d already answered; enter carries on from there.", n, len(g.Questions)), w, "", "", st.Text)
	}
	start := wrapStyled("Press enter to start.", w, "", "", st.Button)
	bottom := m.bottom()
	// In a short window the key hints go first, then the introduction:
	// the title and how to start must always show.
	for _, drop := range []*[]string{nil, &keys, &intro} {
		if drop != nil {
			*drop = nil
		}
		mid := joinBlocks(head, intro, keys, resume, start)
		if len(mid)+len(bottom) <= m.height {
			break
		}
	}
	mid := joinBlocks(head, intro, keys, resume, start)
	return m.frame(nil, mid, 0, len(mid)-1, bottom)
}

// joinBlocks stacks non-empty blocks of lines with a blank line between.
func joinBlocks(blocks ...[]string) []string {
	var out []string
	for _, b := range blocks {
		if len(b) == 0 {
			continue
		}
		if out != nil {
			out = append(out, "")
		}
		out = append(out, b...)
	}
	return out
}

func (m Model) viewReview() string {
	w, st, g := m.inner(), m.styles, m.guide
	n := len(g.Questions)
	top := []string{
		ansi.Truncate(st.Heading.Render("Your answers"), w, "…"),
		st.Subtle.Render(ansi.Truncate(fmt.Sprintf("%d of %d answered · enter on a question changes it", len(m.answers), n), w, "…")),
	}
	if m.completed && m.report != nil {
		// Once the result has been seen, show it here too, so a changed
		// answer visibly changes the verdict before going back to it.
		top = append(top, wrapStyled("Result now: "+m.report.Headline(), w, "", "", st.Chosen)...)
	}
	top = append(top, "")
	var mid []string
	a, b := 0, 0
	for i, qu := range g.Questions {
		cur := "  "
		if i == m.cursor {
			cur = st.Cursor.Render("> ")
		}
		prefix := cur + fmt.Sprintf("%d. ", i+1)
		indent := pad(ansi.StringWidth(prefix))
		ans, ok := m.answers[qu.ID]
		text := quiz.Inert(qu.Title) + ": "
		if ok {
			text += qu.ChosenLabels(ans)
		} else {
			text += quiz.UnansweredLabel
		}
		style := st.Text
		if i == m.cursor {
			style = st.Chosen
		}
		if i == m.cursor {
			a = len(mid)
		}
		mid = append(mid, wrapStyled(text, w, prefix, indent, style)...)
		if i == m.cursor {
			b = len(mid) - 1
		}
	}
	mid = append(mid, "")
	cur := "  "
	if m.cursor == n {
		cur = st.Cursor.Render("> ")
		a, b = len(mid), len(mid)
	}
	mid = append(mid, cur+st.Button.Render("See result →"))
	return m.frame(top, mid, a, b, m.bottom())
}

func (m Model) viewResult() string {
	mid := strings.Split(m.vp.View(), "\n")
	return m.frame(m.resultTabs(), mid, 0, 0, m.resultBottom())
}

// resultTabs names the result's parts with the digit that shows each; the
// one on screen is marked with brackets as well as colour, so it shows
// without colour too.
func (m Model) resultTabs() []string {
	st := m.styles
	var words []string
	for i, name := range partNames {
		tab := fmt.Sprintf("%d %s", i+1, name)
		if resultPart(i) == m.part {
			words = append(words, st.Chosen.Render("["+tab+"]"))
		} else {
			words = append(words, st.Subtle.Render(" "+tab+" "))
		}
	}
	if m.compact() {
		// One line: the part on screen by name, the others by digit
		// when their names do not fit.
		line := strings.Join(words, " ")
		if ansi.StringWidth(line) > m.inner() {
			for i := range words {
				if resultPart(i) != m.part {
					words[i] = st.Subtle.Render(fmt.Sprintf(" %d ", i+1))
				}
			}
			line = strings.Join(words, " ")
		}
		return []string{line}
	}
	// Tabs wrap as whole words at a narrow width.
	var lines []string
	line := ""
	for _, t := range words {
		if line != "" && ansi.StringWidth(line)+1+ansi.StringWidth(t) > m.inner() {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += t
	}
	return append(lines, line)
}

// resultBottom is what stays under the report: the resume code and the
// customer reference, the note, the handout's save status, the scroll
// position and the help. The code line and the note are cut to one line
// each, so the report keeps most of a small window; the status wraps, as
// the file name is read off it.
func (m Model) resultBottom() []string {
	w, st := m.inner(), m.styles
	var out []string
	if m.report != nil && m.report.Code != "" {
		line := "Resume code " + m.report.Code
		if m.ref != "" {
			line += " · Ref: " + quiz.Inert(m.ref)
		}
		out = append(out, st.Text.Render(ansi.Truncate(line, w, "…")))
	}
	if m.note != "" {
		out = append(out, st.Subtle.Render(ansi.Truncate("Note: "+quiz.Inert(m.note), w, "…")))
	}
	pos := fmt.Sprintf("lines %d-%d of %d", min(m.vp.YOffset+1, m.vp.TotalLineCount()),
		min(m.vp.YOffset+m.vp.Height, m.vp.TotalLineCount()), m.vp.TotalLineCount())
	switch above, below := !m.vp.AtTop(), !m.vp.AtBottom(); {
	case above && below:
		pos += " · more above and below"
	case above:
		pos += " · more above"
	case below:
		pos += " · more below"
	}
	posLines := wrapStyled(pos, w, "", "", st.Subtle)
	help := m.bottom()
	if m.status != "" {
		style := st.Chosen
		if m.statusErr {
			style = st.Notice
		}
		// Wrapped whole: the assistant reads the handout's file name off
		// this line. Only a window too short for it and one line of the
		// report (the full help open in a small window) cuts it.
		lines := wrapStyled(m.status, w, "", "  ", style)
		if room := max(1, m.height-len(out)-len(posLines)-len(help)-1); len(lines) > room {
			lines = lines[:room]
			lines[room-1] = ansi.Truncate(lines[room-1], w-1, "") + style.Render("…")
		}
		out = append(out, lines...)
	}
	out = append(out, posLines...)
	return append(out, help...)
}

// layoutResult fits the viewport between the top of the window and the
// help, and renders the report at the current width. It runs in Update
// whenever the size, the help or the answers change, never in View.
func (m *Model) layoutResult() {
	if m.report == nil || m.screen != screenResult {
		return
	}
	// Someone who scrolled to the end (the checklist) stays there when a
	// status line or the help takes rows away from the report.
	// (A report that fits whole is at its top too, and stays there.)
	atEnd := m.vp.TotalLineCount() > m.vp.Height && m.vp.AtBottom()
	w := m.inner()
	if m.vpReport != m.report || m.vpPart != m.part || m.vp.Width != w {
		// Scrolling keys land here too; render only when the report, the
		// part or the width changed.
		if m.vpPart != m.part {
			atEnd = false
			m.vp.GotoTop()
		}
		m.vp.Width = w
		m.vp.SetContent(renderPart(m.report, m.part, w, m.styles))
		m.vpReport, m.vpPart = m.report, m.part
	}
	// The position line under the report names the lines shown, so its
	// length depends on the height being worked out: a resize or a scroll
	// can make it wrap onto a second line. Work the height out again with
	// the first answer and keep the smaller, so the frame never has to cut
	// the report once more inside (a blank line is the worst case).
	m.vp.Height = max(1, m.height-len(m.resultTabs())-len(m.resultBottom()))
	if m.vp.PastBottom() || atEnd {
		m.vp.GotoBottom()
	}
	m.vp.Height = min(m.vp.Height, max(1, m.height-len(m.resultTabs())-len(m.resultBottom())))
	if m.vp.PastBottom() || atEnd {
		m.vp.GotoBottom()
	}
}
