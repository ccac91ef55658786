package quiz

import (
	"testing"
	"unicode/utf8"

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

// assertNoTerminalControls fails if out holds anything a terminal would
// act on: ESC or another C0 control (newline and tab aside), DEL, a C1
// control (as a UTF-8 character or a raw byte), or a bidirectional
// override or isolate.
func assertNoTerminalControls(t testing.TB, what string, out []byte) {
	t.Helper()
	if i := badTerminalByte(out); i >= 0 {
		lo, hi := max(0, i-20), min(len(out), i+20)
		t.Errorf("%s: terminal control at byte %d: %q", what, i, out[lo:hi])
	}
}

// badTerminalByte returns the offset of the first terminal control in b,
// or -1.
func badTerminalByte(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			if b[i] >= 0x80 && b[i] < 0xa0 {
				return i
			}
		case r < 0x20 && r != '\n' && r != '\t', r == 0x7f, r >= 0x80 && r < 0xa0, isBidiControl(r):
			return i
		}
		i += size
	}
	return -1
}

// fixture loads an engine fixture guide from testdata/engine. Behaviour
// tests use these rather than the built-in guide, so rewording or
// rebalancing data/guide.yaml breaks only the built-in guide's own tests.
func fixture(t testing.TB, name string) *Guide {
	t.Helper()
	g, err := Load("testdata/engine/" + name + ".yaml")
	if err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	return g
}
