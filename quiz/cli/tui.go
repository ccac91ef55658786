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
		Idle:      opts.idle,
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil // stopped by a signal: Main reports which
		}
		return fmt.Errorf("the interface failed: %w", err)
	}
	if out.Interrupted {
		// ctrl+c leaves at once: it neither prints nor logs.
		msg := "interrupted; nothing was saved"
		if opts.logFile != "" && out.Completed {
			msg = "interrupted; the consultation on screen was not logged"
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
