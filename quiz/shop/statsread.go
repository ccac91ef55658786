package shop

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// MaxLine bounds one log line; a real record is a few hundred bytes, so a
// longer line is damage (or something else's file), not a consultation.
const MaxLine = 64 << 10

// chunkSize is how much of a file one worker takes at a time: large
// enough that starting a piece costs nothing, small enough that two
// workers share even one file. Tests make it small.
var chunkSize int64 = 8 << 20

// ReadLogs reads consultation logs and sums up their records. A malformed
// line is counted and listed and reading goes on; only a file that cannot
// be read at all is an error.
//
// Files are cut into pieces at line ends and read by one worker per
// processor, each into its own Builder; the builders are merged at the
// end, which gives the same statistics as one pass (see tally.go). Memory
// is a buffer and the bounded tables per worker, whatever the files hold.
func ReadLogs(paths []string, opt StatsOptions) (*Stats, error) {
	b := NewBuilder(opt)
	var parts []part
	for i, p := range paths {
		b.AddFile(p)
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("cannot read the log %s: %w", p, err)
		}
		if !fi.Mode().IsRegular() || fi.Size() <= chunkSize {
			parts = append(parts, part{file: i, off: 0, end: -1})
			continue
		}
		for off := int64(0); off < fi.Size(); off += chunkSize {
			end := off + chunkSize
			if end >= fi.Size() {
				end = -1 // the last piece reads on to the end, growth included
			}
			parts = append(parts, part{file: i, off: off, end: end})
		}
	}
	results := make([]partResult, len(parts))
	workers := min(runtime.GOMAXPROCS(0), len(parts))
	builders := make([]*Builder, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range builders {
		wb := NewBuilder(opt)
		builders[w] = wb
		wg.Add(1)
		go func() {
			defer wg.Done()
			br := bufio.NewReaderSize(nil, MaxLine)
			var v recView
			for {
				i := int(next.Add(1) - 1)
				if i >= len(parts) {
					return
				}
				results[i] = wb.readPart(paths[parts[i].file], parts[i], br, &v)
			}
		}()
	}
	wg.Wait()
	for _, wb := range builders {
		b.Merge(wb)
	}
	// Line numbers count on from the pieces before, in the same file.
	lines := 0
	for i, r := range results {
		if r.err != nil {
			return nil, fmt.Errorf("cannot read the log %s: %w", paths[parts[i].file], r.err)
		}
		if parts[i].off == 0 {
			lines = 0
		}
		b.badCount += r.badCount - len(r.bad)
		for _, bl := range r.bad {
			bl.Line += lines
			b.AddBad(bl)
		}
		lines += r.lines
	}
	return b.Finish(), nil
}

// part is a piece of a file: the lines that start in [off, end); end -1
// reads to the end of the file.
type part struct {
	file     int
	off, end int64
}

type partResult struct {
	lines    int
	bad      []BadLine // numbered from the piece's first line
	badCount int
	err      error
}

func (b *Builder) readPart(path string, p part, br *bufio.Reader, v *recView) partResult {
	f, err := os.Open(path)
	if err != nil {
		return partResult{err: err}
	}
	defer f.Close()
	var r io.Reader = f
	end := p.end
	skip := false
	if p.off > 0 {
		// Start one byte early: the piece owns a line starting at off
		// only when the byte before it ends the line before.
		r = io.NewSectionReader(f, p.off-1, 1<<62)
		end -= p.off - 1
		skip = true
	}
	return b.readLines(r, path, br, skip, end, v)
}

// read adds all of one log's lines, as one piece; name is how messages
// refer to it.
func (b *Builder) read(r io.Reader, name string) error {
	b.AddFile(name)
	res := b.readLines(r, name, bufio.NewReaderSize(nil, MaxLine), false, -1, &recView{})
	b.badCount += res.badCount - len(res.bad)
	for _, bl := range res.bad {
		b.AddBad(bl)
	}
	return res.err
}

// readLines counts the lines of r that start before end (-1: all), after
// skipping the first line when skip is set.
func (b *Builder) readLines(r io.Reader, name string, br *bufio.Reader, skip bool, end int64, v *recView) (res partResult) {
	br.Reset(r)
	var pos int64
	// next returns the next line, or nil with tooLong set when it is
	// longer than the buffer (the rest of it is skipped).
	next := func() (line []byte, tooLong bool, err error) {
		line, err = br.ReadSlice('\n')
		pos += int64(len(line))
		for errors.Is(err, bufio.ErrBufferFull) {
			tooLong = true
			var more []byte
			more, err = br.ReadSlice('\n')
			pos += int64(len(more))
		}
		return line, tooLong, err
	}
	if skip {
		if _, _, err := next(); err != nil {
			if err != io.EOF {
				res.err = err
			}
			return res
		}
	}
	bad := func(problem string) {
		res.badCount++
		if len(res.bad) < maxBadListed {
			res.bad = append(res.bad, BadLine{File: name, Line: res.lines, Problem: problem})
		}
	}
	for end < 0 || pos < end {
		line, tooLong, err := next()
		if err != nil && err != io.EOF {
			res.err = err
			return res
		}
		if len(line) > 0 || tooLong {
			res.lines++
		}
		switch {
		case tooLong:
			bad(LongLine())
		case scanRecord(line, v):
			b.add(v)
		case len(bytes.TrimSpace(line)) > 0:
			if rec, problem := ParseRecord(line); problem != "" {
				bad(problem)
			} else {
				b.Add(&rec)
			}
		}
		if err == io.EOF {
			return res
		}
	}
	return res
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
		if strings.Contains(syn.Error(), "unexpected end") {
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
