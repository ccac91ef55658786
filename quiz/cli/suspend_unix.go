//go:build unix

package cli

import (
	"os"
	"os/signal"
	"syscall"
)

// suspendOnSignal turns SIGTSTP into requests on the returned channel, for
// the full-screen interface to give the terminal back before the process
// stops: a stop from outside (kill -TSTP) would otherwise leave the
// terminal raw and on the alternate screen. stop ends it.
//
// Having given the terminal back, Bubble Tea stops the process group with
// SIGTSTP of its own and waits for SIGCONT. But once Go has been asked for
// SIGTSTP it never lets the signal stop the process again, so that second
// SIGTSTP comes here too and is turned into SIGSTOP, which nothing can
// catch; after SIGCONT the interface takes the terminal and redraws.
func suspendOnSignal() (requests <-chan struct{}, stop func()) {
	req := make(chan struct{})
	tstp := make(chan os.Signal, 1)
	signal.Notify(tstp, syscall.SIGTSTP)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-tstp:
			case <-done:
				return
			}
			select {
			case req <- struct{}{}:
			case <-done:
				return
			}
			select {
			case <-tstp:
				syscall.Kill(0, syscall.SIGSTOP)
			case <-done:
				return
			}
		}
	}()
	return req, func() {
		close(done)
		signal.Stop(tstp)
	}
}
