package shop

import (
	"encoding/binary"
	"fmt"
	"sort"

	"github.com/jewelguide/jewelguide/quiz"
)

// Bounds on the tables, so that memory stays flat whatever a log holds
// (see tally.go). Real logs stay far below them.
const (
	// maxGroups bounds how many guides (times stores or counters, with a
	// breakdown) get tables of their own; the records of the rest are
	// counted, not tabulated.
	maxGroups = 256
	// maxDays is how many days the per-day table lists; older days are
	// added up in one row.
	maxDays = 366
	// Without a guide to say which ids exist, a table keeps this many.
	maxFreeOutcomes  = 8
	maxFreeQuestions = 64
	maxFreeOptions   = 64
	maxFreeReasons   = 200
	// maxBadListed bounds how many malformed lines are listed one by one;
	// the count covers them all.
	maxBadListed = 50
)

// Stats sums up consultation records for the shop. It is plain data: a
// Builder fills it from log files or from any other source of records
// (a database), and the text and JSON writers print it.
type Stats struct {
	Files []string
	// Since and Until are the first and last day included (2026-11-27),
	// "" for an open end. A record's day is the date in its own offset.
	Since, Until string
	// Store, when set, kept only that store's records.
	Store string
	// By is the breakdown: "" (per guide), "store" or "counter".
	By string
	// Total counts the consultations in range, all groups together.
	Total int
	// Groups has one entry per guide (and store or counter, with By),
	// most consultations first. Two guides' figures are never added up:
	// their questions and outcomes need not mean the same.
	Groups []Group
	// Untabulated counts consultations of groups past the table limit.
	Untabulated int
	// OutOfRange counts well-formed records outside the dates or store.
	OutOfRange int
	// BadCount counts malformed lines; Bad lists the first of them.
	BadCount int
	Bad      []BadLine
}

// Group is the statistics of one guide (and one store or counter, with a
// breakdown).
type Group struct {
	Guide, Hash string
	// By is the store or counter name when Stats.By is set.
	By string
	// Labelled is set when a guide gave the ids their labels and order.
	Labelled bool
	Total    int
	// Close counts close calls.
	Close int
	// Outcomes counts consultations per verdict; they are also the
	// per-day table's columns.
	Outcomes []Count
	// Days counts consultations per day, oldest first; a first row with
	// Before set adds up the days before its Date.
	Days []Day
	// Questions counts, per question, how often each option was chosen.
	Questions []QuestionStats
	// OtherAnswers counts answers to questions that have no table.
	OtherAnswers int
	// Reasons counts how often each answer or rule was among the deciding
	// reasons of a verdict, most frequent first.
	Reasons []Count
}

// Day is one day's consultations.
type Day struct {
	Date string
	// Before marks the row that adds up every day before Date.
	Before bool
	Total  int
	// Counts follows the group's Outcomes.
	Counts []int
}

// QuestionStats is how one question was answered.
type QuestionStats struct {
	ID, Label string
	// Answered counts consultations that answered the question, "none of
	// these" included.
	Answered int
	Options  []Count
}

// Count is a number of times something (an outcome, an option, a reason)
// was seen. Other marks the row counting together what has no row.
type Count struct {
	ID, Label string
	Count     int
	Other     bool
}

// Name is the label, or the id when there is none.
func (c Count) Name() string {
	if c.Label != "" {
		return c.Label
	}
	return c.ID
}

// Name is the question's label, or its id when there is none.
func (q QuestionStats) Name() string {
	if q.Label != "" {
		return q.Label
	}
	return q.ID
}

// BadLine is a log line that could not be read, with where it stood.
type BadLine struct {
	File    string
	Line    int
	Problem string
}

// String is "file:line: problem", the form editors can jump to.
func (b BadLine) String() string { return fmt.Sprintf("%s:%d: %s", b.File, b.Line, b.Problem) }

// CloseShare is the share of consultations that were close calls, 0..1.
func (g *Group) CloseShare() float64 {
	if g.Total == 0 {
		return 0
	}
	return float64(g.Close) / float64(g.Total)
}

// StatsOptions says which records count and how they are grouped.
type StatsOptions struct {
	// Since and Until are dates (2026-11-27), both included; "" leaves
	// that end open.
	Since, Until string
	// Store keeps only that store's records; "" keeps all.
	Store string
	// By breaks every table down by "store" or "counter"; "" does not.
	By string
	// GuideFor returns the guide whose ids, labels and order a group's
	// tables take, from the group's guide hash, or nil: the tables then
	// show the ids found in the records.
	GuideFor func(hash string) *quiz.Guide
}

// Builder adds up records into Stats, within fixed bounds.
type Builder struct {
	opt        StatsOptions
	files      []string
	outOfRange int
	badCount   int
	bad        []BadLine
	groups     *idSet
	tallies    []*Tally
	// sink takes the records of groups that have no table.
	sink   *Tally
	keyBuf []byte
}

