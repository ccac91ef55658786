package quiz

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with a guide, at a place in its file.
// Line and Col are 1-based; zero means the place is not known.
type Problem struct {
	Line int
	Col  int
	// Msg says what is wrong; Hint, when set, what to do about it.
	Msg  string
	Hint string
}

// GuideError lists every problem found in one guide file. Its Error text
// has one line per problem, each starting "file:line:col:", the form editors
// and terminals turn into a jump to the spot.
type GuideError struct {
	File     string
	Problems []Problem
	// Total counts every problem found, including those past the listed
	// ones when a badly broken file holds too many to show.
	Total int
}

// Count is how many problems were found, listed or not.
func (e *GuideError) Count() int {
	return max(e.Total, len(e.Problems))
}

func (e *GuideError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = e.format(p)
	}
	return strings.Join(lines, "\n")
}

// format writes one problem. Messages quote text from the file, and lists
// of ids ("outcomes: a, b") include ids that were refused for holding
// control characters, so the line is made inert as a whole.
func (e *GuideError) format(p Problem) string {
	file, msg := Inert(e.File), Inert(p.Msg)
	if p.Hint != "" {
		msg += "; " + Inert(p.Hint)
	}
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", file, p.Line, p.Col, msg)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", file, p.Line, msg)
	default:
		return fmt.Sprintf("%s: %s", file, msg)
	}
}

// maxProblems is how many problems one error lists at most.
const maxProblems = 50

// problems collects Problems while a guide is checked, so the user sees all
// of them in one run instead of fixing one at a time.
type problems []Problem

func (ps *problems) add(line, col int, format string, args ...any) {
	*ps = append(*ps, Problem{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// hint sets what to do about the problem added last.
func (ps problems) hint(format string, args ...any) {
	ps[len(ps)-1].Hint = fmt.Sprintf(format, args...)
}

func (ps problems) err(file string) error {
	if len(ps) == 0 {
		return nil
	}
	sorted := append([]Problem(nil), ps...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Line != sorted[j].Line {
			return sorted[i].Line < sorted[j].Line
		}
		return sorted[i].Col < sorted[j].Col
	})
	out := sorted
	// A hostile or badly broken file can hold tens of thousands of
	// problems; past the first screenful more lines help nobody.
	total := len(out)
	if len(out) > maxProblems {
		more := len(out) - maxProblems
		out = append(out[:maxProblems:maxProblems], Problem{Line: out[maxProblems].Line, Msg: fmt.Sprintf("... and %d more problems; fix the ones above first", more)})
	}
	return &GuideError{File: file, Problems: out, Total: total}
}

// quoteList renders ids for "(options: a, b, c)" hints.
func quoteList(ids []string) string {
	// A question or option whose id is missing is reported on its own;
	// listing it here as an empty entry would only confuse.
	var named []string
	for _, id := range ids {
		if id != "" {
			named = append(named, id)
		}
	}
	if len(named) == 0 {
		return "none"
	}
	return strings.Join(named, ", ")
}
