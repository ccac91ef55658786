package quiz

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// yaml.v3 reports a syntax error as "yaml: line N: …" in parser terms, and
// N is often where the enclosing block starts rather than where the
// mistake is. When it refuses a file, the text is scanned here for the
// mistakes people make — indentation that matches no open level, a tab, a
// ": " inside unquoted text, an unclosed quote or bracket — and each is
// reported where it is fixed. yaml.v3's own line is the last resort.

// syntaxProblems explains why yaml.v3 refused data with err.
func syntaxProblems(data []byte, err error) problems {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "yaml: unknown anchor '"); ok {
		name, _, _ = strings.Cut(name, "'")
		return unknownAnchor(data, name)
	}
	s := &scanner{}
	s.scan(data)
	if len(s.ps) > 0 {
		return s.ps
	}
	line, what := yamlLine(msg)
	var ps problems
	if strings.HasPrefix(what, "exceeded max depth") {
		ps.add(line, 0, "lists and mappings nest more than 10000 levels deep")
		ps.hint("a guide needs a few levels")
		return ps
	}
	ps.add(line, 0, "the YAML is not valid here or just below: %s", what)
	ps.hint("compare the indentation and punctuation with the lines above")
	return ps
}

// yamlLine reads the line out of a yaml.v3 syntax error, counted from 1.
// It prints its parser's lines counted from 0 and its scanner's from 1,
// and leaves the line out when it would be 0.
func yamlLine(msg string) (int, string) {
	msg = strings.TrimPrefix(msg, "yaml: ")
	rest, ok := strings.CutPrefix(msg, "line ")
	if !ok {
		return 1, msg
	}
	num, what, ok := strings.Cut(rest, ": ")
	line := 0
	for _, c := range num {
		if c < '0' || c > '9' {
			return 1, msg
		}
		line = line*10 + int(c-'0')
	}
	if !ok {
		return 1, msg
	}
	if strings.HasPrefix(what, "did not find expected") || strings.HasPrefix(what, "found duplicate %") ||
		strings.HasPrefix(what, "found incompatible") || strings.HasPrefix(what, "found undefined tag") {
		line++
	}
	return line, what
}

// unknownAnchor points at each use of an alias whose anchor is not defined.
func unknownAnchor(data []byte, name string) problems {
	var ps problems
	for i, l := range bytes.Split(data, []byte("\n")) {
		for off := 0; ; {
			j := bytes.Index(l[off:], []byte("*"+name))
			if j < 0 {
				break
			}
			j += off
			end := j + 1 + len(name)
			if end == len(l) || bytes.IndexByte([]byte(" ,]}\r"), l[end]) >= 0 {
				ps.add(i+1, utf8.RuneCount(l[:j])+1, "the alias *%s repeats an anchor &%s that is not defined before it", name, name)
				ps.hint("define \"&%s\" on the value to repeat, above this line, or remove the alias", name)
			}
			off = end
		}
	}
	if len(ps) == 0 {
		ps.add(1, 0, "an alias *%s repeats an anchor &%s that is not defined", name, name)
	}
	return ps
}

// level is one open block: a mapping's keys or a list's "- " items, at
// an indentation in columns from 0.
type level struct {
	indent int
	seq    bool
}

// scanner walks the text line by line, tracking what YAML would: open
// blocks, flow brackets, multi-line quotes and block scalars.
type scanner struct {
	ps     problems
	levels []level
	// opens is set when the line before ended a key or a "- " with no
	// value on it, so the next line may open a deeper block.
	opens bool
	// plain is set when the line before ended with unquoted text, which a
	// deeper line continues; plainLine is that line.
	plain     bool
	plainLine int

	// flow holds the open brackets; flowIndent is the indentation of the
	// line the first opened on, flowComment the line where a " #" hid
	// the rest of a line inside them.
	flow        []mark
	flowIndent  int
	flowComment int
	lastFlow    int

	// quote is the open multi-line quote, if any; quoteIndent the
	// indentation of the line it opened on.
	quote       *mark
	quoteIndent int

	// block is the indentation a block scalar's lines must exceed, or -1.
	block int
}

