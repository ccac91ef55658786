package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/jewelguide/jewelguide/quiz"
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
	// done is set when a flag such as --help already did all there was to do.
	done bool
}

// answerList is the repeatable --answer flag.
type answerList struct{ list *[]answerFlag }

func (a answerList) String() string { return "" }

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
  jewelguide check [--strict] [FILE] check a guide file (default: the built-in guide)
  jewelguide stats [flags] LOG...    summarise consultation logs

Flags:
  --guide FILE          use this guide instead of the built-in one
  --answer ID=OPTION    answer a question without asking (repeatable;
                        multi-select: ID=a,b); prints the report and exits
  --answers FILE        answers from a YAML or JSON file (question: option);
                        --answer flags override it
  --format FORMAT       report format: text, markdown or json (default text)
  --plain               ask line by line instead of full screen (also chosen
                        when input or output is not a terminal, or TERM=dumb)
  --version             print the version and exit
  -h, --help            print this help and exit

Examples:
  jewelguide
  jewelguide --plain
  jewelguide --answer occasion=milestone --answer budget=invest --format json
  jewelguide --answers answers.yaml --format markdown > result.md
  jewelguide --guide shop.yaml
  jewelguide check shop.yaml

Exit status: 0 done, 1 runtime error, 2 bad usage or input, 130 interrupted.
`

func parseFlags(args []string, env Env) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("jewelguide", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.guide, "guide", "", "")
	fs.Var(answerList{&o.answers}, "answer", "")
	fs.StringVar(&o.answersFile, "answers", "", "")
	fs.StringVar(&o.format, "format", "text", "")
	fs.BoolVar(&o.plain, "plain", false, "")
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
		return nil, usageErr("unexpected argument %q; the commands are check and stats\nRun 'jewelguide --help' to see every flag.", quiz.Inert(fs.Arg(0)))
	}
	if *version {
		fmt.Fprintf(env.Stdout, "jewelguide %s\n", env.Version)
		o.done = true
		return o, nil
	}
	switch o.format {
	case "text", "markdown", "json":
	default:
		return nil, usageErr("--format %q is not known; use text, markdown or json", quiz.Inert(o.format))
	}
	return o, nil
}

// flagMessage rewords the flag package's errors, which print Go's own
// phrasing and a usage dump, into one line.
func flagMessage(err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return fmt.Sprintf("unknown flag %s", quiz.Inert(name))
	}
	if rest, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return fmt.Sprintf("flag %s needs a value", quiz.Inert(rest))
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
