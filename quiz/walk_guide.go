package quiz

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// The known keys of each part of a guide, in the order "known fields"
// hints list them.
var (
	guideKeys     = []string{"version", "name", "shop", "decision", "outcomes", "questions", "rules", "checklist"}
	shopKeys      = []string{"name", "tagline", "accent", "contact"}
	decisionKeys  = []string{"close_call", "margin"}
	outcomeKeys   = []string{"id", "label", "mid_sentence", "summary", "close"}
	questionKeys  = []string{"id", "title", "prompt", "why", "max", "options"}
	optionKeys    = []string{"id", "label", "detail", "points", "reason", "rules_out", "caution"}
	ruleKeys      = []string{"id", "when", "points", "reason"}
	checklistKeys = []string{"group", "outcomes", "items"}
)

// guide walks the document's top mapping. The parts are taken in the
// order they refer to each other (outcomes first, as everything names
// them), whatever order the file has them in.
func (l *loader) guide(doc *yaml.Node) {
	g := l.g
	top := l.mapping(doc, part{kind: "guide"}, guideKeys)
	if top == nil {
		return
	}
	// Unknown keys at the top (a misspelt "questions:") would make the
	// checks for missing parts only echo them.
	if v := top.get("version"); v == nil {
		if top.clean {
			l.ps.add(1, 0, "the guide has no version")
			l.ps.hint("add \"version: %d\" at the top", SchemaVersion)
		}
	} else if n, ok := l.integer(v, field{name: "version"}); ok && n != SchemaVersion {
		l.problem(v, "version %d is not one this program reads; it reads version %d", n, SchemaVersion)
	}
	g.Version = SchemaVersion
	g.Name = top.text("name", "name", maxTitleLen, false)
	if g.Name == "" {
		g.Name = "Buying guide"
	}
	if v := top.get("shop"); v != nil {
		l.shop(v)
	}
	l.outcomes(top)
	if v := top.get("decision"); v != nil {
		l.decision(v)
	}
	l.questions(top)
	g.rulesByQuestion = make([][]int, len(g.Questions))
	g.rulesByOption = make([][]int, g.nOptions)
	if v := top.get("rules"); v != nil {
		l.rules(v)
	}
	if v := top.get("checklist"); v != nil {
		l.checklist(v)
	}
	l.checklistCoversOutcomes()
	g.codeFP = g.codeFingerprint()
}

func (l *loader) shop(n *yaml.Node) {
	f := l.mapping(n, part{kind: "shop"}, shopKeys)
	if f == nil {
		return
	}
	l.g.Shop = Shop{
		Name:    f.text("name", "name", maxTitleLen, false),
		Tagline: f.text("tagline", "tagline", maxLabelLen, false),
		Accent:  f.text("accent", "accent", 7, false),
		Contact: f.text("contact", "contact", maxLabelLen, false),
	}
	if a := l.g.Shop.Accent; a != "" && !validAccent(a) {
		l.problem(f.get("accent"), "shop accent %q must be a colour like \"#7a4fd0\" or an ANSI number 0-255", a)
	}
}

func (l *loader) outcomes(top *fields) {
	g := l.g
	v := top.get("outcomes")
	if v != nil {
		whole := l.list(v, field{name: "outcomes"}, func(item *yaml.Node) {
			f := l.mapping(item, part{kind: "outcome"}, outcomeKeys)
			if f == nil {
				l.outcomesIncomplete = true
				return
			}
			oid := f.id()
			if oid == "" {
				l.outcomesIncomplete = true
			} else if _, dup := g.outcomeIdx[oid]; dup {
				l.problem(f.get("id"), "outcome id %q is used twice", oid)
				l.outcomesIncomplete = true
				return
			}
			f.of.id = oid
			o := Outcome{
				ID:          oid,
				Label:       f.text("label", "label", maxTitleLen, true),
				MidSentence: f.text("mid_sentence", "mid_sentence", maxTitleLen, false),
				Summary:     f.text("summary", "summary", maxTextLen, false),
				Close:       f.text("close", "close", maxTextLen, false),
				Line:        f.at.Line,
			}
			if oid != "" {
				g.outcomeIdx[oid] = len(g.Outcomes)
			}
			g.Outcomes = append(g.Outcomes, o)
		})
		l.outcomesIncomplete = l.outcomesIncomplete || !whole
	}
	if len(g.Outcomes) < 2 && !l.outcomesIncomplete && top.clean {
		l.ps.add(1, 0, "the guide needs at least two outcomes under \"outcomes\"")
	}
}

