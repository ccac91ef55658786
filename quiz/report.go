package quiz

import (
	"fmt"
	"strings"
)

// Report is a result dressed for people: labels looked up, text made inert,
// ready for any output format. Every format renders from one Report, and
// the text formats from its Sections, so they cannot disagree.
type Report struct {
	Guide     string
	GuideHash string
	Shop      Shop

	Verdict string
	Label   string
	// CloseCall is the guide's close-call outcome: the verdict for a close
	// race, not a contestant of its own.
	CloseCall string
	// Summary explains the verdict; for a close call it says why both
	// routes make sense.
	Summary string
	Close   bool
	// Conflict is set when the answers rule out every outcome but the
	// close-call one.
	Conflict bool
	// Strength is one of "close-call", "conflict", "leaning", "clear" or
	// "strong"; StrengthText says it in words, with the figures.
	Strength     string
	StrengthText string
	Confidence   float64
	Leader       string
	RunnerUp     string
	Lead         int
	// Margin is the guide's close-call margin as it applied to this
	// verdict (0 when the close-call outcome itself leads).
	Margin int
	// Open is the most points the unanswered questions could still move
	// against the leader; OpenCouldChange whether they could change the
	// verdict.
	Open            int
	OpenCouldChange bool

	Scores     []ReportScore
	Answers    []ReportAnswer
	Unanswered []ReportAnswer
	Reasons    []ReportReason
	Tipping    []ReportTip
	// Wishes are the outcomes the answers rule out; Cautions what the
	// answers ask to watch for under this verdict; Deciders, for a close
	// call, the answers pulling hardest each way.
	Wishes    []ReportWish
	Cautions  []ReportCaution
	Deciders  []ReportDecider
	Checklist []ChecklistGroup
	// Code is the resume code for these answers, when the caller has one.
	Code string

	mid map[string]string
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
	// Current is the question's answer today in words, "" when it is
	// unanswered; Multi marks a multi-select question.
	Current string
	Multi   bool
	// Why says what the change moves, e.g. "takes 3 points from
	// handcrafted, gives 4 to mass-produced".
	Why string
	// inSentence is the new verdict as it reads mid-sentence.
	inSentence string
}

// ReportWish is one hard wish in words.
type ReportWish struct {
	RuledOut
	Title        string
	OptionLabel  string
	OutcomeLabel string
}

// ReportCaution is one caution in words.
type ReportCaution struct {
	Caution
	Title       string
	OptionLabel string
}

// ReportDecider is, in a close call, the answer pulling hardest toward one
// outcome.
type ReportDecider struct {
	Question, Option string
	Title            string
	OptionLabel      string
	Outcome          string
	// Net is the points the answer gives Outcome over the other side.
	Net int
	// Reason is the answer's own reason, so each way of the close call
	// says what choosing it would mean for this piece.
	Reason string
}

