package shop

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jewelguide/jewelguide/quiz"
)

// writeLog builds a log from answer sets, one consultation per entry on
// the given day and hour, plus raw lines appended as they are.
type logEntry struct {
	day, hour int
	answers   quiz.Answers
	raw       string
}

func writeLog(t *testing.T, entries []logEntry) string {
	t.Helper()
	g := testGuide(t)
	path := filepath.Join(t.TempDir(), "shop.log")
	for _, e := range entries {
		if e.raw != "" {
			f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString(e.raw)
			f.Close()
			continue
		}
		now := time.Date(2026, 11, e.day, e.hour, 0, 0, 0, time.UTC)
		if err := AppendLog(path, NewRecord(g, g.Evaluate(e.answers), "", now)); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

var (
	handmade = quiz.Answers{"occasion": {"milestone"}, "budget": {"invest"}, "extras": {"meet-maker", "hold-value"}}
	factory  = quiz.Answers{"occasion": {"trend"}, "budget": {"lowest"}, "extras": {"easy-replace"}}
	torn     = quiz.Answers{"occasion": {"milestone"}, "budget": {"lowest"}}
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
		{day: 28, hour: 0, answers: factory},
	})
}

func TestReadLogsCountsAndBadLines(t *testing.T) {
	g := testGuide(t)
	path := sampleLog(t)
	st, err := ReadLogs([]string{path}, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Total != 5 {
		t.Errorf("total = %d, want 5", st.Total)
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
	if !strings.Contains(st.Bad[1].Problem, "no verdict") {
		t.Errorf("problem for line 4 = %q", st.Bad[1].Problem)
	}
	wantOut := map[string]int{}
	wantClose := 0
	for _, a := range []quiz.Answers{handmade, factory, handmade, torn, factory} {
		r := g.Evaluate(a)
		wantOut[r.Verdict]++
		if r.Close {
			wantClose++
		}
	}
	if !reflect.DeepEqual(st.Outcomes, wantOut) || st.Close != wantClose {
		t.Errorf("outcomes = %v close %d, want %v close %d", st.Outcomes, st.Close, wantOut, wantClose)
	}
	if wantClose == 0 {
		t.Error("sample has no close call; pick answers that make one")
	}
	var days []string
	for _, d := range st.Days {
		days = append(days, d.Date)
	}
	if strings.Join(days, " ") != "2026-11-26 2026-11-27 2026-11-28" || st.Days[1].Total != 2 {
		t.Errorf("days = %+v", st.Days)
	}
	q := findQuestion(st, "occasion")
	if q.Answered != 5 || countOf(q.Options, "milestone") != 3 || countOf(q.Options, "trend") != 2 {
		t.Errorf("occasion = %+v", q)
	}
	if ex := findQuestion(st, "extras"); countOf(ex.Options, "meet-maker") != 2 || ex.Answered != 4 {
		t.Errorf("extras = %+v", ex)
	}
	if len(st.Reasons) == 0 || st.Reasons[0].Count < 2 {
		t.Errorf("reasons = %v", st.Reasons)
	}
	st.UseGuide(g)
	if st.Questions[0].Question != "occasion" || st.Questions[0].Options[0].ID != "everyday" || st.Questions[0].Options[0].Count != 0 {
		t.Errorf("UseGuide order = %+v", st.Questions[0])
	}
}

func findQuestion(st *Stats, id string) QuestionStats {
	for _, q := range st.Questions {
		if q.Question == id {
			return q
		}
	}
	return QuestionStats{}
}

func countOf(cs []Count, id string) int {
	for _, c := range cs {
		if c.ID == id {
			return c.Count
		}
	}
	return 0
}

func TestReadLogsDateRange(t *testing.T) {
	path := sampleLog(t)
	tests := []struct {
		since, until string
		total, out   int
	}{
		{"", "", 5, 0},
		{"2026-11-27", "", 3, 2},
		{"", "2026-11-26", 2, 3},
		{"2026-11-27", "2026-11-27", 2, 3}, // both ends included: 09:00 and 23:00
		{"2026-11-29", "", 0, 5},
	}
	for _, tt := range tests {
		since, until, err := ParseDateRange(tt.since, tt.until, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		st, err := ReadLogs([]string{path}, since, until)
		if err != nil {
			t.Fatal(err)
		}
		if st.Total != tt.total || st.OutOfRange != tt.out {
			t.Errorf("since %q until %q: total %d out of range %d, want %d and %d", tt.since, tt.until, st.Total, st.OutOfRange, tt.total, tt.out)
		}
	}
	for _, bad := range [][2]string{{"27.11.2026", ""}, {"", "yesterday"}, {"2026-11-28", "2026-11-27"}} {
		if _, _, err := ParseDateRange(bad[0], bad[1], time.UTC); err == nil {
			t.Errorf("ParseDateRange(%q, %q) accepted", bad[0], bad[1])
		}
	}
}

func TestReadLogsMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.log")
	if _, err := ReadLogs([]string{path}, time.Time{}, time.Time{}); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("error = %v, want one naming %s", err, path)
	}
}

func TestReadLogsLongLine(t *testing.T) {
	path := writeLog(t, []logEntry{
		{raw: `{"verdict":"` + strings.Repeat("x", maxLine*2) + "\"}\n"},
		{day: 27, hour: 9, answers: handmade},
	})
	st, err := ReadLogs([]string{path}, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Total != 1 || st.BadCount != 1 || st.Bad[0].Line != 1 {
		t.Errorf("total %d, bad %v", st.Total, st.Bad)
	}
}

func TestWriteStatsJSONShape(t *testing.T) {
	st, err := ReadLogs([]string{sampleLog(t)}, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteStatsJSON(&buf, st); err != nil {
		t.Fatal(err)
	}
	var j map[string]any
	if err := json.Unmarshal(buf.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{
		"version": "float64", "files": "[]interface {}", "consultations": "float64",
		"outcomes": "map[string]interface {}", "days": "[]interface {}", "questions": "[]interface {}",
		"reasons": "[]interface {}", "close_calls": "float64", "close_share": "float64",
		"guides": "[]interface {}", "out_of_range": "float64", "bad_lines": "float64", "bad": "[]interface {}",
	}
	for k, kind := range kinds {
		if got := reflect.TypeOf(j[k]); got == nil || got.String() != kind {
			t.Errorf("%s is %v, want %s", k, got, kind)
		}
	}
	day := j["days"].([]any)[0].(map[string]any)
	if day["date"] != "2026-11-26" || day["total"] != 2.0 {
		t.Errorf("first day = %v", day)
	}
	bad := j["bad"].([]any)[0].(map[string]any)
	if bad["line"] != 2.0 || bad["problem"] == "" {
		t.Errorf("first bad line = %v", bad)
	}
	if j["consultations"] != 5.0 {
		t.Errorf("consultations = %v", j["consultations"])
	}
}

func TestWriteStatsText(t *testing.T) {
	st, err := ReadLogs([]string{sampleLog(t)}, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	st.UseGuide(testGuide(t))
	var buf bytes.Buffer
	if err := WriteStatsText(&buf, st, 72, false); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"Consultations: 5\n", "Skipped 3 malformed lines:", "shop.log:2: not a consultation",
		"\nOutcomes\n", "\nPer day\n", "\nAnswers\n", "  occasion (answered in 5 of 5)\n",
		"\nDeciding reasons\n", "█",
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
		`","answers":{"` + jsonStr(evil) + `":["` + jsonStr(evil) + `"]},"reasons":["` + jsonStr(evil) + `"]}` + "\n"
	path := writeLog(t, []logEntry{
		{raw: rec},
		{day: 27, hour: 9, answers: handmade},
		{raw: "\x1b[31m" + evil + "\n"},
	})
	st, err := ReadLogs([]string{path}, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
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

func jsonStr(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}
