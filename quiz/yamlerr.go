package quiz

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// These read yaml.v3's error messages, so they are only needed when a
// guide or answers file has a mistake: compiled on first use, they cost a
// run that loads a good guide nothing.
var (
	yamlLineRe = lazyRegexp(`^(?:yaml: )?line (\d+)(?::(\d+))?: (.*)$`)
	// yaml.v3 names Go types in its messages; a guide author knows none of them.
	// The value part is absent for lists and mappings: "cannot unmarshal
	// !!seq into quiz.rawGuide".
	unmarshalRe = lazyRegexp("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (\\S+)$")
	unknownRe   = lazyRegexp(`^field (\S+) not found in type quiz\.rawGuide$`)
)

// lazyRegexp returns a function that compiles expr on its first call.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// yamlError turns a yaml.v3 error into one Problem per message, keeping its
// line numbers and rewording what would only make sense to a Go programmer.
func yamlError(file string, err error) error {
	return yamlProblems(err).err(file)
}

// onlyUnknownFields reports whether a decoding error is nothing but unknown
// keys. Those are decoded around (the rest of the guide is complete), so
// the guide's meaning can still be checked and every mistake reported in
// one run; a wrong type leaves a hole that would only cause echoes.
func onlyUnknownFields(err error) bool {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return false
	}
	for _, m := range te.Errors {
		if sm := yamlLineRe().FindStringSubmatch(m); sm != nil {
			m = sm[3]
		}
		if !strings.HasPrefix(m, "unknown field ") && !unknownRe().MatchString(m) {
			return false
		}
	}
	return true
}

func yamlProblems(err error) problems {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	var ps problems
	for _, m := range msgs {
		line, col := 0, 0
		if sm := yamlLineRe().FindStringSubmatch(m); sm != nil {
			line, _ = strconv.Atoi(sm[1])
			col, _ = strconv.Atoi(sm[2])
			m = sm[3]
		}
		if te == nil && !strings.HasPrefix(m, "yaml: unknown anchor") {
			line = syntaxLine(line, m)
		}
		m = reword(m)
		ps.add(line, col, "%s", m)
	}
	return ps
}

// yamlParserProblems are yaml.v3's parser messages, as opposed to its
// scanner's. It prints parser lines counted from 0 and scanner lines from
// 1, and leaves the line out when it would print 0.
var yamlParserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %YAML directive":        true,
	"found duplicate %TAG directive":         true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// syntaxLine turns the line yaml.v3 printed for a syntax error (0 if none)
// into a line counted from 1.
func syntaxLine(line int, msg string) int {
	if line == 0 || yamlParserProblems[msg] {
		return line + 1
	}
	return line
}

func reword(m string) string {
	if sm := unmarshalRe().FindStringSubmatch(m); sm != nil {
		found := fmt.Sprintf("%q", sm[2])
		switch sm[1] {
		case "map":
			found = "a mapping"
		case "seq":
			found = "a list"
		}
		want := "a single value"
		switch into := sm[3]; {
		case strings.HasPrefix(into, "[]"):
			want = "a list (lines starting with \"- \")"
		case strings.HasPrefix(into, "quiz.raw"), strings.HasPrefix(into, "map["):
			want = "a mapping of key: value lines"
		}
		return fmt.Sprintf("expected %s here, found %s", want, found)
	}
	if sm := unknownRe().FindStringSubmatch(m); sm != nil {
		return fmt.Sprintf("unknown field %q at the top of the guide (known fields: %s)", sm[1], quoteList(yamlKeys(rawGuideType)))
	}
	if m == "found character that cannot start any token" {
		return m + " (a tab used for indentation? YAML indents with spaces)"
	}
	if strings.Contains(m, "tab character") {
		return m + " (YAML indents with spaces; replace the tab)"
	}
	if len(m) > 5 && m[:5] == "yaml:" {
		m = m[6:]
	}
	return m
}
