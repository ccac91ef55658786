package cli

import (
	"os"
	"time"

	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/shop"
)

// checkCounterFiles checks --save-dir and --log before anything is drawn,
// so a typo in a folder name shows at start-up rather than as a failed
// save with a customer waiting.
func checkCounterFiles(o *options) error {
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
		// Opening for append creates the log (0600) or finds it writable;
		// it writes nothing, so a day's log is not touched.
		f, err := os.OpenFile(o.logFile, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
		if err != nil {
			return usageErr("--log: cannot open the consultation log: %v", err)
		}
		f.Close()
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
