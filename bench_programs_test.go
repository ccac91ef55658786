package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The benchmark programs under scripts/ are not part of the product: "go
// test ./..." and "go vet ./..." must not cover them, and they must still
// build with their tag for scripts/bench.sh.
func TestBenchProgramsStayOutOfTheProduct(t *testing.T) {
	out, err := exec.Command("go", "list", "./...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "/scripts") {
		t.Errorf("go list ./... includes the benchmark programs:\n%s", out)
	}
	if out, err := exec.Command("go", "build", "-tags", "bench", "./scripts/...").CombinedOutput(); err != nil {
		t.Errorf("the benchmark programs do not build with -tags bench: %v\n%s", err, out)
	}
}
