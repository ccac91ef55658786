package pool

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/shop"
)

// DefaultBatch is how many records go to the server in one transaction:
// large enough that a round trip and a commit cost little per record,
// small enough that an interrupted sync loses seconds of work, not minutes.
const DefaultBatch = 5000

// maxBadListed bounds how many malformed lines a result lists one by one.
const maxBadListed = 50

// SyncOptions tune Sync.
type SyncOptions struct {
	// WithReference copies the customer reference too; by default it
	// stays in the store's own log.
	WithReference bool
	// Batch is the number of records per transaction (DefaultBatch when 0).
	Batch int
}

// FileResult is what syncing one log did.
type FileResult struct {
	File string
	// New counts records the database did not have; Already those it had
	// (also a record repeated within the logs); Malformed lines that are
	// no record at all.
	New, Already, Malformed int
	// Bad lists the first malformed lines.
	Bad []shop.BadLine
}

// columns are those Sync fills, in the order of a row; synced takes its
// default.
var columns = []string{"id", "time", "utc_offset", "day", "version", "guide", "guide_hash",
	"verdict", "close", "scores", "answers", "reasons", "reference", "store", "counter", "public",
	"answered", "chosen_question", "chosen_option"}

// Sync copies the records of the log at path into the database; Migrate
// must have run. Each batch is one transaction that inserts only ids the
// table lacks, so a sync killed half-way leaves whole batches behind and
// the next run adds the rest, each record once.
func (db *DB) Sync(ctx context.Context, path string, opts SyncOptions) (FileResult, error) {
	res := FileResult{File: path}
	f, err := os.Open(path)
	if err != nil {
		return res, fmt.Errorf("cannot read the log %s: %w", path, err)
	}
	defer f.Close()
	if err := db.prepareIncoming(ctx); err != nil {
		return res, err
	}
	batch := opts.Batch
	if batch <= 0 {
		batch = DefaultBatch
	}
	// Reading and parsing one batch overlaps with the server storing the
	// one before: on a small machine the two take about the same time.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan [][]any, 1)
	var parsed FileResult // the reader's count of malformed lines
	readDone := make(chan error, 1)
	go func() {
		defer close(batches)
		rows := make([][]any, 0, batch)
		send := func() error {
			select {
			case batches <- rows:
				rows = make([][]any, 0, batch)
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		err := eachLine(f, func(n int, line []byte, tooLong bool) error {
			if tooLong {
				parsed.bad(path, n, shop.LongLine())
				return nil
			}
			row, problem := recordRow(line, n, opts.WithReference)
			if problem != "" {
				parsed.bad(path, n, problem)
				return nil
			}
			if rows = append(rows, row); len(rows) == batch {
				return send()
			}
			return nil
		})
		if err == nil && len(rows) > 0 {
			err = send()
		}
		readDone <- err
	}()
	var insertErr error
	for rows := range batches {
		if insertErr != nil {
			continue // drain, so the reader can finish
		}
		n, err := db.insert(ctx, rows)
		if err != nil {
			insertErr = err
			cancel()
			continue
		}
		res.New += n
		res.Already += len(rows) - n
	}
	readErr := <-readDone
	res.Malformed, res.Bad = parsed.Malformed, parsed.Bad
	if insertErr != nil {
		return res, insertErr
	}
	var re *readError
	if errors.As(readErr, &re) {
		return res, fmt.Errorf("cannot read the log %s: %w", path, re.err)
	}
	if readErr != nil {
		return res, db.fail("cannot write to", readErr)
	}
	return res, nil
}

func (r *FileResult) bad(file string, n int, problem string) {
	r.Malformed++
	if len(r.Bad) < maxBadListed {
		r.Bad = append(r.Bad, shop.BadLine{File: file, Line: n, Problem: problem})
	}
}

// prepareIncoming makes the session's staging table: COPY is the fast way
// in, but it cannot skip rows that are already there, so rows are copied
// here and moved on with INSERT … ON CONFLICT DO NOTHING.
func (db *DB) prepareIncoming(ctx context.Context) error {
	_, err := db.conn.Exec(ctx, `CREATE TEMP TABLE IF NOT EXISTS incoming
		(LIKE consultations INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`)
	if err != nil {
		return db.fail("cannot prepare the upload to", err)
	}
	return nil
}

// insert adds rows in one transaction and returns how many were new.
func (db *DB) insert(ctx context.Context, rows [][]any) (int, error) {
	var added int64
	err := pgx.BeginFunc(ctx, db.conn, func(tx pgx.Tx) error {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"incoming"}, columns, pgx.CopyFromRows(rows)); err != nil {
			return err
		}
		// DISTINCT ON keeps one of a record repeated within the batch;
		// the repeat counts as already there.
		tag, err := tx.Exec(ctx, `INSERT INTO consultations SELECT DISTINCT ON (id) * FROM incoming
			ON CONFLICT (id) DO NOTHING`)
		added = tag.RowsAffected()
		return err
	})
	if err != nil {
		return 0, db.fail("cannot write to", err)
	}
	return int(added), nil
}

