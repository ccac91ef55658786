// Package quiz holds the buying-guide domain: the guide and its validation,
// the scoring engine and the report. It knows nothing about terminals, so
// every mode (full-screen, plain prompts, flags) shares one set of rules.
package quiz

import (
	"slices"
	"strings"
)

// SchemaVersion is the guide schema this build understands. A guide names
// its own version so an old binary refuses a newer file instead of
// misreading it.
const SchemaVersion = 1

// Guide is a validated buying guide, ready to score answers against.
// Build one with Load or Parse; the zero value is not usable.
type Guide struct {
	Version   int
	Name      string
	Shop      Shop
	Decision  Decision
	Outcomes  []Outcome
	Questions []Question
	Rules     []Rule
	Checklist []ChecklistGroup

	// File is the name errors and reports use for this guide.
	File string
	// Hash is a short digest of the guide's bytes, so logs and resume codes
	// can tell which guide they came from.
	Hash string

	outcomeIdx  map[string]int
	questionIdx map[string]int
	// optionBase[q] is the global index of question q's first option;
	// answers are kept as one flat slice of booleans over all options.
	optionBase []int
	nOptions   int
	// rulesByQuestion lists, per question, the rules whose condition looks at
	// it, so a change of one answer re-evaluates only those rules.
	rulesByQuestion [][]int
	// rulesByOption lists, per option (global index), the rules whose
	// condition looks at it, each once: only those can change when that
	// option is picked or dropped.
	rulesByOption [][]int
	// codeFP is codeFingerprint, worked out once at load: every resume
	// code made or read checks against it, and on a large guide it takes
	// longer than the rest of the code.
	codeFP []byte
	// terms counts the terms of all rules' conditions: the cost of
	// checking every rule once.
	terms int
}

// Shop is the branding a shop puts on its own guide.
type Shop struct {
	Name    string
	Tagline string
	// Accent is a colour as "#rrggbb" or an ANSI number, used for headings.
	Accent  string
	Contact string
}

// Decision holds the settings that turn points into a verdict.
type Decision struct {
	// CloseCall is the outcome given when the race is too close to call.
	CloseCall string
	// Margin is the largest lead, in points, that still counts as close.
	Margin int
}

// Outcome is one possible recommendation.
type Outcome struct {
	ID    string
	Label string
	// MidSentence is the label as it reads inside a sentence ("would make
	// it a mix of both"); empty means the label reads well there as it is.
	MidSentence string
	Summary     string
	// Close is shown instead of Summary when this outcome is the verdict of
	// a close call, to say why both sides make sense.
	Close string
	Line  int
}

// InSentence is the outcome's name as it reads mid-sentence: MidSentence
// when the guide gives one, else the label.
func (o Outcome) InSentence() string {
	if o.MidSentence != "" {
		return o.MidSentence
	}
	return o.Label
}

// Question is one decision the shopper makes.
type Question struct {
	ID     string
	Title  string
	Prompt string
	Why    string
	// Max is how many options may be chosen; 1 means single-select.
	Max     int
	Options []Option
	Line    int
}

// Multi reports whether more than one option may be chosen.
func (q Question) Multi() bool { return q.Max > 1 }

// Option is one answer to a question.
type Option struct {
	ID     string
	Label  string
	Detail string
	Points []Points
	Reason string
	// RulesOut lists the outcomes this answer rules out whatever the
	// points say: a hard wish, such as a piece designed with the maker.
	RulesOut []Wish
	// Caution lists, per outcome, what to watch for when this answer meets
	// that verdict: an exact match asked of a maker, say.
	Caution []Wish
	Line    int
}

// Wish is one outcome an answer names, with a text. In RulesOut the
// outcome is ruled out and the text, shown when the wish decides the
// verdict, says what would make the wish work; in Caution the text is
// shown when the outcome is the verdict.
type Wish struct {
	Outcome string
	Text    string
}

// Points is a number of points given to one outcome.
type Points struct {
	Outcome string
	Points  int

	// outcome is Outcome's index in the guide, resolved at load so that
	// scoring adds points without looking ids up.
	outcome int
}

// Rule adds points when a combination of answers holds.
type Rule struct {
	ID     string
	When   Cond
	Points []Points
	Reason string
	Line   int

	// terms counts the condition's terms: the work of evaluating it.
	terms int
}

// Cond is a condition on the answers. Exactly one of its parts is set:
// a leaf (Question and Option) or All, Any or Not.
type Cond struct {
	Question string
	Option   string
	All      []Cond
	Any      []Cond
	Not      *Cond

	// opt is the leaf's global option index once the guide is compiled.
	opt int
}

// ChecklistGroup is a titled list of things to check before buying.
// Outcomes limits it to those verdicts; empty means every verdict.
type ChecklistGroup struct {
	Group    string
	Outcomes []string
	Items    []string
}

// Outcome returns the outcome with the given id.
func (g *Guide) Outcome(id string) (Outcome, bool) {
	i, ok := g.outcomeIdx[id]
	if !ok {
		return Outcome{}, false
	}
	return g.Outcomes[i], true
}

// Question returns the question with the given id.
func (g *Guide) Question(id string) (Question, bool) {
	i, ok := g.questionIdx[id]
	if !ok {
		return Question{}, false
	}
	return g.Questions[i], true
}

// QuestionIndex returns the position of a question in the guide, or -1.
func (g *Guide) QuestionIndex(id string) int {
	i, ok := g.questionIdx[id]
	if !ok {
		return -1
	}
	return i
}

// OptionIndex returns the position of an option within its question, or -1.
func (q Question) OptionIndex(id string) int {
	for i, o := range q.Options {
		if o.ID == id {
			return i
		}
	}
	return -1
}

// NoneOfThese is how an answer with no option reads: a multi-select
// question confirmed with nothing ticked.
const NoneOfThese = "none of these"

// UnansweredLabel stands in for the answer of a question never answered,
// wherever answers are listed as text.
const UnansweredLabel = "(unanswered)"

// ChosenLabels words an answer for people: the labels of the options ids
// names, in the order given and made inert, joined by commas, or
// NoneOfThese for an empty list. Ids the question does not have are left
// out. The review, the plain prompts and every report word answers with
// this one function, so they cannot drift apart.
func (q Question) ChosenLabels(ids []string) string {
	if len(ids) == 0 {
		return NoneOfThese
	}
	labels := make([]string, 0, len(ids))
	for _, id := range ids {
		if i := q.OptionIndex(id); i >= 0 {
			labels = append(labels, Inert(q.Options[i].Label))
		}
	}
	return strings.Join(labels, ", ")
}

// OptionIDs lists a question's option ids in guide order, for messages that
// tell the user what they could have typed.
func (q Question) OptionIDs() []string {
	ids := make([]string, len(q.Options))
	for i, o := range q.Options {
		ids[i] = o.ID
	}
	return ids
}

// QuestionIDs lists the guide's question ids in order.
func (g *Guide) QuestionIDs() []string {
	ids := make([]string, len(g.Questions))
	for i, q := range g.Questions {
		ids[i] = q.ID
	}
	return ids
}

// ChecklistFor returns the checklist groups that apply to an outcome.
func (g *Guide) ChecklistFor(outcome string) []ChecklistGroup {
	var out []ChecklistGroup
	for _, c := range g.Checklist {
		if len(c.Outcomes) == 0 || slices.Contains(c.Outcomes, outcome) {
			out = append(out, c)
		}
	}
	return out
}
