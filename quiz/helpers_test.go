package quiz

import (
	"testing"

	"github.com/jewelguide/jewelguide/data"
)

// defaultGuide loads the embedded default guide or stops the test.
func defaultGuide(t testing.TB) *Guide {
	t.Helper()
	g, err := Parse(data.GuideFile, data.Guide)
	if err != nil {
		t.Fatalf("default guide: %v", err)
	}
	return g
}

// mustParse parses a guide written inline in a test.
func mustParse(t testing.TB, src string) *Guide {
	t.Helper()
	g, err := Parse("inline.yaml", []byte(src))
	if err != nil {
		t.Fatalf("inline guide:\n%v", err)
	}
	return g
}