// hexID reports whether id is 32 lower-case hex digits, the form record
// ids take.
func hexID(id string) bool {
	if len(id) != 32 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// recordRow turns one log line into a row, or says why it cannot.
func recordRow(line []byte, n int, withRef bool) ([]any, string) {
	rec, problem := shop.ParseRecord(line)
	if problem != "" {
		return nil, problem
	}
	if rec.ID != "" && !hexID(rec.ID) {
		return nil, fmt.Sprintf("its id %q is not 32 lower-case hex digits", rec.ID)
	}
	id := rec.ID
	if id == "" {
		id = derivedID(line, n)
	}
	_, offset := rec.Time.Zone()
	// The record's day is the calendar day where it was written, by its
	// own offset, as the statistics over files count it.
	y, m, d := rec.Time.Date()
	day := pgtype.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), Valid: true}
	var ref any
	if withRef && strings.TrimSpace(rec.Reference) != "" {
		ref = rec.Reference
	}
	scores := rec.Scores
	if scores == nil {
		scores = map[string]int{}
	}
	answers := cleanAnswers(rec.Answers)
	answered := make([]string, 0, len(answers))
	var cq, co []string
	for q, opts := range answers {
		answered = append(answered, q)
		for _, o := range opts {
			cq, co = append(cq, q), append(co, o)
		}
	}
	return []any{id, rec.Time, int32(offset), day, int32(rec.Version), rec.Guide, rec.GuideHash,
		rec.Verdict, rec.Close, scores, answers, dedupe(rec.Reasons), ref,
		rec.Store, rec.Counter, rec.Public, answered, nonNil(cq), nonNil(co)}, ""
}

// derivedID gives a record logged before records had ids a stable one: the
// same line at the same place in its file always gets the same id, so
// re-syncing finds it, while two identical consultations on different
// lines stay two records.
func derivedID(line []byte, n int) string {
	h := sha256.New()
	fmt.Fprintf(h, "jewelguide record\x00%d\x00", n)
	h.Write(bytes.TrimSpace(line))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// cleanAnswers drops repeated options, which statistics count once, so
// that SQL over the table can count rows. A question answered with none
// of its options keeps an empty list: it counts as answered.
func cleanAnswers(a quiz.Answers) map[string][]string {
	out := make(map[string][]string, len(a))
	for q, opts := range a {
		out[q] = dedupe(opts)
	}
	return out
}

func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

func dedupe(list []string) []string {
	seen := make(map[string]bool, len(list))
	out := make([]string, 0, len(list))
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }

// eachLine calls fn for every non-blank line, numbered from 1; a line over
// shop.MaxLine is reported as tooLong without its bytes.
func eachLine(r io.Reader, fn func(n int, line []byte, tooLong bool) error) error {
	br := bufio.NewReaderSize(r, shop.MaxLine)
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		tooLong := errors.Is(err, bufio.ErrBufferFull)
		for errors.Is(err, bufio.ErrBufferFull) {
			_, err = br.ReadSlice('\n')
		}
		if err != nil && err != io.EOF {
			return &readError{err}
		}
		if tooLong || len(bytes.TrimSpace(line)) > 0 {
			if ferr := fn(n, line, tooLong); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}
