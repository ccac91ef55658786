package shop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jewelguide/jewelguide/quiz"
)

// statsGuide is a small fixture guide, so these tests do not depend on
// the built-in guide's wording or weights.
func statsGuide(t testing.TB) *quiz.Guide {
	t.Helper()
	g, err := quiz.Load(filepath.Join("testdata", "stats-guide.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// logEntry is one consultation on the given day and hour (UTC), or a raw
// line appended as it is.
type logEntry struct {
	day, hour int
	answers   quiz.Answers
	raw       string
}

func writeLog(t *testing.T, entries []logEntry) string {
	t.Helper()
	g := statsGuide(t)
	path := filepath.Join(t.TempDir(), "shop.log")
	for _, e := range entries {
		if e.raw != "" {
			appendRaw(t, path, e.raw)
			continue
		}
		now := time.Date(2026, 11, e.day, e.hour, 0, 0, 0, time.UTC)
		if err := AppendLog(path, NewRecord(g, g.Evaluate(e.answers), "", now, Origin{})); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func appendRaw(t *testing.T, path, raw string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(raw); err != nil {
		t.Fatal(err)
	}
}

var (
	handmade = quiz.Answers{"occasion": {"milestone"}, "extras": {"maker"}}
	factory  = quiz.Answers{"occasion": {"trend"}, "extras": {"cheap"}}
	torn     = quiz.Answers{"occasion": {"milestone"}, "extras": {"cheap"}}
	nothing  = quiz.Answers{"occasion": {"gift"}, "extras": {}}
)

func sampleLog(t *testing.T) string {
	return writeLog(t, []logEntry{
		{day: 26, hour: 10, answers: handmade},
		{raw: "this is not json\n"},
		{day: 26, hour: 11, answers: factory},
		{raw: `{"time":"2026-11-26T12:00:00Z","answers":{}}` + "\n"},
		{raw: "\n"},
		{day: 27, hour: 9, answers: handmade},
		{day: 27, hour: 23, answers: torn},
		{raw: `{"version":1,"time":"2026-11-27T` + "\n"},
		{day: 28, hour: 0, answers: nothing},
	})
}

func readWith(t *testing.T, opt StatsOptions, paths ...string) *Stats {
	t.Helper()
	st, err := ReadLogs(paths, opt)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func withGuide(g *quiz.Guide) StatsOptions {
	return StatsOptions{GuideFor: func(string) *quiz.Guide { return g }}
}

func TestReadLogsCountsAndBadLines(t *testing.T) {
	g := statsGuide(t)
	path := sampleLog(t)
	st := readWith(t, withGuide(g), path)
	if st.Total != 5 || len(st.Groups) != 1 {
		t.Fatalf("total = %d in %d groups, want 5 in 1", st.Total, len(st.Groups))
	}
	var lines []int
	for _, b := range st.Bad {
		if b.File != path {
			t.Errorf("bad line names %s, want %s", b.File, path)
		}
		lines = append(lines, b.Line)
	}
	if st.BadCount != 3 || !reflect.DeepEqual(lines, []int{2, 4, 8}) {
		t.Errorf("bad lines %v (count %d), want lines 2, 4, 8", st.Bad, st.BadCount)
	}
	gr := st.Groups[0]
	wantOut := map[string]int{}
	wantClose := 0
	for _, a := range []quiz.Answers{handmade, factory, handmade, torn, nothing} {
		r := g.Evaluate(a)
		wantOut[r.Verdict]++
		if r.Close {
			wantClose++
		}
	}
	gotOut := map[string]int{}
	for _, c := range gr.Outcomes {
		if c.Count > 0 {
			gotOut[c.ID] = c.Count
		}
	}
	if !reflect.DeepEqual(gotOut, wantOut) || gr.Close != wantClose {
		t.Errorf("outcomes = %v close %d, want %v close %d", gotOut, gr.Close, wantOut, wantClose)
	}
	if wantClose == 0 {
		t.Error("sample has no close call; pick answers that make one")
	}
	// The guide's outcomes are the columns, in its order, with labels.
	if gr.Outcomes[0].ID != "hand" || gr.Outcomes[0].Label != "Made by hand" || len(gr.Outcomes) != 3 {
		t.Errorf("outcome columns = %+v", gr.Outcomes)
	}
	var days []string
	for _, d := range gr.Days {
		days = append(days, d.Date)
	}
	if strings.Join(days, " ") != "2026-11-26 2026-11-27 2026-11-28" || gr.Days[1].Total != 2 {
		t.Errorf("days = %+v", gr.Days)
	}
	q := findQuestion(gr, "occasion")
	if q.Answered != 5 || countOf(q.Options, "milestone") != 3 || countOf(q.Options, "trend") != 1 || q.Label != "Occasion" {
		t.Errorf("occasion = %+v", q)
	}
	if q.Options[0].ID != "milestone" || q.Options[0].Label != "A milestone" {
		t.Errorf("options not in the guide's order with labels: %+v", q.Options)
	}
	if len(gr.Reasons) == 0 || gr.Reasons[0].Count < 2 || gr.Reasons[0].Label == "" {
		t.Errorf("reasons = %+v", gr.Reasons)
	}
}

// A multi-select answered "none of these" is an answer: it counts as
// answered, with no option chosen.
func TestNoneOfTheseCountsAsAnswered(t *testing.T) {
	st := readWith(t, withGuide(statsGuide(t)), writeLog(t, []logEntry{
		{day: 26, hour: 10, answers: nothing},
		{day: 26, hour: 11, answers: handmade},
		{day: 26, hour: 12, answers: quiz.Answers{"occasion": {"gift"}}},
	}))
	ex := findQuestion(st.Groups[0], "extras")
	if ex.Answered != 2 || countOf(ex.Options, "maker") != 1 || countOf(ex.Options, "cheap") != 0 {
		t.Errorf("extras = %+v, want answered in 2 (one of them none of these)", ex)
	}
}

func findQuestion(g Group, id string) QuestionStats {
	for _, q := range g.Questions {
		if q.ID == id {
			return q
		}
	}
	return QuestionStats{}
}

func countOf(cs []Count, id string) int {
	for _, c := range cs {
		if c.ID == id && !c.Other {
			return c.Count
		}
	}
	return 0
}

// A consultation's day is the date on the clock where it happened, wherever
// the log is read: the per-day table and --since/--until both use the date
// in the record's own offset, records in UTC keep their UTC date.
func TestDaysFollowEachRecordsOwnOffset(t *testing.T) {
	path := filepath.Join(t.TempDir(), "two-zones.log")
	la := time.FixedZone("PST", -8*3600)
	tokyo := time.FixedZone("JST", 9*3600)
	g := statsGuide(t)
	for _, now := range []time.Time{
		time.Date(2026, 12, 2, 18, 43, 48, 0, la),      // 2026-12-03 in UTC
		time.Date(2026, 12, 3, 8, 0, 0, 0, tokyo),      // 2026-12-02 in UTC
		time.Date(2026, 12, 3, 23, 30, 0, 0, time.UTC), // 2026-12-04 in Tokyo
	} {
		if err := AppendLog(path, NewRecord(g, g.Evaluate(handmade), "", now, Origin{})); err != nil {
			t.Fatal(err)
		}
	}
	raw, _ := os.ReadFile(path)
	if !strings.Contains(string(raw), `"time":"2026-12-02T18:43:48-08:00"`) {
		t.Fatalf("record does not keep its offset:\n%s", raw)
	}
	days := func(st *Stats) string {
		var out []string
		for _, d := range st.Groups[0].Days {
			out = append(out, fmt.Sprintf("%s=%d", d.Date, d.Total))
		}
		return strings.Join(out, " ")
	}
	st := readWith(t, StatsOptions{}, path)
	if got := days(st); got != "2026-12-02=1 2026-12-03=2" {
		t.Errorf("days = %s, want 2026-12-02=1 2026-12-03=2", got)
	}
	tests := []struct{ since, until, want string }{
		{"2026-12-03", "", "2026-12-03=2"},
		{"", "2026-12-02", "2026-12-02=1"},
		{"2026-12-02", "2026-12-02", "2026-12-02=1"},
		{"2026-12-04", "", ""},
	}
	for _, tt := range tests {
		from, to, err := ParseDateRange(tt.since, tt.until)
		if err != nil {
			t.Fatal(err)
		}
		st := readWith(t, StatsOptions{Since: from, Until: to}, path)
		got := ""
		if len(st.Groups) > 0 {
			got = days(st)
		}
		if got != tt.want || st.Total+st.OutOfRange != 3 {
			t.Errorf("since %q until %q: days %q (out of range %d), want %q", tt.since, tt.until, got, st.OutOfRange, tt.want)
		}
	}
}

func TestParseDateRange(t *testing.T) {
	from, to, err := ParseDateRange(" 2026-11-27", "2026-11-28")
	if err != nil || from != "2026-11-27" || to != "2026-11-28" {
		t.Errorf("got %q %q %v", from, to, err)
	}
	for _, bad := range [][2]string{{"27.11.2026", ""}, {"", "yesterday"}, {"2026-11-28", "2026-11-27"}, {"2026-02-30", ""}} {
		if _, _, err := ParseDateRange(bad[0], bad[1]); err == nil {
			t.Errorf("ParseDateRange(%q, %q) accepted", bad[0], bad[1])
		}
	}
}

// Records of two guides are never added together: each guide has its own
// tables and count, in text and JSON.
func TestGuidesAreNeverAddedTogether(t *testing.T) {
	path := sampleLog(t)
	appendRaw(t, path, `{"version":1,"time":"2026-11-28T10:00:00+01:00","guide":"Other","guide_hash":"ffff","answers":{"occasion":["milestone"],"metal":["gold"]},"verdict":"hand","reasons":["metal=gold"]}`+"\n")
	g := statsGuide(t)
	st := readWith(t, StatsOptions{GuideFor: func(h string) *quiz.Guide {
		if h == g.Hash {
			return g
		}
		return nil
	}}, path)
	if st.Total != 6 || len(st.Groups) != 2 {
		t.Fatalf("total %d in %d groups, want 6 in 2", st.Total, len(st.Groups))
	}
	mine, other := st.Groups[0], st.Groups[1]
	if mine.Total != 5 || other.Total != 1 || other.Guide != "Other" || !mine.Labelled || other.Labelled {
		t.Fatalf("groups = %+v / %+v", mine, other)
	}
	if n := findQuestion(mine, "occasion").Answered; n != 5 {
		t.Errorf("occasion answered %d times in the fixture guide's group, want 5", n)
	}
	if q := findQuestion(other, "metal"); q.Answered != 1 || q.Label != "" {
		t.Errorf("other guide's question = %+v, want its id and 1 answer", q)
	}
	var text, js bytes.Buffer
	if err := WriteStatsText(&text, st, 80, false); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2 guides", `Guide "Stats fixture"`, `Guide "Other" (ffff): 1 consultation`, "Made by hand", "Shown by id"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
	if err := WriteStatsJSON(&js, st); err != nil {
		t.Fatal(err)
	}
	var j JSONStats
	if err := json.Unmarshal(js.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Groups) != 2 || j.Groups[0].Consultations != 5 || j.Groups[1].Consultations != 1 || j.Groups[1].GuideHash != "ffff" {
		t.Errorf("JSON groups = %+v", j.Groups)
	}
}

func TestByStoreAndStoreFilter(t *testing.T) {
	g := statsGuide(t)
	path := filepath.Join(t.TempDir(), "chain.log")
	for i, o := range []Origin{{Store: "North", Counter: "till-1"}, {Store: "North", Counter: "till-2"}, {Store: "South"}, {}} {
		now := time.Date(2026, 11, 27, 10+i, 0, 0, 0, time.UTC)
		if err := AppendLog(path, NewRecord(g, g.Evaluate(handmade), "", now, o)); err != nil {
			t.Fatal(err)
		}
	}
	st := readWith(t, StatsOptions{By: "store"}, path)
	got := map[string]int{}
	for _, gr := range st.Groups {
		got[gr.By] = gr.Total
	}
	// The record without a store takes the guide's shop name.
	if !reflect.DeepEqual(got, map[string]int{"North": 2, "South": 1, "Fixture Jewels": 1}) {
		t.Errorf("by store = %v", got)
	}
	st = readWith(t, StatsOptions{By: "counter", Store: "North"}, path)
	if st.Total != 2 || st.OutOfRange != 2 || len(st.Groups) != 2 || st.Groups[0].By != "till-1" {
		t.Errorf("North by counter: total %d, out %d, groups %+v", st.Total, st.OutOfRange, st.Groups)
	}
	var js bytes.Buffer
	WriteStatsJSON(&js, st)
	if !strings.Contains(js.String(), `"counter": "till-1"`) {
		t.Errorf("JSON lacks the counter:\n%s", js.String())
	}
}

// Malformed lines are reported in plain words, not in the JSON parser's.
func TestMalformedLinesInPlainWords(t *testing.T) {
	path := writeLog(t, []logEntry{
		{raw: "oops\n"},
		{raw: `{"time":"2026-11-27T10:00:00Z","verdict":"hand"` + "\n"},
		{raw: `{"time":"yesterday","verdict":"hand"}` + "\n"},
		{raw: `{"time":"2026-11-27T10:00:00Z","verdict":"hand","answers":["occasion"]}` + "\n"},
		{raw: "[1,2]\n"},
		{raw: `{"time":"2026-11-27T10:00:00Z"}` + "\n"},
		{raw: "{}\n"},
	})
	st := readWith(t, StatsOptions{}, path)
	want := []string{
		"not a consultation record (not JSON from character 1 on)",
		"not a consultation record (the line stops before the record ends)",
		"not a consultation record (its time is not a date and time)",
		`not a consultation record ("answers" holds the wrong kind of value)`,
		"not a consultation record (not a JSON object)",
		"not a consultation record (it has no verdict)",
		"not a consultation record (it has no time)",
	}
	if st.BadCount != len(want) {
		t.Fatalf("bad count %d, want %d: %v", st.BadCount, len(want), st.Bad)
	}
	for i, b := range st.Bad {
		if b.Problem != want[i] {
			t.Errorf("line %d: %q, want %q", b.Line, b.Problem, want[i])
		}
		for _, jargon := range []string{"invalid character", "literal", "unexpected end", "Go value", "cannot unmarshal"} {
			if strings.Contains(b.Problem, jargon) {
				t.Errorf("line %d speaks parser: %q", b.Line, b.Problem)
			}
		}
	}
}

func TestReadLogsMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.log")
	if _, err := ReadLogs([]string{path}, StatsOptions{}); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("error = %v, want one naming %s", err, path)
	}
}

func TestReadLogsLongLine(t *testing.T) {
	path := writeLog(t, []logEntry{
		{raw: `{"verdict":"` + strings.Repeat("x", MaxLine*2) + "\"}\n"},
		{day: 27, hour: 9, answers: handmade},
	})
	st := readWith(t, StatsOptions{}, path)
	if st.Total != 1 || st.BadCount != 1 || st.Bad[0].Line != 1 || !strings.Contains(st.Bad[0].Problem, "longer than 64 KiB") {
		t.Errorf("total %d, bad %v", st.Total, st.Bad)
	}
}

// Whatever a log holds, the tables keep a fixed number of rows: verdicts,
// days, questions, options and reasons beyond the bounds are added up
// together, and no consultation is lost from the totals.
func TestTablesStayBounded(t *testing.T) {
	b := NewBuilder(StatsOptions{})
	const n = 5000
	start := time.Date(2000, 1, 1, 12, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		rec := Record{
			Time: start.AddDate(0, 0, i), Verdict: fmt.Sprintf("verdict-%04d", i), Guide: "g", GuideHash: "h",
			Answers: quiz.Answers{fmt.Sprintf("q%04d", i%500): {fmt.Sprintf("o%04d", i)}, "q0000": {fmt.Sprintf("o%04d", i)}},
			Reasons: []string{fmt.Sprintf("r%04d", i)},
		}
		b.Add(&rec)
	}
	st := b.Finish()
	gr := st.Groups[0]
	if gr.Total != n || st.Total != n {
		t.Fatalf("total %d", gr.Total)
	}
	sum := func(cs []Count) int {
		s := 0
		for _, c := range cs {
			s += c.Count
		}
		return s
	}
	if len(gr.Outcomes) != maxFreeOutcomes+1 || sum(gr.Outcomes) != n || !gr.Outcomes[maxFreeOutcomes].Other {
		t.Errorf("%d outcome columns adding up to %d", len(gr.Outcomes), sum(gr.Outcomes))
	}
	// The smallest ids keep their columns, whatever order they came in.
	if gr.Outcomes[0].ID != "verdict-0000" {
		t.Errorf("first column %q", gr.Outcomes[0].ID)
	}
	days := 0
	for _, d := range gr.Days {
		days += d.Total
	}
	if len(gr.Days) != maxDays+1 || !gr.Days[0].Before || days != n {
		t.Errorf("%d day rows adding up to %d; first %+v", len(gr.Days), days, gr.Days[0])
	}
	if len(gr.Questions) != maxFreeQuestions || gr.OtherAnswers == 0 {
		t.Errorf("%d questions, %d other answers", len(gr.Questions), gr.OtherAnswers)
	}
	q0 := findQuestion(gr, "q0000")
	if len(q0.Options) != maxFreeOptions+1 || sum(q0.Options) != q0.Answered {
		t.Errorf("q0000 has %d option rows adding up to %d of %d", len(q0.Options), sum(q0.Options), q0.Answered)
	}
	if len(gr.Reasons) != maxFreeReasons+1 || sum(gr.Reasons) != n {
		t.Errorf("%d reason rows adding up to %d", len(gr.Reasons), sum(gr.Reasons))
	}
}

// Parts of the records counted apart and merged give the same statistics
// as one pass, bounds included: files are read in parallel pieces, and a
// database may fill the same tables in any order.
func TestMergeEqualsOnePass(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	var recs []Record
	for i := 0; i < 3000; i++ {
		recs = append(recs, Record{
			Time:  time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.Intn(900)),
			Guide: fmt.Sprintf("g%d", rng.Intn(3)), GuideHash: "h",
			Verdict: fmt.Sprintf("v%02d", rng.Intn(20)), Close: rng.Intn(4) == 0,
			Answers: quiz.Answers{fmt.Sprintf("q%02d", rng.Intn(80)): {fmt.Sprintf("o%02d", rng.Intn(90)), fmt.Sprintf("o%02d", rng.Intn(90))}, "none": {}},
			Reasons: []string{fmt.Sprintf("r%03d", rng.Intn(300)), fmt.Sprintf("r%03d", rng.Intn(300))},
		})
	}
	one := NewBuilder(StatsOptions{})
	for i := range recs {
		one.Add(&recs[i])
	}
	parts := []*Builder{NewBuilder(StatsOptions{}), NewBuilder(StatsOptions{}), NewBuilder(StatsOptions{})}
	for i := range recs {
		parts[rng.Intn(3)].Add(&recs[i])
	}
	parts[2].Merge(parts[0])
	parts[2].Merge(parts[1])
	want, got := one.Finish(), parts[2].Finish()
	if !reflect.DeepEqual(want, got) {
		wj, _ := json.Marshal(want)
		gj, _ := json.Marshal(got)
		t.Errorf("merged statistics differ from one pass\none:    %.600s\nmerged: %.600s", wj, gj)
	}
}

// A source that counts for itself (a database grouping its rows) fills
// the same tables through a Tally.
func TestTallyFromCounts(t *testing.T) {
	g := statsGuide(t)
	b := NewBuilder(withGuide(g))
	tl := b.Group("Stats fixture", g.Hash, "")
	tl.AddConsultations("2026-11-27", "hand", 1, 3)
	tl.AddConsultations("2026-11-28", "mass", 0, 2)
	tl.AddAnswered("extras", 4)
	tl.AddChosen("extras", "maker", 3)
	tl.AddReason("occasion=milestone", 3)
	st := b.Finish()
	gr := st.Groups[0]
	if st.Total != 5 || gr.Close != 1 || len(gr.Days) != 2 || countOf(gr.Outcomes, "mass") != 2 {
		t.Errorf("stats = %+v", gr)
	}
	if ex := findQuestion(gr, "extras"); ex.Answered != 4 || countOf(ex.Options, "maker") != 3 {
		t.Errorf("extras = %+v", ex)
	}
	if gr.Reasons[0].Label != "Occasion: A milestone" {
		t.Errorf("reason label %q", gr.Reasons[0].Label)
	}
}

func TestLogFilesByIdentity(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.log")
	b := filepath.Join(dir, "b.log")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, []byte("\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(a, filepath.Join(dir, "link.log")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	got, err := LogFiles([]string{"a.log", a, "./a.log", "link.log", dir, filepath.Join(dir, "*.log")})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a.log", b}; !reflect.DeepEqual(got, want) {
		t.Errorf("files = %q, want %q", got, want)
	}
	if _, err := LogFiles([]string{filepath.Join(dir, "*.jsonl")}); err == nil || !strings.Contains(err.Error(), "no file matches") {
		t.Errorf("pattern matching nothing: %v", err)
	}
	if _, err := LogFiles([]string{filepath.Join(dir, "missing.log")}); err == nil || !strings.Contains(err.Error(), "missing.log") {
		t.Errorf("missing file: %v", err)
	}
}

func TestWriteStatsJSONShape(t *testing.T) {
	st := readWith(t, withGuide(statsGuide(t)), sampleLog(t))
	var buf bytes.Buffer
	if err := WriteStatsJSON(&buf, st); err != nil {
		t.Fatal(err)
	}
	var j map[string]any
	if err := json.Unmarshal(buf.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{
		"version": "float64", "files": "[]interface {}", "consultations": "float64", "groups": "[]interface {}",
		"out_of_range": "float64", "bad_lines": "float64", "bad": "[]interface {}", "untabulated": "float64",
	}
	for k, kind := range kinds {
		if got := reflect.TypeOf(j[k]); got == nil || got.String() != kind {
			t.Errorf("%s is %v, want %s", k, got, kind)
		}
	}
	gr := j["groups"].([]any)[0].(map[string]any)
	groupKinds := map[string]string{
		"guide": "string", "guide_hash": "string", "consultations": "float64", "outcomes": "[]interface {}",
		"days": "[]interface {}", "questions": "[]interface {}", "reasons": "[]interface {}",
		"close_calls": "float64", "close_share": "float64", "labelled": "bool",
	}
	for k, kind := range groupKinds {
		if got := reflect.TypeOf(gr[k]); got == nil || got.String() != kind {
			t.Errorf("group %s is %v, want %s", k, got, kind)
		}
	}
	day := gr["days"].([]any)[0].(map[string]any)
	if day["date"] != "2026-11-26" || day["total"] != 2.0 {
		t.Errorf("first day = %v", day)
	}
	bad := j["bad"].([]any)[0].(map[string]any)
	if bad["line"] != 2.0 || bad["problem"] == "" {
		t.Errorf("first bad line = %v", bad)
	}
	if j["consultations"] != 5.0 || gr["consultations"] != 5.0 {
		t.Errorf("consultations = %v", j["consultations"])
	}
}

func TestWriteStatsText(t *testing.T) {
	st := readWith(t, withGuide(statsGuide(t)), sampleLog(t))
	var buf bytes.Buffer
	if err := WriteStatsText(&buf, st, 72, false); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"Consultations: 5\n", "Skipped 3 malformed lines:", "shop.log:2: not a consultation",
		"\nOutcomes\n", "\nPer day\n", "\nAnswers\n", "  Occasion (answered in 5 of 5)\n",
		"  Extras (answered in 5 of 5)\n", "\nDeciding reasons\n", "█", "Made by hand",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if w := len([]rune(line)); w > 72 {
			t.Errorf("line wider than 72 columns (%d): %q", w, line)
		}
	}
	// The per-day header and rows line up: every row's total ends in the
	// same column as the header's "total".
	lines := strings.Split(out, "\n")
	var head int
	for i, l := range lines {
		if strings.HasSuffix(l, "total") {
			head = i
		}
	}
	end := len(lines[head])
	for _, l := range lines[head+1 : head+4] {
		if len(l) < end || l[end-1] < '0' || l[end-1] > '9' || (len(l) > end && l[end] != ' ') {
			t.Errorf("per-day row not aligned with its header:\n%s\n%s", lines[head], l)
		}
	}
	buf.Reset()
	WriteStatsText(&buf, st, 72, true)
	if strings.Contains(buf.String(), "█") || !strings.Contains(buf.String(), "#") {
		t.Error("ascii output still draws blocks")
	}
}

func TestStatsOutputIsInert(t *testing.T) {
	evil := "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\u202e"
	rec := `{"version":1,"time":"2026-11-27T10:00:00Z","guide":"` + jsonStr(evil) + `","verdict":"` + jsonStr(evil) +
		`","answers":{"` + jsonStr(evil) + `":["` + jsonStr(evil) + `"]},"reasons":["` + jsonStr(evil) + `"],"store":"` + jsonStr(evil) + `"}` + "\n"
	path := writeLog(t, []logEntry{
		{raw: rec},
		{day: 27, hour: 9, answers: handmade},
		{raw: "\x1b[31m" + evil + "\n"},
	})
	for _, by := range []string{"", "store"} {
		st := readWith(t, StatsOptions{By: by}, path)
		if st.Total != 2 || st.BadCount != 1 {
			t.Fatalf("total %d bad %d", st.Total, st.BadCount)
		}
		var text, js bytes.Buffer
		WriteStatsText(&text, st, 80, false)
		WriteStatsJSON(&js, st)
		for name, out := range map[string]string{"text": text.String(), "json": js.String()} {
			if strings.ContainsAny(out, "\x1b\x07\u202e") {
				t.Errorf("%s output carries a raw control character:\n%q", name, out)
			}
			if !strings.Contains(out, `x1b]52;c;`) {
				t.Errorf("%s output hides the payload instead of showing it inert", name)
			}
		}
	}
}

func jsonStr(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// Files cut into pieces read in parallel give what one pass gives, line
// numbers of malformed lines included, wherever the cuts fall.
func TestPiecesEqualOnePass(t *testing.T) {
	path := sampleLog(t)
	long := `{"verdict":"` + strings.Repeat("y", MaxLine+10) + "\"}\n"
	appendRaw(t, path, long+"\n\nbroken\n")
	g := statsGuide(t)
	for i := 0; i < 40; i++ {
		appendRaw(t, path, fmt.Sprintf(`{"version":2,"time":"2026-11-%02dT10:00:00+05:30","guide":"g","guide_hash":"%s","answers":{"occasion":["gift"],"extras":[]},"verdict":"mix","close":true,"reasons":["occasion=gift"]}`+"\n", 1+i%28, g.Hash))
		if i%7 == 0 {
			appendRaw(t, path, fmt.Sprintf("damaged %d\n", i))
		}
	}
	other := writeLog(t, []logEntry{{raw: "x\n"}, {day: 3, hour: 1, answers: factory}})
	opt := withGuide(g)
	seq := NewBuilder(opt)
	for _, p := range []string{path, other} {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := seq.read(f, p); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	want := seq.Finish()
	if want.BadCount < 8 || want.Total < 45 {
		t.Fatalf("sample too small: %d bad, %d records", want.BadCount, want.Total)
	}
	defer func(n int64) { chunkSize = n }(chunkSize)
	for _, size := range []int64{1, 7, 100, 333, 4096, 1 << 20} {
		chunkSize = size
		got := readWith(t, opt, path, other)
		if !reflect.DeepEqual(want, got) {
			t.Errorf("pieces of %d bytes: statistics differ\none pass: %+v\npieces:   %+v", size, want.Bad, got.Bad)
		}
	}
}

// On a narrow terminal the per-day table, which would not fit, becomes a
// line per day; nothing is wider than the terminal.
func TestWriteStatsTextNarrow(t *testing.T) {
	st := readWith(t, withGuide(statsGuide(t)), sampleLog(t))
	st.Bad = nil
	st.BadCount = 0
	var buf bytes.Buffer
	if err := WriteStatsText(&buf, st, 40, false); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, line := range strings.Split(out, "\n") {
		if w := len([]rune(line)); w > 40 {
			t.Errorf("line wider than 40 columns (%d): %q", w, line)
		}
	}
	if !strings.Contains(out, "  2026-11-28: 1 (Some of each 1)\n") {
		t.Errorf("per-day lines missing:\n%s", out)
	}
}

// Guide names and hashes are kept apart whatever bytes they hold: two
// groups whose names would read the same run together stay two, in one
// pass and in pieces alike.
func TestGroupNamesDoNotRunTogether(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nul.log")
	appendRaw(t, path, `{"time":"2026-11-27T10:00:00Z","guide":"a\u0000b","guide_hash":"h","verdict":"v"}`+"\n"+
		`{"time":"2026-11-27T10:00:00Z","guide":"a","guide_hash":"b\u0000h","verdict":"v"}`+"\n")
	defer func(n int64) { chunkSize = n }(chunkSize)
	for _, size := range []int64{1, 1 << 20} {
		chunkSize = size
		st := readWith(t, StatsOptions{}, path)
		if len(st.Groups) != 2 || st.Groups[0].Guide != "a" || st.Groups[0].Hash != "b\x00h" || st.Groups[1].Guide != "a\x00b" {
			t.Errorf("pieces of %d bytes: groups %+v", size, st.Groups)
		}
	}
}

// Every field a record can carry is known to the fast reader: a field
// added to Record without it would send every line to encoding/json,
// eight times slower, without any test noticing.
func TestFastReaderKnowsEveryRecordField(t *testing.T) {
	g := statsGuide(t)
	rec := NewRecord(g, g.Evaluate(handmade), "Ring Smith", time.Date(2026, 12, 2, 18, 43, 48, 0, time.FixedZone("PST", -8*3600)), Origin{Store: "North", Counter: "till-2"})
	rec.Public = true
	line, err := encodeLine(rec)
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]any
	if err := json.Unmarshal(line, &all); err != nil {
		t.Fatal(err)
	}
	if n := reflect.TypeOf(rec).NumField(); len(all) != n {
		t.Fatalf("the test record sets %d of Record's %d fields; set them all", len(all), n)
	}
	var v recView
	if !scanRecord(bytes.TrimSpace(line), &v) {
		t.Errorf("the fast reader gives up on a complete record:\n%s", line)
	}
	if string(v.date) != "2026-12-02" || string(v.store) != "North" || string(v.counter) != "till-2" || len(v.answers) != len(handmade) {
		t.Errorf("fast reader read %+v", v)
	}
}

// TestStatsTextFitsNarrowWidths: a window narrower than the longest label
// gets each label on a line of its own, so no line is wider than the
// window and the terminal never breaks a bar in two.
func TestStatsTextFitsNarrowWidths(t *testing.T) {
	st := readWith(t, withGuide(statsGuide(t)), sampleLog(t))
	for _, width := range []int{30, 40, 72} {
		var buf bytes.Buffer
		if err := WriteStatsText(&buf, st, width, false); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(buf.String(), "\n") {
			if w := len([]rune(line)); w > width {
				t.Errorf("width %d: line of %d columns: %q", width, w, line)
			}
		}
		if width == 30 && !strings.Contains(buf.String(), "\n  Extras: Meeting the maker\n    2  40%  █") {
			t.Errorf("width 30: a long reason is not on a line of its own:\n%s", buf.String())
		}
	}
}

// A piece whose records answered only the guide's first question has
// fewer question tables than the guide has questions; merging it must
// add that answer and nothing else (it used to index past its tables).
func TestMergeTallyWithFewerQuestionTables(t *testing.T) {
	g := statsGuide(t)
	if len(g.Questions) < 2 {
		t.Fatal("the fixture guide needs two questions or more")
	}
	first := g.Questions[0]
	whole, piece := newTally("g", g.Hash, "", g), newTally("g", g.Hash, "", g)
	piece.answered([]byte(first.ID), 1).options.add([]byte(first.Options[0].ID), 1)
	whole.merge(piece)
	grp := whole.finish()
	if len(grp.Questions) == 0 || grp.Questions[0].Answered != 1 {
		t.Fatalf("merged tables: %+v, want question %s answered once", grp.Questions, first.ID)
	}
}
