package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/plain"
	"github.com/jewelguide/jewelguide/quiz/shop"
	"github.com/jewelguide/jewelguide/quiz/tui"
)

// Width of plain text for a client whose window size is unknown, and the
// widest a report is wrapped (long lines are hard to read).
const (
	defaultWidth   = 80
	maxReportWidth = 100
)

// visitor is who a session belongs to: a counter signed in with a staff
// key, or a member of the public.
type visitor struct {
	staff   bool
	counter string
}

// liveSession is an open session as the stop sees it.
type liveSession struct {
	cancel context.CancelCauseFunc
}

// tooLongError ends a session that reached its maximum length.
type tooLongError struct{ limit time.Duration }

func (e tooLongError) Error() string {
	return fmt.Sprintf("this session reached its time limit of %s", e.limit)
}

// identify reads who a session belongs to from the key it authenticated
// with (nil for keyboard-interactive), never from keys it only offered.
func (s *Server) identify(sess ssh.Session) visitor {
	if name, ok := s.keys.Load().staffName(sess.PublicKey()); ok {
		return visitor{staff: true, counter: name}
	}
	return visitor{}
}

// fingerprint names a client's key in the server's log, never the key
// itself.
func fingerprint(key ssh.PublicKey) string {
	if key == nil {
		return "none"
	}
	return gossh.FingerprintSHA256(key)
}

// track registers a session for the stop; it fails once the stop began.
func (s *Server) track(ls *liveSession) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopping {
		return false
	}
	s.sessions[ls] = struct{}{}
	s.wg.Add(1)
	return true
}

func (s *Server) untrack(ls *liveSession) {
	s.mu.Lock()
	delete(s.sessions, ls)
	s.mu.Unlock()
	s.wg.Done()
}

// maxSession is the length limit for v's sessions, 0 for none.
func (s *Server) maxSession(v visitor) time.Duration {
	if s.cfg.MaxSession > 0 || v.staff {
		return s.cfg.MaxSession
	}
	return DefaultPublicMaxSession
}

// terminalStep is the last step before the quiz. Unlike wish's activeterm
// and Bubble Tea middleware, which turn away a session without a
// terminal, it routes: a terminal gets the full screen; no terminal,
// ACCESSIBLE in the client's environment or TERM=dumb gets plain mode.
func (s *Server) terminalStep(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		s.session(sess)
		next(sess)
	}
}

func (s *Server) session(sess ssh.Session) {
	v := s.identify(sess)
	if !v.staff && !s.cfg.Public {
		// The key was taken out of the file (SIGHUP) after it logged in.
		s.events.Printf("refused %s: user %q key %q is no longer a staff key", sess.RemoteAddr(), sess.User(), fingerprint(sess.PublicKey()))
		refuse(sess, "this key is no longer allowed here")
		return
	}
	ctx, cancel := context.WithCancelCause(sess.Context())
	defer cancel(nil)
	ls := &liveSession{cancel: cancel}
	if !s.track(ls) {
		refuse(sess, "the server is stopping; please connect again in a moment")
		return
	}
	defer s.untrack(ls)
	if limit := s.maxSession(v); limit > 0 {
		var stop context.CancelFunc
		ctx, stop = context.WithTimeoutCause(ctx, limit, tooLongError{limit})
		defer stop()
	}
	go s.keepAlive(ctx, sess)
	pty, winCh, hasPty := sess.Pty()
	env := environ(sess.Environ())
	if !hasPty || plain.Accessible(env.get("ACCESSIBLE")) || pty.Term == "dumb" || pty.Term == "" {
		width := defaultWidth
		if hasPty && pty.Window.Width > 0 {
			width = pty.Window.Width
		}
		s.runPlain(ctx, sess, v, hasPty, width)
		return
	}
	s.runScreen(ctx, cancel, sess, v, winCh, env)
}

