// Package data carries the default buying guide inside the binary, so
// jewelguide runs from any folder with no files beside it.
package data

import _ "embed"

// GuideFile is the name the embedded guide goes by in messages.
const GuideFile = "data/guide.yaml"

// Guide is the default guide's YAML.
//
//go:embed guide.yaml
var Guide []byte