// outcomeIDs lists the outcomes for "(outcomes: a, b)" hints.
func (l *loader) outcomeIDs() string {
	ids := make([]string, len(l.g.Outcomes))
	for i, o := range l.g.Outcomes {
		ids[i] = o.ID
	}
	return quoteList(ids)
}

// outcomeRef reads a reference to an outcome; ok is false when it names
// none (reported, unless the outcomes are incomplete).
func (l *loader) outcomeRef(n *yaml.Node, subject fmt.Stringer, verb string) (string, bool) {
	id, ok := l.scalar(n, field{name: "an outcome id"})
	if !ok {
		return "", false
	}
	if _, known := l.g.outcomeIdx[id]; known {
		return id, true
	}
	if !l.outcomesIncomplete {
		l.problem(n, "%s %s outcome %q, which the guide does not have", subject, verb, id)
		l.ps.hint("use one of %s", l.outcomeIDs())
	}
	return "", false
}

func (l *loader) decision(n *yaml.Node) {
	f := l.mapping(n, part{kind: "decision"}, decisionKeys)
	if f == nil {
		return
	}
	if v := f.get("close_call"); v != nil {
		if id, ok := l.outcomeRef(v, field{part{kind: "decision"}, "close_call"}, "names"); ok {
			l.g.Decision.CloseCall = id
		}
	}
	if v := f.get("margin"); v != nil {
		if m, ok := l.integer(v, field{part{kind: "decision"}, "margin"}); ok {
			if m < 0 || m > 1000 {
				l.problem(v, "decision margin must be from 0 to 1000 points, found %d", m)
			}
			l.g.Decision.Margin = m
		}
	}
}

// points reads "outcome: points" pairs in file order, which a Go map
// would lose, so contributions list in the order the author wrote them.
// stated is true when the mapping has entries, even refused ones: their
// owner is not then also told that it gives no points.
func (l *loader) points(n *yaml.Node, owner part) (out []Points, stated bool) {
	n, prev := l.follow(n)
	defer func() { l.alias = prev }()
	if n.Kind != yaml.MappingNode {
		l.problem(n, "%s points must be a mapping of outcome id to a whole number, found %s", owner, kindName(n))
		l.ps.hint("e.g. \"points: {handcrafted: 2}\"")
		return nil, true
	}
	if !l.keysOK(n) {
		return nil, true
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		pts, ok := l.wholeNumber(v)
		if !ok {
			l.problem(v, "%s points for %q must be a whole number, found %s", owner, k.Value, kindName(v))
		}
		if ok && (pts < -100 || pts > 100) {
			l.problem(v, "%s points for %q must be from -100 to 100, found %d", owner, k.Value, pts)
		}
		id, known := l.outcomeRef(k, owner, "gives points to")
		if !known || !ok {
			continue
		}
		if slicesContainsOutcome(out, id) {
			l.problem(k, "%s gives points to %q twice", owner, id)
			continue
		}
		out = append(out, Points{Outcome: id, Points: pts, outcome: l.g.outcomeIdx[id]})
	}
	return out, len(n.Content) > 0
}

// wishes reads an option's "rules_out" (ruling is true) or "caution"
// mapping: outcome id to a required text (what would make the wish work;
// what to watch for), in file order, so a report names them in the order
// the author wrote them. A repeated outcome needs no check: the mapping's
// keys are checked like any other.
func (l *loader) wishes(n *yaml.Node, owner part, ruling bool) []Wish {
	key, verb, textName := "caution", "has a caution for", "caution for"
	if ruling {
		key, verb, textName = "rules_out", "rules out", "rules_out text for"
	}
	at := n
	n, prev := l.follow(n)
	defer func() { l.alias = prev }()
	if n.Kind != yaml.MappingNode {
		l.problem(at, "%s %s must be a mapping of outcome id to a text, found %s", owner, key, kindName(n))
		l.ps.hint("e.g. \"%s: {mass-produced: Only a maker can ...}\"", key)
		return nil
	}
	if !l.keysOK(n) {
		return nil
	}
	var out []Wish
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		id, ok := l.outcomeRef(k, owner, verb)
		if !ok {
			continue
		}
		if ruling && id == l.g.Decision.CloseCall {
			l.problem(k, "%s rules out %q, the close-call outcome, which is the verdict when wishes conflict", owner, id)
			l.ps.hint("rule out another outcome, or none")
			continue
		}
		what := field{owner, textName + " " + strconv.Quote(id)}
		text, ok := l.text(v, what, maxTextLen)
		if ok && text == "" {
			l.problem(v, "%s is missing", what)
		}
		out = append(out, Wish{Outcome: id, Text: text})
	}
	return out
}

