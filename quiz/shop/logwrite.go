package shop

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"unicode/utf8"
)

// How a record reaches the log. Several programs may append to one log at
// once (counters sharing a folder, the SSH server's sessions), and a write
// may fail half-way (a full disk, a file-size limit). Each append therefore
// takes an exclusive lock on the file, puts a newline first if the file does
// not end in one, writes, and on a failed or short write cuts the file back
// to the size it had under that same lock: the log only ever holds whole
// lines. A record that could not be written is kept in memory and written
// before the next one, so a consultation is not lost to a disk that was
// full for a while; Unlogged hands what is still waiting to the caller at
// exit.

// maxUnlogged bounds the records kept for a log that cannot be written: a
// counter's day is far fewer, and a log that stays broken must not grow the
// program's memory without end.
const maxUnlogged = 1000

// logQueue is one log's records waiting to be written. Its mutex also
// serializes this process's appends to that log: the file lock alone would
// do that between separate opens, but the queue needs it anyway.
type logQueue struct {
	mu      sync.Mutex
	pending [][]byte // whole lines, newline included, oldest first
	dropped int      // records given up on once the queue was full
}

var queues sync.Map // absolute path → *logQueue

func queueFor(path string) *logQueue {
	key := path
	if abs, err := filepath.Abs(path); err == nil {
		key = abs
	}
	q, _ := queues.LoadOrStore(key, &logQueue{})
	return q.(*logQueue)
}

// AppendLog adds one record to the log at path as a JSON line; it is safe
// to call from several goroutines and several processes at once. The file
// is created with mode 0600 (a reference may name a customer); an existing
// file keeps its mode. A path that is a symbolic link is followed to an
// existing file, but a link to a missing file is refused rather than
// creating a file somewhere else, and so is anything but a regular file.
//
// When the write fails, the file is left as it was and the record is kept:
// it is written, in order, before the next record appended to the same
// path, and the error says so.
func AppendLog(path string, rec Record) error {
	line, err := encodeLine(rec)
	if err != nil {
		return fmt.Errorf("cannot log the consultation to %s: %w", path, err)
	}
	q := queueFor(path)
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pending = append(q.pending, line)
	return q.flush(path)
}

// FlushLog writes the records kept for path after failed appends, if any.
func FlushLog(path string) error {
	q := queueFor(path)
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.pending) == 0 {
		return nil
	}
	return q.flush(path)
}

// Unlogged returns the log lines, without their newlines, of records that
// could not be written to path and are still kept, oldest first; the
// caller shows them at exit so that they can be added by hand.
func Unlogged(path string) []string {
	q := queueFor(path)
	q.mu.Lock()
	defer q.mu.Unlock()
	out := make([]string, len(q.pending))
	for i, l := range q.pending {
		out[i] = string(bytes.TrimSuffix(l, []byte("\n")))
	}
	return out
}

// flush writes every pending line in one locked append. Callers hold q.mu.
func (q *logQueue) flush(path string) error {
	err := appendLines(path, bytes.Join(q.pending, nil))
	if err == nil {
		q.pending = q.pending[:0]
		return nil
	}
	if over := len(q.pending) - maxUnlogged; over > 0 {
		q.pending = q.pending[over:]
		q.dropped += over
	}
	return &LogError{Path: path, Err: err, Kept: len(q.pending), Dropped: q.dropped}
}

// LogError is a failed append: the file is as it was, and the records are
// kept for the next append to the same log.
type LogError struct {
	Path string
	// Err is why the write failed.
	Err error
	// Kept counts the records waiting, this one included; Dropped those
	// given up on since the program started, once too many were waiting.
	Kept, Dropped int
}

func (e *LogError) Error() string {
	what := "the consultation is kept and will be written with the next one"
	if e.Kept > 1 {
		what = fmt.Sprintf("%d consultations are kept and will be written with the next one", e.Kept)
	}
	if e.Dropped > 0 {
		what += fmt.Sprintf(" (%d older ones could not be kept)", e.Dropped)
	}
	return fmt.Sprintf("cannot log the consultation to %s: %v; %s", e.Path, e.Err, what)
}

func (e *LogError) Unwrap() error { return e.Err }

// appendLines appends data, whole lines, to the log under an exclusive
// lock, leaving the file as it was if the write fails.
func appendLines(path string, data []byte) error {
	f, err := openLog(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := lockFile(f); err != nil {
		return fmt.Errorf("cannot lock the log: %w", err)
	}
	defer unlockFile(f)
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	size := fi.Size()
	if size > 0 {
		// A line cut off by a crash or an older version must not swallow
		// this record: start it on a line of its own.
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, size-1); err != nil {
			return err
		}
		if last[0] != '\n' {
			data = append([]byte{'\n'}, data...)
		}
	}
	n, err := f.Write(data)
	if err == nil && n < len(data) {
		err = fmt.Errorf("wrote %d of %d bytes", n, len(data))
	}
	if err != nil {
		if terr := f.Truncate(size); terr != nil {
			return fmt.Errorf("%w, and cutting the half-written line off failed too: %v", err, terr)
		}
	}
	return err
}

// openLog opens the log for reading its last byte and appending, creating
// it if it is missing. O_CREATE|O_EXCL never follows a symbolic link, so a
// link to a missing file fails instead of creating its target; nonblocking
// so that a FIFO given as the log is refused instead of waiting for a
// reader.
func openLog(path string) (*os.File, error) {
	const flags = os.O_RDWR | os.O_APPEND | nonblock
	f, err := os.OpenFile(path, flags, 0)
	if errors.Is(err, fs.ErrNotExist) {
		f, err = os.OpenFile(path, flags|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			if target, lerr := os.Readlink(path); lerr == nil {
				return nil, fmt.Errorf("%s is a link to %s, which does not exist; create that file first or name the log itself", path, target)
			}
			// Another program created it in between.
			f, err = os.OpenFile(path, flags, 0)
		}
	}
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = fmt.Errorf("%s is not a regular file", path)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// CheckLog makes sure the log at path can be appended to, without writing
// to it. A missing log is not created — a run that completes no
// consultation leaves no empty file behind — its folder is checked
// instead. warning is set when others can read an existing log: its mode
// is the owner's choice, and a shared log may be meant, but references in
// it may name customers.
func CheckLog(path string) (warning string, err error) {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return "", checkFolderWritable(filepath.Dir(path))
	}
	f, err := openLog(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", err
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		warning = fmt.Sprintf("other users can read the log %s (mode %04o), and references in it may name customers; chmod 600 %s if that is not meant", path, perm, path)
	}
	return warning, nil
}

// checkFolderWritable tries what the first append will do: create a file
// in dir. Permission bits alone would not say (root, read-only mounts).
func checkFolderWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".jewelguide-check-*")
	if err != nil {
		if st, serr := os.Stat(dir); serr != nil || !st.IsDir() {
			return fmt.Errorf("the folder %s is missing or not a folder", dir)
		}
		return fmt.Errorf("cannot create a file in %s: %w", dir, errors.Unwrap(err))
	}
	f.Close()
	return os.Remove(f.Name())
}

// encodeLine turns a record into one log line. JSON already escapes the
// C0 control codes; DEL and the C1 codes are escaped too, so a log shown
// with cat or a pager cannot drive the terminal.
func encodeLine(rec Record) ([]byte, error) {
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(b)+1)
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == 0x7f || r >= 0x80 && r <= 0x9f {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[:n]...)
		}
		b = b[n:]
	}
	return append(out, '\n'), nil
}
