package serve

import (
	"fmt"
	"runtime/debug"
	"time"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish/ratelimiter"
)

// refuse ends a session with one line for the client, on its error
// stream so a script reading the quiz's output does not take it for that.
func refuse(sess ssh.Session, msg string) {
	fmt.Fprintf(sess.Stderr(), "jewelguide: %s\r\n", msg)
	_ = sess.Exit(1)
}

// recoverPanics is the outermost step: a panic in one session ends that
// session with a line to its client and a report in the server's log,
// never the server. Bubble Tea catches the panics of its own program; this
// catches everything else that runs in the session's goroutine.
func (s *Server) recoverPanics(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		defer func() {
			if r := recover(); r != nil {
				s.events.Printf("panic in the session of %s: %v\n%s", sess.RemoteAddr(), r, debug.Stack())
				refuse(sess, "something went wrong on the server and this session has to end; please connect again")
			}
		}()
		next(sess)
	}
}

// logSessions writes a line to the server's log when a session starts and
// when it ends, as wish's logging middleware does, but with everything the
// client chose (its user name, terminal type and version) quoted, so no
// client can write escape codes or fake lines into the log.
func (s *Server) logSessions(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		start := time.Now()
		pty, _, hasPty := sess.Pty()
		term := "none"
		if hasPty {
			term = fmt.Sprintf("%q %dx%d", pty.Term, pty.Window.Width, pty.Window.Height)
		}
		who := "public"
		if v := s.identify(sess); v.staff {
			who = fmt.Sprintf("counter %q", v.counter)
		}
		s.events.Printf("connect %s user %q %s terminal %s client %q",
			sess.RemoteAddr(), sess.User(), who, term, sess.Context().ClientVersion())
		next(sess)
		s.events.Printf("disconnect %s after %s", sess.RemoteAddr(), time.Since(start).Round(time.Millisecond))
	}
}

// rateLimit holds each address to a burst of sessions and then one a
// second, with wish's limiter and a message of our own.
func (s *Server) rateLimit(l ratelimiter.RateLimiter) func(ssh.Handler) ssh.Handler {
	return func(next ssh.Handler) ssh.Handler {
		return func(sess ssh.Session) {
			if err := l.Allow(sess); err != nil {
				s.events.Printf("refused %s: too many sessions from that address", sess.RemoteAddr())
				refuse(sess, "too many sessions from your address in a short time; please try again in a minute")
				return
			}
			next(sess)
		}
	}
}

// sessionCap keeps at most MaxSessions sessions open at once, so a crowd
// cannot take the memory the counters need.
func (s *Server) sessionCap(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if n := s.open.Add(1); int(n) > s.cfg.MaxSessions {
			s.open.Add(-1)
			s.events.Printf("refused %s: all %d sessions in use", sess.RemoteAddr(), s.cfg.MaxSessions)
			refuse(sess, fmt.Sprintf("all %d places are in use; please try again in a few minutes", s.cfg.MaxSessions))
			return
		}
		defer s.open.Add(-1)
		next(sess)
	}
}
