package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jewelguide/jewelguide/quiz"
	"github.com/jewelguide/jewelguide/quiz/tui"
)

type answerFlag struct {
	question string
	options  []string
}

type options struct {
	guide       string
	answers     []answerFlag
	answersFile string
	format      string
	plain       bool
	// The counter's flags: a resume code to open, where handouts go, the
	// consultation log and the idle reset (0 is off).
	resume  string
	saveDir string
	logFile string
	idle    time.Duration
	// store and counter go into each log record; empty means the
	// defaults (the guide's shop name, the host name).
	store, counter string
	// theme is --theme: the interface's and the styled report's colours.
	theme tui.Theme
	// done is set when a flag such as --help already did all there was to do.
	done bool
}

// answerList is the repeatable --answer flag.
type answerList struct{ list *[]answerFlag }

func (a answerList) String() string { return "" }

// String is the flag as it was typed, for messages.
func (f answerFlag) String() string { return f.question + "=" + strings.Join(f.options, ",") }

func (a answerList) Set(s string) error {
	q, opts, err := quiz.ParseAnswerFlag(s)
	if err != nil {
		return err
	}
	*a.list = append(*a.list, answerFlag{question: q, options: opts})
	return nil
}

const usageText = `jewelguide - a buying-guide quiz: handcrafted or mass-produced jewellery?

Usage:
  jewelguide [flags]                 take the quiz (full screen in a terminal)
  jewelguide check [--strict] [FILE...]
                                     check guide files (default: the built-in guide)
  jewelguide stats [flags] LOG...    summarise consultation logs
  jewelguide sync --db URL LOG...    copy logs into a chain's PostgreSQL database
  jewelguide serve [flags]           serve the quiz over SSH (see serve --help)

Flags:
  --guide FILE          use this guide instead of the built-in one
  --answer ID=OPTION    answer a question without asking (repeatable;
                        multi-select: ID=a,b, or ID= for none of these);
                        prints the report and exits
  --answers FILE        answers from a YAML or JSON file (question: option);
                        --answer flags override it
  --format FORMAT       report format: text, markdown or json (default text)
  --theme THEME         colours: auto (default; for a light or dark
                        background), ansi (the terminal's own 16 colours)
                        or high-contrast
  --plain               ask line by line instead of full screen (also chosen
                        when input or output is not a terminal, or TERM=dumb)
  --resume CODE         open the review with the answers behind a resume code
                        (without a terminal: print their report)
  --save-dir DIR        folder for handouts saved with s (default: here;
                        it must exist)
  --log FILE            append one JSON line per completed consultation
  --store NAME          the store named in each log line (default: the
                        guide's shop name)
  --counter NAME        the counter named in each log line (default: this
                        computer's host name)
  --idle DURATION       back to the welcome screen after this long without a
                        key, e.g. 2m (default 0: never; full screen only)
  --version             print the version and exit
  -h, --help            print this help and exit

Examples:
  jewelguide
  jewelguide --plain
  jewelguide --answer occasion=milestone --answer budget=invest --format json
  jewelguide --answers answers.yaml --format markdown > result.md
  jewelguide --guide shop.yaml
  jewelguide --log consultations.log --save-dir handouts --idle 2m
  jewelguide --resume 23Z-KN9-0NQ
  jewelguide check shop.yaml

Exit status: 0 done, 1 runtime error, 2 bad usage or input, 130 interrupted.
`

