package quiz

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// The raw* types mirror the YAML file. Each records where it stood so that
// validation, which runs after decoding, can still point at a line.
//
// yaml.v3 only enforces KnownFields on the top-level decoder, and a type
// with its own UnmarshalYAML gets a fresh, lenient decoder; strictDecode
// therefore checks the keys itself before decoding.

type pos struct{ Line, Col int }

// unknownKeys holds the keys of a mapping that its type does not declare.
// They are kept aside rather than returned as decoding errors: yaml.v3
// drops a list element whose decoding fails, and a question dropped for a
// misspelt key would make every rule naming it look wrong too.
type unknownKeys struct{ unknown []Problem }

func posOf(n *yaml.Node) pos { return pos{n.Line, n.Column} }

type rawGuide struct {
	Version   *rawInt        `yaml:"version"`
	Name      rawStr         `yaml:"name"`
	Shop      *rawShop       `yaml:"shop"`
	Decision  *rawDecision   `yaml:"decision"`
	Outcomes  []rawOutcome   `yaml:"outcomes"`
	Questions []rawQuestion  `yaml:"questions"`
	Rules     []rawRule      `yaml:"rules"`
	Checklist []rawChecklist `yaml:"checklist"`
}

type rawShop struct {
	Name    rawStr `yaml:"name"`
	Tagline rawStr `yaml:"tagline"`
	Accent  rawStr `yaml:"accent"`
	Contact rawStr `yaml:"contact"`
	pos
	unknownKeys
}

type rawDecision struct {
	CloseCall rawStr  `yaml:"close_call"`
	Margin    *rawInt `yaml:"margin"`
	pos
	unknownKeys
}

type rawOutcome struct {
	ID          rawStr `yaml:"id"`
	Label       rawStr `yaml:"label"`
	MidSentence rawStr `yaml:"mid_sentence"`
	Summary     rawStr `yaml:"summary"`
	Close       rawStr `yaml:"close"`
	pos
	unknownKeys
}

type rawQuestion struct {
	ID      rawStr      `yaml:"id"`
	Title   rawStr      `yaml:"title"`
	Prompt  rawStr      `yaml:"prompt"`
	Why     rawStr      `yaml:"why"`
	Max     *rawInt     `yaml:"max"`
	Options []rawOption `yaml:"options"`
	pos
	unknownKeys
}

type rawOption struct {
	ID       rawStr    `yaml:"id"`
	Label    rawStr    `yaml:"label"`
	Detail   rawStr    `yaml:"detail"`
	Points   rawPoints `yaml:"points"`
	Reason   rawStr    `yaml:"reason"`
	RulesOut rawWishes `yaml:"rules_out"`
	Caution  rawWishes `yaml:"caution"`
	pos
	unknownKeys
}

type rawRule struct {
	ID     rawStr    `yaml:"id"`
	When   *rawCond  `yaml:"when"`
	Points rawPoints `yaml:"points"`
	Reason rawStr    `yaml:"reason"`
	pos
	unknownKeys
}

type rawChecklist struct {
	Group    rawStr   `yaml:"group"`
	Outcomes []rawStr `yaml:"outcomes"`
	Items    []rawStr `yaml:"items"`
	pos
	unknownKeys
}

// rawStr is a text scalar with its place in the file.
type rawStr struct {
	V string
	pos
}

func (s *rawStr) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return typeErr(n, "expected text, found %s", kindName(n))
	}
	s.V, s.pos = n.Value, posOf(n)
	return nil
}

// rawInt is a whole number with its place in the file.
type rawInt struct {
	V int
	pos
}

func (i *rawInt) UnmarshalYAML(n *yaml.Node) error {
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil {
		return typeErr(n, "expected a whole number, found %s", kindName(n))
	}
	i.V, i.pos = v, posOf(n)
	return nil
}

type rawPoint struct {
	Outcome rawStr
	Points  int
}

// rawPoints keeps "outcome: points" pairs in file order, which a Go map
// would lose, so contributions list in the order the author wrote them.
type rawPoints struct {
	List []rawPoint
	pos
}

func (p *rawPoints) UnmarshalYAML(n *yaml.Node) error {
	p.pos = posOf(n)
	if n.Kind != yaml.MappingNode {
		return typeErr(n, "points must be a mapping of outcome id to a whole number, e.g. \"handcrafted: 2\"; found %s", kindName(n))
	}
	var errs []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		pts, err := strconv.Atoi(v.Value)
		if v.Kind != yaml.ScalarNode || err != nil || pts < -100 || pts > 100 {
			errs = append(errs, lineMsg(v, "points for %q must be a whole number from -100 to 100, found %s", k.Value, kindName(v)))
			continue
		}
		p.List = append(p.List, rawPoint{Outcome: rawStr{k.Value, posOf(k)}, Points: pts})
	}
	if errs != nil {
		return &yaml.TypeError{Errors: errs}
	}
	return nil
}

// rawWishes is an option's "rules_out" or "caution" mapping: outcome id
// to a text (what would make the wish work; what to watch for). Like rawPoints it keeps file
// order, so a report names the wishes in the order the author wrote them.
type rawWishes struct {
	List []rawWish
	pos
}

type rawWish struct {
	Outcome rawStr
	Text    rawStr
}

