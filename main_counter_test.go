package main

import (
	"regexp"
	"testing"
)

// allAnswers answers every question of the built-in guide.
var allAnswers = []string{
	"--answer", "occasion=gift", "--answer", "budget=moderate", "--answer", "lifespan=heirloom",
	"--answer", "ethics=nice-to-have", "--answer", "personalization=light", "--answer", "character=either",
	"--answer", "extras=meet-maker,hold-value",
}

var codeLine = regexp.MustCompile(`(?m)^Resume code: ([0-9A-Z]{3}(?:-[0-9A-Z]{3})+)$`)

// resumeCode runs the answers and returns the code their report shows.
func resumeCode(t *testing.T, answers ...string) (string, runResult) {
	t.Helper()
	r := run(t, "", nil, answers...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	m := codeLine.FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("report has no resume code:\n%s", r.stdout)
	}
	return m[1], r
}
