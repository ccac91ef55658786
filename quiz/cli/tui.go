package cli

import (
	"context"
	"errors"
	"fmt"
	"github.com/charmbracelet/lipgloss"
	"time"

	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/shop"
	"github.com/jewelguide/jewelguide/quiz/tui"
)

// runTUI runs the full-screen interface, then prints the report to stdout
// once the terminal is back to normal, so it stays in the scrollback.
// start holds the answers of a resume code, if one was given.
func runTUI(ctx context.Context, env Env, opts *options, g *quiz.Guide, start quiz.Answers) error {
	// Where saves need a named temporary file, one killed mid-save leaves
	// it behind with the customer's note in it: clear old ones first.
	shop.SweepTemp(opts.saveDir, time.Now())
	// From here a signal ends the interface through its own path, which
	// restores the terminal, logs the consultation and finishes a save.
	defer holdSignals()()
	suspend, stopSuspend := suspendOnSignal()
	defer stopSuspend()
	out, err := tui.Run(ctx, tui.Options{
		Guide:     g,
		Answers:   start,
		Review:    start != nil,
		Input:     env.Stdin,
		Output:    env.Stdout,
		NoColor:   env.Getenv("NO_COLOR") != "",
		AltScreen: true,
		SaveDir:   opts.saveDir,
		LogFile:   opts.logFile,
		Origin:    opts.origin(),
		Idle:      opts.idle,
		Theme:     opts.theme,
		Suspend:   suspend,
		Hurry:     hurried,
	})
	if err != nil && ctx.Err() == nil {
		return fmt.Errorf("the interface failed: %w", err)
	}
	// However the interface ended, a consultation whose result was shown
	// counts: it is logged here if the interface had not logged it. A
	// signal (closing the terminal window is a hang-up, and how a counter
	// often ends its day) and ctrl+c both end it that way.
	logLeft(env, opts, g, out)
	unlogged := reportUnlogged(env, opts.logFile)
	if ctx.Err() != nil {
		// Stopped by a signal; Main reports which and exits with its
		// status.
		return nil
	}
	if out.Interrupted {
		// ctrl+c leaves at once: it prints nothing. Handouts saved before
		// are on disk and the consultation was logged, so only the report
		// is named as lost.
		return &exitError{code: ExitInterrupted, err: errors.New("interrupted; the consultation on screen was not printed")}
	}
	if out.Completed {
		if err := printReport(env, opts, g, out.Answers); err != nil {
			return err
		}
	}
	return unlogged
}

// logLeft writes the log line of a completed consultation that the
// interface had not logged when it stopped. It writes before the process
// exits, not in a goroutine, so the line is on disk when the exit status
// is. A failed write keeps the record, for reportUnlogged to show.
func logLeft(env Env, opts *options, g *quiz.Guide, out tui.Outcome) {
	if !out.Completed || out.Logged {
		return
	}
	err := logConsultation(opts, g, out.Answers, out.Reference)
	var kept *shop.LogError
	if err != nil && !errors.As(err, &kept) {
		fmt.Fprintln(env.Stderr, prefixLines("the consultation on screen was not logged: "+err.Error()))
	}
}

// maxReportWidth caps how wide the printed report wraps.
const maxReportWidth = 100

// styledReport renders the report with the interface's styles, for a
// terminal that shows colour.
func styledReport(env Env, rep *quiz.Report, th tui.Theme) string {
	st := tui.NewThemedStyles(lipgloss.DefaultRenderer(), rep.Shop.Accent, false, th)
	// Long lines are hard to read in a wide window; the result screen
	// stops at the same width.
	return tui.RenderReport(rep, min(env.width(), maxReportWidth), st) + "\n"
}
