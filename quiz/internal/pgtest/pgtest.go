// Package pgtest starts a throwaway PostgreSQL server for tests: a fresh
// cluster in a temporary folder, password authentication (so a wrong
// password can fail), a Unix socket in that folder and a free loopback
// port. One server serves a whole test package; each test gets its own
// database.
//
// Where no PostgreSQL binaries are installed, tests that need the server
// skip with a message, unless JEWELGUIDE_TEST_POSTGRES=1 asks for them
// (CI sets it after installing PostgreSQL): then their absence fails.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// User is the superuser the test cluster is created with.
const User = "jewelguide"

// Server is a running test cluster.
type Server struct {
	// Dir holds the cluster, its log and its Unix socket.
	Dir string
	// Port is the loopback TCP port; the socket in Dir has the same number.
	Port     int
	Password string
	bin      string
	asUser   string // run the server's programs as this user ("" as ourselves)
	dbs      atomic.Int64
}

var (
	shared  *Server
	skipMsg string
)

// Main starts one server, runs the package's tests and stops the server;
// call it from TestMain. Without binaries it runs the tests anyway, and
// Need skips those that need the server.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	required := os.Getenv("JEWELGUIDE_TEST_POSTGRES") == "1"
	bin, err := findBinaries()
	if err == nil {
		shared, err = Start(bin)
	}
	if err != nil {
		if required {
			fmt.Fprintf(os.Stderr, "pgtest: JEWELGUIDE_TEST_POSTGRES=1 but %v\n", err)
			return 1
		}
		skipMsg = fmt.Sprintf("no PostgreSQL for the tests that need one (%v); set JEWELGUIDE_TEST_POSTGRES=1 to make this a failure", err)
		fmt.Fprintln(os.Stderr, "pgtest: skipping:", skipMsg)
	}
	code := m.Run()
	if shared != nil {
		if err := shared.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
			code = max(code, 1)
		}
	}
	return code
}

// Need returns the package's server, or skips the test when there is none.
func Need(tb testing.TB) *Server {
	tb.Helper()
	if shared == nil {
		if skipMsg == "" {
			tb.Fatal("pgtest.Main was not called from TestMain")
		}
		tb.Skip(skipMsg)
	}
	return shared
}

// findBinaries looks for the folder holding initdb, pg_ctl and postgres:
// on the PATH first, then in Debian's per-version folders, newest first.
func findBinaries() (string, error) {
	var dirs []string
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			dirs = append(dirs, filepath.Dir(real))
		}
		dirs = append(dirs, filepath.Dir(p))
	}
	debian, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(debian, func(i, j int) bool { return pgVersion(debian[i]) > pgVersion(debian[j]) })
	dirs = append(dirs, debian...)
	for _, d := range dirs {
		ok := true
		for _, name := range []string{"initdb", "pg_ctl", "postgres"} {
			if fi, err := os.Stat(filepath.Join(d, name)); err != nil || fi.IsDir() {
				ok = false
			}
		}
		if ok {
			return d, nil
		}
	}
	return "", errors.New("no initdb, pg_ctl and postgres found on the PATH or in /usr/lib/postgresql/*/bin")
}

