package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/plain"
)

// defaultWidth is used for wrapping when the output is not a terminal
// and COLUMNS does not say how wide it is.
const defaultWidth = 80

// width is how wide output may be: the terminal's width when stdout is
// one, else COLUMNS (set by shells and by people piping into a narrow
// pager), else defaultWidth.
func (e Env) width() int {
	if e.StdoutTTY && e.Width != nil {
		if w := e.Width(); w > 0 {
			return w
		}
	}
	if w, err := strconv.Atoi(strings.TrimSpace(e.Getenv("COLUMNS"))); err == nil && w > 0 {
		return w
	}
	return defaultWidth
}

// printReport scores answers and writes the report to stdout in the chosen
// format. Every report the CLI prints goes through here, so each carries
// the resume code that reopens it.
func printReport(env Env, opts *options, g *quiz.Guide, a quiz.Answers) error {
	rep := quiz.NewReport(g, g.Evaluate(a))
	rep.Code = g.Code(a)
	return writeReport(env, opts, rep)
}

func writeReport(env Env, opts *options, rep *quiz.Report) error {
	format := opts.format
	var err error
	switch format {
	case "json":
		err = quiz.WriteJSON(env.Stdout, rep)
	case "markdown":
		err = quiz.WriteMarkdown(env.Stdout, rep)
	default:
		if colourAllowed(env) {
			_, err = io.WriteString(env.Stdout, styledReport(env, rep, opts.theme))
		} else {
			err = quiz.WriteText(env.Stdout, rep, env.width())
		}
	}
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return nil
}

// colourAllowed follows the NO_COLOR and CLICOLOR_FORCE conventions: colour
// only on a terminal, never with NO_COLOR, always with CLICOLOR_FORCE=1.
func colourAllowed(env Env) bool {
	if env.Getenv("NO_COLOR") != "" {
		return false
	}
	if f := env.Getenv("CLICOLOR_FORCE"); f != "" && f != "0" {
		return true
	}
	return env.StdoutTTY && env.Getenv("TERM") != "dumb"
}

// runPlain asks the questions line by line. Prompts go to stdout on a
// terminal; when stdout is a file or pipe they go to stderr, so the file
// receives only the report.
func runPlain(ctx context.Context, env Env, opts *options, g *quiz.Guide) error {
	prompts := env.Stdout
	if !env.StdoutTTY {
		prompts = env.Stderr
	}
	ask := plain.Run
	if env.StdinTTY {
		ask = plain.RunEchoed
	}
	// A signal ends the questions through their own path, which ends the
	// prompt's line, so the message saying why starts on a line of its own.
	release := holdSignals()
	a, err := ask(ctx, g, env.Stdin, prompts, env.width())
	release()
	if errors.Is(err, plain.ErrQuit) {
		return nil // stopping on purpose is not a failure, as q in the interface
	}
	if err != nil {
		return err
	}
	if prompts == env.Stdout {
		fmt.Fprintln(env.Stdout)
	}
	// Someone who chose plain prompts (a screen reader, say) gets the
	// report plain too, even on a terminal.
	env.StdoutTTY = false
	if err := printReport(env, opts, g, a); err != nil {
		return err
	}
	if prompts == env.Stderr {
		// The person answering sees the prompts but not the report: say
		// where it went.
		fmt.Fprintln(env.Stderr, "Done: the report was written to the output file or pipe, not to this screen.")
	}
	// A log line cut off by a signal would be lost; let it finish.
	defer holdSignals()()
	if logPlain(opts, g, a) != nil {
		// The record is kept, but there is no next consultation to write
		// it with: reportUnlogged tries once more and shows it if it fails.
		return reportUnlogged(env, opts.logFile)
	}
	return nil
}
