package tui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// TestBurstOutsideTheEditorIsIgnored: a pasted or scanned word is not a
// run of commands. "end" on the result used to open the editor (e) and
// type "nd"; "enter" on the welcome screen matched the enter key.
func TestBurstOutsideTheEditorIsIgnored(t *testing.T) {
	res := atResult(t, newModel(t, Options{}))
	cases := map[string]Model{
		"welcome":  newModel(t, Options{}),
		"question": press(t, newModel(t, Options{}), "enter"),
		"review":   press(t, res, "r"),
		"result":   res,
	}
	for name, m := range cases {
		for _, w := range []string{"end", "enter", "qy", "123"} {
			got, cmd := send(t, m, burst(w))
			if w == "qy" {
				continue // two runes act as two keys: TestQuitConfirmation
			}
			if fingerprint(got) != fingerprint(m) || isQuitSeq(cmd) {
				t.Errorf("%s: the burst %q acted:\n%s\n%s", name, w, fingerprint(m), fingerprint(got))
			}
			mustContain(t, screenText(got), "Typed text ignored")
			// The notice goes with the next key.
			mustNotContain(t, screenText(press(t, got, "?")), "Typed text ignored")
		}
	}
	// A pasted word is ignored the same way.
	pasted := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("ring"), Paste: true}
	if got, _ := send(t, res, pasted); got.screen != screenResult || !strings.Contains(got.notice, "ignored") {
		t.Errorf("a paste on the result: screen %s notice %q", got.screen, got.notice)
	}
	// A held key repeats; two quick keys act as two.
	q := press(t, newModel(t, Options{}), "enter")
	if got, _ := send(t, q, burst("jjj")); got.cursor != 3 {
		t.Errorf("held j moved the cursor to %d, want 3", got.cursor)
	}
	if got, _ := send(t, q, burst("23")); got.q != 2 || !reflect.DeepEqual(got.answers["use"], []string{"party"}) {
		t.Errorf("the pair 23: question %d answers %v", got.q+1, got.answers)
	}
}

// TestIdleWarning: the reset warns for its last 15 s (or last third), on
// every screen, the editor included; any key cancels it and does nothing
// else.
func TestIdleWarning(t *testing.T) {
	if got := warnFor(2 * time.Minute); got != 15*time.Second {
		t.Errorf("warning for a 2m idle: %v, want 15s", got)
	}
	if got := warnFor(30 * time.Second); got != 10*time.Second {
		t.Errorf("warning for a 30s idle: %v, want 10s", got)
	}
	if got := warnFor(45 * time.Second); got != 15*time.Second {
		t.Errorf("warning for a 45s idle: %v, want 15s", got)
	}

	opts := Options{Idle: 2 * time.Minute}
	res := atResult(t, newModel(t, opts))
	edit := typeText(t, press(t, res, "e"), "Smi")
	for name, m := range map[string]Model{
		"question": press(t, newModel(t, opts), "enter", "3"),
		"review":   press(t, res, "r"),
		"result":   res,
		"edit":     edit,
		"welcome":  press(t, newModel(t, opts), "enter", "3", "left", "left"),
		"small":    resize(t, press(t, newModel(t, opts), "enter", "3"), 30, 8),
	} {
		warned, cmd := send(t, m, idleMsg{gen: m.idleGen})
		if !warned.warning || cmd == nil {
			t.Fatalf("%s: no warning", name)
		}
		v := strings.Join(strings.Fields(screenText(warned)), " ")
		mustContain(t, v, "Clearing for the next customer in 15 s — press any key to stay.")
		if fingerprint(warned) != fingerprint(m) {
			t.Errorf("%s: the warning changed the screen's state", name)
		}
		// Counting down.
		later, _ := send(t, warned, warnMsg{gen: warned.idleGen, step: time.Second})
		mustContain(t, strings.Join(strings.Fields(screenText(later)), " "), "in 14 s")
		// Any key stays, and does nothing else: not even a digit or q.
		for _, k := range []string{"1", "q", "enter", "esc", "n"} {
			stayed, cmd := send(t, later, keyMsg(k))
			// (cmd is the new idle timer: running it would wait for it.)
			if stayed.warning || fingerprint(stayed) != fingerprint(m) || stayed.quitting {
				t.Errorf("%s: %q during the warning did more than cancel it:\n%s\n%s", name, k, fingerprint(m), fingerprint(stayed))
			}
			mustNotContain(t, screenText(stayed), "Clearing for the next customer")
			if cmd == nil {
				t.Errorf("%s: %q did not start the idle timer again", name, k)
			}
			// A tick of the cancelled countdown does nothing.
			if again, _ := send(t, stayed, warnMsg{gen: later.idleGen, step: time.Second}); again.screen != m.screen {
				t.Errorf("%s: a stale countdown step acted", name)
			}
		}
		// Left alone, it clears the screen.
		gone, _ := idleOut(t, warned)
		if gone.screen != screenWelcome || len(gone.answers) != 0 || gone.warning {
			t.Errorf("%s: after the warning: screen %s answers %v", name, gone.screen, gone.answers)
		}
	}
	// A short idle warns for its last third.
	short := press(t, newModel(t, Options{Idle: 9 * time.Second}), "enter", "3")
	short, _ = send(t, short, idleMsg{gen: short.idleGen})
	mustContain(t, screenText(short), "in 3 s")
	// Nothing to clear, nothing to warn about.
	fresh, cmd := send(t, newModel(t, opts), idleMsg{gen: 0})
	if fresh.warning || cmd != nil {
		t.Error("a fresh welcome screen was warned about")
	}
}