// mark is a place in the text: a line, a column from 1, and its character.
type mark struct {
	line, col int
	c         byte
}

func (s *scanner) scan(data []byte) {
	s.block = -1
	lines := bytes.Split(data, []byte("\n"))
	for i, raw := range lines {
		s.line(i+1, string(bytes.TrimSuffix(raw, []byte("\r"))))
		if len(s.ps) > 0 {
			// Past the first mistake the blocks are not what the author
			// meant, so what follows would only echo it.
			return
		}
	}
	last := len(lines)
	if s.quote != nil {
		s.unclosedQuote(last)
	}
	if len(s.flow) > 0 {
		s.unclosedFlow(s.lastFlow)
	}
}

func (s *scanner) unclosedQuote(next int) {
	q := s.quote
	s.ps.add(q.line, q.col, "this %c opens quoted text that is not closed before line %d", q.c, next)
	s.ps.hint("end the text with %c on line %d", q.c, q.line)
	s.quote = nil
}

func (s *scanner) unclosedFlow(last int) {
	b := s.flow[len(s.flow)-1]
	closing := map[byte]byte{'[': ']', '{': '}'}[b.c]
	s.ps.add(b.line, b.col, "this %c is not closed", b.c)
	if s.flowComment > 0 {
		s.ps.hint("a \" #\" on line %d starts a comment, which hides the rest of that line; put that text in quotes", s.flowComment)
	} else {
		s.ps.hint("close it with %c at the end of line %d", closing, last)
	}
	s.flow, s.flowComment = nil, 0
}

// keyLike reports whether a line's text starts like a block key or item.
func keyLike(t string) bool {
	if strings.HasPrefix(t, "- ") || t == "-" {
		return true
	}
	k, _, ok := strings.Cut(t, ":")
	return ok && k != "" && !strings.ContainsAny(k, " \"'{}[],#") && (len(t) == len(k)+1 || t[len(k)+1] == ' ')
}

func (s *scanner) line(n int, t string) {
	indent := len(t) - len(strings.TrimLeft(t, " "))
	body := t[indent:]
	if s.block >= 0 {
		if strings.TrimSpace(t) == "" || indent > s.block {
			return
		}
		s.block = -1
	}
	if s.quote != nil {
		if indent <= s.quoteIndent && keyLike(body) {
			s.unclosedQuote(n)
		} else {
			s.quoted(n, t, 0, s.quote.c)
			return
		}
	}
	if len(s.flow) > 0 && strings.TrimSpace(t) != "" {
		if indent <= s.flowIndent && keyLike(body) {
			s.unclosedFlow(s.lastFlow)
		} else {
			s.flowText(n, t, 0)
			return
		}
	}
	if tab := strings.IndexByte(body, '\t'); tab >= 0 && strings.TrimLeft(body, " \t") != "" &&
		strings.TrimLeft(body, " \t")[0] != '#' && strings.TrimLeft(body[:tab], " ") == "" {
		s.ps.add(n, indent+tab+1, "a tab in the indentation")
		s.ps.hint("YAML indents with spaces only; replace the tab with spaces")
		return
	}
	if body == "" || body[0] == '#' {
		return
	}
	if indent == 0 && (strings.HasPrefix(body, "---") || strings.HasPrefix(body, "...")) {
		s.levels, s.opens, s.plain = nil, false, false
		return
	}
	if s.plain && s.deeper(indent) {
		// More of the text on the line above.
		if c := plainColon(body); c >= 0 {
			s.ps.add(n, indent+c+1, "this line is indented more than the key on line %d, so it reads as more of that line's text, where \": \" cannot stand", s.plainLine)
			s.ps.hint("indent it like the keys it belongs with, or quote the text")
		}
		return
	}
	s.place(n, indent, body)
	s.content(n, t, indent)
}

// deeper reports whether indent is deeper than the innermost open block.
func (s *scanner) deeper(indent int) bool {
	return len(s.levels) == 0 || indent > s.levels[len(s.levels)-1].indent
}

