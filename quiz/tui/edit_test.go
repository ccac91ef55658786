package tui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func TestNoteEntryKeysAreText(t *testing.T) {
	m := atResult(t, newModel(t, Options{}))
	m = press(t, m, "e")
	if m.screen != screenEdit {
		t.Fatalf("e went to %s, want edit", m.screen)
	}
	v := screenText(m)
	mustContain(t, v, "Customer reference and note", "Reference (0/40)", "Note (0/200)", "tab other field", "enter keep", "esc cancel")
	mustNotContain(t, v, "q quit", "? more")

	// Every action key of the result types itself instead.
	for _, k := range []string{"q", "n", "s", "e", "r", "?", "1", "j", "y", " "} {
		next, cmd := send(t, m, keyMsg(k))
		if next.screen != screenEdit || next.quitting || next.savingFor != nil || next.help.ShowAll {
			t.Fatalf("%q acted on the edit screen: screen %s", k, next.screen)
		}
		if cmd != nil && isQuit(cmd) {
			t.Fatalf("%q quit", k)
		}
		m = next
	}
	if got := m.edit.ref.Value(); got != "qnser?1jy " {
		t.Errorf("reference field = %q", got)
	}
	m = press(t, m, "tab")
	m = typeText(t, m, "q to quit? no")
	// A burst of typed keys is text too, not split into actions.
	m, _ = send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(" nsq")})
	if got := m.edit.note.Value(); got != "q to quit? no nsq" {
		t.Errorf("note field = %q", got)
	}
	mustContain(t, screenText(m), "> q to quit? no nsq", "Note (17/200)")

	// esc cancels: nothing is kept.
	cancelled := press(t, m, "esc")
	if cancelled.screen != screenResult || cancelled.ref != "" || cancelled.note != "" {
		t.Fatalf("esc: screen %s ref %q note %q", cancelled.screen, cancelled.ref, cancelled.note)
	}
	mustNotContain(t, screenText(cancelled), "Ref:", "Note:")

	// enter keeps both, trimmed, and the result shows them.
	kept := press(t, m, "enter")
	if kept.screen != screenResult || kept.ref != "qnser?1jy" || kept.note != "q to quit? no nsq" {
		t.Fatalf("enter: screen %s ref %q note %q", kept.screen, kept.ref, kept.note)
	}
	mustContain(t, screenText(kept), "Ref: qnser?1jy", "Note: q to quit? no nsq", "e ref/note")
	// Opening again shows what was kept; esc after changes keeps the old.
	again := press(t, kept, "e")
	mustContain(t, screenText(again), "> qnser?1jy", "  q to quit? no nsq")
	again = press(t, typeText(t, again, "xyz"), "esc")
	if again.ref != "qnser?1jy" {
		t.Errorf("esc after changes: ref %q", again.ref)
	}
	// ctrl+c still quits at once.
	if _, cmd := send(t, press(t, kept, "e"), keyMsg("ctrl+c")); !isQuit(cmd) {
		t.Error("ctrl+c on the edit screen did not quit")
	}
}

// TestBurstsInTheEditorAreText: a word arriving in one read (fast typing,
// a scanner, an unbracketed paste) is typed as it is, even when it spells
// a key's name; only real key events act.
func TestBurstsInTheEditorAreText(t *testing.T) {
	m := press(t, atResult(t, newModel(t, Options{})), "e")
	for _, w := range []string{"enter", "esc", "tab", "up", "home", "end", "q", "ctrl+c", " "} {
		m, _ = send(t, m, burst(w))
		if m.screen != screenEdit || m.edit.focus != 0 || m.quitting {
			t.Fatalf("the burst %q acted: screen %s focus %d", w, m.screen, m.edit.focus)
		}
	}
	if got := m.edit.ref.Value(); got != "enteresctabuphomeendqctrl+c " {
		t.Errorf("reference field = %q", got)
	}
	// "x", tab, "end" typed quickly: the tab is a real key, the rest text.
	m = press(t, atResult(t, newModel(t, Options{})), "e")
	m, _ = send(t, m, burst("x"))
	m = press(t, m, "tab")
	m, _ = send(t, m, burst("end"))
	if m.edit.ref.Value() != "x" || m.edit.note.Value() != "end" {
		t.Errorf("ref %q note %q, want x and end", m.edit.ref.Value(), m.edit.note.Value())
	}
	// Real keys still move the cursor: home, then text goes first.
	m = press(t, m, "home")
	m, _ = send(t, m, burst("the "))
	if got := m.edit.note.Value(); got != "the end" {
		t.Errorf("note after home = %q", got)
	}
}

