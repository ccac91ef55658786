package shop

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/jewelguide/jewelguide/quiz"
)

// benchRecords is how many records BenchmarkReadLogs reads; set
// JEWELGUIDE_BENCH_RECORDS=1000000 for the README's figures.
func benchRecords() int {
	if n, err := strconv.Atoi(os.Getenv("JEWELGUIDE_BENCH_RECORDS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// writeBenchLog writes n records like a chain's counters write them: the
// built-in guide's questions answered at random, a year of days in order,
// in three time zones, twenty stores of three counters each.
func writeBenchLog(b *testing.B, n int) string {
	b.Helper()
	g := testGuide(b)
	path := filepath.Join(b.TempDir(), "bench.log")
	// JEWELGUIDE_BENCH_LOG keeps the log, to time the command on it too
	// (README, Performance).
	if keep := os.Getenv("JEWELGUIDE_BENCH_LOG"); keep != "" {
		path = keep
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	rng := rand.New(rand.NewSource(1))
	zones := []*time.Location{time.FixedZone("PST", -8*3600), time.UTC, time.FixedZone("CET", 3600)}
	start := time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		a := quiz.Answers{}
		for _, q := range g.Questions {
			k := 1
			if q.Multi() {
				k = rng.Intn(q.Max + 1)
			}
			opts := []string{}
			for _, j := range rng.Perm(len(q.Options))[:k] {
				opts = append(opts, q.Options[j].ID)
			}
			a[q.ID] = opts
		}
		// Logs are appended as consultations end: in time order.
		now := start.Add(time.Duration(int64(i) * int64(365*24*time.Hour) / int64(n))).In(zones[rng.Intn(len(zones))])
		origin := Origin{Store: fmt.Sprintf("store-%02d", rng.Intn(20)), Counter: fmt.Sprintf("till-%d", rng.Intn(3))}
		line, err := json.Marshal(NewRecord(g, g.Evaluate(a), "", now, origin))
		if err != nil {
			b.Fatal(err)
		}
		w.Write(append(line, '\n'))
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkReadLogs measures stats over files: records per second, and
// the heap in use after reading, which stays flat in the number of
// records.
func BenchmarkReadLogs(b *testing.B) {
	n := benchRecords()
	path := writeBenchLog(b, n)
	fi, _ := os.Stat(path)
	g := testGuide(b)
	opt := StatsOptions{GuideFor: func(string) *quiz.Guide { return g }}
	b.SetBytes(fi.Size())
	b.ResetTimer()
	var st *Stats
	for i := 0; i < b.N; i++ {
		var err error
		if st, err = ReadLogs([]string{path}, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if st.Total != n || st.BadCount != 0 {
		b.Fatalf("read %d records (%d bad), want %d", st.Total, st.BadCount, n)
	}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MiB")
}