func pgVersion(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// Start creates and starts a cluster with the programs in bin. PostgreSQL
// refuses to run as root, so as root the server runs as the postgres
// system user, in a folder handed to that user.
func Start(bin string) (*Server, error) {
	s := &Server{bin: bin, Password: randomHex(12)}
	if os.Geteuid() == 0 {
		s.asUser = "postgres"
	}
	dir, err := os.MkdirTemp("", "jgpg-")
	if err != nil {
		return nil, err
	}
	s.Dir = dir
	if err := s.start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

func (s *Server) start() error {
	if s.asUser != "" {
		u, err := user.Lookup(s.asUser)
		if err != nil {
			return fmt.Errorf("running as root needs the %s system user: %v", s.asUser, err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(s.Dir, uid, gid); err != nil {
			return err
		}
	}
	pwfile := filepath.Join(s.Dir, "pw")
	if err := os.WriteFile(pwfile, []byte(s.Password+"\n"), 0o600); err != nil {
		return err
	}
	if err := s.chown(pwfile); err != nil {
		return err
	}
	data := filepath.Join(s.Dir, "data")
	if out, err := s.cmd("initdb", "-D", data, "-U", User, "--auth=scram-sha-256", "--pwfile="+pwfile, "-E", "UTF8", "--locale=C", "--no-sync").CombinedOutput(); err != nil {
		return fmt.Errorf("initdb: %v\n%s", err, out)
	}
	os.Remove(pwfile)
	var lastErr error
	for try := 0; try < 5; try++ {
		port, err := freePort()
		if err != nil {
			return err
		}
		s.Port = port
		opts := fmt.Sprintf("-k %s -p %d -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50", s.Dir, port)
		out, err := s.cmd("pg_ctl", "start", "-w", "-t", "60", "-D", data, "-l", filepath.Join(s.Dir, "log"), "-o", opts).CombinedOutput()
		if err == nil {
			return nil
		}
		// Another program may have taken the port between our check and
		// the server's bind; try another.
		lastErr = fmt.Errorf("pg_ctl start: %v\n%s%s", err, out, s.tailLog())
	}
	return lastErr
}

// Stop stops the server at once and removes its folder.
func (s *Server) Stop() error {
	out, err := s.cmd("pg_ctl", "stop", "-m", "immediate", "-w", "-D", filepath.Join(s.Dir, "data")).CombinedOutput()
	os.RemoveAll(s.Dir)
	if err != nil {
		return fmt.Errorf("pg_ctl stop: %v\n%s", err, out)
	}
	return nil
}

func (s *Server) cmd(prog string, args ...string) *exec.Cmd {
	path := filepath.Join(s.bin, prog)
	if s.asUser != "" {
		return exec.Command("runuser", append([]string{"-u", s.asUser, "--", path}, args...)...)
	}
	return exec.Command(path, args...)
}

func (s *Server) chown(path string) error {
	if s.asUser == "" {
		return nil
	}
	u, err := user.Lookup(s.asUser)
	if err != nil {
		return err
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return os.Chown(path, uid, gid)
}

func (s *Server) tailLog() string {
	b, _ := os.ReadFile(filepath.Join(s.Dir, "log"))
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}

// URL is a connection URL for database db over TCP with password pw.
func (s *Server) URL(db, pw string) string {
	u := url.URL{Scheme: "postgres", User: url.UserPassword(User, pw), Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Port)), Path: "/" + db}
	return u.String()
}

// SocketURL is a connection URL for database db over the Unix socket.
func (s *Server) SocketURL(db string) string {
	u := url.URL{Scheme: "postgres", User: url.UserPassword(User, s.Password), Path: "/" + db,
		RawQuery: url.Values{"host": {s.Dir}, "port": {strconv.Itoa(s.Port)}}.Encode()}
	return u.String()
}

// NewDB creates an empty database for one test and returns its URL (TCP,
// right password); it is dropped when the test ends.
func (s *Server) NewDB(tb testing.TB) string {
	tb.Helper()
	return s.URL(s.newDB(tb), s.Password)
}

// NewSocketDB is NewDB reached over the Unix socket.
func (s *Server) NewSocketDB(tb testing.TB) string {
	tb.Helper()
	return s.SocketURL(s.newDB(tb))
}

func (s *Server) newDB(tb testing.TB) string {
	tb.Helper()
	name := fmt.Sprintf("t%d_%d", os.Getpid(), s.dbs.Add(1))
	if err := s.admin(tb, "CREATE DATABASE "+name); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.admin(tb, "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
			tb.Error(err)
		}
	})
	return name
}

func (s *Server) admin(tb testing.TB, sql string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.SocketURL("postgres"))
	if err != nil {
		return fmt.Errorf("pgtest: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("pgtest: %s: %v", sql, err)
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Redacted reports whether text is free of the server's password, for
// tests that check a message never shows it.
func (s *Server) Redacted(text string) bool { return !strings.Contains(text, s.Password) }
