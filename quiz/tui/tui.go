// Package tui is jewelguide's full-screen interface: a Bubble Tea program
// that walks a shopper through a guide's questions, lets them review and
// change any answer, and shows the scored result with its checklist.
//
// The package only draws and reacts to keys; scoring and wording stay in
// package quiz, so the full-screen and plain modes cannot disagree.
package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/charmbracelet/lipgloss"

	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/shop"
)

// Options configures one run of the interface.
type Options struct {
	// Guide is the validated guide to ask; Run refuses a nil one.
	Guide *quiz.Guide
	// Answers are optional start answers; the CLI passes those of a
	// --resume code (answers given as flags or a file print a report
	// without asking). When they answer every question the run opens on
	// the review screen, so a shop assistant can check them with the
	// customer and go straight on.
	Answers quiz.Answers
	// Input is read for keys; nil means the terminal on standard input.
	Input io.Reader
	// Output receives the drawn frames; nil means standard output.
	Output io.Writer
	// NoColor drops every colour, for NO_COLOR; bold and the like stay.
	NoColor bool
	// Theme picks the colours (ThemeAuto by default).
	Theme Theme
	// Renderer, when set, is the terminal the styles are built for; nil
	// means Lip Gloss's default renderer, the process's own terminal. The
	// SSH server passes each session's renderer.
	Renderer *lipgloss.Renderer
	// Public turns the counter's own keys off (reference and note,
	// handouts), for customers served over SSH: nothing they type is kept
	// and no file is written for them. Their consultations are logged
	// marked public.
	Public bool
	// Resize delivers window size changes for an Output that is not the
	// process's terminal (an SSH session), where no signal announces them.
	Resize <-chan tea.WindowSizeMsg
	// NoSuspend ignores requests to suspend: in a server, suspending
	// stops the whole process, every other session with it.
	NoSuspend bool
	// AltScreen draws on the terminal's alternate screen, so the quiz
	// leaves the scrollback clean for the report printed after it.
	AltScreen bool
	// Review opens the review screen whenever Answers holds any answer,
	// even if some questions are still open, as --resume does: the shop
	// assistant checks the customer's earlier answers first.
	Review bool

	// SaveDir is the folder `s` writes handouts to; empty means the
	// current folder.
	SaveDir string
	// LogFile, when set, gets one JSON line per completed consultation,
	// written when the consultation ends (next customer, idle reset or
	// quit).
	LogFile string
	// Origin is the store and counter written into each log record.
	Origin shop.Origin
	// Idle resets the interface to the welcome screen after this long
	// without a key, so an unattended screen never shows the last
	// customer's answers; 0 turns it off.
	Idle time.Duration
	// Now is the clock for handout names and log times; nil means
	// time.Now. Tests pin it.
	Now func() time.Time
	// Suspend, when set, asks the interface to give the terminal back and
	// stop the process, as a shell's job control expects of SIGTSTP; it
	// takes the terminal again and redraws when the process is continued.
	// The caller turns the signal into a value here, and sees to it that
	// the SIGTSTP Bubble Tea then sends stops the process.
	Suspend <-chan struct{}
	// Hurry, when closed after ctx was cancelled, ends the wait for a
	// handout or log line at once: the run is cut short, the terminal
	// restored. The CLI closes it on a second signal.
	Hurry <-chan struct{}
}

// Outcome is how a run ended, for the caller to decide what to print and
// which exit status to use.
type Outcome struct {
	// Answers are the answers at exit. A multi-select question confirmed
	// with nothing ticked is present with an empty list.
	Answers quiz.Answers
	// Completed is set once the result screen was reached: the caller
	// should print the report for Answers after the interface is gone.
	Completed bool
	// Interrupted is set when the user pressed ctrl+c, which the terminal
	// in raw mode delivers as a key; the CLI exits 130. Signals, SIGINT
	// from another process included, do not set it: Bubble Tea's handler
	// is off, they arrive as a cancelled ctx, and Run returns its error.
	Interrupted bool
	// Reference is the customer reference typed for the consultation on
	// screen, for the caller that logs it (see Logged).
	Reference string
	// Logged is set once the consultation on screen has been handed to the
	// log (at quit or stop, with Options.LogFile set). A run cut short (a
	// stop that waited too long for a write, ctrl+c) can end without that:
	// when Completed is set and Logged is not, the caller logs Answers and
	// Reference itself, or the last consultation of the day goes missing.
	Logged bool
	// LogError is the last failure to write the consultation log during
	// the run, if any. The screen showed it at the time; the record was
	// kept for the next write (see shop.AppendLog), and the CLI shows at
	// exit whatever could still not be written.
	LogError error
}