// TestNoteIsMultiLine: alt+enter starts a new line, enter keeps the note,
// and a note at its limit shows whole at 80×24 with the limit in sight.
func TestNoteIsMultiLine(t *testing.T) {
	m := press(t, atResult(t, newModel(t, Options{})), "e", "tab")
	m = typeText(t, m, "size N")
	m = press(t, m, "alt+enter")
	m = typeText(t, m, "gold")
	if got := m.edit.note.Value(); got != "size N\ngold" {
		t.Fatalf("note = %q", got)
	}
	mustContain(t, screenText(m), "> size N", "gold", "alt+enter new line")
	// alt+enter is the note's key only.
	mustNotContain(t, screenText(press(t, m, "tab")), "alt+enter")
	kept := press(t, m, "enter")
	if kept.screen != screenResult || kept.note != "size N\ngold" {
		t.Fatalf("enter: screen %s note %q", kept.screen, kept.note)
	}

	long := press(t, atResult(t, newModel(t, Options{})), "e", "tab")
	words := strings.Repeat("wants yellow gold, ring size N, back on Saturday. ", 5)
	long = typeText(t, long, words[:150])
	mustContain(t, screenText(long), "Note (150/200)")
	long = typeText(t, long, words[150:170])
	// Within a fifth of the limit, the label says how much is left.
	mustContain(t, screenText(long), "Note (170/200: 30 left)")
	long = typeText(t, long, words[170:])
	if n := len(long.edit.note.Value()); n != noteLimit {
		t.Errorf("note holds %d characters, limit %d", n, noteLimit)
	}
	// The whole note is on screen at 80×24.
	v := strings.Join(strings.Fields(screenText(long)), " ")
	mustContain(t, v, "Note (200/200: 0 left)", strings.Join(strings.Fields(words[:noteLimit]), " "))
}

// TestEditorPasteFromClipboardIsOff: ctrl+v would make the field read the
// system clipboard itself, the wrong one on a shared or served machine.
func TestEditorPasteFromClipboardIsOff(t *testing.T) {
	m := press(t, atResult(t, newModel(t, Options{})), "e")
	for _, focus := range []int{0, 1} {
		if focus == 1 {
			m = press(t, m, "tab")
		}
		_, cmd := send(t, m, tea.KeyMsg{Type: tea.KeyCtrlV})
		if cmd != nil {
			t.Errorf("ctrl+v in field %d started a command (a clipboard read)", focus)
		}
	}
	if m.edit.ref.KeyMap.Paste.Enabled() || m.edit.note.KeyMap.Paste.Enabled() {
		t.Error("a field's clipboard paste is on")
	}
}

func TestNoteEntryLimitsAndInertPaste(t *testing.T) {
	m := press(t, atResult(t, newModel(t, Options{})), "e")
	m = typeText(t, m, strings.Repeat("r", 50))
	if n := len(m.edit.ref.Value()); n != refLimit {
		t.Errorf("reference holds %d characters, limit %d", n, refLimit)
	}
	m = press(t, m, "tab")
	// Pasted text that would set the clipboard and reverse the line.
	evil := "wants\x1b]52;c;aGVsbG8=\x07 gold\u202e\x1b[2J"
	m, _ = send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(evil), Paste: true})
	m = press(t, m, "enter")
	want := `wants\x1b]52;c;aGVsbG8=\x07 gold\u202e\x1b[2J`
	if m.note != want {
		t.Errorf("note = %q, want %q", m.note, want)
	}
	for _, s := range []Model{m, press(t, m, "e")} {
		if v := s.View(); strings.ContainsAny(v, "\x1b\x07\u202e") {
			t.Errorf("%s frame carries a control character: %q", s.screen, v)
		}
	}
	mustContain(t, screenText(m), `Note: wants\x1b]52`)
}

