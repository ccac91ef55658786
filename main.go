// Command jewelguide is a terminal buying-guide quiz: handcrafted or
// mass-produced jewellery? See README.md.
package main

import (
	"os"
	"runtime/debug"

	"github.com/charmbracelet/x/term"

	"github.com/jewelguide/jewelguide/quiz/cli"
)

func main() {
	ctx, stop := cli.SignalContext()
	code := cli.Main(ctx, os.Args[1:], cli.Env{
		Stdin:     os.Stdin,
		Stdout:    os.Stdout,
		Stderr:    os.Stderr,
		StdinTTY:  term.IsTerminal(os.Stdin.Fd()),
		StdoutTTY: term.IsTerminal(os.Stdout.Fd()),
		Width:     stdoutWidth,
		Version:   version(),
	})
	stop()
	os.Exit(code)
}

// stdoutWidth is the terminal's width, or 0 when stdout is not one.
func stdoutWidth() int {
	w, _, err := term.GetSize(os.Stdout.Fd())
	if err != nil {
		return 0
	}
	return w
}

// version reports the module version the binary was built from, or
// "(devel)" for a build from a checkout.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
