package shop

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/jewelguide/jewelguide/quiz"
)

// maxLine bounds one log line; a real record is a few hundred bytes, so a
// longer line is damage (or something else's file), not a consultation.
const maxLine = 64 << 10

// maxBadListed bounds how many malformed lines are listed one by one; the
// count covers them all.
const maxBadListed = 50

// Stats sums up consultation logs for the shop.
type Stats struct {
	Files []string
	// Since and Until are the time range read, Until exclusive; a zero
	// value leaves that end open.
	Since, Until time.Time
	// Total counts the consultations in range.
	Total int
	// Outcomes counts consultations per verdict.
	Outcomes map[string]int
	// Days counts consultations per calendar day, oldest first. A day is
	// taken in the time zone the record was written in: the shop's day.
	Days []Day
	// Questions counts, per question, how often each option was chosen.
	Questions []QuestionStats
	// Reasons counts how often each answer or rule was among the deciding
	// reasons of a verdict, most frequent first.
	Reasons []Count
	// Close counts close calls.
	Close int
	// Guides counts records per guide ("name (hash)"), so a mix of guide
	// versions in one log does not go unnoticed.
	Guides []Count
	// OutOfRange counts well-formed records outside Since..Until.
	OutOfRange int
	// BadCount counts malformed lines; Bad lists the first of them.
	BadCount int
	Bad      []BadLine
}

// Day is one calendar day's consultations.
type Day struct {
	Date     string
	Total    int
	Outcomes map[string]int
}

// QuestionStats is how one question was answered.
type QuestionStats struct {
	Question string
	// Answered counts consultations that answered the question at all.
	Answered int
	Options  []Count
}

// Count is a number of times something (an outcome, an option, a reason)
// was seen.
type Count struct {
	ID    string
	Count int
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
func (st *Stats) CloseShare() float64 {
	if st.Total == 0 {
		return 0
	}
	return float64(st.Close) / float64(st.Total)
}

// OutcomeCounts lists the outcomes, most frequent first.
func (st *Stats) OutcomeCounts() []Count { return sortedCounts(st.Outcomes) }

// ReadLogs reads consultation logs and sums up the records with since <=
// time < until (a zero time leaves that end open). A malformed line is
// counted and listed in Bad and reading goes on; only a file that cannot be
// read at all is an error.
func ReadLogs(paths []string, since, until time.Time) (*Stats, error) {
	c := newCollector(since, until)
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("cannot read the log %s: %w", p, err)
		}
		err = c.read(f, p)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("cannot read the log %s: %w", p, err)
		}
	}
	return c.finish(), nil
}

type collector struct {
	st        *Stats
	days      map[string]*Day
	questions map[string]map[string]int
	answered  map[string]int
	reasons   map[string]int
	guides    map[string]int
}

func newCollector(since, until time.Time) *collector {
	return &collector{
		st:        &Stats{Since: since, Until: until, Outcomes: map[string]int{}},
		days:      map[string]*Day{},
		questions: map[string]map[string]int{},
		answered:  map[string]int{},
		reasons:   map[string]int{},
		guides:    map[string]int{},
	}
}

// read adds one log's lines; name is how messages refer to it.
func (c *collector) read(r io.Reader, name string) error {
	c.st.Files = append(c.st.Files, name)
	br := bufio.NewReaderSize(r, maxLine)
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		tooLong := errors.Is(err, bufio.ErrBufferFull)
		for errors.Is(err, bufio.ErrBufferFull) {
			_, err = br.ReadSlice('\n') // skip the rest of the line
		}
		if err != nil && err != io.EOF {
			return err
		}
		if tooLong {
			c.bad(name, n, fmt.Sprintf("line longer than %d KiB", maxLine>>10))
		} else if len(bytes.TrimSpace(line)) > 0 {
			c.line(name, n, line)
		}
		if err == io.EOF {
			return nil
		}
	}
}

