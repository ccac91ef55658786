package data_test

import (
	"reflect"
	"testing"

	"github.com/jewelguide/jewelguide/data"
	"github.com/jewelguide/jewelguide/quiz"
)

// Start-up builds the guide from the generated tree; it must be the guide
// that parsing the text gives, and leave the tree as it found it for the
// next load.
func TestParseTreeMatchesParse(t *testing.T) {
	want, err := quiz.Parse(data.GuideFile, data.Guide)
	if err != nil {
		t.Fatal(err)
	}
	tree, ok := data.GuideTree()
	if !ok {
		t.Fatal("guide_tree.go was made from another guide.yaml (run go generate ./data)")
	}
	for i := 0; i < 2; i++ {
		got, err := quiz.ParseTree(data.GuideFile, data.Guide, tree)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("load %d: the guide built from the generated tree differs from the one parsed from guide.yaml", i+1)
		}
	}
}

// BenchmarkParseTree is start-up's loading of the built-in guide, from the
// tree made at build time; BenchmarkParse/default in package quiz parses
// the same guide from its text.
func BenchmarkParseTree(b *testing.B) {
	tree, ok := data.GuideTree()
	if !ok {
		b.Fatal("guide_tree.go was made from another guide.yaml (run go generate ./data)")
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := quiz.ParseTree(data.GuideFile, data.Guide, tree); err != nil {
			b.Fatal(err)
		}
	}
}
