package shop

import (
	"encoding/json"
	"io"

	"github.com/jewelguide/jewelguide/quiz"
)

// JSONStats is the stable JSON form of Stats, for scripts and
// spreadsheets; fields are only ever added. Version 2 moved the tables
// into one entry per guide under "groups". Every string from a log is made
// inert, because encoding/json leaves bidirectional overrides as they are.
type JSONStats struct {
	Version int `json:"version"`
	// Files is left out for stats over a database, which reads none.
	Files         []string      `json:"files,omitempty"`
	Since         string        `json:"since,omitempty"`
	Until         string        `json:"until,omitempty"` // included
	Store         string        `json:"store,omitempty"`
	By            string        `json:"by,omitempty"`
	Consultations int           `json:"consultations"`
	Groups        []JSONGroup   `json:"groups"`
	Untabulated   int           `json:"untabulated"`
	OutOfRange    int           `json:"out_of_range"`
	BadLines      int           `json:"bad_lines"`
	Bad           []JSONBadLine `json:"bad"`
}

// JSONGroup is the tables of one guide (and store or counter).
type JSONGroup struct {
	Guide         string         `json:"guide"`
	GuideHash     string         `json:"guide_hash"`
	Store         *string        `json:"store,omitempty"`
	Counter       *string        `json:"counter,omitempty"`
	Labelled      bool           `json:"labelled"`
	Consultations int            `json:"consultations"`
	CloseCalls    int            `json:"close_calls"`
	CloseShare    float64        `json:"close_share"`
	Outcomes      []JSONCount    `json:"outcomes"`
	Days          []JSONDay      `json:"days"`
	Questions     []JSONQuestion `json:"questions"`
	OtherAnswers  int            `json:"other_answers"`
	Reasons       []JSONCount    `json:"reasons"`
}

// JSONDay is one day's consultations per outcome; a row with Before set
// adds up the days before its date.
type JSONDay struct {
	Date     string         `json:"date"`
	Before   bool           `json:"before,omitempty"`
	Total    int            `json:"total"`
	Outcomes map[string]int `json:"outcomes"`
	// Other counts verdicts without a column of their own.
	Other int `json:"other,omitempty"`
}

// JSONQuestion is how often each option of a question was chosen.
type JSONQuestion struct {
	Question string      `json:"question"`
	Label    string      `json:"label,omitempty"`
	Answered int         `json:"answered"`
	Options  []JSONCount `json:"options"`
}

// JSONCount is an id and how often it was seen; Other marks the row that
// counts together what has no row of its own (it has no id).
type JSONCount struct {
	ID    string `json:"id,omitempty"`
	Label string `json:"label,omitempty"`
	Count int    `json:"count"`
	Other bool   `json:"other,omitempty"`
}

// JSONBadLine is one malformed line.
type JSONBadLine struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Problem string `json:"problem"`
}

// JSON returns the statistics' JSON form.
func (st *Stats) JSON() JSONStats {
	j := JSONStats{
		Version: 2, Files: []string{}, Since: st.Since, Until: st.Until, Store: quiz.Inert(st.Store), By: st.By,
		Consultations: st.Total, Groups: []JSONGroup{}, Untabulated: st.Untabulated,
		OutOfRange: st.OutOfRange, BadLines: st.BadCount, Bad: []JSONBadLine{},
	}
	for _, f := range st.Files {
		j.Files = append(j.Files, quiz.Inert(f))
	}
	for i := range st.Groups {
		j.Groups = append(j.Groups, jsonGroup(st, &st.Groups[i]))
	}
	for _, b := range st.Bad {
		j.Bad = append(j.Bad, JSONBadLine{File: quiz.Inert(b.File), Line: b.Line, Problem: quiz.Inert(b.Problem)})
	}
	return j
}

func jsonGroup(st *Stats, g *Group) JSONGroup {
	j := JSONGroup{
		Guide: quiz.Inert(g.Guide), GuideHash: quiz.Inert(g.Hash), Labelled: g.Labelled,
		Consultations: g.Total, CloseCalls: g.Close, CloseShare: float64(int(g.CloseShare()*1000+0.5)) / 1000,
		Outcomes: inertCounts(g.Outcomes), Days: []JSONDay{}, Questions: []JSONQuestion{},
		OtherAnswers: g.OtherAnswers, Reasons: inertCounts(g.Reasons),
	}
	by := quiz.Inert(g.By)
	switch st.By {
	case "store":
		j.Store = &by
	case "counter":
		j.Counter = &by
	}
	for _, d := range g.Days {
		jd := JSONDay{Date: d.Date, Before: d.Before, Total: d.Total, Outcomes: map[string]int{}}
		for i, n := range d.Counts {
			if g.Outcomes[i].Other {
				jd.Other += n
			} else {
				jd.Outcomes[quiz.Inert(g.Outcomes[i].ID)] += n
			}
		}
		j.Days = append(j.Days, jd)
	}
	for _, q := range g.Questions {
		j.Questions = append(j.Questions, JSONQuestion{Question: quiz.Inert(q.ID), Label: quiz.Inert(q.Label), Answered: q.Answered, Options: inertCounts(q.Options)})
	}
	return j
}

// WriteStatsJSON writes the statistics as one indented JSON object.
func WriteStatsJSON(w io.Writer, st *Stats) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(st.JSON())
}

func inertCounts(cs []Count) []JSONCount {
	out := make([]JSONCount, 0, len(cs))
	for _, c := range cs {
		jc := JSONCount{ID: quiz.Inert(c.ID), Label: quiz.Inert(c.Label), Count: c.Count, Other: c.Other}
		if c.Other {
			jc.Label = ""
		}
		out = append(out, jc)
	}
	return out
}