// keepAlive asks the client every KeepAlive whether it is still there,
// as OpenSSH's ClientAliveInterval does, and closes the connection when no
// answer comes in time: the session then ends as a dropped one does.
func (s *Server) keepAlive(ctx context.Context, sess ssh.Session) {
	conn, ok := sess.Context().Value(ssh.ContextKeyConn).(gossh.Conn)
	if !ok {
		return
	}
	tick := time.NewTicker(s.cfg.KeepAlive)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		reply := make(chan error, 1)
		go func() {
			_, _, err := conn.SendRequest("keepalive@openssh.com", true, nil)
			reply <- err
		}()
		select {
		case <-ctx.Done():
			return
		case err := <-reply:
			if err == nil {
				continue
			}
		case <-time.After(s.cfg.KeepAlive):
		}
		s.events.Printf("%s stopped answering; closing its connection", sess.RemoteAddr())
		_ = conn.Close()
		return
	}
}

// runScreen gives the session its own full-screen program: its own
// renderer (the client's colour profile from its TERM, its background),
// window size and resizes, idle reset and key handling.
func (s *Server) runScreen(ctx context.Context, cancel context.CancelCauseFunc, sess ssh.Session, v visitor, winCh <-chan ssh.Window, env environ) {
	g := s.cfg.Guide
	in := newInput(sess)
	r := sessionRenderer(sess, in)
	noColor := env.get("NO_COLOR") != ""
	var width atomic.Int64
	width.Store(defaultWidth)
	sizes := make(chan tea.WindowSizeMsg)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case w, ok := <-winCh:
				if !ok {
					return
				}
				if w.Width <= 0 || w.Height <= 0 {
					// A client whose own input is no terminal (ssh -tt
					// from a script) sends 0×0: keep the default size
					// rather than draw nothing.
					continue
				}
				width.Store(int64(w.Width))
				select {
				case sizes <- tea.WindowSizeMsg{Width: w.Width, Height: w.Height}:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	saveDir := ""
	if v.staff {
		saveDir = s.cfg.SaveDir
	}
	out, err := tui.Run(ctx, tui.Options{
		Guide:     g,
		Input:     &hangupReader{r: in, cancel: cancel},
		Output:    sess,
		NoColor:   noColor,
		Renderer:  r,
		AltScreen: true,
		SaveDir:   saveDir,
		LogFile:   s.cfg.LogFile,
		Idle:      s.cfg.Idle,
		Public:    !v.staff,
		Origin:    s.origin(v),
		Resize:    sizes,
		NoSuspend: true,
	})
	if out.LogError != nil {
		s.events.Printf("not logged for %s: %v", sess.RemoteAddr(), out.LogError)
	}
	switch {
	case err != nil && ctx.Err() != nil:
		// Stopped, out of time, or the client went away: the result on
		// screen still counts, as when a counter's window is closed.
		s.logLeftover(v, out)
		s.sayWhyEnded(ctx, sess, g, out)
	case err != nil:
		s.events.Printf("the interface of %s failed: %v", sess.RemoteAddr(), err)
		s.logLeftover(v, out)
		refuse(sess, "something went wrong on the server and this session has to end; please connect again")
	case out.Interrupted:
		// ctrl+c over SSH does what it does at a counter: the result on
		// screen is logged, the report is not printed, and the client is
		// told so.
		s.logLeftover(v, out)
		fmt.Fprint(sess.Stderr(), "jewelguide: interrupted; the consultation on screen was not printed\r\n")
		_ = sess.Exit(130)
	case out.Completed:
		// Printed after the full screen is gone, so it stays in the
		// client's scrollback, resume code and all.
		rep := report(g, out.Answers)
		st := tui.NewStylesFor(r, rep.Shop.Accent, noColor)
		w := min(max(int(width.Load()), 20), maxReportWidth)
		_, _ = io.WriteString(sess, tui.RenderReport(rep, w, st)+"\n")
	}
	if out.LogError != nil && v.staff {
		fmt.Fprintf(sess.Stderr(), "jewelguide: some consultations were not logged: %s\r\n", quiz.Inert(out.LogError.Error()))
	}
}

// runPlain asks line by line over the session's streams.
func (s *Server) runPlain(ctx context.Context, sess ssh.Session, v visitor, hasPty bool, width int) {
	g := s.cfg.Guide
	run := plain.Run
	var in io.Reader = sess
	if hasPty {
		// The line reader echoes enter, as a terminal would.
		in, run = newLineReader(sess, sess), plain.RunEchoed
	}
	a, err := run(ctx, g, in, sess, width)
	var ended *plain.InputEndedError
	switch {
	case errors.Is(err, plain.ErrQuit):
		return
	case ctx.Err() != nil:
		s.sayWhyEnded(ctx, sess, g, tui.Outcome{})
		return
	case errors.Is(err, errInterrupted):
		fmt.Fprint(sess.Stderr(), "jewelguide: interrupted (ctrl+c); no report was written\r\n")
		_ = sess.Exit(130)
		return
	case errors.As(err, &ended):
		refuse(sess, err.Error())
		return
	case err != nil:
		s.events.Printf("plain session of %s: %v", sess.RemoteAddr(), err)
		refuse(sess, "reading your answers failed; please connect again")
		return
	}
	fmt.Fprintln(sess)
	if err := quiz.WriteText(sess, report(g, a), width); err != nil {
		return // the client has gone; nothing was shown, nothing to log
	}
	if err := s.logAnswers(v, a, ""); err != nil {
		s.events.Printf("not logged for %s: %v", sess.RemoteAddr(), err)
	}
}

// report is the report for answers a, with the code that reopens them.
func report(g *quiz.Guide, a quiz.Answers) *quiz.Report {
	rep := quiz.NewReport(g, g.Evaluate(a))
	rep.Code = g.Code(a)
	return rep
}

// sayWhyEnded tells a client whose session the server ended why, and
// gives the resume code of a result that was on screen.
func (s *Server) sayWhyEnded(ctx context.Context, sess ssh.Session, g *quiz.Guide, out tui.Outcome) {
	cause := context.Cause(ctx)
	var long tooLongError
	if !errors.Is(cause, errStopping) && !errors.As(cause, &long) {
		return // the client left; there is no one to tell
	}
	msg := cause.Error()
	if out.Completed {
		msg += "; to pick up where you were, use resume code " + g.Code(out.Answers)
	}
	refuse(sess, msg)
}

// logLeftover logs the consultation on screen when the program ended
// before the interface could (a dropped connection, a stop).
func (s *Server) logLeftover(v visitor, out tui.Outcome) {
	if !out.Completed || out.Logged {
		return
	}
	if err := s.logAnswers(v, out.Answers, out.Reference); err != nil {
		s.events.Printf("the consultation on screen was not logged: %v", err)
	}
}

// logAnswers appends one record to the log, marked public for the public.
func (s *Server) logAnswers(v visitor, a quiz.Answers, ref string) error {
	if s.cfg.LogFile == "" {
		return nil
	}
	g := s.cfg.Guide
	if !v.staff {
		ref = ""
	}
	rec := shop.NewRecord(g, g.Evaluate(a), ref, time.Now(), s.origin(v))
	rec.Public = !v.staff
	return shop.AppendLog(s.cfg.LogFile, rec)
}

// origin is where v's consultations are logged from: the server's store,
// and for staff the counter their key names. Public sessions name no
// counter; their records are marked public instead.
func (s *Server) origin(v visitor) shop.Origin {
	return shop.Origin{Store: s.cfg.Store, Counter: v.counter}
}

// hangupReader ends the session's context when the client's input ends,
// so a session closed on a connection that stays open (a multiplexed
// client) does not leave its program running.
type hangupReader struct {
	r      io.Reader
	cancel context.CancelCauseFunc
}

func (h *hangupReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	if err != nil {
		h.cancel(err)
	}
	return n, err
}

// environ is a client's environment as sent with SetEnv or SendEnv.
type environ []string

func (e environ) get(name string) string {
	for _, kv := range e {
		if v, ok := strings.CutPrefix(kv, name+"="); ok {
			return v
		}
	}
	return ""
}
