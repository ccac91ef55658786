package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"github.com/charmbracelet/x/ansi"
)

// View draws the current screen. Every frame is exactly the window's
// height and no line is wider than the window.
func (m Model) View() string {
	if m.quitting {
		// The report is printed by the caller after exit; leave nothing
		// behind on the main screen when the alternate screen is off.
		return ""
	}
	if m.tooSmall() {
		return m.viewTooSmall()
	}
	switch m.screen {
	case screenWelcome:
		return m.viewWelcome()
	case screenQuestion:
		return m.viewQuestion()
	case screenReview:
		return m.viewReview()
	case screenResult:
		return m.viewResult()
	case screenEdit:
		return m.viewEdit()
	}
	return ""
}

// maxText is the widest the text runs: lines much longer than this are
// hard to read in a wide terminal.
const maxText = 100

// inner is the usable width: one column of margin on each side, and no
// more than maxText.
func (m Model) inner() int { return max(1, min(m.width-2, maxText)) }

func (m Model) viewTooSmall() string {
	msg := fmt.Sprintf("Window too small: need at least %d×%d, have %d×%d.", minWidth, minHeight, m.width, m.height)
	if q := m.question(); q != "" {
		msg += " " + q + " (y/n)"
	} else {
		msg += " Enlarge it, or press q to quit."
	}
	if m.warning {
		msg = m.warningText() + " " + msg
	}
	lines := strings.Split(ansi.Wrap(msg, max(1, m.width), ""), "\n")
	return fit(lines, m.width, m.height)
}

// question is the yes/no question being asked, if any.
func (m Model) question() string {
	// The printed report keeps the answers but not the note, so quitting
	// warns about the same unsaved text as the next customer does.
	lost := "Your answers will be lost."
	if m.unsavedText() {
		lost = "The reference and note are not saved."
	}
	switch m.asking {
	case askQuit:
		return "Quit? " + lost
	case askNext:
		return "Next customer? " + lost
	}
	return ""
}

// layoutHelp renders the key help for the current screen into
// m.helpLines. Where one line (or one row of columns) is wider than the
// window, the help is packed onto more rows instead of being cut, so
// "q quit" and "? more" stay visible in a narrow terminal.
//
// Rendering the help was three quarters of an ordinary frame, yet it only
// changes with the enabled keys, their wording, the short or full view and
// the width. So it runs in Update where those may change (syncKeys after
// every key, and on resize), renders again only when one of them did, and
// View reuses the lines.
func (m *Model) layoutHelp() {
	sig := m.helpSignature()
	if m.helpLines != nil && sig == m.helpFor {
		return
	}
	m.helpFor = sig
	h := m.help
	h.Width = 0 // packing below keeps every row within the window
	w := m.inner()
	var rows []string
	if h.ShowAll {
		var row [][]key.Binding
		for _, g := range m.screenKeys().FullHelp() {
			if lipgloss.Width(h.FullHelpView(append(row, g))) > w && len(row) > 0 {
				rows = append(rows, h.FullHelpView(row))
				row = nil
			}
			row = append(row, g)
		}
		rows = append(rows, h.FullHelpView(row))
	} else {
		var line []key.Binding
		for _, b := range m.shortHelp() {
			if !b.Enabled() {
				continue
			}
			if lipgloss.Width(h.ShortHelpView(append(line, b))) > w && len(line) > 0 {
				rows = append(rows, h.ShortHelpView(line))
				line = nil
			}
			line = append(line, b)
		}
		rows = append(rows, h.ShortHelpView(line))
	}
	var out []string
	for _, r := range rows {
		if r != "" {
			out = append(out, strings.Split(r, "\n")...)
		}
	}
	if out == nil {
		out = []string{} // rendered, though empty: not rendered again
	}
	m.helpLines = out
}

// compact reports whether the result is drawn with its chrome cut down
// (tabs on one line, a one-line help), so that in a short window the
// verdict and its strength are on screen the moment the result opens.
func (m Model) compact() bool {
	return m.screen == screenResult && m.height < compactHeight
}