// place checks a line's indentation against the open blocks.
func (s *scanner) place(n, indent int, body string) {
	item := strings.HasPrefix(body, "- ") || body == "-"
	if s.deeper(indent) {
		if len(s.levels) > 0 && !s.opens {
			s.ps.add(n, indent+1, "this line is indented more than the line above, which opens nothing under it")
			s.ps.hint("indent it to column %d, like the lines it belongs with", s.levels[len(s.levels)-1].indent+1)
		}
		return
	}
	var popped *level
	for len(s.levels) > 0 && s.levels[len(s.levels)-1].indent > indent {
		l := s.levels[len(s.levels)-1]
		popped = &l
		s.levels = s.levels[:len(s.levels)-1]
	}
	if len(s.levels) == 0 || s.levels[len(s.levels)-1].indent < indent {
		at := []string{}
		if len(s.levels) > 0 {
			at = append(at, fmt.Sprint(s.levels[len(s.levels)-1].indent+1))
		}
		if popped != nil {
			at = append(at, fmt.Sprint(popped.indent+1))
		}
		s.ps.add(n, indent+1, "this line's indentation matches no line above it")
		s.ps.hint("start it in column %s, like the lines it belongs with", strings.Join(at, " or "))
		s.levels = append(s.levels, level{indent: indent, seq: item})
		return
	}
	top := s.levels[len(s.levels)-1]
	if !top.seq && item && !s.opens {
		s.ps.add(n, indent+1, "a list item (\"- \") among the keys of a mapping")
		s.ps.hint("make it the value of a key that ends with \":\", or remove the \"- \"")
		return
	}
	if top.seq && !item {
		// A list may stand at its key's indentation; then this line is
		// the next key.
		if len(s.levels) > 1 && s.levels[len(s.levels)-2].indent == indent {
			s.levels = s.levels[:len(s.levels)-1]
			return
		}
		s.ps.add(n, indent+1, "this line is at the indentation of a list's \"- \" items but is not one")
		if popped != nil {
			s.ps.hint("indent it to column %d, like the lines above it, or start a new item with \"- \"", popped.indent+1)
		} else {
			s.ps.hint("start it with \"- \", or indent it under the item it belongs to")
		}
	}
}

// content reads the rest of a line: "- " items, a key, and its value.
func (s *scanner) content(n int, t string, i int) {
	s.opens, s.plain = false, false
	for strings.HasPrefix(t[i:], "- ") || t[i:] == "-" {
		s.push(level{indent: i, seq: true})
		i++
		for i < len(t) && t[i] == ' ' {
			i++
		}
		if i == len(t) {
			s.opens = true
			return
		}
	}
	if c := keyColon(t[i:]); c >= 0 {
		s.push(level{indent: i})
		i += c + 1
		for i < len(t) && t[i] == ' ' {
			i++
		}
	}
	s.value(n, t, i)
}

func (s *scanner) push(l level) {
	if len(s.levels) > 0 {
		top := s.levels[len(s.levels)-1]
		if top.indent == l.indent && top.seq == l.seq {
			return
		}
	}
	s.levels = append(s.levels, l)
}

// keyColon finds the ": " (or final ":") that ends a plain or quoted key
// at the start of t, or -1.
func keyColon(t string) int {
	if t == "" || strings.ContainsRune("[{|>#", rune(t[0])) {
		return -1
	}
	if t[0] == '"' || t[0] == '\'' {
		end := closingQuote(t, 1, t[0])
		if end < 0 || end+1 >= len(t) || t[end+1] != ':' {
			return -1
		}
		return end + 1
	}
	return plainColon(t)
}

// plainColon finds a ": " or a final ":" in unquoted text, or -1.
func plainColon(t string) int {
	for i := 0; i < len(t); i++ {
		if t[i] == '#' && i > 0 && t[i-1] == ' ' {
			return -1
		}
		if t[i] == ':' && (i+1 == len(t) || t[i+1] == ' ') {
			return i
		}
	}
	return -1
}

