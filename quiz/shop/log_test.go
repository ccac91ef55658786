package shop

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jewelguide/jewelguide/quiz"
)

func TestNewRecord(t *testing.T) {
	g, r, _ := testReport(t)
	now := time.Date(2026, 11, 27, 14, 32, 5, 999, time.FixedZone("CET", 3600))
	rec := NewRecord(g, r, "  Ring Smith ", now, Origin{})
	if !rec.Time.Equal(now.Truncate(time.Second)) || rec.Time.Nanosecond() != 0 {
		t.Errorf("time = %v", rec.Time)
	}
	if rec.Guide != g.Name || rec.GuideHash != g.Hash || rec.Verdict != "handcrafted" || rec.Reference != "Ring Smith" || rec.Version != LogVersion {
		t.Errorf("record = %+v", rec)
	}
	if !reflect.DeepEqual(rec.Answers, r.Answers) {
		t.Errorf("answers = %v, want %v", rec.Answers, r.Answers)
	}
	for _, s := range r.Scores {
		if rec.Scores[s.Outcome] != s.Points {
			t.Errorf("score %s = %d, want %d", s.Outcome, rec.Scores[s.Outcome], s.Points)
		}
	}
	if len(rec.Reasons) == 0 || len(rec.Reasons) > maxReasons {
		t.Fatalf("reasons = %v", rec.Reasons)
	}
	// The first reason is the leader's largest contribution.
	for _, c := range r.Contributions {
		if c.Outcome == r.Leader && c.Points > 0 {
			if rec.Reasons[0] != c.ID {
				t.Errorf("first reason = %s, want %s", rec.Reasons[0], c.ID)
			}
			break
		}
	}
	r.Answers["budget"][0] = "changed"
	if rec.Answers["budget"][0] == "changed" {
		t.Error("record shares the result's answer slices")
	}
}

func TestAppendLogLinesAndMode(t *testing.T) {
	g, r, _ := testReport(t)
	path := filepath.Join(t.TempDir(), "shop.log")
	for i := 0; i < 3; i++ {
		if err := AppendLog(path, NewRecord(g, r, "ref"+strconv.Itoa(i), counterTime, Origin{})); err != nil {
			t.Fatal(err)
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
	}
	recs := readRecords(t, path)
	if len(recs) != 3 || recs[2].Reference != "ref2" || recs[0].Verdict != r.Verdict {
		t.Errorf("records = %+v", recs)
	}
	var raw map[string]any
	b, _ := os.ReadFile(path)
	line, _, _ := bufio.NewReader(bytes.NewReader(b)).ReadLine()
	if err := json.Unmarshal(line, &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"version", "time", "guide", "guide_hash", "answers", "verdict", "close", "scores", "reasons", "reference"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("log line lacks %q: %s", k, line)
		}
	}
}

func TestAppendLogUnwritable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "shop.log")
	err := AppendLog(path, Record{Time: counterTime, Verdict: "mix"})
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("error = %v, want one naming %s", err, path)
	}
}

// helperEnv selects the helper mode in a re-executed test binary: the
// value is the log to append to, then the writer's name.
const helperEnv = "JEWELGUIDE_LOG_HELPER"

const recordsPerProcess = 500

