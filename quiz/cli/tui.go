package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/tui"
)

// runTUI runs the full-screen interface, then prints the report to stdout
// once the terminal is back to normal, so it stays in the scrollback.
// start holds the answers of a resume code, if one was given.
func runTUI(ctx context.Context, env Env, opts *options, g *quiz.Guide, start quiz.Answers) error {
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
	})
	if err != nil {
		if ctx.Err() != nil {
			// Stopped by a signal; Main reports which and exits with its
			// status. Closing the terminal window is a hang-up, and how a
			// counter often ends its day, so the consultation on screen
			// is logged as quitting would have logged it.
			logOnSignal(env, opts, g, out)
			return nil
		}
		return fmt.Errorf("the interface failed: %w", err)
	}
	if out.Interrupted {
		// ctrl+c leaves at once: it neither prints nor logs. Handouts
		// saved before are on disk, so only the consultation on screen
		// is named as lost.
		msg := "interrupted; the consultation on screen was not printed"
		if opts.logFile != "" {
			msg = "interrupted; the consultation on screen was not logged or printed"
		}
		return &exitError{code: ExitInterrupted, err: errors.New(msg)}
	}
	if out.Completed {
		if err := printReport(env, opts, g, out.Answers); err != nil {
			return err
		}
	}
	if out.LogError != nil {
		// The screen said so at the time; say it where it stays.
		return fmt.Errorf("some consultations were not logged: %w", out.LogError)
	}
	return nil
}

// logOnSignal writes the log line of a completed consultation that the
// interface had not logged when a signal stopped it. It writes before the
// process exits, not in a goroutine, so the line is on disk when the exit
// status is. A failure is said on stderr: Main reports the signal, which
// would replace any error returned here.
func logOnSignal(env Env, opts *options, g *quiz.Guide, out tui.Outcome) {
	if !out.Completed || out.Logged {
		return
	}
	if err := logConsultation(opts, g, out.Answers, out.Reference); err != nil {
		fmt.Fprintln(env.Stderr, prefixLines("the consultation on screen was not logged: "+err.Error()))
	}
}

// maxReportWidth caps how wide the printed report wraps.
const maxReportWidth = 100

// styledReport renders the report with the interface's styles, for a
// terminal that shows colour.
func styledReport(env Env, rep *quiz.Report) string {
	st := tui.NewStyles(rep.Shop.Accent, false)
	// Long lines are hard to read in a wide window; the result screen
	// stops at the same width.
	return tui.RenderReport(rep, min(env.width(), maxReportWidth), st) + "\n"
}
