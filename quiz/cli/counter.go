package cli

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/shop"
)

// checkCounterFiles checks --save-dir and --log before anything is drawn,
// so a typo in a folder name shows at start-up rather than as a failed
// save with a customer waiting. A warning goes to stderr at once: it stays
// in the scrollback above the full screen.
func checkCounterFiles(env Env, o *options) error {
	if o.saveDir != "" {
		fi, err := os.Stat(o.saveDir)
		switch {
		case os.IsNotExist(err):
			return usageErr("--save-dir %s: no such folder; create it first", quiz.Inert(o.saveDir))
		case err != nil:
			return usageErr("--save-dir %s: %v", quiz.Inert(o.saveDir), err)
		case !fi.IsDir():
			return usageErr("--save-dir %s is not a folder", quiz.Inert(o.saveDir))
		}
	}
	if o.logFile != "" {
		// It creates the log (0600) or finds it writable; it writes
		// nothing, so a day's log is not touched.
		warning, err := shop.CheckLog(o.logFile)
		if err != nil {
			return usageErr("--log: cannot open the consultation log: %v", err)
		}
		if warning != "" {
			fmt.Fprintln(env.Stderr, prefixLines("warning: "+warning))
		}
	}
	return nil
}

// resumeAnswers decodes --resume into the answers it was made from.
func resumeAnswers(g *quiz.Guide, code string) (quiz.Answers, error) {
	a, err := g.DecodeCode(code)
	if err != nil {
		return nil, badInput(err)
	}
	return a, nil
}

// logPlain logs a consultation finished in plain mode, so a counter that
// runs it for a screen reader counts in the statistics too.
func logPlain(opts *options, g *quiz.Guide, a quiz.Answers) error {
	return logConsultation(opts, g, a, "")
}

// logConsultation appends one record for answers a to --log, if one is
// kept; ref is the customer reference, if any.
func logConsultation(opts *options, g *quiz.Guide, a quiz.Answers, ref string) error {
	if opts.logFile == "" {
		return nil
	}
	return shop.AppendLog(opts.logFile, shop.NewRecord(g, g.Evaluate(a), ref, time.Now(), opts.origin()))
}

// origin is where this run's consultations are logged from.
func (o *options) origin() shop.Origin {
	c := o.counter
	if c == "" {
		c = shop.DefaultCounter()
	}
	return shop.Origin{Store: o.store, Counter: c}
}

// reportUnlogged runs at exit when a log is kept. Records that could not be
// written were kept for the next append; one last try writes them, and
// what still fails is printed on stderr as the lines the log lacks, for
// someone to add once the disk has room. It returns an error naming how
// many were lost, or nil when none were.
func reportUnlogged(env Env, path string) error {
	if path == "" {
		return nil
	}
	err := shop.FlushLog(path)
	lines := shop.Unlogged(path)
	if err == nil || len(lines) == 0 {
		return nil
	}
	var le *shop.LogError
	if errors.As(err, &le) {
		err = le.Err
	}
	fmt.Fprintln(env.Stderr, prefixLines(fmt.Sprintf(
		"%s could not be written to %s (%v); %s, to add to it once it can be written:",
		count(len(lines), "consultation", "consultations"), path, err, plural(len(lines), "its line follows", "their lines follow"))))
	for _, l := range lines {
		// The lines are JSON with every control code escaped.
		fmt.Fprintln(env.Stderr, l)
	}
	return fmt.Errorf("%s not logged", count(len(lines), "consultation", "consultations"))
}
