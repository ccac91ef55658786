package shop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/jewelguide/jewelguide/quiz"
)

// FuzzReadLog feeds arbitrary bytes to the log reader: it must not panic,
// must account for every non-blank line as a consultation or a bad line,
// and its text and JSON output must never carry a control character.
func FuzzReadLog(f *testing.F) {
	g, r, _ := testReport(f)
	good, _ := json.Marshal(NewRecord(g, r, "Ring Smith", counterTime, Origin{}))
	f.Add(append(good, '\n'))
	f.Add([]byte(string(good) + "\nnot json\n\n" + string(good)))
	f.Add([]byte(`{"time":"2026-11-27T10:00:00Z","verdict":"\u001b[2J","answers":{"q":["\u202e"]}}`))
	f.Add([]byte(`{"time":"2026-11-27T10:00:00+01:00","verdict":"mix","close":true,"reasons":["a","a"]}`))
	f.Add([]byte("\x1b]52;c;AAAA\x07\n{}\n[]\nnull\n"))
	f.Add([]byte{})
	f.Add([]byte(`{"version":2,"time":"2026-12-02T18:43:48-08:00","guide":"G","guide_hash":"h","answers":{"extras":[],"q":["a","a"]},"verdict":"v","close":false,"scores":{"v":-0},"reasons":[],"store":"Süd","counter":"c"}`))
	f.Add([]byte(`{"time":"2026-12-02T18:43:48Z","verdict":"v","Verdict":"w"}`))
	f.Add([]byte(`{"time":"2026-12-02T24:00:00Z","verdict":"v"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, line := range bytes.Split(data, []byte("\n")) {
			checkFastAgrees(t, line)
		}
		b := NewBuilder(StatsOptions{})
		if err := b.read(bytes.NewReader(data), "fuzz\x1b.log"); err != nil {
			t.Fatal(err)
		}
		st := b.Finish()
		if len(data) < MaxLine {
			lines := 0
			for _, l := range bytes.Split(data, []byte("\n")) {
				if len(bytes.TrimSpace(l)) > 0 {
					lines++
				}
			}
			if st.Total+st.BadCount != lines {
				t.Fatalf("%d lines, but %d read and %d bad", lines, st.Total, st.BadCount)
			}
		}
		var text, js bytes.Buffer
		if err := WriteStatsText(&text, st, 60, false); err != nil {
			t.Fatal(err)
		}
		if err := WriteStatsJSON(&js, st); err != nil {
			t.Fatal(err)
		}
		if !json.Valid(js.Bytes()) {
			t.Fatalf("invalid JSON: %s", js.Bytes())
		}
		for name, out := range map[string]string{"text": text.String(), "json": js.String()} {
			for _, r := range out {
				if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || strings.ContainsRune("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c", r) {
					t.Fatalf("%s output carries %U:\n%q", name, r, out)
				}
			}
		}
	})
}

// checkFastAgrees holds the fast line reader to encoding/json: a line it
// accepts must be a record encoding/json reads the same way.
func checkFastAgrees(t *testing.T, line []byte) {
	var v recView
	if !scanRecord(line, &v) {
		return
	}
	rec, problem := ParseRecord(line)
	if problem != "" {
		t.Fatalf("fast reader accepts %q, encoding/json says %s", line, problem)
	}
	var slow recView
	slow.date = []byte(rec.Time.Format("2006-01-02"))
	got := fmt.Sprintf("%s|%s|%s|%s|%s|%s|%v|%q", v.date, v.guide, v.hash, v.verdict, v.store, v.counter, v.close, v.reasons)
	want := fmt.Sprintf("%s|%s|%s|%s|%s|%s|%v|%q", slow.date, rec.Guide, rec.GuideHash, rec.Verdict, rec.Store, rec.Counter, rec.Close, rec.Reasons)
	if len(rec.Reasons) == 0 {
		want = strings.Replace(want, "[]", fmt.Sprintf("%q", v.reasons), 1)
	}
	if got != want {
		t.Fatalf("fast and slow readers differ on %q:\nfast %s\nslow %s", line, got, want)
	}
	answers := quiz.Answers{}
	for _, a := range v.answers {
		opts := []string{}
		for _, o := range a.options {
			opts = append(opts, string(o))
		}
		answers[string(a.question)] = opts
	}
	for q, opts := range rec.Answers {
		if opts == nil {
			rec.Answers[q] = []string{}
		}
	}
	if len(answers) != len(rec.Answers) || (len(answers) > 0 && !reflect.DeepEqual(answers, rec.Answers)) {
		t.Fatalf("answers differ on %q: fast %v, slow %v", line, answers, rec.Answers)
	}
}
