package pool

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jewelguide/jewelguide/quiz/internal/pgtest"
)

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(syncChild())
	}
	pgtest.Main(m)
}

// fakeRecord is one log line as the counters write it; i seeds the
// answers, so the same i gives the same record.
type fakeRecord struct {
	ID        string              `json:"id,omitempty"`
	Version   int                 `json:"version"`
	Time      string              `json:"time"`
	Guide     string              `json:"guide"`
	GuideHash string              `json:"guide_hash"`
	Answers   map[string][]string `json:"answers"`
	Verdict   string              `json:"verdict"`
	Close     bool                `json:"close"`
	Scores    map[string]int      `json:"scores"`
	Reasons   []string            `json:"reasons"`
	Reference string              `json:"reference,omitempty"`
	Store     string              `json:"store,omitempty"`
	Counter   string              `json:"counter,omitempty"`
}

var (
	verdicts = []string{"handcrafted", "mass-produced", "mix"}
	offsets  = []string{"Z", "+01:00", "-05:00", "+09:30"}
)

func makeRecord(i int, store string, withID bool) fakeRecord {
	r := rand.New(rand.NewPCG(uint64(i), 7))
	t := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(30*24*3600)) * time.Second)
	off := offsets[r.IntN(len(offsets))]
	rec := fakeRecord{
		Version: 1, Time: t.Format("2006-01-02T15:04:05") + off, Guide: "Handmade or factory-made?", GuideHash: "abc123",
		Answers: map[string][]string{
			"occasion": {[]string{"milestone", "gift", "everyday", "trend"}[r.IntN(4)]},
			"budget":   {[]string{"invest", "moderate", "lowest"}[r.IntN(3)]},
			"extras":   []string{"meet-maker", "hold-value"}[:r.IntN(3)],
		},
		Verdict: verdicts[r.IntN(3)], Close: r.IntN(4) == 0,
		Scores:  map[string]int{"handcrafted": r.IntN(10), "mass-produced": r.IntN(10)},
		Reasons: []string{"occasion=milestone", "budget=invest", "heirloom-milestone"}[:1+r.IntN(3)],
		Store:   store, Counter: fmt.Sprintf("till-%d", r.IntN(3)),
		Reference: "ring-smith",
	}
	if withID {
		rec.ID = fmt.Sprintf("%032x", uint64(i)*2654435761+1)
	}
	return rec
}

