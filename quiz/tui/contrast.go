package tui

import (
	"fmt"
	"math"
	"strconv"

	"github.com/muesli/termenv"
)

// minContrast is the WCAG AA contrast for text: every foreground colour
// meets it against the background it is meant for.
const minContrast = 4.5

// rgb is a colour with channels from 0 to 1.
type rgb struct{ R, G, B float64 }

// The reference backgrounds: a light theme is checked against white, a
// dark one against black.
var (
	white = rgb{1, 1, 1}
	black = rgb{}
)

// parseHex reads "#rrggbb".
func parseHex(s string) (rgb, bool) {
	var r, g, b uint8
	if len(s) != 7 || s[0] != '#' {
		return rgb{}, false
	}
	if _, err := fmt.Sscanf(s, "#%02x%02x%02x", &r, &g, &b); err != nil {
		return rgb{}, false
	}
	return rgb{float64(r) / 255, float64(g) / 255, float64(b) / 255}, true
}

func (c rgb) hex() string {
	ch := func(v float64) int { return int(math.Round(math.Max(0, math.Min(1, v)) * 255)) }
	return fmt.Sprintf("#%02x%02x%02x", ch(c.R), ch(c.G), ch(c.B))
}

// blend is c moved the fraction t of the way to d.
func (c rgb) blend(d rgb, t float64) rgb {
	return rgb{c.R + (d.R-c.R)*t, c.G + (d.G-c.G)*t, c.B + (d.B-c.B)*t}
}

func (c rgb) distance(d rgb) float64 {
	return math.Sqrt((c.R-d.R)*(c.R-d.R) + (c.G-d.G)*(c.G-d.G) + (c.B-d.B)*(c.B-d.B))
}

// luminance is a colour's WCAG relative luminance.
func luminance(c rgb) float64 {
	lin := func(v float64) float64 {
		if v <= 0.03928 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrast is the WCAG contrast ratio of a and b, from 1 to 21.
func contrast(a, b rgb) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// shown is colour c ("#rrggbb" or an ANSI number) as profile p shows it,
// in RGB: after its conversion to the 256- or 16-colour palette.
func shown(p termenv.Profile, c string) rgb {
	v := termenv.ConvertToRGB(p.Color(c))
	return rgb{v.R, v.G, v.B}
}

// readable returns colour hex as profile p can show it, made readable on
// bg: darkened towards black on a light background, lightened towards
// white on a dark one, until what the terminal shows (after conversion
// to its palette) has at least minContrast against bg. In 16 colours,
// where a small change moves nothing, it is the nearest palette colour
// that passes. The result is a colour string for p, as nearest gives.
func readable(p termenv.Profile, hex string, bg rgb) string {
	return readableAt(p, hex, bg, minContrast)
}

// readableAt is readable for a contrast of at least least.
func readableAt(p termenv.Profile, hex string, bg rgb, least float64) string {
	want, ok := parseHex(hex)
	if !ok || p == termenv.Ascii {
		return nearest(p, hex)
	}
	if p == termenv.ANSI {
		best, bestD := -1, math.Inf(1)
		for i := 0; i < 16; i++ {
			c := shown(p, strconv.Itoa(i))
			if contrast(c, bg) < least {
				continue
			}
			if d := want.distance(c); d < bestD {
				best, bestD = i, d
			}
		}
		return strconv.Itoa(best)
	}
	toward := black
	if luminance(bg) < 0.5 {
		toward = white
	}
	for step := 0; step <= 20; step++ {
		c := want.blend(toward, float64(step)/20).hex()
		if contrast(shown(p, c), bg) >= least {
			return nearest(p, c)
		}
	}
	return nearest(p, toward.hex())
}

// Adjusted reports the shop accent hex as it is shown on light and on
// dark backgrounds, and whether either differs from hex: an accent too
// pale for white or too dark for black is adjusted until it reads, and
// `check` says so with these values.
func Adjusted(hex string) (light, dark string, changed bool) {
	light = readable(termenv.TrueColor, hex, white)
	dark = readable(termenv.TrueColor, hex, black)
	return light, dark, light != hex || dark != hex
}
