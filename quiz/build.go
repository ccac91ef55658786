package quiz

import (
	"reflect"
	"strings"
	"unicode/utf8"
)

var rawGuideType = reflect.TypeOf(rawGuide{})

// Limits on a guide's size. They are far above what a shop needs and keep a
// mistaken or hostile file from making the interface unusable.
const (
	maxQuestions = 2000
	maxOptions   = 100
	maxRules     = 20000
	maxTitleLen  = 80
	maxLabelLen  = 200
	maxTextLen   = 2000
)

// validID keeps ids safe to type in --answer ID=OPTION and in file names:
// a lower-case letter or digit, then those, - and _. (Written out rather
// than as a regular expression, which every run would have to compile.)
func validID(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case (c == '-' || c == '_') && i > 0:
		default:
			return false
		}
	}
	return s != ""
}

// build validates a decoded guide and compiles it. Problems are collected,
// not returned at the first, so an author fixes a file in one pass.
func build(r *rawGuide) (*Guide, problems) {
	var ps problems
	g := &Guide{outcomeIdx: map[string]int{}, questionIdx: map[string]int{}}
	if r.Version == nil {
		ps.add(1, 0, "the guide has no version; add \"version: %d\" at the top", SchemaVersion)
	} else if r.Version.V != SchemaVersion {
		ps.add(r.Version.Line, r.Version.Col, "version %d is not one this program reads; it reads version %d", r.Version.V, SchemaVersion)
	}
	g.Version = SchemaVersion

	text := func(s rawStr, what string, limit int, required bool, at pos) string {
		switch {
		case s.V == "" && required:
			ps.add(at.Line, at.Col, "%s is missing", what)
		case utf8.RuneCountInString(s.V) > limit:
			ps.add(s.Line, s.Col, "%s is %d characters long; keep it to %d", what, utf8.RuneCountInString(s.V), limit)
		case hasControl(s.V):
			ps.add(s.Line, s.Col, "%s holds a control character (such as an escape code); remove it", what)
		}
		return s.V
	}
	id := func(s rawStr, what string, at pos) string {
		if s.V == "" {
			ps.add(at.Line, at.Col, "%s has no id", what)
		} else if !validID(s.V) || len(s.V) > 40 {
			ps.add(s.Line, s.Col, "%s id %q must be lower-case letters, digits, - or _ (at most 40)", what, s.V)
		}
		return s.V
	}

	g.Name = text(r.Name, "guide name", maxTitleLen, false, r.Name.pos)
	if g.Name == "" {
		g.Name = "Buying guide"
	}
	if r.Shop != nil {
		g.Shop = Shop{
			Name:    text(r.Shop.Name, "shop name", maxTitleLen, false, r.Shop.pos),
			Tagline: text(r.Shop.Tagline, "shop tagline", maxLabelLen, false, r.Shop.pos),
			Accent:  text(r.Shop.Accent, "shop accent", 7, false, r.Shop.pos),
			Contact: text(r.Shop.Contact, "shop contact", maxLabelLen, false, r.Shop.pos),
		}
		if a := r.Shop.Accent; a.V != "" && !validAccent(a.V) {
			ps.add(a.Line, a.Col, "shop accent %q must be a colour like \"#7a4fd0\" or an ANSI number 0-255", a.V)
		}
	}

	// Outcomes first: everything else refers to them.
	if len(r.Outcomes) < 2 {
		ps.add(1, 0, "the guide needs at least two outcomes under \"outcomes\"")
	}
	for _, o := range r.Outcomes {
		oid := id(o.ID, "outcome", o.pos)
		if _, dup := g.outcomeIdx[oid]; dup && oid != "" {
			ps.add(o.ID.Line, o.ID.Col, "outcome id %q is used twice", oid)
			continue
		}
		g.outcomeIdx[oid] = len(g.Outcomes)
		g.Outcomes = append(g.Outcomes, Outcome{
			ID:          oid,
			Label:       text(o.Label, "outcome "+q(oid)+" label", maxTitleLen, true, o.pos),
			MidSentence: text(o.MidSentence, "outcome "+q(oid)+" mid_sentence", maxTitleLen, false, o.pos),
			Summary:     text(o.Summary, "outcome "+q(oid)+" summary", maxTextLen, false, o.pos),
			Close:       text(o.Close, "outcome "+q(oid)+" close", maxTextLen, false, o.pos),
			Line:        o.Line,
		})
	}
	outcomeIDs := make([]string, len(g.Outcomes))
	for i, o := range g.Outcomes {
		outcomeIDs[i] = o.ID
	}
	points := func(rp rawPoints, owner string) []Points {
		var out []Points
		seen := map[string]bool{}
		for _, p := range rp.List {
			if _, ok := g.outcomeIdx[p.Outcome.V]; !ok {
				ps.add(p.Outcome.Line, p.Outcome.Col, "%s gives points to outcome %q, which the guide does not have (outcomes: %s)", owner, p.Outcome.V, quoteList(outcomeIDs))
				continue
			}
			if seen[p.Outcome.V] {
				ps.add(p.Outcome.Line, p.Outcome.Col, "%s gives points to %q twice", owner, p.Outcome.V)
				continue
			}
			seen[p.Outcome.V] = true
			out = append(out, Points{Outcome: p.Outcome.V, Points: p.Points})
		}
		return out
	}

	if r.Decision != nil {
		if cc := r.Decision.CloseCall; cc.V != "" {
			if _, ok := g.outcomeIdx[cc.V]; !ok {
				ps.add(cc.Line, cc.Col, "decision close_call names outcome %q, which the guide does not have (outcomes: %s)", cc.V, quoteList(outcomeIDs))
			}
			g.Decision.CloseCall = cc.V
		}
		if m := r.Decision.Margin; m != nil {
			if m.V < 0 || m.V > 1000 {
				ps.add(m.Line, m.Col, "decision margin must be from 0 to 1000 points, found %d", m.V)
			}
			g.Decision.Margin = m.V
		}
	}

	cautions := func(rw rawWishes, owner string) []Wish {
		var out []Wish
		for _, w := range rw.List {
			oc := w.Outcome
			if _, ok := g.outcomeIdx[oc.V]; !ok {
				ps.add(oc.Line, oc.Col, "%s has a caution for outcome %q, which the guide does not have (outcomes: %s)", owner, oc.V, quoteList(outcomeIDs))
				continue
			}
			out = append(out, Wish{Outcome: oc.V, Text: text(w.Text, owner+" caution for "+q(oc.V), maxTextLen, true, w.Text.pos)})
		}
		return out
	}
	wishes := func(rw rawWishes, owner string) []Wish {
		// A repeated outcome needs no check here: the parser refuses
		// repeated keys in any mapping.
		var out []Wish
		for _, w := range rw.List {
			oc := w.Outcome
			switch _, ok := g.outcomeIdx[oc.V]; {
			case !ok:
				ps.add(oc.Line, oc.Col, "%s rules out outcome %q, which the guide does not have (outcomes: %s)", owner, oc.V, quoteList(outcomeIDs))
				continue
			case oc.V == g.Decision.CloseCall:
				ps.add(oc.Line, oc.Col, "%s rules out %q, the close-call outcome; it is the verdict when wishes conflict, so it cannot be ruled out", owner, oc.V)
				continue
			}
			out = append(out, Wish{Outcome: oc.V, Text: text(w.Text, owner+" rules_out text for "+q(oc.V), maxTextLen, true, w.Text.pos)})
		}
		return out
	}

	buildQuestions(g, r, &ps, text, id, points, wishes, cautions)
	buildRules(g, r, &ps, text, id, points)
	buildChecklist(g, r, &ps, text, outcomeIDs)
	unknown, owners := unknownFields(r)
	return g, append(withoutEchoes(ps, owners), unknown...)
}

