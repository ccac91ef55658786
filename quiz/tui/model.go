package tui

import (
	"slices"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/shop"
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
	// screenEdit is the customer reference and note, opened from the
	// result.
	screenEdit
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
	case screenEdit:
		return "edit"
	}
	return "unknown"
}

// askKind is the yes/no question drawn over the screen, if any.
type askKind int

const (
	askNone askKind = iota
	// askQuit: quitting would lose answers.
	askQuit
	// askNext: the next customer would lose a reference or note that was
	// typed and not saved.
	askNext
)

// Model is the interface's Bubble Tea model. It is a value: Update returns
// a changed copy and never writes into a slice or map an earlier copy
// shares (the text fields are copied before they change), so tests can
// keep earlier states around and press keys on them.
type Model struct {
	guide  *quiz.Guide
	styles Styles
	keys   keyMap
	help   help.Model
	// helpLines is the help rendered for the current keys and width (see
	// layoutHelp), and helpFor what it was rendered for; bottom() draws
	// it on every screen.
	helpLines []string
	helpFor   string
	bar       progress.Model
	vp        viewport.Model

	width, height int

	// The shop's settings, from Options.
	saveDir string
	logFile string
	origin  shop.Origin
	idle    time.Duration
	now     func() time.Time
	// public is Options.Public: no counter keys, records marked public.
	public bool
	// saveHandout and appendLog do the file work of s and the log; they
	// are shop.SaveHandout and shop.AppendLog, replaceable so tests can
	// make them fail in ways a file system will not.
	saveHandout func(dir string, now time.Time, ref string, rep *quiz.Report, note string) (string, error)
	appendLog   func(path string, rec shop.Record) error

	// consultation is everything about the customer at the counter.
	// Embedding keeps the fields short to name, and replacing it whole is
	// how the next customer starts with nothing left of the last one.
	consultation

	// vpReport is the report the viewport holds, so scrolling does not
	// render it again.
	vpReport *quiz.Report
	vpPart   resultPart
	// serial counts consultations, so a handout saved for one customer
	// cannot report itself on the next one's screen.
	serial int
	// idleGen identifies the newest idle timer; a tick from an older one
	// (a key came since) is stale and ignored.
	idleGen int
	// inflight counts file writes (handouts, log lines) not yet done;
	// quitting waits for them so none is cut off.
	inflight int
	logErr   error

	interrupted bool
	quitting    bool
}

// consultation is one customer's state. Every field starts at its zero
// value for a new customer, except answers, which New and nextCustomer set.
type consultation struct {
	screen screen
	// asking is the question drawn over the screen; "no" just removes it.
	asking askKind
	// warning is set while the idle reset counts down its last seconds,
	// warnLeft how long is left; any key stops it.
	warning  bool
	warnLeft time.Duration

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
	// completed is set once the result was shown: the consultation counts
	// (it is logged when it ends, and the CLI prints its report).
	completed bool
	// logged is set once the log line for this consultation was started,
	// so it is never written twice and a caller stopped by a signal knows
	// whether to write it.
	logged bool

	// part is the page of the result on screen.
	part resultPart

	// ref and note are what the assistant typed on the edit screen; edit
	// holds the fields while that screen is open.
	ref, note string
	edit      editForm
	// status is the outcome of the last handout save, shown under the
	// result (statusErr when it failed). savingFor is the report a handout
	// is being written from, while one is: a second s for the same report
	// is a double press, but a changed answer builds a new report, which
	// may be saved at once.
	status    string
	statusErr bool
	savingFor *quiz.Report
	// saved is what the last successful save wrote, so a second s for the
	// same result, reference and note says where it is instead of
	// writing a copy; saveAgain is set by that answer, and the next s
	// then saves a copy on purpose.
	saved     savedHandout
	saveAgain bool
}

// savedHandout is one handout written for the result on screen.
type savedHandout struct {
	rep       *quiz.Report
	ref, note string
	path      string
}

// New builds the model for opts. Start answers are cleaned up first
// (unknown ids and extra choices dropped); when they answer every question,
// or when opts.Review asks for it, the model opens on the review screen.
func New(opts Options) Model {
	r := opts.Renderer
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	st := NewThemedStyles(r, opts.Guide.Shop.Accent, opts.NoColor, opts.Theme)
	h := help.New()
	h.Styles = st.Help
	m := Model{
		guide:   opts.Guide,
		styles:  st,
		keys:    newKeyMap(),
		help:    h,
		width:   defaultWidth,
		height:  defaultHeight,
		saveDir: opts.SaveDir,
		logFile: opts.LogFile,
		origin:  opts.Origin,
		idle:    opts.Idle,
		now:     opts.Now,
		public:  opts.Public,

		saveHandout: shop.SaveHandout,
		appendLog:   shop.AppendLog,
		bar: progress.New(
			progress.WithSolidFill(st.ProgressFull),
			progress.WithColorProfile(st.ProgressProfile),
			progress.WithFillCharacters('█', '░'),
		),
		vp: viewport.New(defaultWidth, defaultHeight),
	}
	if m.now == nil {
		m.now = time.Now
	}
	m.bar.EmptyColor = st.ProgressEmpty
	m.bar.PercentageStyle = st.Subtle
	m.answers = cleanAnswers(opts.Guide, opts.Answers)
	if m.complete() || (opts.Review && len(m.answers) > 0) {
		m = m.openReview(len(m.guide.Questions))
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
			if len(keep) < qu.Max && slices.Contains(given, op.ID) {
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
	return Outcome{
		Answers: m.answers.Clone(), Completed: m.completed, Interrupted: m.interrupted,
		Reference: m.ref, Logged: m.logged, LogError: m.logErr,
	}
}

// Init starts the idle timer, when there is one: answers given at start
// (a resume code) are a customer's too and must not stay on screen.
func (m Model) Init() tea.Cmd { return m.idleTick() }
