// Package serve runs the quiz as an SSH server (jewelguide serve): every
// session gets its own full-screen interface, or plain mode when it has no
// terminal or asks for it, so one shop machine serves every counter and
// customers at home need nothing but ssh.
//
// It drives quiz/tui and quiz/plain per session and never the other way;
// the command line (quiz/cli) turns flags into a Config.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/charmbracelet/wish/ratelimiter"
	gossh "golang.org/x/crypto/ssh"

	"github.com/jewelguide/jewelguide/quiz"
)

// Defaults for the limits that have no flag of their own, and for those
// whose flag was left out.
const (
	DefaultMaxSessions = 32
	// DefaultPublicMaxSession ends a public session after an hour: a
	// customer is done long before, and a forgotten window should not
	// hold one of the places all day.
	DefaultPublicMaxSession = time.Hour
	// defaultRateBurst sessions may start at once from one address, then
	// one a second: enough for a shop whose counters share an address,
	// not for a script opening hundreds.
	defaultRateBurst = 20
	defaultKeepAlive = 30 * time.Second
	defaultLoginWait = 30 * time.Second
	// connsPerSession bounds connections open at once, logged in or not,
	// at this many per allowed session.
	connsPerSession = 2
	// defaultStopWait bounds how long a stop waits for sessions to log
	// and say goodbye.
	defaultStopWait = 5 * time.Second
	// rateEntries bounds the memory the rate limiter keeps per address.
	rateEntries = 4096
)

// Config is one server's settings.
type Config struct {
	// Guide is the validated guide every session asks.
	Guide *quiz.Guide
	// Listen is the address to listen on, e.g. 127.0.0.1:2222.
	Listen string
	// HostKey is the server's private key file, created on first start.
	HostKey string
	// AuthorizedKeys lists the staff keys (OpenSSH format); empty means
	// no staff. Public lets anyone in. One of them is required.
	AuthorizedKeys string
	Public         bool
	// LogFile, SaveDir and Idle are the counter's --log, --save-dir and
	// --idle, shared by every session.
	LogFile string
	SaveDir string
	Idle    time.Duration
	// Store names the store in every log record; empty means the
	// guide's shop name. The counter is the staff key's name.
	Store string
	// MaxSessions caps sessions open at once (0: DefaultMaxSessions).
	MaxSessions int
	// MaxSession ends any session after this long; 0 means none for
	// staff and DefaultPublicMaxSession for public sessions.
	MaxSession time.Duration
	// RateBurst is how many sessions one address may start at once
	// before it is held to one a second (0: the default).
	RateBurst int
	// StopWait bounds the wait for sessions on a stop (0: the default).
	StopWait time.Duration
	// KeepAlive is how often a session's client is asked whether it is
	// still there, and how long it has to answer (0: the default). A
	// counter may sit at the welcome screen all day, so idleness ends
	// nothing; a client that stopped answering (a pulled cable, a laptop
	// shut) is closed, and its result on screen logged.
	KeepAlive time.Duration
	// LoginWait is how long a connection may take to log in before it is
	// closed (0: the default), so connections that never do cannot pile
	// up on a server open to the public.
	LoginWait time.Duration
	// Events receives the server's own log: starts, connections,
	// refusals, panics. nil discards it.
	Events io.Writer
}

// Server is a configured SSH server; Listen, then Serve.
type Server struct {
	cfg    Config
	events *log.Logger
	srv    *ssh.Server
	ln     net.Listener
	keys   atomic.Pointer[keySet]
	// HostKeyCreated is set when New created the host key file.
	HostKeyCreated bool
	// fingerprint is the host key's, which clients are asked to confirm
	// on their first connection.
	fingerprint string

	mu       sync.Mutex
	sessions map[*liveSession]struct{}
	stopping bool
	wg       sync.WaitGroup
	open     atomic.Int32
	conns    atomic.Int32
}

// errStopping ends sessions when the server stops.
var errStopping = errors.New("the server is stopping")

