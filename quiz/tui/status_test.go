package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// statusText is the handout status as read off the screen: the lines from
// the one starting with first up to the scroll position, joined without
// their indent and spaces, so a path wrapped over several lines reads
// whole (the test's paths have no spaces).
func statusText(view, first string) string {
	var b strings.Builder
	on := false
	for _, l := range strings.Split(view, "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, first) {
			on = true
		}
		if !on {
			continue
		}
		if strings.HasPrefix(l, "lines ") {
			break
		}
		b.WriteString(strings.ReplaceAll(l, " ", ""))
	}
	return b.String()
}

// TestSaveStatusIsNeverCut: the assistant reads the handout's file name
// off the status line, so a long folder or reference wraps, at 80×24 and
// at 40×12, and so does the second s's answer.
func TestSaveStatusIsNeverCut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a-rather-long-folder-for-the-shop-handouts", "trial")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		for _, ref := range []string{"", "Mrs Featherstonehaugh-Smythe"} {
			m := resize(t, newModel(t, Options{SaveDir: dir, Now: fixedNow}), size[0], size[1])
			m = atResult(t, m)
			if ref != "" {
				m = press(t, typeText(t, press(t, m, "e"), ref), "enter")
			}
			m, _ = pressSettle(t, m, "s")
			path := m.saved.path
			if path == "" {
				t.Fatalf("%v %q: nothing saved: %q", size, ref, m.status)
			}
			v := screenText(m)
			if got := statusText(v, "Saved"); got != "Saved"+strings.ReplaceAll(path, " ", "") {
				t.Errorf("%v %q: status reads %q, want %q:\n%s", size, ref, got, "Saved "+path, v)
			}
			m, _ = pressSettle(t, m, "s")
			v = screenText(m)
			want := strings.ReplaceAll("Already saved to "+path+"; press s again for another copy.", " ", "")
			if got := statusText(v, "Already"); got != want {
				t.Errorf("%v %q: second s reads %q, want %q:\n%s", size, ref, got, want, v)
			}
		}
	}
}

// TestChangedNoteClearsSaveStatus: once the reference or note changes, the
// saved handout no longer holds what is on screen, so the status about it
// goes; the next s writes a new handout and says so.
func TestChangedNoteClearsSaveStatus(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		m := atResult(t, resize(t, newModel(t, Options{SaveDir: t.TempDir(), Now: fixedNow}), size[0], size[1]))
		m, _ = pressSettle(t, m, "s", "s")
		mustContain(t, screenText(m), "Already saved to")
		// Opened and kept unchanged: the status stays.
		same := press(t, m, "e", "enter")
		mustContain(t, screenText(same), "Already saved to")
		changed := press(t, typeText(t, press(t, m, "e", "tab"), "size N"), "enter")
		mustNotContain(t, screenText(changed), "Already saved", "Saved")
		again, _ := pressSettle(t, changed, "s")
		mustContain(t, screenText(again), "Saved")
		if again.saved.path == m.saved.path || again.saved.note != "size N" {
			t.Errorf("%v: s after the change saved %+v, first save %q", size, again.saved, m.saved.path)
		}
	}
}

// TestSmallResultShowsTheVerdictFirst: at 40×12 the chrome is cut down
// (tabs on one line, a one-line help), so the first view of the result
// holds the verdict and its strength, with a reference and a save status
// too; the ? view still lists every key.
func TestSmallResultShowsTheVerdictFirst(t *testing.T) {
	m := atResult(t, resize(t, newModel(t, Options{SaveDir: t.TempDir(), Now: fixedNow}), 40, 12))
	v := screenText(m)
	mustContain(t, v, "[1 Result]", "Studio piece", "Strong lead", "1-4 part • q quit • ? more")
	if lines := strings.Split(v, "\n"); !strings.Contains(lines[0], "[1 Result]") || strings.Contains(lines[1], "Answers") {
		t.Errorf("the tabs take more than one line:\n%s", v)
	}
	m = press(t, typeText(t, press(t, m, "e"), "Smith"), "enter")
	m, _ = pressSettle(t, m, "s")
	mustContain(t, screenText(m), "Studio piece", "Strong lead", "Saved", "Ref: Smith")
	mustContain(t, screenText(press(t, m, "?")), "r review", "e ref/note", "s save", "n next customer")
	// Other parts keep their digit.
	mustContain(t, strings.SplitN(screenText(press(t, m, "3")), "\n", 2)[0], "1", "[3 Checklist]", "4")
}
