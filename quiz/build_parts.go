package quiz

import "fmt"

func buildQuestions(g *Guide, r *rawGuide, ps *problems, text textFn, id idFn, points pointsFn, wishes, cautions wishesFn) {
	if len(r.Questions) == 0 {
		ps.add(1, 0, "the guide has no questions under \"questions\"")
	}
	if len(r.Questions) > maxQuestions {
		ps.add(r.Questions[maxQuestions].Line, 0, "the guide has %d questions; at most %d are allowed", len(r.Questions), maxQuestions)
		return
	}
	for _, rq := range r.Questions {
		qid := id(rq.ID, "question", rq.pos)
		if _, dup := g.questionIdx[qid]; dup && qid != "" {
			ps.add(rq.ID.Line, rq.ID.Col, "question id %q is used twice", qid)
			continue
		}
		name := "question " + q(qid)
		qu := Question{
			ID:     qid,
			Title:  text(rq.Title, name+" title", maxTitleLen, true, rq.pos),
			Prompt: text(rq.Prompt, name+" prompt", maxTextLen, true, rq.pos),
			Why:    text(rq.Why, name+" why", maxTextLen, false, rq.pos),
			Max:    1,
			Line:   rq.Line,
		}
		switch {
		case len(rq.Options) == 0:
			ps.add(rq.Line, rq.Col, "%s has no options; add at least two under \"options\"", name)
		case len(rq.Options) > maxOptions:
			ps.add(rq.Options[maxOptions].Line, 0, "%s has %d options; at most %d are allowed", name, len(rq.Options), maxOptions)
			rq.Options = rq.Options[:maxOptions]
		}
		if rq.Max != nil {
			qu.Max = rq.Max.V
			if rq.Max.V < 1 || rq.Max.V > len(rq.Options) {
				ps.add(rq.Max.Line, rq.Max.Col, "%s allows max %d choices; it must be from 1 to its %d options", name, rq.Max.V, len(rq.Options))
			}
		}
		seen := map[string]bool{}
		for _, ro := range rq.Options {
			oid := id(ro.ID, name+" option", ro.pos)
			if seen[oid] && oid != "" {
				ps.add(ro.ID.Line, ro.ID.Col, "%s has option id %q twice", name, oid)
				continue
			}
			seen[oid] = true
			oname := fmt.Sprintf("option %q of %s", oid, name)
			op := Option{
				ID:     oid,
				Label:  text(ro.Label, oname+" label", maxLabelLen, true, ro.pos),
				Detail: text(ro.Detail, oname+" detail", maxTextLen, false, ro.pos),
				Reason: text(ro.Reason, oname+" reason", maxTextLen, false, ro.pos),
				Points: points(ro.Points, oname),
				Line:   ro.Line,
			}
			op.RulesOut = wishes(ro.RulesOut, oname)
			op.Caution = cautions(ro.Caution, oname)
			if len(op.Points) > 0 && op.Reason == "" {
				ps.add(ro.Line, ro.Col, "%s gives points but has no reason; add the sentence shown when it counts", oname)
			}
			qu.Options = append(qu.Options, op)
		}
		g.questionIdx[qid] = len(g.Questions)
		g.optionBase = append(g.optionBase, g.nOptions)
		g.nOptions += len(qu.Options)
		g.Questions = append(g.Questions, qu)
	}
}

func buildRules(g *Guide, r *rawGuide, ps *problems, text textFn, id idFn, points pointsFn) {
	if len(r.Rules) > maxRules {
		ps.add(r.Rules[maxRules].Line, 0, "the guide has %d rules; at most %d are allowed", len(r.Rules), maxRules)
		return
	}
	g.rulesByQuestion = make([][]int, len(g.Questions))
	seen := map[string]bool{}
	for _, rr := range r.Rules {
		rid := id(rr.ID, "rule", rr.pos)
		if seen[rid] && rid != "" {
			ps.add(rr.ID.Line, rr.ID.Col, "rule id %q is used twice", rid)
			continue
		}
		seen[rid] = true
		name := "rule " + q(rid)
		ru := Rule{
			ID:     rid,
			Reason: text(rr.Reason, name+" reason", maxTextLen, true, rr.pos),
			Points: points(rr.Points, name),
			Line:   rr.Line,
		}
		if len(ru.Points) == 0 {
			ps.add(rr.Line, rr.Col, "%s gives no points; add \"points:\" with at least one outcome", name)
		}
		if rr.When == nil {
			ps.add(rr.Line, rr.Col, "%s has no \"when\" condition", name)
		} else {
			qs := map[int]bool{}
			ru.When = compileCond(g, *rr.When, name, ps, qs)
			for qi := range qs {
				g.rulesByQuestion[qi] = append(g.rulesByQuestion[qi], len(g.Rules))
			}
		}
		g.Rules = append(g.Rules, ru)
	}
}

func compileCond(g *Guide, rc rawCond, owner string, ps *problems, qs map[int]bool) Cond {
	if rc.Op == "" {
		c := Cond{Question: rc.Question, Option: rc.Option, opt: -1}
		qi, ok := g.questionIdx[rc.Question]
		if !ok {
			ps.add(rc.Line, rc.Col, "%s names question %q, which the guide does not have (questions: %s)", owner, rc.Question, quoteList(g.QuestionIDs()))
			return c
		}
		qu := g.Questions[qi]
		oi := qu.OptionIndex(rc.Option)
		if oi < 0 {
			ps.add(rc.Line, rc.Col, "%s names option \"%s=%s\", which question %s does not have (options: %s)", owner, rc.Question, rc.Option, rc.Question, quoteList(qu.OptionIDs()))
			return c
		}
		c.opt = g.optionBase[qi] + oi
		qs[qi] = true
		return c
	}
	subs := make([]Cond, len(rc.Subs))
	for i, s := range rc.Subs {
		subs[i] = compileCond(g, s, owner, ps, qs)
	}
	switch rc.Op {
	case "all":
		return Cond{All: subs}
	case "any":
		return Cond{Any: subs}
	default:
		return Cond{Not: &subs[0]}
	}
}

func buildChecklist(g *Guide, r *rawGuide, ps *problems, text textFn, outcomeIDs []string) {
	for _, rc := range r.Checklist {
		cg := ChecklistGroup{Group: text(rc.Group, "checklist group name", maxTitleLen, true, rc.pos)}
		for _, o := range rc.Outcomes {
			if _, ok := g.outcomeIdx[o.V]; !ok {
				ps.add(o.Line, o.Col, "checklist group %q names outcome %q, which the guide does not have (outcomes: %s)", cg.Group, o.V, quoteList(outcomeIDs))
				continue
			}
			cg.Outcomes = append(cg.Outcomes, o.V)
		}
		for _, it := range rc.Items {
			if s := text(it, "checklist item", maxTextLen, true, it.pos); s != "" {
				cg.Items = append(cg.Items, s)
			}
		}
		g.Checklist = append(g.Checklist, cg)
	}
	for _, o := range g.Outcomes {
		n := 0
		for _, cg := range g.ChecklistFor(o.ID) {
			n += len(cg.Items)
		}
		if n == 0 && o.ID != "" {
			ps.add(o.Line, 0, "outcome %q has no checklist items; add a checklist group for it (or one with no \"outcomes\", which applies to all)", o.ID)
		}
	}
}
