package plain

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/jewelguide/jewelguide/quiz"
)

// fixture is the interface tests' small guide: four questions, the last a
// multi-select of at most two.
func fixture(t *testing.T) *quiz.Guide {
	t.Helper()
	const path = "../tui/testdata/counter.yaml"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	g, err := quiz.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func isPrompt(l string) bool {
	return strings.HasPrefix(l, "Number 1-") || strings.HasPrefix(l, "Numbers (")
}

// TestMessagesStartOnANewLine: input that is not echoed leaves the cursor
// after the prompt; every message, and whatever follows the run (an
// error), starts on a line of its own.
func TestMessagesStartOnANewLine(t *testing.T) {
	var out strings.Builder
	_, err := Run(context.Background(), fixture(t), strings.NewReader("9\n3\n"), &out, 80)
	if _, ok := err.(*InputEndedError); !ok {
		t.Fatalf("err = %v, want input ended", err)
	}
	s := out.String()
	if !strings.HasSuffix(s, "\n") {
		t.Errorf("the output ends mid-line, so an error would follow the prompt: %q", s)
	}
	prompts := 0
	for _, l := range strings.Split(s, "\n") {
		if isPrompt(l) {
			prompts++
			if !strings.HasSuffix(l, "): ") {
				t.Errorf("something was printed after the prompt: %q", l)
			}
		}
	}
	if prompts != 3 {
		t.Errorf("%d prompts, want 3:\n%s", prompts, s)
	}
	mustHaveLine(t, s, `"9" is not a choice here; type a number from 1 to 5.`)
}

// TestChosenAnswerIsEchoed: each answer is said back, since a screen
// reader or input that is not echoed gives no other way to hear it.
func TestChosenAnswerIsEchoed(t *testing.T) {
	var out strings.Builder
	a, err := Run(context.Background(), fixture(t), strings.NewReader("3\n3\nb\n\n1\n1,3\n"), &out, 80)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 4 {
		t.Fatalf("answers = %v", a)
	}
	s := out.String()
	for _, l := range []string{"Use: A big moment", "Spend: Happy to spend", "Last: A season", "Extras: Talking with the maker, A matching set"} {
		mustHaveLine(t, s, l)
	}
	// Enter on a revisited question keeps the answer, and says it too.
	if n := strings.Count(s, "\nSpend: Happy to spend\n"); n != 2 {
		t.Errorf("the kept answer was said %d times, want 2:\n%s", n, s)
	}
}

// TestEchoedTerminalGetsNoBlankLines: on a terminal, Enter has ended the
// prompt's line already; the echo follows directly.
func TestEchoedTerminalGetsNoBlankLines(t *testing.T) {
	var out strings.Builder
	if _, err := RunEchoed(context.Background(), fixture(t), strings.NewReader("3\n"), &out, 80); err == nil {
		t.Fatal("no error at the end of the input")
	}
	s := out.String()
	if !strings.Contains(s, "q: quit): Use: A big moment\n") {
		t.Errorf("the echo does not follow the typed answer's line:\n%q", s)
	}
	if !strings.HasSuffix(s, "\n") {
		t.Errorf("the input's end (ctrl+d) left the cursor after the prompt: %q", s)
	}
}

// TestPromptsFitEightyColumns: a prompt with a typed answer fits 80
// columns, so the answer never wraps on its own.
func TestPromptsFitEightyColumns(t *testing.T) {
	for _, g := range []*quiz.Guide{fixture(t), guide(t)} {
		for i, qu := range g.Questions {
			p := promptText(qu, i)
			if n := len([]rune(p)) + len("1, 2, 3"); n > 80 {
				t.Errorf("%s: prompt and answer take %d columns: %q", qu.ID, n, p)
			}
		}
	}
}

// TestNoBoxCharacters: plain output is read aloud or printed; drawing
// characters mean nothing there.
func TestNoBoxCharacters(t *testing.T) {
	var out strings.Builder
	if _, err := Run(context.Background(), fixture(t), strings.NewReader("?\n1\n2\n3\n0\n"), &out, 80); err != nil {
		t.Fatal(err)
	}
	for _, r := range out.String() {
		if r >= 0x2500 && r <= 0x259f {
			t.Fatalf("a box-drawing or block character %q in plain output:\n%s", r, out.String())
		}
	}
}

func mustHaveLine(t *testing.T, s, line string) {
	t.Helper()
	for _, l := range strings.Split(s, "\n") {
		if l == line {
			return
		}
	}
	t.Errorf("no line %q in:\n%s", line, s)
}
