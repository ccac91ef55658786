package quiz_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/shop"
	"github.com/jewelguide/jewelguide/quiz/tui"
)

// writerCases give, on the engine fixtures, every verdict, a close call,
// a wish that decides, conflicting wishes, a caution, open questions,
// multi-select answers, rules and more tips than a short view shows.
var writerCases = []struct {
	guide   string
	answers quiz.Answers
}{
	{"counter", quiz.Answers{"occasion": {"milestone"}, "lifespan": {"heirloom"}, "extras": {"meet-maker", "hold-value"}}},
	{"counter", quiz.Answers{"occasion": {"trend"}, "budget": {"lowest"}, "lifespan": {"season"}, "ethics": {"not-a-factor"}, "personalization": {"none"}, "character": {"uniform"}, "extras": {"matching-set"}}},
	{"counter", quiz.Answers{"occasion": {"everyday"}, "budget": {"moderate"}, "lifespan": {"years"}, "ethics": {"nice-to-have"}, "personalization": {"light"}, "character": {"either"}}},
	{"counter", quiz.Answers{}},
	{"counter", quiz.Answers{"occasion": {"trend"}, "budget": {"lowest"}, "personalization": {"bespoke"}, "character": {"uniform"}}},
	{"counter", quiz.Answers{"occasion": {"milestone"}, "budget": {"invest"}, "character": {"uniform"}, "extras": {}}},
	{"conflict", quiz.Answers{"design": {"together"}, "fit": {"exact"}}},
}

// TestEveryWriterSameContent holds every writer — plain text, styled
// text (which the full screen scrolls), Markdown, the handout and JSON —
// to the report's sections: each line's words appear, in section order.
// Short views (text, styled) may cut a long section, and must then say
// how many more there are; the others show every line.
func TestEveryWriterSameContent(t *testing.T) {
	for i, tc := range writerCases {
		t.Run(fmt.Sprintf("%d-%s", i, tc.guide), func(t *testing.T) {
			g, err := quiz.Load("testdata/engine/" + tc.guide + ".yaml")
			if err != nil {
				t.Fatal(err)
			}
			rep := quiz.NewReport(g, g.Evaluate(tc.answers))
			rep.Code = g.Code(tc.answers)
			var text, md bytes.Buffer
			if err := quiz.WriteText(&text, rep, 1000); err != nil {
				t.Fatal(err)
			}
			if err := quiz.WriteMarkdown(&md, rep); err != nil {
				t.Fatal(err)
			}
			path, err := shop.SaveHandout(t.TempDir(), time.Date(2026, 12, 3, 9, 30, 0, 0, time.UTC), "ref", rep, "a note")
			if err != nil {
				t.Fatal(err)
			}
			handout, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			writers := []struct {
				name  string
				out   string
				short bool
			}{
				{"text", text.String(), true},
				{"styled", tui.RenderReport(rep, 1000, tui.NewStyles("", true)), true},
				{"markdown", unescapeMD(md.String()), false},
				{"handout", unescapeMD(string(handout)), false},
			}
			for _, w := range writers {
				holdsSections(t, w.name, flatten(w.out), rep.Sections(), w.short)
			}
			holdsJSON(t, rep)
		})
	}
}

// holdsSections checks that out shows every section's title and lines in
// order.
func holdsSections(t *testing.T, writer, out string, secs []quiz.Section, short bool) {
	t.Helper()
	at := 0
	want := func(what, s string) {
		t.Helper()
		if s == "" {
			return
		}
		i := strings.Index(out[at:], flatten(s))
		if i < 0 {
			t.Errorf("%s: lacks %s %q after byte %d", writer, what, s, at)
			return
		}
		at += i + len(flatten(s))
	}
	for _, sec := range secs {
		want(sec.Kind.String()+" title", sec.Title)
		for _, l := range sec.Shown(short) {
			want(sec.Kind.String()+" head", l.Head)
			want(sec.Kind.String()+" line", l.Text)
			if l.Kind == quiz.LineScore {
				want("points", fmt.Sprint(l.Points))
			}
		}
		if !short && sec.Short > 0 && len(sec.Lines) > sec.Short && strings.Contains(out, "more (the Markdown") {
			t.Errorf("%s: cuts section %s short", writer, sec.Kind)
		}
	}
}

// holdsJSON checks that the JSON report has the same reasons, tips and
// checklist items as the sections, in the same order.
func holdsJSON(t *testing.T, rep *quiz.Report) {
	t.Helper()
	var b bytes.Buffer
	if err := quiz.WriteJSON(&b, rep); err != nil {
		t.Fatal(err)
	}
	var j quiz.JSONReport
	if err := json.Unmarshal(b.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	var reasons, tips, checks []string
	for _, r := range j.Reasons {
		if len(reasons) == 0 || reasons[len(reasons)-1] != r.Text {
			reasons = append(reasons, r.Text)
		}
	}
	for _, tp := range j.Tipping {
		tips = append(tips, tp.Why)
	}
	for _, c := range j.Checklist {
		checks = append(checks, c.Item)
	}
	var wantReasons, wantTips, wantChecks []string
	for _, sec := range rep.Sections() {
		for _, l := range sec.Lines {
			switch {
			case sec.Kind == quiz.SectionWhy && l.Kind == quiz.LineItem:
				wantReasons = append(wantReasons, l.Text)
			case sec.Kind == quiz.SectionChange && l.Kind == quiz.LineItem:
				wantTips = append(wantTips, l.Text)
			case l.Kind == quiz.LineCheck:
				wantChecks = append(wantChecks, l.Text)
			}
		}
	}
	if strings.Join(reasons, "|") != strings.Join(wantReasons, "|") {
		t.Errorf("JSON reasons %q, sections %q", reasons, wantReasons)
	}
	if len(tips) != len(wantTips) {
		t.Errorf("JSON has %d tips, sections %d", len(tips), len(wantTips))
	}
	for i := range min(len(tips), len(wantTips)) {
		if !strings.HasSuffix(wantTips[i], tips[i]) {
			t.Errorf("JSON tip %d says %q; the section's line is %q", i, tips[i], wantTips[i])
		}
	}
	if strings.Join(checks, "|") != strings.Join(wantChecks, "|") {
		t.Errorf("JSON checklist %q, sections %q", checks, wantChecks)
	}
	if j.StrengthText+"." != rep.Sections()[0].Lines[1].Text {
		t.Errorf("JSON strength %q, section %q", j.StrengthText, rep.Sections()[0].Lines[1].Text)
	}
}

func flatten(s string) string { return strings.Join(strings.Fields(s), " ") }

// unescapeMD undoes MarkdownEscape's backslashes.
func unescapeMD(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
