package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// SignalError is the cause of a context cancelled by a signal; its exit
// status follows the shell convention of 128 plus the signal number.
type SignalError struct{ Signal syscall.Signal }

func (e SignalError) Error() string { return fmt.Sprintf("stopped by %s", signalName(e.Signal)) }

// Code is the exit status for the signal: 130 for SIGINT, 143 for SIGTERM,
// 129 for SIGHUP.
func (e SignalError) Code() int { return 128 + int(e.Signal) }

func signalName(s syscall.Signal) string {
	switch s {
	case syscall.SIGINT:
		return "an interrupt (SIGINT)"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "a hang-up (SIGHUP)"
	}
	return s.String()
}

// SignalContext returns a context cancelled, with a SignalError as its
// cause, when the process gets SIGINT, SIGTERM or SIGHUP. The interface
// then shuts down through its own path, which restores the terminal,
// instead of the process dying with the terminal still in raw mode.
func SignalContext() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			// Only the first signal is ours to handle gracefully; a second
			// one (ctrl+c again on a stuck shutdown) kills at once.
			signal.Stop(sigs)
			if sig, ok := s.(syscall.Signal); ok {
				cancel(SignalError{Signal: sig})
			} else {
				cancel(errors.New(s.String()))
			}
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel(nil)
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
