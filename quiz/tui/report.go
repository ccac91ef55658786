package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/jewelguide/jewelguide/quiz"
)

// RenderReport draws a report for a terminal, wrapped to width columns:
// the report's sections (quiz.Report.Sections) with the interface's
// styles, points per outcome as bars. The CLI prints it after exit so the
// shopper finds it in the scrollback; the result screen shows the same
// sections a part at a time (renderPart). The report's text is already
// inert, so nothing in it can drive the terminal.
func RenderReport(rep *quiz.Report, width int, st Styles) string {
	r := newReportWriter(width, st)
	r.wrap(rep.Title(), "", "", r.st.Heading)
	r.sections(rep, rep.Sections(), true)
	return strings.Join(r.lines, "\n")
}

// sections draws secs; short cuts long sections as a short view does.
func (r *reportWriter) sections(rep *quiz.Report, secs []quiz.Section, short bool) {
	st := r.st
	for _, sec := range secs {
		lines := sec.Shown(short)
		if len(lines) == 0 {
			continue
		}
		if sec.Title != "" {
			r.section(sec.Title)
		} else if len(r.lines) > 0 {
			r.blank()
		}
		if sec.Kind == quiz.SectionPoints {
			r.bars(rep, lines)
			continue
		}
		in := ""
		if sec.Title != "" {
			in = "  "
		}
		for i, l := range lines {
			r.line(l, in, i, st)
		}
	}
}

// line draws one line of a section at indent in.
func (r *reportWriter) line(l quiz.Line, in string, i int, st reportInks) {
	switch l.Kind {
	case quiz.LineText:
		if i > 0 {
			r.blank() // paragraphs stand apart
		}
		r.wrap(l.Text, in, in, st.Text)
	case quiz.LineVerdict:
		r.wrap(l.Text, in, in, st.Verdict)
	case quiz.LineNote:
		r.wrap(l.Text, in, in, st.Subtle)
	case quiz.LineItem:
		if l.Head == "" {
			r.wrap(l.Text, in+"- ", in+"  ", st.Text)
			return
		}
		sign := st.Plus
		if l.Points < 0 {
			sign = st.Minus
		}
		head := l.Head + ":"
		if r.w-ansi.StringWidth(head) < 24 {
			// Too narrow to put the reason beside its points.
			r.wrap(head, in, in+"  ", sign)
			r.wrap(l.Text, in+"  ", in+"  ", st.Text)
			return
		}
		r.wrap(l.Text, in+sign.Render(head)+" ", in+"  ", st.Text)
	case quiz.LineAnswer:
		r.wrap(l.Head+": "+l.Text, in, in+"  ", st.Text)
	case quiz.LineUnanswered:
		r.wrap(l.Head+": "+quiz.UnansweredLabel, in, in+"  ", st.Subtle)
	case quiz.LineGroup:
		if i > 0 {
			r.blank()
		}
		r.wrap(l.Text, in, in, st.Title)
	case quiz.LineCheck:
		r.wrap(l.Text, in+"[ ] ", in+"    ", st.Text)
	default:
		r.wrap(l.Text, in, in, st.Text)
	}
}

// reportWriter collects the report's lines at a fixed width.
type reportWriter struct {
	w     int
	st    reportInks
	lines []string
}

// newReportWriter starts a report at width in the styles st.
func newReportWriter(width int, st Styles) reportWriter {
	return reportWriter{w: max(1, width), st: newReportInks(st)}
}

// reportInks are the styles a report is drawn in, as inks: a large
// report has thousands of lines, and a line costs a string concatenation
// this way rather than a Lip Gloss render.
type reportInks struct {
	Heading, Title, Text, Subtle, Verdict, Bar, BarOther, Plus, Minus ink
}

func newReportInks(st Styles) reportInks {
	return reportInks{
		Heading: newInk(st.Heading), Title: newInk(st.Title), Text: newInk(st.Text),
		Subtle: newInk(st.Subtle), Verdict: newInk(st.Verdict), Bar: newInk(st.Bar),
		BarOther: newInk(st.BarOther), Plus: newInk(st.Plus), Minus: newInk(st.Minus),
	}
}

func (r *reportWriter) blank() { r.lines = append(r.lines, "") }

func (r *reportWriter) section(title string) {
	if len(r.lines) > 0 {
		r.blank()
	}
	r.wrap(title, "", "", r.st.Heading)
}

// wrap adds s wrapped to the width; a prefix too wide for a narrow window
// is dropped rather than squeezing the text to nothing.
func (r *reportWriter) wrap(s, first, rest string, st ink) {
	if r.w-max(ansi.StringWidth(first), ansi.StringWidth(rest)) < 8 {
		first, rest = "", ""
	}
	r.lines = wrapInk(r.lines, s, r.w, first, rest, st)
}

// bars draws one line per outcome of the points section: label, a bar
// scaled to the highest score, and the points. A label too long for its
// column goes on a line of its own, above its bar, rather than being cut.
func (r *reportWriter) bars(rep *quiz.Report, scores []quiz.Line) {
	labelW, numW, top := 0, 0, 0
	for _, s := range scores {
		labelW = max(labelW, ansi.StringWidth(s.Head))
		numW = max(numW, len(fmt.Sprint(s.Points)))
		top = max(top, s.Points)
	}
	labelW = min(labelW, max(4, r.w/3))
	barW := r.w - 2 - labelW - 1 - numW - 1
	for _, s := range scores {
		num := fmt.Sprintf("%*d", numW, s.Points)
		if barW < 3 {
			r.wrap(s.Head+": "+strings.TrimSpace(num), "  ", "    ", r.st.Text)
			continue
		}
		label := s.Head
		if ansi.StringWidth(label) > labelW {
			r.wrap(label, "  ", "  ", r.st.Text)
			label = ""
		}
		label += pad(labelW - ansi.StringWidth(label))
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

// resultPart is one page of the result screen, reachable with its digit.
type resultPart int

const (
	// partVerdict is the first view: the verdict, its strength, the
	// summary, the reasons and the points.
	partVerdict resultPart = iota
	partChange
	partChecklist
	partAnswers
	numParts
)

// partNames are the tabs' names, short enough for a 40-column window.
var partNames = [numParts]string{"Result", "Change it", "Checklist", "Answers"}

// partSections are the report's sections on each page, in order. The
// reasons come before the points so that the first view at 80×24 shows
// the verdict and its top reasons without scrolling.
var partSections = [numParts][]quiz.SectionKind{
	{quiz.SectionVerdict, quiz.SectionSummary, quiz.SectionWhy, quiz.SectionPoints},
	{quiz.SectionChange},
	{quiz.SectionChecklist, quiz.SectionFooter},
	{quiz.SectionAnswers},
}

// renderPart draws one page of the result screen. The resume code stays
// under the report on every page, so the footer gives only the shop's
// contact here.
func renderPart(rep *quiz.Report, p resultPart, width int, st Styles) string {
	r := newReportWriter(width, st)
	if p == partVerdict {
		r.wrap(rep.Title(), "", "", r.st.Heading)
	}
	all := rep.Sections()
	var secs []quiz.Section
	for _, k := range partSections[p] {
		for _, sec := range all {
			if sec.Kind != k {
				continue
			}
			if k == quiz.SectionFooter {
				sec.Lines = nil
				if rep.Shop.Contact != "" {
					sec.Lines = []quiz.Line{{Kind: quiz.LineNote, Text: rep.Shop.Contact}}
				}
			}
			secs = append(secs, sec)
		}
	}
	r.sections(rep, secs, false)
	return strings.Join(r.lines, "\n")
}
