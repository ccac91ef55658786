package quiz

import (
	"bytes"
	"encoding/json"
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

// TestJSONMatchesResult: the JSON report carries the result's facts as
// they are, field by field (the other writers are held to the same
// content by TestEveryWriterSameContent).
func TestJSONMatchesResult(t *testing.T) {
	g := fixture(t, "counter")
	for name, a := range reportCases {
		t.Run(name, func(t *testing.T) {
			r := g.Evaluate(a)
			rep := NewReport(g, r)
			_, _, js := renderAll(t, rep, 80)
			var j JSONReport
			if err := json.Unmarshal(js, &j); err != nil {
				t.Fatalf("JSON does not decode: %v", err)
			}
			outcome, _ := g.Outcome(r.Verdict)
			if j.Recommendation != r.Verdict || j.Label != outcome.Label || j.Close != r.Close || j.Summary != rep.Summary {
				t.Errorf("JSON verdict %q %q close=%v, want %q %q close=%v", j.Recommendation, j.Label, j.Close, r.Verdict, outcome.Label, r.Close)
			}
			if d := j.Confidence - r.Confidence; d > 0.0005 || d < -0.0005 {
				t.Errorf("JSON confidence %v, result %v", j.Confidence, r.Confidence)
			}
			if j.Strength != rep.Strength || j.StrengthText != rep.StrengthText || j.OpenPoints != r.Open || j.Lead != r.Lead || j.Leader != r.Leader {
				t.Errorf("JSON strength %q %q open %d lead %d leader %q; report %q %q open %d lead %d leader %q",
					j.Strength, j.StrengthText, j.OpenPoints, j.Lead, j.Leader, rep.Strength, rep.StrengthText, r.Open, r.Lead, r.Leader)
			}
			for _, s := range r.Scores {
				if p, ok := j.Scores[s.Outcome]; !ok || p != s.Points {
					t.Errorf("JSON score %s = %d, want %d", s.Outcome, p, s.Points)
				}
			}
			if len(j.Scores) != len(g.Outcomes) {
				t.Errorf("JSON has %d scores for %d outcomes", len(j.Scores), len(g.Outcomes))
			}
			if len(j.Reasons) != len(r.Contributions) {
				t.Errorf("JSON has %d reasons, result %d", len(j.Reasons), len(r.Contributions))
			}
			for i, c := range r.Contributions {
				want := JSONReason{Source: c.Source, ID: c.ID, Outcome: c.Outcome, Points: c.Points, Text: c.Reason}
				if i < len(j.Reasons) && j.Reasons[i] != want {
					t.Errorf("JSON reason %d = %+v, want %+v", i, j.Reasons[i], want)
				}
			}
			var jt []Tip
			for _, x := range j.Tipping {
				tip := Tip{Question: x.Question, Option: x.Option, Remove: x.Remove, Verdict: x.Recommendation,
					Close: x.Close, Conflict: x.Conflict, Lead: x.Lead}
				for _, o := range g.Outcomes {
					if p, ok := x.Points[o.ID]; ok {
						tip.Change = append(tip.Change, Score{o.ID, p})
					}
				}
				if len(x.RulesOut) > 0 {
					tip.RulesOut = x.RulesOut
				}
				if len(x.Lifts) > 0 {
					tip.Lifts = x.Lifts
				}
				jt = append(jt, tip)
			}
			if !reflect.DeepEqual(jt, r.Tipping) {
				t.Errorf("JSON tipping %v, result %v", jt, r.Tipping)
			}
			if !reflect.DeepEqual(j.Answers, map[string][]string(r.Answers)) {
				t.Errorf("JSON answers %v, result %v", j.Answers, r.Answers)
			}
			if !reflect.DeepEqual(j.Unanswered, append([]string{}, r.Unanswered...)) {
				t.Errorf("JSON unanswered %v, result %v", j.Unanswered, r.Unanswered)
			}
			var items []JSONCheck
			for _, cg := range g.ChecklistFor(r.Verdict) {
				for _, it := range cg.Items {
					items = append(items, JSONCheck{Group: cg.Group, Item: it})
				}
			}
			if !reflect.DeepEqual(j.Checklist, items) {
				t.Errorf("JSON checklist %v, want %v", j.Checklist, items)
			}
			if len(j.Wishes) != len(r.Wishes) || len(j.Cautions) != len(r.Cautions) {
				t.Errorf("JSON has %d wishes and %d cautions, result %d and %d", len(j.Wishes), len(j.Cautions), len(r.Wishes), len(r.Cautions))
			}
		})
	}
}

// TestJSONShape checks the documented JSON keys and value types, so a
// script reading them does not break when the Go types change.
func TestJSONShape(t *testing.T) {
	g := fixture(t, "counter")
	for name, a := range reportCases {
		t.Run(name, func(t *testing.T) {
			_, _, js := renderAll(t, NewReport(g, g.Evaluate(a)), 80)
			var doc map[string]any
			if err := json.Unmarshal(js, &doc); err != nil {
				t.Fatal(err)
			}
			wantKeys := []string{"answers", "cautions", "checklist", "close_call", "confidence", "conflict", "deciders",
				"guide", "guide_hash", "label", "lead", "leader", "margin", "open_could_change", "open_points",
				"reasons", "recommendation", "runner_up", "scores", "strength", "strength_text", "summary", "tipping",
				"unanswered", "version", "wishes"}
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
			for _, k := range []string{"unanswered", "reasons", "tipping", "checklist", "wishes", "cautions", "deciders"} {
				if _, ok := doc[k].([]any); !ok {
					t.Errorf("%s = %#v, want a list", k, doc[k])
				}
			}
			checkObjects(t, doc["reasons"], []string{"id", "outcome", "points", "source", "text"}, nil)
			checkObjects(t, doc["tipping"], []string{"close_call", "conflict", "lead", "no_longer_rules_out", "option", "points",
				"question", "recommendation", "rules_out", "why"}, []string{"remove"})
			checkObjects(t, doc["wishes"], []string{"decided", "option", "outcome", "question", "text"}, nil)
			checkObjects(t, doc["cautions"], []string{"option", "question", "text"}, nil)
			checkObjects(t, doc["deciders"], []string{"option", "outcome", "points", "question", "text"}, nil)
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
	g := fixture(t, "counter")
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
	g := fixture(t, "counter")
	tests := []struct {
		answers Answers
		want    string
	}{
		{Answers{}, "no answer has given any points yet"},
		{Answers{"occasion": {"everyday"}, "budget": {"invest"}}, "a tie between handcrafted and mass-produced at 3 points each"},
		{Answers{"occasion": {"gift"}}, "handcrafted leads mass-produced by 2 points (2 to 0)"},
		{Answers{"occasion": {"milestone"}, "budget": {"lowest"}, "lifespan": {"years"}}, "handcrafted leads mass-produced by 1 point (5 to 4)"},
	}
	for _, tt := range tests {
		rep := NewReport(g, g.Evaluate(tt.answers))
		if got := rep.CloseReason(); got != tt.want || !rep.Close {
			t.Errorf("%v: %q (close %v), want %q", tt.answers, got, rep.Close, tt.want)
		}
		if h := rep.Headline(); h != "A mix of both (a close call)" {
			t.Errorf("%v: headline %q", tt.answers, h)
		}
	}
}
