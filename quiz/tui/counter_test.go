package tui

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jewelguide/jewelguide/quiz"
)

func TestResultShowsResumeCode(t *testing.T) {
	m := atResult(t, newModel(t, Options{}))
	code := m.guide.Code(m.answers)
	if code == "" || m.report.Code != code {
		t.Fatalf("report code %q, want %q", m.report.Code, code)
	}
	// Always in view under the report, once, on every part.
	for _, k := range []string{"1", "2", "3", "4"} {
		if v := screenText(press(t, m, k, "end")); strings.Count(v, code) != 1 {
			t.Errorf("part %s shows the code %d times:\n%s", k, strings.Count(v, code), v)
		}
	}
	back, err := m.guide.DecodeCode(code)
	if err != nil || !reflect.DeepEqual(back, m.answers) {
		t.Errorf("code %s decodes to %v, %v; want %v", code, back, err, m.answers)
	}
	// A changed answer changes the code.
	changed := press(t, m, "r", "3", "1", "down", "down", "enter")
	if changed.screen != screenResult || changed.report.Code == code {
		t.Errorf("after a change: screen %s, code %s (was %s)", changed.screen, changed.report.Code, code)
	}
}

func TestNextCustomerClearsEverything(t *testing.T) {
	m := atResult(t, newModel(t, Options{}))
	m = press(t, m, "e")
	m = typeText(t, m, "Ring Smith")
	m = press(t, m, "tab")
	m = typeText(t, m, "yellow gold, size N")
	m = press(t, m, "enter")
	m, _ = send(t, m, savedMsg{serial: m.serial, rep: m.report, ref: m.ref, note: m.note, path: "handouts/x.md"})
	v := screenText(m)
	mustContain(t, v, "Ref: Ring Smith", "Note: yellow gold, size N", "Saved handouts/x.md", "n next customer")

	m = press(t, m, "n")
	if m.screen != screenWelcome {
		t.Fatalf("n went to %s, want welcome", m.screen)
	}
	if len(m.answers) != 0 || m.ref != "" || m.note != "" || m.status != "" || m.report != nil || m.completed {
		t.Errorf("left over after n: answers %v ref %q note %q status %q report %v completed %v",
			m.answers, m.ref, m.note, m.status, m.report != nil, m.completed)
	}
	if out := m.Outcome(); out.Completed || len(out.Answers) != 0 {
		t.Errorf("outcome after n = %+v, want nothing to print", out)
	}
	v = screenText(m)
	mustContain(t, v, "Press enter to start")
	mustNotContain(t, v, "already answered", "Ring Smith")
	// The next customer starts from an empty first question, and their
	// result has no reference or note of the last one.
	m = press(t, m, "enter")
	mustContain(t, screenText(m), "Question 1 of 4", "> ( ) 1. Daily wear")
	mustNotContain(t, screenText(m), "(•)")
	m = atResult(t, press(t, m, "left"))
	mustNotContain(t, screenText(m), "Ring Smith", "yellow gold", "Saved")
}

func TestStartAnswersOpenReviewWhenAsked(t *testing.T) {
	partial := quiz.Answers{"use": {"party"}, "spend": {"high"}}
	m := newModel(t, Options{Answers: partial, Review: true})
	if m.screen != screenReview || m.cursor != 2 {
		t.Fatalf("screen %s cursor %d, want review on the first open question", m.screen, m.cursor)
	}
	mustContain(t, screenText(m), "2 of 4 answered", "> 3. Last: (unanswered)")
	// Without answers there is nothing to review.
	if m := newModel(t, Options{Review: true}); m.screen != screenWelcome {
		t.Errorf("Review with no answers opened %s", m.screen)
	}
}

