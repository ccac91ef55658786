package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/shop"
	"github.com/jewelguide/jewelguide/quiz/shop/pool"
)

const syncUsage = `Usage: jewelguide sync [flags] LOG...

Copies the consultations in logs written with --log into a PostgreSQL
database, where head office sums up every store with 'jewelguide stats
--db'. A LOG may be a folder or a pattern such as 'logs/*.log'. Each
record goes in once: running sync again, or on a log that has grown, adds
only what is new, and a sync cut short is finished by the next run. It
creates the tables it needs, or updates them, by itself.

  --db URL           the database, e.g. postgres://shop@head-office/chain
                     (default: $JEWELGUIDE_DB, which keeps it out of the
                     shell's history; the password can also come from
                     PGPASSWORD or ~/.pgpass)
  --with-reference   copy customer references too; they stay in the
                     store's log unless this is given

Prints, per log, how many records were new, already there, or malformed
(malformed lines are listed and skipped).
`

func runSync(ctx context.Context, args []string, env Env) error {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dsn := fs.String("db", "", "")
	withRef := fs.Bool("with-reference", false, "")
	files, help, err := parseSubcommand(fs, args, syncUsage, env)
	if help || err != nil {
		return err
	}
	if *dsn == "" {
		*dsn = env.Getenv("JEWELGUIDE_DB")
	}
	if *dsn == "" {
		return usageErr("sync needs a database: --db postgres://user@host/db, or JEWELGUIDE_DB set to one")
	}
	if len(files) == 0 {
		return usageErr("sync needs at least one log file, e.g. jewelguide sync --db URL consultations.log")
	}
	paths, err := shop.LogFiles(files)
	if err != nil {
		return badInput(err)
	}
	db, err := pool.Open(ctx, *dsn)
	if err != nil {
		return fmt.Errorf("sync: %v", err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return fmt.Errorf("sync: %v", err)
	}
	var total pool.FileResult
	for _, f := range paths {
		res, err := db.Sync(ctx, f, pool.SyncOptions{WithReference: *withRef})
		if err != nil {
			if ctx.Err() != nil {
				// What was stored stays; the next run adds the rest.
				fmt.Fprintf(env.Stdout, "%s: stopped part-way; run sync again to send the rest\n", quiz.Inert(f))
				return ctx.Err()
			}
			return fmt.Errorf("sync: %v", err)
		}
		writeSyncResult(env.Stdout, res)
		total.New += res.New
		total.Already += res.Already
		total.Malformed += res.Malformed
	}
	if len(paths) > 1 {
		total.File = "all logs"
		writeSyncResult(env.Stdout, total)
	}
	return nil
}

func writeSyncResult(w io.Writer, r pool.FileResult) {
	fmt.Fprintf(w, "%s: %d new, %d already there, %d malformed\n", quiz.Inert(r.File), r.New, r.Already, r.Malformed)
	var b strings.Builder
	for _, bl := range r.Bad {
		fmt.Fprintf(&b, "  %s\n", quiz.Inert(bl.String()))
	}
	if r.Malformed > len(r.Bad) {
		fmt.Fprintf(&b, "  … and %d more\n", r.Malformed-len(r.Bad))
	}
	io.WriteString(w, b.String())
}

// statsFromDB is stats --db: the same statistics, counted by the server.
func statsFromDB(ctx context.Context, dsn string, opt shop.StatsOptions) (*shop.Stats, error) {
	db, err := pool.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("stats: %v", err)
	}
	defer db.Close()
	st, err := db.Stats(ctx, opt)
	if err != nil {
		return nil, fmt.Errorf("stats: %v", err)
	}
	return st, nil
}
