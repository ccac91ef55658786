package quiz

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// miniGuide is testdata/guides/ok-minimal.yaml, the base that generated
// broken guides are made from.
func miniGuide(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir, "ok-minimal.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func replaceOnce(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("base guide lacks %q", old)
	}
	return strings.Replace(s, old, new, 1)
}

// Guides too large to keep in the repository are generated here.
func TestGeneratedHostileGuides(t *testing.T) {
	base := miniGuide(t)
	var manyOptions strings.Builder
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&manyOptions, "      - id: o%d\n        label: Option %d\n", i, i)
	}
	nestFlow := func(n int) string {
		return strings.Repeat("{not: ", n) + "budget=high" + strings.Repeat("}", n)
	}
	tests := []struct {
		name string
		src  string
		want string
	}{
		{
			name: "over 1 MiB",
			src:  base + "# " + strings.Repeat("padding ", 2<<20/8) + "\n",
			want: "g.yaml: the file is larger than 1024 KiB; a guide is a few kilobytes of YAML, so this is probably the wrong file",
		},
		{
			name: "exactly 1 MiB of comments after a guide loads",
			src:  base + "#" + strings.Repeat("x", MaxGuideSize-len(base)-2) + "\n",
			want: "ok",
		},
		{
			name: "20000 levels of flow nesting",
			src:  replaceOnce(t, base, "checklist:", "rules:\n  - id: deep\n    when: "+nestFlow(20000)+"\n    points: {hand: 1}\n    reason: Deep.\nchecklist:"),
			// Refused before parsing: yaml.v3's time grows with the
			// square of the depth.
			want: "g.yaml:28: brackets ([ ] and { }) nest more than 200 levels deep by this line; a guide needs a few dozen at most",
		},
		{
			name: "20000 levels of block sequences",
			src:  "version: 1\nquestions:\n  " + strings.Repeat("- ", 20000) + "x\n",
			// yaml.v3 places this one line early (its lines count from 0 here).
			want: "g.yaml:2: lists and mappings nest more than 10000 levels deep; a guide needs a few levels",
		},
		{
			name: "20000 nested lists as the whole file",
			src:  strings.Repeat("[", 20000) + strings.Repeat("]", 20000),
			want: "g.yaml:1: brackets ([ ] and { }) nest more than 200 levels deep by this line; a guide needs a few dozen at most",
		},
		{
			name: "condition 17 levels deep",
			src:  replaceOnce(t, base, "checklist:", "rules:\n  - id: deep\n    when: "+nestFlow(17)+"\n    points: {hand: 1}\n    reason: Deep.\nchecklist:"),
			// The innermost condition, past the limit: column 11 + 17×6.
			want: "g.yaml:28:113: condition nested more than 16 levels deep",
		},
		{
			name: "condition 16 levels deep loads",
			src:  replaceOnce(t, base, "checklist:", "rules:\n  - id: deep\n    when: "+nestFlow(16)+"\n    points: {hand: 1}\n    reason: Deep.\nchecklist:"),
			want: "ok",
		},
		{
			name: "question with 500 options",
			src:  replaceOnce(t, base, "checklist:", "  - id: many\n    title: Many\n    prompt: Pick one.\n    options:\n"+manyOptions.String()+"checklist:"),
			// The first option past the limit of 100 is o100: options start
			// on line 30, two lines each.
			want: fmt.Sprintf("g.yaml:%d:9: question \"many\" has more than 100 options, the most a question may have; split the question", 30+2*100),
		},
		{
			name: "question with 100 options loads",
			src:  replaceOnce(t, base, "checklist:", "  - id: many\n    title: Many\n    prompt: Pick one.\n    options:\n"+firstLines(manyOptions.String(), 200)+"checklist:"),
			want: "ok",
		},
		{
			name: "label 10000 characters long",
			src:  replaceOnce(t, base, "label: High", "label: "+strings.Repeat("é", 10000)),
			want: "g.yaml:23:16: option \"high\" of question \"budget\" label is 10000 characters long; keep it to 200",
		},
		{
			name: "label of 200 wide characters loads",
			src:  replaceOnce(t, base, "label: High", "label: "+strings.Repeat("宝", 200)),
			want: "ok",
		},
		{
			name: "guide name 10000 characters long",
			src:  replaceOnce(t, base, "name: Mini guide", "name: "+strings.Repeat("n", 10000)),
			want: "g.yaml:2:7: guide name is 10000 characters long; keep it to 80",
		},
		{
			name: "1500 problems are cut to 50 and a count",
			src:  replaceOnce(t, base, "    items: [Check the clasp.]\n", "    items:\n"+strings.Repeat("      - \"x\\e\"\n", 1500)),
			want: strings.TrimSuffix(tooMany(), "\n"),
		},
		// yaml.v3 compares every key of a mapping with every other and
		// keeps one error per equal pair: without a check of its own the
		// loader needed gigabytes for these.
		{
			name: "20000 copies of one key at the top",
			src:  "version: 1\n" + strings.Repeat("x: 1\n", 20000),
			want: "g.yaml:1:1: this mapping has 20001 keys; no part of a guide needs more than 200",
		},
		{
			name: "20000 copies of one key in an option",
			src:  replaceOnce(t, base, "        label: Low\n", strings.Repeat("        label: Low\n", 20000)),
			want: "g.yaml:18:9: this mapping has 20003 keys; no part of a guide needs more than 200",
		},
		{
			name: "50000 distinct keys where a list belongs",
			src:  "version: 1\nquestions:\n" + manyKeys(50000),
			want: "g.yaml:1: the guide needs at least two outcomes under \"outcomes\"\n" +
				"g.yaml:3:3: questions must be a list (lines starting with \"- \"), found a mapping",
		},
		// yaml.v3 keeps about 150 bytes per value: a file dense with
		// values is refused before it is parsed, naming the line where the
		// count passed the limit.
		{
			name: "half a million values in a flow list",
			src:  "version: 1\nquestions: [" + strings.Repeat("a,", (MaxGuideSize-30)/2) + "a]\n",
			want: "g.yaml:2: the file holds more than 300,000 values (texts, numbers, list items, keys) by this line, the most a guide may hold; a guide for a shop needs far fewer; split it",
		},
		{
			name: "2001 checklist items, no aliases",
			src:  replaceOnce(t, base, "    items: [Check the clasp.]\n", "    items:\n"+strings.Repeat("      - Check.\n", 2001)),
			want: fmt.Sprintf("g.yaml:%d:9: the guide holds more than 2,000 checklist items, the most a guide may hold; a guide for a shop needs far fewer; split it", 29+2000),
		},
		{
			name: "a key repeated 3 times",
			src:  replaceOnce(t, base, "    title: Budget\n", "    title: Budget\n    title: Budget\n    title: Price\n"),
			want: "g.yaml:16:5: key \"title\" is already set at line 15; keep one of them\n" +
				"g.yaml:17:5: key \"title\" is already set at line 15; keep one of them",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := "ok"
			g, err := Parse("g.yaml", []byte(tt.src))
			if err != nil {
				got = err.Error()
				checkErrorShape(t, "g.yaml", err)
			} else {
				checkLoaded(t, g)
			}
			if got != tt.want {
				t.Errorf("got:  %.300s\nwant: %s", got, tt.want)
			}
		})
	}
}

