package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/serve"
	"github.com/jewelguide/jewelguide/quiz/shop"
)

const serveUsage = `jewelguide serve - serve the quiz over SSH to counters and customers

Usage:
  jewelguide serve [flags]

Flags:
  --listen ADDR           address to listen on (default 127.0.0.1:2222)
  --host-key FILE         the server's private key; created (mode 0600) on
                          first start, reused after (default jewelguide_host_key)
  --authorized-keys FILE  staff keys, OpenSSH format: these get the counter's
                          keys (reference, note, handouts); reread on SIGHUP
  --public                anyone may connect, with or without a key, and
                          gets the quiz, the result and its resume code
  --guide FILE            use this guide instead of the built-in one
  --log FILE              append one JSON line per completed consultation
  --save-dir DIR          folder for the handouts staff save (must exist)
  --idle DURATION         back to the welcome screen after this long
                          without a key, e.g. 2m (default 0: never)
  --store NAME            the store named in each log line (default: the
                          guide's shop name); the counter is the name of
                          the staff key (its comment, or its fingerprint)
  --max-sessions N        sessions open at once (default 32)
  --max-session DURATION  end any session after this long (default: none
                          for staff keys, 1h for the public)
  -h, --help              print this help and exit

One of --authorized-keys and --public is required.

Examples:
  jewelguide serve --authorized-keys counters.pub --log consultations.log --save-dir handouts
  jewelguide serve --listen :2222 --public --authorized-keys counters.pub

SIGTERM or ctrl+c stops it (exit 0): sessions are told, results on screen
are logged. SIGHUP rereads --authorized-keys without dropping sessions.
`

// serveOptions are the flags of jewelguide serve.
type serveOptions struct {
	listen, hostKey, authorizedKeys string
	public                          bool
	counter                         options // --guide, --log, --save-dir, --idle
	maxSessions                     int
	maxSession                      time.Duration
}

func parseServeFlags(args []string, env Env) (*serveOptions, bool, error) {
	o := &serveOptions{}
	fs := flag.NewFlagSet("jewelguide serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.listen, "listen", "127.0.0.1:2222", "")
	fs.StringVar(&o.hostKey, "host-key", "jewelguide_host_key", "")
	fs.StringVar(&o.authorizedKeys, "authorized-keys", "", "")
	fs.BoolVar(&o.public, "public", false, "")
	fs.StringVar(&o.counter.guide, "guide", "", "")
	fs.StringVar(&o.counter.logFile, "log", "", "")
	fs.StringVar(&o.counter.saveDir, "save-dir", "", "")
	fs.StringVar(&o.counter.store, "store", "", "")
	idle := fs.String("idle", "0", "")
	fs.IntVar(&o.maxSessions, "max-sessions", serve.DefaultMaxSessions, "")
	maxSession := fs.String("max-session", "", "")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprint(env.Stdout, serveUsage)
			return nil, true, nil
		}
		return nil, false, usageErr("%s\nRun 'jewelguide serve --help' to see every flag.", flagMessage(err))
	}
	if fs.NArg() > 0 {
		return nil, false, usageErr("serve takes no arguments, got %q\nRun 'jewelguide serve --help' to see every flag.", fs.Arg(0))
	}
	var err error
	if o.counter.idle, err = parseIdle(*idle); err != nil {
		return nil, false, err
	}
	if o.maxSessions < 1 {
		return nil, false, usageErr("--max-sessions %d: allow at least 1", o.maxSessions)
	}
	if *maxSession != "" {
		d, err := time.ParseDuration(*maxSession)
		if err != nil || d <= 0 {
			return nil, false, usageErr("--max-session %q is not a duration; use e.g. 30m or 2h", *maxSession)
		}
		o.maxSession = d
	}
	return o, false, nil
}

// runServe runs the SSH server until SIGTERM or SIGINT (or ctx, for
// callers in-process), then stops it cleanly: that is its normal end, so
// it returns nil and the exit status is 0.
func runServe(ctx context.Context, args []string, env Env) error {
	o, done, err := parseServeFlags(args, env)
	if err != nil || done {
		return err
	}
	g, err := loadGuide(o.counter.guide)
	if err != nil {
		return badInput(err)
	}
	srv, err := serve.New(serve.Config{
		Guide:          g,
		Listen:         o.listen,
		HostKey:        o.hostKey,
		AuthorizedKeys: o.authorizedKeys,
		Public:         o.public,
		LogFile:        o.counter.logFile,
		SaveDir:        o.counter.saveDir,
		Idle:           o.counter.idle,
		Store:          o.counter.store,
		MaxSessions:    o.maxSessions,
		MaxSession:     o.maxSession,
		Events:         env.Stderr,
	})
	if err != nil {
		return badInput(err)
	}
	if err := checkCounterFiles(env, &o.counter); err != nil {
		return err
	}
	if o.counter.saveDir != "" {
		// Handouts of a server killed mid-save, as at a counter.
		shop.SweepTemp(o.counter.saveDir, time.Now())
	}
	if srv.HostKeyCreated {
		fmt.Fprintf(env.Stderr, "jewelguide: created the host key %s\n", quiz.Inert(o.hostKey))
	}
	if _, err := srv.Listen(); err != nil {
		return err
	}
	// Serving ends through its own path on a signal (SIGHUP reloads), not
	// by the process exiting at once.
	defer holdSignals()()
	stopCtx, stop := context.WithCancel(context.Background())
	defer stop()
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	go watchServeSignals(ctx, sigs, srv.Reload, stop)
	if err := srv.Serve(stopCtx); err != nil {
		return err
	}
	return reportUnlogged(env, o.counter.logFile)
}

// watchServeSignals reloads the keys on SIGHUP and stops the server on
// SIGINT or SIGTERM, or when ctx ends for another reason. ctx comes from
// SignalContext, which ends it on the first signal of any kind: a SIGHUP
// that ended it is a reload here, not a stop.
func watchServeSignals(ctx context.Context, sigs <-chan os.Signal, reload func() error, stop func()) {
	ctxDone := ctx.Done()
	for {
		select {
		case s := <-sigs:
			if s == syscall.SIGHUP {
				_ = reload() // the server logs what it did
				continue
			}
			stop()
			return
		case <-ctxDone:
			var se SignalError
			if errors.As(context.Cause(ctx), &se) && se.Signal == syscall.SIGHUP {
				ctxDone = nil
				continue
			}
			stop()
			return
		}
	}
}
