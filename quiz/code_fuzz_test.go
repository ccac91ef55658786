package quiz

import (
	"strings"
	"testing"
)

// FuzzDecodeCode checks that no typed text panics the decoder, that every
// accepted code is exactly the code of the answers it decodes to (so no two
// strings of symbols mean the same answers), and that error messages never
// echo a control character.
func FuzzDecodeCode(f *testing.F) {
	g := fixture(f, "counter")
	for _, a := range []Answers{{}, {"budget": {"invest"}}, {"occasion": {"trend"}, "extras": {"meet-maker", "easy-replace"}}} {
		code := g.Code(a)
		f.Add(code)
		f.Add(strings.ToLower(code))
		f.Add(code[:len(code)-1] + "Z")
	}
	for _, s := range []string{"", "-", "K7Q-M2X-9FD", "!!!", "ILO-ilo-123", "\x1b[2J", "\u202eABC", "\xff\xfe", strings.Repeat("Z", 40)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := g.DecodeCode(s)
		if err != nil {
			if a != nil {
				t.Fatalf("answers returned with an error: %v", a)
			}
			for _, r := range err.Error() {
				if r < 0x20 || r == 0x7f || isBidiControl(r) {
					t.Fatalf("error echoes %U: %q", r, err)
				}
			}
			return
		}
		if err := g.CheckAnswers(a); err != nil {
			t.Fatalf("decoded answers are invalid: %v", err)
		}
		syms, _ := parseCode(s)
		if again := g.Code(a); again != formatCode(syms) {
			t.Fatalf("%q decoded to %v, whose code is %s", s, a, again)
		}
	})
}
