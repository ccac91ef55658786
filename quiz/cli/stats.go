package cli

import (
	"context"
	"flag"
	"io"
	"strings"

	"github.com/jewelguide/jewelguide/data"
	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/plain"
	"github.com/jewelguide/jewelguide/quiz/shop"
)

const statsUsage = `Usage: jewelguide stats [flags] LOG...
       jewelguide stats [flags] --db URL

Sums up consultation logs written with --log: consultations per outcome and
per day, how often each option was chosen, which reasons decided most
verdicts, and the share of close calls. Each guide found in the logs gets
tables of its own. A LOG may be a folder (the files in it) or a pattern
such as 'logs/*.log'; a file named twice is read once. Malformed lines are
counted, listed with their line number, and skipped.

A consultation's day is the date on the clock where it happened: the date
in the time offset its record was written with. Records written in UTC
(older versions did that) keep their UTC date.

  --since DATE    only consultations on or after DATE (YYYY-MM-DD)
  --until DATE    only consultations on or before DATE (YYYY-MM-DD)
  --store NAME    only consultations of this store
  --by WHAT       separate tables per store or per counter: store, counter
  --db URL        sum up the consultations copied there with jewelguide
                  sync instead of log files (default without LOG:
                  $JEWELGUIDE_DB); the same tables, counted by the server
  --format FMT    text (default) or json
  --guide FILE    take labels and order from this guide (default: the
                  built-in guide, for records it wrote)
`

func runStats(ctx context.Context, args []string, env Env) error {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	since := fs.String("since", "", "")
	until := fs.String("until", "", "")
	format := fs.String("format", "text", "")
	guide := fs.String("guide", "", "")
	store := fs.String("store", "", "")
	by := fs.String("by", "", "")
	dsn := fs.String("db", "", "")
	args, help, err := parseSubcommand(fs, args, statsUsage, env)
	if help || err != nil {
		return err
	}
	if *dsn == "" && len(args) == 0 {
		*dsn = env.Getenv("JEWELGUIDE_DB")
	}
	if *dsn != "" && len(args) > 0 {
		return usageErr("stats reads either log files or a database (--db), not both")
	}
	if *dsn == "" && len(args) == 0 {
		return usageErr("stats needs at least one log file, e.g. jewelguide stats consultations.log")
	}
	if *format != "text" && *format != "json" {
		return usageErr("stats: --format %q is not known; use text or json", *format)
	}
	if *by != "" && *by != "store" && *by != "counter" {
		return usageErr("stats: --by %q is not known; use store or counter", *by)
	}
	if err := refuseEmpty(fs, "guide", "store"); err != nil {
		return err
	}
	from, to, err := shop.ParseDateRange(*since, *until)
	if err != nil {
		return usageErr("stats: %v", err)
	}
	guideFor, err := statsGuides(*guide)
	if err != nil {
		return badInput(err)
	}
	opt := shop.StatsOptions{Since: from, Until: to, Store: *store, By: *by, GuideFor: guideFor}
	if *dsn != "" {
		st, err := statsFromDB(ctx, *dsn, opt)
		if err != nil {
			return err
		}
		return writeStats(env, *format, st)
	}
	files, err := shop.LogFiles(args)
	if err != nil {
		return badInput(err)
	}
	st, err := shop.ReadLogs(files, opt)
	if err != nil {
		return badInput(err)
	}
	return writeStats(env, *format, st)
}

// statsGuides says which guide labels a group of records: the one given
// with --guide for all of them (the shop says which it runs), else the
// built-in guide for the records it wrote. Records of another guide show
// their ids rather than labels that may not be theirs.
func statsGuides(path string) (func(hash string) *quiz.Guide, error) {
	if path != "" {
		g, err := quiz.Load(path)
		if err != nil {
			return nil, err
		}
		return func(string) *quiz.Guide { return g }, nil
	}
	g, err := quiz.Parse(data.GuideFile, data.Guide)
	if err != nil {
		return nil, err
	}
	return func(hash string) *quiz.Guide {
		if hash == g.Hash {
			return g
		}
		return nil
	}, nil
}

// writeStats prints statistics in the chosen format; stats over files and
// over a database share it.
func writeStats(env Env, format string, st *shop.Stats) error {
	if format == "json" {
		return shop.WriteStatsJSON(env.Stdout, st)
	}
	return shop.WriteStatsText(env.Stdout, st, env.width(), env.Getenv("TERM") == "dumb" || plain.Accessible(env.Getenv("ACCESSIBLE")))
}

// refuseEmpty refuses flags given with an empty value: an empty --log is
// a mistake (an unset variable in a script), not a request for the
// default, and silently logging nothing or using the built-in guide would
// hide it.
func refuseEmpty(fs *flag.FlagSet, names ...string) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		for _, n := range names {
			if f.Name == n && err == nil && strings.TrimSpace(f.Value.String()) == "" {
				err = usageErr("--%s is empty; give a value or leave the flag out", n)
			}
		}
	})
	return err
}