// listLen is the length of the list n stands for, 0 if it is none.
func listLen(n *yaml.Node) int {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.SequenceNode {
		return 0
	}
	return len(n.Content)
}

func slicesContainsOutcome(ps []Points, id string) bool {
	for _, p := range ps {
		if p.Outcome == id {
			return true
		}
	}
	return false
}

func (l *loader) questions(top *fields) {
	g := l.g
	v := top.get("questions")
	if v == nil {
		if top.clean {
			l.ps.add(1, 0, "the guide has no questions under \"questions\"")
		}
		return
	}
	g.Questions = make([]Question, 0, min(listLen(v), maxQuestions))
	ok := l.list(v, field{name: "questions"}, func(item *yaml.Node) {
		if len(g.Questions) == maxQuestions {
			l.stop(item, "split the guide", "the guide has more than %d questions, the most it may have", maxQuestions)
		}
		l.question(item)
	})
	if !ok {
		l.questionsIncomplete = true
	} else if len(g.Questions) == 0 && !l.questionsIncomplete {
		l.problem(v, "the guide has no questions under \"questions\"")
	}
}

func (l *loader) question(item *yaml.Node) {
	g := l.g
	f := l.mapping(item, part{kind: "question"}, questionKeys)
	if f == nil {
		l.questionsIncomplete = true
		return
	}
	qid := f.id()
	if qid == "" {
		l.questionsIncomplete = true
	} else if _, dup := g.questionIdx[qid]; dup {
		l.problem(f.get("id"), "question id %q is used twice", qid)
		l.questionsIncomplete = true
		return
	}
	f.of.id = qid
	name := f.of
	qu := Question{
		ID:     qid,
		Title:  f.text("title", "title", maxTitleLen, true),
		Prompt: f.text("prompt", "prompt", maxTextLen, true),
		Why:    f.text("why", "why", maxTextLen, false),
		Max:    1,
		Line:   f.at.Line,
	}
	optionsWhole := true
	if v := f.get("options"); v == nil {
		f.missing("add at least two under \"options\"", "%s has no options", name)
	} else {
		qu.Options = make([]Option, 0, min(listLen(v), maxOptions))
		optionsWhole = l.list(v, field{name, "options"}, func(item *yaml.Node) {
			if len(qu.Options) == maxOptions {
				l.stop(item, "split the question", "%s has more than %d options, the most a question may have", name, maxOptions)
			}
			if !l.option(item, qid, &qu) {
				optionsWhole = false
			}
		})
		if optionsWhole && len(qu.Options) == 0 {
			l.problem(v, "%s has no options", name)
			l.ps.hint("add at least two under \"options\"")
		}
	}
	if v := f.get("max"); v != nil {
		if m, ok := l.integer(v, field{name, "max"}); ok {
			qu.Max = m
			if (m < 1 || m > len(qu.Options)) && optionsWhole {
				l.problem(v, "%s allows max %d choices; it must be from 1 to its %d options", name, m, len(qu.Options))
			}
		}
	}
	if qid == "" {
		return
	}
	g.questionIdx[qid] = len(g.Questions)
	g.optionBase = append(g.optionBase, g.nOptions)
	g.nOptions += len(qu.Options)
	g.Questions = append(g.Questions, qu)
	if !optionsWhole {
		if l.optionsIncomplete == nil {
			l.optionsIncomplete = map[string]bool{}
		}
		l.optionsIncomplete[qid] = true
	}
}