// writeLog writes records from..to-1 as a log and returns its path.
func writeLog(t testing.TB, dir, name, store string, from, to int, withID bool) string {
	t.Helper()
	var b strings.Builder
	for i := from; i < to; i++ {
		line, err := json.Marshal(makeRecord(i, store, withID))
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func open(t testing.TB, url string) *DB {
	t.Helper()
	db, err := Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func count(t testing.TB, db *DB, where string) int {
	t.Helper()
	var n int
	if err := db.conn.QueryRow(context.Background(), "SELECT count(*) FROM consultations "+where).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func syncFile(t testing.TB, db *DB, path string, opts SyncOptions) FileResult {
	t.Helper()
	ctx := context.Background()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	res, err := db.Sync(ctx, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestSchemaCreatedThenMigratedFromPreviousVersion(t *testing.T) {
	srv := pgtest.Need(t)
	ctx := context.Background()

	fresh := open(t, srv.NewDB(t))
	if err := fresh.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if v, err := schemaVersion(ctx, fresh.conn); err != nil || v != SchemaVersion {
		t.Fatalf("fresh database: schema version %d, %v; want %d", v, err, SchemaVersion)
	}
	if err := fresh.Migrate(ctx); err != nil {
		t.Fatalf("migrating an up-to-date database: %v", err)
	}

	old := open(t, srv.NewDB(t))
	if err := old.migrateTo(ctx, SchemaVersion-1); err != nil {
		t.Fatal(err)
	}
	// A row written by the previous version, without store or counter.
	_, err := old.conn.Exec(ctx, `INSERT INTO consultations (id, time, utc_offset, day, version, guide, guide_hash, verdict, close, scores, answers, reasons)
		VALUES ('ffffffffffffffffffffffffffffffff', '2026-11-02T10:00:00Z', 0, '2026-11-02', 1, 'g', 'h', 'mix', true, '{}',
			'{"occasion": ["gift"], "extras": ["meet-maker", "hold-value"], "budget": []}', '{}')`)
	if err != nil {
		t.Fatal(err)
	}
	res := syncFile(t, old, writeLog(t, t.TempDir(), "a.log", "North", 0, 10, true), SyncOptions{})
	if res.New != 10 {
		t.Errorf("sync after migration: %d new, want 10", res.New)
	}
	if v, _ := schemaVersion(ctx, old.conn); v != SchemaVersion {
		t.Errorf("after sync the schema is version %d, want %d", v, SchemaVersion)
	}
	if n := count(t, old, "WHERE store = '' AND id = 'ffffffffffffffffffffffffffffffff'"); n != 1 {
		t.Errorf("the row from the previous version is gone or changed (%d found)", n)
	}
	// Its answers were copied into the arrays that stats counts.
	var answered, chosen []string
	err = old.conn.QueryRow(ctx, `SELECT ARRAY(SELECT unnest(answered) ORDER BY 1),
		ARRAY(SELECT q || '=' || o FROM unnest(chosen_question, chosen_option) c(q, o) ORDER BY 1)
		FROM consultations WHERE id = 'ffffffffffffffffffffffffffffffff'`).Scan(&answered, &chosen)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(answered) != "[budget extras occasion]" || fmt.Sprint(chosen) != "[extras=hold-value extras=meet-maker occasion=gift]" {
		t.Errorf("migrated answers: answered %v, chosen %v", answered, chosen)
	}

	// A database from a newer jewelguide is refused, not altered.
	if _, err := old.conn.Exec(ctx, "UPDATE jewelguide_schema SET version = 99"); err != nil {
		t.Fatal(err)
	}
	err = old.Migrate(ctx)
	if err == nil || !strings.Contains(err.Error(), "version 99") || !strings.Contains(err.Error(), "update jewelguide") {
		t.Errorf("a newer schema: %v", err)
	}
}

func TestResyncInsertsEachRecordOnce(t *testing.T) {
	srv := pgtest.Need(t)
	dir := t.TempDir()
	db := open(t, srv.NewDB(t))

	withIDs := writeLog(t, dir, "ids.log", "North", 0, 300, true)
	res := syncFile(t, db, withIDs, SyncOptions{Batch: 50})
	if res.New != 300 || res.Already != 0 || res.Malformed != 0 {
		t.Fatalf("first sync: %+v", res)
	}
	res = syncFile(t, db, withIDs, SyncOptions{Batch: 50})
	if res.New != 0 || res.Already != 300 {
		t.Fatalf("second sync of the same log: %+v", res)
	}
	// The log grew: only the new lines are new.
	grown := writeLog(t, dir, "ids.log", "North", 0, 420, true)
	if res = syncFile(t, db, grown, SyncOptions{Batch: 50}); res.New != 120 || res.Already != 300 {
		t.Fatalf("sync of the grown log: %+v", res)
	}
	if n := count(t, db, ""); n != 420 {
		t.Fatalf("table holds %d records, want 420", n)
	}

	// Records without ids: identical lines at different places stay two
	// records, and the same file synced again adds nothing.
	line, _ := json.Marshal(makeRecord(1, "South", false))
	old := filepath.Join(dir, "old.log")
	os.WriteFile(old, []byte(string(line)+"\n"+string(line)+"\nnot json\n\n"+`{"version":1,"verdict":"mix"}`+"\n"), 0o600)
	res = syncFile(t, db, old, SyncOptions{})
	if res.New != 2 || res.Malformed != 2 {
		t.Fatalf("old log without ids: %+v", res)
	}
	if len(res.Bad) != 2 || res.Bad[0].Line != 3 || res.Bad[1].Line != 5 || !strings.Contains(res.Bad[1].Problem, "no time") {
		t.Errorf("malformed lines listed as %v", res.Bad)
	}
	if res = syncFile(t, db, old, SyncOptions{}); res.New != 0 || res.Already != 2 {
		t.Fatalf("old log again: %+v", res)
	}
}

func TestReferenceStaysInTheStoreUnlessAskedFor(t *testing.T) {
	srv := pgtest.Need(t)
	dir := t.TempDir()
	db := open(t, srv.NewDB(t))
	syncFile(t, db, writeLog(t, dir, "a.log", "North", 0, 5, true), SyncOptions{})
	if n := count(t, db, "WHERE reference IS NOT NULL"); n != 0 {
		t.Errorf("%d references copied without --with-reference", n)
	}
	syncFile(t, db, writeLog(t, dir, "b.log", "North", 5, 10, true), SyncOptions{WithReference: true})
	if n := count(t, db, "WHERE reference = 'ring-smith'"); n != 5 {
		t.Errorf("with references: %d copied, want 5", n)
	}
}

func TestRecordKeepsItsOwnDay(t *testing.T) {
	srv := pgtest.Need(t)
	dir := t.TempDir()
	db := open(t, srv.NewDB(t))
	path := filepath.Join(dir, "late.log")
	// 23:30 in New York is already the next day in UTC.
	os.WriteFile(path, []byte(`{"version":1,"time":"2026-11-27T23:30:00-05:00","guide":"g","guide_hash":"h","answers":{},"verdict":"mix","close":false,"scores":{},"reasons":[]}`+"\n"), 0o600)
	syncFile(t, db, path, SyncOptions{})
	var day string
	var off int
	if err := db.conn.QueryRow(context.Background(), "SELECT day::text, utc_offset FROM consultations").Scan(&day, &off); err != nil {
		t.Fatal(err)
	}
	if day != "2026-11-27" || off != -5*3600 {
		t.Errorf("stored day %s, offset %d; want 2026-11-27, -18000", day, off)
	}
}
