// Package data carries the default buying guide inside the binary, so
// jewelguide runs from any folder with no files beside it.
package data

import (
	_ "embed"

	"gopkg.in/yaml.v3"
)

//go:generate go run gentree.go

// GuideFile is the name the embedded guide goes by in messages.
const GuideFile = "data/guide.yaml"

// Guide is the default guide's YAML.
//
//go:embed guide.yaml
var Guide []byte

// GuideTree is Guide as yaml.v3 parses it, made when the binary is built
// (guide_tree.go, by "go generate"), so start-up skips the parse. ok is
// false when guide.yaml changed after the tree was made: then parse Guide.
// The tree is shared: read it, never change it.
func GuideTree() (tree *yaml.Node, ok bool) {
	if string(Guide) != guideTreeSource {
		return nil, false
	}
	return &guideTree, true
}
