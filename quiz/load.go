package quiz

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// MaxGuideSize is the largest guide file accepted. Checked before parsing so
// a huge or runaway file costs nothing; real guides are a few kilobytes.
const MaxGuideSize = 1 << 20

// largeGuide is the size past which Parse collects the node tree as soon
// as it is done with it; below it a collection costs more than it saves.
const largeGuide = 256 << 10

// Load reads and validates the guide at path.
func Load(path string) (*Guide, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &GuideError{File: path, Problems: []Problem{{Msg: "cannot read the guide: " + describeOSError(err)}}}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxGuideSize+1))
	if err != nil {
		return nil, &GuideError{File: path, Problems: []Problem{{Msg: "cannot read the guide: " + describeOSError(err)}}}
	}
	return Parse(path, data)
}

func describeOSError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Parse decodes and validates a guide held in memory. file names it in
// error messages. Every problem found is reported, not only the first.
func Parse(file string, data []byte) (*Guide, error) {
	fail := func(line, col int, hint, format string, args ...any) error {
		return &GuideError{File: file, Problems: []Problem{{Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Hint: hint}}}
	}
	if len(data) > MaxGuideSize {
		return nil, fail(0, 0, "", "the file is larger than %d KiB; a guide is a few kilobytes of YAML, so this is probably the wrong file", MaxGuideSize>>10)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if ps := checkBytes(data); ps != nil {
		return nil, ps.err(file)
	}
	// yaml.v3 keeps about 150 bytes per value it parses: refuse a file
	// dense with values before it is parsed.
	switch line, deep := countValues(data); {
	case deep:
		return nil, fail(line, 0, "a guide needs a few dozen at most",
			"brackets ([ ] and { }) nest more than %d levels deep by this line", maxFlowDepth)
	case line > 0:
		return nil, fail(line, 0, "a guide for a shop needs far fewer; split it",
			"the file holds more than %s values (texts, numbers, list items, keys) by this line, the most a guide may hold", thousands(maxValues))
	}

	// The text is parsed once, into a node tree, and the guide is built
	// from it in one walk.
	var tree yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&tree); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fail(0, 0, "", "the file holds no guide: it is empty or only comments")
		}
		return nil, syntaxProblems(data, err).err(file)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, fail(secondDocument(data, extra.Line), 0, "keep one guide per file",
			"the file holds more than one YAML document (a second \"---\")")
	}
	return build(file, data, &tree)
}

// ParseTree builds and validates a guide from doc, the node tree that
// yaml.v3 decodes data into. It is for a guide parsed ahead of time, as
// the built-in one is when the binary is built: it checks what Parse
// checks of the tree, not of the text, so doc must come from data.
func ParseTree(file string, data []byte, doc *yaml.Node) (*Guide, error) {
	// Walked, never changed, and build clears only this copy's top: the
	// caller's tree can serve every load.
	top := *doc
	return build(file, data, &top)
}

// build turns a parsed tree into a guide; data is the text it came from.
func build(file string, data []byte, tree *yaml.Node) (*Guide, error) {
	l := &loader{g: &Guide{outcomeIdx: map[string]int{}, questionIdx: map[string]int{}}}
	l.walk(tree)
	if len(data) > largeGuide {
		// The node tree of a large guide is several times the guide built
		// from it, and garbage now. Collected at once, its memory serves
		// what the caller does next (check, a report) instead of the heap
		// growing to twice its size first.
		*tree, l.alias = yaml.Node{}, nil
		runtime.GC()
	}
	if err := l.ps.err(file); err != nil {
		return nil, err
	}
	g := l.g
	g.terms = l.spent.conds
	g.File = file
	sum := sha256.Sum256(data)
	g.Hash = hex.EncodeToString(sum[:4])
	return g, nil
}

// walk builds the guide from a parsed document, stopping at the first
// limit crossed.
func (l *loader) walk(doc *yaml.Node) {
	defer func() {
		if r := recover(); r != nil {
			over, ok := r.(overBudget)
			if !ok {
				panic(r)
			}
			l.ps = append(l.ps, over.p)
		}
	}()
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	l.guide(doc)
}

// secondDocument finds the line of a second document's "---" (or of the
// "..." that ends the first), for yaml.v3, which gives no line when the
// second document does not parse.
func secondDocument(data []byte, line int) int {
	if line > 0 {
		return line
	}
	content := false
	for i, l := range bytes.Split(data, []byte("\n")) {
		marker := bytes.HasPrefix(l, []byte("---")) || bytes.HasPrefix(l, []byte("..."))
		if marker && content {
			return i + 1
		}
		if t := bytes.TrimSpace(l); len(t) > 0 && t[0] != '#' && !marker {
			content = true
		}
	}
	return 0
}

// checkBytes reports what no YAML text holds, each where it is: bytes
// that are not UTF-8, a NUL, and control characters (which yaml.v3
// refuses without saying where).
func checkBytes(data []byte) problems {
	var ps problems
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			ps.add(line, col, "the file is not UTF-8 text")
			ps.hint("save it as UTF-8")
			return ps
		case r == 0:
			ps.add(line, col, "the file holds a NUL byte, so it is not a text file")
			return ps
		case r == '\n':
			line, col = line+1, 0
		case r < 0x20 && r != '\t' && r != '\r', r == 0x7f, r >= 0x80 && r < 0xa0 && r != 0x85, r == 0xfffe, r == 0xffff:
			ps.add(line, col, "the file holds an invisible control character (U+%04X)", r)
			ps.hint("delete it: most editors do not show it")
		}
		i += size
		col++
	}
	return ps
}