// NewBuilder starts empty statistics.
func NewBuilder(opt StatsOptions) *Builder {
	return &Builder{opt: opt, groups: newBoundedSet(maxGroups), sink: &Tally{sink: true}}
}

// AddFile notes a file (or other source) read.
func (b *Builder) AddFile(name string) { b.files = append(b.files, name) }

// AddOutOfRange counts n well-formed records left out by the filters.
func (b *Builder) AddOutOfRange(n int) { b.outOfRange += n }

// AddBad counts a malformed line, listing the first few.
func (b *Builder) AddBad(bl BadLine) {
	b.badCount++
	if len(b.bad) < maxBadListed {
		b.bad = append(b.bad, bl)
	}
}

// Group returns the tally of one guide and, with a breakdown, one store or
// counter (by). Records added to a group past the table limit are only
// counted.
func (b *Builder) Group(guide, hash, by string) *Tally {
	if b.opt.By == "" {
		by = ""
	}
	return b.group([]byte(guide), []byte(hash), []byte(by))
}

func (b *Builder) group(guide, hash, by []byte) *Tally {
	// Lengths first, so that no names can run into each other whatever
	// bytes they hold.
	k := binary.AppendUvarint(b.keyBuf[:0], uint64(len(guide)))
	k = append(k, guide...)
	k = binary.AppendUvarint(k, uint64(len(hash)))
	k = append(k, hash...)
	k = append(k, by...)
	b.keyBuf = k
	i, evicted := b.groups.find(k)
	if i < 0 {
		return b.sink
	}
	if i == len(b.tallies) {
		b.tallies = append(b.tallies, nil)
	}
	if evicted {
		b.sink.total += b.tallies[i].total
		b.tallies[i] = nil
	}
	if b.tallies[i] == nil {
		var g *quiz.Guide
		if b.opt.GuideFor != nil {
			g = b.opt.GuideFor(string(hash))
		}
		b.tallies[i] = newTally(string(guide), string(hash), string(by), g)
	}
	return b.tallies[i]
}

// Add counts one record, if it passes the filters.
func (b *Builder) Add(rec *Record) {
	v := recView{
		date: []byte(rec.Time.Format("2006-01-02")), guide: []byte(rec.Guide), hash: []byte(rec.GuideHash),
		verdict: []byte(rec.Verdict), store: []byte(rec.Store), counter: []byte(rec.Counter), close: rec.Close,
	}
	for q, opts := range rec.Answers {
		a := answerView{question: []byte(q)}
		for _, o := range opts {
			a.options = append(a.options, []byte(o))
		}
		v.answers = append(v.answers, a)
	}
	for _, r := range rec.Reasons {
		v.reasons = append(v.reasons, []byte(r))
	}
	b.add(&v)
}

// recView is a record as the fast reader finds it: slices into the line,
// so counting a record allocates nothing.
type recView struct {
	date                                 []byte
	guide, hash, verdict, store, counter []byte
	close                                bool
	answers                              []answerView
	reasons                              [][]byte
}

type answerView struct {
	question []byte
	options  [][]byte
}

func (b *Builder) add(v *recView) {
	o := &b.opt
	if (o.Since != "" && string(v.date) < o.Since) || (o.Until != "" && string(v.date) > o.Until) ||
		(o.Store != "" && string(v.store) != o.Store) {
		b.outOfRange++
		return
	}
	var by []byte
	switch o.By {
	case "store":
		by = v.store
	case "counter":
		by = v.counter
	}
	t := b.group(v.guide, v.hash, by)
	t.addRecord(v)
}

// Merge adds what another builder counted (a part of the same files read
// in parallel). Its malformed lines are not merged: their line numbers
// need the reader's correction.
func (b *Builder) Merge(o *Builder) {
	for _, t := range o.tallies {
		if t == nil {
			continue
		}
		b.group([]byte(t.guide), []byte(t.hash), []byte(t.by)).merge(t)
	}
	b.sink.total += o.sink.total
	b.outOfRange += o.outOfRange
}

// Finish returns the statistics.
func (b *Builder) Finish() *Stats {
	st := &Stats{
		Files: b.files, Since: b.opt.Since, Until: b.opt.Until, Store: b.opt.Store, By: b.opt.By,
		OutOfRange: b.outOfRange, BadCount: b.badCount, Bad: b.bad, Untabulated: b.sink.total,
	}
	if st.Files == nil {
		st.Files = []string{}
	}
	st.Total = st.Untabulated
	for _, t := range b.tallies {
		if t != nil && t.total > 0 {
			st.Groups = append(st.Groups, t.finish())
			st.Total += t.total
		}
	}
	sort.SliceStable(st.Groups, func(i, j int) bool {
		a, c := st.Groups[i], st.Groups[j]
		if a.Total != c.Total {
			return a.Total > c.Total
		}
		if a.Guide != c.Guide {
			return a.Guide < c.Guide
		}
		if a.Hash != c.Hash {
			return a.Hash < c.Hash
		}
		return a.By < c.By
	})
	return st
}
