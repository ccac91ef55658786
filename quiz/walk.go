package quiz

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// The loader reads a guide in one walk over yaml.v3's node tree: each part
// is checked as it is built, and every problem is recorded with its place
// and, where there is one, what to do about it. Nothing is decoded twice
// and no message is written only to be read back.

// Limits on a guide's size. They are far above what a shop needs and keep a
// mistaken or hostile file from making the interface unusable.
const (
	maxQuestions   = 2000
	maxOptions     = 100
	maxRules       = 20000
	maxTitleLen    = 80
	maxLabelLen    = 200
	maxTextLen     = 2000
	maxMappingKeys = 200
	// maxCondDepth bounds nested all/any/not so a hostile file cannot make
	// the scorer recurse without end; real guides need two or three levels.
	maxCondDepth = 16
)

// loader holds the state of one walk.
type loader struct {
	g  *Guide
	ps problems
	// spent is what the guide has expanded to so far; see budget.go.
	spent budget
	// alias is the outermost alias being expanded, so that a limit crossed
	// while repeating it names the line a person would change.
	alias *yaml.Node

	// These mark parts that could not be read whole (a missing or repeated
	// id, a wrong type). A reference into such a part that does not
	// resolve is not reported: it would only echo the first problem.
	outcomesIncomplete  bool
	questionsIncomplete bool
	checklistIncomplete bool
	// optionsIncomplete holds the questions with an option not read whole.
	optionsIncomplete map[string]bool
}

// stop ends the walk with a problem at n: past it, the guide is too large
// for its remaining problems to be worth finding.
func (l *loader) stop(n *yaml.Node, hint, format string, args ...any) {
	panic(overBudget{Problem{Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...), Hint: hint}})
}

// problem records a problem at n's place.
func (l *loader) problem(n *yaml.Node, format string, args ...any) {
	l.ps.add(n.Line, n.Column, format, args...)
}

// follow returns the node an alias stands for (n itself otherwise), and
// the alias to restore with l.alias = prev when the caller is done with it.
func (l *loader) follow(n *yaml.Node) (target, prev *yaml.Node) {
	prev = l.alias
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		if l.alias == nil {
			l.alias = n
		}
		n = n.Alias
	}
	l.spend(n, &l.spent.nodes, 1, maxNodes)
	return n, prev
}

// part names a part of a guide in messages (`option "high" of question
// "budget"`), made into text only when a message needs it.
type part struct{ kind, id, question string }

func (p part) String() string {
	s := p.kind
	if p.id != "" {
		s += " " + strconv.Quote(p.id)
	}
	if p.question != "" {
		if p.id == "" {
			return "question " + strconv.Quote(p.question) + " " + s
		}
		s += " of question " + strconv.Quote(p.question)
	}
	return s
}

// noun is the part as the subject of "… must be a mapping".
func (p part) noun() string {
	switch {
	case p.kind == "guide":
		return "the guide"
	case p.question != "":
		return "an " + p.kind + " of question " + strconv.Quote(p.question)
	case p.kind == "shop" || p.kind == "decision":
		return p.kind
	case p.kind == "outcome":
		return "an outcome"
	}
	return "a " + p.kind
}

// field names one field of a part: `option "high" of question "budget"
// label`.
type field struct {
	of   part
	name string
}

func (f field) String() string {
	if f.of.kind == "" {
		return f.name
	}
	return f.of.String() + " " + f.name
}

// fields is a mapping that stands for one part of a guide, read with its
// known keys. clean is false when it holds an unknown key: its own checks
// for missing fields would only echo the misspelling.
type fields struct {
	l     *loader
	at    *yaml.Node
	of    part
	keys  []string
	vals  [8]*yaml.Node
	clean bool
}

// mapping reads n as the part "what" with the given keys, reporting
// repeated and unknown keys. It returns nil, after reporting it, when n is
// not a mapping.
func (l *loader) mapping(n *yaml.Node, of part, known []string) *fields {
	at := n
	n, prev := l.follow(n)
	defer func() { l.alias = prev }()
	if n.Kind != yaml.MappingNode {
		l.problem(at, "%s must be a mapping of key: value lines, found %s", of.noun(), kindName(n))
		l.hintForKind(n)
		return nil
	}
	f := &fields{l: l, at: n, of: of, keys: known, clean: true}
	if !f.read(n, true, nil) {
		return nil
	}
	return f
}

