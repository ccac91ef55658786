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
func runTUI(ctx context.Context, env Env, opts *options, g *quiz.Guide) error {
	out, err := tui.Run(ctx, tui.Options{
		Guide:     g,
		Input:     env.Stdin,
		Output:    env.Stdout,
		NoColor:   env.Getenv("NO_COLOR") != "",
		AltScreen: true,
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil // stopped by a signal: Main reports which
		}
		return fmt.Errorf("the interface failed: %w", err)
	}
	if out.Interrupted {
		return &exitError{code: ExitInterrupted, err: errors.New("interrupted; nothing was saved")}
	}
	if !out.Completed {
		return nil
	}
	return printReport(env, opts, g, out.Answers)
}

// styledReport renders the report with the interface's styles, for a
// terminal that shows colour.
func styledReport(env Env, rep *quiz.Report) string {
	st := tui.NewStyles(rep.Shop.Accent, false)
	return tui.RenderReport(rep, env.width(), st) + "\n"
}
