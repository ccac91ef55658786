package tui

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/shop"
)

// What a shop needs around one consultation: the next customer, the idle
// reset, handouts and the consultation log. Files are written in commands,
// never in Update, and their outcome comes back as a message.

// idleMsg is the idle timer reaching the start of its warning. gen is
// the timer's generation: only the newest timer may warn or reset.
type idleMsg struct{ gen int }

// savedMsg reports a handout save started for consultation serial from
// report rep with reference ref and note note. The serial tells another
// customer's reply; rep tells a reply for this customer's earlier result,
// after an answer was changed.
type savedMsg struct {
	serial    int
	rep       *quiz.Report
	ref, note string
	path      string
	err       error
}

// loggedMsg reports one consultation log write.
type loggedMsg struct{ err error }

// warnMsg is one step of the warning's countdown, step long.
type warnMsg struct {
	gen  int
	step time.Duration
}

// warnFor is how long the idle reset warns before it clears the screen:
// the last 15 seconds, or the last third of a shorter idle time, so the
// warning never takes most of it.
func warnFor(idle time.Duration) time.Duration {
	if idle < 45*time.Second {
		return idle / 3
	}
	return 15 * time.Second
}

// idleTick starts a timer for the current generation, or nothing when the
// idle reset is off or the program is on its way out.
func (m Model) idleTick() tea.Cmd {
	if m.idle <= 0 || m.quitting {
		return nil
	}
	gen := m.idleGen
	return tea.Tick(m.idle-warnFor(m.idle), func(time.Time) tea.Msg { return idleMsg{gen: gen} })
}

// warnTick waits for the next step of the countdown: a second, or what
// is left of the warning when that is less.
func (m Model) warnTick() tea.Cmd {
	gen, d := m.idleGen, min(time.Second, m.warnLeft)
	return tea.Tick(d, func(time.Time) tea.Msg { return warnMsg{gen: gen, step: d} })
}

// updateIdle starts the warning when the timer that went off is the
// newest one, i.e. no key came in since it started, and there is
// something of a customer on screen to clear.
func (m Model) updateIdle(msg idleMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.idleGen || m.quitting || m.fresh() {
		return m, nil
	}
	m.warning, m.warnLeft = true, warnFor(m.idle)
	m.syncKeys()
	m.layoutResult()
	return m, m.warnTick()
}

// updateWarn counts the warning down and, at its end, clears the screen
// for the next customer.
func (m Model) updateWarn(msg warnMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.idleGen || !m.warning || m.quitting {
		return m, nil
	}
	m.warnLeft -= msg.step
	if m.warnLeft > 0 {
		return m, m.warnTick()
	}
	m.warning = false
	m, cmd := m.nextCustomer()
	return m, cmd
}

// warningText is the countdown line, in whole seconds rounded up.
func (m Model) warningText() string {
	secs := int((m.warnLeft + time.Second - 1) / time.Second)
	return fmt.Sprintf("Clearing for the next customer in %d s — press any key to stay.", secs)
}

// fresh reports whether the screen is as a new customer should find it:
// nothing of any customer (a notice can name the last one's handout) and
// the short help.
func (m Model) fresh() bool {
	return m.screen == screenWelcome && len(m.answers) == 0 && m.ref == "" && m.note == "" &&
		m.notice == "" && !m.help.ShowAll
}

// nextCustomer ends the consultation and starts a new one on the welcome
// screen with nothing of the last customer left: answers, reference, note,
// save status, notice; the help is folded back too. A completed consultation is logged first. This is the one
// place a consultation ends without quitting, so `n` and the idle reset
// cannot behave differently.
func (m Model) nextCustomer() (Model, tea.Cmd) {
	cmd := m.logCmd()
	m.consultation = consultation{answers: quiz.Answers{}}
	m.serial++
	m.help.ShowAll = false
	// The viewport still holds the last report's text; drop it too.
	m.vp.SetContent("")
	m.vp.GotoTop()
	m.vpReport = nil
	m.syncKeys()
	return m, cmd
}

// logCmd writes the log line for the consultation if it was completed and
// a log is kept, else returns nil. Callers end the consultation right
// after (nextCustomer clears completed, quit stops the program), which is
// what makes every completed consultation logged exactly once.
func (m *Model) logCmd() tea.Cmd {
	if !m.completed || m.logFile == "" || m.logged {
		return nil
	}
	g, a, ref, path, now, origin, appendLog, public := m.guide, m.answers.Clone(), m.ref, m.logFile, m.now(), m.origin, m.appendLog, m.public
	m.inflight++
	m.logged = true
	return func() (msg tea.Msg) {
		defer recoverInto(func(err error) { msg = loggedMsg{err: err} })
		rec := shop.NewRecord(g, g.Evaluate(a), ref, now, origin)
		rec.Public = public
		return loggedMsg{err: appendLog(path, rec)}
	}
}

