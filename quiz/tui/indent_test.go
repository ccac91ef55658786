package tui

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/jewelguide/jewelguide/quiz"
)

// TestHangingIndentsLineUp: in the plain text report and the styled one
// (which the full screen shows), every continuation of a checklist item
// or a list item starts at the column where the item's text starts, at
// every width from 40 to 120.
func TestHangingIndentsLineUp(t *testing.T) {
	g := fixtureGuide(t)
	rep := quiz.NewReport(g, g.Evaluate(quiz.Answers{"use": {"daily"}, "spend": {"high"}, "last": {"years"}}))
	rep.Code = g.Code(quiz.Answers{"use": {"daily"}, "spend": {"high"}, "last": {"years"}})
	checked := 0
	for w := 40; w <= 120; w++ {
		var text bytes.Buffer
		if err := quiz.WriteText(&text, rep, w); err != nil {
			t.Fatal(err)
		}
		outs := map[string]string{
			"text":   text.String(),
			"styled": ansi.Strip(RenderReport(rep, w, NewStyles("", true))),
			"screen": ansi.Strip(renderPart(rep, partChecklist, w, NewStyles("", true))),
		}
		for name, out := range outs {
			checked += checkHangs(t, name, w, out)
		}
	}
	if checked == 0 {
		t.Fatal("no item wrapped at any width; the test proves nothing")
	}
}

// checkHangs checks the continuation lines of every "[ ] " and "- " item
// in out and returns how many it checked.
func checkHangs(t *testing.T, name string, w int, out string) int {
	t.Helper()
	lines := strings.Split(out, "\n")
	n := 0
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		body := strings.TrimLeft(l, " ")
		indent := len(l) - len(body)
		var textCol int
		switch {
		case strings.HasPrefix(body, "[ ] "):
			textCol = indent + 4
		case strings.HasPrefix(body, "- "):
			textCol = indent + 2
		default:
			continue
		}
		for j := i + 1; j < len(lines); j++ {
			c := lines[j]
			cb := strings.TrimLeft(c, " ")
			ci := len(c) - len(cb)
			if cb == "" || ci <= indent || strings.HasPrefix(cb, "[ ] ") || strings.HasPrefix(cb, "- ") {
				break
			}
			n++
			if ci != textCol {
				t.Errorf("%s at width %d: %q continues at column %d, its text starts at %d", name, w, cb, ci, textCol)
				return n
			}
		}
	}
	return n
}
