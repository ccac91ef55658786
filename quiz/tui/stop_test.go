package tui

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/shop"
)

// stoppedDuringSave runs the interface on the result, presses s, and
// cancels the context (a signal, for the CLI) while save is running.
func stoppedDuringSave(t *testing.T, opts Options, save func(ctx context.Context, dir string, now time.Time, ref string, rep *quiz.Report, note string) (string, error)) (final Model, dir, logFile string, err error) {
	t.Helper()
	dir = t.TempDir()
	logFile = filepath.Join(dir, "c.log")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m := atResult(t, newModel(t, Options{SaveDir: dir, LogFile: logFile, Now: fixedNow}))
	started := make(chan struct{})
	m.saveHandout = func(dir string, now time.Time, ref string, rep *quiz.Report, note string) (string, error) {
		close(started)
		return save(ctx, dir, now, ref, rep, note)
	}
	in := newKeyReader("s")
	defer in.Close()
	type ended struct {
		m   Model
		err error
	}
	done := make(chan ended)
	go func() {
		opts.Input, opts.Output, opts.NoColor = in, io.Discard, true
		final, err := run(ctx, m, opts)
		done <- ended{final, err}
	}()
	<-started
	cancel()
	e := <-done
	return e.m, dir, logFile, e.err
}

// TestStopFinishesTheSaveInProgress: a signal that arrives while a handout
// is being written ends the run as q does: the save is finished and
// reported, and the consultation is logged, before Run returns.
func TestStopFinishesTheSaveInProgress(t *testing.T) {
	final, dir, logFile, err := stoppedDuringSave(t, Options{}, func(ctx context.Context, dir string, now time.Time, ref string, rep *quiz.Report, note string) (string, error) {
		// Finish only once the stop has been sent: a run that ends at
		// the stop without waiting never sees this reply.
		<-ctx.Done()
		return shop.SaveHandout(dir, now, ref, rep, note)
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want the context's", err)
	}
	if final.inflight != 0 || !strings.HasPrefix(final.status, "Saved "+dir) {
		t.Errorf("the run ended with %d writes in flight, status %q; want the save finished", final.inflight, final.status)
	}
	handouts, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if len(handouts) != 1 {
		t.Errorf("handouts after the stop: %v", handouts)
	}
	if recs := readLog(t, logFile); len(recs) != 1 || !final.Outcome().Logged {
		t.Errorf("log after the stop: %d records, logged %v; want the consultation logged once", len(recs), final.Outcome().Logged)
	}
}

// TestStopWaitIsBounded: a save that never ends does not hold the run
// open; it is cut short after stopWait.
func TestStopWaitIsBounded(t *testing.T) {
	old := stopWait
	stopWait = 10 * time.Millisecond
	defer func() { stopWait = old }()
	never := make(chan struct{})
	defer close(never)
	final, dir, _, err := stoppedDuringSave(t, Options{}, func(context.Context, string, time.Time, string, *quiz.Report, string) (string, error) {
		<-never
		return "", errors.New("never")
	})
	if !errors.Is(err, tea.ErrProgramKilled) || final.savingFor == nil {
		t.Errorf("err = %v, saving %v; want the run cut short with the save still running", err, final.savingFor != nil)
	}
	if handouts, _ := filepath.Glob(filepath.Join(dir, "*.md")); len(handouts) != 0 {
		t.Errorf("handouts after an abandoned save: %v", handouts)
	}
}

// TestHurryCutsTheWaitShort: a second signal (Hurry closed) ends the wait
// for a save that hangs at once, long before stopWait.
func TestHurryCutsTheWaitShort(t *testing.T) {
	old := stopWait
	stopWait = time.Hour
	defer func() { stopWait = old }()
	hurry := make(chan struct{})
	never := make(chan struct{})
	defer close(never)
	final, _, _, err := stoppedDuringSave(t, Options{Hurry: hurry}, func(ctx context.Context, _ string, _ time.Time, _ string, _ *quiz.Report, _ string) (string, error) {
		<-ctx.Done()
		close(hurry)
		<-never
		return "", errors.New("never")
	})
	if !errors.Is(err, tea.ErrProgramKilled) || final.savingFor == nil {
		t.Errorf("err = %v, saving %v; want the run cut short with the save still running", err, final.savingFor != nil)
	}
}
