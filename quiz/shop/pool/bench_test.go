package pool

import (
	"context"
	"testing"

	"github.com/jewelguide/jewelguide/quiz/internal/pgtest"
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