func (w *rawWishes) UnmarshalYAML(n *yaml.Node) error {
	w.pos = posOf(n)
	if n.Kind != yaml.MappingNode {
		return typeErr(n, "rules_out and caution take a mapping of outcome id to a text, e.g. \"mass-produced: Only a maker can ...\"; found %s", kindName(n))
	}
	var errs []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			errs = append(errs, lineMsg(v, "the entry for outcome %q must be a text, found %s", k.Value, kindName(v)))
			continue
		}
		w.List = append(w.List, rawWish{Outcome: rawStr{k.Value, posOf(k)}, Text: rawStr{v.Value, posOf(v)}})
	}
	if errs != nil {
		return &yaml.TypeError{Errors: errs}
	}
	return nil
}

// maxCondDepth bounds nested all/any/not so a hostile file cannot make the
// scorer recurse without end; real guides need two or three levels.
const maxCondDepth = 16

// rawCond is a condition: a scalar "question=option", or a mapping with
// exactly one of all, any (lists of conditions) or not (one condition).
type rawCond struct {
	Question, Option string
	Op               string // "", "all", "any" or "not"
	Subs             []rawCond
	pos
}

func (c *rawCond) UnmarshalYAML(n *yaml.Node) error {
	var errs []string
	c.parse(n, 0, &errs)
	if errs != nil {
		return &yaml.TypeError{Errors: errs}
	}
	return nil
}

func (c *rawCond) parse(n *yaml.Node, depth int, errs *[]string) {
	c.pos = posOf(n)
	if depth > maxCondDepth {
		*errs = append(*errs, lineMsg(n, "condition nested more than %d levels deep", maxCondDepth))
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		q, o, ok := strings.Cut(n.Value, "=")
		if !ok || q == "" || o == "" {
			*errs = append(*errs, lineMsg(n, "condition %q must look like question=option, e.g. occasion=milestone", n.Value))
			return
		}
		c.Question, c.Option = strings.TrimSpace(q), strings.TrimSpace(o)
	case yaml.MappingNode:
		if len(n.Content) != 2 {
			*errs = append(*errs, lineMsg(n, "a condition mapping needs exactly one key: all, any or not"))
			return
		}
		k, v := n.Content[0], n.Content[1]
		c.Op = k.Value
		switch k.Value {
		case "all", "any":
			if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
				*errs = append(*errs, lineMsg(v, "%q needs a non-empty list of conditions", k.Value))
				return
			}
			c.Subs = make([]rawCond, len(v.Content))
			for i, s := range v.Content {
				c.Subs[i].parse(s, depth+1, errs)
			}
		case "not":
			c.Subs = make([]rawCond, 1)
			c.Subs[0].parse(v, depth+1, errs)
		default:
			*errs = append(*errs, lineMsg(k, "unknown condition %q (use all, any or not)", k.Value))
		}
	default:
		*errs = append(*errs, lineMsg(n, "a condition must be question=option or a mapping with all, any or not; found %s", kindName(n)))
	}
}

func (x *rawShop) UnmarshalYAML(n *yaml.Node) error {
	x.pos = posOf(n)
	type plain rawShop
	return strictDecode(n, "shop", (*plain)(x), &x.unknown)
}

func (x *rawDecision) UnmarshalYAML(n *yaml.Node) error {
	x.pos = posOf(n)
	type plain rawDecision
	return strictDecode(n, "decision", (*plain)(x), &x.unknown)
}

func (x *rawOutcome) UnmarshalYAML(n *yaml.Node) error {
	x.pos = posOf(n)
	type plain rawOutcome
	return strictDecode(n, "outcome", (*plain)(x), &x.unknown)
}

func (x *rawQuestion) UnmarshalYAML(n *yaml.Node) error {
	x.pos = posOf(n)
	type plain rawQuestion
	return strictDecode(n, "question", (*plain)(x), &x.unknown)
}

func (x *rawOption) UnmarshalYAML(n *yaml.Node) error {
	x.pos = posOf(n)
	type plain rawOption
	return strictDecode(n, "option", (*plain)(x), &x.unknown)
}

func (x *rawRule) UnmarshalYAML(n *yaml.Node) error {
	x.pos = posOf(n)
	type plain rawRule
	return strictDecode(n, "rule", (*plain)(x), &x.unknown)
}

func (x *rawChecklist) UnmarshalYAML(n *yaml.Node) error {
	x.pos = posOf(n)
	type plain rawChecklist
	return strictDecode(n, "checklist group", (*plain)(x), &x.unknown)
}

// strictDecode decodes the keys that the target struct declares and
// records the others in unknown, naming the ones it does know. out must
// point to a struct with yaml tags.
func strictDecode(n *yaml.Node, what string, out any, unknown *[]Problem) error {
	if n.Kind != yaml.MappingNode {
		return typeErr(n, "%s must be a mapping of key: value lines, found %s", what, kindName(n))
	}
	known := yamlKeys(reflect.TypeOf(out).Elem())
	kept := *n
	kept.Content = nil
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if slices.Contains(known, k.Value) {
			kept.Content = append(kept.Content, k, n.Content[i+1])
			continue
		}
		*unknown = append(*unknown, Problem{Line: k.Line, Col: k.Column,
			Msg: fmt.Sprintf("unknown field %q in %s (known fields: %s)", k.Value, what, strings.Join(known, ", "))})
	}
	return kept.Decode(out)
}

func yamlKeys(t reflect.Type) []string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

func typeErr(n *yaml.Node, format string, args ...any) error {
	return &yaml.TypeError{Errors: []string{lineMsg(n, format, args...)}}
}

// lineMsg uses yaml.v3's "line N: msg" form, extended with a column, so our
// messages and the library's can be parsed back by one function.
func lineMsg(n *yaml.Node, format string, args ...any) string {
	return fmt.Sprintf("line %d:%d: ", n.Line, n.Column) + fmt.Sprintf(format, args...)
}

func kindName(n *yaml.Node) string {
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
