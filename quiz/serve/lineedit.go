package serve

import (
	"bytes"
	"errors"
	"io"
	"unicode"
	"unicode/utf8"
)

// errInterrupted ends the input when ctrl+c is typed, which a terminal
// would turn into SIGINT: the session says so rather than that the input
// ran out.
var errInterrupted = errors.New("interrupted (ctrl+c)")

// maxEditLine bounds one typed line, as plain mode bounds its input.
const maxEditLine = 4096

// lineReader gives plain mode the lines a terminal's line discipline
// would: a client with a terminal sends raw keys, and the server has none
// of its own (wish emulates the terminal), so this echoes what is typed,
// handles backspace and ctrl+u, ends a line on enter, treats ctrl+d on an
// empty line as the end of input and ctrl+c as errInterrupted. Escape sequences
// (arrow keys) and other control keys are dropped rather than echoed, so
// nothing typed can move the cursor or change the client's terminal.
type lineReader struct {
	in   io.Reader
	echo io.Writer
	buf  []byte // raw bytes read but not yet handled
	line []byte // the line being typed
	out  []byte // finished lines not yet returned
	esc  int    // 0: text; 1: after ESC; 2: inside a CSI or SS3 sequence
	// partial is set while buf ends in part of a character.
	partial bool
	done    bool
	err     error
}

func newLineReader(in io.Reader, echo io.Writer) *lineReader {
	return &lineReader{in: in, echo: echo}
}

func (l *lineReader) Read(p []byte) (int, error) {
	for len(l.out) == 0 {
		if l.done {
			return 0, l.err
		}
		if len(l.buf) == 0 || l.partial {
			chunk := make([]byte, 256)
			n, err := l.in.Read(chunk)
			l.buf = append(l.buf, chunk[:n]...)
			if err != nil && n == 0 {
				l.done, l.err = true, err
				continue
			}
		}
		l.handle()
	}
	n := copy(p, l.out)
	l.out = l.out[n:]
	return n, nil
}

// handle works through the raw bytes in buf, keeping an incomplete UTF-8
// sequence at its end for the next read.
func (l *lineReader) handle() {
	var echo bytes.Buffer
	l.partial = false
	for len(l.buf) > 0 {
		b := l.buf[0]
		if l.esc > 0 {
			l.buf = l.buf[1:]
			switch {
			case l.esc == 1 && (b == '[' || b == 'O'):
				l.esc = 2
			case l.esc == 1, b >= 0x40 && b <= 0x7e:
				l.esc = 0
			}
			continue
		}
		switch {
		case b == 0x1b:
			l.esc = 1
		case b == '\r' || b == '\n':
			// A terminal sends \r for enter; \r\n from a paste is one line.
			if b == '\r' && len(l.buf) > 1 && l.buf[1] == '\n' {
				l.buf = l.buf[1:]
			}
			echo.WriteString("\r\n")
			l.out = append(append(l.out, l.line...), '\n')
			l.line = l.line[:0]
		case b == 0x7f || b == 0x08:
			if len(l.line) > 0 {
				_, size := utf8.DecodeLastRune(l.line)
				l.line = l.line[:len(l.line)-size]
				echo.WriteString("\b \b")
			}
		case b == 0x15: // ctrl+u
			for range utf8.RuneCount(l.line) {
				echo.WriteString("\b \b")
			}
			l.line = l.line[:0]
		case b == 0x03 || (b == 0x04 && len(l.line) == 0):
			echo.WriteString("\r\n")
			l.done, l.err = true, io.EOF
			if b == 0x03 {
				l.err = errInterrupted
			}
			l.buf = nil
			l.flush(&echo)
			return
		case b < 0x20:
			// Other control keys (ctrl+z among them) do nothing.
		case b < utf8.RuneSelf:
			if len(l.line) < maxEditLine {
				l.line = append(l.line, b)
				echo.WriteByte(b)
			}
		default:
			if !utf8.FullRune(l.buf) {
				l.partial = true
				l.flush(&echo)
				return // wait for the rest of the character
			}
			r, size := utf8.DecodeRune(l.buf)
			// C1 controls too: a terminal may act on U+009B as on ESC [.
			if r != utf8.RuneError && !unicode.IsControl(r) && len(l.line)+size <= maxEditLine {
				l.line = append(l.line, l.buf[:size]...)
				echo.Write(l.buf[:size])
			}
			l.buf = l.buf[size:]
			continue
		}
		l.buf = l.buf[1:]
	}
	l.flush(&echo)
}

func (l *lineReader) flush(echo *bytes.Buffer) {
	if echo.Len() > 0 {
		_, _ = l.echo.Write(echo.Bytes())
	}
}
