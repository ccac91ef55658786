package quiz

import "fmt"

// Report is a result dressed for people: labels looked up, text made inert,
// ready for any output format. All formats render from one Report, so they
// cannot disagree about the facts.
type Report struct {
	Guide     string
	GuideHash string
	Shop      Shop

	Verdict string
	Label   string
	// Summary explains the verdict; for a close call it says why both
	// routes make sense.
	Summary    string
	Close      bool
	Strength   string
	Confidence float64
	Leader     string
	RunnerUp   string
	Lead       int

	Scores     []ReportScore
	Answers    []ReportAnswer
	Unanswered []ReportAnswer
	Reasons    []ReportReason
	Tipping    []ReportTip
	Checklist  []ChecklistGroup
	// Code is the resume code for these answers, when the caller has one.
	Code string
}

// ReportScore is one outcome's points.
type ReportScore struct {
	Outcome string
	Label   string
	Points  int
}

// ReportAnswer is one question and what was chosen. Options is empty for
// an unanswered question and for a multi-select one answered with none.
type ReportAnswer struct {
	Question string
	Title    string
	Options  []string
	Labels   []string
	// chosen is the answer in words, from Question.ChosenLabels.
	chosen string
}

// ReportReason is one contribution with its outcome's label.
type ReportReason struct {
	Contribution
	OutcomeLabel string
}

// ReportTip is one tipping point in words.
type ReportTip struct {
	Tip
	Title        string
	OptionLabel  string
	VerdictLabel string
}

// NewReport builds the report for a result of this guide.
func NewReport(g *Guide, r *Result) *Report {
	label := func(id string) string {
		o, _ := g.Outcome(id)
		return Inert(o.Label)
	}
	out, _ := g.Outcome(r.Verdict)
	rep := &Report{
		Guide:      Inert(g.Name),
		GuideHash:  g.Hash,
		Shop:       Shop{Name: Inert(g.Shop.Name), Tagline: Inert(g.Shop.Tagline), Accent: g.Shop.Accent, Contact: Inert(g.Shop.Contact)},
		Verdict:    r.Verdict,
		Label:      label(r.Verdict),
		Summary:    Inert(out.Summary),
		Close:      r.Close,
		Confidence: r.Confidence,
		Leader:     r.Leader,
		RunnerUp:   r.RunnerUp,
		Lead:       r.Lead,
		Strength:   strength(r),
	}
	if r.Close && out.Close != "" {
		rep.Summary = Inert(out.Close)
	}
	for _, s := range r.Scores {
		rep.Scores = append(rep.Scores, ReportScore{Outcome: s.Outcome, Label: label(s.Outcome), Points: s.Points})
	}
	for _, qu := range g.Questions {
		ra := ReportAnswer{Question: qu.ID, Title: Inert(qu.Title)}
		for _, oid := range r.Answers[qu.ID] {
			op := qu.Options[qu.OptionIndex(oid)]
			ra.Options = append(ra.Options, op.ID)
			ra.Labels = append(ra.Labels, Inert(op.Label))
		}
		ra.chosen = qu.ChosenLabels(ra.Options)
		if _, answered := r.Answers[qu.ID]; !answered {
			rep.Unanswered = append(rep.Unanswered, ra)
		} else {
			rep.Answers = append(rep.Answers, ra)
		}
	}
	for _, c := range r.Contributions {
		c.Reason = Inert(c.Reason)
		rep.Reasons = append(rep.Reasons, ReportReason{Contribution: c, OutcomeLabel: label(c.Outcome)})
	}
	for _, t := range r.Tipping {
		qu, _ := g.Question(t.Question)
		op := qu.Options[qu.OptionIndex(t.Option)]
		rep.Tipping = append(rep.Tipping, ReportTip{Tip: t, Title: Inert(qu.Title), OptionLabel: Inert(op.Label), VerdictLabel: label(t.Verdict)})
	}
	for _, cg := range r.Checklist {
		c := ChecklistGroup{Group: Inert(cg.Group), Outcomes: cg.Outcomes}
		for _, it := range cg.Items {
			c.Items = append(c.Items, Inert(it))
		}
		rep.Checklist = append(rep.Checklist, c)
	}
	return rep
}

