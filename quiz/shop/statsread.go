package shop

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// MaxLine bounds one log line; a real record is a few hundred bytes, so a
// longer line is damage (or something else's file), not a consultation.
const MaxLine = 64 << 10

// ReadLogs reads consultation logs and sums up their records. A malformed
// line is counted and listed and reading goes on; only a file that cannot
// be read at all is an error.
func ReadLogs(paths []string, opt StatsOptions) (*Stats, error) {
	b := NewBuilder(opt)
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("cannot read the log %s: %w", p, err)
		}
		err = b.read(f, p)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("cannot read the log %s: %w", p, err)
		}
	}
	return b.Finish(), nil
}

// read adds one log's lines; name is how messages refer to it.
func (b *Builder) read(r io.Reader, name string) error {
	b.AddFile(name)
	br := bufio.NewReaderSize(r, MaxLine)
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		tooLong := errors.Is(err, bufio.ErrBufferFull)
		for errors.Is(err, bufio.ErrBufferFull) {
			_, err = br.ReadSlice('\n') // skip the rest of the line
		}
		if err != nil && err != io.EOF {
			return err
		}
		if tooLong {
			b.AddBad(BadLine{File: name, Line: n, Problem: LongLine()})
		} else if len(bytes.TrimSpace(line)) > 0 {
			if rec, problem := ParseRecord(line); problem != "" {
				b.AddBad(BadLine{File: name, Line: n, Problem: problem})
			} else {
				b.Add(&rec)
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

func notRecord(why string) string { return "not a consultation record (" + why + ")" }

// LongLine is the problem reported for a line longer than MaxLine.
func LongLine() string {
	return notRecord(fmt.Sprintf("the line is longer than %d KiB", MaxLine>>10))
}

// ParseRecord reads one line, or says in plain words why it is not a
// consultation record. Statistics and sync apply the same rules.
func ParseRecord(line []byte) (Record, string) {
	var rec Record
	err := json.Unmarshal(line, &rec)
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tpe *time.ParseError
	switch {
	case err == nil:
	case errors.As(err, &syn):
		if syn.Offset >= int64(len(bytes.TrimRight(line, " \t\r\n"))) {
			return rec, notRecord("the line stops before the record ends")
		}
		return rec, notRecord(fmt.Sprintf("not JSON from character %d on", syn.Offset))
	case errors.As(err, &typ):
		if typ.Field == "" {
			return rec, notRecord("not a JSON object")
		}
		return rec, notRecord(fmt.Sprintf("%q holds the wrong kind of value", typ.Field))
	case errors.As(err, &tpe) || strings.Contains(err.Error(), "Time"):
		return rec, notRecord("its time is not a date and time")
	default:
		return rec, notRecord("unreadable")
	}
	switch {
	case rec.Time.IsZero():
		return rec, notRecord("it has no time")
	case rec.Verdict == "":
		return rec, notRecord("it has no verdict")
	}
	return rec, ""
}
