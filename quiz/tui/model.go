package tui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/jewelguide/jewelguide/quiz"
)

// Smallest window the layout is drawn in. Below it the screen says how
// large it needs to be instead of drawing a broken layout.
const (
	minWidth  = 40
	minHeight = 12
)

// Size assumed until the terminal reports one, so a run on a writer that
// is not a terminal (tests, recordings) still draws whole frames.
const (
	defaultWidth  = 80
	defaultHeight = 24
)

// screen is what the window currently shows.
type screen int

const (
	screenWelcome screen = iota
	screenQuestion
	screenReview
	screenResult
	screenConfirmQuit
)

func (s screen) String() string {
	switch s {
	case screenWelcome:
		return "welcome"
	case screenQuestion:
		return "question"
	case screenReview:
		return "review"
	case screenResult:
		return "result"
	case screenConfirmQuit:
		return "confirm-quit"
	}
	return "unknown"
}

// Model is the interface's Bubble Tea model. It is a value: Update returns
// a changed copy, so tests can keep earlier states around.
type Model struct {
	guide  *quiz.Guide
	styles Styles
	keys   keyMap
	help   help.Model
	bar    progress.Model
	vp     viewport.Model

	width, height int

	screen screen
	// back is the screen the quit question returns to on "no".
	back screen

	// q is the question on screen; cursor the highlighted option on it,
	// or the highlighted row on the review screen.
	q      int
	cursor int
	// ticks are the multi-select boxes of the question on screen; they
	// become the answer only on enter, so leaving with ← changes nothing.
	ticks []bool
	// fromReview is set while changing one answer from the review screen:
	// answering (or going back) returns there instead of moving on.
	fromReview bool
	showWhy    bool
	notice     string

	// answers holds one entry per confirmed question; a multi-select
	// question confirmed with nothing ticked has an empty list.
	answers quiz.Answers
	report  *quiz.Report
	// vpReport is the report the viewport holds, so scrolling does not
	// render it again.
	vpReport *quiz.Report

	completed   bool
	interrupted bool
	quitting    bool
}

// New builds the model for opts. Start answers are cleaned up first
// (unknown ids and extra choices dropped); when they answer every question
// the model opens on the review screen.
func New(opts Options) Model {
	st := NewStyles(opts.Guide.Shop.Accent, opts.NoColor)
	h := help.New()
	h.Styles = st.Help
	m := Model{
		guide:   opts.Guide,
		styles:  st,
		keys:    newKeyMap(),
		help:    h,
		width:   defaultWidth,
		height:  defaultHeight,
		answers: cleanAnswers(opts.Guide, opts.Answers),
		bar: progress.New(
			progress.WithSolidFill(st.ProgressFull),
			progress.WithColorProfile(st.ProgressProfile),
			progress.WithFillCharacters('█', '░'),
		),
		vp: viewport.New(defaultWidth, defaultHeight),
	}
	m.bar.EmptyColor = st.ProgressEmpty
	m.bar.PercentageStyle = st.Subtle
	if m.complete() {
		m.screen = screenReview
		m.cursor = len(m.guide.Questions)
	}
	m.syncKeys()
	return m
}

// cleanAnswers keeps the start answers the guide can take, in guide order,
// so a stale answers file cannot put the model in a state it cannot draw.
func cleanAnswers(g *quiz.Guide, a quiz.Answers) quiz.Answers {
	out := quiz.Answers{}
	for _, qu := range g.Questions {
		given, ok := a[qu.ID]
		if !ok {
			continue
		}
		var keep []string
		for _, op := range qu.Options {
			if len(keep) < qu.Max && contains(given, op.ID) {
				keep = append(keep, op.ID)
			}
		}
		if len(keep) == 0 && !qu.Multi() {
			continue
		}
		if keep == nil {
			keep = []string{}
		}
		out[qu.ID] = keep
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// complete reports whether every question has a confirmed answer.
func (m Model) complete() bool {
	return m.firstOpen() < 0
}

// firstOpen is the first question without a confirmed answer, or -1.
func (m Model) firstOpen() int {
	for i, qu := range m.guide.Questions {
		if _, ok := m.answers[qu.ID]; !ok {
			return i
		}
	}
	return -1
}

// Outcome reports the answers and how the run ended, for Run and for tests
// that drive the model through a program of their own.
func (m Model) Outcome() Outcome {
	return Outcome{Answers: m.answers.Clone(), Completed: m.completed, Interrupted: m.interrupted}
}

// Init starts nothing: the model needs no timers or I/O of its own.
func (m Model) Init() tea.Cmd { return nil }

// Update handles one message: window size, then keys for the current screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layoutResult()
		return m, nil
	case tea.KeyMsg:
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
			return m.updateRunes(msg)
		}
		m, cmd := m.updateKey(msg)
		// The help's height depends on the keys, and the viewport's on the
		// help, so the result is laid out after the keys are settled.
		m.syncKeys()
		m.layoutResult()
		return m, cmd
	}
	return m, nil
}

// updateRunes splits a burst of typed characters into single keys. Bubble
// Tea v1 delivers runes that arrive in one read as one message ("w3"),
// which happens with fast typing, over ssh and with scripted input; each
// must still act as its own key.
func (m Model) updateRunes(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	for _, r := range msg.Runes {
		k := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}
		if r == ' ' {
			k.Type = tea.KeySpace
		}
		next, cmd := m.Update(k)
		m = next.(Model)
		cmds = append(cmds, cmd)
		if m.quitting {
			break
		}
	}
	return m, tea.Sequence(cmds...)
}

func (m Model) updateKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	if key.Matches(msg, m.keys.Kill) {
		m.interrupted, m.quitting = true, true
		return m, tea.Quit
	}
	m.notice = ""
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
		m.quitting = true
		return m, tea.Quit
	}
	m.back, m.screen = m.screen, screenConfirmQuit
	return m, nil
}

func (m Model) tooSmall() bool {
	return m.width < minWidth || m.height < minHeight
}
