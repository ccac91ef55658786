package quiz

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// reportCases are answer sets that between them give every verdict, a
// close call, unanswered questions, multi-select answers and rules.
var reportCases = map[string]Answers{
	"handcrafted": {"occasion": {"milestone"}, "lifespan": {"heirloom"}, "extras": {"meet-maker", "hold-value"}},
	"factory":     {"occasion": {"trend"}, "budget": {"lowest"}, "lifespan": {"season"}, "ethics": {"not-a-factor"}, "personalization": {"none"}, "character": {"uniform"}, "extras": {"matching-set"}},
	"close call":  {"occasion": {"everyday"}, "budget": {"moderate"}, "lifespan": {"years"}, "ethics": {"nice-to-have"}, "personalization": {"light"}, "character": {"either"}},
	"nothing":     {},
	"mix rule":    {"ethics": {"essential"}, "budget": {"lowest"}},
	"none ticked": {"occasion": {"gift"}, "extras": {}},
}

func renderAll(t *testing.T, rep *Report, width int) (text, md string, js []byte) {
	t.Helper()
	var tb, mb, jb bytes.Buffer
	if err := WriteText(&tb, rep, width); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&mb, rep); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&jb, rep); err != nil {
		t.Fatal(err)
	}
	return tb.String(), mb.String(), jb.Bytes()
}