// compactHeight is the height below which the result's chrome is compact;
// 80×24 keeps the full tabs and help.
const compactHeight = 16

// shortHelp is the key map's help line, cut to its compact form on a
// compact result; the ? view still lists every key.
func (m Model) shortHelp() []key.Binding {
	if m.compact() && m.asking == askNone && !m.tooSmall() {
		return m.keys.Result.CompactHelp()
	}
	return m.screenKeys().ShortHelp()
}

// helpSignature sums up everything the help's rendering depends on.
func (m *Model) helpSignature() string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(m.inner()))
	if m.help.ShowAll {
		b.WriteString(" all")
	}
	for _, g := range m.screenKeys().FullHelp() {
		for _, k := range g {
			if k.Enabled() {
				h := k.Help()
				b.WriteString("\x00" + h.Key + "\x01" + h.Desc)
			}
		}
	}
	for _, k := range m.shortHelp() {
		if k.Enabled() {
			b.WriteString("\x02" + k.Help().Key)
		}
	}
	return b.String()
}

// bottom is what stays on the last rows of every screen: the idle
// warning, a notice, the question being asked, and the help.
func (m Model) bottom() []string {
	var out []string
	w, st := m.inner(), m.styles
	if m.warning {
		out = append(out, wrapStyled(m.warningText(), w, "", "", st.Notice)...)
	}
	if m.notice != "" {
		out = append(out, wrapStyled(m.notice, w, "", "", st.Notice)...)
	}
	if q := m.question(); q != "" {
		out = append(out, wrapStyled(q, w, "", "", st.Notice)...)
	}
	return append(out, m.helpLines...)
}

// frame stacks a screen into exactly the window's height: top and bottom
// stay put, mid is windowed so that its focus lines [a, b] are visible, and
// blank lines push the help down to the last row.
func (m Model) frame(top, mid []string, a, b int, bottom []string) string {
	avail := m.height - len(top) - len(bottom)
	for avail < 1 && len(top) > 0 {
		top = top[1:]
		avail++
	}
	if avail < 1 {
		bottom = bottom[min(len(bottom), 1-avail):]
		avail = m.height - len(bottom)
	}
	mid = window(mid, avail, a, b, m.styles.Subtle.Render("  ↑ more"), m.styles.Subtle.Render("  ↓ more"))
	lines := make([]string, 0, m.height)
	lines = append(lines, top...)
	lines = append(lines, mid...)
	for len(lines)+len(bottom) < m.height {
		lines = append(lines, "")
	}
	lines = append(lines, bottom...)
	for i, l := range lines {
		if l != "" {
			lines[i] = " " + l
		}
	}
	return fit(lines, m.width, m.height)
}

// window cuts lines to at most h, scrolled so lines a..b stay visible, and
// marks cut-off text above and below when there is room to say so.
func window(lines []string, h, a, b int, above, below string) []string {
	if len(lines) <= h {
		return lines
	}
	if h < 3 {
		off := min(max(0, b-h+1), len(lines)-h)
		return lines[off : off+h]
	}
	off := max(0, b-(h-2))
	if off > 0 && a < off+1 {
		off = max(0, a-1)
	}
	off = min(off, len(lines)-h)
	out := append([]string(nil), lines[off:off+h]...)
	if off > 0 {
		out[0] = above
	}
	if off+h < len(lines) {
		out[h-1] = below
	}
	return out
}

// fit is the last guard on every frame: no line wider than w, no more
// than h lines, whatever the text in a guide turned out to be.
func fit(lines []string, w, h int) string {
	if len(lines) > h {
		overflowed(fmt.Sprintf("%d lines in a window %d high", len(lines), h))
		lines = lines[:max(0, h)]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			overflowed(fmt.Sprintf("line %d is %d wide in a window %d wide: %q", i, ansi.StringWidth(l), w, ansi.Strip(l)))
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// onOverflow, when set (by tests), hears about every frame fit had to cut.
// The layout is meant never to need the cut, so tests fail on it even
// though the user would see a tidy, clipped frame.
var onOverflow func(what string)

func overflowed(what string) {
	if onOverflow != nil {
		onOverflow(what)
	}
}
