package quiz

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// codeAllAnswers calls fn with every answer combination the guide accepts:
// each single-select question unanswered or one option, each multi-select
// question unanswered, answered with none of its options, or any subset of
// up to Max options.
func codeAllAnswers(g *Guide, fn func(Answers)) {
	var walk func(qi int, a Answers)
	walk = func(qi int, a Answers) {
		if qi == len(g.Questions) {
			fn(a)
			return
		}
		q := g.Questions[qi]
		for _, choice := range codeChoices(q) {
			if choice == nil {
				delete(a, q.ID)
			} else {
				a[q.ID] = choice
			}
			walk(qi+1, a)
		}
		delete(a, q.ID)
	}
	walk(0, Answers{})
}

func codeChoices(q Question) [][]string {
	out := [][]string{nil}
	if !q.Multi() {
		for _, o := range q.Options {
			out = append(out, []string{o.ID})
		}
		return out
	}
	out = append(out, []string{}) // "none of these", not unanswered
	for mask := 1; mask < 1<<len(q.Options); mask++ {
		var c []string
		for i, o := range q.Options {
			if mask&(1<<i) != 0 {
				c = append(c, o.ID)
			}
		}
		if len(c) <= q.Max {
			out = append(out, c)
		}
	}
	return out
}

var codeShape = regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{3}(-[0-9A-HJKMNP-TV-Z]{3})*$`)

func TestCodeRoundTripEveryCombination(t *testing.T) {
	g := fixture(t, "counter")
	seen := map[string]bool{}
	count := 0
	codeAllAnswers(g, func(a Answers) {
		count++
		code := g.Code(a)
		if !codeShape.MatchString(code) {
			t.Fatalf("code %q for %v is not groups of three from the alphabet", code, a)
		}
		if seen[code] {
			t.Fatalf("code %s given to two different answer sets (second: %v)", code, a)
		}
		seen[code] = true
		got, err := g.DecodeCode(code)
		if err != nil {
			t.Fatalf("DecodeCode(%s) for %v: %v", code, a, err)
		}
		if !reflect.DeepEqual(map[string][]string(got), map[string][]string(a)) {
			t.Fatalf("DecodeCode(%s) = %v, want %v", code, got, a)
		}
	})
	// 6*4^5 single-select combinations times the extras: unanswered, none
	// of these, or 4+6 ways to tick one or two of the four.
	if want := 6 * 4 * 4 * 4 * 4 * 4 * 12; count != want {
		t.Errorf("enumerated %d combinations, want %d (has the default guide changed?)", count, want)
	}
	if n := len(g.Code(Answers{})); n != 11 {
		t.Errorf("default guide code is %d characters with dashes, want 11 (XXX-XXX-XXX)", n)
	}
}

func TestCodeNormalisesAnswers(t *testing.T) {
	g := fixture(t, "counter")
	messy := Answers{"budget": {"invest"}, "extras": {"hold-value", "meet-maker"}, "nope": {"x"}, "ethics": {"bogus"}}
	got, err := g.DecodeCode(g.Code(messy))
	if err != nil {
		t.Fatal(err)
	}
	want := Answers{"budget": {"invest"}, "extras": {"meet-maker", "hold-value"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v (unknown ids dropped, guide order)", got, want)
	}
}

// codeSamples picks a spread of codes, including the empty and the fullest.
func codeSamples(g *Guide) []string {
	var out []string
	i := 0
	codeAllAnswers(g, func(a Answers) {
		if i%997 == 0 {
			out = append(out, g.Code(a))
		}
		i++
	})
	full := Answers{}
	for _, q := range g.Questions {
		full[q.ID] = []string{q.Options[len(q.Options)-1].ID}
	}
	return append(out, g.Code(full))
}

func TestCodeRejectsEverySingleTypo(t *testing.T) {
	g := fixture(t, "counter")
	typed := codeAlphabet + strings.ToLower(codeAlphabet) + "IiLlOo"
	codes := codeSamples(g)
	tried := 0
	for _, code := range codes {
		plain := []rune(strings.ReplaceAll(code, "-", ""))
		for pos := range plain {
			for _, c := range typed {
				if codeCanon(c) == codeCanon(plain[pos]) {
					continue // same symbol, another spelling: not a typo
				}
				bad := append([]rune(nil), plain...)
				bad[pos] = c
				tried++
				if _, err := g.DecodeCode(string(bad)); !errors.Is(err, ErrCodeMismatch) {
					t.Fatalf("%s with %q at %d (%s) was not rejected as a mismatch: %v", code, c, pos, string(bad), err)
				}
			}
		}
	}
	if tried < len(codes)*9*31 {
		t.Fatalf("only %d typos tried", tried)
	}
}

func TestCodeRejectsEveryAdjacentTransposition(t *testing.T) {
	g := fixture(t, "counter")
	for _, code := range codeSamples(g) {
		plain := []byte(strings.ReplaceAll(code, "-", ""))
		for i := 0; i+1 < len(plain); i++ {
			if plain[i] == plain[i+1] {
				continue
			}
			bad := append([]byte(nil), plain...)
			bad[i], bad[i+1] = bad[i+1], bad[i]
			if _, err := g.DecodeCode(string(bad)); !errors.Is(err, ErrCodeMismatch) {
				t.Fatalf("%s with %d,%d swapped (%s) was accepted: %v", code, i, i+1, bad, err)
			}
		}
	}
}

func codeCanon(r rune) rune {
	syms, err := parseCode(string(r))
	if err != nil || len(syms) != 1 {
		return -1
	}
	return rune(syms[0])
}

func TestDecodeCodeForgivesSpelling(t *testing.T) {
	g := fixture(t, "counter")
	a := Answers{"occasion": {"milestone"}, "budget": {"invest"}, "extras": {"meet-maker"}}
	code := g.Code(a)
	messy := " " + strings.ToLower(strings.ReplaceAll(code, "-", " - ")) + " "
	messy = strings.NewReplacer("1", "l", "0", "O").Replace(messy)
	got, err := g.DecodeCode(messy)
	if err != nil {
		t.Fatalf("DecodeCode(%q): %v", messy, err)
	}
	if !reflect.DeepEqual(got, a) {
		t.Errorf("got %v, want %v", got, a)
	}
}

func TestDecodeCodeErrors(t *testing.T) {
	g := fixture(t, "counter")
	code := g.Code(Answers{"budget": {"lowest"}})
	last := code[len(code)-1]
	other := byte('0')
	if last == '0' {
		other = '1'
	}
	typo := code[:len(code)-1] + string(other)
	tests := []struct {
		in   string
		kind error
		msg  string
	}{
		{typo, ErrCodeMismatch, "resume code \"" + typo + "\" does not match this guide or has a typo; check each character"},
		{code[:7] + "!", ErrCodeChar, "resume code has a character that is not allowed: '!'"},
		{"K7Q-M2X-9FU", ErrCodeChar, "not allowed: 'U'"},
		{"K7Q\x1b[2J", ErrCodeChar, `not allowed: '\x1b'`},
		{"K7Q-\u202eM2X", ErrCodeChar, `not allowed: '\u202e'`},
		{code[:6], ErrCodeLength, "has 5 characters; a code for this guide has 9"},
		{code + "0", ErrCodeLength, "has 10 characters; a code for this guide has 9"},
		{" - ", ErrCodeLength, "resume code is empty"},
		// What the user typed is quoted, not the code as read (h-e-1-1-0).
		{"hello", ErrCodeLength, `resume code "hello" has 5 characters`},
		{"k7q-m2x-9fu", ErrCodeChar, "not allowed: 'u'"},
		{strings.Repeat("A", 100), ErrCodeLength, `resume code "` + strings.Repeat("A", 40) + `"… has 100 characters`},
	}
	for _, tt := range tests {
		_, err := g.DecodeCode(tt.in)
		if !errors.Is(err, tt.kind) {
			t.Errorf("DecodeCode(%q) = %v, want kind %v", tt.in, err, tt.kind)
			continue
		}
		if !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("DecodeCode(%q) = %q, want it to say %q", tt.in, err, tt.msg)
		}
		if strings.ContainsAny(err.Error(), "\x1b\u202e") {
			t.Errorf("DecodeCode(%q) echoed a control character: %q", tt.in, err)
		}
	}
}

// counterSource is the counter fixture's YAML, for tests that edit it.
func counterSource(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile("testdata/engine/counter.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// codeEditGuide parses the counter fixture after a textual change, failing
// if the change did not apply.
func codeEditGuide(t *testing.T, old, new string) *Guide {
	t.Helper()
	src := string(counterSource(t))
	if !strings.Contains(src, old) {
		t.Fatalf("fixture has no %q to change", old)
	}
	g, err := Parse("edited.yaml", []byte(strings.Replace(src, old, new, 1)))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestCodeFromAnotherGuideIsRejected(t *testing.T) {
	g := fixture(t, "counter")
	edits := map[string]*Guide{
		"option id renamed": codeEditGuide(t, "{id: invest,", "{id: splurge,"),
		"extras allows 3":   codeEditGuide(t, "max: 2", "max: 3"),
	}
	for name, other := range edits {
		n := 0
		codeAllAnswers(g, func(a Answers) {
			if n++; n%101 != 0 {
				return
			}
			code := g.Code(a)
			if _, err := other.DecodeCode(code); !errors.Is(err, ErrCodeMismatch) {
				t.Fatalf("%s: code %s from the original guide was not refused: %v", name, code, err)
			}
		})
	}
}

func TestCodeRewordedGuideKeepsCodes(t *testing.T) {
	g := fixture(t, "counter")
	orig := counterSource(t)
	src := bytes.Replace(orig, []byte("contact: Fixture contact line."), []byte("contact: Another contact line."), 1)
	if bytes.Equal(src, orig) {
		t.Fatal("edit did not apply")
	}
	other, err := Parse("reworded.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	code := g.Code(Answers{"budget": {"invest"}})
	if other.Hash == g.Hash {
		t.Fatal("hash did not change; the test proves nothing")
	}
	if _, err := other.DecodeCode(code); err != nil {
		t.Errorf("a change of wording invalidated a code: %v", err)
	}
}

// codeBigGuide builds a guide with n questions of five options each and one
// multi-select, to check long codes keep working.
func codeBigGuide(t testing.TB, n int) *Guide {
	t.Helper()
	var b strings.Builder
	b.WriteString("version: 1\nname: Big\noutcomes:\n  - id: a\n    label: A\n    summary: A.\n  - id: b\n    label: B\n    summary: B.\nquestions:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - id: q%d\n    title: Q%d\n    prompt: Pick one?\n", i, i)
		if i == n/2 {
			b.WriteString("    max: 3\n")
		}
		b.WriteString("    options:\n")
		for j := 0; j < 5; j++ {
			fmt.Fprintf(&b, "      - id: o%d\n        label: O%d\n        points: {a: %d}\n        reason: R.\n", j, j, j+1)
		}
	}
	b.WriteString("checklist:\n  - group: G\n    items: [Check it.]\n")
	g, err := Parse("big.yaml", []byte(b.String()))
	if err != nil {
		t.Fatalf("big guide: %v", err)
	}
	return g
}

func TestCodeLargeGuide(t *testing.T) {
	g := codeBigGuide(t, 1000)
	a := Answers{}
	for i, q := range g.Questions {
		switch {
		case q.Multi():
			a[q.ID] = []string{"o0", "o2", "o4"}
		case i%7 != 0:
			a[q.ID] = []string{q.Options[i%5].ID}
		}
	}
	code := g.Code(a)
	if !codeShape.MatchString(code) {
		t.Fatalf("long code is malformed: %.40s…", code)
	}
	got, err := g.DecodeCode(code)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, a) {
		t.Error("long code did not round-trip")
	}
	plain := []byte(strings.ReplaceAll(code, "-", ""))
	for _, pos := range []int{0, 1, len(plain) / 2, len(plain) - 6, len(plain) - 1} {
		bad := append([]byte(nil), plain...)
		bad[pos] = codeAlphabet[(strings.IndexByte(codeAlphabet, bad[pos])+1)%32]
		if _, err := g.DecodeCode(string(bad)); !errors.Is(err, ErrCodeMismatch) {
			t.Errorf("typo at %d of a long code accepted: %v", pos, err)
		}
	}
}
