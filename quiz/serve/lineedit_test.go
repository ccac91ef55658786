package serve

import (
	"bytes"
	"io"
	"testing"
)

// chunks is a reader that returns one chunk per Read, as keys arrive.
type chunks [][]byte

func (c *chunks) Read(p []byte) (int, error) {
	if len(*c) == 0 {
		return 0, io.EOF
	}
	n := copy(p, (*c)[0])
	(*c)[0] = (*c)[0][n:]
	if len((*c)[0]) == 0 {
		*c = (*c)[1:]
	}
	return n, nil
}

func TestLineReader(t *testing.T) {
	tests := []struct {
		name  string
		keys  []string
		lines string
		echo  string
		err   error // what ends the input, after EOF of the keys
	}{
		{"enter ends a line", []string{"12\r"}, "12\n", "12\r\n", nil},
		{"backspace", []string{"9", "\x7f", "2\r"}, "2\n", "9\b \b2\r\n", nil},
		{"ctrl+u", []string{"abc\x15", "3\r"}, "3\n", "abc\b \b\b \b\b \b3\r\n", nil},
		{"arrow keys and ctrl+z dropped", []string{"\x1b[A1\x1aO\x1bOB\r"}, "1O\n", "1O\r\n", nil},
		{"a paste's crlf is one line", []string{"1\r\n2\r\n"}, "1\n2\n", "1\r\n2\r\n", nil},
		{"utf-8 split across reads", []string{"\xc3", "\xa9\r"}, "é\n", "é\r\n", nil},
		{"c1 control dropped", []string{"a\u009b31mb\r"}, "a31mb\n", "a31mb\r\n", nil},
		{"ctrl+c interrupts", []string{"1\r2\x03"}, "1\n", "1\r\n2\r\n", errInterrupted},
		{"ctrl+d on an empty line ends input", []string{"\x04"}, "", "\r\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c chunks
			for _, k := range tt.keys {
				c = append(c, []byte(k))
			}
			var echo bytes.Buffer
			got, err := io.ReadAll(newLineReader(&c, &echo))
			if err != tt.err {
				t.Errorf("input ended with %v, want %v", err, tt.err)
			}
			if string(got) != tt.lines || echo.String() != tt.echo {
				t.Errorf("lines %q echo %q, want %q and %q", got, echo.String(), tt.lines, tt.echo)
			}
		})
	}
}