// option reads one option into qu; it returns false when the option could
// not be read whole.
func (l *loader) option(item *yaml.Node, qid string, qu *Question) bool {
	f := l.mapping(item, part{kind: "option", question: qid}, optionKeys)
	if f == nil {
		return false
	}
	oid := f.id()
	if oid != "" && qu.OptionIndex(oid) >= 0 {
		l.problem(f.get("id"), "%s has option id %q twice", part{kind: "question", id: qid}, oid)
		return false
	}
	f.of.id = oid
	name := f.of
	op := Option{
		ID:     oid,
		Label:  f.text("label", "label", maxLabelLen, true),
		Detail: f.text("detail", "detail", maxTextLen, false),
		Reason: f.text("reason", "reason", maxTextLen, false),
		Line:   f.at.Line,
	}
	stated := false
	if v := f.get("points"); v != nil {
		op.Points, stated = l.points(v, name)
	}
	if v := f.get("rules_out"); v != nil {
		op.RulesOut = l.wishes(v, name, true)
	}
	if v := f.get("caution"); v != nil {
		op.Caution = l.wishes(v, name, false)
	}
	if r := f.get("reason"); stated && op.Reason == "" && (r == nil || r.Kind == yaml.ScalarNode) {
		f.missing("add the sentence shown when it counts", "%s gives points but has no reason", name)
	}
	if oid == "" {
		return false
	}
	qu.Options = append(qu.Options, op)
	return true
}

func (l *loader) rules(n *yaml.Node) {
	g := l.g
	size := min(listLen(n), maxRules)
	g.Rules = make([]Rule, 0, size)
	seen := make(map[string]bool, size)
	l.list(n, field{name: "rules"}, func(item *yaml.Node) {
		if len(g.Rules) == maxRules {
			l.stop(item, "merge rules that give the same points", "the guide has more than %d rules, the most it may have", maxRules)
		}
		f := l.mapping(item, part{kind: "rule"}, ruleKeys)
		if f == nil {
			return
		}
		rid := f.id()
		if rid != "" && seen[rid] {
			l.problem(f.get("id"), "rule id %q is used twice", rid)
			return
		}
		seen[rid] = true
		f.of.id = rid
		name := f.of
		ru := Rule{
			ID:     rid,
			Reason: f.text("reason", "reason", maxTextLen, true),
			Line:   f.at.Line,
		}
		stated := false
		if v := f.get("points"); v != nil {
			ru.Points, stated = l.points(v, name)
		}
		if !stated {
			f.missing("add \"points:\" with at least one outcome", "%s gives no points", name)
		}
		var qs []int
		if v := f.get("when"); v == nil {
			f.missing("", "%s has no \"when\" condition", name)
		} else {
			before := l.spent.conds
			ru.When = l.cond(v, name, 0, &qs)
			ru.terms = l.spent.conds - before
		}
		for _, qi := range qs {
			g.rulesByQuestion[qi] = append(g.rulesByQuestion[qi], len(g.Rules))
		}
		ru.When.eachOption(func(o int) {
			if rs := g.rulesByOption[o]; len(rs) == 0 || rs[len(rs)-1] != len(g.Rules) {
				g.rulesByOption[o] = append(rs, len(g.Rules))
			}
		})
		g.Rules = append(g.Rules, ru)
	})
}

// cond reads a condition: a scalar "question=option", or a mapping with
// exactly one of all, any (lists of conditions) or not (one condition).
// qs collects the questions it looks at.
func (l *loader) cond(n *yaml.Node, owner part, depth int, qs *[]int) Cond {
	n, prev := l.follow(n)
	defer func() { l.alias = prev }()
	l.spend(n, &l.spent.conds, 1, maxConds)
	bad := Cond{opt: -1}
	if depth > maxCondDepth {
		l.problem(n, "condition nested more than %d levels deep", maxCondDepth)
		return bad
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return l.leaf(n, owner, qs)
	case yaml.MappingNode:
		if len(n.Content) != 2 {
			l.problem(n, "a condition mapping needs exactly one key: all, any or not")
			return bad
		}
		k, v := n.Content[0], n.Content[1]
		switch k.Value {
		case "all", "any":
			var subs []Cond
			if t, _ := l.follow(v); t.Kind == yaml.SequenceNode {
				subs = make([]Cond, 0, len(t.Content))
			}
			ok := l.list(v, field{name: strconv.Quote(k.Value)}, func(s *yaml.Node) {
				subs = append(subs, l.cond(s, owner, depth+1, qs))
			})
			if ok && len(subs) == 0 {
				l.problem(v, "%q needs a non-empty list of conditions", k.Value)
			}
			if k.Value == "all" {
				return Cond{All: subs}
			}
			return Cond{Any: subs}
		case "not":
			sub := l.cond(v, owner, depth+1, qs)
			return Cond{Not: &sub}
		default:
			l.problem(k, "unknown condition %q", k.Value)
			l.ps.hint("use all, any or not")
			return bad
		}
	default:
		l.problem(n, "a condition must be question=option or a mapping with all, any or not; found %s", kindName(n))
		return bad
	}
}

