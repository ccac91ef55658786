package pool

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// migrations[i] takes the schema from version i to i+1. A step is only
// ever appended: a database created by an older jewelguide is brought up
// to date by running the steps it has not had, in one transaction.
var migrations = []string{
	// 1: the consultations as the first logs recorded them.
	`CREATE TABLE jewelguide_schema (version integer NOT NULL);
	INSERT INTO jewelguide_schema VALUES (0);
	CREATE TABLE consultations (
		id          text PRIMARY KEY,
		time        timestamptz NOT NULL,
		utc_offset  integer NOT NULL,
		day         date NOT NULL,
		version     integer NOT NULL,
		guide       text NOT NULL,
		guide_hash  text NOT NULL,
		verdict     text NOT NULL,
		close       boolean NOT NULL,
		scores      jsonb NOT NULL,
		answers     jsonb NOT NULL,
		reasons     text[] NOT NULL,
		reference   text
	);
	CREATE INDEX consultations_time ON consultations (time);`,
	// 2: records name their store and counter, and say whether a customer
	// took the quiz by themselves over SSH. The answers are also kept as
	// arrays, which the server counts several times faster than JSON:
	// answered lists the questions answered, and chosen_question and
	// chosen_option, side by side, every option chosen (each once).
	`ALTER TABLE consultations
		ADD COLUMN store           text NOT NULL DEFAULT '',
		ADD COLUMN counter         text NOT NULL DEFAULT '',
		ADD COLUMN public          boolean NOT NULL DEFAULT false,
		ADD COLUMN synced          timestamptz NOT NULL DEFAULT now(),
		ADD COLUMN answered        text[] NOT NULL DEFAULT '{}',
		ADD COLUMN chosen_question text[] NOT NULL DEFAULT '{}',
		ADD COLUMN chosen_option   text[] NOT NULL DEFAULT '{}';
	UPDATE consultations SET
		answered = ARRAY(SELECT jsonb_object_keys(answers)),
		chosen_question = ARRAY(SELECT q.key
			FROM jsonb_each(answers) WITH ORDINALITY q(key, value, i), jsonb_array_elements_text(q.value) WITH ORDINALITY o(v, j)
			ORDER BY i, j),
		chosen_option = ARRAY(SELECT o.v
			FROM jsonb_each(answers) WITH ORDINALITY q(key, value, i), jsonb_array_elements_text(q.value) WITH ORDINALITY o(v, j)
			ORDER BY i, j);
	CREATE INDEX consultations_store_time ON consultations (store, time);`,
}

// SchemaVersion is the version of the tables this program writes and
// reads.
var SchemaVersion = len(migrations)

// lockKey serialises schema changes between stores syncing at the same
// moment ("jewelguide" in ASCII, cut to 63 bits).
const lockKey = 0x6a6577656c677569

// Migrate creates the tables, or brings older ones up to this program's
// version. A database from a newer jewelguide is left alone and refused.
func (db *DB) Migrate(ctx context.Context) error {
	return db.migrateTo(ctx, SchemaVersion)
}

func (db *DB) migrateTo(ctx context.Context, target int) error {
	err := pgx.BeginFunc(ctx, db.conn, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(lockKey)); err != nil {
			return err
		}
		have, err := schemaVersion(ctx, tx)
		if err != nil {
			return err
		}
		if have > SchemaVersion {
			return &newerSchema{have: have}
		}
		for v := have; v < target; v++ {
			if _, err := tx.Exec(ctx, migrations[v]); err != nil {
				return fmt.Errorf("schema step %d: %w", v+1, err)
			}
			if _, err := tx.Exec(ctx, "UPDATE jewelguide_schema SET version = $1", v+1); err != nil {
				return err
			}
		}
		return nil
	})
	var ns *newerSchema
	if errors.As(err, &ns) {
		return fmt.Errorf("the database %s holds tables of schema version %d; this jewelguide knows up to version %d: update jewelguide", db.where, ns.have, SchemaVersion)
	}
	if err != nil {
		return db.fail("cannot prepare the tables in", err)
	}
	return nil
}

type newerSchema struct{ have int }

func (e *newerSchema) Error() string { return fmt.Sprintf("schema version %d", e.have) }

// schemaVersion is 0 for a database without our tables.
func schemaVersion(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}) (int, error) {
	var exists bool
	if err := q.QueryRow(ctx, "SELECT to_regclass('jewelguide_schema') IS NOT NULL").Scan(&exists); err != nil {
		return 0, err
	}
	if !exists {
		return 0, nil
	}
	var v int
	err := q.QueryRow(ctx, "SELECT version FROM jewelguide_schema").Scan(&v)
	return v, err
}

// checkSchema is for readers: they need the tables at this version and
// change nothing.
func (db *DB) checkSchema(ctx context.Context) error {
	v, err := schemaVersion(ctx, db.conn)
	if err != nil {
		return db.fail("cannot read", err)
	}
	switch {
	case v == 0:
		return fmt.Errorf("the database %s holds no consultations yet; run jewelguide sync first", db.where)
	case v < SchemaVersion:
		return fmt.Errorf("the database %s holds tables of schema version %d; run jewelguide sync once to bring them to version %d", db.where, v, SchemaVersion)
	case v > SchemaVersion:
		return fmt.Errorf("the database %s holds tables of schema version %d; this jewelguide knows up to version %d: update jewelguide", db.where, v, SchemaVersion)
	}
	return nil
}
