package shop

import (
	"fmt"
	"io"
	"strconv"
	"strings"

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
// row, fitted to width columns: one set of tables per group (guide, and
// store or counter with a breakdown). ascii draws the bars with '#' for
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
	if st.BadCount > 0 {
		fmt.Fprintf(&b, "Skipped %d malformed %s:\n", st.BadCount, plural(st.BadCount, "line", "lines"))
		for _, bl := range st.Bad {
			fmt.Fprintf(&b, "  %s\n", quiz.Wrap(quiz.Inert(bl.String()), width, 4))
		}
		if st.BadCount > len(st.Bad) {
			fmt.Fprintf(&b, "  … and %d more\n", st.BadCount-len(st.Bad))
		}
	}
	headed := len(st.Groups) > 1 || st.By != ""
	if len(st.Groups) > 1 {
		what := "guides"
		if st.By != "" {
			what = "groups (guide and " + st.By + ")"
		}
		b.WriteString(quiz.Wrap(fmt.Sprintf("The records come from %d %s; each has its own tables, never added together.", len(st.Groups), what), width, 0) + "\n")
	}
	if st.Untabulated > 0 {
		b.WriteString(quiz.Wrap(fmt.Sprintf("%d consultations belong to groups past the first %d and are counted but not tabulated.", st.Untabulated, maxGroups), width, 0) + "\n")
	}
	t := barTable{width: width, bar: bar}
	for i := range st.Groups {
		writeGroupText(&b, st, &st.Groups[i], &t, headed)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// GroupTitle names a group: its guide and hash, and the store or counter
// of a breakdown.
func GroupTitle(st *Stats, g *Group) string {
	s := fmt.Sprintf("Guide %q (%s)", g.Guide, g.Hash)
	if st.By != "" {
		by := g.By
		if by == "" {
			by = "none given"
		}
		s += fmt.Sprintf(", %s %q", st.By, by)
	}
	return s
}

func writeGroupText(b *strings.Builder, st *Stats, g *Group, t *barTable, headed bool) {
	if headed {
		b.WriteString("\n" + quiz.Wrap(quiz.Inert(GroupTitle(st, g))+fmt.Sprintf(": %d %s", g.Total, plural(g.Total, "consultation", "consultations")), t.width, 2) + "\n")
	}
	fmt.Fprintf(b, "Close calls:   %d of %d (%s)\n", g.Close, g.Total, pct(g.Close, g.Total))
	if !g.Labelled {
		b.WriteString(quiz.Wrap("Shown by id: name the guide these records came from with --guide to see its labels.", t.width, 0) + "\n")
	}

	b.WriteString("\nOutcomes\n")
	for _, c := range g.Outcomes {
		t.add(c.Count, g.Total, c.Name())
	}
	t.flush(b, "  ")

	b.WriteString("\nPer day\n")
	head := []string{"date"}
	for _, o := range g.Outcomes {
		head = append(head, quiz.Inert(o.Name()))
	}
	head = append(head, "total")
	if tableWidth(head, g) > t.width {
		// Too narrow for a column per outcome: a line per day instead.
		for _, d := range g.Days {
			parts := []string{}
			for i, n := range d.Counts {
				if n > 0 {
					parts = append(parts, fmt.Sprintf("%s %d", head[i+1], n))
				}
			}
			line := fmt.Sprintf("%s: %d (%s)", dayName(d), d.Total, strings.Join(parts, ", "))
			b.WriteString("  " + quiz.Wrap(line, t.width, 4) + "\n")
		}
	} else {
		t.head(head)
		for _, d := range g.Days {
			cells := []string{dayName(d)}
			for _, n := range d.Counts {
				cells = append(cells, strconv.Itoa(n))
			}
			t.addCells(d.Total, append(cells, strconv.Itoa(d.Total)))
		}
		t.flush(b, "  ")
	}

	b.WriteString("\nAnswers\n")
	for _, q := range g.Questions {
		b.WriteString("  " + quiz.Wrap(fmt.Sprintf("%s (answered in %d of %d)", quiz.Inert(q.Name()), q.Answered, g.Total), t.width, 4) + "\n")
		for _, o := range q.Options {
			t.add(o.Count, g.Total, o.Name())
		}
		t.flush(b, "    ")
	}
	if g.OtherAnswers > 0 {
		fmt.Fprintf(b, "  %d answers to other questions\n", g.OtherAnswers)
	}

	b.WriteString("\nDeciding reasons\n")
	for i, r := range g.Reasons {
		if i == topReasons {
			break
		}
		t.add(r.Count, g.Total, r.Name())
	}
	if len(g.Reasons) == 0 {
		b.WriteString("  none recorded\n")
	}
	t.flush(b, "  ")
}

func dayName(d Day) string {
	if d.Before {
		return "before " + d.Date
	}
	return d.Date
}

// tableWidth is how wide the per-day table is without its bars: each
// column as wide as its header or its largest figure.
func tableWidth(head []string, g *Group) int {
	w := 2 + len("2006-01-02")
	if len(g.Days) > 0 && g.Days[0].Before {
		w += len("before ")
	}
	for _, h := range head[1:] {
		w += 2 + max(ansi.StringWidth(h), len(strconv.Itoa(g.Total)))
	}
	return w
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
	if t.header == nil && used-2 > t.width {
		t.flushNarrow(b, indent, widths)
		return
	}
	// Without room for a bar worth reading the figures stand alone.
	room := min(t.width-used, 40)
	if room < 3 {
		room = 0
	}
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

// flushNarrow writes each row as its label on a line of its own (wrapped
// when it must be) and the figures with the bar indented below it: a label
// too long for the window would otherwise push every row of the table past
// its edge, where the terminal breaks the lines in the middle of a bar.
func (t *barTable) flushNarrow(b *strings.Builder, indent string, widths []int) {
	figIndent := indent + "  "
	used := len(figIndent)
	for _, w := range widths[1:] {
		used += w + 2
	}
	room := min(t.width-used, 40)
	if room < 3 {
		room = 0
	}
	top := 0
	for _, v := range t.values {
		top = max(top, v)
	}
	for ri, r := range t.rows {
		b.WriteString(indent + quiz.Wrap(r[0], t.width, len(indent)+2) + "\n")
		b.WriteString(figIndent)
		for i, c := range r[1:] {
			pad := strings.Repeat(" ", widths[i+1]-ansi.StringWidth(c))
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(pad + c)
		}
		if n := scale(t.values[ri], top, room); n > 0 {
			b.WriteString("  " + strings.Repeat(t.bar, n))
		}
		b.WriteString("\n")
	}
	*t = barTable{width: t.width, bar: t.bar}
}

// scale gives a bar length; any non-zero value gets at least one block so
// it does not read as nothing.
func scale(v, top, room int) int {
	if v <= 0 || top <= 0 || room <= 0 {
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
	var parts []string
	switch {
	case st.Since != "" && st.Until != "":
		parts = append(parts, st.Since+" to "+st.Until)
	case st.Since != "":
		parts = append(parts, "from "+st.Since)
	case st.Until != "":
		parts = append(parts, "until "+st.Until)
	}
	if st.Store != "" {
		parts = append(parts, fmt.Sprintf("store %q", st.Store))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + quiz.Inert(strings.Join(parts, ", ")) + ")"
}
