package shop

import (
	"sort"
	"strings"

	"github.com/jewelguide/jewelguide/quiz"
)

// Tally adds up the records of one group: one guide, and with a breakdown
// one store or counter. Sources other than log files (a database grouping
// its rows) fill it through its Add methods.
type Tally struct {
	guide, hash, by string
	// g gives the tables their rows, labels and order; nil shows ids.
	g *quiz.Guide
	// sink tallies count records only: their group has no table.
	sink         bool
	total, close int
	outcomes     *idSet
	// days holds a row per date: a count per outcome slot, then the
	// others. Dates up to earlierThrough are added up in earlier.
	days           map[string][]int
	lastDate       string
	lastRow        []int
	earlier        []int
	earlierThrough string
	questions      *idSet
	qs             []*questionTally
	otherAnswers   int
	reasons        tally
}

type questionTally struct {
	answered int
	options  tally
}

func newTally(guide, hash, by string, g *quiz.Guide) *Tally {
	t := &Tally{guide: guide, hash: hash, by: by, g: g, days: map[string][]int{}}
	if g == nil {
		t.outcomes = newBoundedSet(maxFreeOutcomes)
		t.questions = newBoundedSet(maxFreeQuestions)
		t.reasons.set = newBoundedSet(maxFreeReasons)
		return t
	}
	var outs, qs, reasons []string
	for _, o := range g.Outcomes {
		outs = append(outs, o.ID)
	}
	for _, q := range g.Questions {
		qs = append(qs, q.ID)
		for _, o := range q.Options {
			reasons = append(reasons, q.ID+"="+o.ID)
		}
	}
	for _, r := range g.Rules {
		reasons = append(reasons, r.ID)
	}
	t.outcomes = newFixedSet(outs)
	t.questions = newFixedSet(qs)
	t.reasons.set = newFixedSet(reasons)
	return t
}

func (t *Tally) newQuestion(id string) *questionTally {
	if t.g != nil {
		for _, q := range t.g.Questions {
			if q.ID == id {
				var opts []string
				for _, o := range q.Options {
					opts = append(opts, o.ID)
				}
				return &questionTally{options: tally{set: newFixedSet(opts)}}
			}
		}
	}
	return &questionTally{options: tally{set: newBoundedSet(maxFreeOptions)}}
}

func (t *Tally) addRecord(v *recView) {
	t.addVerdict(v.date, v.verdict, 1)
	if t.sink {
		return
	}
	if v.close {
		t.close++
	}
	for _, a := range v.answers {
		qt := t.answered(a.question, 1)
		if qt == nil {
			continue
		}
	options:
		for i, o := range a.options {
			for _, seen := range a.options[:i] {
				if string(seen) == string(o) {
					continue options
				}
			}
			qt.options.add(o, 1)
		}
	}
	for i, r := range v.reasons {
		dup := false
		for _, seen := range v.reasons[:i] {
			dup = dup || string(seen) == string(r)
		}
		if !dup {
			t.reasons.add(r, 1)
		}
	}
}

// AddConsultations counts n consultations on date (2026-11-27) with the
// given verdict, closeCalls of them close calls.
func (t *Tally) AddConsultations(date, verdict string, closeCalls, n int) {
	t.addVerdict([]byte(date), []byte(verdict), n)
	if !t.sink {
		t.close += closeCalls
	}
}

// AddAnswered counts n consultations that answered question, "none of
// these" included. Count them before their options.
func (t *Tally) AddAnswered(question string, n int) {
	if !t.sink {
		t.answered([]byte(question), n)
	}
}

// AddChosen counts n consultations that chose option for question.
func (t *Tally) AddChosen(question, option string, n int) {
	if t.sink {
		return
	}
	if i, ok := t.questions.slot[question]; ok && i < len(t.qs) && t.qs[i] != nil {
		t.qs[i].options.add([]byte(option), n)
	}
}

// AddReason counts n verdicts among whose deciding reasons id was.
func (t *Tally) AddReason(id string, n int) {
	if !t.sink {
		t.reasons.add([]byte(id), n)
	}
}