// TestLogHelperProcess is not a test on its own: TestAppendLogTwoProcesses
// runs the test binary again with helperEnv set, and this appends records
// from that separate process.
func TestLogHelperProcess(t *testing.T) {
	path, who := os.Getenv(helperEnv), os.Getenv(helperEnv+"_WHO")
	if path == "" {
		t.Skip("helper for TestAppendLogTwoProcesses")
	}
	g, r, _ := testReport(t)
	// Wait for the go-ahead, so that both writers are loaded and ready and
	// their appends overlap rather than run one after the other.
	if _, err := os.Stdin.Read(make([]byte, 1)); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < recordsPerProcess; i++ {
		rec := NewRecord(g, r, fmt.Sprintf("%s-%d", who, i), counterTime.Add(time.Duration(i)*time.Second), Origin{})
		if err := AppendLog(path, rec); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAppendLogTwoProcesses(t *testing.T) {
	if os.Getenv(helperEnv) != "" {
		t.Skip("running as a helper")
	}
	path := filepath.Join(t.TempDir(), "shared.log")
	var cmds []*exec.Cmd
	var outs []*bytes.Buffer
	var gos []io.WriteCloser
	for _, who := range []string{"a", "b"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLogHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), helperEnv+"="+path, helperEnv+"_WHO="+who)
		out := &bytes.Buffer{}
		cmd.Stdout, cmd.Stderr = out, out
		outs = append(outs, out)
		in, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		gos = append(gos, in)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, in := range gos {
		in.Write([]byte("g"))
		in.Close()
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("helper failed: %v\n%s", err, outs[i])
		}
	}
	recs := readRecords(t, path)
	if len(recs) != 2*recordsPerProcess {
		t.Fatalf("%d records, want %d", len(recs), 2*recordsPerProcess)
	}
	seen := map[string]bool{}
	for _, rec := range recs {
		if seen[rec.Reference] {
			t.Fatalf("record %s logged twice", rec.Reference)
		}
		seen[rec.Reference] = true
	}
	for _, who := range []string{"a", "b"} {
		for i := 0; i < recordsPerProcess; i++ {
			if !seen[fmt.Sprintf("%s-%d", who, i)] {
				t.Fatalf("record %s-%d lost", who, i)
			}
		}
	}
}

// readRecords decodes every line of a log strictly: any line that is not
// one whole record fails the test.
func readRecords(t *testing.T, path string) []Record {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var recs []Record
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var rec Record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("%s:%d: %v: %q", path, n, err, sc.Text())
		}
		recs = append(recs, rec)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestNewRecordIDStoreCounterAndOffset(t *testing.T) {
	g, r, _ := testReport(t)
	la := time.FixedZone("PST", -8*3600)
	now := time.Date(2026, 12, 2, 18, 43, 48, 0, la)
	a := NewRecord(g, r, "", now, Origin{Counter: " till-2 "})
	b := NewRecord(g, r, "", now, Origin{Store: "North", Counter: "till-2"})
	if len(a.ID) != 32 || strings.Trim(a.ID, "0123456789abcdef") != "" || a.ID == b.ID {
		t.Errorf("ids %q and %q: want two different 128-bit hex ids", a.ID, b.ID)
	}
	if a.Store != g.Shop.Name || g.Shop.Name == "" || b.Store != "North" || a.Counter != "till-2" {
		t.Errorf("store %q / %q, counter %q", a.Store, b.Store, a.Counter)
	}
	line, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"time":"2026-12-02T18:43:48-08:00"`, `"id":"` + a.ID + `"`, `"counter":"till-2"`, `"version":2`} {
		if !strings.Contains(string(line), want) {
			t.Errorf("record lacks %s: %s", want, line)
		}
	}
	// A record from before version 2 has none of the new fields and still
	// reads.
	var old Record
	if err := json.Unmarshal([]byte(`{"version":1,"time":"2026-11-26T10:00:00Z","verdict":"mix"}`), &old); err != nil || old.ID != "" || old.Verdict != "mix" {
		t.Errorf("old record: %+v, %v", old, err)
	}
}

// TestDecidingReasonsPutsADecidingWishFirst: when a hard wish decided the
// verdict, stats count that answer first.
func TestDecidingReasonsPutsADecidingWishFirst(t *testing.T) {
	g, err := quiz.Load("../testdata/engine/counter.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// Mass-produced leads on points (8 to 4) but bespoke rules it out.
	r := g.Evaluate(quiz.Answers{"occasion": {"trend"}, "budget": {"lowest"}, "personalization": {"bespoke"}})
	got := DecidingReasons(r, 3)
	if len(got) == 0 || got[0] != "personalization=bespoke" {
		t.Errorf("deciding reasons %v, want the wish personalization=bespoke first", got)
	}
	// Without a deciding wish, the list is the leader's contributions.
	r = g.Evaluate(quiz.Answers{"occasion": []string{"milestone"}, "budget": []string{"invest"}})
	if got := DecidingReasons(r, 3); strings.Join(got, " ") != "occasion=milestone budget=invest" {
		t.Errorf("deciding reasons %v", got)
	}
}