func TestSaveHandout(t *testing.T) {
	dir := t.TempDir()
	m := atResult(t, newModel(t, Options{SaveDir: dir, Now: fixedNow}))
	m = press(t, m, "e")
	m = typeText(t, m, "Ring Smith")
	m = press(t, m, "tab")
	m = typeText(t, m, "yellow gold")
	m = press(t, m, "enter")

	m, cmd := send(t, m, keyMsg("s"))
	mustContain(t, screenText(m), "Saving the handout")
	// A second press while the first save runs starts nothing.
	if _, again := send(t, m, keyMsg("s")); again != nil {
		t.Error("s during a save started another")
	}
	m, _ = settle(t, m, cmd)
	want := filepath.Join(dir, "2026-11-27-1432-ring-smith.md")
	v := strings.Join(strings.Fields(screenText(m)), " ")
	mustContain(t, v, "Saved "+want)
	body, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Ring Smith", "yellow gold", "Resume code: " + m.report.Code, "- [ ] ", "Call the test shop."} {
		if !strings.Contains(string(body), s) {
			t.Errorf("handout lacks %q:\n%s", s, body)
		}
	}
	if fi, _ := os.Stat(want); fi.Mode().Perm() != 0o600 {
		t.Errorf("handout mode %v, want 0600", fi.Mode().Perm())
	}
	// s again for the same result says where it is, and writes nothing.
	m, cmd = send(t, m, keyMsg("s"))
	if cmd != nil {
		t.Fatal("a second s for an unchanged result started a save")
	}
	if m.status != "Already saved to "+want+"; press s again for another copy." {
		t.Errorf("status after a second s: %q", m.status)
	}
	// Pressed once more, on purpose: a copy, never overwriting.
	m, _ = pressSettle(t, m, "s")
	mustContain(t, strings.Join(strings.Fields(screenText(m)), " "), "Saved "+filepath.Join(dir, "2026-11-27-1432-ring-smith-2.md"))
	// Another key in between disarms it.
	m, _ = pressSettle(t, m, "s", "j", "s")
	if files, _ := filepath.Glob(filepath.Join(dir, "*.md")); len(files) != 2 {
		t.Errorf("s, j, s wrote a file: %v", files)
	}
	// A changed note is a new handout.
	m = press(t, m, "e", "tab")
	m = typeText(t, m, ", size N")
	m = press(t, m, "enter")
	m, _ = pressSettle(t, m, "s")
	mustContain(t, strings.Join(strings.Fields(screenText(m)), " "), "Saved "+filepath.Join(dir, "2026-11-27-1432-ring-smith-3.md"))
	// A changed answer means the saved handout no longer matches.
	m = press(t, m, "r", "up", "enter", "1", "enter")
	mustNotContain(t, screenText(m), "Saved")
}

func TestSaveHandoutError(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gone")
	m := atResult(t, newModel(t, Options{SaveDir: dir, Now: fixedNow}))
	m, _ = pressSettle(t, m, "s")
	if !m.statusErr || m.savingFor != nil {
		t.Fatalf("status %q err %v still saving %v", m.status, m.statusErr, m.savingFor != nil)
	}
	v := strings.Join(strings.Fields(screenText(m)), " ")
	mustContain(t, v, "Not saved: cannot save the handout "+filepath.Join(dir, "2026-11-27-1432.md"))
	// s may be pressed again once the folder exists.
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	m, _ = pressSettle(t, m, "s")
	mustContain(t, strings.Join(strings.Fields(screenText(m)), " "), "Saved "+filepath.Join(dir, "2026-11-27-1432.md"))
}

