package pool

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/jewelguide/jewelguide/quiz/shop"
)

// Stats sums up the pooled consultations with the same options and the
// same result as shop.ReadLogs over the same records in files: the server
// groups and counts, and the counts fill shop's tables, so both paths
// share one set of rules for what a table holds.
func (db *DB) Stats(ctx context.Context, opt shop.StatsOptions) (*shop.Stats, error) {
	if err := db.checkSchema(ctx); err != nil {
		return nil, err
	}
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if opt.Since != "" {
		conds = append(conds, "day >= "+arg(opt.Since)+"::date")
	}
	if opt.Until != "" {
		conds = append(conds, "day <= "+arg(opt.Until)+"::date")
	}
	if opt.Store != "" {
		conds = append(conds, "store = "+arg(opt.Store))
	}
	where := "true"
	if len(conds) > 0 {
		where = strings.Join(conds, " AND ")
	}
	group := "guide, guide_hash, ''"
	switch opt.By {
	case "store":
		group = "guide, guide_hash, store"
	case "counter":
		group = "guide, guide_hash, counter"
	}

	b := shop.NewBuilder(opt)
	// Each query adds one kind of count; a question's answers must be
	// counted before its options.
	steps := []struct {
		sql string
		add func(t *shop.Tally, key []string, n, m int)
	}{
		{`SELECT ` + group + `, day::text, verdict, count(*), count(*) FILTER (WHERE close)
			FROM consultations WHERE ` + where + ` GROUP BY 1, 2, 3, 4, 5`,
			func(t *shop.Tally, k []string, n, m int) { t.AddConsultations(k[0], k[1], m, n) }},
		{`SELECT ` + group + `, q, '', count(*), 0
			FROM consultations, unnest(answered) q WHERE ` + where + ` GROUP BY 1, 2, 3, 4`,
			func(t *shop.Tally, k []string, n, _ int) { t.AddAnswered(k[0], n) }},
		{`SELECT ` + group + `, q, o, count(*), 0
			FROM consultations, unnest(chosen_question, chosen_option) c(q, o)
			WHERE ` + where + ` GROUP BY 1, 2, 3, 4, 5`,
			func(t *shop.Tally, k []string, n, _ int) { t.AddChosen(k[0], k[1], n) }},
		{`SELECT ` + group + `, r, '', count(*), 0
			FROM consultations, unnest(reasons) r WHERE ` + where + ` GROUP BY 1, 2, 3, 4`,
			func(t *shop.Tally, k []string, n, _ int) { t.AddReason(k[0], n) }},
	}
	for _, s := range steps {
		rows, err := db.conn.Query(ctx, s.sql, args...)
		if err != nil {
			return nil, db.fail("cannot read", err)
		}
		var guide, hash, by, k1, k2 string
		var n, m int
		_, err = pgx.ForEachRow(rows, []any{&guide, &hash, &by, &k1, &k2, &n, &m}, func() error {
			s.add(b.Group(guide, hash, by), []string{k1, k2}, n, m)
			return nil
		})
		if err != nil {
			return nil, db.fail("cannot read", err)
		}
	}
	if len(conds) > 0 {
		var out int
		if err := db.conn.QueryRow(ctx, "SELECT count(*) FROM consultations WHERE NOT ("+where+")", args...).Scan(&out); err != nil {
			return nil, db.fail("cannot read", err)
		}
		b.AddOutOfRange(out)
	}
	return b.Finish(), nil
}
