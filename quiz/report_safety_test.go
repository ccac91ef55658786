package quiz

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// payloads are strings that act on a terminal when printed raw.
var payloads = []string{
	"\x1b]52;c;aGVsbG8=\a", // OSC 52: write the clipboard
	"\x1b[2J\x1b[H",        // CSI: clear the screen
	"\x1b]8;;http://evil.invalid\x1b\\here\x1b]8;;\x1b\\", // OSC 8: a hyperlink that lies
	"\u009b31m",            // C1 CSI as a character
	"\x9b2J",               // C1 CSI as a raw byte
	"gpj.\u202eexe",        // bidi override
	"\u2066isolated\u2069", // bidi isolate
}

// poisonedGuide loads the default guide and then, bypassing the loader
// (which refuses control characters), plants a payload in every text
// field, as a guide read by some other path might hold.
func poisonedGuide(t *testing.T) *Guide {
	g := fixture(t, "counter")
	n := 0
	p := func(s string) string {
		n++
		return "[" + s + payloads[n%len(payloads)] + "]"
	}
	g.Name = p(g.Name)
	g.Shop = Shop{Name: p(g.Shop.Name), Tagline: p(g.Shop.Tagline), Accent: g.Shop.Accent, Contact: p(g.Shop.Contact)}
	for i := range g.Outcomes {
		o := &g.Outcomes[i]
		o.Label, o.Summary, o.Close = p(o.Label), p(o.Summary), p(o.Close)
	}
	for i := range g.Questions {
		q := &g.Questions[i]
		q.Title, q.Prompt, q.Why = p(q.Title), p(q.Prompt), p(q.Why)
		for j := range q.Options {
			o := &q.Options[j]
			o.Label, o.Detail, o.Reason = p(o.Label), p(o.Detail), p(o.Reason)
		}
	}
	for i := range g.Rules {
		g.Rules[i].Reason = p(g.Rules[i].Reason)
	}
	for i := range g.Checklist {
		cg := &g.Checklist[i]
		cg.Group = p(cg.Group)
		for j := range cg.Items {
			cg.Items[j] = p(cg.Items[j])
		}
	}
	return g
}

// TestReportsAreTerminalSafe renders reports of a guide with a payload in
// every field, for answer sets that reach every verdict, rule, tipping
// point and checklist group, and checks the bytes of all three formats.
func TestReportsAreTerminalSafe(t *testing.T) {
	g := poisonedGuide(t)
	cases := map[string]Answers{}
	for k, v := range reportCases {
		cases[k] = v
	}
	// Answers can carry payloads too; unknown ids must not reach a report.
	cases["hostile answers"] = Answers{"occasion": {"gift", "\x1b[2J"}, "\x1b]52;c;eA==\a": {"x"}, "extras": {"meet-maker", "\u202e"}}
	for name, a := range cases {
		t.Run(name, func(t *testing.T) {
			rep := NewReport(g, g.Evaluate(a))
			rep.Code = "ABC-DEF"
			for _, width := range []int{20, 80} {
				text, md, js := renderAll(t, rep, width)
				assertNoTerminalControls(t, "text", []byte(text))
				assertNoTerminalControls(t, "markdown", []byte(md))
				assertNoTerminalControls(t, "json", js)
				// The payloads are shown, not silently dropped.
				if !strings.Contains(text, `\x1b`) && !strings.Contains(text, `\u20`) && !strings.Contains(text, `\x9b`) {
					t.Errorf("text does not show the planted payloads visibly")
				}
				var j JSONReport
				if err := json.Unmarshal(js, &j); err != nil {
					t.Fatalf("json: %v", err)
				}
				if strings.ContainsRune(j.Label+j.Summary, 0x1b) {
					t.Errorf("decoded JSON still holds ESC")
				}
			}
		})
	}
}

// Fields a Report leaves as they are (ids, the accent colour) come from
// the loader's checks; show those checks keep payloads out.
func TestLoaderKeepsPayloadsOutOfIDs(t *testing.T) {
	base := miniGuide(t)
	for _, p := range payloads {
		for _, old := range []string{"id: budget", "id: low", "id: hand", "accent: x"} {
			src := base
			if old == "accent: x" {
				src = replaceOnce(t, src, "decision:", "shop:\n  accent: x\ndecision:")
			}
			key, _, _ := strings.Cut(old, ": ")
			quoted, _ := json.Marshal("a" + p)
			src = replaceOnce(t, src, old, key+": "+string(quoted))
			_, err := Parse("g.yaml", []byte(src))
			if err == nil {
				t.Errorf("%s with payload %q loaded", key, p)
				continue
			}
			assertNoTerminalControls(t, "loader error", []byte(err.Error()))
		}
	}
}

// An Inert text stays inert through mdEscape and JSON escaping: neither
// turns the visible \x1b back into a byte.
func TestEscapingLayersDoNotReviveControls(t *testing.T) {
	s := Inert("\x1b[2J\u202e")
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(s); err != nil {
		t.Fatal(err)
	}
	var back string
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back != s {
		t.Errorf("JSON round trip %q -> %q (%v)", s, back, err)
	}
	assertNoTerminalControls(t, "markdown", []byte(MarkdownEscape(s)))
	assertNoTerminalControls(t, "json", b.Bytes())
}