// withoutEchoes drops the problems found in a mapping that also has an
// unknown key: a misspelt "reasons:" would otherwise be reported a second
// time as a missing reason.
func withoutEchoes(ps problems, owners map[pos]bool) problems {
	if len(owners) == 0 {
		return ps
	}
	var out problems
	for _, p := range ps {
		if !owners[pos{p.Line, p.Col}] {
			out = append(out, p)
		}
	}
	return out
}

// validAccent accepts a colour as "#rrggbb", "#rgb" or an ANSI number of
// one to three digits.
func validAccent(s string) bool {
	if hex, ok := strings.CutPrefix(s, "#"); ok {
		return (len(hex) == 6 || len(hex) == 3) && strings.Trim(hex, "0123456789abcdefABCDEF") == ""
	}
	return len(s) >= 1 && len(s) <= 3 && strings.Trim(s, "0123456789") == ""
}

func q(s string) string { return `"` + s + `"` }

func hasControl(s string) bool {
	for _, r := range s {
		if (r < 0x20 && r != '\n') || (r >= 0x7f && r < 0xa0) {
			return true
		}
	}
	return false
}

type textFn func(s rawStr, what string, limit int, required bool, at pos) string
type idFn func(s rawStr, what string, at pos) string
type pointsFn func(rp rawPoints, owner string) []Points
type wishesFn func(rw rawWishes, owner string) []Wish

// unknownFields gathers the unknown keys found while decoding, and the
// places of the mappings that held them.
func unknownFields(r *rawGuide) ([]Problem, map[pos]bool) {
	var out []Problem
	owners := map[pos]bool{}
	add := func(at pos, u unknownKeys) {
		if len(u.unknown) > 0 {
			out = append(out, u.unknown...)
			owners[at] = true
		}
	}
	if r.Shop != nil {
		add(r.Shop.pos, r.Shop.unknownKeys)
	}
	if r.Decision != nil {
		add(r.Decision.pos, r.Decision.unknownKeys)
	}
	for _, o := range r.Outcomes {
		add(o.pos, o.unknownKeys)
	}
	for _, q := range r.Questions {
		add(q.pos, q.unknownKeys)
		for _, o := range q.Options {
			add(o.pos, o.unknownKeys)
		}
	}
	for _, ru := range r.Rules {
		add(ru.pos, ru.unknownKeys)
	}
	for _, c := range r.Checklist {
		add(c.pos, c.unknownKeys)
	}
	return out, owners
}
