package shop

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const killEnv = "JEWELGUIDE_KILL_HELPER"

// TestKillHelperProcess is not a test on its own: TestKilledWriter runs the
// test binary again with killEnv set, and this writes handouts and log
// records without end until it is killed.
func TestKillHelperProcess(t *testing.T) {
	dir := os.Getenv(killEnv)
	if dir == "" {
		t.Skip("helper for TestKilledWriterLeavesNothingTorn")
	}
	_, r, rep := testReport(t)
	g := testGuide(t)
	// A long note makes each handout write take longer, so the kill is
	// likely to land while one is being written.
	note := strings.Repeat("a long note about the customer's wishes ", 2000)
	os.Stdout.WriteString("ready\n")
	for i := 0; ; i++ {
		now := counterTime.Add(time.Duration(i) * time.Minute)
		if _, err := SaveHandout(dir, now, "kill", rep, note); err != nil {
			t.Fatal(err)
		}
		if err := AppendLog(filepath.Join(dir, "c.log"), NewRecord(g, r, "kill", now, Origin{})); err != nil {
			t.Fatal(err)
		}
	}
}

// TestKilledWriterLeavesNothingTorn kills a process while it saves
// handouts and appends to the log, then checks that every handout under
// its final name is complete, no hidden temporary file is left, and every
// log line is a whole record: a pulled plug costs at most the record being
// written, never the file.
func TestKilledWriterLeavesNothingTorn(t *testing.T) {
	if os.Getenv(killEnv) != "" {
		t.Skip("running as a helper")
	}
	_, _, rep := testReport(t)
	written := 0
	for round := 0; round < 3; round++ {
		dir := t.TempDir()
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), killEnv+"="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if line, _ := bufio.NewReader(out).ReadString('\n'); line != "ready\n" {
			t.Fatalf("helper did not start: %q", line)
		}
		// Let it write for a while; the point of the kill is arbitrary.
		time.Sleep(time.Duration(50+round*40) * time.Millisecond)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()

		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		handouts := 0
		for _, e := range ents {
			name := e.Name()
			if strings.HasPrefix(name, ".handout-") {
				// A copy of a handout, the customer's note included.
				t.Errorf("round %d: the killed save left %s behind", round, name)
			}
			if !strings.HasSuffix(name, ".md") || strings.HasPrefix(name, ".") {
				continue
			}
			handouts++
			written++
			body, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(body), rep.Shop.Contact) {
				t.Errorf("round %d: handout %s is truncated (%d bytes, no closing contact line)", round, name, len(body))
			}
		}
		logData, err := os.ReadFile(filepath.Join(dir, "c.log"))
		if os.IsNotExist(err) {
			continue // killed before the first record
		} else if err != nil {
			t.Fatal(err)
		}
		if len(logData) > 0 && !strings.HasSuffix(string(logData), "\n") {
			t.Errorf("round %d: log ends in a half line", round)
		}
		for i, line := range strings.Split(strings.TrimSuffix(string(logData), "\n"), "\n") {
			var rec Record
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Errorf("round %d: log line %d is not a whole record: %v", round, i+1, err)
			}
		}
		t.Logf("round %d: %d handouts complete, %d log lines whole", round, handouts, strings.Count(string(logData), "\n"))
	}
	if written == 0 {
		// Nothing written in any round means nothing was checked.
		t.Fatalf("the writer never got a handout written before being killed; the test checked nothing")
	}
}
