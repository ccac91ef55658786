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
	lines := WrapLines(s, width-indent)
	for i := 1; i < len(lines); i++ {
		lines[i] = strings.Repeat(" ", indent) + lines[i]
	}
	return strings.Join(lines, "\n")
}

// WrapLines word-wraps s to limit display columns at spaces only: ansi.Wrap
// also breaks after every hyphen, which splits "mass-produced" across two
// lines. Hyphens are hidden from it as non-breaking ones (the same width)
// and put back after. A word longer than the limit is still cut.
func WrapLines(s string, limit int) []string {
	limit = max(1, limit)
	s = strings.ReplaceAll(s, "-", nbHyphen)
	// ansi.Wrap can leave a word followed by " -" a column or two past the
	// limit; the hard wrap after it guarantees the width.
	out := ansi.Hardwrap(ansi.Wrap(s, limit, ""), limit, false)
	return strings.Split(strings.ReplaceAll(out, nbHyphen, "-"), "\n")
}

const nbHyphen = "\u2011"

// WriteText writes the report as plain text wrapped to width columns:
// no colour, no escape codes, no drawing characters, so it reads well in a
// file, a pipe or through a screen reader. Long lists are cut short with
// a note saying how many more there are.
func WriteText(w io.Writer, rep *Report, width int) error {
	var b strings.Builder
	// line writes s at indent, continuation lines at hang.
	line := func(indent, hang int, s string) {
		b.WriteString(strings.Repeat(" ", indent) + Wrap(s, width, hang) + "\n")
	}
	line(0, 2, rep.Title())
	for _, sec := range rep.Sections() {
		lines := sec.Shown(true)
		if len(lines) == 0 {
			continue
		}
		in := 0
		if sec.Title != "" {
			b.WriteString("\n" + sec.Title + "\n")
			in = 2
		} else if sec.Kind != SectionSummary {
			b.WriteString("\n")
		}
		for i, l := range lines {
			if i > 0 && l.Kind == LineText {
				b.WriteString("\n") // paragraphs stand apart
			}
			switch l.Kind {
			case LineVerdict:
				line(in, in+2, "Recommendation: "+l.Text)
			case LineItem:
				line(in, in+2, "- "+joinHead(l.Head, l.Text))
			case LineAnswer:
				line(in, in+2, l.Head+": "+l.Text)
			case LineUnanswered:
				line(in, in+2, l.Head+": "+UnansweredLabel)
			case LineCheck:
				line(in+2, in+6, "[ ] "+l.Text)
			case LineScore:
				line(in, in+2, fmt.Sprintf("%s: %d", l.Head, l.Points))
			default:
				line(in, in+2, l.Text)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// joinHead puts a line's lead-in before its text: "+3 Handcrafted: ...".
func joinHead(head, text string) string {
	if head == "" {
		return text
	}
	return head + ": " + text
}

// Field is one "label: value" line a handout adds under the title, such as
// the date of the consultation.
type Field struct{ Label, Value string }

// WriteMarkdown writes the report as Markdown, ready to print or paste
// into an email, with the checklist as tick boxes and every list in full.
func WriteMarkdown(w io.Writer, rep *Report) error {
	return WriteMarkdownWith(w, rep, nil)
}

// WriteMarkdownWith writes the Markdown report with fields under the
// title, where the reader of a printout looks first; a handout puts the
// date, the reference and the note there. Field values are escaped.
func WriteMarkdownWith(w io.Writer, rep *Report, fields []Field) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", MarkdownEscape(rep.Guide))
	for _, f := range fields {
		fmt.Fprintf(&b, "**%s:** %s  \n", MarkdownEscape(f.Label), MarkdownEscape(f.Value))
	}
	if len(fields) > 0 {
		b.WriteString("\n")
	}
	if shop := strings.Join(nonEmpty(rep.Shop.Name, rep.Shop.Tagline), " - "); shop != "" {
		fmt.Fprintf(&b, "*%s*\n\n", MarkdownEscape(shop))
	}
	for _, sec := range rep.Sections() {
		if sec.Title != "" {
			fmt.Fprintf(&b, "## %s\n\n", sec.Title)
		}
		if sec.Kind == SectionPoints {
			b.WriteString("| Outcome | Points |\n|---|---:|\n")
		}
		prev := LineText
		for i, l := range sec.Lines {
			// Paragraphs stand apart; a list's entries and a table's rows
			// stay together.
			if i > 0 && !(isList(l.Kind) && isList(prev)) && !(l.Kind == LineScore && prev == LineScore) {
				b.WriteString("\n")
			}
			switch l.Kind {
			case LineVerdict:
				fmt.Fprintf(&b, "## Recommendation: %s\n", MarkdownEscape(l.Text))
			case LineNote:
				fmt.Fprintf(&b, "*%s*\n", MarkdownEscape(l.Text))
			case LineItem:
				if l.Head != "" {
					fmt.Fprintf(&b, "- **%s**: %s\n", MarkdownEscape(l.Head), MarkdownEscape(l.Text))
				} else {
					fmt.Fprintf(&b, "- %s\n", MarkdownEscape(l.Text))
				}
			case LineAnswer:
				fmt.Fprintf(&b, "- %s: %s\n", MarkdownEscape(l.Head), MarkdownEscape(l.Text))
			case LineUnanswered:
				fmt.Fprintf(&b, "- %s: *unanswered*\n", MarkdownEscape(l.Head))
			case LineGroup:
				fmt.Fprintf(&b, "### %s\n", MarkdownEscape(l.Text))
			case LineCheck:
				fmt.Fprintf(&b, "- [ ] %s\n", MarkdownEscape(l.Text))
			case LineScore:
				fmt.Fprintf(&b, "| %s | %d |\n", MarkdownEscape(l.Head), l.Points)
			default:
				fmt.Fprintf(&b, "%s\n", MarkdownEscape(l.Text))
			}
			prev = l.Kind
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

func isList(k LineKind) bool {
	return k == LineItem || k == LineAnswer || k == LineUnanswered || k == LineCheck
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

	// Added with hard wishes and the strength in words.
	Conflict        bool          `json:"conflict"`
	Strength        string        `json:"strength"`
	StrengthText    string        `json:"strength_text"`
	Leader          string        `json:"leader"`
	RunnerUp        string        `json:"runner_up"`
	Lead            int           `json:"lead"`
	Margin          int           `json:"margin"`
	OpenPoints      int           `json:"open_points"`
	OpenCouldChange bool          `json:"open_could_change"`
	Wishes          []JSONWish    `json:"wishes"`
	Cautions        []JSONCaution `json:"cautions"`
	Deciders        []JSONDecider `json:"deciders"`
}

// JSONWish is one outcome the answers rule out.
type JSONWish struct {
	Question string `json:"question"`
	Option   string `json:"option"`
	Outcome  string `json:"outcome"`
	Text     string `json:"text"`
	Decided  bool   `json:"decided"`
}

// JSONCaution is one caution the answers raise under the verdict.
type JSONCaution struct {
	Question string `json:"question"`
	Option   string `json:"option"`
	Text     string `json:"text"`
}

// JSONDecider is, in a close call, the answer pulling hardest toward one
// outcome, and by how many points over the other side.
type JSONDecider struct {
	Question string `json:"question"`
	Option   string `json:"option"`
	Outcome  string `json:"outcome"`
	Points   int    `json:"points"`
	// Added with the close call that helps with one piece: the answer's
	// reason, what choosing that way would mean.
	Text string `json:"text"`
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
	// Added with the explained tips.
	Close    bool           `json:"close_call"`
	Conflict bool           `json:"conflict"`
	Lead     int            `json:"lead"`
	Points   map[string]int `json:"points"`
	RulesOut []string       `json:"rules_out"`
	Lifts    []string       `json:"no_longer_rules_out"`
	Why      string         `json:"why"`
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
		Code:     rep.Code,
		Conflict: rep.Conflict, Strength: rep.Strength, StrengthText: rep.StrengthText,
		Leader: rep.Leader, RunnerUp: rep.RunnerUp, Lead: rep.Lead, Margin: rep.Margin,
		OpenPoints: rep.Open, OpenCouldChange: rep.OpenCouldChange,
		Wishes: []JSONWish{}, Cautions: []JSONCaution{}, Deciders: []JSONDecider{},
	}
	for _, w := range rep.Wishes {
		j.Wishes = append(j.Wishes, JSONWish{Question: w.Question, Option: w.Option, Outcome: w.Outcome, Text: w.Text, Decided: w.Decided})
	}
	for _, c := range rep.Cautions {
		j.Cautions = append(j.Cautions, JSONCaution{Question: c.Question, Option: c.Option, Text: c.Text})
	}
	for _, d := range rep.Deciders {
		j.Deciders = append(j.Deciders, JSONDecider{Question: d.Question, Option: d.Option, Outcome: d.Outcome, Points: d.Net, Text: d.Reason})
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
		jt := JSONTip{Question: t.Question, Option: t.Option, Remove: t.Remove, Recommendation: t.Verdict,
			Close: t.Close, Conflict: t.Conflict, Lead: t.Lead, Points: map[string]int{},
			RulesOut: append([]string{}, t.RulesOut...), Lifts: append([]string{}, t.Lifts...), Why: t.Why}
		for _, c := range t.Change {
			jt.Points[c.Outcome] = c.Points
		}
		j.Tipping = append(j.Tipping, jt)
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
