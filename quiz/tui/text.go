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
	var out []string
	for i, l := range quiz.WrapLines(s, limit) {
		p := rest
		if i == 0 {
			p = first
			l = strings.TrimPrefix(strings.TrimPrefix(l, ph), " ")
		}
		out = append(out, p+st.Render(strings.TrimRight(l, " ")))
	}
	return out
}

// pad returns n spaces, the hanging indent under a prefix of width n.
func pad(n int) string { return strings.Repeat(" ", max(0, n)) }
