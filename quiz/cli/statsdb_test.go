package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/jewelguide/jewelguide/data"
	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/internal/pgtest"
	"github.com/jewelguide/jewelguide/quiz/shop"
)

// chainLogs writes one log per store, each with perStore consultations
// of the built-in guide made the way the counters make them, plus the
// odd cases: old records without id or store, another guide, repeated
// options, a question answered with none of its options, offsets on
// either side of UTC. It returns the logs' folder.
func chainLogs(t testing.TB, stores, perStore int) string {
	t.Helper()
	g, err := quiz.Parse(data.GuideFile, data.Guide)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	zones := []*time.Location{time.UTC, time.FixedZone("", 3600), time.FixedZone("", -5*3600), time.FixedZone("", 13*3600)}
	for s := 0; s < stores; s++ {
		r := rand.New(rand.NewPCG(uint64(s), 14))
		store := fmt.Sprintf("Store %02d", s)
		var b strings.Builder
		for i := 0; i < perStore; i++ {
			a := quiz.Answers{}
			for _, q := range g.Questions {
				switch n := r.IntN(q.Max + 2); {
				case n == q.Max+1: // left out
				default:
					var opts []string
					for _, k := range r.Perm(len(q.Options))[:min(n, len(q.Options))] {
						opts = append(opts, q.Options[k].ID)
					}
					a[q.ID] = opts
				}
			}
			when := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(60*24*3600)) * time.Second).In(zones[r.IntN(len(zones))])
			rec := shop.NewRecord(g, g.Evaluate(a), "", when, shop.Origin{Store: store, Counter: fmt.Sprintf("till %d", r.IntN(3))})
			switch i % 50 {
			case 7: // logged before records had ids and stores
				rec.ID, rec.Store, rec.Counter, rec.Version = "", "", "", 1
			case 11:
				rec.Guide, rec.GuideHash = "Our own guide", "f00d"
			case 13:
				for q, opts := range rec.Answers {
					if len(opts) > 0 {
						rec.Answers[q] = append(opts, opts[0])
					}
				}
				rec.Reasons = append(rec.Reasons, rec.Reasons...)
			}
			line, err := json.Marshal(rec)
			if err != nil {
				t.Fatal(err)
			}
			b.Write(line)
			b.WriteByte('\n')
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("store-%02d.log", s)), []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// sameStats runs stats over the logs and over the database with the same
// flags and wants the same output; in JSON only the list of files read
// may differ.
func sameStats(t *testing.T, dir, url string, flags ...string) string {
	t.Helper()
	files := runMain(t, map[string]string{"TERM": "dumb"}, append(append([]string{"stats"}, flags...), dir)...)
	db := runMain(t, map[string]string{"TERM": "dumb"}, append(append([]string{"stats"}, flags...), "--db", url)...)
	if files.code != 0 || db.code != 0 {
		t.Fatalf("stats %v: exit %d over files, %d over the database\n%s%s", flags, files.code, db.code, files.stderr, db.stderr)
	}
	fo, do := files.stdout, db.stdout
	if strings.Contains(strings.Join(flags, " "), "json") {
		if strings.Contains(do, `"files"`) || !strings.Contains(fo, `"files"`) {
			t.Errorf("stats %v: the JSON over files should list them, over the database not:\n%s", flags, do)
		}
		fo, do = withoutFiles(t, fo), withoutFiles(t, do)
	}
	if fo != do {
		t.Errorf("stats %v differ; over files:\n%s\nover the database:\n%s", flags, fo, do)
	}
	return files.stdout
}

func withoutFiles(t *testing.T, s string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("%v\n%s", err, s)
	}
	delete(m, "files")
	out, _ := json.MarshalIndent(m, "", "  ")
	return string(out)
}

func syncAll(t *testing.T, url, dir string) string {
	t.Helper()
	r := runMain(t, map[string]string{"JEWELGUIDE_DB": url}, "sync", dir)
	if r.code != 0 {
		t.Fatalf("sync: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

func TestStatsOverTheDatabaseEqualStatsOverFiles(t *testing.T) {
	srv := pgtest.Need(t)
	dir := chainLogs(t, 3, 400)
	url := srv.NewDB(t)
	syncAll(t, url, dir)
	for _, flags := range [][]string{
		{},
		{"--format", "json"},
		{"--by", "store"},
		{"--by", "counter", "--format", "json"},
		{"--store", "Store 01", "--format", "json"},
		{"--store", "Store 02"},
		{"--since", "2026-10-20", "--until", "2026-11-02", "--format", "json"},
		{"--since", "2026-11-15", "--by", "store"},
		{"--until", "2026-10-01", "--by", "counter"},
		{"--store", "nowhere"},
	} {
		out := sameStats(t, dir, url, flags...)
		if len(flags) == 0 && !strings.Contains(out, "Consultations: 1200") {
			t.Errorf("the logs hold 1200 consultations; stats says:\n%s", out)
		}
	}
}

// TestFiftyStoresByStore: a chain of fifty stores, 2,000 consultations
// each, gives the same per-store tables from the database as from the
// files.
func TestFiftyStoresByStore(t *testing.T) {
	srv := pgtest.Need(t)
	dir := chainLogs(t, 50, 2000)
	url := srv.NewDB(t)
	if out := syncAll(t, url, dir); !strings.Contains(out, "all logs: 100000 new, 0 already there, 0 malformed") {
		t.Fatalf("sync of 50 × 2,000 records:\n%s", out)
	}
	out := sameStats(t, dir, url, "--by", "store", "--format", "json")
	var st shop.JSONStats
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatal(err)
	}
	perStore := map[string]int{}
	for _, g := range st.Groups {
		if g.Store != nil {
			perStore[*g.Store] += g.Consultations
		}
	}
	// Every 50th record is an old one without a store: 40 per log.
	if st.Consultations != 100000 || perStore["Store 00"] != 1960 || perStore["Store 49"] != 1960 || perStore[""] != 50*40 {
		t.Errorf("%d consultations; per store %v", st.Consultations, perStore)
	}
}

func TestStatsDBUsage(t *testing.T) {
	if r := runMain(t, nil, "stats", "--db", "postgres://x@localhost/db", "a.log"); r.code != ExitUsage || !strings.Contains(r.stderr, "not both") {
		t.Errorf("--db with log files: exit %d, %q", r.code, r.stderr)
	}
	srv := pgtest.Need(t)
	// A database nothing was synced to yet.
	r := runMain(t, nil, "stats", "--db", srv.NewDB(t))
	if r.code != ExitFailure || !strings.Contains(r.stderr, "run jewelguide sync first") {
		t.Errorf("empty database: exit %d, %q", r.code, r.stderr)
	}
}

// TestReadmeQueriesRun runs the README's SQL examples on a synced
// database, so the documented queries cannot drift from the tables.
func TestReadmeQueriesRun(t *testing.T) {
	srv := pgtest.Need(t)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```sql\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	var queries []string
	for _, b := range blocks {
		for _, q := range strings.Split(b[1], ";") {
			if strings.Contains(q, "SELECT") {
				queries = append(queries, q)
			}
		}
	}
	if len(queries) < 3 {
		t.Fatalf("found %d SQL examples in the README", len(queries))
	}
	url := srv.NewDB(t)
	syncAll(t, url, chainLogs(t, 2, 100))
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	for _, q := range queries {
		// Whether a query finds rows depends on today's date; that it
		// runs does not.
		rows, err := conn.Query(context.Background(), q)
		if err == nil {
			rows.Close()
			err = rows.Err()
		}
		if err != nil {
			t.Errorf("%v in %s", err, q)
		}
	}
}
