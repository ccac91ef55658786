package quiz

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// AnswerError lists every problem with a set of answers, one per line, each
// naming the bad value and what would have been valid.
type AnswerError struct {
	Problems []string
	// Questions holds, for each problem, the question id it is about, so a
	// caller that read the answers from a file can add the file's line.
	Questions []string
}

func (e *AnswerError) Error() string { return strings.Join(e.Problems, "\n") }

// CheckAnswers reports answers the guide cannot take: unknown questions or
// options, repeats, and more choices than a question allows.
func (g *Guide) CheckAnswers(a Answers) error {
	var probs, about []string
	add := func(qid, msg string) {
		probs = append(probs, msg)
		about = append(about, qid)
	}
	qids := make([]string, 0, len(a))
	for qid := range a {
		qids = append(qids, qid)
	}
	// Report in guide order (unknown ids last, sorted) so output is stable.
	sort.Slice(qids, func(i, j int) bool {
		ii, jj := g.QuestionIndex(qids[i]), g.QuestionIndex(qids[j])
		if ii < 0 || jj < 0 {
			if ii == jj {
				return qids[i] < qids[j]
			}
			return jj < 0
		}
		return ii < jj
	})
	for _, qid := range qids {
		qu, ok := g.Question(qid)
		if !ok {
			add(qid, fmt.Sprintf("unknown question %q (questions: %s)", qid, quoteList(g.QuestionIDs())))
			continue
		}
		seen := map[string]bool{}
		for _, oid := range a[qid] {
			switch {
			case qu.OptionIndex(oid) < 0:
				add(qid, fmt.Sprintf("question %q has no option %q (options: %s)", qid, oid, quoteList(qu.OptionIDs())))
			case seen[oid]:
				add(qid, fmt.Sprintf("question %q: option %q is given twice", qid, oid))
			}
			seen[oid] = true
		}
		if len(a[qid]) > qu.Max {
			if qu.Max == 1 {
				add(qid, fmt.Sprintf("question %q takes one answer, got %d (%s)", qid, len(a[qid]), Inert(strings.Join(a[qid], ","))))
			} else {
				add(qid, fmt.Sprintf("question %q takes at most %d answers, got %d", qid, qu.Max, len(a[qid])))
			}
		}
	}
	if probs != nil {
		return &AnswerError{Problems: probs, Questions: about}
	}
	return nil
}

// ParseAnswerFlag reads one "question=option" or "question=a,b" value, as
// given to --answer. Nothing after "=" is an empty list: "none of these",
// which only a question taking several answers accepts.
func ParseAnswerFlag(s string) (string, []string, error) {
	qid, opts, ok := strings.Cut(s, "=")
	qid = strings.TrimSpace(qid)
	if !ok || qid == "" {
		return "", nil, fmt.Errorf("--answer %q: expected QUESTION=OPTION, e.g. --answer budget=invest", s)
	}
	list := []string{}
	for _, o := range strings.Split(opts, ",") {
		if o = strings.TrimSpace(o); o != "" {
			list = append(list, o)
		}
	}
	return qid, list, nil
}

// MatchIDs returns answers whose question and option ids are spelled as
// the guide spells them, when they differ only in case (Occasion=Gift for
// occasion=gift). Ids the guide does not know are left as they are, for
// CheckAnswers to name.
func (g *Guide) MatchIDs(a Answers) Answers {
	out := make(Answers, len(a))
	for qid, opts := range a {
		q, ok := g.Question(qid)
		if !ok {
			if q, ok = g.Question(strings.ToLower(qid)); ok {
				qid = q.ID
			}
		}
		if opts != nil {
			matched := make([]string, len(opts))
			for i, o := range opts {
				if ok && q.OptionIndex(o) < 0 && q.OptionIndex(strings.ToLower(o)) >= 0 {
					o = strings.ToLower(o)
				}
				matched[i] = o
			}
			opts = matched
		}
		if _, dup := out[qid]; dup {
			// Budget= and budget= both given: keep them both, so that
			// CheckAnswers reports the option given twice or too many.
			opts = append(out[qid], opts...)
		}
		out[qid] = opts
	}
	return out
}

