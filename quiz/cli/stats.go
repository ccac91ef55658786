package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/jewelguide/jewelguide/quiz/shop"
)

const statsUsage = `Usage: jewelguide stats [flags] LOG...

Sums up consultation logs written with --log: consultations per outcome and
per day, how often each option was chosen, which reasons decided most
verdicts, and the share of close calls. Malformed lines are counted, listed
with their line number, and skipped.

  --since DATE    only consultations on or after DATE (YYYY-MM-DD)
  --until DATE    only consultations on or before DATE (YYYY-MM-DD)
  --format FMT    text (default) or json
  --guide FILE    order questions and options as in this guide
`

func runStats(args []string, env Env) error {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	since := fs.String("since", "", "")
	until := fs.String("until", "", "")
	format := fs.String("format", "text", "")
	guide := fs.String("guide", "", "")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(env.Stdout, statsUsage)
			return nil
		}
		return usageErr("stats: %s\nRun 'jewelguide stats --help' for its usage.", flagMessage(err))
	}
	if len(files) == 0 {
		return usageErr("stats needs at least one log file, e.g. jewelguide stats consultations.log")
	}
	if *format != "text" && *format != "json" {
		return usageErr("stats: --format %q is not known; use text or json", *format)
	}
	from, to, err := shop.ParseDateRange(*since, *until, time.Local)
	if err != nil {
		return usageErr("stats: %v", err)
	}
	st, err := shop.ReadLogs(uniquePaths(files), from, to)
	if err != nil {
		return badInput(err)
	}
	// Labels and order come from the guide the shop runs; without
	// --guide that is the built-in one.
	g, err := loadGuide(*guide)
	if err != nil {
		return badInput(err)
	}
	st.UseGuide(g)
	if *format == "json" {
		return shop.WriteStatsJSON(env.Stdout, st)
	}
	return shop.WriteStatsText(env.Stdout, st, env.width(), env.Getenv("TERM") == "dumb")
}

// uniquePaths drops repeated files ("stats a.log *.log"), which would
// otherwise count every consultation in them twice.
func uniquePaths(paths []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range paths {
		if key := filepath.Clean(p); !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	return out
}
