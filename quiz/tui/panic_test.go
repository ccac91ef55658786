package tui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/shop"
)

func panickingSave(string, time.Time, string, *quiz.Report, string) (string, error) {
	panic("handout boom")
}

func panickingLog(string, shop.Record) error { panic("log boom") }

// TestSavePanicBecomesAnError: a panic while writing a handout is reported
// like any failed save, instead of reaching Bubble Tea, which would print
// a stack over the screen and kill the program with the customer's result.
func TestSavePanicBecomesAnError(t *testing.T) {
	m := atResult(t, newModel(t, Options{SaveDir: t.TempDir(), Now: fixedNow}))
	m.saveHandout = panickingSave
	m, quit := pressSettle(t, m, "s")
	if quit || m.screen != screenResult || !m.statusErr || m.status != "Not saved: internal error: handout boom" {
		t.Fatalf("after a panicking save: quit %v screen %s status %q", quit, m.screen, m.status)
	}
	if m.inflight != 0 || m.savingFor != nil {
		t.Errorf("inflight %d, still saving %v", m.inflight, m.savingFor != nil)
	}
	// The next save is not taken for a double press, and quitting during
	// a panicking save still ends the program.
	m, save := send(t, m, keyMsg("s"))
	if save == nil {
		t.Fatal("s after a panicking save started nothing")
	}
	m, cmd := send(t, m, keyMsg("q"))
	if cmd != nil || !m.quitting {
		t.Fatal("q during the save did not wait for it")
	}
	if _, quit := settle(t, m, save); !quit {
		t.Error("the program did not end after the panicking save replied")
	}
}

// TestLogPanicBecomesAnError: a panic while logging is shown and reported
// like a failed write, and quitting still ends once it has replied.
func TestLogPanicBecomesAnError(t *testing.T) {
	log := filepath.Join(t.TempDir(), "c.log")
	m := atResult(t, newModel(t, Options{LogFile: log, Now: fixedNow}))
	m.appendLog = panickingLog
	m, _ = pressSettle(t, m, "n")
	mustContain(t, strings.Join(strings.Fields(screenText(m)), " "), "Not logged: internal error: log boom")
	if m.inflight != 0 {
		t.Errorf("inflight %d after the log reply", m.inflight)
	}

	m = atResult(t, m)
	m, quit := pressSettle(t, m, "q")
	out := m.Outcome()
	if !quit || m.inflight != 0 || out.LogError == nil || !strings.Contains(out.LogError.Error(), "log boom") || !out.Completed {
		t.Errorf("quit after a panicking log: quit %v inflight %d outcome %+v", quit, m.inflight, out)
	}
}