// flat joins whitespace runs, so wrapped text compares with its source.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// unMD undoes mdEscape's backslashes.
func unMD(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// TestReportFormatsAgree renders each report as text, Markdown and JSON
// and checks that all three carry the same facts.
func TestReportFormatsAgree(t *testing.T) {
	g := defaultGuide(t)
	for name, a := range reportCases {
		t.Run(name, func(t *testing.T) {
			r := g.Evaluate(a)
			rep := NewReport(g, r)
			text, md, js := renderAll(t, rep, 1000)
			ftext, fmd := flat(text), flat(unMD(md))
			var j JSONReport
			if err := json.Unmarshal(js, &j); err != nil {
				t.Fatalf("JSON does not decode: %v", err)
			}
			has := func(what, s string) {
				t.Helper()
				if !strings.Contains(ftext, flat(s)) {
					t.Errorf("text lacks %s %q", what, s)
				}
				if !strings.Contains(fmd, flat(s)) {
					t.Errorf("markdown lacks %s %q", what, s)
				}
			}
			// Verdict.
			outcome, _ := g.Outcome(r.Verdict)
			has("verdict", "Recommendation: "+outcome.Label)
			has("headline", rep.Headline())
			has("summary", rep.Summary)
			if j.Recommendation != r.Verdict || j.Label != outcome.Label || j.Close != r.Close || j.Summary != rep.Summary {
				t.Errorf("JSON verdict %q %q close=%v, want %q %q close=%v", j.Recommendation, j.Label, j.Close, r.Verdict, outcome.Label, r.Close)
			}
			if d := j.Confidence - r.Confidence; d > 0.0005 || d < -0.0005 {
				t.Errorf("JSON confidence %v, result %v", j.Confidence, r.Confidence)
			}
			// Every score.
			for _, s := range r.Scores {
				o, _ := g.Outcome(s.Outcome)
				if !strings.Contains(ftext, fmt.Sprintf("%s: %d", o.Label, s.Points)) {
					t.Errorf("text lacks score %s: %d", o.Label, s.Points)
				}
				if !strings.Contains(md, fmt.Sprintf("| %s | %d |", o.Label, s.Points)) {
					t.Errorf("markdown lacks score row %s | %d", o.Label, s.Points)
				}
				if p, ok := j.Scores[s.Outcome]; !ok || p != s.Points {
					t.Errorf("JSON score %s = %d, want %d", s.Outcome, p, s.Points)
				}
			}
			if len(j.Scores) != len(g.Outcomes) {
				t.Errorf("JSON has %d scores for %d outcomes", len(j.Scores), len(g.Outcomes))
			}
			// Every reason, in order, with its points.
			if len(j.Reasons) != len(r.Contributions) {
				t.Errorf("JSON has %d reasons, result %d", len(j.Reasons), len(r.Contributions))
			}
			for i, c := range r.Contributions {
				o, _ := g.Outcome(c.Outcome)
				has("reason", fmt.Sprintf("%+d %s", c.Points, o.Label))
				has("reason", c.Reason)
				if i < len(j.Reasons) {
					want := JSONReason{Source: c.Source, ID: c.ID, Outcome: c.Outcome, Points: c.Points, Text: c.Reason}
					if j.Reasons[i] != want {
						t.Errorf("JSON reason %d = %+v, want %+v", i, j.Reasons[i], want)
					}
				}
			}
			// Tipping: all of them in JSON, the top three in text and Markdown.
			var jt []Tip
			for _, x := range j.Tipping {
				jt = append(jt, Tip{Question: x.Question, Option: x.Option, Remove: x.Remove, Verdict: x.Recommendation})
			}
			if !reflect.DeepEqual(jt, r.Tipping) {
				t.Errorf("JSON tipping %v, result %v", jt, r.Tipping)
			}
			for _, tip := range rep.TopTips(3) {
				has("tipping point", tip.TipLine())
			}
			if len(r.Tipping) == 0 {
				has("no-tip note", "No single changed answer would change the recommendation.")
			}
			// Answers and unanswered questions.
			if !reflect.DeepEqual(j.Answers, map[string][]string(r.Answers)) {
				t.Errorf("JSON answers %v, result %v", j.Answers, r.Answers)
			}
			if !reflect.DeepEqual(j.Unanswered, append([]string{}, r.Unanswered...)) {
				t.Errorf("JSON unanswered %v, result %v", j.Unanswered, r.Unanswered)
			}
			for _, qu := range g.Questions {
				if opts, ok := r.Answers[qu.ID]; ok {
					var labels []string
					for _, o := range opts {
						labels = append(labels, qu.Options[qu.OptionIndex(o)].Label)
					}
					has("answer", qu.Title+": "+strings.Join(labels, ", "))
				} else {
					if !strings.Contains(ftext, qu.Title+": (unanswered)") || !strings.Contains(fmd, qu.Title+": *unanswered*") {
						t.Errorf("%s is not shown as unanswered", qu.ID)
					}
				}
			}
			// Every checklist item: a tick box in Markdown.
			var items []JSONCheck
			for _, cg := range g.ChecklistFor(r.Verdict) {
				has("checklist group", cg.Group)
				for _, it := range cg.Items {
					items = append(items, JSONCheck{Group: cg.Group, Item: it})
					if !strings.Contains(ftext, "[ ] "+flat(it)) {
						t.Errorf("text lacks checklist item %q", it)
					}
					if !strings.Contains(unMD(md), "\n- [ ] "+it+"\n") {
						t.Errorf("markdown lacks tick box for %q", it)
					}
				}
			}
			if !reflect.DeepEqual(j.Checklist, items) {
				t.Errorf("JSON checklist %v, want %v", j.Checklist, items)
			}
			if n := strings.Count(md, "\n- [ ] "); n != len(items) {
				t.Errorf("markdown has %d tick boxes, want %d", n, len(items))
			}
		})
	}
}

// TestJSONShape checks the documented JSON keys and value types, so a
// script reading them does not break when the Go types change.
func TestJSONShape(t *testing.T) {
	g := defaultGuide(t)
	for name, a := range reportCases {
		t.Run(name, func(t *testing.T) {
			_, _, js := renderAll(t, NewReport(g, g.Evaluate(a)), 80)
			var doc map[string]any
			if err := json.Unmarshal(js, &doc); err != nil {
				t.Fatal(err)
			}
			wantKeys := []string{"answers", "checklist", "close_call", "confidence", "guide", "guide_hash", "label",
				"reasons", "recommendation", "scores", "summary", "tipping", "unanswered", "version"}
			if got := keysOf(doc); !reflect.DeepEqual(got, wantKeys) {
				t.Fatalf("keys %v, want %v", got, wantKeys)
			}
			if doc["version"] != 1.0 {
				t.Errorf("version %v", doc["version"])
			}
			for _, k := range []string{"recommendation", "label", "summary", "guide", "guide_hash"} {
				if s, ok := doc[k].(string); !ok || s == "" {
					t.Errorf("%s = %#v, want a non-empty string", k, doc[k])
				}
			}
			if c, ok := doc["confidence"].(float64); !ok || c < 0 || c > 1 {
				t.Errorf("confidence %#v, want a number from 0 to 1", doc["confidence"])
			}
			for k, v := range doc["scores"].(map[string]any) {
				if _, ok := v.(float64); !ok {
					t.Errorf("score %s = %#v, want a number", k, v)
				}
			}
			for k, v := range doc["answers"].(map[string]any) {
				// Empty is "none of these" for a multi-select question.
				if _, ok := v.([]any); !ok {
					t.Errorf("answer %s = %#v, want a list", k, v)
				}
			}
			// Lists are [] rather than null, even when empty.
			for _, k := range []string{"unanswered", "reasons", "tipping", "checklist"} {
				if _, ok := doc[k].([]any); !ok {
					t.Errorf("%s = %#v, want a list", k, doc[k])
				}
			}
			checkObjects(t, doc["reasons"], []string{"id", "outcome", "points", "source", "text"}, nil)
			checkObjects(t, doc["tipping"], []string{"option", "question", "recommendation"}, []string{"remove"})
			checkObjects(t, doc["checklist"], []string{"group", "item"}, nil)
		})
	}
}

func keysOf(m map[string]any) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// checkObjects asserts each element of list is an object with exactly the
// required keys, plus any of the optional ones.
func checkObjects(t *testing.T, list any, required, optional []string) {
	t.Helper()
	for i, el := range list.([]any) {
		obj, ok := el.(map[string]any)
		if !ok {
			t.Errorf("element %d is %#v, want an object", i, el)
			continue
		}
		var keys []string
		for _, k := range keysOf(obj) {
			if !slices.Contains(optional, k) {
				keys = append(keys, k)
			}
		}
		if !reflect.DeepEqual(keys, required) {
			t.Errorf("element %d has keys %v, want %v (optional %v)", i, keysOf(obj), required, optional)
		}
	}
}

func TestWriteTextFitsWidth(t *testing.T) {
	g := defaultGuide(t)
	for _, width := range []int{20, 40, 80, 120} {
		for name, a := range reportCases {
			var b bytes.Buffer
			if err := WriteText(&b, NewReport(g, g.Evaluate(a)), width); err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(b.String(), "\n") {
				if w := ansi.StringWidth(line); w > width {
					t.Errorf("%s at width %d: line of %d columns: %q", name, width, w, line)
				}
			}
		}
	}
}

func TestCloseReason(t *testing.T) {
	g := defaultGuide(t)
	tests := []struct {
		answers Answers
		want    string
	}{
		{Answers{}, "A mix of both (a close call: no answer has given any points yet)"},
		{Answers{"occasion": {"everyday"}, "budget": {"invest"}}, "A mix of both (a close call: a tie between Handcrafted and Mass-produced)"},
		{Answers{"occasion": {"gift"}}, "A mix of both (a close call: Handcrafted leads by 2 points)"},
		{Answers{"occasion": {"milestone"}, "budget": {"lowest"}, "lifespan": {"years"}}, "A mix of both (a close call: Handcrafted leads by 1 point)"},
	}
	for _, tt := range tests {
		if got := NewReport(g, g.Evaluate(tt.answers)).Headline(); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.answers, got, tt.want)
		}
	}
}