// MaxAnswersSize bounds an answers file; a real one is a few hundred bytes.
const MaxAnswersSize = 64 << 10

// LoadAnswers reads an answers file: YAML or JSON (JSON is YAML), a mapping
// of question id to one option id or a list of them.
func LoadAnswers(path string) (Answers, error) {
	f, err := ReadAnswersFile(path)
	if err != nil {
		return nil, err
	}
	return f.Answers, nil
}

// AnswersFile is an answers file as read, with the line each question is
// answered on, so that a problem found later can point at it.
type AnswersFile struct {
	Path    string
	Answers Answers
	Lines   map[string]int
}

// Locate prefixes each problem of an *AnswerError with "path:line: " when
// its question's answer came from this file; keep reports which answers
// still stand as the file gave them (false for one a flag overrode).
func (f *AnswersFile) Locate(err error, keep func(question string) bool) error {
	ae, ok := err.(*AnswerError)
	if !ok {
		return err
	}
	type located struct {
		line           int // 0 for an answer the file did not give
		problem, about string
	}
	var ps []located
	for i, p := range ae.Problems {
		l := located{problem: p, about: ae.Questions[i]}
		if line, ok := f.Lines[ae.Questions[i]]; ok && keep(ae.Questions[i]) {
			l.line = line
			l.problem = fmt.Sprintf("%s:%d: %s", f.Path, line, p)
		}
		ps = append(ps, l)
	}
	// In the file's line order, as someone fixing it reads it; problems
	// with flags' answers follow in the order they were found.
	sort.SliceStable(ps, func(i, j int) bool {
		if (ps[i].line == 0) != (ps[j].line == 0) {
			return ps[j].line == 0
		}
		return ps[i].line < ps[j].line
	})
	out := &AnswerError{}
	for _, l := range ps {
		out.Problems = append(out.Problems, l.problem)
		out.Questions = append(out.Questions, l.about)
	}
	return out
}

// ReadAnswersFile reads an answers file like LoadAnswers, keeping lines.
func ReadAnswersFile(path string) (*AnswersFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the answers: %s", path, describeOSError(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxAnswersSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the answers: %s", path, describeOSError(err))
	}
	a, lines, err := parseAnswers(path, data)
	if err != nil {
		return nil, err
	}
	return &AnswersFile{Path: path, Answers: a, Lines: lines}, nil
}

// ParseAnswers decodes an answers file held in memory; file names it in
// messages.
func ParseAnswers(file string, data []byte) (Answers, error) {
	a, _, err := parseAnswers(file, data)
	return a, err
}

func parseAnswers(file string, data []byte) (Answers, map[string]int, error) {
	if len(data) > MaxAnswersSize {
		return nil, nil, fmt.Errorf("%s: the file is larger than %d KiB; an answers file is a short list of question: option lines", file, MaxAnswersSize>>10)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		// Same "file:line:col: message" form as a guide's problems.
		return nil, nil, syntaxProblems(data, err).err(file)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, nil, fmt.Errorf("%s:%d: the file holds more than one YAML document (a second \"---\"); keep one set of answers per file", file, secondDocument(data, extra.Line))
	}
	if len(doc.Content) == 0 {
		return Answers{}, nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, nil, fmt.Errorf("%s:%d: expected a mapping of question id to option id, e.g. \"budget: invest\"", file, root.Line)
	}
	a, lines := Answers{}, map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		var opts []string
		switch v.Kind {
		case yaml.ScalarNode:
			opts = []string{v.Value}
		case yaml.SequenceNode:
			for _, item := range v.Content {
				if item.Kind != yaml.ScalarNode {
					return nil, nil, fmt.Errorf("%s:%d: %q: each choice must be an option id", file, item.Line, k.Value)
				}
				opts = append(opts, item.Value)
			}
		default:
			return nil, nil, fmt.Errorf("%s:%d: %q: expected an option id or a list of them", file, v.Line, k.Value)
		}
		if _, dup := a[k.Value]; dup {
			return nil, nil, fmt.Errorf("%s:%d: question %q is answered twice", file, k.Line, k.Value)
		}
		a[k.Value] = opts
		lines[k.Value] = k.Line
	}
	return a, lines, nil
}
