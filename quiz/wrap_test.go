package quiz

import (
	"strings"
	"testing"
)

// TestWrapNeverBreaksAtAHyphen: a hyphenated word moves to the next line
// whole; only a word longer than the line is cut.
func TestWrapNeverBreaksAtAHyphen(t *testing.T) {
	s := "it would make it mass-produced, by two points, and a well-made piece"
	for limit := 14; limit <= 40; limit++ {
		for _, l := range WrapLines(s, limit) {
			if strings.HasSuffix(l, "mass-") || strings.HasSuffix(l, "well-") {
				t.Errorf("width %d: line %q ends at a hyphen", limit, l)
			}
		}
	}
}

// TestTextHangingIndents: in the text report at every width from 40 to
// 120, each continuation line starts at its item's text column: after
// "- " for a list entry, after "[ ] " for a checklist item.
func TestTextHangingIndents(t *testing.T) {
	g := fixture(t, "counter")
	rep := NewReport(g, g.Evaluate(Answers{"occasion": {"everyday"}, "budget": {"moderate"}, "lifespan": {"years"}}))
	for width := 40; width <= 120; width++ {
		var b strings.Builder
		if err := WriteText(&b, rep, width); err != nil {
			t.Fatal(err)
		}
		textCol, itemCol := -1, -1 // where the current item's text and marker start
		wrapped := 0
		for _, l := range strings.Split(b.String(), "\n") {
			indent := len(l) - len(strings.TrimLeft(l, " "))
			rest := l[indent:]
			switch {
			case strings.HasPrefix(rest, "[ ] "):
				textCol, itemCol = indent+4, indent
			case strings.HasPrefix(rest, "- "):
				textCol, itemCol = indent+2, indent
			case textCol >= 0 && indent > itemCol && rest != "":
				// Indented past the item's marker: a continuation of it.
				if indent != textCol {
					t.Fatalf("width %d: %q starts at column %d, its item's text at %d", width, l, indent, textCol)
				}
				wrapped++
			default:
				textCol = -1
			}
		}
		if wrapped == 0 {
			t.Fatalf("width %d: nothing wrapped; the test proves nothing", width)
		}
	}
}