// closingQuote finds the quote closing text opened before from, or -1.
func closingQuote(t string, from int, q byte) int {
	for i := from; i < len(t); i++ {
		switch {
		case q == '"' && t[i] == '\\':
			i++
		case t[i] == q && q == '\'' && i+1 < len(t) && t[i+1] == '\'':
			i++
		case t[i] == q:
			return i
		}
	}
	return -1
}

// value reads a value starting at t[i].
func (s *scanner) value(n int, t string, i int) {
	// Anchors and tags come before the value itself.
	for i < len(t) && (t[i] == '&' || t[i] == '!') {
		for i < len(t) && t[i] != ' ' {
			i++
		}
		for i < len(t) && t[i] == ' ' {
			i++
		}
	}
	rest := t[i:]
	switch {
	case rest == "" || rest[0] == '#':
		s.opens = true
	case rest[0] == '"' || rest[0] == '\'':
		s.quoteIndent = len(t) - len(strings.TrimLeft(t, " "))
		s.quoted(n, t, i+1, rest[0])
	case rest[0] == '[' || rest[0] == '{':
		s.flowIndent = len(t) - len(strings.TrimLeft(t, " "))
		s.flowText(n, t, i)
	case rest[0] == '|' || rest[0] == '>':
		s.block = len(t) - len(strings.TrimLeft(t, " "))
	default:
		if c := plainColon(rest); c >= 0 {
			s.ps.add(n, i+c+1, "a \": \" inside unquoted text, which YAML reads as the start of a key")
			s.ps.hint("put the whole text in quotes: \"%s\"", strings.ReplaceAll(strings.TrimSpace(rest), `"`, `\"`))
			return
		}
		s.plain, s.plainLine = true, n
	}
}

// quoted reads quoted text from t[i], opened by q (now or on a line
// before), and what follows it on the line.
func (s *scanner) quoted(n int, t string, i int, q byte) {
	if s.quote == nil {
		s.quote = &mark{n, utf8.RuneCountInString(t[:i-1]) + 1, q}
	}
	end := closingQuote(t, i, q)
	if end < 0 {
		return
	}
	s.quote = nil
	after := strings.TrimLeft(t[end+1:], " ")
	if after == "" || after[0] == '#' || after[0] == ':' || (len(s.flow) > 0 && strings.ContainsRune(",]}", rune(after[0]))) {
		if len(s.flow) > 0 {
			s.flowText(n, t, end+1)
		}
		return
	}
	col := utf8.RuneCountInString(t[:len(t)-len(after)]) + 1
	s.ps.add(n, col, "text after the closing %c of quoted text", q)
	if q == '\'' {
		s.ps.hint("inside '…' write an apostrophe as '', or quote the text with \"…\" instead")
	} else {
		s.ps.hint("inside \"…\" write a quote as \\\", or quote the text with '…' instead")
	}
}

// flowText reads [ ] { } text from t[i], tracking open brackets.
func (s *scanner) flowText(n int, t string, i int) {
	s.lastFlow = n
	for ; i < len(t); i++ {
		switch c := t[i]; c {
		case '[', '{':
			s.flow = append(s.flow, mark{n, utf8.RuneCountInString(t[:i]) + 1, c})
		case ']', '}':
			if len(s.flow) == 0 || map[byte]byte{'[': ']', '{': '}'}[s.flow[len(s.flow)-1].c] != c {
				s.ps.add(n, utf8.RuneCountInString(t[:i])+1, "this %c closes no bracket opened before it", c)
				s.ps.hint("remove it, or open it with %c", map[byte]byte{']': '[', '}': '{'}[c])
				s.flow = nil
				return
			}
			s.flow = s.flow[:len(s.flow)-1]
			if len(s.flow) == 0 {
				return
			}
		case '"', '\'':
			if i == 0 || strings.ContainsRune(" [{,:", rune(t[i-1])) {
				s.quoted(n, t, i+1, c)
				return
			}
		case '#':
			if i > 0 && t[i-1] == ' ' {
				s.flowComment = n
				return
			}
		}
	}
}
