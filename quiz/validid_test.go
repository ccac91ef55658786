package quiz

import (
	"regexp"
	"testing"
)

// validID and validAccent are written out by hand; they must accept
// exactly what the patterns they stand for accept.
func TestValidIDAndAccentMatchTheirPatterns(t *testing.T) {
	idRe := regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
	accentRe := regexp.MustCompile(`^(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}|[0-9]{1,3})$`)
	for _, s := range []string{
		"", "a", "z9", "0", "gift", "meet-maker", "a_b", "-a", "_a", "A", "aB", "a b", "a\n", "\na",
		"ä", "a-", "a_", "9-_", "é", "a.b", "#fff", "#FFF", "#b07d2b", "#b07d2", "#b07d2bb", "#ggg",
		"#", "1", "12", "123", "1234", "12a", "#12", "#1234", "255", "999", " 1", "1\n", "#fff\n",
	} {
		if got, want := validID(s), idRe.MatchString(s); got != want {
			t.Errorf("validID(%q) = %v, want %v", s, got, want)
		}
		if got, want := validAccent(s), accentRe.MatchString(s); got != want {
			t.Errorf("validAccent(%q) = %v, want %v", s, got, want)
		}
	}
}
