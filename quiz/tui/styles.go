package tui

import (
	"fmt"
	"io"
	"strconv"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Styles holds every style the interface and RenderReport use. Building them
// in one place keeps View free of style construction and lets NO_COLOR
// switch the whole look off with one flag.
type Styles struct {
	// Heading is the guide name and section titles, in the shop's accent.
	Heading lipgloss.Style
	// Title is a question's short title and the verdict label.
	Title lipgloss.Style
	// Text is ordinary prose.
	Text lipgloss.Style
	// Subtle is secondary text: details, counts, hints.
	Subtle lipgloss.Style
	// Why is the "why we ask" note.
	Why lipgloss.Style
	// Cursor marks the line the arrow keys are on.
	Cursor lipgloss.Style
	// Chosen is an option that is ticked or chosen.
	Chosen lipgloss.Style
	// Notice is a short message about the last key, such as a limit.
	Notice lipgloss.Style
	// Verdict is the recommendation on the result screen.
	Verdict lipgloss.Style
	// Bar and BarOther draw the points: the verdict's bar stands out.
	Bar      lipgloss.Style
	BarOther lipgloss.Style
	// Plus and Minus colour the points a reason gave.
	Plus  lipgloss.Style
	Minus lipgloss.Style
	// Button is the "See result" entry on the review screen.
	Button lipgloss.Style
	// InputCursor is the cell under the cursor in a text field; without
	// colour it is plain, like everything else.
	InputCursor lipgloss.Style
	// Help styles the key help line.
	Help help.Styles

	// ProgressFull and ProgressEmpty colour the progress bar, which takes
	// colour strings rather than styles; ProgressProfile is the colour
	// profile it renders with (Ascii when colour is off).
	ProgressFull    string
	ProgressEmpty   string
	ProgressProfile termenv.Profile
}

// NewStyles builds the styles for a guide. accent is the shop's colour
// ("#rrggbb" or an ANSI number; empty picks a default that reads on light
// and dark terminals). noColor gives plain text with no escape codes at all.
// Colours are resolved for the colour profile in effect now, so build the
// styles after that profile is settled.
func NewStyles(accent string, noColor bool) Styles {
	return NewStylesFor(lipgloss.DefaultRenderer(), accent, noColor)
}

// Theme is a set of colours for the interface and the styled report.
type Theme int

const (
	// ThemeAuto is the default: colours for a light or a dark background,
	// whichever the terminal has, each readable on it.
	ThemeAuto Theme = iota
	// ThemeANSI uses only the 16 palette colours and the terminal's own
	// foreground, so the terminal's theme (high-contrast included)
	// decides what they look like.
	ThemeANSI
	// ThemeHighContrast uses black or white text and an accent of at
	// least 7:1, with no grey.
	ThemeHighContrast
)

// ParseTheme reads a --theme value: auto, ansi or high-contrast.
func ParseTheme(s string) (Theme, error) {
	switch s {
	case "auto":
		return ThemeAuto, nil
	case "ansi":
		return ThemeANSI, nil
	case "high-contrast":
		return ThemeHighContrast, nil
	}
	return ThemeAuto, fmt.Errorf("--theme %q is not known; use auto, ansi or high-contrast", s)
}

// NewStylesFor is NewStyles for renderer r instead of the process's default
// one. A server draws for many terminals at once, each with its own colour
// profile and background, so each session's styles come from its own
// renderer.
func NewStylesFor(r *lipgloss.Renderer, accent string, noColor bool) Styles {
	return NewThemedStyles(r, accent, noColor, ThemeAuto)
}

// NewThemedStyles is NewStylesFor in theme th.
func NewThemedStyles(r *lipgloss.Renderer, accent string, noColor bool, th Theme) Styles {
	if noColor {
		// A renderer of its own, so turning colour off here never changes
		// the process-wide default another caller relies on. It keeps
		// bold, reverse and the like, as the no-color convention asks:
		// only the colours go (dropColours, below).
		r = lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(termenv.ANSI)
	} else {
		// Ask the terminal for its background now, before Bubble Tea owns
		// the input: a query made during the first View would race the
		// program for the terminal's answer.
		r.HasDarkBackground()
	}
	p := r.ColorProfile()
	// Each colour in two versions, for light and dark backgrounds, each
	// readable on its own (see readable).
	adaptive := func(light, dark string) lipgloss.AdaptiveColor {
		return lipgloss.AdaptiveColor{Light: readable(p, light, white), Dark: readable(p, dark, black)}
	}
	if accent == "" {
		accent = "#996d25"
	}
	acc := adaptive(accent, accent)
	progressFull := acc.Dark
	if !r.HasDarkBackground() {
		progressFull = acc.Light
	}
	subtle := adaptive("#5e5e5e", "#a0a0a0")
	// faint is for the help's descriptions and the other outcomes' bars:
	// quieter than subtle, but still readable.
	faint := adaptive("#6e6e6e", "#8c8c8c")
	text := adaptive("#1a1a1a", "#e8e8e8")
	warn := adaptive("#b3261e", "#ff8a80")
	good := adaptive("#1b7a3a", "#7fd99a")
	switch th {
	case ThemeANSI:
		// The terminal's own foreground for text, palette colours for
		// the rest: numbers the terminal's theme maps to its colours.
		fixed := func(n string) lipgloss.AdaptiveColor { return lipgloss.AdaptiveColor{Light: n, Dark: n} }
		text, subtle, faint = fixed(""), fixed(""), fixed("")
		acc, warn, good = fixed("5"), fixed("1"), fixed("2")
		progressFull = "5"
	case ThemeHighContrast:
		strong := func(hex string) lipgloss.AdaptiveColor {
			return lipgloss.AdaptiveColor{Light: readableAt(p, hex, white, 7), Dark: readableAt(p, hex, black, 7)}
		}
		text = lipgloss.AdaptiveColor{Light: readableAt(p, "#000000", white, 7), Dark: readableAt(p, "#ffffff", black, 7)}
		subtle, faint = text, text
		acc, warn, good = strong(accent), strong("#b3261e"), strong("#1b7a3a")
		progressFull = pick(r, acc)
	}

	st := Styles{
		Heading: r.NewStyle().Bold(true).Foreground(acc),
		Title:   r.NewStyle().Bold(true).Foreground(text),
		Text:    r.NewStyle().Foreground(text),
		Subtle:  r.NewStyle().Foreground(subtle),
		Why:     r.NewStyle().Italic(true).Foreground(subtle),
		Cursor:  r.NewStyle().Bold(true).Foreground(acc),
		Chosen:  r.NewStyle().Bold(true).Foreground(acc),
		Notice:  r.NewStyle().Bold(true).Foreground(warn),
		// No underline: Lip Gloss styles underlined text a letter at a
		// time, an escape sequence per letter in every captured output.
		Verdict:  r.NewStyle().Bold(true).Foreground(acc),
		Bar:      r.NewStyle().Foreground(acc),
		BarOther: r.NewStyle().Foreground(faint),
		Plus:     r.NewStyle().Foreground(good),
		Minus:    r.NewStyle().Foreground(warn),
		Button:   r.NewStyle().Bold(true).Foreground(acc),
		// The field draws the cursor reversed on top of this style.
		InputCursor: r.NewStyle().Foreground(acc),
		Help: help.Styles{
			Ellipsis:       r.NewStyle().Foreground(faint),
			ShortKey:       r.NewStyle().Foreground(subtle),
			ShortDesc:      r.NewStyle().Foreground(faint),
			ShortSeparator: r.NewStyle().Foreground(faint),
			FullKey:        r.NewStyle().Foreground(subtle),
			FullDesc:       r.NewStyle().Foreground(faint),
			FullSeparator:  r.NewStyle().Foreground(faint),
		},
		ProgressFull:    progressFull,
		ProgressEmpty:   pick(r, faint),
		ProgressProfile: p,
	}
	if noColor {
		st.dropColours()
	}
	return st
}

// pick is the version of an adaptive colour for r's background, for the
// progress bar, which takes one colour.
func pick(r *lipgloss.Renderer, c lipgloss.AdaptiveColor) string {
	if r.HasDarkBackground() {
		return c.Dark
	}
	return c.Light
}

// nearest is colour c ("#rrggbb" or an ANSI number) as profile p can show
// it, written as a colour string again. Lip Gloss and the progress bar
// convert a hex colour to the 256- or 16-colour palette on every render,
// a search through the palette in a perceptual colour space that was
// nearly half of a frame's time; converting each colour once here leaves
// them only a number to parse. The result is exactly what that render-time
// conversion would pick. In true colour and without colour, c stays as it
// is (nothing to convert), as does a colour the profile cannot parse.
func nearest(p termenv.Profile, c string) string {
	switch v := p.Color(c).(type) {
	case termenv.ANSIColor:
		return strconv.Itoa(int(v))
	case termenv.ANSI256Color:
		return strconv.Itoa(int(v))
	}
	return c
}

// dropColours takes every colour out of the styles and keeps their
// attributes, for NO_COLOR.
func (st *Styles) dropColours() {
	for _, s := range []*lipgloss.Style{
		&st.Heading, &st.Title, &st.Text, &st.Subtle, &st.Why, &st.Cursor, &st.Chosen, &st.Notice,
		&st.Verdict, &st.Bar, &st.BarOther, &st.Plus, &st.Minus, &st.Button, &st.InputCursor,
		&st.Help.Ellipsis, &st.Help.ShortKey, &st.Help.ShortDesc, &st.Help.ShortSeparator,
		&st.Help.FullKey, &st.Help.FullDesc, &st.Help.FullSeparator,
	} {
		*s = s.UnsetForeground().UnsetBackground()
	}
	st.ProgressFull, st.ProgressEmpty, st.ProgressProfile = "", "", termenv.Ascii
}
