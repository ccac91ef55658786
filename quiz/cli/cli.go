// Package cli is jewelguide's command line: it reads flags, loads the
// guide, picks a mode (answers given, plain prompts or the full-screen
// interface) and maps every outcome to an exit status. main only hands it
// the process's streams, so tests run it in-process or as a binary.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/jewelguide/jewelguide/data"
	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/plain"
)

// Exit statuses, documented in the README.
const (
	ExitOK          = 0
	ExitFailure     = 1
	ExitUsage       = 2
	ExitInterrupted = 130
)

// Env is what the program gets from its process: streams, environment and
// whether each stream is a terminal. Tests fill it in by hand.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// StdinTTY and StdoutTTY say whether the streams are terminals.
	StdinTTY, StdoutTTY bool
	// Width returns the terminal's width now, or 0 when unknown. It is a
	// function because the window may be resized while the quiz runs, and
	// the report printed after it should fit the window as it is then.
	Width func() int
	// Version is the program's version, from the build information.
	Version string
}

// exitError carries an exit status with the message for stderr.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

func usageErr(format string, args ...any) error {
	return &exitError{code: ExitUsage, err: fmt.Errorf(format, args...)}
}

func badInput(err error) error { return &exitError{code: ExitUsage, err: err} }

// Main runs jewelguide with args (without the program name) and returns the
// exit status.
func Main(ctx context.Context, args []string, env Env) (code int) {
	defer func() {
		// The interface restores the terminal before a panic reaches here;
		// what is left is to say so plainly instead of dumping a trace.
		if r := recover(); r != nil {
			fmt.Fprintf(env.Stderr, "jewelguide: internal error: %v\n", r)
			code = ExitFailure
		}
	}()
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	err := run(ctx, args, env)
	// A server stopped by a signal has ended as it should (exit 0); every
	// other mode reports the signal in its exit status.
	if sigErr := signalExit(ctx); sigErr != nil && !serving(args) {
		err = sigErr
	}
	if err == nil {
		return ExitOK
	}
	code = ExitFailure
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	if msg := err.Error(); msg != "" {
		fmt.Fprintln(env.Stderr, prefixLines(msg))
	}
	return code
}

// prefixLines puts the program's name before every line of a message, so
// each problem reads on its own when several are listed.
//
// Every line is made inert: messages quote file names and values typed by
// someone, which may carry escape codes.
func prefixLines(msg string) string {
	lines := strings.Split(msg, "\n")
	for i, l := range lines {
		lines[i] = "jewelguide: " + quiz.Inert(l)
	}
	return strings.Join(lines, "\n")
}

func run(ctx context.Context, args []string, env Env) error {
	if len(args) > 0 {
		switch args[0] {
		case "check":
			return withCheckedStdout(env, func(env Env) error { return runCheck(args[1:], env) })
		case "stats":
			return withCheckedStdout(env, func(env Env) error { return runStats(ctx, args[1:], env) })
		case "sync":
			return withCheckedStdout(env, func(env Env) error { return runSync(ctx, args[1:], env) })
		case "serve":
			return runServe(ctx, args[1:], env)
		}
	}
	var opts *options
	err := withCheckedStdout(env, func(env Env) (err error) {
		opts, err = parseFlags(args, env) // prints --help and --version
		return err
	})
	if err != nil {
		return err
	}
	if opts.done {
		return nil
	}
	if err := checkCounterFiles(env, opts); err != nil {
		return err
	}
	g, err := loadGuide(opts.guide)
	if err != nil {
		return badInput(err)
	}
	answers, given, err := collectAnswers(g, opts)
	if err != nil {
		return badInput(err)
	}
	if given {
		warnUnanswered(env, g, answers)
		return printReport(env, opts, g, answers)
	}
	// ACCESSIBLE asks for plain mode, as screen-reader users of huh set it.
	plainMode := opts.plain || !env.StdinTTY || !env.StdoutTTY || env.Getenv("TERM") == "dumb" ||
		plain.Accessible(env.Getenv("ACCESSIBLE"))
	var start quiz.Answers
	if opts.resume != "" {
		if start, err = resumeAnswers(g, opts.resume); err != nil {
			return err
		}
		if plainMode {
			// Nothing to review without a screen: the report is what the
			// code stands for.
			return printReport(env, opts, g, start)
		}
	}
	if plainMode {
		return runPlain(ctx, env, opts, g)
	}
	return runTUI(ctx, env, opts, g, start)
}

