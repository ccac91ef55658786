package serve

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/jewelguide/jewelguide/quiz/tui"
)

// firstFrame is a writer that closes seen once the welcome screen's last
// line has been written to it.
type firstFrame struct {
	mu   sync.Mutex
	buf  strings.Builder
	seen chan struct{}
	once sync.Once
}

func newFirstFrame() *firstFrame { return &firstFrame{seen: make(chan struct{})} }

func (f *firstFrame) Write(p []byte) (int, error) {
	f.mu.Lock()
	f.buf.Write(p)
	done := strings.Contains(f.buf.String(), "more")
	f.mu.Unlock()
	if done {
		f.once.Do(func() { close(f.seen) })
	}
	return len(p), nil
}

// BenchmarkFirstFrameLocal is the baseline: the same interface drawing
// its first frame in-process, to a writer, at 80×24.
func BenchmarkFirstFrameLocal(b *testing.B) {
	g := guide(b)
	var total time.Duration
	for range b.N {
		out := newFirstFrame()
		in, keys := io.Pipe()
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		start := time.Now()
		go func() {
			_, _ = tui.Run(ctx, tui.Options{Guide: g, Input: in, Output: out, AltScreen: true})
			close(done)
		}()
		<-out.seen
		total += time.Since(start)
		cancel()
		keys.Close()
		<-done
	}
	reportFrame(b, total)
}

// reportFrame reports the mean time to the first frame; ns/op also counts
// each iteration's set-up and tear-down.
func reportFrame(b *testing.B, total time.Duration) {
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/first-frame")
}

// BenchmarkFirstFrameSSH times a session over loopback from its start,
// after authentication, to its first frame, with a client that answers
// the terminal's queries as a real terminal does.
func BenchmarkFirstFrameSSH(b *testing.B) {
	k := newKey(b, "bench")
	keys := filepath.Join(b.TempDir(), "keys")
	writeKeys(b, keys, k)
	r := start(b, Config{AuthorizedKeys: keys, RateBurst: 1 << 20, MaxSessions: 1 << 20})
	c, err := dial(r.addr, gossh.PublicKeys(k.signer))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	var total time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		s, err := c.NewSession()
		if err != nil {
			b.Fatal(err)
		}
		if err := s.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
			b.Fatal(err)
		}
		in, _ := s.StdinPipe()
		out, _ := s.StdoutPipe()
		frame := newFirstFrame()
		tm := newTermAnswering(io.TeeReader(out, frame), in, true)
		b.StartTimer()
		start := time.Now()
		if err := s.Shell(); err != nil {
			b.Fatal(err)
		}
		<-frame.seen
		total += time.Since(start)
		b.StopTimer()
		_, _ = io.WriteString(in, "\x03")
		_ = s.Wait()
		<-tm.done
		b.StartTimer()
	}
	reportFrame(b, total)
}
