package tui

import (
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/jewelguide/jewelguide/data"
	"github.com/jewelguide/jewelguide/quiz"
)

func TestMain(m *testing.M) {
	// Pin the colour profile so frames do not depend on the terminal the
	// tests run in, and so lipgloss never queries it.
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	os.Exit(m.Run())
}

// fixtureGuide is the guide the behaviour tests run on
// (testdata/counter.yaml), so rewording the built-in guide breaks only
// its own tests and the golden screens.
func fixtureGuide(t testing.TB) *quiz.Guide {
	t.Helper()
	return loadGuide(t, "testdata/counter.yaml")
}

func loadGuide(t testing.TB, path string) *quiz.Guide {
	t.Helper()
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

// defaultGuide is the built-in guide, for the golden screens and the
// benchmarks only.
func defaultGuide(t testing.TB) *quiz.Guide {
	t.Helper()
	g, err := quiz.Parse(data.GuideFile, data.Guide)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// keyMsg turns a key name as Bubble Tea prints it ("enter", "shift+tab",
// "q") into the message a terminal would produce.
func keyMsg(k string) tea.KeyMsg {
	names := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft,
		"right": tea.KeyRight, "backspace": tea.KeyBackspace, "shift+tab": tea.KeyShiftTab,
		"esc": tea.KeyEsc, "ctrl+c": tea.KeyCtrlC, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
		"home": tea.KeyHome, "end": tea.KeyEnd, "tab": tea.KeyTab,
	}
	if k == "alt+enter" {
		return tea.KeyMsg{Type: tea.KeyEnter, Alt: true}
	}
	if t, ok := names[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	if k == "space" {
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// press feeds keys to the model one by one and returns the final model;
// it fails the test if any frame on the way needed clipping.
func press(t testing.TB, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		next, _ := m.Update(keyMsg(k))
		m = next.(Model)
		checkFit(t, m, "after "+k)
	}
	return m
}

func resize(t testing.TB, m Model, w, h int) Model {
	t.Helper()
	next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return next.(Model)
}

func newModel(t testing.TB, opts Options) Model {
	t.Helper()
	if opts.Guide == nil {
		opts.Guide = fixtureGuide(t)
	}
	return New(opts)
}

// screenText is the frame as the user reads it.
func screenText(m Model) string { return ansi.Strip(m.View()) }

// checkFit fails when a frame is wider or taller than the window, or when
// the layout relied on the final clipping guard to get there.
func checkFit(t testing.TB, m Model, where string) {
	t.Helper()
	var cut []string
	onOverflow = func(what string) { cut = append(cut, what) }
	v := m.View()
	onOverflow = nil
	for _, c := range cut {
		t.Errorf("%s at %dx%d on %s: frame was clipped: %s", where, m.width, m.height, m.screen, c)
	}
	lines := strings.Split(v, "\n")
	if len(lines) > m.height {
		t.Errorf("%s at %dx%d on %s: %d lines", where, m.width, m.height, m.screen, len(lines))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > m.width {
			t.Errorf("%s at %dx%d on %s: line %d is %d wide: %q", where, m.width, m.height, m.screen, i, w, ansi.Strip(l))
		}
	}
	// The help is rendered ahead and kept; it must be what rendering it
	// now would give, or the frame offers keys that no longer apply.
	fresh := m
	fresh.helpLines = nil
	fresh.layoutHelp()
	if !slices.Equal(fresh.helpLines, m.helpLines) {
		t.Errorf("%s at %dx%d on %s: stale help %q, want %q", where, m.width, m.height, m.screen, m.helpLines, fresh.helpLines)
	}
}

func mustContain(t testing.TB, view string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(view, w) {
			t.Errorf("view lacks %q:\n%s", w, view)
		}
	}
}

func mustNotContain(t testing.TB, view string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(view, b) {
			t.Errorf("view has %q but should not:\n%s", b, view)
		}
	}
}

// allStudio answers every question of the fixture guide with digits and
// reaches the review: moment, high, ever, and extras talk + value.
var allStudio = []string{"enter", "3", "3", "3", "1", "2", "enter"}

// burst is runes arriving in one read, as Bubble Tea delivers fast typing,
// a scanner or an unbracketed paste.
func burst(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

var sgr = regexp.MustCompile(`\x1b\[([0-9;]*)m`)

// hasColour reports whether s sets a foreground or background colour;
// bold, reverse and the like are not colour.
func hasColour(s string) bool {
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.Split(m[1], ";") {
			n, _ := strconv.Atoi(p)
			if (n >= 30 && n <= 48) || (n >= 90 && n <= 107) {
				return true
			}
		}
	}
	return false
}
