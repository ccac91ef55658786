package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestStatsCommand(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "consultations.log")
	lines := []string{
		`{"version":1,"time":"2026-11-26T10:00:00Z","guide":"g","guide_hash":"x","answers":{"occasion":["milestone"]},"verdict":"handcrafted","close":false,"scores":{"handcrafted":4},"reasons":["occasion=milestone"]}`,
		`this line is damaged`,
		`{"version":1,"time":"2026-11-27T10:00:00Z","guide":"g","guide_hash":"x","answers":{"occasion":["trend"]},"verdict":"mass-produced","close":false,"scores":{"mass-produced":4},"reasons":["occasion=trend"]}`,
		`{"version":1,"time":"2026-11-27T11:00:00Z","guide":"g","guide_hash":"x","answers":{"occasion":["gift"]},"verdict":"mix","close":true,"scores":{"handcrafted":2},"reasons":["occasion=gift"]}`,
	}
	if err := os.WriteFile(log, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// The same file named twice is read once.
	r := run(t, "", []string{"TZ=UTC"}, "stats", log, log)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"Consultations: 3", "Close calls:   1 of 3", log + ":2:", "2026-11-27"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stats output lacks %q:\n%s", want, r.stdout)
		}
	}

	r = run(t, "", []string{"TZ=UTC"}, "stats", "--format", "json", "--since", "2026-11-27", log)
	var st map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
		t.Fatalf("stats json: %v\n%s", err, r.stdout)
	}
	if st["consultations"] != float64(2) {
		t.Errorf("--since 2026-11-27 should keep 2 consultations, got %v", st["consultations"])
	}

	if r := run(t, "", nil, "stats"); r.code != 2 || !strings.Contains(r.stderr, "needs at least one log file") {
		t.Errorf("stats without files: exit %d, %q", r.code, r.stderr)
	}
	if r := run(t, "", nil, "stats", "--since", "yesterday", log); r.code != 2 {
		t.Errorf("bad date: exit %d, want 2", r.code)
	}
}

func TestCheckCountsEveryErrorAndShowsNamesInert(t *testing.T) {
	// 80 options with no label: 80 errors, more than are listed one by one.
	var b strings.Builder
	b.WriteString("version: 1\noutcomes:\n  - {id: a, label: A}\n  - {id: b, label: B}\nquestions:\n  - id: q\n    title: Q\n    prompt: Q?\n    options:\n")
	for i := 0; i < 80; i++ {
		fmt.Fprintf(&b, "      - {id: o%d}\n", i)
	}
	b.WriteString("checklist:\n  - {group: G, items: [x]}\n")
	path := filepath.Join(t.TempDir(), "bad\x1b[31mname.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", nil, "check", path)
	if r.code != 2 {
		t.Fatalf("exit %d\n%s", r.code, r.stdout)
	}
	if !strings.Contains(r.stdout, ": 80 errors; the guide cannot be used") {
		t.Errorf("the summary should count all 80 errors, not the listed ones:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout+r.stderr, "\x1b") {
		t.Errorf("a file name's escape code reached the terminal")
	}
	if r := run(t, "", nil, "--guide", path); r.code != 2 || strings.Contains(r.stderr, "\x1b") || !strings.Contains(r.stderr, `bad\x1b[31mname.yaml`) {
		t.Errorf("--guide with a hostile name: exit %d, stderr %q", r.code, r.stderr)
	}
}

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
