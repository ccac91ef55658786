package cli

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jewelguide/jewelguide/quiz/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

type mainResult struct {
	code           int
	stdout, stderr string
}

// runMain runs the command in-process with env as its environment.
func runMain(t *testing.T, env map[string]string, args ...string) mainResult {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, Env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] },
	})
	return mainResult{code, out.String(), errb.String()}
}

const (
	lineA = `{"id":"0123456789abcdef0123456789abcdef","version":1,"time":"2026-11-26T10:00:00+01:00","guide":"g","guide_hash":"x","answers":{"occasion":["milestone"]},"verdict":"handcrafted","close":false,"scores":{"handcrafted":4},"reasons":["occasion=milestone"],"store":"North","counter":"till-1"}`
	lineB = `{"version":1,"time":"2026-11-27T10:00:00Z","guide":"g","guide_hash":"x","answers":{"occasion":["trend"]},"verdict":"mass-produced","close":false,"scores":{"mass-produced":4},"reasons":["occasion=trend"]}`
)

func TestSyncCommandReportsNewAlreadyThereAndMalformed(t *testing.T) {
	srv := pgtest.Need(t)
	env := map[string]string{"JEWELGUIDE_DB": srv.NewDB(t)}
	log := filepath.Join(t.TempDir(), "north.log")
	os.WriteFile(log, []byte(lineA+"\nthis line is damaged\n"+lineB+"\n"), 0o600)

	r := runMain(t, env, "sync", log)
	if r.code != 0 || !strings.Contains(r.stdout, log+": 2 new, 0 already there, 1 malformed") || !strings.Contains(r.stdout, log+":2: not a consultation record") {
		t.Fatalf("first sync: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The log grew by one line; the same file named twice is read once.
	os.WriteFile(log, []byte(lineA+"\nthis line is damaged\n"+lineB+"\n"+strings.Replace(lineB, "10:00", "11:00", 1)+"\n"), 0o600)
	r = runMain(t, env, "sync", log, log)
	if r.code != 0 || !strings.Contains(r.stdout, log+": 1 new, 2 already there, 1 malformed") {
		t.Fatalf("second sync: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestSyncUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"sync", "a.log"}, "sync needs a database"},
		{[]string{"sync", "--db", "postgres://x@localhost/db"}, "at least one log file"},
		{[]string{"sync", "--bogus"}, "unknown flag --bogus"},
	} {
		r := runMain(t, nil, tc.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
	if r := runMain(t, nil, "sync", "--help"); r.code != 0 || !strings.Contains(r.stdout, "--with-reference") {
		t.Errorf("sync --help: exit %d\n%s", r.code, r.stdout)
	}
}

// TestDatabaseErrorsNeverShowThePassword: a wrong password, a server
// that is not there and a garbled URL each give one clear line and exit
// status 1, and nothing printed contains the password.
func TestDatabaseErrorsNeverShowThePassword(t *testing.T) {
	srv := pgtest.Need(t)
	log := filepath.Join(t.TempDir(), "a.log")
	os.WriteFile(log, []byte(lineA+"\n"), 0o600)
	good := srv.NewDB(t)
	const wrong = "Wr0ng-s3cret-Pw"
	wrongURL := strings.Replace(good, srv.Password, wrong, 1)

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadPort := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	unreachable := "postgres://jewelguide:" + wrong + "@127.0.0.1:" + deadPort + "/chain"

	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"wrong password", []string{"sync", "--db", wrongURL, log}, nil, "refused the password for user \"jewelguide\""},
		{"wrong password from the environment", []string{"sync", log}, map[string]string{"JEWELGUIDE_DB": wrongURL}, "refused the password"},
		{"unreachable server", []string{"sync", "--db", unreachable, log}, nil, "cannot reach the database server"},
		{"stats, wrong password", []string{"stats", "--db", wrongURL}, nil, "refused the password"},
		{"stats, unreachable server", []string{"stats"}, map[string]string{"JEWELGUIDE_DB": unreachable}, "cannot reach the database server"},
		{"garbled URL", []string{"sync", "--db", "postgres://jewelguide:" + wrong + "@127.0.0.1:notaport/chain", log}, nil, "not a PostgreSQL URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runMain(t, tc.env, tc.args...)
			all := r.stdout + r.stderr
			t.Log(r.stderr)
			if r.code != ExitFailure || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, %q; want 1 and %q", r.code, all, tc.want)
			}
			if strings.Contains(all, wrong) || !srv.Redacted(all) {
				t.Errorf("the output shows a password: %q", all)
			}
			if n := strings.Count(strings.TrimSpace(r.stderr), "\n"); n != 0 {
				t.Errorf("want one line, got %d:\n%s", n+1, r.stderr)
			}
		})
	}
}
