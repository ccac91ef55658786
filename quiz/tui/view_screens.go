package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/jewelguide/jewelguide/quiz"
)

func (m Model) viewWelcome() string {
	w, st, g := m.inner(), m.styles, m.guide
	var mid []string
	mid = append(mid, wrapStyled(quiz.Inert(g.Name), w, "", "", st.Heading)...)
	if g.Shop.Name != "" || g.Shop.Tagline != "" {
		shop := quiz.Inert(g.Shop.Name)
		if g.Shop.Tagline != "" {
			if shop != "" {
				shop += " · "
			}
			shop += quiz.Inert(g.Shop.Tagline)
		}
		mid = append(mid, wrapStyled(shop, w, "", "", st.Subtle)...)
	}
	mid = append(mid, "")
	intro := fmt.Sprintf("%d short questions, then a recommendation with the reasons behind it and a checklist to take to the counter.", len(g.Questions))
	mid = append(mid, wrapStyled(intro, w, "", "", st.Text)...)
	mid = append(mid, wrapStyled("Pick with ↑/↓ and enter, or press an option's digit. ← goes back, w shows why we ask.", w, "", "", st.Subtle)...)
	if n := len(m.answers); n > 0 {
		mid = append(mid, "")
		mid = append(mid, wrapStyled(fmt.Sprintf("%d of %d already answered; enter carries on from there.", n, len(g.Questions)), w, "", "", st.Text)...)
	}
	mid = append(mid, "")
	mid = append(mid, wrapStyled("Press enter to start.", w, "", "", st.Button)...)
	return m.frame(nil, mid, len(mid)-1, len(mid)-1, m.bottom())
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
			text += joinLabels(qu, ans)
		} else {
			text += "(not answered)"
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

func (m Model) viewConfirm() string {
	w, st := m.inner(), m.styles
	mid := []string{""}
	mid = append(mid, wrapStyled("Quit? your answers will be lost (y/n)", w, "", "", st.Notice)...)
	return m.frame(nil, mid, 0, len(mid)-1, m.bottom())
}

func (m Model) viewResult() string {
	mid := strings.Split(m.vp.View(), "\n")
	return m.frame(nil, mid, 0, 0, m.resultBottom())
}

// resultBottom is the scroll position and the help under the report.
func (m Model) resultBottom() []string {
	pos := fmt.Sprintf("lines %d-%d of %d", min(m.vp.YOffset+1, m.vp.TotalLineCount()),
		min(m.vp.YOffset+m.vp.Height, m.vp.TotalLineCount()), m.vp.TotalLineCount())
	if !m.vp.AtBottom() {
		pos += " · ↓ for more"
	}
	out := []string{m.styles.Subtle.Render(ansi.Truncate(pos, m.inner(), "…"))}
	return append(out, m.bottom()...)
}

// layoutResult fits the viewport between the top of the window and the
// help, and renders the report at the current width. It runs in Update
// whenever the size, the help or the answers change, never in View.
func (m *Model) layoutResult() {
	if m.report == nil {
		return
	}
	h := max(1, m.height-len(m.resultBottom()))
	w := m.inner()
	m.vp.Width, m.vp.Height = w, h
	m.vp.SetContent(RenderReport(m.report, w, m.styles))
	if m.vp.PastBottom() {
		m.vp.GotoBottom()
	}
}