// leaf reads "question=option" and resolves it to the option's index.
func (l *loader) leaf(n *yaml.Node, owner part, qs *[]int) Cond {
	g := l.g
	qid, oid, ok := strings.Cut(n.Value, "=")
	qid, oid = strings.TrimSpace(qid), strings.TrimSpace(oid)
	c := Cond{Question: qid, Option: oid, opt: -1}
	if !ok || qid == "" || oid == "" {
		l.problem(n, "condition %q must look like question=option, e.g. occasion=milestone", n.Value)
		return c
	}
	qi, ok := g.questionIdx[qid]
	if !ok {
		if !l.questionsIncomplete {
			l.problem(n, "%s names question %q, which the guide does not have", owner, qid)
			l.ps.hint("use one of %s", quoteList(g.QuestionIDs()))
		}
		return c
	}
	qu := g.Questions[qi]
	oi := qu.OptionIndex(oid)
	if oi < 0 {
		if !l.optionsIncomplete[qid] {
			l.problem(n, "%s names option \"%s=%s\", which question %s does not have", owner, qid, oid, qid)
			l.ps.hint("use one of %s", quoteList(qu.OptionIDs()))
		}
		return c
	}
	c.opt = g.optionBase[qi] + oi
	if !slices.Contains(*qs, qi) {
		*qs = append(*qs, qi)
	}
	return c
}

func (l *loader) checklist(n *yaml.Node) {
	g := l.g
	ok := l.list(n, field{name: "checklist"}, func(item *yaml.Node) {
		f := l.mapping(item, part{kind: "checklist group"}, checklistKeys)
		if f == nil {
			l.checklistIncomplete = true
			return
		}
		cg := ChecklistGroup{Group: f.text("group", "name", maxTitleLen, true)}
		if v := f.get("outcomes"); v != nil {
			l.checklistIncomplete = !l.list(v, field{part{kind: "checklist group"}, "outcomes"}, func(o *yaml.Node) {
				if id, ok := l.outcomeRef(o, part{kind: "checklist group", id: cg.Group}, "names"); ok {
					cg.Outcomes = append(cg.Outcomes, id)
				} else {
					l.checklistIncomplete = true
				}
			}) || l.checklistIncomplete
		}
		if v := f.get("items"); v != nil {
			l.checklistIncomplete = !l.list(v, field{part{kind: "checklist"}, "items"}, func(it *yaml.Node) {
				l.spend(it, &l.spent.items, 1, maxItems)
				s, ok := l.text(it, field{part{kind: "checklist"}, "item"}, maxTextLen)
				if !ok {
					l.checklistIncomplete = true
					return
				}
				if s == "" {
					l.problem(it, "checklist item is missing")
					return
				}
				cg.Items = append(cg.Items, s)
			}) || l.checklistIncomplete
		}
		g.Checklist = append(g.Checklist, cg)
	})
	if !ok {
		l.checklistIncomplete = true
	}
}

// checklistCoversOutcomes reports outcomes that would get an empty
// checklist, unless the checklist or the outcomes are broken already.
func (l *loader) checklistCoversOutcomes() {
	if l.checklistIncomplete || l.outcomesIncomplete {
		return
	}
	for _, o := range l.g.Outcomes {
		n := 0
		for _, cg := range l.g.ChecklistFor(o.ID) {
			n += len(cg.Items)
		}
		if n == 0 && o.ID != "" {
			l.ps.add(o.Line, 0, "outcome %q has no checklist items", o.ID)
			l.ps.hint("add a checklist group for it (or one with no \"outcomes\", which applies to all)")
		}
	}
}
