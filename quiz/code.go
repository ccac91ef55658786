package quiz

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Resume codes carry a customer's answers from one screen to another (home
// to counter, handout to review) as something a person can read aloud and
// type back. A code is a big number holding every answer, followed by a
// check that ties it to the guide's structure and catches typing mistakes.
//
// Layout, as a string of 5-bit characters:
//
//	payload (fixed length for a guide) | check (codeCheckChars)
//
// The check is a CRC of degree 25 over the guide's fingerprint followed by
// the payload bits. A CRC whose polynomial has a constant term detects every
// error burst no longer than its degree; one wrong character is a burst of
// at most 5 bits and two swapped neighbours one of at most 10, so both are
// always caught, however long the code grows.

// codeAlphabet is Crockford's base32: no I, L, O or U, so nothing reads as
// another symbol and no accidental words appear.
const codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

const (
	codeCheckChars = 5
	codeCheckBits  = codeCheckChars * 5
	// codePoly is x^25 + x^3 + 1 without its top term. It is primitive, and
	// its constant term is what guarantees the burst detection above.
	codePoly = 1<<3 | 1
	// codeVersion changes the fingerprint whenever the layout changes, so a
	// code from an old layout is refused rather than misread.
	codeVersion = "jewelguide resume code v2"
)

// Errors a resume code can fail with, for callers that need to tell them
// apart (an exit code, a hint on screen). The messages come from CodeError.
var (
	ErrCodeChar     = errors.New("resume code has a character that is not allowed")
	ErrCodeLength   = errors.New("resume code has the wrong length")
	ErrCodeMismatch = errors.New("resume code does not match this guide")
)

// CodeError explains why a resume code was refused in words a shop
// assistant can act on; errors.Is matches it against the Err* values.
type CodeError struct {
	Kind error
	Msg  string
}

// Error is the message alone, ready for a status line.
func (e *CodeError) Error() string { return e.Msg }

// Unwrap lets errors.Is tell the kinds apart.
func (e *CodeError) Unwrap() error { return e.Kind }

// Code returns the resume code for a set of answers. Unknown questions and
// options are left out, as Evaluate leaves them out; for a single-select
// question given several options only the first in guide order is kept.
func (g *Guide) Code(a Answers) string {
	payload := g.codePayload(a)
	n := g.codePayloadChars()
	syms := make([]byte, n+codeCheckChars)
	p := new(big.Int).Set(payload)
	for i := n - 1; i >= 0; i-- {
		syms[i] = byte(p.Uint64() & 31)
		p.Rsh(p, 5)
	}
	check := g.codeCRC(syms[:n])
	for i := codeCheckChars - 1; i >= 0; i-- {
		syms[n+i] = byte(check & 31)
		check >>= 5
	}
	return formatCode(syms)
}

// DecodeCode reads a resume code back into answers. It ignores case, dashes
// and spaces and reads I and L as 1 and O as 0, since those are the usual
// slips when copying a code by hand.
func (g *Guide) DecodeCode(s string) (Answers, error) {
	syms, err := parseCode(s)
	if err != nil {
		return nil, err
	}
	n := g.codePayloadChars()
	if len(syms) != n+codeCheckChars {
		if len(syms) == 0 {
			return nil, &CodeError{ErrCodeLength, "resume code is empty"}
		}
		// Quote what was typed: the code as read (with I, L and O turned
		// into digits) would be one the user never saw.
		return nil, &CodeError{ErrCodeLength, fmt.Sprintf(
			"resume code %s has %d characters; a code for this guide has %d", quoteTyped(s), len(syms), n+codeCheckChars)}
	}
	mismatch := &CodeError{ErrCodeMismatch, fmt.Sprintf(
		"resume code %s does not match this guide or has a typo; check each character", quoteTyped(s))}
	var got uint32
	for _, c := range syms[n:] {
		got = got<<5 | uint32(c)
	}
	if got != g.codeCRC(syms[:n]) {
		return nil, mismatch
	}
	payload := new(big.Int)
	for _, c := range syms[:n] {
		payload.Lsh(payload, 5)
		payload.Or(payload, big.NewInt(int64(c)))
	}
	a, ok := g.decodePayload(payload)
	if !ok {
		// Only a code made for a guide with the same structure but a
		// different layout could get here; refuse it like any mismatch.
		return nil, mismatch
	}
	return a, nil
}

// codeRadix is how many values a question's digit can take, 0 always
// meaning unanswered: index+1 for single-select, a bitmask over the
// options plus one for multi-select, so that "none of these" (mask 0) and
// a question never answered stay apart.
func codeRadix(q Question) *big.Int {
	if q.Multi() {
		r := new(big.Int).Lsh(big.NewInt(1), uint(len(q.Options)))
		return r.Add(r, big.NewInt(1))
	}
	return big.NewInt(int64(len(q.Options) + 1))
}

