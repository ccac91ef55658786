package tui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/jewelguide/jewelguide/quiz"
)

// recorder wraps the model and writes down the frame after every key, so
// the golden file is the run as a user saw it, one screen per key. (The
// program's raw output is not compared: how many frames the renderer
// draws depends on timing.)
type recorder struct {
	Model
	log *strings.Builder
}

func (r recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := r.Model.Update(msg)
	r.Model = next.(Model)
	if k, ok := msg.(tea.KeyMsg); ok {
		fmt.Fprintf(r.log, "──── after %q on %s ────\n%s\n", k.String(), r.screen, ansi.Strip(r.View()))
	}
	return r, cmd
}

// TestEndToEndGolden runs the whole quiz through a real Bubble Tea program
// at 80×24: welcome, answers with digits and arrows, going back twice, the
// multi-select limit, the review, a change from the review, the result,
// and quitting. Regenerate with: go test ./quiz/tui -run Golden -update
func TestEndToEndGolden(t *testing.T) {
	log := &strings.Builder{}
	rec := recorder{Model: newModel(t, Options{Guide: defaultGuide(t), NoColor: true}), log: log}
	tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(80, 24))
	keys := []string{
		"enter", "3", "down", "down", "enter", "left", "left", // back twice
		"w", "2", "w", "3", "2", "3", "3", "3", // why we ask, then digits
		"1", "2", "3", "space", "up", "space", "down", "space", "enter", // the limit of two
		"down", "down", "down", "enter", "3", // change lifespan from the review
		"up", "up", "up", "enter", "pgdown", "end", "3", "4", "2", "r", "q",
	}
	for _, k := range keys {
		// Send returns once the program has taken the key, and the program
		// handles keys in order, so the frames do not depend on timing.
		tm.Send(keyMsg(k))
	}
	final := tm.FinalModel(t).(recorder)
	out := final.Outcome()
	want := quiz.Answers{
		"occasion": {"gift"}, "budget": {"invest"}, "lifespan": {"heirloom"}, "ethics": {"essential"},
		"personalization": {"bespoke"}, "character": {"one-of-a-kind"}, "extras": {"meet-maker", "matching-set"},
	}
	if !out.Completed || out.Interrupted || !reflect.DeepEqual(out.Answers, want) {
		t.Errorf("outcome = %+v, want completed with %v", out, want)
	}
	// The checklist part of the built-in guide at 80×24 shows at least
	// eight items.
	frames := log.String()
	check := frames[strings.Index(frames, `after "3" on result`):strings.Index(frames, `after "4" on result`)]
	if n := strings.Count(check, "[ ] "); n < 8 {
		t.Errorf("the checklist part shows %d items at 80×24, want at least 8:\n%s", n, check)
	}
	teatest.RequireEqualOutput(t, []byte(log.String()))
}

// keyReader hands the program one key per Read, the way a person types,
// and then blocks until closed, as a terminal would.
type keyReader struct {
	keys   []string
	closed chan struct{}
	once   sync.Once
}

func newKeyReader(keys ...string) *keyReader {
	return &keyReader{keys: keys, closed: make(chan struct{})}
}

func (r *keyReader) Read(p []byte) (int, error) {
	if len(r.keys) == 0 {
		<-r.closed
		return 0, io.EOF
	}
	k := r.keys[0]
	r.keys = r.keys[1:]
	return copy(p, k), nil
}

func (r *keyReader) Close() { r.once.Do(func() { close(r.closed) }) }

func TestRunCompletes(t *testing.T) {
	in := newKeyReader("\r", "3", "3", "3", "1", "2", "\r", "\r", "\x1b[B", "q")
	defer in.Close()
	var out bytes.Buffer
	got, err := Run(context.Background(), Options{Guide: fixtureGuide(t), Input: in, Output: &out, NoColor: true, AltScreen: true})
	if err != nil {
		t.Fatal(err)
	}
	if !got.Completed || got.Interrupted || len(got.Answers) != 4 || !reflect.DeepEqual(got.Answers["extras"], []string{"talk", "value"}) {
		t.Errorf("outcome = %+v", got)
	}
	s := out.String()
	for _, seq := range []string{"\x1b[?1049h", "\x1b[?1049l", "\x1b[?25h"} {
		if !strings.Contains(s, seq) {
			t.Errorf("output lacks %q (alternate screen and cursor must be restored)", seq)
		}
	}
}

func TestRunCtrlC(t *testing.T) {
	in := newKeyReader("\r", "3", "\x03")
	defer in.Close()
	got, err := Run(context.Background(), Options{Guide: fixtureGuide(t), Input: in, Output: io.Discard, NoColor: true})
	if err != nil {
		t.Fatal(err)
	}
	if !got.Interrupted || got.Completed || !reflect.DeepEqual(got.Answers, quiz.Answers{"use": {"moment"}}) {
		t.Errorf("outcome = %+v", got)
	}
}

func TestRunCancelledContext(t *testing.T) {
	in := newKeyReader()
	defer in.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, Options{Guide: fixtureGuide(t), Input: in, Output: io.Discard, NoColor: true})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestRunNeedsGuide(t *testing.T) {
	if _, err := Run(context.Background(), Options{}); err == nil {
		t.Error("Run without a guide did not fail")
	}
}

// TestCounterEndToEndGolden runs a consultation at the counter through a
// real program: the result with its resume code, a reference and note
// typed (with q and n in them), the next customer, and quitting. The log
// line is written before the program ends. Regenerate with -update.
func TestCounterEndToEndGolden(t *testing.T) {
	log := &strings.Builder{}
	logFile := filepath.Join(t.TempDir(), "c.log")
	rec := recorder{Model: newModel(t, Options{Guide: defaultGuide(t), NoColor: true, LogFile: logFile, Now: fixedNow}), log: log}
	tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(80, 24))
	// The built-in guide's answers for a handcrafted result; n asks first,
	// since the reference and note were not saved.
	keys := []string{"enter", "3", "3", "3", "3", "3", "3", "1", "2", "enter", "enter", "e", "Ring Smith", "tab", "quick, no rush", "enter", "n", "y", "q"}
	for _, k := range keys {
		msg := keyMsg(k)
		if strings.Contains(k, " ") {
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		tm.Send(msg)
	}
	final := tm.FinalModel(t).(recorder)
	if out := final.Outcome(); out.Completed || len(out.Answers) != 0 || out.LogError != nil {
		t.Errorf("outcome after n and q = %+v, want a fresh consultation", out)
	}
	recs := readLog(t, logFile)
	if len(recs) != 1 || recs[0].Reference != "Ring Smith" || recs[0].Verdict != "handcrafted" {
		t.Errorf("log = %+v, want one handcrafted record for Ring Smith", recs)
	}
	teatest.RequireEqualOutput(t, []byte(log.String()))
}