// strength names how firm a verdict is, from the confidence figure.
func strength(r *Result) string {
	switch {
	case r.Close:
		return "close call"
	case r.RunnerUp == "":
		return "clear"
	case r.Confidence >= 0.5:
		return "strong"
	case r.Confidence >= 0.25:
		return "clear"
	default:
		return "slight"
	}
}

// Headline is the one-line verdict: "Handcrafted (strong, 72%)".
func (rep *Report) Headline() string {
	if rep.Close {
		return fmt.Sprintf("%s (a close call: %s)", rep.Label, rep.CloseReason())
	}
	return fmt.Sprintf("%s (%s, %.0f%% confidence)", rep.Label, rep.Strength, rep.Confidence*100)
}

// CloseReason says why a verdict is a close call: the leader's lead, a
// tie, or no points at all.
func (rep *Report) CloseReason() string {
	scored := false
	for _, s := range rep.Scores {
		scored = scored || s.Points != 0
	}
	switch {
	case !scored:
		return "no answer has given any points yet"
	case rep.Lead == 0:
		return fmt.Sprintf("a tie between %s and %s", rep.OutcomeLabel(rep.Leader), rep.OutcomeLabel(rep.RunnerUp))
	case rep.Lead == 1:
		return fmt.Sprintf("%s leads by 1 point", rep.OutcomeLabel(rep.Leader))
	default:
		return fmt.Sprintf("%s leads by %d points", rep.OutcomeLabel(rep.Leader), rep.Lead)
	}
}

// OutcomeLabel returns an outcome's label as the report shows it.
func (rep *Report) OutcomeLabel(id string) string {
	for _, s := range rep.Scores {
		if s.Outcome == id {
			return s.Label
		}
	}
	return id
}

// ReasonLine is one reason as shown to people: a sentence with every
// outcome it gave points to, e.g. "+1 Handcrafted, +1 Mass-produced".
type ReasonLine struct {
	Head   string
	Text   string
	Points int
}

// ReasonLines groups the contributions by answer or rule, so a sentence
// that gave points to two outcomes is shown once, heaviest first.
func (rep *Report) ReasonLines() []ReasonLine {
	var out []ReasonLine
	at := map[string]int{}
	for _, r := range rep.Reasons {
		head := fmt.Sprintf("%+d %s", r.Points, r.OutcomeLabel)
		key := r.Source + "\x00" + r.ID
		if i, seen := at[key]; seen {
			out[i].Head += ", " + head
			continue
		}
		at[key] = len(out)
		out = append(out, ReasonLine{Head: head, Text: r.Reason, Points: r.Points})
	}
	return out
}

// Chosen is the answer in words, as Question.ChosenLabels has it.
func (a ReportAnswer) Chosen() string { return a.chosen }

// TipLine says one tipping point in words.
func (t ReportTip) TipLine() string {
	if t.Remove {
		return fmt.Sprintf("%s: without “%s”, it would be %s", t.Title, t.OptionLabel, t.VerdictLabel)
	}
	return fmt.Sprintf("%s: “%s” instead would make it %s", t.Title, t.OptionLabel, t.VerdictLabel)
}

// TopTips returns the tipping points most worth showing: changes to answers
// already given come before answering a question that was skipped.
func (rep *Report) TopTips(n int) []ReportTip {
	answered := map[string]bool{}
	for _, a := range rep.Answers {
		answered[a.Question] = true
	}
	var first, rest []ReportTip
	for _, t := range rep.Tipping {
		if answered[t.Question] {
			first = append(first, t)
		} else {
			rest = append(rest, t)
		}
	}
	all := append(first, rest...)
	if len(all) > n {
		all = all[:n]
	}
	return all
}
