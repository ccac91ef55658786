package shop

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/jewelguide/jewelguide/quiz"
)

// Everything printed here comes from log files, which anyone with write
// access to them could have filled with escape sequences; every string
// from a log goes through quiz.Inert before it is shown.

// topReasons is how many deciding reasons the text form lists; the JSON
// form has them all.
const topReasons = 10

// WriteStatsText writes the statistics as aligned tables with a bar per
// row, fitted to width columns. ascii draws the bars with '#' for
// terminals and printers without block characters.
func WriteStatsText(w io.Writer, st *Stats, width int, ascii bool) error {
	if width <= 0 {
		width = 80
	}
	bar := "█"
	if ascii {
		bar = "#"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Consultations: %d%s\n", st.Total, rangeText(st))
	if st.Total > 0 {
		fmt.Fprintf(&b, "Close calls:   %d of %d (%s)\n", st.Close, st.Total, pct(st.Close, st.Total))
	}
	if len(st.Guides) > 1 {
		b.WriteString("Note: the logs come from more than one guide:\n")
		for _, g := range st.Guides {
			fmt.Fprintf(&b, "  %s: %d\n", quiz.Inert(g.ID), g.Count)
		}
	}
	if st.BadCount > 0 {
		fmt.Fprintf(&b, "Skipped %d malformed %s:\n", st.BadCount, plural(st.BadCount, "line", "lines"))
		for _, bl := range st.Bad {
			fmt.Fprintf(&b, "  %s\n", quiz.Wrap(quiz.Inert(bl.String()), width, 4))
		}
		if st.BadCount > len(st.Bad) {
			fmt.Fprintf(&b, "  … and %d more\n", st.BadCount-len(st.Bad))
		}
	}
	if st.Total == 0 {
		_, err := io.WriteString(w, b.String())
		return err
	}
	t := barTable{width: width, bar: bar}

	b.WriteString("\nOutcomes\n")
	for _, c := range st.OutcomeCounts() {
		t.add(c.Count, st.Total, c.ID)
	}
	t.flush(&b, "  ")

	b.WriteString("\nPer day\n")
	outcomes := st.OutcomeCounts()
	head := []string{"date"}
	for _, o := range outcomes {
		head = append(head, o.ID)
	}
	t.head(append(head, "total"))
	for _, d := range st.Days {
		cells := []string{d.Date}
		for _, o := range outcomes {
			cells = append(cells, strconv.Itoa(d.Outcomes[o.ID]))
		}
		t.addCells(d.Total, append(cells, strconv.Itoa(d.Total)))
	}
	t.flush(&b, "  ")

	b.WriteString("\nAnswers\n")
	for _, q := range st.Questions {
		fmt.Fprintf(&b, "  %s (answered in %d of %d)\n", quiz.Inert(q.Question), q.Answered, st.Total)
		for _, o := range q.Options {
			t.add(o.Count, st.Total, o.ID)
		}
		t.flush(&b, "    ")
	}

	b.WriteString("\nDeciding reasons\n")
	for i, r := range st.Reasons {
		if i == topReasons {
			break
		}
		t.add(r.Count, st.Total, r.ID)
	}
	if len(st.Reasons) == 0 {
		b.WriteString("  none recorded\n")
	}
	t.flush(&b, "  ")
	_, err := io.WriteString(w, b.String())
	return err
}

// barTable lines up rows of cells and scales a bar after each row to the
// largest value in the table.
type barTable struct {
	width  int
	bar    string
	header []string
	rows   [][]string
	values []int
}

// add is a row of "id  count  share".
func (t *barTable) add(n, total int, id string) {
	t.addCells(n, []string{id, strconv.Itoa(n), pct(n, total)})
}

func (t *barTable) head(cells []string) {
	for i := range cells {
		cells[i] = quiz.Inert(cells[i])
	}
	t.header = cells
}

func (t *barTable) addCells(n int, cells []string) {
	for i := range cells {
		cells[i] = quiz.Inert(cells[i])
	}
	t.rows = append(t.rows, cells)
	t.values = append(t.values, n)
}

func (t *barTable) flush(b *strings.Builder, indent string) {
	all := t.rows
	if t.header != nil {
		all = append([][]string{t.header}, all...)
	}
	var widths []int
	for _, r := range all {
		for i, c := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	used := len(indent)
	for _, w := range widths {
		used += w + 2
	}
	room := min(max(t.width-used, 5), 40)
	top := 0
	for _, v := range t.values {
		top = max(top, v)
	}
	off := len(all) - len(t.rows) // 1 when a header row leads
	for ri, r := range all {
		b.WriteString(indent)
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-ansi.StringWidth(c))
			if i == 0 {
				b.WriteString(c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		if ri >= off {
			if n := scale(t.values[ri-off], top, room); n > 0 {
				b.WriteString("  " + strings.Repeat(t.bar, n))
			}
		}
		b.WriteString("\n")
	}
	*t = barTable{width: t.width, bar: t.bar}
}

// scale gives a bar length; any non-zero value gets at least one block so
// it does not read as nothing.
func scale(v, top, room int) int {
	if v <= 0 || top <= 0 {
		return 0
	}
	return max(1, (v*room+top/2)/top)
}

func pct(n, total int) string {
	if total == 0 {
		return "0%"
	}
	return fmt.Sprintf("%.0f%%", float64(n)*100/float64(total))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func rangeText(st *Stats) string {
	switch {
	case st.Since.IsZero() && st.Until.IsZero():
		return ""
	case st.Until.IsZero():
		return " (from " + st.Since.Format("2006-01-02") + ")"
	case st.Since.IsZero():
		return " (until " + lastDay(st.Until) + ")"
	}
	return " (" + st.Since.Format("2006-01-02") + " to " + lastDay(st.Until) + ")"
}

// lastDay names the last day included when Until falls on midnight, as
// ParseDateRange makes it.
func lastDay(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		t = t.AddDate(0, 0, -1)
	}
	return t.Format("2006-01-02")
}