// codePayload packs the answers as mixed-radix digits, first question most
// significant.
func (g *Guide) codePayload(a Answers) *big.Int {
	n := new(big.Int)
	digit := new(big.Int)
	for _, q := range g.Questions {
		n.Mul(n, codeRadix(q))
		chosen, answered := a[q.ID]
		digit.SetInt64(0)
		if q.Multi() {
			if answered {
				for _, oid := range chosen {
					if oi := q.OptionIndex(oid); oi >= 0 {
						digit.SetBit(digit, oi, 1)
					}
				}
				digit.Add(digit, big.NewInt(1))
			}
		} else {
			best := -1
			for _, oid := range chosen {
				if oi := q.OptionIndex(oid); oi >= 0 && (best < 0 || oi < best) {
					best = oi
				}
			}
			digit.SetInt64(int64(best + 1))
		}
		n.Add(n, digit)
	}
	return n
}

// decodePayload unpacks codePayload, refusing values no answers produce.
func (g *Guide) decodePayload(n *big.Int) (Answers, bool) {
	n = new(big.Int).Set(n)
	digit := new(big.Int)
	a := Answers{}
	for qi := len(g.Questions) - 1; qi >= 0; qi-- {
		q := g.Questions[qi]
		n.QuoRem(n, codeRadix(q), digit)
		if q.Multi() {
			if digit.Sign() == 0 {
				continue // unanswered
			}
			mask := digit.Sub(digit, big.NewInt(1))
			chosen := []string{}
			for oi, op := range q.Options {
				if mask.Bit(oi) == 1 {
					chosen = append(chosen, op.ID)
				}
			}
			if len(chosen) > q.Max {
				return nil, false
			}
			a[q.ID] = chosen
		} else if d := digit.Int64(); d > 0 {
			a[q.ID] = []string{q.Options[d-1].ID}
		}
	}
	return a, n.Sign() == 0
}

// codePayloadChars is the fixed payload length for this guide: enough
// characters for the largest payload, rounded up so that the whole code
// falls into complete groups of three.
func (g *Guide) codePayloadChars() int {
	max := big.NewInt(1)
	for _, q := range g.Questions {
		max.Mul(max, codeRadix(q))
	}
	max.Sub(max, big.NewInt(1))
	n := (max.BitLen() + 4) / 5
	if n == 0 {
		n = 1
	}
	for (n+codeCheckChars)%3 != 0 {
		n++
	}
	return n
}

// codeFingerprint digests what a code's meaning depends on: question and
// option ids, their order and each question's kind. Wording and points may
// change without invalidating codes already handed out.
func (g *Guide) codeFingerprint() []byte {
	h := sha256.New()
	field := func(s string) {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	field(codeVersion)
	for _, q := range g.Questions {
		field("q:" + q.ID + ":" + strconv.Itoa(q.Max))
		for _, o := range q.Options {
			field("o:" + o.ID)
		}
	}
	return h.Sum(nil)
}

// codeCRC is the check value over the fingerprint and the payload symbols.
func (g *Guide) codeCRC(payload []byte) uint32 {
	var reg uint32
	feed := func(v uint32, nbits int) {
		for i := nbits - 1; i >= 0; i-- {
			in := (v >> uint(i)) & 1
			top := (reg >> (codeCheckBits - 1)) & 1
			reg = (reg << 1) & (1<<codeCheckBits - 1)
			if top^in == 1 {
				reg ^= codePoly
			}
		}
	}
	fp := g.codeFP
	if fp == nil {
		fp = g.codeFingerprint()
	}
	for _, b := range fp {
		feed(uint32(b), 8)
	}
	for _, c := range payload {
		feed(uint32(c), 5)
	}
	return reg
}

// parseCode turns typed text into 5-bit symbols.
func parseCode(s string) ([]byte, error) {
	var syms []byte
	for _, typed := range s {
		r := typed
		switch r {
		case '-', ' ', '\t':
			continue
		case 'i', 'I', 'l', 'L':
			r = '1'
		case 'o', 'O':
			r = '0'
		}
		if r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		i := strings.IndexRune(codeAlphabet, r)
		if i < 0 {
			return nil, &CodeError{ErrCodeChar, fmt.Sprintf(
				"resume code has a character that is not allowed: %s (codes use digits and the letters A-Z except I, L, O and U)",
				strconv.QuoteRune(typed))}
		}
		syms = append(syms, byte(i))
	}
	return syms, nil
}

// quoteTyped quotes a code as the user typed it, cut short if it is far
// longer than any code.
func quoteTyped(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 40 {
		return strconv.Quote(string(r[:40])) + "…"
	}
	return strconv.Quote(s)
}

// formatCode spells symbols in groups of three, for reading aloud.
func formatCode(syms []byte) string {
	var b strings.Builder
	for i, c := range syms {
		if i > 0 && i%3 == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(codeAlphabet[c])
	}
	return b.String()
}
