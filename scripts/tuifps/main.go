//go:build bench

// Command tuifps runs jewelguide's interface on the default guide with a
// chosen renderer frame rate (tea.WithFPS); tui.Run sets 120. Bubble Tea
// draws the first frame on the renderer's first tick, one frame period
// after start, so the rate moves the first-frame time; scripts/bench.sh
// runs this at the default 60 fps to show by how much. It is not part of
// the jewelguide binary.
package main

import (
	"flag"
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/jewelguide/jewelguide/data"
	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/tui"
)

func main() {
	fps := flag.Int("fps", 0, "renderer frame rate; 0 keeps Bubble Tea's default of 60, at most 120")
	flag.Parse()
	// As jewelguide loads it, from the tree made at build time.
	tree, ok := data.GuideTree()
	if !ok {
		fmt.Fprintln(os.Stderr, "tuifps: data/guide_tree.go is out of date; run go generate ./data")
		os.Exit(1)
	}
	g, err := quiz.ParseTree(data.GuideFile, data.Guide, tree)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tuifps:", err)
		os.Exit(1)
	}
	// The same options tui.Run would pass for a terminal run.
	opts := []tea.ProgramOption{tea.WithAltScreen()}
	if *fps > 0 {
		opts = append(opts, tea.WithFPS(*fps))
	}
	if _, err := tea.NewProgram(tui.New(tui.Options{Guide: g}), opts...).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "tuifps:", err)
		os.Exit(1)
	}
}