func TestIdleReset(t *testing.T) {
	m := newModel(t, Options{Idle: 2 * time.Minute, Answers: quiz.Answers{"use": {"party"}}, Review: true})
	if m.Init() == nil {
		t.Fatal("Init started no idle timer; resumed answers would stay on screen")
	}
	m, cmd := send(t, m, keyMsg("enter"))
	if cmd == nil || m.idleGen != 1 {
		t.Fatalf("a key did not restart the idle timer (gen %d)", m.idleGen)
	}
	m = press(t, m, "2")
	gen := m.idleGen

	// A timer from before the last key is stale: nothing happens.
	stale, cmd := send(t, m, idleMsg{gen: gen - 1})
	if cmd != nil || stale.screen != screenReview || len(stale.answers) != 2 {
		t.Fatalf("stale tick acted: screen %s answers %v", stale.screen, stale.answers)
	}
	// The newest timer warns first, then resets like n: nothing of the
	// customer left.
	reset, _ := idleOut(t, m)
	if reset.screen != screenWelcome || len(reset.answers) != 0 {
		t.Fatalf("idle reset: screen %s answers %v", reset.screen, reset.answers)
	}
	mustNotContain(t, screenText(reset), "already answered")
	// On a fresh welcome screen the timer has nothing to do.
	again, cmd := send(t, reset, idleMsg{gen: reset.idleGen})
	if cmd != nil || again.serial != reset.serial {
		t.Error("idle tick on a fresh welcome screen reset again")
	}
	// Off by default: no timer at all.
	if newModel(t, Options{}).Init() != nil {
		t.Error("Init started a timer with the idle reset off")
	}
	if _, cmd := send(t, newModel(t, Options{}), keyMsg("down")); cmd != nil {
		t.Error("a key started a timer with the idle reset off")
	}
}

func TestIdleResetClearsNoteEntry(t *testing.T) {
	m := atResult(t, newModel(t, Options{Idle: time.Minute}))
	m = press(t, m, "e")
	m = typeText(t, m, "Smith")
	m, _ = idleOut(t, m)
	if m.screen != screenWelcome || m.edit.ref.Value() != "" || m.ref != "" {
		t.Errorf("idle during note entry: screen %s field %q ref %q", m.screen, m.edit.ref.Value(), m.ref)
	}
	mustNotContain(t, screenText(m), "Smith")
}

// TestLogOncePerConsultation pins down when a consultation is logged: once,
// when it ends (n, the idle reset or quitting), and only if its result was
// shown. Looking at the result again after a change does not log twice,
// and the line has the answers and reference as they were at the end.
func TestLogOncePerConsultation(t *testing.T) {
	log := filepath.Join(t.TempDir(), "c.log")
	// The idle timer is off so that settle never waits on it; the test
	// sends its message by hand, which is all the timer would do.
	m := atResult(t, newModel(t, Options{LogFile: log, Now: fixedNow}))
	// Customer 1 changes an answer and sees the result twice.
	m = press(t, m, "r", "3", "1", "down", "down", "enter")
	m = press(t, m, "e")
	m = typeText(t, m, "ring-smith")
	m = press(t, m, "enter", "r", "enter")
	if got := readLog(t, log); len(got) != 0 {
		t.Fatalf("logged %d lines before the consultation ended", len(got))
	}
	// n asks first: the reference was never saved.
	m, _ = pressSettle(t, m, "n", "y")
	recs := readLog(t, log)
	if len(recs) != 1 || recs[0].Answers["last"][0] != "season" || recs[0].Reference != "ring-smith" || !recs[0].Time.Equal(counterTime.Truncate(time.Second)) {
		t.Fatalf("after n: %+v", recs)
	}

	// A customer who walks away before the result is not logged.
	m = press(t, m, "enter", "3", "3")
	m, cmd := idleOut(t, m)
	if cmd != nil || len(readLog(t, log)) != 1 || m.screen != screenWelcome {
		t.Fatal("an unfinished consultation was logged")
	}

	// Customer 2 is reset by the idle timer from the result.
	m = atResult(t, m)
	m, cmd = idleOut(t, m)
	m, _ = settle(t, m, cmd)
	if n := len(readLog(t, log)); n != 2 {
		t.Fatalf("after the idle reset: %d lines, want 2", n)
	}
	// Nothing more to log: another tick on the fresh screen writes nothing.
	m, cmd = send(t, m, idleMsg{gen: m.idleGen})
	if cmd != nil {
		t.Fatal("idle tick after a reset had work to do")
	}

	// Customer 3 quits from the result: logged, then the program ends.
	m = atResult(t, m)
	m, cmd = send(t, m, keyMsg("q"))
	// (Running cmd to look at it would write the line, so look at the
	// model: it waits for one write.)
	if !m.quitting || m.inflight != 1 {
		t.Fatal("q did not wait for the log line")
	}
	m, quit := settle(t, m, cmd)
	if !quit || len(readLog(t, log)) != 3 || !m.Outcome().Completed {
		t.Fatalf("quit from the result: quit %v, %d lines, outcome %+v", quit, len(readLog(t, log)), m.Outcome())
	}
	// No key or tick after that logs again.
	m, _ = send(t, m, keyMsg("n"))
	if _, cmd := send(t, m, idleMsg{gen: m.idleGen}); cmd != nil || len(readLog(t, log)) != 3 {
		t.Error("logged again after quitting")
	}
}

