package tui

import (
	"io"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// A customer served in public gets the result and its resume code, but
// neither the reference and note nor a handout: nothing typed is kept on
// the server and no file is written for them.
func TestPublicHasNoCounterKeys(t *testing.T) {
	log := filepath.Join(t.TempDir(), "c.log")
	dir := t.TempDir()
	m := atResult(t, newModel(t, Options{LogFile: log, SaveDir: dir, Public: true, Now: fixedNow}))
	v := screenText(m)
	mustContain(t, v, "Resume code "+m.guide.Code(m.answers))
	mustNotContain(t, v, "ref/note", "s save")
	m = press(t, m, "?")
	mustNotContain(t, screenText(m), "ref/note", "save")

	m, _ = pressSettle(t, m, "e", "s")
	if m.screen != screenResult || m.savingFor != nil || m.status != "" {
		t.Fatalf("e and s acted in public: screen %s, saving %v, status %q", m.screen, m.savingFor != nil, m.status)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*")); len(files) != 0 {
		t.Errorf("public session wrote %v", files)
	}
	m, _ = pressSettle(t, m, "n")
	recs := readLog(t, log)
	if len(recs) != 1 || !recs[0].Public || recs[0].Reference != "" {
		t.Fatalf("public log = %+v, want one record marked public", recs)
	}
	// The same model at a counter keeps its keys and logs unmarked.
	c := atResult(t, newModel(t, Options{LogFile: log}))
	mustContain(t, screenText(c), "ref/note")
	pressSettle(t, c, "n")
	if recs := readLog(t, log); len(recs) != 2 || recs[1].Public {
		t.Fatalf("counter log = %+v, want a second record not marked public", recs)
	}
}

// Styles built for a session's renderer follow that renderer's colour
// profile, whatever the process's default renderer says.
func TestStylesForRenderer(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	r.SetHasDarkBackground(true)
	m := New(Options{Guide: fixtureGuide(t), Renderer: r})
	if out := m.View(); !strings.Contains(out, "\x1b[") {
		t.Fatalf("a 256-colour renderer drew no colour: %q", out[:min(len(out), 200)])
	}
	plain := New(Options{Guide: fixtureGuide(t), Renderer: r, NoColor: true})
	if out := plain.View(); hasColour(out) {
		t.Fatal("NoColor with a renderer still drew colour")
	}
	// The process default (pinned to no colour by TestMain) is unchanged.
	if lipgloss.ColorProfile() != termenv.Ascii {
		t.Errorf("default profile changed to %v", lipgloss.ColorProfile())
	}
}

// A suspend request (ctrl+z bound to tea.Suspend, say) is dropped in a
// served program instead of stopping the whole server; other messages pass.
func TestDropSuspend(t *testing.T) {
	if f := dropSuspend(nil, tea.SuspendMsg{}); f != nil {
		t.Fatalf("suspend passed the filter: %v", f)
	}
	if f := dropSuspend(nil, tea.KeyMsg{Type: tea.KeyEnter}); f == nil {
		t.Fatal("a key was filtered out")
	}
}