func parseFlags(args []string, env Env) (_ *options, err error) {
	o := &options{}
	fs := flag.NewFlagSet("jewelguide", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.guide, "guide", "", "")
	fs.Var(answerList{&o.answers}, "answer", "")
	fs.StringVar(&o.answersFile, "answers", "", "")
	fs.StringVar(&o.format, "format", "text", "")
	fs.BoolVar(&o.plain, "plain", false, "")
	theme := fs.String("theme", "auto", "")
	fs.StringVar(&o.resume, "resume", "", "")
	fs.StringVar(&o.saveDir, "save-dir", "", "")
	fs.StringVar(&o.logFile, "log", "", "")
	fs.StringVar(&o.store, "store", "", "")
	fs.StringVar(&o.counter, "counter", "", "")
	idle := fs.String("idle", "0", "")
	version := fs.Bool("version", false, "")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprint(env.Stdout, usageText)
			o.done = true
			return o, nil
		}
		return nil, usageErr("%s\nRun 'jewelguide --help' to see every flag.", flagMessage(err))
	}
	if fs.NArg() > 0 {
		return nil, usageErr("unexpected argument %q; the commands are check, stats, sync and serve\nRun 'jewelguide --help' to see every flag.", fs.Arg(0))
	}
	if *version {
		fmt.Fprintf(env.Stdout, "jewelguide %s\n", env.Version)
		o.done = true
		return o, nil
	}
	if o.theme, err = tui.ParseTheme(*theme); err != nil {
		return nil, usageErr("%v", err)
	}
	switch o.format {
	case "text", "markdown", "json":
	default:
		return nil, usageErr("--format %q is not known; use text, markdown or json", o.format)
	}
	if o.idle, err = parseIdle(*idle); err != nil {
		return nil, err
	}
	resumeGiven := false
	fs.Visit(func(f *flag.Flag) { resumeGiven = resumeGiven || f.Name == "resume" })
	if resumeGiven && strings.TrimSpace(o.resume) == "" {
		return nil, usageErr("--resume needs a code, e.g. --resume 23Z-KN9-0NQ")
	}
	if err := refuseEmpty(fs, "guide", "answers", "save-dir", "log", "store", "counter"); err != nil {
		return nil, err
	}
	if o.resume != "" && (len(o.answers) > 0 || o.answersFile != "") {
		return nil, usageErr("--resume and --answer/--answers both give answers; use one of them")
	}
	return o, nil
}

// minIdle keeps the idle reset from wiping the screen while the assistant
// is still reading it; anything shorter is a typo (2s for 2m).
const minIdle = 5 * time.Second

// parseIdle reads --idle. The flag package's own duration flag would say
// only "parse error", without the value, so the flag is read as text.
func parseIdle(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if s == "0" || (err == nil && d == 0) {
		return 0, nil
	}
	if err != nil || d < 0 {
		return 0, usageErr("--idle %q is not a duration; use e.g. 90s or 2m, or 0 to turn it off", s)
	}
	if d < minIdle {
		return 0, usageErr("--idle %s is too short to read the screen; use at least %s, or 0 to turn it off", d, minIdle)
	}
	return d, nil
}

// flagMessage rewords the flag package's errors, which print Go's own
// phrasing and a usage dump, into one line.
func flagMessage(err error) string {
	msg := err.Error()
	// The flag package names flags with one dash; the help and README
	// write them with two.
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return fmt.Sprintf("unknown flag --%s", name)
	}
	if rest, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return fmt.Sprintf("flag --%s needs a value", rest)
	}
	if strings.HasPrefix(msg, "invalid value ") {
		// "invalid value "x" for flag -answer: <why>": the why already
		// names the flag and the value.
		if _, why, ok := strings.Cut(msg, ": "); ok {
			return why
		}
	}
	return quiz.Inert(msg)
}

// parseSubcommand parses a subcommand's flags (fs is named after it) the
// way every subcommand does: --help prints usage to stdout and help is
// true; a bad flag is a usage error pointing at --help.
func parseSubcommand(fs *flag.FlagSet, args []string, usage string, env Env) (rest []string, help bool, err error) {
	rest, err = parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(env.Stdout, usage)
		return nil, true, nil
	}
	if err != nil {
		return nil, false, usageErr("%s: %s\nRun 'jewelguide %s --help' for its usage.", fs.Name(), flagMessage(err), fs.Name())
	}
	return rest, false, nil
}

// parseInterspersed parses flags that may come before or after the
// positional arguments ("check FILE --strict" as well as "check --strict
// FILE"), returning the positional ones. The flag package stops at the
// first argument that is not a flag.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}
