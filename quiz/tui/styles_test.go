package tui

import (
	"testing"

	"github.com/muesli/termenv"
)

// Resolving a colour up front must pick the very colour the render-time
// conversion would have picked, in every profile.
func TestNearestMatchesRenderTimeConversion(t *testing.T) {
	colours := []string{"#8a5a00", "#e0b050", "#6b6b6b", "#ffffff", "#000000", "#b07d2b", "5", "12", "200", "", "nonsense"}
	for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii} {
		for _, c := range colours {
			want, got := p.Color(c), p.Color(nearest(p, c))
			if want != got {
				t.Errorf("profile %d, colour %q: resolved to %q = %#v, want %#v", p, c, nearest(p, c), got, want)
			}
		}
	}
}
