package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math/big"
	"strings"

	"github.com/jewelguide/jewelguide/data"
	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/tui"
)

// coverageSeed fixes the sample a large guide is checked on, so two runs
// of check on the same file print the same figures.
const coverageSeed = 1

const checkUsage = `Usage: jewelguide check [--strict] [FILE...]

Checks guide files and prints each one's errors, its warnings and how often
each outcome wins over the possible answers. Without FILE it checks the
guide built into jewelguide.

  --strict   exit 1 when there are warnings

Exit status: 0 no errors (warnings allowed), 1 warnings with --strict,
2 errors or bad usage; with several files, the worst of them.
`

func runCheck(args []string, env Env) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	strict := fs.Bool("strict", false, "")
	files, help, err := parseSubcommand(fs, args, checkUsage, env)
	if help || err != nil {
		return err
	}
	if len(files) <= 1 {
		return checkFile(env, files, *strict)
	}
	// Each file is checked and reported on its own; the exit status is
	// the worst, so "check *.yaml" in a script fails if any guide does.
	worst := ExitOK
	for i, f := range files {
		if i > 0 {
			fmt.Fprintln(env.Stdout)
		}
		err := checkFile(env, []string{f}, *strict)
		code := ExitOK
		var ee *exitError
		if errors.As(err, &ee) {
			code = ee.code
		} else if err != nil {
			code = ExitFailure
		}
		if err != nil && err.Error() != "" {
			fmt.Fprintln(env.Stderr, prefixLines(err.Error()))
		}
		if code == ExitUsage || (code == ExitFailure && worst == ExitOK) {
			worst = code
		}
	}
	if worst != ExitOK {
		return &exitError{code: worst, err: errors.New("")}
	}
	return nil
}

// checkFile checks one guide file, or the built-in guide when files is
// empty.
func checkFile(env Env, files []string, strict bool) error {
	file := data.GuideFile + " (built in)"
	var g *quiz.Guide
	var err error
	if len(files) == 1 {
		file = files[0]
		g, err = quiz.Load(file)
	} else {
		g, err = quiz.Parse(file, data.Guide)
	}
	if err != nil {
		var ge *quiz.GuideError
		if errors.As(err, &ge) {
			file = quiz.Inert(file)
			fmt.Fprintln(env.Stdout, err)
			fmt.Fprintf(env.Stdout, "%s: %s; the guide cannot be used until %s fixed\n",
				file, count(ge.Count(), "error", "errors"), plural(ge.Count(), "it is", "they are"))
			return &exitError{code: ExitUsage, err: errors.New("")}
		}
		return badInput(err)
	}

	cov := g.Cover(coverageSeed)
	warnings := g.Lint(cov)
	if acc := g.Shop.Accent; acc != "" {
		// The screen adjusts an accent that does not read; say to what,
		// so the shop can choose its own colour that does.
		if light, dark, changed := tui.Adjusted(acc); changed {
			var on []string
			if light != acc {
				on = append(on, "on light backgrounds as "+light)
			}
			if dark != acc {
				on = append(on, "on dark backgrounds as "+dark)
			}
			warnings = append(warnings, quiz.Warning{Msg: fmt.Sprintf("shop accent %s is hard to read (under 4.5:1 contrast); it is shown %s",
				acc, strings.Join(on, " and "))})
		}
	}
	options, rules := 0, len(g.Rules)
	for _, q := range g.Questions {
		options += len(q.Options)
	}
	w := env.Stdout
	file = quiz.Inert(file) // a file name can hold escape codes too
	for _, wn := range warnings {
		if wn.Line > 0 {
			fmt.Fprintf(w, "%s:%d: warning: %s\n", file, wn.Line, quiz.Inert(wn.Msg))
		} else {
			fmt.Fprintf(w, "%s: warning: %s\n", file, quiz.Inert(wn.Msg))
		}
	}
	fmt.Fprintf(w, "%s: no errors, %s; %s, %s, %s, %s\n\n", file,
		count(len(warnings), "warning", "warnings"), count(len(g.Questions), "question", "questions"),
		count(options, "option", "options"), count(rules, "rule", "rules"), count(len(g.Outcomes), "outcome", "outcomes"))
	writeCoverage(w, g, cov)
	if strict && len(warnings) > 0 {
		return &exitError{code: ExitFailure, err: errors.New("")}
	}
	return nil
}

func writeCoverage(w io.Writer, g *quiz.Guide, cov *quiz.Coverage) {
	if cov.Sampled {
		fmt.Fprintf(w, "Verdicts over a sample of %d of %s answer sets (seed %d; all of them are more work than check does):\n", cov.Total, roughly(cov.Possible), cov.Seed)
	} else {
		fmt.Fprintf(w, "Verdicts over all %d answer sets:\n", cov.Total)
	}
	labelWidth := len("close calls")
	for _, o := range g.Outcomes {
		if n := len([]rune(quiz.Inert(o.Label))); n > labelWidth {
			labelWidth = n
		}
	}
	row := func(label string, n int) {
		share := 0.0
		if cov.Total > 0 {
			share = float64(n) / float64(cov.Total)
		}
		pad := strings.Repeat(" ", labelWidth-len([]rune(label)))
		fmt.Fprintf(w, "  %s%s %9d %6.1f%%  %s\n", label, pad, n, share*100, strings.Repeat("#", int(share*30+0.5)))
	}
	for _, o := range g.Outcomes {
		row(quiz.Inert(o.Label), cov.Wins[o.ID])
	}
	row("close calls", cov.Close)
	if cov.Unsearched > 0 {
		fmt.Fprintf(w, "%s too large to search in full, so taken to be able to fire.\n", count(cov.Unsearched, "rule's condition is", "rules' conditions are"))
	}
}

// roughly writes a count of answer sets, which can run to hundreds of
// digits, as "about 1.1e602" past a length anyone reads.
func roughly(n *big.Int) string {
	s := n.String()
	if len(s) <= 15 {
		return s
	}
	return fmt.Sprintf("about %c.%ce%d", s[0], s[1], len(s)-1)
}

func count(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, plural(n, one, many))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
