package quiz

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Inert makes text safe to show in a terminal. Text from a guide, an
// answers file, a note or a log may hold escape sequences that clear the
// screen, write the clipboard (OSC 52) or plant a misleading hyperlink
// (OSC 8); every control character and bidirectional override is shown as a
// visible \xNN or \uNNNN instead, so the text can be read but does nothing;
// so is each byte that is not UTF-8.
// Line breaks and tabs become spaces: every caller wraps text itself.
func Inert(s string) string {
	if !needsInert(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			// Not UTF-8: a lone byte such as 0x9b is a control (CSI) to
			// a terminal that reads 8-bit codes.
			fmt.Fprintf(&b, `\x%02x`, s[i-1])
		case r == '\n' || r == '\t' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			fmt.Fprintf(&b, `\x%02x`, r)
		case isBidiControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsInert(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) || isBidiControl(r) {
			return true
		}
	}
	return false
}

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}
