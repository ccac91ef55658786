package quiz

import "fmt"

// SectionKind names a part of the report. Writers switch on it only where
// a part has a look of its own (points as a table or bars).
type SectionKind int

// The parts of a report, in the order they appear.
const (
	SectionVerdict   SectionKind = iota // the verdict and its strength
	SectionSummary                      // what to do, wishes, cautions, what decides a close call
	SectionPoints                       // points per outcome
	SectionWhy                          // the reasons, heaviest first
	SectionChange                       // what would change it
	SectionAnswers                      // the answers given and the questions left open
	SectionChecklist                    // what to check at the counter
	SectionFooter                       // the resume code and the shop's contact
)

var sectionNames = [...]string{"verdict", "summary", "points", "why", "change", "answers", "checklist", "footer"}

func (k SectionKind) String() string {
	if int(k) < len(sectionNames) {
		return sectionNames[k]
	}
	return fmt.Sprintf("SectionKind(%d)", int(k))
}

// LineKind says what a line of a section is, so each writer can give it
// its own look.
type LineKind int

// The kinds of line a section holds.
const (
	LineText       LineKind = iota // a paragraph
	LineVerdict                    // the verdict's label
	LineNote                       // secondary text: the strength, an empty list's note, "and N more"
	LineItem                       // a list entry: Head (may be empty) and Text
	LineAnswer                     // a question's title (Head) and its answer (Text)
	LineUnanswered                 // a question left open (Head)
	LineGroup                      // a checklist group's title
	LineCheck                      // a checklist item, a tick box
	LineScore                      // an outcome's points: Head the label, Points
)

// Line is one line of a section before wrapping.
type Line struct {
	Kind LineKind
	Head string
	Text string
	// Points is an outcome's points (LineScore) or a reason's (LineItem
	// under Why), for writers that colour by sign.
	Points int
	// Outcome is the outcome id of a LineScore.
	Outcome string
}

// Section is one part of the report as lines. Short, when not 0, is how
// many lines a short view (text, the screen) shows before an "and N more"
// note; Markdown and JSON show them all.
type Section struct {
	Kind  SectionKind
	Title string
	Lines []Line
	Short int
}

// Shown returns the lines a view shows: all of them, or for a short view
// the first Short and a note saying how many more there are.
func (s Section) Shown(short bool) []Line {
	if !short || s.Short == 0 || len(s.Lines) <= s.Short {
		return s.Lines
	}
	more := len(s.Lines) - s.Short
	return append(s.Lines[:s.Short:s.Short], Line{Kind: LineNote,
		Text: fmt.Sprintf("… and %d more (the Markdown and JSON reports list them all)", more)})
}

// Title is the report's title line.
func (rep *Report) Title() string { return rep.Guide + " - your result" }

// Sections builds the report as its parts, in order. Every text writer —
// plain and styled text, Markdown, the handout, the full screen — renders
// these, so a part is added in one place.
func (rep *Report) Sections() []Section {
	return []Section{
		{Kind: SectionVerdict, Lines: []Line{{Kind: LineVerdict, Text: rep.Label}, {Kind: LineNote, Text: rep.StrengthText + "."}}},
		{Kind: SectionSummary, Lines: rep.summaryLines()},
		{Kind: SectionPoints, Title: "Points", Lines: rep.scoreLines()},
		{Kind: SectionWhy, Title: "Why", Lines: rep.whyLines()},
		{Kind: SectionChange, Title: "What would change it", Lines: rep.changeLines(), Short: 3},
		{Kind: SectionAnswers, Title: "Your answers", Lines: rep.answerLines()},
		{Kind: SectionChecklist, Title: "Checklist", Lines: rep.checklistLines()},
		{Kind: SectionFooter, Lines: rep.footerLines()},
	}
}

func (rep *Report) summaryLines() []Line {
	lines := []Line{{Kind: LineText, Text: rep.Summary}}
	for _, w := range rep.Wishes {
		switch {
		case rep.Conflict:
			lines = append(lines, Line{Kind: LineItem, Head: fmt.Sprintf("“%s” rules out %s", w.OptionLabel, rep.InSentence(w.Outcome)), Text: w.Text})
		case w.Decided:
			lines = append(lines, Line{Kind: LineText, Text: fmt.Sprintf("Your wish decided it: “%s” (%s) rules out %s, whatever the points say. %s",
				w.OptionLabel, w.Title, rep.InSentence(w.Outcome), w.Text)})
		}
	}
	if len(rep.Deciders) > 0 {
		lines = append(lines, Line{Kind: LineText, Text: "For this piece it comes down to what matters more:"})
		for _, d := range rep.Deciders {
			way := fmt.Sprintf("if “%s” (%s) matters more, choose %s", d.OptionLabel, d.Title, rep.InSentence(d.Outcome))
			if d.Reason == "" {
				lines = append(lines, Line{Kind: LineItem, Text: way})
				continue
			}
			// The answer's reason is what that way means for this piece.
			lines = append(lines, Line{Kind: LineItem, Head: way, Text: d.Reason})
		}
	}
	for _, c := range rep.Cautions {
		lines = append(lines, Line{Kind: LineText, Text: fmt.Sprintf("A caution, as you chose “%s”: %s", c.OptionLabel, c.Text)})
	}
	return lines
}

// scoreLines leaves out the close-call outcome when nothing gave it
// points: it is the verdict for a close race, not a runner with none.
func (rep *Report) scoreLines() []Line {
	var lines []Line
	for _, s := range rep.Scores {
		if s.Outcome == rep.CloseCall && s.Points == 0 {
			continue
		}
		lines = append(lines, Line{Kind: LineScore, Head: s.Label, Points: s.Points, Outcome: s.Outcome})
	}
	return lines
}

func (rep *Report) whyLines() []Line {
	var lines []Line
	for _, r := range rep.ReasonLines() {
		lines = append(lines, Line{Kind: LineItem, Head: r.Head, Text: r.Text, Points: r.Points})
	}
	if len(lines) == 0 {
		lines = append(lines, Line{Kind: LineNote, Text: "No answer moved any points yet."})
	}
	return lines
}

func (rep *Report) changeLines() []Line {
	var lines []Line
	for _, t := range rep.Tipping {
		lines = append(lines, Line{Kind: LineItem, Text: t.TipLine()})
	}
	if len(lines) == 0 {
		lines = append(lines, Line{Kind: LineNote, Text: "No single changed answer would change the recommendation."})
	}
	return lines
}

func (rep *Report) answerLines() []Line {
	var lines []Line
	for _, a := range rep.Answers {
		lines = append(lines, Line{Kind: LineAnswer, Head: a.Title, Text: a.Chosen()})
	}
	for _, a := range rep.Unanswered {
		lines = append(lines, Line{Kind: LineUnanswered, Head: a.Title})
	}
	return lines
}

func (rep *Report) checklistLines() []Line {
	var lines []Line
	for _, cg := range rep.Checklist {
		lines = append(lines, Line{Kind: LineGroup, Text: cg.Group})
		for _, it := range cg.Items {
			lines = append(lines, Line{Kind: LineCheck, Text: it})
		}
	}
	return lines
}

func (rep *Report) footerLines() []Line {
	var lines []Line
	if rep.Code != "" {
		lines = append(lines, Line{Kind: LineNote, Text: "Resume code: " + rep.Code})
	}
	if rep.Shop.Contact != "" {
		lines = append(lines, Line{Kind: LineNote, Text: rep.Shop.Contact})
	}
	return lines
}
