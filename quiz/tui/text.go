package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/jewelguide/jewelguide/quiz"
)

// wrapStyled word-wraps plain text s so that, with its prefixes, no line
// is wider than width: first goes before the first line and rest before
// the others (both may already be styled). Text is styled after wrapping
// so escape codes never count towards the width.
func wrapStyled(s string, width int, first, rest string, st lipgloss.Style) []string {
	return wrapInk(nil, s, width, first, rest, ink{style: st})
}

// wrapInk is wrapStyled in ink k, appending the lines to out.
func wrapInk(out []string, s string, width int, first, rest string, k ink) []string {
	fw, rw := ansi.StringWidth(first), ansi.StringWidth(rest)
	limit := max(1, width-rw)
	// A first prefix wider than the hanging indent is stood in for by a
	// placeholder word, so only the first line gives up the extra room.
	ph := ""
	if fw > rw && fw-rw < limit {
		ph = strings.Repeat("x", fw-rw)
		s = ph + " " + s
	} else if fw > rw {
		limit = max(1, width-fw)
	}
	for i, l := range quiz.WrapLines(s, limit) {
		p := rest
		if i == 0 {
			p = first
			l = strings.TrimPrefix(strings.TrimPrefix(l, ph), " ")
		}
		out = append(out, p+k.Render(strings.TrimRight(l, " ")))
	}
	return out
}

// pad returns n spaces, the hanging indent under a prefix of width n.
func pad(n int) string { return strings.Repeat(" ", max(0, n)) }

// ink is a style taken apart once into the escape codes that go before
// and after a line of text, so that styling a line is a concatenation
// instead of a Lip Gloss render, which resolves the colours and builds
// the codes again on every call. Only a style that wraps a line in the
// same codes whatever the line (colour, bold, italic; no width, padding
// or border) can be taken apart; any other renders as before, as does
// text Lip Gloss would change (tabs, line breaks).
type ink struct {
	style       lipgloss.Style
	open, close string
	split       bool
}

// inkProbe stands for a line of text while a style is taken apart: a
// printable character (a style that pads counts its width) that no escape
// code contains.
const inkProbe = "⁂"

func newInk(st lipgloss.Style) ink {
	k := ink{style: st}
	out := st.Render(inkProbe)
	if i := strings.Index(out, inkProbe); i >= 0 && strings.Count(out, inkProbe) == 1 {
		k.open, k.close = out[:i], out[i+len(inkProbe):]
		// A style that pads or aligns draws a longer text differently.
		k.split = st.Render(inkProbe+inkProbe) == k.open+inkProbe+inkProbe+k.close
	}
	return k
}

// Render styles s exactly as the style's own Render does.
func (k ink) Render(s string) string {
	if !k.split || strings.ContainsAny(s, "\t\r\n") {
		return k.style.Render(s)
	}
	return k.open + s + k.close
}
