package pool

import (
	"context"
	"testing"

	"github.com/jewelguide/jewelguide/quiz/internal/pgtest"
	"github.com/jewelguide/jewelguide/quiz/shop"
)

// BenchmarkSync100k syncs a log of 100,000 new records over the local
// socket; records/s is the figure to read (target: at least 20,000).
func BenchmarkSync100k(b *testing.B) {
	srv := pgtest.Need(b)
	const n = 100000
	path := writeLog(b, b.TempDir(), "big.log", "North", 0, n, true)
	db := open(b, srv.NewSocketDB(b))
	ctx := context.Background()
	if err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if _, err := db.conn.Exec(ctx, "TRUNCATE consultations"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := db.Sync(ctx, path, SyncOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if res.New != n {
			b.Fatalf("%d new, want %d", res.New, n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkStatsDB1M sums up 1,000,000 pooled consultations (50 stores,
// three counters each, 60 days) in the server, as stats --db does. Setting
// it up also times nothing but migrates a million rows from schema
// version 1.
func BenchmarkStatsDB1M(b *testing.B) {
	srv := pgtest.Need(b)
	db := open(b, srv.NewSocketDB(b))
	ctx := context.Background()
	if err := db.migrateTo(ctx, 1); err != nil {
		b.Fatal(err)
	}
	// Filled by the server itself: a million rows through sync would
	// measure sync again.
	_, err := db.conn.Exec(ctx, `INSERT INTO consultations
		(id, time, utc_offset, day, version, guide, guide_hash, verdict, close, scores, answers, reasons)
		SELECT md5(i::text), t, 3600, (t + interval '1 hour')::date, 2, 'Handmade or factory-made?', 'abc123',
			(ARRAY['handcrafted','mass-produced','mix'])[1 + i % 3], i % 4 = 0, '{"handcrafted": 3}',
			jsonb_build_object(
				'occasion', jsonb_build_array((ARRAY['milestone','gift','everyday','trend'])[1 + i % 4]),
				'budget', jsonb_build_array((ARRAY['invest','moderate','lowest'])[1 + i % 3]),
				'lifespan', jsonb_build_array((ARRAY['heirloom','years','season'])[1 + i % 7 % 3]),
				'ethics', jsonb_build_array((ARRAY['traceable','some','none'])[1 + i % 5 % 3]),
				'personal', jsonb_build_array((ARRAY['bespoke','engraving','none'])[1 + i % 11 % 3]),
				'character', jsonb_build_array((ARRAY['unique','uniform'])[1 + i % 2]),
				'extras', CASE WHEN i % 3 = 0 THEN '["meet-maker","hold-value"]'::jsonb ELSE '[]'::jsonb END),
			ARRAY['occasion=milestone', 'budget=invest']
		FROM generate_series(1, 1000000) i,
			LATERAL (SELECT timestamptz '2026-10-01 00:00Z' + (i % 5184000) * interval '1 second') AS at(t)`)
	if err != nil {
		b.Fatal(err)
	}
	// The rows went in as schema version 1 has them; the migration
	// fills in the rest, as it would for a real chain's table.
	if err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	_, err = db.conn.Exec(ctx, "UPDATE consultations SET store = 'Store ' || (hashtext(id) & 63) % 50, counter = 'till ' || (hashtext(id) & 3) % 3")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.conn.Exec(ctx, "VACUUM FULL ANALYZE consultations"); err != nil {
		b.Fatal(err)
	}
	for _, by := range []string{"", "store"} {
		b.Run("by="+by, func(b *testing.B) {
			for b.Loop() {
				st, err := db.Stats(ctx, shop.StatsOptions{By: by})
				if err != nil {
					b.Fatal(err)
				}
				if st.Total != 1000000 {
					b.Fatalf("%d consultations, want 1000000", st.Total)
				}
			}
		})
	}
}
