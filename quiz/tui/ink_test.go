package tui

import (
	"io"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// TestInkRendersAsItsStyle holds the report's inks to Lip Gloss: every
// style of every theme and colour profile, and styles an ink cannot take
// apart, draw each text exactly as the style's own Render does.
func TestInkRendersAsItsStyle(t *testing.T) {
	texts := []string{"", "plain words", "a\ttab", "two\nlines", "crlf\r\nend", "ünïcødé ✓", " spaced "}
	for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii} {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(p)
		styles := []lipgloss.Style{
			r.NewStyle().Width(12),
			r.NewStyle().Padding(0, 2).Foreground(lipgloss.Color("5")),
			r.NewStyle().Underline(true),
			r.NewStyle().Reverse(true).Bold(true),
			r.NewStyle(),
		}
		for _, th := range []Theme{ThemeAuto, ThemeANSI, ThemeHighContrast} {
			for _, noColor := range []bool{false, true} {
				in := newReportInks(NewThemedStyles(r, "#336699", noColor, th))
				for _, k := range []ink{in.Heading, in.Title, in.Text, in.Subtle, in.Verdict, in.Bar, in.BarOther, in.Plus, in.Minus} {
					styles = append(styles, k.style)
				}
			}
		}
		split := 0
		for i, st := range styles {
			k := newInk(st)
			if k.split {
				split++
			}
			for _, s := range texts {
				if got, want := k.Render(s), st.Render(s); got != want {
					t.Errorf("profile %v, style %d, %q: ink gives %q, the style %q", p, i, s, got, want)
				}
			}
		}
		if p != termenv.Ascii && split < len(styles)/2 {
			t.Errorf("profile %v: only %d of %d styles taken apart; the report renders them all the slow way", p, split, len(styles))
		}
	}
}
