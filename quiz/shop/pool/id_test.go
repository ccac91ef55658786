package pool

import (
	"regexp"
	"strings"
	"testing"
)

// TestHexID holds the record-id check to the pattern it stands for,
// ^[0-9a-f]{32}$, on ids that are and nearly are record ids.
func TestHexID(t *testing.T) {
	want := regexp.MustCompile(`^[0-9a-f]{32}$`)
	ok := "0123456789abcdef0123456789abcdef"
	ids := []string{
		ok, strings.Repeat("f", 32), strings.Repeat("0", 32),
		"", ok[:31], ok + "0", strings.ToUpper(ok), "g" + ok[1:], ok[:31] + "/",
		ok[:31] + ":", ok[:31] + "`", ok[:31] + "{", ok[:30] + "\n", ok + "\n", " " + ok[1:],
		"é" + ok[2:], ok[:31] + "\x00",
	}
	for _, id := range ids {
		if got := hexID(id); got != want.MatchString(id) {
			t.Errorf("hexID(%q) = %v; the pattern says %v", id, got, !got)
		}
	}
}