// serving reports whether args run the SSH server.
func serving(args []string) bool { return len(args) > 0 && args[0] == "serve" }

// loadGuide loads --guide FILE, or the embedded default guide.
func loadGuide(path string) (*quiz.Guide, error) {
	if path == "" {
		// Parsed when the binary was built: start-up's largest cost gone.
		if tree, ok := data.GuideTree(); ok {
			return quiz.ParseTree(data.GuideFile, data.Guide, tree)
		}
		return quiz.Parse(data.GuideFile, data.Guide)
	}
	return quiz.Load(path)
}

// collectAnswers merges --answers FILE with --answer flags (flags win) and
// checks them against the guide. given is false when neither was used.
func collectAnswers(g *quiz.Guide, opts *options) (quiz.Answers, bool, error) {
	if opts.answersFile == "" && len(opts.answers) == 0 {
		return nil, false, nil
	}
	a := quiz.Answers{}
	var file *quiz.AnswersFile
	if opts.answersFile != "" {
		var err error
		if file, err = quiz.ReadAnswersFile(opts.answersFile); err != nil {
			return nil, true, err
		}
		// Ids match whatever their case; the file's lines are found
		// under the guide's spelling too.
		a = g.MatchIDs(file.Answers)
		for q, line := range file.Lines {
			if _, ok := file.Lines[strings.ToLower(q)]; !ok {
				file.Lines[strings.ToLower(q)] = line
			}
		}
	}
	flagged := map[string]bool{}
	given := map[string]answerFlag{}
	for _, kv := range opts.answers {
		for q, opts := range g.MatchIDs(quiz.Answers{kv.question: kv.options}) {
			if qu, ok := g.Question(q); ok && len(opts) == 0 && !qu.Multi() {
				return nil, true, fmt.Errorf("--answer %s=: question %q takes one answer, so it cannot be left empty; give one of: %s",
					kv.question, q, strings.Join(qu.OptionIDs(), ", "))
			}
			// Keeping the last of two would drop an answer without a word.
			if first, ok := given[q]; ok {
				return nil, true, fmt.Errorf("--answer %s and --answer %s both answer %q; give it once (several options as %s=a,b)",
					first, kv, q, q)
			}
			given[q] = kv
			a[q] = opts
			flagged[q] = true
		}
	}
	if len(a) == 0 {
		// Scoring nothing would print a verdict that means nothing.
		return nil, true, fmt.Errorf("%s holds no answers; write one per line, e.g. \"budget: invest\"", opts.answersFile)
	}
	if err := g.CheckAnswers(a); err != nil {
		if file != nil {
			// Point at the file's line for answers the file gave.
			err = file.Locate(err, func(q string) bool { return !flagged[q] })
		}
		return nil, true, err
	}
	return a, true, nil
}

// warnUnanswered says on stderr which questions the given answers leave
// out: a script that misspells or forgets one would otherwise get a
// different verdict without a word.
func warnUnanswered(env Env, g *quiz.Guide, a quiz.Answers) {
	var open []string
	for _, q := range g.Questions {
		if _, ok := a[q.ID]; !ok {
			open = append(open, q.ID)
		}
	}
	switch len(open) {
	case 0:
	case 1:
		fmt.Fprintf(env.Stderr, "jewelguide: 1 question unanswered (%s); the report counts it as open\n", open[0])
	default:
		fmt.Fprintf(env.Stderr, "jewelguide: %d questions unanswered (%s); the report counts them as open\n", len(open), strings.Join(open, ", "))
	}
}

// checkedWriter remembers the first failed write.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

// withCheckedStdout runs fn with stdout wrapped so that a failed write (a
// full disk, a closed pipe) fails the run instead of passing unnoticed.
// Not for the full-screen interface, which needs the terminal itself.
func withCheckedStdout(env Env, fn func(Env) error) error {
	cw := &checkedWriter{w: env.Stdout}
	env.Stdout = cw
	err := fn(env)
	if err == nil && cw.err != nil {
		return fmt.Errorf("writing the output: %v", cw.err)
	}
	return err
}
