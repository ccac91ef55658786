package quiz

import (
	"strings"
	"testing"
)

// Syntax errors are reported where a person fixes them, in words, with
// what to do; yaml.v3's own messages name the start of the enclosing
// block and speak parser.
func TestSyntaxErrorsPointAtTheMistake(t *testing.T) {
	base := miniGuide(t)
	tests := []struct {
		name, old, new, want string
	}{
		{"a key un-indented into the list of questions", "    prompt: How much?\n", "  prompt: How much?\n",
			`g.yaml:16:3: this line is at the indentation of a list's "- " items but is not one; indent it to column 5, like the lines above it, or start a new item with "- "`},
		{"indentation between two levels", "    prompt: How much?\n", "   prompt: How much?\n",
			`g.yaml:16:4: this line's indentation matches no line above it; start it in column 3 or 5, like the lines it belongs with`},
		{"a tab in the indentation", "    prompt: How much?\n", "\tprompt: How much?\n",
			`g.yaml:16:1: a tab in the indentation; YAML indents with spaces only; replace the tab with spaces`},
		{"a colon inside unquoted text", "reason: Cheap.", "reason: Cheap: for now.",
			`g.yaml:21:22: a ": " inside unquoted text, which YAML reads as the start of a key; put the whole text in quotes: "Cheap: for now."`},
		{"a key indented under a text", "    prompt: How much?\n", "      prompt: How much?\n",
			`g.yaml:16:13: this line is indented more than the key on line 15, so it reads as more of that line's text, where ": " cannot stand; indent it like the keys it belongs with, or quote the text`},
		{"a comment hides a closing bracket", "points: {mass: 2}", "points: {mass: 2 #two}",
			`g.yaml:20:17: this { is not closed; a " #" on line 20 starts a comment, which hides the rest of that line; put that text in quotes`},
		{"an unclosed bracket", "points: {mass: 2}", "points: {mass: 2",
			`g.yaml:20:17: this { is not closed; close it with } at the end of line 20`},
		{"an unclosed quote", "reason: Cheap.", `reason: "Cheap.`,
			`g.yaml:21:17: this " opens quoted text that is not closed before line 22; end the text with " on line 21`},
		{"an apostrophe in single quotes", "reason: Cheap.", `reason: 'Cheap, isn't it'`,
			`g.yaml:21:29: text after the closing ' of quoted text; inside '…' write an apostrophe as '', or quote the text with "…" instead`},
		{"an alias of no anchor", "points: {mass: 2}", "points: *cheap",
			`g.yaml:20:17: the alias *cheap repeats an anchor &cheap that is not defined before it; define "&cheap" on the value to repeat, above this line, or remove the alias`},
		{"a comment cutting a text short", "reason: Cheap.", "reason: Cheap #1 pick.",
			`g.yaml:21:17: option "low" of question "budget" reason stops at " #1": a " #" in unquoted text starts a comment; put the whole text in quotes to keep the rest`},
		{"a list item among keys", "    prompt: How much?\n", "    prompt: How much?\n    - stray\n",
			`g.yaml:17:5: a list item ("- ") among the keys of a mapping; make it the value of a key that ends with ":", or remove the "- "`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("g.yaml", []byte(replaceOnce(t, base, tt.old, tt.new)))
			if err == nil {
				t.Fatal("the broken guide loaded")
			}
			checkErrorShape(t, "g.yaml", err)
			if err.Error() != tt.want {
				t.Errorf("got:  %s\nwant: %s", err, tt.want)
			}
		})
	}
}

// A problem that only follows from another is not reported: deleting an
// outcome reports each place that names it, not also that a rule whose
// points all went to it gives none, nor checklist gaps.
func TestNoEchoesOfAnotherProblem(t *testing.T) {
	base := miniGuide(t)
	src := replaceOnce(t, base, "  - id: mix\n    label: Mix\n", "")
	src = replaceOnce(t, src, "checklist:", "rules:\n  - id: both\n    when: budget=high\n    points: {mix: 2}\n    reason: Both.\nchecklist:")
	_, err := Parse("g.yaml", []byte(src))
	if err == nil {
		t.Fatal("a guide naming a deleted outcome loaded")
	}
	for _, l := range strings.Split(err.Error(), "\n") {
		if !strings.Contains(l, `outcome "mix", which the guide does not have`) {
			t.Errorf("problem that only echoes the deleted outcome: %s", l)
		}
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != 2 {
		t.Errorf("got %d problems, want 2 (close_call and the rule's points):\n%s", n, err)
	}

	// A misspelt field is reported; the field it should have been is not
	// also reported missing.
	_, err = Parse("g.yaml", []byte(replaceOnce(t, base, "reason: Cheap.", "reasons: Cheap.")))
	want := `g.yaml:21:9: unknown field "reasons" in an option of question "budget"; use one of id, label, detail, points, reason, rules_out, caution`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}
