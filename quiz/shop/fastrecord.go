package shop

import (
	"time"
	"unicode/utf8"
)

// scanRecord reads a log line the way the logger writes it, straight into
// v, without allocating: slices of the line stand for its strings. It
// handles only the plain form: any string with an escape, a key it does
// not know, a key given twice or a null makes it give up (ok false), and
// the line goes to encoding/json, which decides what it means and words
// its problems. So the fast path never accepts a line encoding/json would
// read differently; it is how a million records are read in a second.
func scanRecord(line []byte, v *recView) (ok bool) {
	s := scanner{b: line}
	*v = recView{answers: v.answers[:0], reasons: v.reasons[:0]}
	var timeText []byte
	hasVerdict := false
	s.space()
	if !s.eat('{') {
		return false
	}
	var seen uint32
	s.space()
	if s.eat('}') {
		return false // an empty record: encoding/json says what is missing
	}
	for {
		s.space()
		key, ok := s.str()
		if !ok {
			return false
		}
		s.space()
		if !s.eat(':') {
			return false
		}
		s.space()
		bit := uint32(0)
		switch string(key) {
		case "version":
			bit = 1 << 0
			ok = s.number()
		case "id":
			bit = 1 << 1
			_, ok = s.str()
		case "time":
			bit = 1 << 2
			start := s.i
			if timeText, ok = s.str(); ok {
				// time.Time's own decoding checks it exactly as
				// encoding/json would.
				var t time.Time
				ok = t.UnmarshalJSON(s.b[start:s.i]) == nil && len(timeText) >= 10
			}
		case "guide":
			bit = 1 << 3
			v.guide, ok = s.str()
		case "guide_hash":
			bit = 1 << 4
			v.hash, ok = s.str()
		case "answers":
			bit = 1 << 5
			ok = s.answers(v)
		case "verdict":
			bit = 1 << 6
			v.verdict, ok = s.str()
			hasVerdict = ok && len(v.verdict) > 0
		case "close":
			bit = 1 << 7
			v.close, ok = s.boolean()
		case "scores":
			bit = 1 << 8
			ok = s.scores()
		case "reasons":
			bit = 1 << 9
			v.reasons, ok = s.strList(v.reasons)
		case "reference":
			bit = 1 << 10
			_, ok = s.str()
		case "public":
			bit = 1 << 11
			_, ok = s.boolean()
		case "store":
			bit = 1 << 12
			v.store, ok = s.str()
		case "counter":
			bit = 1 << 13
			v.counter, ok = s.str()
		default:
			return false
		}
		if !ok || seen&bit != 0 {
			return false
		}
		seen |= bit
		s.space()
		if s.eat('}') {
			break
		}
		if !s.eat(',') {
			return false
		}
	}
	s.space()
	if s.i != len(s.b) || !hasVerdict || len(timeText) == 0 {
		return false
	}
	// The date in the record's own offset is the consultation's day.
	v.date = timeText[:10]
	return true
}

type scanner struct {
	b []byte
	i int
}

func (s *scanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *scanner) eat(c byte) bool {
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// strStop marks the bytes that end the quick run through a string: the
// closing quote, an escape, a control character, and non-ASCII (checked
// for valid UTF-8).
var strStop = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// str reads a string without escapes or control characters, in valid
// UTF-8, and returns its bytes.
func (s *scanner) str() ([]byte, bool) {
	if !s.eat('"') {
		return nil, false
	}
	start := s.i
	ascii := true
	b := s.b
	for i := s.i; i < len(b); i++ {
		c := b[i]
		if !strStop[c] {
			continue
		}
		switch {
		case c == '"':
			out := b[start:i]
			s.i = i + 1
			if !ascii && !utf8.Valid(out) {
				return nil, false
			}
			return out, true
		case c >= 0x80:
			ascii = false
		default:
			return nil, false
		}
	}
	return nil, false
}

func (s *scanner) boolean() (bool, bool) {
	rest := s.b[s.i:]
	if len(rest) >= 4 && string(rest[:4]) == "true" {
		s.i += 4
		return true, true
	}
	if len(rest) >= 5 && string(rest[:5]) == "false" {
		s.i += 5
		return false, true
	}
	return false, false
}

// number reads a JSON integer, which is all a record holds.
func (s *scanner) number() bool {
	s.eat('-')
	start := s.i
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
	}
	n := s.i - start
	if n == 0 || (n > 1 && s.b[start] == '0') || n > 15 {
		return false
	}
	switch {
	case s.i < len(s.b) && (s.b[s.i] == '.' || s.b[s.i] == 'e' || s.b[s.i] == 'E'):
		return false
	}
	return true
}

// strList reads a list of strings into list (reused).
func (s *scanner) strList(list [][]byte) ([][]byte, bool) {
	list = list[:0]
	if !s.eat('[') {
		return list, false
	}
	s.space()
	if s.eat(']') {
		return list, true
	}
	for {
		s.space()
		str, ok := s.str()
		if !ok {
			return list, false
		}
		list = append(list, str)
		s.space()
		if s.eat(']') {
			return list, true
		}
		if !s.eat(',') {
			return list, false
		}
	}
}

// answers reads {"question":["option",…],…}.
func (s *scanner) answers(v *recView) bool {
	if !s.eat('{') {
		return false
	}
	s.space()
	if s.eat('}') {
		return true
	}
	for {
		s.space()
		q, ok := s.str()
		if !ok {
			return false
		}
		s.space()
		if !s.eat(':') {
			return false
		}
		s.space()
		// Reuse the slot and its option list from the last record.
		n := len(v.answers)
		if n < cap(v.answers) {
			v.answers = v.answers[:n+1]
		} else {
			v.answers = append(v.answers, answerView{})
		}
		a := &v.answers[n]
		a.question = q
		if a.options, ok = s.strList(a.options); !ok {
			return false
		}
		for _, other := range v.answers[:n] {
			if string(other.question) == string(q) {
				return false // a repeated key: encoding/json decides
			}
		}
		s.space()
		if s.eat('}') {
			return true
		}
		if !s.eat(',') {
			return false
		}
	}
}

// scores reads {"outcome":points,…}; the statistics do not use it.
func (s *scanner) scores() bool {
	if !s.eat('{') {
		return false
	}
	s.space()
	if s.eat('}') {
		return true
	}
	for {
		s.space()
		if _, ok := s.str(); !ok {
			return false
		}
		s.space()
		if !s.eat(':') {
			return false
		}
		s.space()
		if !s.number() {
			return false
		}
		s.space()
		if s.eat('}') {
			return true
		}
		if !s.eat(',') {
			return false
		}
	}
}
