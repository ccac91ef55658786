package tui

import (
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// TestEveryColourIsReadable computes, from the palettes, the contrast of
// every foreground colour of the styles against white (light themes) and
// black (dark themes), after conversion to 256 and 16 colours, for the
// default accent, both shipped accents and two hopeless ones.
func TestEveryColourIsReadable(t *testing.T) {
	for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI} {
		for _, dark := range []bool{false, true} {
			for _, accent := range []string{"", "#b07d2b", "#5f7f9f", "#ffff00", "#101010"} {
				r := lipgloss.NewRenderer(io.Discard)
				r.SetColorProfile(p)
				r.SetHasDarkBackground(dark)
				for _, th := range []Theme{ThemeAuto, ThemeHighContrast} {
					least := minContrast
					if th == ThemeHighContrast {
						least = 7
					}
					st := NewThemedStyles(r, accent, false, th)
					bg := white
					if dark {
						bg = black
					}
					styles := map[string]lipgloss.Style{
						"Heading": st.Heading, "Title": st.Title, "Text": st.Text, "Subtle": st.Subtle, "Why": st.Why,
						"Cursor": st.Cursor, "Chosen": st.Chosen, "Notice": st.Notice, "Verdict": st.Verdict,
						"Bar": st.Bar, "BarOther": st.BarOther, "Plus": st.Plus, "Minus": st.Minus, "Button": st.Button,
						"HelpKey": st.Help.ShortKey, "HelpDesc": st.Help.ShortDesc, "HelpSep": st.Help.ShortSeparator,
						"FullKey": st.Help.FullKey, "FullDesc": st.Help.FullDesc,
					}
					colours := map[string]string{"ProgressFull": st.ProgressFull, "ProgressEmpty": st.ProgressEmpty}
					for name, s := range styles {
						switch c := s.GetForeground().(type) {
						case lipgloss.AdaptiveColor:
							colours[name] = c.Light
							if dark {
								colours[name] = c.Dark
							}
						case lipgloss.Color:
							colours[name] = string(c)
						default:
							t.Errorf("%s has no colour of its own: %T", name, c)
						}
					}
					for name, c := range colours {
						if got := contrast(shown(p, c), bg); got < least {
							t.Errorf("theme %d, profile %d, dark %v, accent %q: %s %q shows as %s, contrast %.2f:1",
								th, p, dark, accent, name, c, shown(p, c).hex(), got)
						}
					}
				}
			}
		}
	}
}

// TestContrastFormula checks the WCAG arithmetic on known pairs.
func TestContrastFormula(t *testing.T) {
	for _, c := range []struct {
		fg   string
		bg   rgb
		want float64
	}{
		{"#000000", white, 21}, {"#ffffff", white, 1}, {"#767676", white, 4.54}, {"#b07d2b", white, 3.6},
		{"#5f7f9f", white, 4.2},
	} {
		fg, _ := parseHex(c.fg)
		if got := contrast(fg, c.bg); got < c.want-0.05 || got > c.want+0.05 {
			t.Errorf("contrast(%s) = %.2f, want %.2f", c.fg, got, c.want)
		}
	}
}

// TestShopAccentAdjusted: the shipped accents fail on white and are
// darkened for light backgrounds only; Adjusted reports it.
func TestShopAccentAdjusted(t *testing.T) {
	for _, acc := range []string{"#b07d2b", "#5f7f9f"} {
		light, dark, changed := Adjusted(acc)
		if !changed || light == acc || dark != acc {
			t.Errorf("%s: light %s dark %s changed %v; want darkened for light only", acc, light, dark, changed)
		}
		l, _ := parseHex(light)
		if contrast(l, white) < minContrast {
			t.Errorf("%s adjusted to %s still fails on white", acc, light)
		}
	}
	if _, _, changed := Adjusted("#1a1a1a"); !changed {
		t.Error("a near-black accent passes on black")
	}
}

// TestVerdictStyledPerRun: a forced-colour report styles the verdict as
// one run, not an escape sequence per letter.
func TestVerdictStyledPerRun(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	st := NewStylesFor(r, "", false)
	if n := strings.Count(st.Verdict.Render("Studio piece"), "\x1b["); n > 2 {
		t.Errorf("the verdict takes %d escape sequences", n)
	}
}

// TestANSIThemeUsesThePalette: the ansi theme names palette colours only
// (or none, the terminal's own foreground), whatever the shop's accent.
func TestANSIThemeUsesThePalette(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	st := NewThemedStyles(r, "#b07d2b", false, ThemeANSI)
	for name, s := range map[string]lipgloss.Style{"Heading": st.Heading, "Text": st.Text, "Subtle": st.Subtle, "Notice": st.Notice, "Plus": st.Plus} {
		c, _ := s.GetForeground().(lipgloss.AdaptiveColor)
		for _, v := range []string{c.Light, c.Dark} {
			if n, err := strconv.Atoi(v); v != "" && (err != nil || n > 15) {
				t.Errorf("%s is %q, not one of the 16 palette colours", name, v)
			}
		}
	}
	if out := st.Heading.Render("x"); strings.Contains(out, "38;2;") {
		t.Errorf("the ansi theme drew a true colour: %q", out)
	}
	for in, want := range map[string]Theme{"auto": ThemeAuto, "ansi": ThemeANSI, "high-contrast": ThemeHighContrast} {
		if got, err := ParseTheme(in); err != nil || got != want {
			t.Errorf("ParseTheme(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseTheme("dark"); err == nil {
		t.Error("an unknown theme was accepted")
	}
}
