package quiz

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// MaxGuideSize is the largest guide file accepted. Checked before parsing so
// a huge or runaway file costs nothing; real guides are a few kilobytes.
const MaxGuideSize = 1 << 20

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
	fail := func(line int, format string, args ...any) error {
		return &GuideError{File: file, Problems: []Problem{{Line: line, Msg: fmt.Sprintf(format, args...)}}}
	}
	if len(data) > MaxGuideSize {
		return nil, fail(0, "the file is larger than %d KiB; a guide is a few kilobytes of YAML, so this is probably the wrong file", MaxGuideSize>>10)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return nil, fail(firstInvalidLine(data), "the file is not UTF-8 text; save it as UTF-8")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, fail(bytes.Count(data[:i], []byte("\n"))+1, "the file holds a NUL byte, so it is not a text file")
	}

	// The text is parsed once, into a node tree; the checks and the
	// decoding below all work from that tree (parsing is most of the cost
	// of loading).
	var tree yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&tree); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fail(0, "the file holds no guide: it is empty or only comments")
		}
		return nil, yamlError(file, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, fail(extra.Line, "the file holds more than one YAML document (a second \"---\"); keep one guide per file")
	}

	// yaml.v3 finds repeated keys by comparing each key of a mapping with
	// every other, recording one error per equal pair: 20,000 copies of
	// one key (100 KB) cost gigabytes. Check keys in one pass first, and
	// refuse mappings far larger than any a guide has, before decoding.
	if err := checkKeys(&tree).err(file); err != nil {
		return nil, err
	}

	var raw rawGuide
	var decodeProblems problems
	if err := decodeTop(&tree, &raw); err != nil {
		if !onlyUnknownFields(err) {
			return nil, yamlError(file, err)
		}
		decodeProblems = yamlProblems(err)
	}

	g, ps := build(&raw)
	if decodeProblems != nil {
		// Unknown keys at the top: its own checks (no questions, too few
		// outcomes) would only echo a misspelt "questions:".
		ps = withoutEchoes(ps, map[pos]bool{{1, 0}: true})
	}
	if err := append(decodeProblems, ps...).err(file); err != nil {
		return nil, err
	}
	g.File = file
	sum := sha256.Sum256(data)
	g.Hash = hex.EncodeToString(sum[:4])
	return g, nil
}

// decodeTop decodes a parsed guide into raw, refusing keys at the top that
// rawGuide does not declare, as a decoder with KnownFields would; a node
// tree cannot be decoded with KnownFields. The mapping is decoded one key
// at a time, so an unknown key's error stands in document order among the
// others, worded as yaml.v3 words it, and read back by yamlProblems like
// the rest. (The nested types check their own keys: see strictDecode.)
func decodeTop(doc *yaml.Node, raw *rawGuide) error {
	top := doc
	if top.Kind == yaml.DocumentNode && len(top.Content) == 1 {
		top = top.Content[0]
	}
	if top.Kind != yaml.MappingNode {
		return doc.Decode(raw)
	}
	var errs []string
	unknown := topKeyChecker(&errs)
	for i := 0; i+1 < len(top.Content); i += 2 {
		if unknown(top.Content[i], top.Content[i+1]) {
			continue
		}
		pair := *top
		pair.Content = top.Content[i : i+2]
		var te *yaml.TypeError
		if err := pair.Decode(raw); errors.As(err, &te) {
			errs = append(errs, te.Errors...)
		} else if err != nil {
			return err
		}
	}
	if errs != nil {
		return &yaml.TypeError{Errors: errs}
	}
	return nil
}

// topKeyChecker returns a function that reports whether key k (with value
// v) of the top mapping is unknown, adding an error for it to errs. A merge
// key ("<<") is known, but the keys it brings in are checked in turn, each
// mapping once however often it is merged.
func topKeyChecker(errs *[]string) func(k, v *yaml.Node) bool {
	known := yamlKeys(rawGuideType)
	seen := map[*yaml.Node]bool{}
	var merged func(v *yaml.Node)
	unknown := func(k, v *yaml.Node) bool {
		if k.Tag == "!!merge" {
			merged(v)
			return false
		}
		if slices.Contains(known, k.Value) {
			return false
		}
		*errs = append(*errs, fmt.Sprintf("line %d: field %s not found in type quiz.rawGuide", k.Line, k.Value))
		return true
	}
	merged = func(v *yaml.Node) {
		if seen[v] {
			return
		}
		seen[v] = true
		switch v.Kind {
		case yaml.AliasNode:
			if v.Alias != nil {
				merged(v.Alias)
			}
		case yaml.SequenceNode:
			for _, c := range v.Content {
				merged(c)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(v.Content); i += 2 {
				unknown(v.Content[i], v.Content[i+1])
			}
		}
	}
	return unknown
}

// maxMappingKeys bounds the keys of one mapping. A guide's largest are an
// option's fields or its points per outcome: a handful.
const maxMappingKeys = 200

// checkKeys reports repeated keys in every mapping of the document, and
// mappings too large to be meant, without following aliases.
func checkKeys(root *yaml.Node) problems {
	var ps problems
	stack := []*yaml.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Kind == yaml.AliasNode {
			continue
		}
		stack = append(stack, n.Content...)
		if n.Kind != yaml.MappingNode {
			continue
		}
		if keys := len(n.Content) / 2; keys > maxMappingKeys {
			ps.add(n.Line, n.Column, "this mapping has %d keys; no part of a guide needs more than %d", keys, maxMappingKeys)
			continue
		}
		seen := make(map[string]int, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				continue
			}
			if first, dup := seen[k.Value]; dup {
				ps.add(k.Line, k.Column, "key %q is already set at line %d; keep one of them", k.Value, first)
				continue
			}
			seen[k.Value] = k.Line
		}
	}
	return ps
}

func firstInvalidLine(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line
}