// read takes the keys of one mapping; explicit is false for a mapping
// merged in with "<<", whose keys give way to those already set.
func (f *fields) read(n *yaml.Node, explicit bool, merged map[*yaml.Node]bool) bool {
	l := f.l
	if keys := len(n.Content) / 2; keys > maxMappingKeys {
		l.problem(n, "this mapping has %d keys; no part of a guide needs more than %d", keys, maxMappingKeys)
		return false
	}
	if !l.keysOK(n) {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			if merged == nil {
				merged = map[*yaml.Node]bool{}
			}
			f.merge(v, merged)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			l.problem(k, "a key of %s must be a plain word, found %s", f.of.noun(), kindName(k))
			f.clean = false
			continue
		}
		if repeated(n, i) {
			continue // reported by keysOK
		}
		i := indexOf(f.keys, k.Value)
		if i < 0 {
			l.problem(k, "unknown field %q in %s", k.Value, f.of.noun())
			l.ps.hint("use one of %s", strings.Join(f.keys, ", "))
			f.clean = false
			continue
		}
		if explicit || f.vals[i] == nil {
			f.vals[i] = v
		}
	}
	return true
}

// merge takes the keys of the mapping (or list of mappings) merged in with
// "<<", each mapping once however often it is merged.
func (f *fields) merge(v *yaml.Node, merged map[*yaml.Node]bool) {
	v, prev := f.l.follow(v)
	defer func() { f.l.alias = prev }()
	if merged[v] {
		return
	}
	merged[v] = true
	switch v.Kind {
	case yaml.MappingNode:
		f.read(v, false, merged)
	case yaml.SequenceNode:
		for _, c := range v.Content {
			f.merge(c, merged)
		}
	default:
		f.l.problem(v, "\"<<\" merges a mapping into %s, found %s", f.of.noun(), kindName(v))
		f.clean = false
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// get returns the value of a known key, or nil when it is absent.
func (f *fields) get(key string) *yaml.Node {
	return f.vals[indexOf(f.keys, key)]
}

// missing reports a required field that is absent, with a hint when not
// empty, unless the mapping has an unknown key (probably the same field
// misspelt, reported already).
func (f *fields) missing(hint, format string, args ...any) {
	if f.clean {
		f.l.problem(f.at, format, args...)
		if hint != "" {
			f.l.ps.hint("%s", hint)
		}
	}
}

// text reads a text field. A required one that is absent is reported as
// missing. It returns "" for an absent or broken field.
func (f *fields) text(key, label string, limit int, required bool) string {
	what := field{f.of, label}
	n := f.get(key)
	if n == nil {
		if required {
			f.missing("", "%s is missing", what)
		}
		return ""
	}
	s, ok := f.l.text(n, what, limit)
	if s == "" && ok && required {
		f.missing("", "%s is missing", what)
	}
	return s
}

// text reads one text scalar; ok is false when n is not text.
func (l *loader) text(n *yaml.Node, what field, limit int) (s string, ok bool) {
	at := n
	n, prev := l.follow(n)
	defer func() { l.alias = prev }()
	if n.Kind != yaml.ScalarNode {
		l.problem(at, "%s must be text, found %s", what, kindName(n))
		l.hintForKind(n)
		return "", false
	}
	l.spend(n, &l.spent.text, len(n.Value), maxText)
	switch {
	case utf8.RuneCountInString(n.Value) > limit:
		l.problem(n, "%s is %d characters long", what, utf8.RuneCountInString(n.Value))
		l.ps.hint("keep it to %d", limit)
	case hasControl(n.Value):
		l.problem(n, "%s holds a control character (such as an escape code)", what)
		l.ps.hint("remove it")
	case cutByComment(n):
		l.problem(n, "%s stops at \" %s\": a \" #\" in unquoted text starts a comment", what, firstWord(n.LineComment))
		l.ps.hint("put the whole text in quotes to keep the rest")
	}
	return n.Value, true
}

// scalar reads a scalar that is not shown to people (an id, a reference);
// ok is false when n is not one.
func (l *loader) scalar(n *yaml.Node, what field) (s string, ok bool) {
	at := n
	n, prev := l.follow(n)
	defer func() { l.alias = prev }()
	if n.Kind != yaml.ScalarNode {
		l.problem(at, "%s must be text, found %s", what, kindName(n))
		return "", false
	}
	l.spend(n, &l.spent.text, len(n.Value), maxText)
	return n.Value, true
}

// cutByComment reports whether unquoted text is followed on its line by
// what looks like more of it ("Size #7") rather than a comment ("# why"),
// which YAML silently drops.
func cutByComment(n *yaml.Node) bool {
	c := n.LineComment
	return n.Style == 0 && len(c) > 1 && c[0] == '#' && c[1] != ' ' && c[1] != '#' && !strings.Contains(c, "\n")
}

func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return w
}

// hintForKind explains how a mapping can appear where text was meant: a
// ": " in unquoted text makes one.
func (l *loader) hintForKind(n *yaml.Node) {
	if n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle == 0 {
		l.ps.hint("a \": \" inside unquoted text starts a key; put the text in quotes if it is one sentence")
	}
}

// integer reads a whole number; ok is false when n is not one.
func (l *loader) integer(n *yaml.Node, what field) (v int, ok bool) {
	v, ok = l.wholeNumber(n)
	if !ok {
		l.problem(n, "%s must be a whole number, found %s", what, kindName(n))
	}
	return v, ok
}

// wholeNumber reads a whole number without reporting anything.
func (l *loader) wholeNumber(n *yaml.Node) (int, bool) {
	n, prev := l.follow(n)
	l.alias = prev
	v, err := strconv.Atoi(n.Value)
	return v, n.Kind == yaml.ScalarNode && err == nil
}

// list reads a list, calling each for its items. It reports anything else
// and returns false.
func (l *loader) list(n *yaml.Node, what field, each func(item *yaml.Node)) bool {
	at := n
	n, prev := l.follow(n)
	defer func() { l.alias = prev }()
	if n.Kind != yaml.SequenceNode {
		l.problem(at, "%s must be a list (lines starting with \"- \"), found %s", what, kindName(n))
		return false
	}
	for _, item := range n.Content {
		each(item)
	}
	return true
}

// id reads an id field, reporting it when missing or not of the allowed
// form. It returns "" for an id that cannot be used.
func (f *fields) id() string {
	what := f.of
	n := f.get("id")
	if n == nil {
		f.missing("", "%s has no id", what)
		return ""
	}
	s, ok := f.l.scalar(n, field{f.of, "id"})
	if !ok {
		return ""
	}
	if s == "" {
		f.missing("", "%s has no id", what)
		return ""
	}
	if !validID(s) || len(s) > 40 {
		f.l.problem(n, "%s id %q must be lower-case letters, digits, - or _ (at most 40)", what, s)
		return ""
	}
	return s
}

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

// validAccent accepts a colour as "#rrggbb", "#rgb" or an ANSI number of
// one to three digits.
func validAccent(s string) bool {
	if hex, ok := strings.CutPrefix(s, "#"); ok {
		return (len(hex) == 6 || len(hex) == 3) && strings.Trim(hex, "0123456789abcdefABCDEF") == ""
	}
	return len(s) >= 1 && len(s) <= 3 && strings.Trim(s, "0123456789") == ""
}

func hasControl(s string) bool {
	for _, r := range s {
		if (r < 0x20 && r != '\n') || (r >= 0x7f && r < 0xa0) {
			return true
		}
	}
	return false
}

// kindName says what a node is, in words a guide author knows.
func kindName(n *yaml.Node) string {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Value == "" {
		return "nothing"
	}
	v := []rune(n.Value)
	if len(v) > 40 {
		return strconv.Quote(string(v[:40]) + "…")
	}
	return strconv.Quote(n.Value)
}

// keysOK reports repeated keys in a mapping, and refuses one too large
// to be meant.
func (l *loader) keysOK(n *yaml.Node) bool {
	if keys := len(n.Content) / 2; keys > maxMappingKeys {
		l.problem(n, "this mapping has %d keys; no part of a guide needs more than %d", keys, maxMappingKeys)
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if j := firstOf(n, i); j >= 0 {
			k := n.Content[i]
			l.problem(k, "key %q is already set at line %d", k.Value, n.Content[j].Line)
			l.ps.hint("keep one of them")
		}
	}
	return true
}

// repeated reports whether key i of mapping n repeats an earlier one.
func repeated(n *yaml.Node, i int) bool { return firstOf(n, i) >= 0 }

// firstOf finds an earlier key equal to key i of mapping n, or -1. The
// mappings are small (keysOK bounds them), so a scan costs less than a map.
func firstOf(n *yaml.Node, i int) int {
	k := n.Content[i]
	if k.Kind != yaml.ScalarNode {
		return -1
	}
	for j := 0; j < i; j += 2 {
		if c := n.Content[j]; c.Kind == yaml.ScalarNode && c.Value == k.Value {
			return j
		}
	}
	return -1
}
