package serve

import (
	"errors"
	"io"
	"regexp"
	"sync"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	bm "github.com/charmbracelet/wish/bubbletea"
)

// queryWait bounds how long a session waits for its client to answer the
// colour query; wish's own timeout cannot interrupt a read of a session.
const queryWait = time.Second

var errNoAnswer = errors.New("the terminal did not answer")

// input is a session's input read by one goroutine of its own, so that a
// read can give up at a deadline without losing what arrives after it.
type input struct {
	mu      sync.Mutex
	pending []byte
	chunks  chan []byte
	err     error
	done    chan struct{}
}

func newInput(r io.Reader) *input {
	in := &input{chunks: make(chan []byte), done: make(chan struct{})}
	go func() {
		for {
			b := make([]byte, 1024)
			n, err := r.Read(b)
			if n > 0 {
				in.chunks <- b[:n]
			}
			if err != nil {
				in.err = err
				close(in.done)
				return
			}
		}
	}()
	return in
}

// Read blocks until input arrives or the client's input ends.
func (in *input) Read(p []byte) (int, error) { return in.read(p, nil) }

// read is Read that gives up when timeout fires, with errNoAnswer.
func (in *input) read(p []byte, timeout <-chan time.Time) (int, error) {
	in.mu.Lock()
	if len(in.pending) > 0 {
		n := copy(p, in.pending)
		in.pending = in.pending[n:]
		in.mu.Unlock()
		return n, nil
	}
	in.mu.Unlock()
	select {
	case b := <-in.chunks:
		n := copy(p, b)
		if n < len(b) {
			in.unread(b[n:])
		}
		return n, nil
	case <-in.done:
		return 0, in.err
	case <-timeout:
		return 0, errNoAnswer
	}
}

// unread puts b back in front of what is still to be read.
func (in *input) unread(b []byte) {
	in.mu.Lock()
	in.pending = append(append([]byte{}, b...), in.pending...)
	in.mu.Unlock()
}

// replies matches the answers to the colour query: the background colour
// (OSC 11) and the device attributes (DA1) that follow it. It is
// compiled on first use, by a server's first session, not by every run of
// the program.
var replies = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\x1b\]11;[^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[\?[0-9;]*c`)
})

// queried is the session as wish's renderer sees it while it asks the
// client about its terminal: reads come from in and stop at a deadline,
// and every byte read is kept, so keys typed meanwhile reach the quiz.
type queried struct {
	ssh.Session
	in       *input
	deadline <-chan time.Time
	seen     []byte
}

func (q *queried) Read(p []byte) (int, error) {
	n, err := q.in.read(p, q.deadline)
	q.seen = append(q.seen, p[:n]...)
	return n, err
}

// sessionRenderer is wish's bubbletea.MakeRenderer for sess: the colour
// profile from the client's TERM, the background from asking the client.
// A client that never answers costs queryWait, not a hang until the first
// key, and what the client typed meanwhile goes back to in.
func sessionRenderer(sess ssh.Session, in *input) *lipgloss.Renderer {
	q := &queried{Session: sess, in: in, deadline: time.After(queryWait)}
	r := bm.MakeRenderer(q)
	if rest := replies().ReplaceAll(q.seen, nil); len(rest) > 0 {
		in.unread(rest)
	}
	return r
}
