// Package plain asks a guide's questions line by line: a numbered list and
// a prompt, nothing else. No colour, no cursor movement and no redrawing,
// so it works through a screen reader, a pipe, a serial line or a terminal
// that cannot draw the full-screen interface.
package plain

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jewelguide/jewelguide/quiz"
)

// InputEndedError says the input ran out before the quiz was finished.
// Question is 1-based.
type InputEndedError struct {
	Question, Of int
}

func (e *InputEndedError) Error() string {
	return fmt.Sprintf("input ended at question %d of %d; no report was written", e.Question, e.Of)
}

// ErrQuit is returned when the user typed q to stop before the end.
var ErrQuit = errors.New("quit before the last question")

// maxLine bounds one line of input so a stream without newlines cannot
// grow memory without limit.
const maxLine = 4096

// Run asks every question of g, reading answers from in and writing
// prompts to out (width columns wide), and returns the answers once the
// last question is answered. It takes in for input that is not echoed
// (a pipe, a session without a terminal); RunEchoed is for a terminal.
//
// It returns ctx's error when ctx ends first (a signal), without waiting
// for the line being typed.
func Run(ctx context.Context, g *quiz.Guide, in io.Reader, out io.Writer, width int) (quiz.Answers, error) {
	return run(ctx, g, in, &printer{w: out, width: width})
}

// RunEchoed is Run for input from a terminal, which shows what is typed
// and ends the prompt's line itself when Enter is pressed.
func RunEchoed(ctx context.Context, g *quiz.Guide, in io.Reader, out io.Writer, width int) (quiz.Answers, error) {
	return run(ctx, g, in, &printer{w: out, width: width, echoed: true})
}

func run(ctx context.Context, g *quiz.Guide, in io.Reader, p *printer) (quiz.Answers, error) {
	lines := readLines(in)
	// Whatever ends the run, the next thing printed (an error, the
	// report) starts on a line of its own, not after the prompt.
	defer p.endLine()
	answers := quiz.Answers{}
	p.line(0, quiz.Inert(g.Name))
	if g.Shop.Tagline != "" {
		p.line(0, quiz.Inert(g.Shop.Tagline))
	}
	p.line(0, fmt.Sprintf("%d questions. Type the number of your answer and press Enter; b goes back, ? explains a question, q stops.", len(g.Questions)))
	for i := 0; i < len(g.Questions); {
		qu := g.Questions[i]
		askQuestion(p, qu, i, len(g.Questions))
		current, answered := answers[qu.ID]
		if answered {
			p.line(0, "Your answer so far: "+qu.ChosenLabels(current)+". Press Enter to keep it.")
		}
		for {
			p.prompt(promptText(qu, i))
			var ln line
			select {
			case <-ctx.Done():
				return nil, context.Cause(ctx)
			case ln = <-lines:
				if !ln.end {
					p.answered()
				}
			}
			if ln.end {
				if ln.err != nil {
					return nil, fmt.Errorf("reading answers: %w", ln.err)
				}
				return nil, &InputEndedError{Question: i + 1, Of: len(g.Questions)}
			}
			// Some Windows shells start piped text with a byte-order mark.
			text := strings.TrimSpace(strings.TrimPrefix(ln.text, "\ufeff"))
			switch {
			case text == "?":
				why := qu.Why
				if why == "" {
					why = "This guide gives no reason for this question."
				}
				p.line(0, "Why we ask: "+quiz.Inert(why))
				continue
			case strings.EqualFold(text, "q"):
				p.line(0, "Stopped; no report was written.")
				return nil, ErrQuit
			case strings.EqualFold(text, "b"):
				if i == 0 {
					p.line(0, "This is the first question; there is nothing to go back to.")
					continue
				}
				i--
			case text == "" && answered:
				p.line(0, chosenLine(qu, current))
				i++
			default:
				picked, msg := parseChoice(qu, text)
				if msg != "" {
					p.line(0, msg)
					continue
				}
				answers[qu.ID] = picked
				// Say what was understood: a screen reader, or input that
				// is not echoed, has no other way to hear it.
				p.line(0, chosenLine(qu, picked))
				i++
			}
			break
		}
	}
	return answers, nil
}

