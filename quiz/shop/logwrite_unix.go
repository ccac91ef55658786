//go:build unix

package shop

import (
	"errors"
	"os"
	"syscall"
)

const nonblock = syscall.O_NONBLOCK

// lockFile takes an exclusive lock on f, waiting for other writers. The
// lock belongs to this open of the file, so two opens in one process
// exclude each other as two processes do.
func lockFile(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// unlockFile releases the lock early; closing the file would release it
// too.
func unlockFile(f *os.File) { syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