// New checks cfg and prepares the server without listening yet. It
// refuses to make a server that anyone could use by accident: without
// staff keys and without Public, wish would accept every connection.
func New(cfg Config) (*Server, error) {
	if cfg.Guide == nil {
		return nil, errors.New("serve: no guide")
	}
	if cfg.AuthorizedKeys == "" && !cfg.Public {
		return nil, errors.New("serve needs --authorized-keys FILE (staff keys) or --public (anyone may connect); refusing to start a server open to everyone by accident")
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.RateBurst <= 0 {
		cfg.RateBurst = defaultRateBurst
	}
	if cfg.KeepAlive <= 0 {
		cfg.KeepAlive = defaultKeepAlive
	}
	if cfg.LoginWait <= 0 {
		cfg.LoginWait = defaultLoginWait
	}
	if cfg.StopWait <= 0 {
		cfg.StopWait = defaultStopWait
	}
	if cfg.Events == nil {
		cfg.Events = io.Discard
	}
	s := &Server{
		cfg:      cfg,
		events:   log.New(cfg.Events, "", log.LstdFlags),
		sessions: map[*liveSession]struct{}{},
	}
	keys := keySet{}
	if cfg.AuthorizedKeys != "" {
		var err error
		if keys, err = loadKeys(cfg.AuthorizedKeys); err != nil {
			return nil, err
		}
		if len(keys) == 0 && !cfg.Public {
			return nil, fmt.Errorf("--authorized-keys %s holds no keys, so nobody could log in; add a counter's public key first", quiz.Inert(cfg.AuthorizedKeys))
		}
	}
	s.keys.Store(&keys)
	signer, created, err := loadHostKey(cfg.HostKey)
	if err != nil {
		return nil, err
	}
	s.HostKeyCreated = created
	s.fingerprint = gossh.FingerprintSHA256(signer.PublicKey())

	limiter := ratelimiter.NewRateLimiter(1, cfg.RateBurst, rateEntries)
	opts := []ssh.Option{
		func(srv *ssh.Server) error { srv.AddHostKey(signer); return nil },
		func(srv *ssh.Server) error { srv.ConnCallback = s.admit; return nil },
		func(srv *ssh.Server) error { srv.ConnectionFailedCallback = s.logNoLogin; return nil },
		// Password logins are never offered: a shop's staff use keys,
		// customers need nothing.
		wish.WithPublicKeyAuth(s.publicKeyAuth),
		// wish applies middleware from the last to the first: the
		// recovery runs first and the terminal step last.
		wish.WithMiddleware(
			s.terminalStep,
			s.sessionCap,
			s.rateLimit(limiter),
			s.logSessions,
			s.recoverPanics,
		),
	}
	if cfg.Public {
		opts = append(opts, wish.WithKeyboardInteractiveAuth(publicKeyboardAuth))
	}
	if s.srv, err = wish.NewServer(opts...); err != nil {
		return nil, fmt.Errorf("serve: %v", err)
	}
	return s, nil
}

// admit takes a new connection in unless too many are open, and closes it
// if it has not logged in within LoginWait. Before the SSH handshake there
// is no way to send the client a message; a client turned away here sees
// the connection closed.
func (s *Server) admit(ctx ssh.Context, conn net.Conn) net.Conn {
	if int(s.conns.Add(1)) > s.cfg.MaxSessions*connsPerSession {
		s.conns.Add(-1)
		s.events.Printf("refused %s: too many connections open", conn.RemoteAddr())
		return nil
	}
	go func() {
		<-ctx.Done()
		s.conns.Add(-1)
	}()
	time.AfterFunc(s.cfg.LoginWait, func() {
		// The connection is in the context once logged in.
		if ctx.Err() == nil && ctx.Value(ssh.ContextKeyConn) == nil {
			s.events.Printf("closed %s: no login within %s", conn.RemoteAddr(), s.cfg.LoginWait)
			_ = conn.Close()
		}
	})
	return conn
}

// publicKeyAuth lets staff keys in, and with --public every key. It only
// decides who may connect: which key a session really authenticated with
// is read from the session itself (see identify), since a client may
// offer one key and sign with another.
func (s *Server) publicKeyAuth(ctx ssh.Context, key ssh.PublicKey) bool {
	if s.cfg.Public {
		return true
	}
	_, ok := s.keys.Load().staffName(key)
	if !ok {
		s.events.Printf("refused %s: user %q key %q is not a staff key", ctx.RemoteAddr(), ctx.User(), fingerprint(key))
	}
	return ok
}

// logNoLogin logs a client that gave up without offering a key, as
// OpenSSH does when it has none (passwords are never offered); a refused
// key has its own line, from publicKeyAuth.
func (s *Server) logNoLogin(conn net.Conn, err error) {
	var auth *gossh.ServerAuthError
	if !errors.As(err, &auth) {
		return
	}
	for _, e := range auth.Errors {
		if !errors.Is(e, gossh.ErrNoAuth) {
			return
		}
	}
	s.events.Printf("refused %s: no key offered", conn.RemoteAddr())
}

// publicKeyboardAuth admits a client without a key pair, asking nothing;
// it is only offered with --public.
func publicKeyboardAuth(ssh.Context, gossh.KeyboardInteractiveChallenge) bool { return true }

// Reload reads the authorized keys file again (on SIGHUP). Sessions
// already open keep going; a file with mistakes leaves the old keys in
// force and says why.
func (s *Server) Reload() error {
	if s.cfg.AuthorizedKeys == "" {
		return nil
	}
	keys, err := loadKeys(s.cfg.AuthorizedKeys)
	if err != nil {
		s.events.Printf("reload: keeping the %d keys in force: %v", len(*s.keys.Load()), err)
		return err
	}
	s.keys.Store(&keys)
	s.events.Printf("reload: %d staff keys from %s", len(keys), quiz.Inert(s.cfg.AuthorizedKeys))
	return nil
}

// Listen opens the listening socket and returns its address (the port
// chosen, for :0).
func (s *Server) Listen() (net.Addr, error) {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("--listen %s: %v", quiz.Inert(s.cfg.Listen), err)
	}
	s.ln = ln
	return ln.Addr(), nil
}