func askQuestion(p *printer, qu quiz.Question, i, n int) {
	p.line(0, "")
	p.line(0, fmt.Sprintf("Question %d of %d: %s", i+1, n, quiz.Inert(qu.Title)))
	p.line(0, quiz.Inert(qu.Prompt))
	for k, op := range qu.Options {
		item := fmt.Sprintf("%d. %s", k+1, quiz.Inert(op.Label))
		if op.Detail != "" {
			item += " (" + quiz.Inert(op.Detail) + ")"
		}
		p.item(item)
	}
	if qu.Multi() {
		p.line(0, fmt.Sprintf("Choose up to %d: type their numbers with commas between, or 0 for none of these.", qu.Max))
	}
}

// chosenLine echoes an answer: "Occasion: A milestone".
func chosenLine(qu quiz.Question, picked []string) string {
	return quiz.Inert(qu.Title) + ": " + qu.ChosenLabels(picked)
}

// promptText is the prompt, short enough that the prompt and a typed
// answer fit 80 columns; a multi-select question says how to answer on
// the line before it.
func promptText(qu quiz.Question, i int) string {
	keys := "b: back, ?: why, q: quit"
	if i == 0 {
		keys = "?: why, q: quit"
	}
	if qu.Multi() {
		return fmt.Sprintf("Numbers (%s): ", keys)
	}
	return fmt.Sprintf("Number 1-%d (%s): ", len(qu.Options), keys)
}

// parseChoice turns "2" or "1, 3" into option ids, or says what was wrong
// and what would be accepted.
func parseChoice(qu quiz.Question, text string) ([]string, string) {
	n := len(qu.Options)
	if qu.Multi() && text == "0" {
		return []string{}, "" // none of these: answered, not skipped
	}
	if text == "" {
		// An empty line is no answer, as on a single-choice question: an
		// Enter pressed too early must not record "none of these".
		if qu.Multi() {
			return nil, fmt.Sprintf("Please type up to %d numbers from 1 to %d, or 0 for none of these.", qu.Max, n)
		}
		return nil, fmt.Sprintf("Please type a number from 1 to %d.", n)
	}
	fields := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ' ' })
	if !qu.Multi() && len(fields) > 1 {
		return nil, fmt.Sprintf("This question takes one answer: type a single number from 1 to %d.", n)
	}
	if len(fields) > qu.Max {
		return nil, fmt.Sprintf("Choose at most %d.", qu.Max)
	}
	seen := map[int]bool{}
	var ids []string
	for _, f := range fields {
		k, err := strconv.Atoi(f)
		if err != nil || k < 1 || k > n {
			return nil, fmt.Sprintf("%q is not a choice here; type a number from 1 to %d.", f, n)
		}
		if !seen[k] {
			seen[k] = true
			ids = append(ids, qu.Options[k-1].ID)
		}
	}
	return ids, ""
}

type line struct {
	text string
	end  bool
	err  error
}

// readLines reads in on its own goroutine so that Run can stop on a signal
// while a read is blocked. The goroutine ends with the input; if Run
// returns first, the process is about to exit anyway.
func readLines(in io.Reader) <-chan line {
	ch := make(chan line)
	go func() {
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 0, 256), maxLine)
		for sc.Scan() {
			ch <- line{text: sc.Text()}
		}
		ch <- line{end: true, err: sc.Err()}
		close(ch)
	}()
	return ch
}

// printer writes the prompts. midLine is set while the cursor stands
// after a prompt; echoed says that the terminal ends that line when Enter
// is pressed, as it shows what is typed.
type printer struct {
	w       io.Writer
	width   int
	echoed  bool
	midLine bool
}

// line prints a paragraph; item prints a numbered option whose wrapped
// lines hang under its text rather than its number. Both start on a line
// of their own.
func (p *printer) line(indent int, s string) {
	p.endLine()
	fmt.Fprintln(p.w, strings.Repeat(" ", indent)+quiz.Wrap(s, p.width, indent))
}

func (p *printer) item(s string) {
	p.endLine()
	fmt.Fprintln(p.w, "  "+quiz.Wrap(s, p.width, 5))
}

func (p *printer) prompt(s string) {
	p.endLine()
	fmt.Fprint(p.w, s)
	p.midLine = true
}

// answered notes that a line of input came: on a terminal, its Enter
// ended the prompt's line.
func (p *printer) answered() {
	if p.echoed {
		p.midLine = false
	}
}

// endLine ends the prompt's line if nothing has yet.
func (p *printer) endLine() {
	if p.midLine {
		fmt.Fprintln(p.w)
		p.midLine = false
	}
}
