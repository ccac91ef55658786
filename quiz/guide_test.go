package quiz

import (
	"bytes"
	"strings"
	"testing"
)

// TestChosenLabels pins the one wording of an answer that the review, the
// plain prompts and every report share.
func TestChosenLabels(t *testing.T) {
	qu := Question{ID: "q", Max: 2, Options: []Option{{ID: "a", Label: "Gold \x1b[31mred"}, {ID: "b", Label: "B"}}}
	for _, tc := range []struct {
		ids  []string
		want string
	}{
		{nil, "none of these"},
		{[]string{}, "none of these"},
		{[]string{"b"}, "B"},
		{[]string{"a", "b"}, `Gold \x1b[31mred, B`},
		{[]string{"b", "gone"}, "B"}, // an id the guide no longer has is left out
	} {
		if got := qu.ChosenLabels(tc.ids); got != tc.want {
			t.Errorf("ChosenLabels(%q) = %q, want %q", tc.ids, got, tc.want)
		}
	}
}

// TestReportWordsAnswersLikeTheGuide: the report's answers, and its
// unanswered questions, read the same as Question.ChosenLabels and
// UnansweredLabel say, so no mode words them its own way.
func TestReportWordsAnswersLikeTheGuide(t *testing.T) {
	g := fixture(t, "counter")
	a := Answers{"occasion": {"gift"}, "extras": {"meet-maker", "hold-value"}, "character": {}}
	rep := NewReport(g, g.Evaluate(a))
	for _, ra := range rep.Answers {
		qu, _ := g.Question(ra.Question)
		if want := qu.ChosenLabels(a[ra.Question]); ra.Chosen() != want {
			t.Errorf("%s: report says %q, ChosenLabels %q", ra.Question, ra.Chosen(), want)
		}
	}
	var text bytes.Buffer
	if err := WriteText(&text, rep, 80); err != nil {
		t.Fatal(err)
	}
	for _, ra := range rep.Unanswered {
		if want := ra.Title + ": " + UnansweredLabel; !strings.Contains(text.String(), want) {
			t.Errorf("text report lacks %q", want)
		}
	}
}
