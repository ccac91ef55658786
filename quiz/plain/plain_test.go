package plain

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/jewelguide/jewelguide/data"
	"github.com/jewelguide/jewelguide/quiz"
)

func guide(t *testing.T) *quiz.Guide {
	t.Helper()
	g, err := quiz.Parse(data.GuideFile, data.Guide)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestParseChoice(t *testing.T) {
	g := guide(t)
	single, _ := g.Question("budget")
	multi, _ := g.Question("extras")
	tests := []struct {
		q    quiz.Question
		in   string
		want []string
		msg  string
	}{
		{single, "2", []string{"moderate"}, ""},
		{single, "0", nil, `"0" is not a choice here; type a number from 1 to 3.`},
		{single, "4", nil, `"4" is not a choice here; type a number from 1 to 3.`},
		{single, "", nil, "Please type a number from 1 to 3."},
		{single, "1,2", nil, "This question takes one answer: type a single number from 1 to 3."},
		{multi, "", nil, "Please type up to 2 numbers from 1 to 4, or 0 for none of these."},
		{multi, "0", []string{}, ""},
		{multi, "2, 1", []string{"hold-value", "meet-maker"}, ""},
		{multi, "3 3", []string{"matching-set"}, ""},
		{multi, "1,2,3", nil, "Choose at most 2."},
		{multi, "1,x", nil, `"x" is not a choice here; type a number from 1 to 4.`},
		{single, "\x1b[2J", nil, `"\x1b[2J" is not a choice here; type a number from 1 to 3.`},
	}
	for _, tt := range tests {
		got, msg := parseChoice(tt.q, tt.in)
		if !reflect.DeepEqual(got, tt.want) || msg != tt.msg {
			t.Errorf("parseChoice(%s, %q) = %v, %q; want %v, %q", tt.q.ID, tt.in, got, msg, tt.want, tt.msg)
		}
	}
}

func TestRunAnswersEveryQuestion(t *testing.T) {
	var out strings.Builder
	a, err := Run(context.Background(), guide(t), strings.NewReader("2\n3\n2\n2\n3\n2\n\n0\n"), &out, 60)
	if err != nil {
		t.Fatal(err)
	}
	want := quiz.Answers{"occasion": {"gift"}, "budget": {"invest"}, "lifespan": {"years"}, "ethics": {"nice-to-have"}, "personalization": {"bespoke"}, "character": {"either"}, "extras": {}}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("answers = %v, want %v", a, want)
	}
	for _, l := range strings.Split(out.String(), "\n") {
		if len([]rune(l)) > 60 && !strings.HasPrefix(l, "Type") {
			t.Errorf("line wider than 60 columns: %q", l)
		}
	}
}

func TestRunStopsWhenContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	stop := errors.New("stopped")
	cancel(stop)
	// A reader that never delivers: Run must not wait for it.
	_, err := Run(ctx, guide(t), blockingReader{}, &strings.Builder{}, 80)
	if !errors.Is(err, stop) {
		t.Fatalf("err = %v, want the context's cause", err)
	}
}

type blockingReader struct{}

func (blockingReader) Read([]byte) (int, error) { select {} }

func TestGoingBackShowsAndKeepsTheAnswer(t *testing.T) {
	var out strings.Builder
	// milestone; back from budget; Enter keeps milestone; then the rest.
	a, err := Run(context.Background(), guide(t), strings.NewReader("3\nb\n\n1\n1\n1\n1\n1\n0\n"), &out, 80)
	if err != nil {
		t.Fatal(err)
	}
	if got := a["occasion"]; len(got) != 1 || got[0] != "milestone" {
		t.Errorf("Enter on a revisited question should keep its answer, got %v", got)
	}
	if !strings.Contains(out.String(), "Your answer so far: A milestone. Press Enter to keep it.") {
		t.Errorf("a revisited question should say its current answer:\n%s", out.String())
	}
	if got, ok := a["extras"]; !ok || len(got) != 0 {
		t.Errorf("0 on a multi-select question means none of these, got %v (present %v)", got, ok)
	}
}

func TestByteOrderMarkIsIgnored(t *testing.T) {
	// Some Windows shells start piped text with a byte-order mark.
	a, err := Run(context.Background(), guide(t), strings.NewReader("\ufeff3\n1\n1\n1\n1\n1\n0\n"), &strings.Builder{}, 80)
	if err != nil {
		t.Fatal(err)
	}
	if got := a["occasion"]; len(got) != 1 || got[0] != "milestone" {
		t.Errorf("occasion = %v, want milestone", got)
	}
}

func TestAccessible(t *testing.T) {
	for v, want := range map[string]bool{
		"": false, "0": false, "false": false, "FALSE": false, " ": false,
		"1": true, "true": true, "yes": true,
	} {
		if got := Accessible(v); got != want {
			t.Errorf("Accessible(%q) = %v, want %v", v, got, want)
		}
	}
}

// An empty line on a multi-select question is no answer: it re-asks, as a
// single-choice question does, and only 0 records "none of these".
func TestEmptyLineOnMultiSelectReasks(t *testing.T) {
	var out strings.Builder
	_, err := Run(context.Background(), guide(t), strings.NewReader("2\n3\n2\n2\n3\n2\n\n"), &out, 80)
	var ended *InputEndedError
	if !errors.As(err, &ended) || ended.Question != 7 {
		t.Errorf("an empty line answered the last question: err %v", err)
	}
	if !strings.Contains(out.String(), "Please type up to 2 numbers from 1 to 4, or 0 for none of these.") || strings.Contains(out.String(), "none of these\nWhat else") {
		t.Errorf("no re-ask after the empty line:\n%s", out.String())
	}
}
