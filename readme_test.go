package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeExamples runs every "$ jewelguide ..." line of the README's
// console blocks against the built binary, so the documented examples
// cannot drift from what the program accepts.
func TestReadmeExamples(t *testing.T) {
	readme := string(mustRead(t, "README.md"))
	blocks := regexp.MustCompile("(?s)```console\n(.*?)```").FindAllStringSubmatch(readme, -1)
	var cmds []string
	for _, b := range blocks {
		for _, line := range strings.Split(b[1], "\n") {
			if cmd, ok := strings.CutPrefix(line, "$ "); ok {
				cmds = append(cmds, cmd)
			}
		}
	}
	if len(cmds) < 5 {
		t.Fatalf("found only %d README examples; the extraction is broken", len(cmds))
	}
	binDir := filepath.Dir(bin)
	for _, c := range cmds {
		t.Run(c, func(t *testing.T) {
			cmd := exec.Command("sh", "-c", c)
			cmd.Env = []string{"PATH=" + binDir + ":" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
			cmd.Stdin = strings.NewReader("")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if len(out) == 0 {
				t.Fatalf("printed nothing")
			}
		})
	}
}
