package quiz

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Wrap word-wraps s to width display columns (wide characters count
// double), indenting every line after the first by indent spaces.
func Wrap(s string, width, indent int) string {
	if width-indent < 10 {
		width = indent + 10
	}
	// ansi.Wrap can leave a word followed by " -" a column or two past the
	// limit; the hard wrap after it guarantees the width.
	lines := strings.Split(ansi.Hardwrap(ansi.Wrap(s, width-indent, ""), width-indent, true), "\n")
	for i := 1; i < len(lines); i++ {
		lines[i] = strings.Repeat(" ", indent) + lines[i]
	}
	return strings.Join(lines, "\n")
}

// WriteText writes the report as plain text wrapped to width columns:
// no colour, no escape codes, no drawing characters, so it reads well in a
// file, a pipe or through a screen reader.
func WriteText(w io.Writer, rep *Report, width int) error {
	var b strings.Builder
	line := func(indent int, s string) {
		b.WriteString(strings.Repeat(" ", indent) + Wrap(s, width, indent+2) + "\n")
	}
	line(0, rep.Guide+" - your result")
	b.WriteString("\n")
	line(0, "Recommendation: "+rep.Headline())
	line(0, rep.Summary)
	b.WriteString("\nPoints\n")
	for _, s := range rep.Scores {
		line(2, fmt.Sprintf("%s: %d", s.Label, s.Points))
	}
	b.WriteString("\nWhy\n")
	if len(rep.Reasons) == 0 {
		line(2, "No answer moved any points yet.")
	}
	for _, r := range rep.ReasonLines() {
		line(2, fmt.Sprintf("- %s: %s", r.Head, r.Text))
	}
	b.WriteString("\nWhat would change it\n")
	tips := rep.TopTips(3)
	if len(tips) == 0 {
		line(2, "No single changed answer would change the recommendation.")
	}
	for _, t := range tips {
		line(2, "- "+t.TipLine())
	}
	b.WriteString("\nYour answers\n")
	for _, a := range rep.Answers {
		line(2, a.Title+": "+a.Chosen())
	}
	for _, a := range rep.Unanswered {
		line(2, a.Title+": "+UnansweredLabel)
	}
	b.WriteString("\nChecklist\n")
	for _, cg := range rep.Checklist {
		line(2, cg.Group)
		for _, it := range cg.Items {
			line(4, "[ ] "+it)
		}
	}
	writeFooter(&b, rep, func(s string) { line(0, s) })
	_, err := io.WriteString(w, b.String())
	return err
}

func writeFooter(b *strings.Builder, rep *Report, line func(string)) {
	if rep.Code == "" && rep.Shop.Contact == "" {
		return
	}
	b.WriteString("\n")
	if rep.Code != "" {
		line("Resume code: " + rep.Code)
	}
	if rep.Shop.Contact != "" {
		line(rep.Shop.Contact)
	}
}

// WriteMarkdown writes the report as Markdown, ready to print or paste
// into an email, with the checklist as tick boxes.
func WriteMarkdown(w io.Writer, rep *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", MarkdownEscape(rep.Guide))
	if shop := strings.Join(nonEmpty(rep.Shop.Name, rep.Shop.Tagline), " - "); shop != "" {
		fmt.Fprintf(&b, "*%s*\n\n", MarkdownEscape(shop))
	}
	fmt.Fprintf(&b, "## Recommendation: %s\n\n", MarkdownEscape(rep.Headline()))
	fmt.Fprintf(&b, "%s\n\n", MarkdownEscape(rep.Summary))
	b.WriteString("## Points\n\n| Outcome | Points |\n|---|---:|\n")
	for _, s := range rep.Scores {
		fmt.Fprintf(&b, "| %s | %d |\n", MarkdownEscape(s.Label), s.Points)
	}
	b.WriteString("\n## Why\n\n")
	for _, r := range rep.ReasonLines() {
		fmt.Fprintf(&b, "- **%s**: %s\n", MarkdownEscape(r.Head), MarkdownEscape(r.Text))
	}
	if len(rep.Reasons) == 0 {
		b.WriteString("No answer moved any points yet.\n")
	}
	b.WriteString("\n## What would change it\n\n")
	for _, t := range rep.TopTips(3) {
		fmt.Fprintf(&b, "- %s\n", MarkdownEscape(t.TipLine()))
	}
	if len(rep.Tipping) == 0 {
		b.WriteString("No single changed answer would change the recommendation.\n")
	}
	b.WriteString("\n## Your answers\n\n")
	for _, a := range rep.Answers {
		fmt.Fprintf(&b, "- %s: %s\n", MarkdownEscape(a.Title), MarkdownEscape(a.Chosen()))
	}
	for _, a := range rep.Unanswered {
		fmt.Fprintf(&b, "- %s: *unanswered*\n", MarkdownEscape(a.Title))
	}
	b.WriteString("\n## Checklist\n")
	for _, cg := range rep.Checklist {
		fmt.Fprintf(&b, "\n### %s\n\n", MarkdownEscape(cg.Group))
		for _, it := range cg.Items {
			fmt.Fprintf(&b, "- [ ] %s\n", MarkdownEscape(it))
		}
	}
	writeFooter(&b, rep, func(s string) { b.WriteString(MarkdownEscape(s) + "\n\n") })
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

// MarkdownEscape keeps text from a guide, a note or a reference from
// turning into Markdown it did not mean: links, images, HTML or emphasis.
var MarkdownEscape = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "#", `\#`,
).Replace

func nonEmpty(list ...string) []string {
	var out []string
	for _, s := range list {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// JSONReport is the stable JSON form of a report; its fields are
// documented in the README and only ever added to.
type JSONReport struct {
	Version        int                 `json:"version"`
	Guide          string              `json:"guide"`
	GuideHash      string              `json:"guide_hash"`
	Recommendation string              `json:"recommendation"`
	Label          string              `json:"label"`
	Summary        string              `json:"summary"`
	Close          bool                `json:"close_call"`
	Confidence     float64             `json:"confidence"`
	Scores         map[string]int      `json:"scores"`
	Answers        map[string][]string `json:"answers"`
	Unanswered     []string            `json:"unanswered"`
	Reasons        []JSONReason        `json:"reasons"`
	Tipping        []JSONTip           `json:"tipping"`
	Checklist      []JSONCheck         `json:"checklist"`
	Code           string              `json:"resume_code,omitempty"`
}

// JSONReason is one contribution in the JSON report.
type JSONReason struct {
	Source  string `json:"source"`
	ID      string `json:"id"`
	Outcome string `json:"outcome"`
	Points  int    `json:"points"`
	Text    string `json:"text"`
}

// JSONTip is one tipping point in the JSON report.
type JSONTip struct {
	Question       string `json:"question"`
	Option         string `json:"option"`
	Remove         bool   `json:"remove,omitempty"`
	Recommendation string `json:"recommendation"`
}

// JSONCheck is one checklist item in the JSON report.
type JSONCheck struct {
	Group string `json:"group"`
	Item  string `json:"item"`
}

// JSON returns the report's JSON form.
func (rep *Report) JSON() JSONReport {
	j := JSONReport{
		Version: 1, Guide: rep.Guide, GuideHash: rep.GuideHash,
		Recommendation: rep.Verdict, Label: rep.Label, Summary: rep.Summary, Close: rep.Close,
		Confidence: float64(int(rep.Confidence*1000+0.5)) / 1000,
		Scores:     map[string]int{}, Answers: map[string][]string{},
		Unanswered: []string{}, Reasons: []JSONReason{}, Tipping: []JSONTip{}, Checklist: []JSONCheck{},
		Code: rep.Code,
	}
	for _, s := range rep.Scores {
		j.Scores[s.Outcome] = s.Points
	}
	for _, a := range rep.Answers {
		j.Answers[a.Question] = append([]string{}, a.Options...)
	}
	for _, a := range rep.Unanswered {
		j.Unanswered = append(j.Unanswered, a.Question)
	}
	for _, r := range rep.Reasons {
		j.Reasons = append(j.Reasons, JSONReason{Source: r.Source, ID: r.ID, Outcome: r.Outcome, Points: r.Points, Text: r.Reason})
	}
	for _, t := range rep.Tipping {
		j.Tipping = append(j.Tipping, JSONTip{Question: t.Question, Option: t.Option, Remove: t.Remove, Recommendation: t.Verdict})
	}
	for _, cg := range rep.Checklist {
		for _, it := range cg.Items {
			j.Checklist = append(j.Checklist, JSONCheck{Group: cg.Group, Item: it})
		}
	}
	return j
}

// WriteJSON writes the report as one indented JSON object. encoding/json
// escapes every control character, so no payload survives into a terminal.
func WriteJSON(w io.Writer, rep *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep.JSON())
}
