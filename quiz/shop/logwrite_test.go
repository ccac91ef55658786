//go:build linux

package shop

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestAppendLogStartsAfterATornLine: a log whose last line was cut off (a
// crash, a full disk under an older version) gets the next record on a
// line of its own instead of glued to the fragment.
func TestAppendLogStartsAfterATornLine(t *testing.T) {
	g, r, _ := testReport(t)
	path := filepath.Join(t.TempDir(), "c.log")
	if err := os.WriteFile(path, []byte(`{"version":1,"verd`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := AppendLog(path, NewRecord(g, r, "after", counterTime, Origin{})); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != 2 || lines[0] != `{"version":1,"verd` || !strings.Contains(lines[1], `"reference":"after"`) || !strings.HasPrefix(lines[1], "{") {
		t.Fatalf("log after appending to a torn line:\n%s", b)
	}
}

func TestAppendLogRefusesWhatIsNotALog(t *testing.T) {
	g, r, _ := testReport(t)
	dir := t.TempDir()
	missing := filepath.Join(dir, "elsewhere", "target.log")
	link := filepath.Join(dir, "link.log")
	if err := os.Symlink(missing, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(missing), 0o700)
	for _, tc := range []struct{ path, want string }{
		{link, "is a link to " + missing + ", which does not exist"},
		{fifo, "is not a regular file"},
		{dir, "is a directory"},
	} {
		err := AppendLog(tc.path, NewRecord(g, r, "", counterTime, Origin{}))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("AppendLog(%s) = %v, want an error saying %q", tc.path, err, tc.want)
		}
		if _, err := CheckLog(tc.path); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("CheckLog(%s) = %v, want an error saying %q", tc.path, err, tc.want)
		}
	}
	if _, err := os.Lstat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the dangling link's target was created: %v", err)
	}
	// A link to an existing file is followed: a log kept elsewhere and
	// linked into the shop's folder is an ordinary setup. The record that
	// failed before was kept and comes first.
	os.WriteFile(missing, nil, 0o600)
	if err := AppendLog(link, NewRecord(g, r, "linked", counterTime, Origin{})); err != nil {
		t.Fatal(err)
	}
	if recs := readRecords(t, missing); len(recs) != 2 || recs[0].Reference != "" || recs[1].Reference != "linked" {
		t.Errorf("records through the link: %+v", recs)
	}
}

func TestCheckLogWarnsWhenOthersCanRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.log")
	if w, err := CheckLog(path); err != nil || w != "" {
		t.Fatalf("new log: warning %q, error %v", w, err)
	}
	// Checking creates nothing: a run that logs no consultation leaves no
	// empty file.
	if _, err := os.Lstat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("checking a new log created it: %v", err)
	}
	if ents, _ := os.ReadDir(filepath.Dir(path)); len(ents) != 0 {
		t.Errorf("the check left %v behind", ents)
	}
	if _, err := CheckLog(filepath.Join(path+".d", "c.log")); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("log in a missing folder: %v", err)
	}
	os.WriteFile(path, nil, 0o644)
	os.Chmod(path, 0o644)
	w, err := CheckLog(path)
	if err != nil || !strings.Contains(w, "(mode 0644)") || !strings.Contains(w, "chmod 600 "+path) {
		t.Errorf("0644 log: warning %q, error %v", w, err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("the check changed the owner's mode to %v", fi.Mode().Perm())
	}
}

func TestAppendLogEscapesControlCodes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.log")
	if err := AppendLog(path, Record{Verdict: "mix", Reference: "a\x7fb\u009bc\x1b"}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if strings.ContainsAny(string(b), "\x7f\u009b\x1b") || !strings.Contains(string(b), `a\u007fb\u009bc\u001b`) {
		t.Errorf("line holds raw control codes: %q", b)
	}
	if recs := readRecords(t, path); recs[0].Reference != "a\x7fb\u009bc\x1b" {
		t.Errorf("reference read back as %q", recs[0].Reference)
	}
}

// fsizeEnv selects the helper mode of a re-executed test binary: the value
// is the log to append to.
const fsizeEnv = "JEWELGUIDE_FSIZE_HELPER"

const fsizeRecords = 40

