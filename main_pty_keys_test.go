//go:build linux

package main

import (
	"strings"
	"testing"
	"time"
)

// TestTypedWordsInTerminal types words in one write each, as a barcode
// scanner or an unbracketed paste does: on the result they trigger nothing
// and a notice says so; in the reference field "enter" is text, and only
// the real enter key keeps it.
func TestTypedWordsInTerminal(t *testing.T) {
	code, _ := resumeCode(t, allAnswers...)
	r := startInPTY(t, []string{"NO_COLOR=1"}, "--resume", code, "--save-dir", t.TempDir())
	scr := r.screen
	scr.waitFor(t, "7 of 7 answered")
	r.send(t, "\r")
	scr.waitFor(t, "Resume code "+code)
	r.send(t, "end")
	scr.waitFor(t, "Typed text ignored")
	if strings.Contains(scr.String(), "Customer reference and note") {
		t.Fatal("the word end opened the editor")
	}
	r.send(t, "e")
	scr.waitFor(t, "Customer reference and note")
	r.send(t, "enter")
	scr.waitFor(t, "Reference (5/40)")
	r.send(t, "\r")
	scr.waitFor(t, "Ref: enter")
	// The reference is in no handout yet, so q asks first.
	r.send(t, "q")
	scr.waitFor(t, "Quit? The reference and note are not saved.")
	r.send(t, "y")
	if err := r.wait(t); err != nil {
		t.Fatalf("exit: %v; stderr %q", err, r.stderr.String())
	}
}

// TestIdleWarningInTerminal: with --idle, the program warns before it
// clears the screen; a key stays (and the warning comes again later, as
// the customer is still on screen), and left alone it clears.
func TestIdleWarningInTerminal(t *testing.T) {
	code, _ := resumeCode(t, allAnswers...)
	r := startInPTY(t, []string{"NO_COLOR=1"}, "--resume", code, "--idle", "5s")
	scr := r.screen
	scr.waitFor(t, "7 of 7 answered")
	scr.waitFor(t, "Clearing for the next customer in 2 s")
	r.send(t, "x")
	// Counted from here: the warning must come round again, which it
	// does only while the customer's answers are still on screen.
	warn := "Clearing for the next customer in 2 s"
	seen := strings.Count(scr.String(), warn)
	for end := time.Now().Add(20 * time.Second); strings.Count(scr.String(), warn) == seen; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("the warning did not come round again; got:\n%q", scr.String())
		}
	}
	if strings.Contains(scr.String(), "Press enter to start") {
		t.Fatal("the key pressed during the warning did not keep the screen")
	}
	scr.waitFor(t, "Press enter to start")
	r.send(t, "q")
	if err := r.wait(t); err != nil {
		t.Fatalf("exit: %v; stderr %q", err, r.stderr.String())
	}
}
