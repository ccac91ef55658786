package shop

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
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
	f.Fuzz(func(t *testing.T, data []byte) {
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