func TestQuitWithoutLogQuitsAtOnce(t *testing.T) {
	m := atResult(t, newModel(t, Options{}))
	if _, cmd := send(t, m, keyMsg("q")); !isQuit(cmd) {
		t.Error("q on the result without a log did not quit at once")
	}
	// After n, the welcome screen has nothing to log or lose.
	log := filepath.Join(t.TempDir(), "c.log")
	m = atResult(t, newModel(t, Options{LogFile: log}))
	m, _ = pressSettle(t, m, "n")
	m, cmd := send(t, m, keyMsg("q"))
	if !isQuit(cmd) || m.Outcome().Completed {
		t.Errorf("q after n: quit %v outcome %+v", isQuit(cmd), m.Outcome())
	}
	if n := len(readLog(t, log)); n != 1 {
		t.Errorf("%d log lines, want 1", n)
	}
}

func TestLogFailureIsShownAndReported(t *testing.T) {
	log := filepath.Join(t.TempDir(), "no-such-folder", "c.log")
	m := atResult(t, newModel(t, Options{LogFile: log}))
	m, _ = pressSettle(t, m, "n")
	v := strings.Join(strings.Fields(screenText(m)), " ")
	mustContain(t, v, "Not logged: cannot log the consultation to "+log)
	if m.Outcome().LogError == nil {
		t.Error("the log failure is not in the outcome")
	}
}

// TestOutcomeSaysWhetherLogged: a run stopped by a signal never reaches
// quit, so the caller logs the consultation on screen itself. The outcome
// must carry the reference for that line, and say when the interface has
// already started the line, so it is never written twice.
func TestOutcomeSaysWhetherLogged(t *testing.T) {
	log := filepath.Join(t.TempDir(), "c.log")
	m := atResult(t, newModel(t, Options{LogFile: log, Now: fixedNow}))
	m = press(t, m, "e")
	m = typeText(t, m, "Smith")
	m = press(t, m, "enter")
	if out := m.Outcome(); !out.Completed || out.Logged || out.Reference != "Smith" {
		t.Fatalf("on the result: %+v, want completed, not logged, reference Smith", out)
	}
	// The reference was not saved in a handout, so q asks first.
	quitting, _ := send(t, press(t, m, "q"), keyMsg("y"))
	if out := quitting.Outcome(); !out.Logged {
		t.Errorf("after q started the log line: %+v, want logged", out)
	}
	// The next customer's consultation is a new one, not logged yet.
	next, _ := pressSettle(t, m, "n", "y")
	next = atResult(t, next)
	if out := next.Outcome(); out.Logged || out.Reference != "" {
		t.Errorf("next customer's result: %+v", out)
	}
}

// TestNextCustomerLeavesNoNoticeOrFullHelp: a late failure of the last
// customer's handout names their file on the welcome screen; the idle
// reset must clear it, like anything else of theirs, and n folds the help.
func TestNextCustomerLeavesNoNoticeOrFullHelp(t *testing.T) {
	m := atResult(t, newModel(t, Options{Idle: time.Minute}))
	m = press(t, m, "?")
	old := m.serial
	m = press(t, m, "n")
	if m.help.ShowAll {
		t.Error("n kept the full help for the next customer")
	}
	m, cmd := send(t, m, savedMsg{serial: old, err: errors.New("cannot save the handout 2026-11-27-1432-ring-smith.md: disk full")})
	mustContain(t, screenText(m), "ring-smith")
	if cmd == nil {
		t.Error("the late notice started no idle timer to clear it")
	}
	m, _ = idleOut(t, m)
	if m.screen != screenWelcome || m.notice != "" {
		t.Errorf("after the idle reset: screen %s notice %q", m.screen, m.notice)
	}
	mustNotContain(t, screenText(m), "ring-smith")
	// The full help opened on the welcome screen is folded by the reset.
	m = press(t, m, "?")
	m, _ = idleOut(t, m)
	if m.help.ShowAll {
		t.Error("the idle reset left the full help open")
	}
}