func (t *Tally) addVerdict(date, verdict []byte, n int) {
	t.total += n
	if t.sink {
		return
	}
	i, evicted := t.outcomes.find(verdict)
	other := t.outcomes.limit
	if evicted {
		t.eachRow(func(r []int) { r[other] += r[i]; r[i] = 0 })
	}
	if i < 0 {
		i = other
	}
	t.row(date)[i] += n
}

func (t *Tally) eachRow(fn func([]int)) {
	for _, r := range t.days {
		fn(r)
	}
	if t.earlier != nil {
		fn(t.earlier)
	}
}

// row returns date's row, made when new.
func (t *Tally) row(date []byte) []int {
	if t.earlierThrough != "" && string(date) <= t.earlierThrough {
		if t.earlier == nil {
			t.earlier = make([]int, t.outcomes.limit+1)
		}
		return t.earlier
	}
	// Records come mostly in order: the last day is the likely one.
	if t.lastRow != nil && t.lastDate == string(date) {
		return t.lastRow
	}
	r, ok := t.days[string(date)]
	if !ok {
		r = make([]int, t.outcomes.limit+1)
		t.days[string(date)] = r
	}
	t.lastDate, t.lastRow = string(date), r
	if ok {
		return r
	}
	if len(t.days) > 2*maxDays {
		// Folding in batches keeps adding a day cheap.
		t.foldDays(maxDays)
		return t.row(date)
	}
	return r
}

// foldDays adds up all but the newest keep days into the earlier row.
func (t *Tally) foldDays(keep int) {
	if len(t.days) <= keep {
		return
	}
	dates := make([]string, 0, len(t.days))
	for d := range t.days {
		dates = append(dates, d)
	}
	sort.Strings(dates)
	t.foldThrough(dates[len(dates)-keep-1])
}

// foldThrough adds up every day up to and including through.
func (t *Tally) foldThrough(through string) {
	if through > t.earlierThrough {
		t.earlierThrough = through
	}
	if t.earlier == nil {
		t.earlier = make([]int, t.outcomes.limit+1)
	}
	t.lastRow = nil
	for d, r := range t.days {
		if d <= t.earlierThrough {
			for i, n := range r {
				t.earlier[i] += n
			}
			delete(t.days, d)
		}
	}
}

// answered counts n answers to question and returns its table, or nil
// when it has none.
func (t *Tally) answered(question []byte, n int) *questionTally {
	i, evicted := t.questions.find(question)
	if i < 0 {
		t.otherAnswers += n
		return nil
	}
	for i >= len(t.qs) {
		t.qs = append(t.qs, nil)
	}
	if evicted {
		t.otherAnswers += t.qs[i].answered
		t.qs[i] = nil
	}
	if t.qs[i] == nil {
		t.qs[i] = t.newQuestion(t.questions.ids[i])
	}
	t.qs[i].answered += n
	return t.qs[i]
}

// table returns question slot i's table, or nil when nothing was counted
// for it. qs grows only as questions are answered, while a guide's set
// names every question from the start, so i may be past its end.
func (t *Tally) table(i int) *questionTally {
	if i < len(t.qs) {
		return t.qs[i]
	}
	return nil
}

// merge adds another tally of the same group.
func (t *Tally) merge(u *Tally) {
	if t.sink || u.sink {
		t.total += u.total
		return
	}
	if u.earlier != nil {
		t.foldThrough(u.earlierThrough)
		for i, id := range u.outcomes.ids {
			if u.earlier[i] > 0 {
				t.addVerdict([]byte(u.earlierThrough), []byte(id), u.earlier[i])
			}
		}
		t.addOtherVerdicts([]byte(u.earlierThrough), u.earlier[u.outcomes.limit])
	}
	for d, r := range u.days {
		for i, id := range u.outcomes.ids {
			if r[i] > 0 {
				t.addVerdict([]byte(d), []byte(id), r[i])
			}
		}
		t.addOtherVerdicts([]byte(d), r[u.outcomes.limit])
	}
	t.close += u.close
	for i, id := range u.questions.ids {
		uq := u.table(i)
		if uq == nil {
			continue
		}
		if qt := t.answered([]byte(id), uq.answered); qt != nil {
			qt.options.merge(&uq.options)
		}
	}
	t.otherAnswers += u.otherAnswers
	t.reasons.merge(&u.reasons)
}