// NewReport builds the report for a result of this guide.
func NewReport(g *Guide, r *Result) *Report {
	label := func(id string) string {
		o, _ := g.Outcome(id)
		return Inert(o.Label)
	}
	out, _ := g.Outcome(r.Verdict)
	rep := &Report{
		Guide:           Inert(g.Name),
		GuideHash:       g.Hash,
		Shop:            Shop{Name: Inert(g.Shop.Name), Tagline: Inert(g.Shop.Tagline), Accent: g.Shop.Accent, Contact: Inert(g.Shop.Contact)},
		Verdict:         r.Verdict,
		Label:           label(r.Verdict),
		CloseCall:       g.Decision.CloseCall,
		Summary:         Inert(out.Summary),
		Close:           r.Close,
		Conflict:        r.Conflict,
		Confidence:      r.Confidence,
		Leader:          r.Leader,
		RunnerUp:        r.RunnerUp,
		Lead:            r.Lead,
		Open:            r.Open,
		OpenCouldChange: r.OpenCouldChange,
		mid:             map[string]string{},
	}
	for _, o := range g.Outcomes {
		rep.mid[o.ID] = Inert(o.InSentence())
	}
	if r.Leader != g.Decision.CloseCall {
		rep.Margin = g.Decision.Margin
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
	optLabel := func(qid, oid string) (string, string) {
		qu, _ := g.Question(qid)
		return Inert(qu.Title), Inert(qu.Options[qu.OptionIndex(oid)].Label)
	}
	for _, t := range r.Tipping {
		qu, _ := g.Question(t.Question)
		title, opt := optLabel(t.Question, t.Option)
		rt := ReportTip{Tip: t, Title: title, OptionLabel: opt, VerdictLabel: label(t.Verdict),
			Multi: qu.Multi(), inSentence: rep.mid[t.Verdict]}
		if ids, ok := r.Answers[t.Question]; ok && !qu.Multi() {
			rt.Current = qu.ChosenLabels(ids)
		}
		rt.Why = rep.tipWhy(t)
		rep.Tipping = append(rep.Tipping, rt)
	}
	for _, w := range r.Wishes {
		title, opt := optLabel(w.Question, w.Option)
		w.Text = Inert(w.Text)
		rep.Wishes = append(rep.Wishes, ReportWish{RuledOut: w, Title: title, OptionLabel: opt, OutcomeLabel: label(w.Outcome)})
	}
	for _, c := range r.Cautions {
		title, opt := optLabel(c.Question, c.Option)
		c.Text = Inert(c.Text)
		rep.Cautions = append(rep.Cautions, ReportCaution{Caution: c, Title: title, OptionLabel: opt})
	}
	if r.Close {
		rep.Deciders = deciders(g, r)
	}
	for _, cg := range r.Checklist {
		c := ChecklistGroup{Group: Inert(cg.Group), Outcomes: cg.Outcomes}
		for _, it := range cg.Items {
			c.Items = append(c.Items, Inert(it))
		}
		rep.Checklist = append(rep.Checklist, c)
	}
	rep.Strength, rep.StrengthText = rep.strength(r)
	return rep
}

// deciders finds, for a close call, the chosen answer that pulls hardest
// toward the leader and the one that pulls hardest toward the runner-up,
// counting what each gives one side over the other.
func deciders(g *Guide, r *Result) []ReportDecider {
	var out []ReportDecider
	for _, side := range []struct{ for_, against string }{{r.Leader, r.RunnerUp}, {r.RunnerUp, r.Leader}} {
		if side.for_ == "" || side.against == "" {
			continue
		}
		var best ReportDecider
		for _, qu := range g.Questions {
			for _, oid := range r.Answers[qu.ID] {
				op := qu.Options[qu.OptionIndex(oid)]
				net := pointsFor(op.Points, side.for_) - pointsFor(op.Points, side.against)
				if net > best.Net {
					best = ReportDecider{Question: qu.ID, Option: op.ID, Title: Inert(qu.Title),
						OptionLabel: Inert(op.Label), Outcome: side.for_, Net: net, Reason: Inert(op.Reason)}
				}
			}
		}
		if best.Net > 0 {
			out = append(out, best)
		}
	}
	return out
}

// optionLabel is an option's label as the report's tips show it.
func (rep *Report) optionLabel(question, option string) string {
	for _, t := range rep.Tipping {
		if t.Question == question && t.Option == option {
			return t.OptionLabel
		}
	}
	return option
}

// InSentence is an outcome's name as it reads mid-sentence.
func (rep *Report) InSentence(id string) string {
	if s, ok := rep.mid[id]; ok {
		return s
	}
	return rep.OutcomeLabel(id)
}

// Headline is the one-line verdict with its strength in a word or two:
// "Handcrafted (clear lead)".
func (rep *Report) Headline() string {
	return fmt.Sprintf("%s (%s)", rep.Label, strengthWords[rep.Strength])
}

var strengthWords = map[string]string{
	"close-call": "a close call", "conflict": "conflicting wishes",
	"leaning": "leaning", "clear": "clear lead", "strong": "strong lead",
}

// CloseReason says why a verdict is a close call: the leader's lead, a
// tie, or no points at all, with the points.
func (rep *Report) CloseReason() string {
	scored := false
	for _, s := range rep.Scores {
		scored = scored || s.Points != 0
	}
	top, second := rep.points(rep.Leader), rep.points(rep.RunnerUp)
	switch {
	case !scored:
		return "no answer has given any points yet"
	case rep.Lead == 0:
		return fmt.Sprintf("a tie between %s and %s at %s each", rep.InSentence(rep.Leader), rep.InSentence(rep.RunnerUp), pointsWord(top))
	default:
		return fmt.Sprintf("%s leads %s by %s (%d to %d)", rep.InSentence(rep.Leader), rep.InSentence(rep.RunnerUp), pointsWord(rep.Lead), top, second)
	}
}

func (rep *Report) points(id string) int {
	for _, s := range rep.Scores {
		if s.Outcome == id {
			return s.Points
		}
	}
	return 0
}

func pointsWord(n int) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d point", n)
	}
	return fmt.Sprintf("%d points", n)
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

// TipLine says one tipping point in words, with what it moves.
func (t ReportTip) TipLine() string {
	var change string
	switch {
	case t.Remove:
		change = fmt.Sprintf("without “%s”", t.OptionLabel)
	case t.Multi:
		change = fmt.Sprintf("adding “%s”", t.OptionLabel)
	case t.Current != "":
		change = fmt.Sprintf("“%s” instead of “%s”", t.OptionLabel, t.Current)
	default:
		change = fmt.Sprintf("answering “%s”", t.OptionLabel)
	}
	var to string
	switch {
	case t.Conflict:
		to = "would leave no outcome your wishes allow"
	case t.Close:
		to = "would make it a close call"
	default:
		to = fmt.Sprintf("would make it %s, by %s", t.inSentence, pointsWord(t.Lead))
	}
	line := fmt.Sprintf("%s: %s %s", t.Title, change, to)
	if t.Why != "" {
		line += ": " + t.Why
	}
	return line
}

// tipWhy words what a change moves: points taken and given, outcomes
// ruled out or let back in.
func (rep *Report) tipWhy(t Tip) string {
	var parts []string
	for _, c := range t.Change {
		if c.Points < 0 {
			parts = append(parts, fmt.Sprintf("takes %s from %s", pointsWord(-c.Points), rep.InSentence(c.Outcome)))
		} else {
			parts = append(parts, fmt.Sprintf("gives %s to %s", pointsWord(c.Points), rep.InSentence(c.Outcome)))
		}
	}
	for _, o := range t.RulesOut {
		parts = append(parts, "rules out "+rep.InSentence(o))
	}
	for _, o := range t.Lifts {
		parts = append(parts, "no longer rules out "+rep.InSentence(o))
	}
	return strings.Join(parts, ", ")
}

// TopTips returns the first n tipping points: the engine lists them
// clearest new verdict first.
func (rep *Report) TopTips(n int) []ReportTip {
	return rep.Tipping[:min(n, len(rep.Tipping))]
}
