//go:build !unix

package shop

import "os"

const nonblock = 0

// lockFile is a no-op where flock is missing: appends from one process
// are still serialized by the log's queue, but several programs sharing
// a log are not protected from each other there.
func lockFile(*os.File) error { return nil }

func unlockFile(*os.File) {}
