package shop

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"time"

	"github.com/jewelguide/jewelguide/quiz"
)

// LogVersion is written into every record so a later reader can tell old
// lines from new ones; fields are only ever added. Version 2 added id,
// store and counter.
const LogVersion = 2

// maxReasons keeps a record, and so a log line, short.
const maxReasons = 3

// Record is one completed consultation as it goes into the log: enough to
// count outcomes and answers later, nothing the customer typed as a note.
type Record struct {
	Version int `json:"version"`
	// ID is random (128 bits, hex), so pooled logs can be de-duplicated
	// when a file is sent twice; records before version 2 have none.
	ID string `json:"id,omitempty"`
	// Time is the local time with its offset: the date in that offset is
	// the consultation's day wherever the log is read.
	Time      time.Time    `json:"time"`
	Guide     string       `json:"guide"`
	GuideHash string       `json:"guide_hash"`
	Answers   quiz.Answers `json:"answers"`
	Verdict   string       `json:"verdict"`
	// Close is set when the verdict was a close call.
	Close  bool           `json:"close"`
	Scores map[string]int `json:"scores"`
	// Reasons are the ids ("question=option" or a rule id) of the answers
	// and rules that gave the leading outcome most of its points, so the
	// shop can see what tends to decide.
	Reasons   []string `json:"reasons"`
	Reference string   `json:"reference,omitempty"`
	// Public marks a consultation taken by a customer over SSH with
	// jewelguide serve --public rather than at a counter.
	Public bool `json:"public,omitempty"`
	// Store and Counter say where the consultation happened, so a chain
	// can pool its logs and still tell its shops and tills apart.
	Store   string `json:"store,omitempty"`
	Counter string `json:"counter,omitempty"`
}

// Origin is where consultations are taken: the store and the counter
// (till, tablet, SSH session) within it.
type Origin struct {
	Store, Counter string
}

// NewRecord describes a result for the log. now is passed in rather than
// read so that tests and replays control it; it is kept to the second and
// to its own time zone. An empty origin.Store is the guide's shop name.
func NewRecord(g *quiz.Guide, r *quiz.Result, ref string, now time.Time, origin Origin) Record {
	if origin.Store == "" {
		origin.Store = g.Shop.Name
	}
	rec := Record{
		Version:   LogVersion,
		ID:        newID(),
		Store:     strings.TrimSpace(origin.Store),
		Counter:   strings.TrimSpace(origin.Counter),
		Time:      now.Truncate(time.Second),
		Guide:     g.Name,
		GuideHash: g.Hash,
		Answers:   r.Answers.Clone(),
		Verdict:   r.Verdict,
		Close:     r.Close,
		Scores:    map[string]int{},
		Reasons:   DecidingReasons(r, maxReasons),
		Reference: strings.TrimSpace(ref),
	}
	for _, s := range r.Scores {
		rec.Scores[s.Outcome] = s.Points
	}
	return rec
}

// newID returns 128 random bits as hex. crypto/rand does not fail on the
// systems Go supports; should it, a record without an id is still a
// record (readers derive one), so the error is not worth losing it over.
func newID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return ""
	}
	return hex.EncodeToString(b[:])
}

// DefaultCounter names the counter when --counter is not given: the host
// name, which tells the tills of one store apart without any setting.
func DefaultCounter() string {
	h, err := os.Hostname()
	if err != nil {
		return ""
	}
	return h
}

// DecidingReasons returns the ids of up to n contributions that gave the
// leader its points, largest first. For a close call the leader is still
// the side the answers leaned to, which is what the shop wants to count.
// A hard wish that decided the verdict comes first, as "question=option":
// it outweighed every point.
func DecidingReasons(r *quiz.Result, n int) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, w := range r.Wishes {
		if id := w.Question + "=" + w.Option; w.Decided && !seen[id] && len(out) < n {
			seen[id] = true
			out = append(out, id)
		}
	}
	// Contributions come sorted by size, largest first.
	for _, c := range r.Contributions {
		if len(out) == n {
			break
		}
		if c.Outcome != r.Leader || c.Points <= 0 || seen[c.ID] {
			continue
		}
		seen[c.ID] = true
		out = append(out, c.ID)
	}
	return out
}