func (c *collector) line(name string, n int, line []byte) {
	var rec Record
	if err := json.Unmarshal(line, &rec); err != nil {
		c.bad(name, n, "not a consultation record: "+strings.TrimPrefix(err.Error(), "json: "))
		return
	}
	switch {
	case rec.Time.IsZero():
		c.bad(name, n, "record has no time")
		return
	case rec.Verdict == "":
		c.bad(name, n, "record has no verdict")
		return
	}
	if (!c.st.Since.IsZero() && rec.Time.Before(c.st.Since)) || (!c.st.Until.IsZero() && !rec.Time.Before(c.st.Until)) {
		c.st.OutOfRange++
		return
	}
	c.add(rec)
}

func (c *collector) add(rec Record) {
	st := c.st
	st.Total++
	st.Outcomes[rec.Verdict]++
	if rec.Close {
		st.Close++
	}
	date := rec.Time.Format("2006-01-02")
	d := c.days[date]
	if d == nil {
		d = &Day{Date: date, Outcomes: map[string]int{}}
		c.days[date] = d
	}
	d.Total++
	d.Outcomes[rec.Verdict]++
	for q, opts := range rec.Answers {
		if len(opts) == 0 {
			continue
		}
		c.answered[q]++
		if c.questions[q] == nil {
			c.questions[q] = map[string]int{}
		}
		for _, o := range dedupe(opts) {
			c.questions[q][o]++
		}
	}
	for _, r := range dedupe(rec.Reasons) {
		c.reasons[r]++
	}
	c.guides[fmt.Sprintf("%s (%s)", rec.Guide, rec.GuideHash)]++
}

func (c *collector) bad(name string, n int, problem string) {
	c.st.BadCount++
	if len(c.st.Bad) < maxBadListed {
		c.st.Bad = append(c.st.Bad, BadLine{File: name, Line: n, Problem: problem})
	}
}

func (c *collector) finish() *Stats {
	st := c.st
	for _, d := range c.days {
		st.Days = append(st.Days, *d)
	}
	sort.Slice(st.Days, func(i, j int) bool { return st.Days[i].Date < st.Days[j].Date })
	for q, opts := range c.questions {
		st.Questions = append(st.Questions, QuestionStats{Question: q, Answered: c.answered[q], Options: sortedCounts(opts)})
	}
	sort.Slice(st.Questions, func(i, j int) bool { return st.Questions[i].Question < st.Questions[j].Question })
	st.Reasons = sortedCounts(c.reasons)
	st.Guides = sortedCounts(c.guides)
	return st
}

// UseGuide puts questions and options in the guide's order and lists the
// options nobody chose, so the table reads like the quiz. Questions the
// guide does not know (an older guide's) stay at the end.
func (st *Stats) UseGuide(g *quiz.Guide) {
	have := map[string]QuestionStats{}
	for _, q := range st.Questions {
		have[q.Question] = q
	}
	var out []QuestionStats
	for _, q := range g.Questions {
		qs := have[q.ID]
		delete(have, q.ID)
		counts := map[string]int{}
		for _, c := range qs.Options {
			counts[c.ID] = c.Count
		}
		opts := []Count{}
		for _, o := range q.Options {
			opts = append(opts, Count{ID: o.ID, Count: counts[o.ID]})
			delete(counts, o.ID)
		}
		opts = append(opts, sortedCounts(counts)...)
		out = append(out, QuestionStats{Question: q.ID, Answered: qs.Answered, Options: opts})
	}
	for _, q := range st.Questions {
		if _, left := have[q.Question]; left {
			out = append(out, q)
		}
	}
	st.Questions = out
}

// sortedCounts orders a tally most frequent first, ties by id, so output
// is stable.
func sortedCounts(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for id, n := range m {
		out = append(out, Count{ID: id, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func dedupe(list []string) []string {
	seen := make(map[string]bool, len(list))
	out := list[:0:0]
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
