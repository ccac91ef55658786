package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// SignalError is the cause of a context cancelled by a signal; its exit
// status follows the shell convention of 128 plus the signal number.
type SignalError struct{ Signal syscall.Signal }

func (e SignalError) Error() string { return fmt.Sprintf("stopped by %s", signalName(e.Signal)) }

// Code is the exit status for the signal: 130 for SIGINT, 143 for SIGTERM,
// 129 for SIGHUP, 131 for SIGQUIT.
func (e SignalError) Code() int { return 128 + int(e.Signal) }

func signalName(s syscall.Signal) string {
	switch s {
	case syscall.SIGINT:
		return "an interrupt (SIGINT)"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "a hang-up (SIGHUP)"
	case syscall.SIGQUIT:
		return "SIGQUIT"
	}
	return s.String()
}

// stopSignals end the program. SIGQUIT is among them because Go's own
// answer to it, a dump of every goroutine and exit, leaves a full-screen
// terminal raw, on the alternate screen, with the dump in a staircase.
var stopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// holds counts the phases under way that must end through their own path
// when a signal comes (see holdSignals); its mutex also orders a signal
// against a phase starting.
var holds struct {
	sync.Mutex
	n int
}

// SignalContext returns a context cancelled, with a SignalError as its
// cause, when the process gets SIGINT, SIGTERM, SIGHUP or SIGQUIT.
//
// What happens then depends on the phase. While something holds the
// signals (holdSignals: the full-screen interface, a log being written),
// that phase watches the context and ends through its own path, which
// restores the terminal and finishes what it was writing. Otherwise the
// process exits at once with the signal's status: loading a guide, reading
// answers, check and stats have nothing to finish, and may be blocked on a
// FIFO no one writes to or busy with a large file, where waiting for them
// to notice the context would ignore the signal.
func SignalContext() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, stopSignals...)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			sig, _ := s.(syscall.Signal)
			se := SignalError{Signal: sig}
			holds.Lock()
			cancel(se)
			if holds.n == 0 {
				// The lock stays taken: no phase may start now.
				fmt.Fprintln(os.Stderr, "jewelguide: "+se.Error())
				os.Exit(se.Code())
			}
			holds.Unlock()
		case <-done:
			return
		}
		// A second signal (a shutdown that seems stuck) asks the phase
		// to stop waiting for what it was finishing; a third kills at
		// once.
		select {
		case <-sigs:
			signal.Stop(sigs)
			close(hurried)
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel(nil)
	}
}

// hurried is closed on a second signal while a phase holds the signals:
// the full-screen interface then stops waiting for a save to finish.
var hurried = make(chan struct{})

// holdSignals marks the start of a phase that ends through its own path
// when ctx is cancelled by a signal, instead of the process exiting at
// once; the returned function marks its end. Without SignalContext (tests
// calling Main) it changes nothing.
func holdSignals() (release func()) {
	holds.Lock()
	holds.n++
	holds.Unlock()
	return func() {
		holds.Lock()
		holds.n--
		holds.Unlock()
	}
}

// signalExit turns a cancellation by signal into its exit status.
func signalExit(ctx context.Context) error {
	var se SignalError
	if errors.As(context.Cause(ctx), &se) {
		return &exitError{code: se.Code(), err: se}
	}
	return nil
}
