package shop

import "sort"

// The statistics must stay small whatever a log holds: a damaged or
// hostile file can name millions of distinct verdicts, options or days.
// Every table therefore has a fixed number of rows. A table tied to a
// guide has exactly the guide's ids; any other id is counted with the
// others. A table without a guide keeps the smallest ids in byte order
// and counts the rest together. "The smallest" does not depend on the
// order records come in, so files read in parallel pieces and merged give
// the same tables as one pass, and a database filling the same tables
// gets them too.

// idSet hands out slots (row numbers) to ids, at most limit of them.
type idSet struct {
	// fixed sets hold only the ids they were made with.
	fixed bool
	limit int
	slot  map[string]int
	ids   []string
	// maxSlot is the slot of the largest id once the set is full.
	maxSlot int
}

func newFixedSet(ids []string) *idSet {
	s := &idSet{fixed: true, limit: len(ids), slot: make(map[string]int, len(ids))}
	for _, id := range ids {
		if _, dup := s.slot[id]; !dup {
			s.slot[id] = len(s.ids)
			s.ids = append(s.ids, id)
		}
	}
	s.limit = len(s.ids)
	return s
}

func newBoundedSet(limit int) *idSet {
	return &idSet{limit: limit, slot: map[string]int{}}
}

// find returns id's slot, or -1 when id is counted with the others. When
// a full set meets an id smaller than its largest, the largest makes room:
// evicted is true, and the caller moves what the slot counted to the
// others before counting id in it.
func (s *idSet) find(id []byte) (slot int, evicted bool) {
	// A guide's option lists are short: comparing is quicker than hashing.
	if len(s.ids) <= 8 {
		for i, have := range s.ids {
			if have == string(id) {
				return i, false
			}
		}
		if s.fixed {
			return -1, false
		}
	} else if i, ok := s.slot[string(id)]; ok {
		return i, false
	}
	if s.fixed {
		return -1, false
	}
	if len(s.ids) < s.limit {
		k := string(id)
		s.slot[k] = len(s.ids)
		s.ids = append(s.ids, k)
		if len(s.ids) == s.limit {
			s.maxSlot = s.largest()
		}
		return len(s.ids) - 1, false
	}
	if s.limit == 0 || string(id) >= s.ids[s.maxSlot] {
		return -1, false
	}
	i := s.maxSlot
	delete(s.slot, s.ids[i])
	k := string(id)
	s.ids[i] = k
	s.slot[k] = i
	s.maxSlot = s.largest()
	return i, true
}

func (s *idSet) largest() int {
	m := 0
	for i, id := range s.ids {
		if id > s.ids[m] {
			m = i
		}
	}
	return m
}

// tally counts ids in an idSet's slots; other counts the rest.
type tally struct {
	set    *idSet
	counts []int
	other  int
}

func (t *tally) add(id []byte, n int) {
	i, evicted := t.set.find(id)
	if i < 0 {
		t.other += n
		return
	}
	for i >= len(t.counts) {
		t.counts = append(t.counts, 0)
	}
	if evicted {
		t.other += t.counts[i]
		t.counts[i] = 0
	}
	t.counts[i] += n
}

func (t *tally) count(slot int) int {
	if slot < len(t.counts) {
		return t.counts[slot]
	}
	return 0
}

// merge adds what u counted; u's others stay others here too, because
// every id that pushed them out of u is added here as well.
func (t *tally) merge(u *tally) {
	for i, id := range u.set.ids {
		if n := u.count(i); n > 0 {
			t.add([]byte(id), n)
		}
	}
	t.other += u.other
}

// counts lists the tally as Counts: in the set's order when ordered (a
// guide's order), else most frequent first; the others last.
func (t *tally) list(ordered bool, label func(string) string) []Count {
	out := make([]Count, 0, len(t.set.ids)+1)
	for i, id := range t.set.ids {
		n := t.count(i)
		if n == 0 && !ordered {
			continue
		}
		out = append(out, Count{ID: id, Label: label(id), Count: n})
	}
	if !ordered {
		sortCounts(out)
	}
	if t.other > 0 {
		out = append(out, Count{Other: true, Label: otherLabel, Count: t.other})
	}
	return out
}

// otherLabel names a row that counts together what has no row of its own.
const otherLabel = "other"

// sortCounts orders counts most frequent first, ties by id, so output is
// stable.
func sortCounts(cs []Count) {
	sort.SliceStable(cs, func(i, j int) bool { return lessCount(cs[i], cs[j]) })
}
