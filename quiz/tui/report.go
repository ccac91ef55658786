package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/jewelguide/jewelguide/quiz"
)

// RenderReport draws a report for a terminal, wrapped to width columns:
// the verdict and its strength, points per outcome as bars, the reasons,
// what would change the verdict and the checklist. The result screen shows
// it in a scrolling viewport, and the CLI prints the same text after exit
// so the shopper finds it in the scrollback. The report's text is already
// inert, so nothing in it can drive the terminal.
func RenderReport(rep *quiz.Report, width int, st Styles) string {
	width = max(1, width)
	r := reportWriter{w: width, st: st}
	r.wrap(rep.Guide+" - your result", "", "", st.Heading)
	r.blank()
	r.wrap(rep.Label, "", "", st.Verdict)
	r.wrap(strengthLine(rep), "", "", st.Subtle)
	r.blank()
	r.wrap(rep.Summary, "", "", st.Text)

	r.section("Points")
	r.bars(rep)

	r.section("Why")
	if len(rep.Reasons) == 0 {
		r.wrap("No answer moved any points yet.", "  ", "  ", st.Subtle)
	}
	for _, c := range rep.ReasonLines() {
		sign := st.Plus
		if c.Points < 0 {
			sign = st.Minus
		}
		head := c.Head + ":"
		if r.w-ansi.StringWidth(head) < 24 {
			// Too narrow to put the reason beside its points.
			r.wrap(head, "  ", "    ", sign)
			r.wrap(c.Text, "    ", "    ", st.Text)
			continue
		}
		r.wrap(c.Text, "  "+sign.Render(head)+" ", "    ", st.Text)
	}

	r.section("What would change it")
	tips := rep.TopTips(3)
	if len(tips) == 0 {
		r.wrap("No single changed answer would change the recommendation.", "  ", "  ", st.Subtle)
	}
	for _, t := range tips {
		r.wrap(t.TipLine(), "  - ", "    ", st.Text)
	}

	r.section("Your answers")
	for _, a := range rep.Answers {
		r.wrap(a.Title+": "+a.Chosen(), "  ", "    ", st.Text)
	}
	for _, a := range rep.Unanswered {
		r.wrap(a.Title+": "+quiz.UnansweredLabel, "  ", "    ", st.Subtle)
	}

	r.section("Checklist")
	for i, cg := range rep.Checklist {
		if i > 0 {
			r.blank()
		}
		r.wrap(cg.Group, "  ", "  ", st.Title)
		for _, it := range cg.Items {
			r.wrap(it, "  [ ] ", "      ", st.Text)
		}
	}
	if rep.Code != "" || rep.Shop.Contact != "" {
		r.blank()
		if rep.Code != "" {
			r.wrap("Resume code: "+rep.Code, "", "", st.Subtle)
		}
		if rep.Shop.Contact != "" {
			r.wrap(rep.Shop.Contact, "", "", st.Subtle)
		}
	}
	return strings.Join(r.lines, "\n")
}

// strengthLine says how firm the verdict is, in the report's own terms.
func strengthLine(rep *quiz.Report) string {
	if rep.Close {
		return "A close call: " + rep.CloseReason() + "."
	}
	return fmt.Sprintf("Strength: %s (%.0f%% confidence).", rep.Strength, rep.Confidence*100)
}

// reportWriter collects the report's lines at a fixed width.
type reportWriter struct {
	w     int
	st    Styles
	lines []string
}

func (r *reportWriter) blank() { r.lines = append(r.lines, "") }

func (r *reportWriter) section(title string) {
	r.blank()
	r.wrap(title, "", "", r.st.Heading)
}

// wrap adds s wrapped to the width; a prefix too wide for a narrow window
// is dropped rather than squeezing the text to nothing.
func (r *reportWriter) wrap(s, first, rest string, st lipgloss.Style) {
	if r.w-max(ansi.StringWidth(first), ansi.StringWidth(rest)) < 8 {
		first, rest = "", ""
	}
	r.lines = append(r.lines, wrapStyled(s, r.w, first, rest, st)...)
}

// bars draws one line per outcome: label, a bar scaled to the highest
// score, and the points.
func (r *reportWriter) bars(rep *quiz.Report) {
	labelW, numW, top := 0, 0, 0
	for _, s := range rep.Scores {
		labelW = max(labelW, ansi.StringWidth(s.Label))
		numW = max(numW, len(fmt.Sprint(s.Points)))
		top = max(top, s.Points)
	}
	labelW = min(labelW, max(4, r.w/3))
	barW := r.w - 2 - labelW - 1 - numW - 1
	for _, s := range rep.Scores {
		label := ansi.Truncate(s.Label, labelW, "…")
		label += pad(labelW - ansi.StringWidth(label))
		num := fmt.Sprintf("%*d", numW, s.Points)
		if barW < 3 {
			r.wrap(strings.TrimSpace(label)+": "+strings.TrimSpace(num), "  ", "    ", r.st.Text)
			continue
		}
		n := 0
		if top > 0 && s.Points > 0 {
			n = max(1, s.Points*barW/top)
		}
		style := r.st.BarOther
		// A close call is a race between the two front-runners, so both
		// stand out; otherwise the verdict does.
		if s.Outcome == rep.Verdict || (rep.Close && (s.Outcome == rep.Leader || s.Outcome == rep.RunnerUp)) {
			style = r.st.Bar
		}
		bar := style.Render(strings.Repeat("█", n)) + pad(barW-n)
		line := "  " + r.st.Text.Render(label) + " " + bar + " " + r.st.Text.Render(num)
		r.lines = append(r.lines, line)
	}
}
