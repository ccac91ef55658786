package tui

import (
	"bufio"
	"encoding/json"
	"os"
	"reflect"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/jewelguide/jewelguide/quiz/shop"
)

// counterTime is the clock in the counter tests: handouts are named from it.
var counterTime = time.Date(2026, 11, 27, 14, 32, 5, 0, time.Local)

func fixedNow() time.Time { return counterTime }

// send feeds one message to the model.
func send(t testing.TB, m Model, msg tea.Msg) (Model, tea.Cmd) {
	t.Helper()
	next, cmd := m.Update(msg)
	nm := next.(Model)
	checkFit(t, nm, "after a message")
	return nm, cmd
}

// settle runs cmd as the program would: batches and sequences unpacked and
// every message fed back to Update. It reports whether the program was
// told to quit. It must never meet an idle timer (it would wait for it),
// so tests that use the idle reset send idleMsg by hand instead.
func settle(t testing.TB, m Model, cmd tea.Cmd) (Model, bool) {
	t.Helper()
	if cmd == nil {
		return m, false
	}
	msg := cmd()
	if _, ok := msg.(tea.QuitMsg); ok {
		return m, true
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		// tea.BatchMsg, or Bubble Tea's unexported sequence message.
		quit := false
		for i := 0; i < v.Len(); i++ {
			var q bool
			m, q = settle(t, m, v.Index(i).Interface().(tea.Cmd))
			quit = quit || q
		}
		return m, quit
	}
	next, c := send(t, m, msg)
	return settle(t, next, c)
}

// pressSettle presses keys one by one and runs what each key starts.
func pressSettle(t testing.TB, m Model, keys ...string) (Model, bool) {
	t.Helper()
	quit := false
	for _, k := range keys {
		next, cmd := send(t, m, keyMsg(k))
		var q bool
		m, q = settle(t, next, cmd)
		quit = quit || q
	}
	return m, quit
}

// typeText types s into the model one rune at a time, as keys.
func typeText(t testing.TB, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		k := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}
		if r == ' ' {
			k = tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
		}
		m, _ = send(t, m, k)
	}
	return m
}

// readLog decodes every line of a consultation log.
func readLog(t testing.TB, path string) []shop.Record {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []shop.Record
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r shop.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("log line %q: %v", sc.Text(), err)
		}
		out = append(out, r)
	}
	return out
}

// atResult answers every question for the handcrafted result and opens it.
func atResult(t testing.TB, m Model) Model {
	t.Helper()
	m = press(t, m, allStudio...)
	m = press(t, m, "enter")
	if m.screen != screenResult {
		t.Fatalf("screen = %s, want result", m.screen)
	}
	return m
}

// idleOut runs the idle timer to its end as the program would: the start
// of the warning, then each step of its countdown. It returns the command
// of the last step (the log write of a reset, if any).
func idleOut(t testing.TB, m Model) (Model, tea.Cmd) {
	t.Helper()
	m, cmd := send(t, m, idleMsg{gen: m.idleGen})
	for i := 0; m.warning; i++ {
		if i > 100 {
			t.Fatal("the idle warning never ends")
		}
		m, cmd = send(t, m, warnMsg{gen: m.idleGen, step: min(time.Second, m.warnLeft)})
	}
	return m, cmd
}
