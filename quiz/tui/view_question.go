package tui

import (
	"fmt"
	"slices"

	"github.com/charmbracelet/x/ansi"

	"github.com/jewelguide/jewelguide/quiz"
)

// progressLine is "Question 3 of 7" and a bar of how many are answered.
func (m Model) progressLine() string {
	n := len(m.guide.Questions)
	label := fmt.Sprintf("Question %d of %d", m.q+1, n)
	barW := m.inner() - ansi.StringWidth(label) - 2
	if barW < 12 {
		return m.styles.Subtle.Render(label)
	}
	bar := m.bar
	bar.Width = min(barW, 40)
	return m.styles.Subtle.Render(label) + "  " + bar.ViewAs(float64(len(m.answers))/float64(n))
}

func (m Model) viewQuestion() string {
	w := m.inner()
	qu := m.guide.Questions[m.q]
	bottom := m.bottom()
	var top []string
	if m.height >= 16 {
		top = append(top, ansi.Truncate(m.styles.Heading.Render(quiz.Inert(m.guide.Name)), w, "…"))
	}
	top = append(top, m.progressLine())
	if m.height >= 16 {
		top = append(top, "")
	}
	// The question stays put above the options, so scrolling to a late
	// option in a short window never hides what is being asked.
	head := m.questionHead(qu, w)
	if len(top)+len(head)+len(bottom)+3 <= m.height {
		top = append(top, head...)
		head = nil
	}
	opts, spans := m.questionOptions(qu, w, true)
	avail := m.height - len(top) - len(bottom)
	if len(head)+len(opts) > avail {
		// Details are the first thing to go in a short window: every
		// option label matters more than any one option's detail line.
		opts, spans = m.questionOptions(qu, w, false)
	}
	mid := append(head, opts...)
	sp := spans[m.cursor]
	return m.frame(top, mid, len(head)+sp[0], len(head)+sp[1], bottom)
}

// questionHead is the title, the prompt, the multi-select limit and, when
// asked for, why the question is asked.
func (m Model) questionHead(qu quiz.Question, w int) []string {
	st := m.styles
	title := quiz.Inert(qu.Title)
	if m.fromReview {
		title += " (changing your answer)"
	}
	lines := wrapStyled(title, w, "", "", st.Title)
	lines = append(lines, wrapStyled(quiz.Inert(qu.Prompt), w, "", "", st.Text)...)
	if qu.Multi() {
		n := 0
		for _, on := range m.ticks {
			if on {
				n++
			}
		}
		// The guide's prompt usually says how many to choose; this line
		// only counts, so the instruction is not said twice.
		hint := fmt.Sprintf("Ticked: %d of at most %d.", n, qu.Max)
		lines = append(lines, wrapStyled(hint, w, "", "", st.Subtle)...)
	}
	if m.showWhy && qu.Why != "" {
		lines = append(lines, wrapStyled("Why we ask: "+quiz.Inert(qu.Why), w, "", "", st.Why)...)
	}
	if m.height >= 16 {
		lines = append(lines, "")
	}
	return lines
}

// questionOptions draws the options and returns, per option, the first
// and last line it takes, so the window can keep the cursor's option whole.
func (m Model) questionOptions(qu quiz.Question, w int, details bool) ([]string, [][2]int) {
	st := m.styles
	chosen := m.answers[qu.ID]
	var lines []string
	spans := make([][2]int, len(qu.Options))
	for i, op := range qu.Options {
		cur := "  "
		if i == m.cursor {
			cur = st.Cursor.Render("> ")
		}
		var mark string
		on := false
		if qu.Multi() {
			on = m.ticks[i]
			mark = "[ ] "
			if on {
				mark = "[x] "
			}
		} else {
			on = slices.Contains(chosen, op.ID)
			mark = "( ) "
			if on {
				mark = "(•) "
			}
		}
		num := fmt.Sprintf("%d. ", i+1)
		if i >= 9 {
			num = "   "
		}
		prefix := cur + mark + num
		indent := pad(ansi.StringWidth(prefix))
		labelStyle := st.Text
		if on {
			labelStyle = st.Chosen
			prefix = cur + st.Chosen.Render(mark) + num
		}
		start := len(lines)
		lines = append(lines, wrapStyled(quiz.Inert(op.Label), w, prefix, indent, labelStyle)...)
		if details && op.Detail != "" {
			lines = append(lines, wrapStyled(quiz.Inert(op.Detail), w, indent, indent, st.Subtle)...)
		}
		spans[i] = [2]int{start, len(lines) - 1}
	}
	return lines, spans
}