// TestNextCustomerAsksForUnsavedText: n would throw away a reference or
// note nobody saved, so it asks first; once saved it does not.
func TestNextCustomerAsksForUnsavedText(t *testing.T) {
	res := atResult(t, newModel(t, Options{SaveDir: t.TempDir(), Now: fixedNow}))
	typed := press(t, typeText(t, press(t, res, "e", "tab"), "size N"), "enter")
	asked := press(t, typed, "n")
	if asked.asking != askNext || asked.screen != screenResult {
		t.Fatalf("n with an unsaved note: asking %v screen %s", asked.asking, asked.screen)
	}
	v := screenText(asked)
	mustContain(t, v, "Next customer? The reference and note are not saved.", "y yes", "n/esc no", "your result")
	for _, k := range []string{"n", "esc"} {
		stay := press(t, asked, k)
		if stay.screen != screenResult || stay.note != "size N" || stay.asking != askNone {
			t.Errorf("%s: screen %s note %q", k, stay.screen, stay.note)
		}
	}
	gone := press(t, asked, "y")
	if gone.screen != screenWelcome || gone.note != "" {
		t.Errorf("y: screen %s note %q", gone.screen, gone.note)
	}
	// Saved: n goes at once.
	saved, _ := pressSettle(t, typed, "s")
	if next := press(t, saved, "n"); next.screen != screenWelcome || next.asking != askNone {
		t.Errorf("n after saving: screen %s asking %v", next.screen, next.asking)
	}
	// Nothing typed: nothing to ask about.
	if next := press(t, res, "n"); next.screen != screenWelcome {
		t.Errorf("n with nothing typed: screen %s", next.screen)
	}
}

// TestModelIsAValue keeps copies of the model, presses keys on the
// original, and checks that no copy changed with it.
func TestModelIsAValue(t *testing.T) {
	multi := press(t, newModel(t, Options{}), "enter", "3", "3", "3", "1")
	keep := multi
	keepView, keepTicks := screenText(keep), append([]bool(nil), keep.ticks...)
	press(t, multi, "2", "up", "space", "3")
	if !reflect.DeepEqual(keep.ticks, keepTicks) || screenText(keep) != keepView {
		t.Errorf("ticking on the original changed a copy: %v, want %v", keep.ticks, keepTicks)
	}

	edit := typeText(t, press(t, atResult(t, newModel(t, Options{})), "e"), "Smith")
	edit = typeText(t, press(t, edit, "tab"), "gold ring")
	keepEdit := edit
	before := screenText(keepEdit)
	changed := press(t, edit, "home", "delete", "backspace")
	changed = typeText(t, changed, "rose ")
	changed = press(t, changed, "alt+enter", "tab", "backspace")
	changed = typeText(t, changed, "x")
	if changed.edit.note.Value() == keepEdit.edit.note.Value() {
		t.Fatal("the keys changed nothing; the test proves nothing")
	}
	if screenText(keepEdit) != before || keepEdit.edit.note.Value() != "gold ring" || keepEdit.edit.ref.Value() != "Smith" {
		t.Errorf("editing the original changed a copy: ref %q note %q", keepEdit.edit.ref.Value(), keepEdit.edit.note.Value())
	}
}

// TestTooSmallWindowTakesOnlyQuit: with the window too small to draw the
// screen, only quitting and a resize act; ? no longer toggles a help
// nobody can see.
func TestTooSmallWindowTakesOnlyQuit(t *testing.T) {
	m := resize(t, press(t, newModel(t, Options{}), "enter", "3"), 30, 8)
	for _, k := range []string{"?", "1", "enter", "left", "w", "esc"} {
		if got := press(t, m, k); fingerprint(got) != fingerprint(m) {
			t.Errorf("%q acted in a window too small to see:\n%s\n%s", k, fingerprint(m), fingerprint(got))
		}
	}
	// In the editor too, q is quit rather than text typed blind.
	e := resize(t, press(t, atResult(t, newModel(t, Options{})), "e"), 30, 8)
	if _, cmd := send(t, e, keyMsg("q")); !isQuit(cmd) {
		t.Error("q in a too-small editor did not quit")
	}
}

// TestQuitAsksForUnsavedText: q on the result ends the run, and the
// printed report has no note, so q asks about unsaved text as n does.
func TestQuitAsksForUnsavedText(t *testing.T) {
	res := atResult(t, newModel(t, Options{SaveDir: t.TempDir(), Now: fixedNow}))
	typed := press(t, typeText(t, press(t, res, "e", "tab"), "size N"), "enter")
	asked, cmd := send(t, typed, keyMsg("q"))
	if isQuit(cmd) || asked.quitting || asked.asking != askQuit {
		t.Fatalf("q with an unsaved note: quitting %v asking %v", asked.quitting, asked.asking)
	}
	mustContain(t, screenText(asked), "Quit? The reference and note are not saved.", "y yes", "n/esc no")
	for _, k := range []string{"n", "esc"} {
		if stay := press(t, asked, k); stay.quitting || stay.note != "size N" || stay.asking != askNone {
			t.Errorf("%s: quitting %v note %q", k, stay.quitting, stay.note)
		}
	}
	if _, cmd := send(t, asked, keyMsg("y")); !isQuit(cmd) {
		t.Error("y did not quit")
	}
	// Saved, or nothing typed: q quits at once.
	saved, _ := pressSettle(t, typed, "s")
	for name, m := range map[string]Model{"saved": saved, "nothing typed": res} {
		if _, cmd := send(t, m, keyMsg("q")); !isQuit(cmd) {
			t.Errorf("q %s: did not quit", name)
		}
	}
}