// recoverInto turns a panic in a file command into that command's error
// reply, passed to reply. Bubble Tea's own recovery would print the stack
// over the alternate screen and kill the program, losing the log line and
// the report; a reply instead keeps the inflight count balanced (so
// quitting still ends) and the screen says what failed. It must be
// deferred directly, or recover sees nothing.
func recoverInto(reply func(error)) {
	if r := recover(); r != nil {
		reply(fmt.Errorf("internal error: %v", r))
	}
}

func (m Model) updateLogged(msg loggedMsg) (tea.Model, tea.Cmd) {
	m.inflight--
	if msg.err != nil {
		m.logErr = msg.err
		m.notice = "Not logged: " + quiz.Inert(msg.err.Error())
		m.layoutResult()
	}
	if m.quitting && m.inflight == 0 {
		return m, tea.Quit
	}
	return m, nil
}

// unsavedText reports whether a reference or note was typed that no
// handout holds yet: the next customer would lose it.
func (m Model) unsavedText() bool {
	if m.ref == "" && m.note == "" {
		return false
	}
	return m.saved.ref != m.ref || m.saved.note != m.note || m.saved.path == ""
}

// save is the s key. A second s for a result whose handout was written
// with the same reference and note says where it is instead of writing
// a copy; pressing s once more (again) saves a copy on purpose.
func (m Model) save(again bool) (Model, tea.Cmd) {
	if m.savingFor == m.report {
		return m, nil // a double press; the first save reports
	}
	sv := m.saved
	if !again && sv.rep == m.report && sv.ref == m.ref && sv.note == m.note && sv.path != "" {
		m.status, m.statusErr = "Already saved to "+quiz.Inert(sv.path)+"; press s again for another copy.", false
		m.saveAgain = true
		m.layoutResult()
		return m, nil
	}
	cmd := m.saveCmd()
	return m, cmd
}

// saveCmd writes the handout for the result on screen. The report is never
// changed once built (a changed answer builds a new one), so the command
// can read it while Update goes on.
func (m *Model) saveCmd() tea.Cmd {
	dir, now, ref, note, rep, serial, save := m.saveDir, m.now(), m.ref, m.note, m.report, m.serial, m.saveHandout
	m.inflight++
	m.savingFor = rep
	m.status, m.statusErr = "Saving the handout…", false
	return func() (msg tea.Msg) {
		defer recoverInto(func(err error) { msg = savedMsg{serial: serial, rep: rep, ref: ref, note: note, err: err} })
		path, err := save(dir, now, ref, rep, note)
		return savedMsg{serial: serial, rep: rep, ref: ref, note: note, path: path, err: err}
	}
}

func (m Model) updateSaved(msg savedMsg) (tea.Model, tea.Cmd) {
	m.inflight--
	if m.savingFor == msg.rep {
		m.savingFor = nil
	}
	var cmd tea.Cmd
	switch {
	case msg.serial != m.serial:
		// The customer has gone; only a failure is worth a word. Its path
		// names the customer, so the idle reset must clear it even when
		// its timer went off before this reply came: start a new one.
		if msg.err != nil {
			m.notice = "The last customer's handout was not saved: " + quiz.Inert(msg.err.Error())
			m.idleGen++
			cmd = m.idleTick()
		}
	case msg.rep != m.report:
		// An answer changed while the file was written: it holds the
		// earlier result, which the line under this one must not suggest
		// otherwise. A save of the result on screen, if one is running,
		// has the status line to itself.
		if m.savingFor != nil {
			break
		}
		if msg.err != nil {
			m.status, m.statusErr = "The earlier result was not saved: "+quiz.Inert(msg.err.Error()), true
		} else {
			m.status, m.statusErr = "Saved the earlier result to "+quiz.Inert(msg.path), false
		}
	case msg.err != nil:
		m.status, m.statusErr = "Not saved: "+quiz.Inert(msg.err.Error()), true
	default:
		m.status, m.statusErr = "Saved "+quiz.Inert(msg.path), false
		m.saved = savedHandout{rep: msg.rep, ref: msg.ref, note: msg.note, path: msg.path}
	}
	m.layoutResult()
	if m.quitting && m.inflight == 0 {
		return m, tea.Quit
	}
	return m, cmd
}
