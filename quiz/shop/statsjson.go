package shop

import (
	"encoding/json"
	"io"
	"time"

	"github.com/jewelguide/jewelguide/quiz"
)

// JSONStats is the stable JSON form of Stats, for scripts and
// spreadsheets; fields are only ever added. Every string from a log is made
// inert, because encoding/json leaves bidirectional overrides as they are.
type JSONStats struct {
	Version       int            `json:"version"`
	Files         []string       `json:"files"`
	Since         string         `json:"since,omitempty"`
	Until         string         `json:"until,omitempty"` // exclusive
	Consultations int            `json:"consultations"`
	Outcomes      map[string]int `json:"outcomes"`
	Days          []JSONDay      `json:"days"`
	Questions     []JSONQuestion `json:"questions"`
	Reasons       []JSONCount    `json:"reasons"`
	CloseCalls    int            `json:"close_calls"`
	CloseShare    float64        `json:"close_share"`
	Guides        []JSONCount    `json:"guides"`
	OutOfRange    int            `json:"out_of_range"`
	BadLines      int            `json:"bad_lines"`
	Bad           []JSONBadLine  `json:"bad"`
}

// JSONDay is one day's consultations per outcome.
type JSONDay struct {
	Date     string         `json:"date"`
	Total    int            `json:"total"`
	Outcomes map[string]int `json:"outcomes"`
}

// JSONQuestion is how often each option of a question was chosen.
type JSONQuestion struct {
	Question string         `json:"question"`
	Answered int            `json:"answered"`
	Options  map[string]int `json:"options"`
}

// JSONCount is an id and how often it was seen.
type JSONCount struct {
	ID    string `json:"id"`
	Count int    `json:"count"`
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
		Version: 1, Files: []string{}, Consultations: st.Total,
		Outcomes: inertMap(st.Outcomes), Days: []JSONDay{}, Questions: []JSONQuestion{},
		Reasons: inertCounts(st.Reasons), CloseCalls: st.Close,
		CloseShare: float64(int(st.CloseShare()*1000+0.5)) / 1000,
		Guides:     inertCounts(st.Guides), OutOfRange: st.OutOfRange,
		BadLines: st.BadCount, Bad: []JSONBadLine{},
	}
	for _, f := range st.Files {
		j.Files = append(j.Files, quiz.Inert(f))
	}
	if !st.Since.IsZero() {
		j.Since = st.Since.Format(time.RFC3339)
	}
	if !st.Until.IsZero() {
		j.Until = st.Until.Format(time.RFC3339)
	}
	for _, d := range st.Days {
		j.Days = append(j.Days, JSONDay{Date: quiz.Inert(d.Date), Total: d.Total, Outcomes: inertMap(d.Outcomes)})
	}
	for _, q := range st.Questions {
		opts := map[string]int{}
		for _, c := range q.Options {
			opts[quiz.Inert(c.ID)] += c.Count
		}
		j.Questions = append(j.Questions, JSONQuestion{Question: quiz.Inert(q.Question), Answered: q.Answered, Options: opts})
	}
	for _, b := range st.Bad {
		j.Bad = append(j.Bad, JSONBadLine{File: quiz.Inert(b.File), Line: b.Line, Problem: quiz.Inert(b.Problem)})
	}
	return j
}

// WriteStatsJSON writes the statistics as one indented JSON object.
func WriteStatsJSON(w io.Writer, st *Stats) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(st.JSON())
}

func inertMap(m map[string]int) map[string]int {
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[quiz.Inert(k)] += v
	}
	return out
}

func inertCounts(cs []Count) []JSONCount {
	out := make([]JSONCount, 0, len(cs))
	for _, c := range cs {
		out = append(out, JSONCount{ID: quiz.Inert(c.ID), Count: c.Count})
	}
	return out
}