func TestSaveReplyAfterNextCustomer(t *testing.T) {
	m := atResult(t, newModel(t, Options{}))
	old := m.serial
	m = press(t, m, "n")
	m, _ = send(t, m, savedMsg{serial: old, path: "x.md"})
	if m.status != "" {
		t.Errorf("a save for the last customer set the status %q", m.status)
	}
	m, _ = send(t, m, savedMsg{serial: old, err: errors.New("disk full")})
	mustContain(t, screenText(m), "The last customer's handout was not saved: disk full")
}

func TestQuitWaitsForSave(t *testing.T) {
	m := atResult(t, newModel(t, Options{SaveDir: t.TempDir(), Now: fixedNow}))
	m, save := send(t, m, keyMsg("s"))
	m, cmd := send(t, m, keyMsg("q"))
	if cmd != nil || !m.quitting {
		t.Fatal("q during a save did not wait for it")
	}
	m, quit := settle(t, m, save)
	if !quit || !strings.HasPrefix(m.status, "Saved ") {
		t.Errorf("after the save: quit %v status %q", quit, m.status)
	}
}

// TestSaveReplyForAnEarlierResult: the customer changes an answer while a
// handout is being written. The file holds the earlier result, so its
// reply must not read "Saved <path>" under the new one, and the new result
// can be saved without waiting: that s is no double press.
func TestSaveReplyForAnEarlierResult(t *testing.T) {
	dir := t.TempDir()
	m := atResult(t, newModel(t, Options{SaveDir: dir, Now: fixedNow}))
	m, oldSave := send(t, m, keyMsg("s"))
	changed := press(t, m, "r", "up", "enter", "1", "enter", "down", "enter")
	if changed.screen != screenResult || changed.report == m.report {
		t.Fatalf("the change did not build a new result (screen %s)", changed.screen)
	}
	want := filepath.Join(dir, "2026-11-27-1432.md")

	// The earlier save reports while the new result is on screen.
	// (Long paths wrap at a dash, so the status is compared, not the frame.)
	late, _ := settle(t, changed, oldSave)
	mustContain(t, screenText(late), "Saved the earlier result to")
	if late.status != "Saved the earlier result to "+want {
		t.Errorf("status %q", late.status)
	}
	if late.inflight != 0 {
		t.Errorf("inflight %d after the reply", late.inflight)
	}
	late, cmd := send(t, late, keyMsg("s"))
	if cmd == nil {
		t.Fatal("s on the new result was dropped after the earlier save came back")
	}
	late, _ = settle(t, late, cmd)
	if want2 := "Saved " + filepath.Join(dir, "2026-11-27-1432-2.md"); late.status != want2 {
		t.Errorf("status %q, want %q", late.status, want2)
	}

	// Saving the new result while the earlier save is still running works
	// too, and the earlier reply does not speak for the new one. (Running
	// oldSave again writes one more file; only the wording is checked.)
	both, newSave := send(t, changed, keyMsg("s"))
	if newSave == nil {
		t.Fatal("s on the new result was taken for a double press")
	}
	both, _ = settle(t, both, oldSave)
	if both.status != "Saving the handout…" {
		t.Errorf("the earlier reply took the status line: %q", both.status)
	}
	both, _ = settle(t, both, newSave)
	if both.inflight != 0 || !strings.HasPrefix(both.status, "Saved "+dir) {
		t.Errorf("after both replies: inflight %d status %q", both.inflight, both.status)
	}

	// A look at the review that changes nothing keeps the result, so the
	// handout being saved is still the one on screen.
	same := press(t, m, "r", "enter")
	if same.report != m.report {
		t.Fatal("an unchanged review built a new result")
	}
	same, _ = settle(t, same, oldSave)
	if !strings.HasPrefix(same.status, "Saved "+dir) || strings.Contains(same.status, "earlier") {
		t.Errorf("after an unchanged review: status %q", same.status)
	}
}
