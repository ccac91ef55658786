package tui

import (
	"fmt"
	"math/rand"
	"testing"
)

// TestExtremeSizes draws every screen at the corners of the sizes a
// terminal can plausibly have, up to a 300×100 window.
func TestExtremeSizes(t *testing.T) {
	sizes := [][2]int{{20, 6}, {40, 12}, {41, 12}, {300, 100}, {300, 6}, {20, 100}}
	for name, m := range fitStates(t) {
		for _, wh := range sizes {
			checkFit(t, resize(t, m, wh[0], wh[1]), fmt.Sprintf("%s %dx%d", name, wh[0], wh[1]))
		}
		// Smaller than any message can be: only clipped, never a panic.
		for _, wh := range [][2]int{{1, 1}, {0, 0}, {5, 2}} {
			_ = resize(t, m, wh[0], wh[1]).View()
		}
	}
}

// TestThousandRandomResizes resizes each screen 1,000 times in a row, as a
// user dragging a window corner does, pressing a key now and then; every
// frame must fit the window it was drawn for.
func TestThousandRandomResizes(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	keys := []string{"down", "up", "w", "?", "pgdown", "end", "home"}
	states := fitStates(t)
	for _, name := range []string{"welcome", "question-why", "multi-notice", "review", "result-top"} {
		m := states[name]
		for i := 0; i < 1000; i++ {
			w, h := 20+rng.Intn(281), 6+rng.Intn(95)
			m = resize(t, m, w, h)
			if i%50 == 0 {
				m = press(t, m, keys[rng.Intn(len(keys))])
			}
			checkFit(t, m, fmt.Sprintf("%s resize %d to %dx%d", name, i, w, h))
			if t.Failed() {
				t.FailNow()
			}
		}
	}
}
