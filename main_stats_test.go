package main

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestWriteFailuresAreReported(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full here: %v", err)
	}
	defer full.Close()
	for _, args := range [][]string{{"--help"}, {"check"}, {"--answer", "occasion=gift"}} {
		cmd := exec.Command(bin, args...)
		cmd.Stdout = full
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 || !strings.Contains(stderr.String(), "no space left on device") {
			t.Errorf("%v to a full disk: %v, stderr %q; want exit 1 naming the failure", args, err, stderr.String())
		}
	}
}
