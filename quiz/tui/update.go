package tui

import (
	"fmt"
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/jewelguide/jewelguide/quiz"
)

func (m Model) updateWelcome(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys.Welcome
	switch {
	case key.Matches(msg, k.Start):
		// Resume where the start answers leave off rather than at question 1.
		first := m.firstOpen()
		if first < 0 {
			first = 0
		}
		m = m.openQuestion(first)
	case key.Matches(msg, k.Quit):
		return m.askQuit()
	case key.Matches(msg, k.Help):
		m = m.toggleHelp()
	}
	return m, nil
}

// openQuestion shows question i with the cursor on its current answer, so
// coming back to a question shows what was chosen.
func (m Model) openQuestion(i int) Model {
	qu := m.guide.Questions[i]
	m.screen, m.q, m.cursor = screenQuestion, i, 0
	m.ticks = make([]bool, len(qu.Options))
	first := true
	for oi, op := range qu.Options {
		if slices.Contains(m.answers[qu.ID], op.ID) {
			m.ticks[oi] = true
			if first {
				m.cursor, first = oi, false
			}
		}
	}
	return m
}

func (m Model) updateQuestion(msg tea.KeyMsg) (Model, tea.Cmd) {
	qu := m.guide.Questions[m.q]
	n := len(qu.Options)
	k := m.keys.Question
	switch {
	case key.Matches(msg, k.Move):
		m.cursor = (m.cursor + step(msg) + n) % n
	case key.Matches(msg, k.Pick), key.Matches(msg, k.Tick) && msg.Type == tea.KeyRunes:
		d := int(msg.Runes[0] - '1')
		if d >= n {
			m.notice = fmt.Sprintf("There is no option %d: pick 1-%d.", d+1, n)
			return m, nil
		}
		m.cursor = d
		if qu.Multi() {
			m.toggle(d)
			return m, nil
		}
		return m.choose([]string{qu.Options[d].ID}), nil
	case key.Matches(msg, k.Tick):
		m.toggle(m.cursor)
	case key.Matches(msg, k.Choose):
		return m.choose([]string{qu.Options[m.cursor].ID}), nil
	case key.Matches(msg, k.Confirm):
		picked := []string{}
		for oi, on := range m.ticks {
			if on {
				picked = append(picked, qu.Options[oi].ID)
			}
		}
		return m.choose(picked), nil
	case key.Matches(msg, k.Cancel):
		// Back to the row it came from, not on to the first open
		// question as after a choice.
		q := m.q
		m = m.openReview(q)
		m.cursor = q
	case key.Matches(msg, k.Back):
		if m.q == 0 {
			m.screen = screenWelcome
			return m, nil
		}
		return m.openQuestion(m.q - 1), nil
	case key.Matches(msg, k.Why):
		m.showWhy = !m.showWhy
	case key.Matches(msg, k.Quit):
		return m.askQuit()
	case key.Matches(msg, k.Help):
		m = m.toggleHelp()
	case msg.Type == tea.KeySpace && !qu.Multi():
		// Space ticks on a multi-select question; say why it does
		// nothing here instead of ignoring it.
		m.notice = "This question takes one answer: press its number, or enter."
	}
	return m, nil
}

// toggle ticks or unticks option i of a multi-select question, refusing
// to go past the question's maximum with a visible reason.
func (m *Model) toggle(i int) {
	qu := m.guide.Questions[m.q]
	// An earlier copy of the model may share the slice: write a new one.
	m.ticks = slices.Clone(m.ticks)
	if m.ticks[i] {
		m.ticks[i] = false
		return
	}
	count := 0
	for _, on := range m.ticks {
		if on {
			count++
		}
	}
	if count >= qu.Max {
		m.notice = fmt.Sprintf("Choose at most %d: untick one first.", qu.Max)
		return
	}
	m.ticks[i] = true
}

