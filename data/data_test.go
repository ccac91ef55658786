package data

import (
	"fmt"
	"reflect"
	"testing"

	"gopkg.in/yaml.v3"
)

// The generated tree must be what guide.yaml parses into today; after an
// edit of guide.yaml this fails until "go generate ./data" is run.
func TestGuideTree(t *testing.T) {
	var want yaml.Node
	if err := yaml.Unmarshal(Guide, &want); err != nil {
		t.Fatal(err)
	}
	got, ok := GuideTree()
	if !ok {
		t.Fatal("guide_tree.go was made from another guide.yaml (run go generate ./data)")
	}
	if reflect.DeepEqual(got, &want) {
		return
	}
	if d := firstDiff(got, &want); d != "" {
		t.Fatalf("guide_tree.go is out of date with guide.yaml (run go generate ./data): %s", d)
	}
	t.Fatal("guide_tree.go is out of date with guide.yaml (run go generate ./data)")
}

// firstDiff names the first node where the trees part, for a useful
// failure message.
func firstDiff(got, want *yaml.Node) string {
	g, w := *got, *want
	g.Content, w.Content = nil, nil
	if !reflect.DeepEqual(g, w) {
		return fmt.Sprintf("line %d: generated %+v, parsed %+v", want.Line, g, w)
	}
	if len(got.Content) != len(want.Content) {
		return fmt.Sprintf("line %d: generated %d children, parsed %d", want.Line, len(got.Content), len(want.Content))
	}
	for i := range want.Content {
		if d := firstDiff(got.Content[i], want.Content[i]); d != "" {
			return d
		}
	}
	return ""
}

// A guide.yaml edited without "go generate" must not start the quiz on
// the old tree.
func TestGuideTreeRefusesAnotherText(t *testing.T) {
	saved := Guide
	t.Cleanup(func() { Guide = saved })
	Guide = append([]byte("# edited\n"), saved...)
	if tree, ok := GuideTree(); ok || tree != nil {
		t.Fatal("GuideTree offered the tree of a guide.yaml that has changed since")
	}
}