// Serve answers connections until ctx ends, then stops: no new
// connections, every session told and its consultation logged if its
// result is on screen, a bounded wait, and the rest closed. A stop
// through ctx is the server's normal end and returns nil.
func (s *Server) Serve(ctx context.Context) error {
	if s.ln == nil {
		if _, err := s.Listen(); err != nil {
			return err
		}
	}
	s.events.Printf("listening on %s (host key %s; staff keys: %d; public: %v)", s.ln.Addr(), s.fingerprint, len(*s.keys.Load()), s.cfg.Public)
	served := make(chan error, 1)
	go func() { served <- s.srv.Serve(s.ln) }()
	select {
	case err := <-served:
		if errors.Is(err, ssh.ErrServerClosed) {
			return nil
		}
		return fmt.Errorf("serving: %v", err)
	case <-ctx.Done():
	}
	return s.stop()
}

func (s *Server) stop() error {
	s.mu.Lock()
	s.stopping = true
	live := make([]*liveSession, 0, len(s.sessions))
	for ls := range s.sessions {
		live = append(live, ls)
	}
	s.mu.Unlock()
	if len(live) == 1 {
		s.events.Printf("stopping: 1 session open")
	} else {
		s.events.Printf("stopping: %d sessions open", len(live))
	}
	wait, cancel := context.WithTimeout(context.Background(), s.cfg.StopWait)
	defer cancel()
	// Shutdown closes the listener at once, then waits for connections.
	shut := make(chan struct{})
	go func() { _ = s.srv.Shutdown(wait); close(shut) }()
	for _, ls := range live {
		ls.cancel(errStopping)
	}
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-wait.Done():
		s.events.Printf("stopping: sessions still busy after %s; closing them", s.cfg.StopWait)
	}
	// Every session has ended or had its time: close what clients keep
	// open rather than wait for them.
	_ = s.srv.Close()
	<-shut
	s.events.Printf("stopped")
	return nil
}