func firstLines(s string, n int) string {
	return strings.Join(strings.SplitAfter(s, "\n")[:n], "")
}

// The loader refuses escape codes and other control characters in every
// text field of a guide, naming the field and where it is.
func TestLoaderRefusesControlCharacters(t *testing.T) {
	base := replaceOnce(t, miniGuide(t), "decision:", "shop:\n  name: Corner\n  tagline: Fine things\n  contact: Call us\ndecision:")
	base = replaceOnce(t, base, "    label: Hand\n", "    label: Hand\n    summary: Go handmade.\n    close: Too close.\n")
	base = replaceOnce(t, base, "    prompt: How much?\n", "    prompt: How much?\n    why: Price matters.\n")
	base = replaceOnce(t, base, "        label: Low\n", "        label: Low\n        detail: Cheap and cheerful\n")
	base = replaceOnce(t, base, "checklist:", "rules:\n  - id: r\n    when: budget=high\n    points: {hand: 1}\n    reason: Because.\nchecklist:")
	if _, err := Parse("g.yaml", []byte(base)); err != nil {
		t.Fatalf("base guide must load: %v", err)
	}
	payloads := map[string]string{
		"OSC 52":   `\e]52;c;aGVsbG8=\a`,
		"CSI":      `\e[2J`,
		"OSC 8":    `\e]8;;http://x.invalid\e\\link\e]8;;\e\\`,
		"C1 CSI":   `\u009b2J`,
		"DEL":      `\x7f`,
		"carriage": `\r`,
	}
	fields := []struct{ old, what string }{
		{"name: Mini guide", "guide name"},
		{"name: Corner", "shop name"},
		{"tagline: Fine things", "shop tagline"},
		{"contact: Call us", "shop contact"},
		{"label: Hand", `outcome "hand" label`},
		{"summary: Go handmade.", `outcome "hand" summary`},
		{"close: Too close.", `outcome "hand" close`},
		{"title: Budget", `question "budget" title`},
		{"prompt: How much?", `question "budget" prompt`},
		{"why: Price matters.", `question "budget" why`},
		{"label: Low", `option "low" of question "budget" label`},
		{"detail: Cheap and cheerful", `option "low" of question "budget" detail`},
		{"reason: Cheap.", `option "low" of question "budget" reason`},
		{"reason: Because.", `rule "r" reason`},
		{"group: Any piece", "checklist group name"},
		{"items: [Check the clasp.]", "checklist item"},
	}
	for _, f := range fields {
		key, val, _ := strings.Cut(f.old, ": ")
		for pname, p := range payloads {
			t.Run(f.what+"/"+pname, func(t *testing.T) {
				repl := key + `: "` + val + p + `"`
				if key == "items" {
					repl = `items: ["Check the clasp.` + p + `"]`
				}
				src := replaceOnce(t, base, f.old, repl)
				_, err := Parse("g.yaml", []byte(src))
				if err == nil {
					t.Fatalf("%s with %s loaded", f.what, pname)
				}
				checkErrorShape(t, "g.yaml", err)
				want := f.what + " holds a control character (such as an escape code); remove it"
				if !strings.HasSuffix(err.Error(), want) || strings.Count(err.Error(), "\n") != 0 {
					t.Errorf("got %q, want one line ending %q", err, want)
				}
			})
		}
	}
}

// tooMany is the error for 1500 bad checklist items, one a line from 29.
func tooMany() string {
	var b strings.Builder
	for line := 29; line < 29+50; line++ {
		fmt.Fprintf(&b, "g.yaml:%d:9: checklist item holds a control character (such as an escape code); remove it\n", line)
	}
	b.WriteString("g.yaml:79: ... and 1450 more problems; fix the ones above first\n")
	return b.String()
}

func manyKeys(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  k%d: 1\n", i)
	}
	return b.String()
}
