package tui

import (
	"fmt"
	"strings"
	"testing"
)

// TestResizeFromTooSmallKeepsViewportInStep: back from a too-small window
// the report fills the room between the tabs and the help, and the
// position line counts the lines that are on screen.
func TestResizeFromTooSmallKeepsViewportInStep(t *testing.T) {
	m := atResult(t, newModel(t, Options{}))
	m = press(t, resize(t, m, 40, 12), "3", "down", "down", "down", "down", "down")
	m = resize(t, resize(t, m, 25, 6), 40, 12)
	checkFit(t, m, "back at 40x12")
	v := screenText(m)
	if strings.Contains(v, "↓ more") || strings.Contains(v, "↑ more") {
		t.Errorf("the viewport is cut again inside the frame:\n%s", v)
	}
	want := fmt.Sprintf("lines %d-%d of", m.vp.YOffset+1, m.vp.YOffset+m.vp.Height)
	mustContain(t, v, want)
	// The lines the position names are the ones shown.
	shown := 0
	for _, l := range strings.Split(m.vp.View(), "\n") {
		if strings.Contains(v, strings.TrimSpace(l)) {
			shown++
		}
	}
	if shown != m.vp.Height {
		t.Errorf("%d of the viewport's %d lines on screen:\n%s", shown, m.vp.Height, v)
	}
}