// addOtherVerdicts counts n consultations whose verdict has no column.
func (t *Tally) addOtherVerdicts(date []byte, n int) {
	if n > 0 {
		t.total += n
		t.row(date)[t.outcomes.limit] += n
	}
}

func (t *Tally) finish() Group {
	t.foldDays(maxDays)
	g := Group{Guide: t.guide, Hash: t.hash, By: t.by, Labelled: t.g != nil, Total: t.total, Close: t.close, OtherAnswers: t.otherAnswers}
	other := t.outcomes.limit
	// Columns: the guide's outcomes in its order, or those seen, most
	// frequent first; then the others.
	type column struct {
		c    Count
		slot int
	}
	var cols []column
	sum := func(i int) int {
		n := 0
		t.eachRow(func(r []int) { n += r[i] })
		return n
	}
	for i, id := range t.outcomes.ids {
		if n := sum(i); n > 0 || t.g != nil {
			cols = append(cols, column{Count{ID: id, Label: t.outcomeLabel(id), Count: n}, i})
		}
	}
	if t.g == nil {
		sort.SliceStable(cols, func(a, b int) bool { return lessCount(cols[a].c, cols[b].c) })
	}
	if n := sum(other); n > 0 {
		cols = append(cols, column{Count{Other: true, Label: otherLabel, Count: n}, other})
	}
	for _, c := range cols {
		g.Outcomes = append(g.Outcomes, c.c)
	}
	day := func(date string, before bool, r []int) Day {
		d := Day{Date: date, Before: before, Counts: make([]int, len(cols))}
		for i, c := range cols {
			d.Counts[i] = r[c.slot]
			d.Total += r[c.slot]
		}
		return d
	}
	dates := make([]string, 0, len(t.days))
	for d := range t.days {
		dates = append(dates, d)
	}
	sort.Strings(dates)
	if t.earlier != nil && len(dates) > 0 {
		g.Days = append(g.Days, day(dates[0], true, t.earlier))
	}
	for _, d := range dates {
		g.Days = append(g.Days, day(d, false, t.days[d]))
	}
	for i, id := range t.questions.ids {
		qt := t.table(i)
		if qt == nil {
			if t.g == nil {
				continue
			}
			qt = t.newQuestion(id)
		}
		g.Questions = append(g.Questions, QuestionStats{
			ID: id, Label: t.questionLabel(id), Answered: qt.answered,
			Options: qt.options.list(t.g != nil, func(o string) string { return t.optionLabel(id, o) }),
		})
	}
	if t.g == nil {
		sort.Slice(g.Questions, func(a, b int) bool { return g.Questions[a].ID < g.Questions[b].ID })
	}
	g.Reasons = t.reasons.list(false, t.reasonLabel)
	return g
}

func lessCount(a, b Count) bool {
	if a.Count != b.Count {
		return a.Count > b.Count
	}
	return a.ID < b.ID
}

func (t *Tally) outcomeLabel(id string) string {
	if t.g != nil {
		if o, ok := t.g.Outcome(id); ok {
			return o.Label
		}
	}
	return ""
}

func (t *Tally) question(id string) *quiz.Question {
	if t.g != nil {
		for i := range t.g.Questions {
			if t.g.Questions[i].ID == id {
				return &t.g.Questions[i]
			}
		}
	}
	return nil
}

func (t *Tally) questionLabel(id string) string {
	if q := t.question(id); q != nil {
		return q.Title
	}
	return ""
}

func (t *Tally) optionLabel(question, id string) string {
	if q := t.question(question); q != nil {
		for _, o := range q.Options {
			if o.ID == id {
				return o.Label
			}
		}
	}
	return ""
}

// reasonLabel names an answer "Question: Option"; a rule keeps its id,
// having no label of its own.
func (t *Tally) reasonLabel(id string) string {
	q, o, ok := strings.Cut(id, "=")
	if !ok {
		return ""
	}
	if ol := t.optionLabel(q, o); ol != "" {
		return t.questionLabel(q) + ": " + ol
	}
	return ""
}
