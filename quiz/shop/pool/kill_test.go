package pool

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/jewelguide/jewelguide/quiz/internal/pgtest"
)

// childEnv makes the test binary a syncing child process, so the test can
// kill a sync in the middle the way a power cut or kill -9 would.
const childEnv = "JEWELGUIDE_POOL_CHILD"

const childBatch = 200

func syncChild() int {
	ctx := context.Background()
	db, err := Open(ctx, os.Getenv("JEWELGUIDE_DB"))
	if err == nil {
		err = db.Migrate(ctx)
	}
	if err == nil {
		_, err = db.Sync(ctx, os.Getenv(childEnv), SyncOptions{Batch: childBatch})
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

func TestSyncKilledMidwayThenRerunHoldsEveryRecordOnce(t *testing.T) {
	srv := pgtest.Need(t)
	url := srv.NewDB(t)
	const total = 40000
	path := writeLog(t, t.TempDir(), "big.log", "North", 0, total, false)
	db := open(t, url)
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}

	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), childEnv+"="+path, "JEWELGUIDE_DB="+url)
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- child.Wait() }()
	// Kill it once a few batches are in, in the middle of the rest.
	for count(t, db, "") < 3*childBatch {
		select {
		case err := <-done:
			t.Fatalf("the child sync ended before it could be killed: %v", err)
		case <-time.After(5 * time.Millisecond):
		}
	}
	child.Process.Kill()
	<-done

	before := count(t, db, "")
	if before >= total {
		t.Fatalf("the child had synced all %d records before the kill; the test killed nothing", total)
	}
	if before%childBatch != 0 {
		t.Errorf("after the kill the table holds %d records: a batch was half written", before)
	}
	res := syncFile(t, db, path, SyncOptions{})
	if res.New != total-before || res.Already != before {
		t.Errorf("rerun: %d new, %d already there; want %d and %d", res.New, res.Already, total-before, before)
	}
	if n := count(t, db, ""); n != total {
		t.Errorf("table holds %d records, want each of %d once", n, total)
	}
}
