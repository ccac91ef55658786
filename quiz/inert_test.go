package quiz

import "testing"

func TestInert(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"Émeraude 宝石 💍", "Émeraude 宝石 💍"},
		{"", ""},
		{"\x1b]52;c;aGVsbG8=\a", `\x1b]52;c;aGVsbG8=\x07`},
		{"\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},
		{"\x1b]8;;http://evil.invalid\x1b\\click\x1b]8;;\x1b\\", `\x1b]8;;http://evil.invalid\x1b\click\x1b]8;;\x1b\`},
		{"a\u009b2Jb", `a\x9b2Jb`},
		{"\u0085next line", `\x85next line`},
		{"del\x7f", `del\x7f`},
		{"nul\x00", `nul\x00`},
		{"safe\u202Etxt.exe", `safe\u202etxt.exe`},
		{"\u2066isolate\u2069 \u200f\u200e\u061c", `\u2066isolate\u2069 \u200f\u200e\u061c`},
		{"line\nbreak\ttab\rcr", "line break tab cr"},
		// Bytes that are not UTF-8: a lone 0x9b is CSI to a terminal
		// reading 8-bit controls.
		{"a\x9b2Jb", `a\x9b2Jb`},
		{"\x9b", `\x9b`},
		{"caf\xe9", `caf\xe9`},
		{"\xff\xfe", `\xff\xfe`},
		{"ok \xc2", `ok \xc2`},
	}
	for _, tt := range tests {
		got := Inert(tt.in)
		if got != tt.want {
			t.Errorf("Inert(%q) = %q, want %q", tt.in, got, tt.want)
		}
		assertNoTerminalControls(t, "Inert", []byte(got))
		if again := Inert(got); again != got {
			t.Errorf("Inert is not stable: %q then %q", got, again)
		}
	}
}