// choose records the answer to the question on screen and moves on: to the
// next question, or to the review once every question is answered or when
// the change was started from the review.
func (m Model) choose(picked []string) Model {
	qu := m.guide.Questions[m.q]
	m.answers = m.answers.Clone()
	m.answers[qu.ID] = picked
	if m.completed {
		// The result was already seen; keep it in step with every change.
		m.refreshReport()
	}
	if m.fromReview || m.q+1 >= len(m.guide.Questions) {
		if m.fromReview {
			return m.openReview(m.q)
		}
		if next := m.firstOpen(); next >= 0 {
			return m.openQuestion(next)
		}
		return m.openReview(len(m.guide.Questions))
	}
	return m.openQuestion(m.q + 1)
}

// openReview shows the review with the cursor on row; past the last
// question it sits on "See result".
func (m Model) openReview(row int) Model {
	m.screen, m.fromReview, m.cursor = screenReview, false, row
	if !m.complete() {
		m.cursor = m.firstOpen()
	}
	return m
}

func (m Model) updateReview(msg tea.KeyMsg) (Model, tea.Cmd) {
	n := len(m.guide.Questions)
	k := m.keys.Review
	switch {
	case key.Matches(msg, k.Move):
		m.cursor = (m.cursor + step(msg) + n + 1) % (n + 1)
	case key.Matches(msg, k.Jump):
		d := int(msg.Runes[0] - '1')
		if d >= n {
			m.notice = fmt.Sprintf("There is no question %d: pick 1-%d.", d+1, n)
			return m, nil
		}
		m = m.openQuestion(d)
		m.fromReview = true
	case key.Matches(msg, k.Back):
		return m.openQuestion(n - 1), nil
	case key.Matches(msg, k.Change):
		m = m.openQuestion(m.cursor)
		m.fromReview = true
	case key.Matches(msg, k.SeeResult):
		if open := m.firstOpen(); open >= 0 {
			m.cursor = open
			m.notice = "Answer every question first."
			return m, nil
		}
		m.completed = true
		m.refreshReport()
		// A changed answer may change the verdict: show it first.
		m.screen, m.part = screenResult, partVerdict
		m.layoutResult()
		m.vp.GotoTop()
	case key.Matches(msg, k.Quit):
		return m.askQuit()
	case key.Matches(msg, k.Help):
		m = m.toggleHelp()
	}
	return m, nil
}

// refreshReport scores the current answers. Scoring is pure and takes
// microseconds, so it runs in Update rather than in a command.
//
// The report's identity is what a handout save is matched by, so answers
// that come back unchanged (a look at the review, an answer chosen again)
// keep the report, and with it the save status. A changed answer makes a
// new report; a handout saved earlier no longer matches, so its status
// goes. The resume code stands for the answers exactly, so equal codes
// mean equal answers.
func (m *Model) refreshReport() {
	code := m.guide.Code(m.answers)
	if m.report == nil || m.report.Code != code {
		m.report = quiz.NewReport(m.guide, m.guide.Evaluate(m.answers))
		m.report.Code = code
		m.status, m.statusErr = "", false
	}
	m.layoutResult()
}

func (m Model) updateResult(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys.Result
	again := m.saveAgain
	m.saveAgain = false
	switch {
	case key.Matches(msg, k.Part):
		m.part = resultPart(msg.Runes[0] - '1')
	case key.Matches(msg, k.Scroll):
		if step(msg) < 0 {
			m.vp.ScrollUp(1)
		} else {
			m.vp.ScrollDown(1)
		}
	case key.Matches(msg, k.PageUp):
		m.vp.PageUp()
	case key.Matches(msg, k.PageDown):
		m.vp.PageDown()
	case key.Matches(msg, k.Top):
		m.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		m.vp.GotoBottom()
	case key.Matches(msg, k.Review):
		return m.openReview(len(m.guide.Questions)), nil
	case key.Matches(msg, k.Edit):
		return m.openEdit(), nil
	case key.Matches(msg, k.Save):
		return m.save(again)
	case key.Matches(msg, k.Next):
		if m.unsavedText() {
			m.asking = askNext
			return m, nil
		}
		return m.nextCustomer()
	case key.Matches(msg, k.Quit):
		return m.askQuit()
	case key.Matches(msg, k.Help):
		m = m.toggleHelp()
	}
	return m, nil
}