// TestFileSizeLimitHelper is not a test on its own: TestAppendLogUnderFile
// SizeLimit runs the test binary again with fsizeEnv set. It appends under
// a file-size limit that cuts most of its writes short, then lifts the
// limit and flushes what it kept.
func TestFileSizeLimitHelper(t *testing.T) {
	path := os.Getenv(fsizeEnv)
	if path == "" {
		t.Skip("helper for TestAppendLogUnderFileSizeLimit")
	}
	// With SIGXFSZ ignored, a write past the limit is cut short and then
	// fails with EFBIG instead of killing the process.
	signal.Ignore(syscall.SIGXFSZ)
	g, r, _ := testReport(t)
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	failed := 0
	for i := 0; i < fsizeRecords; i++ {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		// Half a line past the present end: the write starts and is cut
		// off in the middle, unless another writer moved the end first.
		lim := syscall.Rlimit{Cur: uint64(fi.Size()) + 100, Max: old.Max}
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
			t.Fatal(err)
		}
		err = AppendLog(path, NewRecord(g, r, fmt.Sprintf("limited-%d", i), counterTime, Origin{}))
		if err != nil {
			failed++
			if !strings.Contains(err.Error(), "kept and will be written with the next one") {
				t.Fatalf("error does not say the record is kept: %v", err)
			}
		}
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	if n := len(Unlogged(path)); n != fsizeRecords {
		t.Fatalf("%d records kept after %d failed appends, want all %d (none can have been written)", n, failed, fsizeRecords)
	}
	if err := FlushLog(path); err != nil {
		t.Fatal(err)
	}
	if n := len(Unlogged(path)); n != 0 {
		t.Fatalf("%d records still kept after a flush", n)
	}
	fmt.Printf("failed %d\n", failed)
}

// TestAppendLogUnderFileSizeLimit runs writers in this process while a
// child process appends to the same log under a file-size limit that cuts
// its writes off half-way. Every line must stay a whole record, no
// writer's record may be lost, and the child's records arrive once the
// limit is lifted.
func TestAppendLogUnderFileSizeLimit(t *testing.T) {
	if os.Getenv(fsizeEnv) != "" {
		t.Skip("running as a helper")
	}
	g, r, _ := testReport(t)
	path := filepath.Join(t.TempDir(), "shared.log")
	if err := AppendLog(path, NewRecord(g, r, "first", counterTime, Origin{})); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	written := map[string]bool{"first": true}
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				ref := fmt.Sprintf("w%d-%d", w, i)
				if err := AppendLog(path, NewRecord(g, r, ref, counterTime, Origin{})); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				written[ref] = true
				mu.Unlock()
				// Leave the child room to write between these appends.
				time.Sleep(time.Millisecond)
			}
		}()
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestFileSizeLimitHelper$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), fsizeEnv+"="+path)
	out, err := cmd.CombinedOutput()
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatalf("helper failed: %v\n%s", err, out)
	}
	var failed int
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		if f, ok := strings.CutPrefix(sc.Text(), "failed "); ok {
			failed, _ = strconv.Atoi(f)
		}
	}
	if failed != fsizeRecords {
		t.Fatalf("the child's appends under the limit: %d of %d failed; the test needs them all to fail\n%s", failed, fsizeRecords, out)
	}
	recs := readRecords(t, path) // fails on any line that is not a whole record
	seen := map[string]int{}
	for _, rec := range recs {
		seen[rec.Reference]++
	}
	for ref := range written {
		if seen[ref] != 1 {
			t.Errorf("record %s logged %d times, want once", ref, seen[ref])
		}
	}
	for i := 0; i < fsizeRecords; i++ {
		if ref := fmt.Sprintf("limited-%d", i); seen[ref] != 1 {
			t.Errorf("the child's record %s logged %d times, want once after the flush", ref, seen[ref])
		}
	}
	if len(recs) != len(written)+fsizeRecords {
		t.Errorf("%d records in the log, want %d", len(recs), len(written)+fsizeRecords)
	}
	t.Logf("%d records from this process, %d from the limited child", len(written), fsizeRecords)
}

// TestAppendLogManyGoroutines appends from many goroutines at once, as the
// SSH server's sessions do: every record arrives once, each on its own
// line.
func TestAppendLogManyGoroutines(t *testing.T) {
	g, r, _ := testReport(t)
	path := filepath.Join(t.TempDir(), "shared.log")
	const writers, each = 16, 40
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				if err := AppendLog(path, NewRecord(g, r, fmt.Sprintf("s%d-%d", w, i), counterTime, Origin{})); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	seen := map[string]int{}
	for _, rec := range readRecords(t, path) {
		seen[rec.Reference]++
	}
	for w := 0; w < writers; w++ {
		for i := 0; i < each; i++ {
			if ref := fmt.Sprintf("s%d-%d", w, i); seen[ref] != 1 {
				t.Errorf("record %s logged %d times", ref, seen[ref])
			}
		}
	}
}
