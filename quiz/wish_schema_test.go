package quiz

import (
	"os"
	"testing"
)

// TestWishSchema: an option's rules_out and an outcome's mid_sentence load
// as written; an outcome without mid_sentence reads as its label.
func TestWishSchema(t *testing.T) {
	src, err := os.ReadFile("../testdata/guides/ok-rules-out.yaml")
	if err != nil {
		t.Fatal(err)
	}
	g, err := Parse("ok-rules-out.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	qu, _ := g.Question("design")
	got := qu.Options[0].RulesOut
	if len(got) != 1 || got[0].Outcome != "mass" || got[0].Text != "A design made with you needs a maker; ask one for something small." {
		t.Errorf("rules_out = %+v", got)
	}
	if n := len(qu.Options[1].RulesOut); n != 0 {
		t.Errorf("an option without rules_out rules out %d outcomes", n)
	}
	if c := qu.Options[1].Caution; len(c) != 1 || c[0].Outcome != "hand" || c[0].Text != "A maker's shelf holds few finished designs; ask what is ready." {
		t.Errorf("caution = %+v", c)
	}
	for id, want := range map[string]string{"hand": "made by hand", "mass": "Mass", "mix": "a mix"} {
		if o, _ := g.Outcome(id); o.InSentence() != want {
			t.Errorf("%s.InSentence() = %q, want %q", id, o.InSentence(), want)
		}
	}
}
