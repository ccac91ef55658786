// Package pool keeps a chain's consultations in PostgreSQL: sync copies
// the records of counters' JSONL logs into one table, keyed on each
// record's id so that copying a log twice is harmless, and Stats answers
// with SQL what shop's statistics answer from files.
//
// It is part of the shop layer: it knows records and statistics, no
// screen and no command line.
package pool

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// connectTimeout applies when the URL sets none: a cron job that cannot
// reach head office should say so, not hang until the next run.
const connectTimeout = 15 * time.Second

// DB is a connection to the chain's database.
type DB struct {
	conn *pgx.Conn
	// where names the server and database for messages, never the
	// password.
	where string
	// scrub removes the password from any text that could carry it.
	scrub func(string) string
}

// Open connects to the database at dsn, a postgres:// URL or key=value
// string; the password may also come from PGPASSWORD or a password file,
// as in psql. Errors are worded for the person running the command and
// never contain the password.
func Open(ctx context.Context, dsn string) (*DB, error) {
	scrub := scrubber(dsn)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, errors.New(scrub("the database address is not a PostgreSQL URL like postgres://user@host/db: " + parseProblem(err)))
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = connectTimeout
	}
	scrub = scrubber(dsn, cfg.Password)
	where := describe(cfg)
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, errors.New(scrub(connectProblem(err, cfg, where)))
	}
	return &DB{conn: conn, where: where, scrub: scrub}, nil
}

// Close ends the connection.
func (db *DB) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return db.conn.Close(ctx)
}

// Where names the server and database ("db on host:port as user").
func (db *DB) Where() string { return db.where }

// fail words an error met while talking to the server.
func (db *DB) fail(doing string, err error) error {
	var pe *pgconn.PgError
	msg := err.Error()
	switch {
	case errors.As(err, &pe):
		msg = pe.Message
		if pe.Code == "42501" { // insufficient_privilege
			msg += " (the database user needs the right to create tables, or the tables created by an earlier sync)"
		}
	case errors.Is(err, context.Canceled):
		msg = "interrupted"
	case pgconn.Timeout(err):
		msg = "the server did not answer in time"
	}
	return errors.New(db.scrub(fmt.Sprintf("%s %s: %s", doing, db.where, msg)))
}

func describe(cfg *pgx.ConnConfig) string {
	return fmt.Sprintf("%q on %s", cfg.Database, server(cfg))
}

// server names the server's address: host and port, or the socket.
func server(cfg *pgx.ConnConfig) string {
	if strings.HasPrefix(cfg.Host, "/") {
		return fmt.Sprintf("the socket in %s (port %d)", cfg.Host, cfg.Port)
	}
	return net.JoinHostPort(cfg.Host, fmt.Sprint(cfg.Port))
}

// connectProblem says why a connection failed in one line: the server's
// refusal when it answered, the network's reason when it did not.
func connectProblem(err error, cfg *pgx.ConnConfig, where string) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01":
			return fmt.Sprintf("the database server at %s refused the password for user %q", server(cfg), cfg.User)
		case "28000":
			return fmt.Sprintf("the database server at %s does not let user %q in: %s", server(cfg), cfg.User, pe.Message)
		case "3D000":
			return fmt.Sprintf("there is no database %q on that server; create it first (createdb %s)", cfg.Database, cfg.Database)
		}
		return fmt.Sprintf("cannot connect to the database %s: %s", where, pe.Message)
	}
	var ne *net.OpError
	if errors.As(err, &ne) && ne.Err != nil {
		reason := ne.Err.Error()
		if se := ne.Err; errors.Unwrap(se) != nil {
			reason = errors.Unwrap(se).Error()
		}
		return fmt.Sprintf("cannot reach the database server at %s: %s", server(cfg), reason)
	}
	if pgconn.Timeout(err) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Sprintf("cannot reach the database server at %s: no answer within %s", server(cfg), cfg.ConnectTimeout)
	}
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:] // pgconn's chain of prefixes repeats the address
	}
	return fmt.Sprintf("cannot connect to the database %s: %s", where, msg)
}

// parseProblem keeps the reason of a parse error; pgx's message repeats
// the whole address before it.
func parseProblem(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, "`: "); i >= 0 {
		msg = msg[i+3:]
	}
	return msg
}

// keyValuePassword finds a password in key=value form, quoted or not. It
// is compiled on first use: most runs never see a connection string.
var keyValuePassword = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)`)
})

// scrubber returns a function that replaces every form of the password
// found in dsn (plain, URL-escaped, quoted in key=value form) and the
// extra secrets given with xxxxx. Drivers take care to hide passwords, but
// a message that reaches a cron mail or a terminal is checked once more.
func scrubber(dsn string, extra ...string) func(string) string {
	secrets := append([]string{}, extra...)
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if pw, ok := u.User.Password(); ok {
			secrets = append(secrets, pw)
		}
	}
	// A URL that does not parse still carries its password between the
	// first ':' after the scheme and the last '@'.
	if rest, ok := strings.CutPrefix(dsn, "postgres://"); ok {
		secrets = append(secrets, userinfoPassword(rest))
	} else if rest, ok := strings.CutPrefix(dsn, "postgresql://"); ok {
		secrets = append(secrets, userinfoPassword(rest))
	}
	for _, m := range keyValuePassword().FindAllStringSubmatch(dsn, -1) {
		secrets = append(secrets, m[1], strings.Trim(m[1], "'"))
	}
	var list []string
	for _, s := range secrets {
		if len(s) >= 1 {
			list = append(list, s)
			if e := url.QueryEscape(s); e != s {
				list = append(list, e)
			}
			if e := url.PathEscape(s); e != s {
				list = append(list, e)
			}
		}
	}
	return func(text string) string {
		for _, s := range list {
			text = strings.ReplaceAll(text, s, "xxxxx")
		}
		return text
	}
}

func userinfoPassword(rest string) string {
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return ""
	}
	userinfo := rest[:at]
	if i := strings.Index(userinfo, ":"); i >= 0 {
		return userinfo[i+1:]
	}
	return ""
}
