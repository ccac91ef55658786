//go:build bench

// Command bare is the baseline for jewelguide's first-frame timing: a Bubble
// Tea program built from the same go.mod whose View returns a fixed string,
// so what it costs is the stack's own start-up and nothing of ours.
// scripts/bench.sh builds it; it is not part of the jewelguide binary.
package main

import (
	"flag"
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"
)

type model struct{}

func (model) Init() tea.Cmd { return nil }

// Update quits on any key, so the program can also be tried by hand.
func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyMsg); ok {
		return m, tea.Quit
	}
	return m, nil
}

func (model) View() string { return "bare frame: press any key\n" }

func main() {
	fps := flag.Int("fps", 0, "renderer frame rate (tea.WithFPS); 0 keeps Bubble Tea's default of 60")
	alt := flag.Bool("alt", true, "draw on the alternate screen, as jewelguide does")
	flag.Parse()
	var opts []tea.ProgramOption
	if *fps > 0 {
		opts = append(opts, tea.WithFPS(*fps))
	}
	if *alt {
		opts = append(opts, tea.WithAltScreen())
	}
	if _, err := tea.NewProgram(model{}, opts...).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "bare:", err)
		os.Exit(1)
	}
}