// stopWait bounds how long a run stopped through its context waits for a
// handout or log line being written. A save to a working disk takes
// milliseconds; a folder on a server that stopped answering must not keep
// a closing terminal open. Tests shorten it.
var stopWait = 5 * time.Second

// Run shows the interface until the user quits and reports how it ended.
// Cancelling ctx ends it as q does, without asking: the consultation on
// screen is logged and a handout being saved is finished, for at most
// five seconds, after which the run is cut short. Run then returns an error
// wrapping the context's. The terminal is restored in every case.
//
// Signals are the caller's to turn into a cancelled ctx (cli.SignalContext
// does). Bubble Tea's own handler stays off: it sends its quit message
// without watching the context, so a signal arriving as ctx is cancelled
// left it blocked forever and the shutdown waiting on it.
func Run(ctx context.Context, opts Options) (Outcome, error) {
	if opts.Guide == nil {
		return Outcome{}, errors.New("tui: no guide to ask")
	}
	final, err := run(ctx, New(opts), opts)
	return final.Outcome(), err
}

// run drives m as Run does and returns the model as it ended.
func run(ctx context.Context, m Model, opts Options) (Model, error) {
	// Bubble Tea v1 draws only on its renderer's ticks, the first frame
	// included, and has no way to draw one at once: at the default 60 fps
	// the first screen waits up to 16.7 ms after start. 120 fps, the most
	// it allows, halves that wait, and every frame after a key with it;
	// a tick with nothing new to draw costs a comparison of two strings.
	popts := []tea.ProgramOption{tea.WithoutSignalHandler(), tea.WithFPS(120)}
	if opts.Input != nil {
		popts = append(popts, tea.WithInput(opts.Input))
	}
	if opts.Output != nil {
		popts = append(popts, tea.WithOutput(opts.Output))
	}
	if opts.AltScreen {
		popts = append(popts, tea.WithAltScreen())
	}
	if opts.NoSuspend {
		popts = append(popts, tea.WithFilter(dropSuspend))
	}
	p := tea.NewProgram(runner{m}, popts...)
	if opts.Resize != nil {
		stop := make(chan struct{})
		defer close(stop)
		go forwardResizes(p, opts.Resize, stop)
	}
	done := make(chan struct{})
	defer close(done)
	go steer(ctx, p, opts, done, stopWait)
	final, err := p.Run()
	if err == nil && ctx.Err() != nil {
		err = fmt.Errorf("the interface was stopped: %w", ctx.Err())
	}
	if fm, ok := final.(runner); ok {
		m = fm.Model
	}
	return m, err
}

// stopMsg asks the interface to end as q does, without asking.
type stopMsg struct{}

// steer passes what comes from outside the terminal to the program: a
// cancelled ctx as a stop, cut short after wait or by opts.Hurry, and
// suspend requests.
func steer(ctx context.Context, p *tea.Program, opts Options, done <-chan struct{}, wait time.Duration) {
	for {
		select {
		case <-done:
			return
		case <-opts.Suspend:
			p.Send(tea.SuspendMsg{})
		case <-ctx.Done():
			p.Send(stopMsg{})
			select {
			case <-done:
			case <-time.After(wait):
				p.Kill()
			case <-opts.Hurry:
				p.Kill()
			}
			return
		}
	}
}

// runner is the model as Run drives it: it also takes the stop that a
// cancelled context sends. Keeping that here leaves the model's own Update
// to keys and its own commands' replies.
type runner struct{ Model }

func (r runner) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(stopMsg); ok {
		var cmd tea.Cmd
		r.Model, cmd = r.quit()
		return r, cmd
	}
	next, cmd := r.Model.Update(msg)
	if nm, ok := next.(Model); ok {
		r.Model = nm
	}
	return r, cmd
}

// dropSuspend filters out suspend requests (see Options.NoSuspend).
func dropSuspend(_ tea.Model, msg tea.Msg) tea.Msg {
	if _, ok := msg.(tea.SuspendMsg); ok {
		return nil
	}
	return msg
}

// forwardResizes hands window sizes to p until sizes closes or stop does.
// Send blocks until the program reads the message, so stop keeps this
// from waiting forever on a program that has ended.
func forwardResizes(p *tea.Program, sizes <-chan tea.WindowSizeMsg, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case sz, ok := <-sizes:
			if !ok {
				return
			}
			p.Send(sz)
		}
	}
}
