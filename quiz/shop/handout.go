// Package shop holds what a shop needs around the quiz at the counter:
// printable handouts, the consultation log and the statistics read from it.
// It knows nothing about terminals, so the full-screen interface, the plain
// mode and the stats command share one implementation.
package shop

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jewelguide/jewelguide/quiz"
)

// maxSuffix bounds the search for a free file name; a folder with a
// thousand handouts from the same minute is a broken clock, not a busy day.
const maxSuffix = 1000

// Hooks for tests: failing a sync or a link is otherwise hard to arrange,
// and permission tricks do not work when tests run as root.
var (
	syncFile   = (*os.File).Sync
	linkFile   = linkName
	renameFile = os.Rename
)

// SaveHandout writes the report as a Markdown handout in dir and returns
// its path. The name comes from now and ref (2026-11-27-1432-ring-smith.md);
// an existing file is never replaced, a -2, -3, … suffix is added instead.
// The file is created with mode 0600 because the note may hold personal
// details, and it appears complete or not at all: it is written to a file
// with no name yet, synced, then linked to its name. Where a file cannot be
// created without a name, a hidden temporary file in the same folder takes
// its place; SweepTemp removes those a killed program left behind.
//
// Set rep.Code before calling, so the handout can be reopened with
// --resume.
func SaveHandout(dir string, now time.Time, ref string, rep *quiz.Report, note string) (string, error) {
	if dir == "" {
		dir = "."
	}
	var body bytes.Buffer
	if err := writeHandout(&body, now, ref, rep, note); err != nil {
		return "", fmt.Errorf("cannot write the handout: %w", err)
	}
	base := now.Format("2006-01-02-1504")
	if s := Slug(ref); s != "" {
		base += "-" + s
	}
	want := filepath.Join(dir, base+".md")
	st, err := stage(dir, body.Bytes())
	if err != nil {
		// The library's message names the hidden temporary file; say what
		// a person can act on when the folder itself is the problem.
		if fi, serr := os.Stat(dir); serr != nil || !fi.IsDir() {
			return "", fmt.Errorf("cannot save the handout %s: the folder %s is missing or not a folder", want, dir)
		}
		return "", fmt.Errorf("cannot save the handout %s in the folder %s: %w", filepath.Base(want), dir, reason(err))
	}
	defer st.discard()
	for n := 1; n <= maxSuffix; n++ {
		name := base + ".md"
		if n > 1 {
			name = base + "-" + strconv.Itoa(n) + ".md"
		}
		path := filepath.Join(dir, name)
		err := st.claim(path)
		if err == nil {
			syncDir(dir)
			return path, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("cannot save the handout %s in the folder %s: %w", name, dir, reason(err))
		}
	}
	return "", fmt.Errorf("cannot save the handout %s: %d files with that name already exist", want, maxSuffix)
}

// staged is a finished handout waiting for its name: an open file with no
// name (unnamed), or a hidden temporary file (tmp).
type staged struct {
	dir     string
	data    []byte
	unnamed *os.File
	tmp     string
}

// stage writes data to a new private file in dir and syncs it, so the
// later link publishes finished bytes. A file with no name is tried first:
// if the program is killed before linking it, the system frees it and
// nothing is left in the folder.
func stage(dir string, data []byte) (*staged, error) {
	st := &staged{dir: dir, data: data}
	if f, err := createUnnamed(dir); err == nil {
		if err := writeSynced(f, data); err != nil {
			f.Close()
			return nil, err
		}
		st.unnamed = f
		return st, nil
	}
	tmp, err := writeTemp(dir, data)
	if err != nil {
		return nil, err
	}
	st.tmp = tmp
	return st, nil
}

// claim gives the finished file the name path, only if that name is free.
// A hard link fails on an existing name, so two programs saving at once
// cannot both take it.
func (st *staged) claim(path string) error {
	if st.unnamed != nil {
		err := linkFile(unnamedPath(st.unnamed), path)
		if err == nil || errors.Is(err, fs.ErrExist) {
			return err
		}
		// Linking a file with no name needs /proc; without it, go on
		// with a named temporary file.
		st.unnamed.Close()
		st.unnamed = nil
		if st.tmp, err = writeTemp(st.dir, st.data); err != nil {
			return err
		}
	}
	return claim(st.tmp, path)
}

func (st *staged) discard() {
	if st.unnamed != nil {
		st.unnamed.Close()
	}
	if st.tmp != "" {
		os.Remove(st.tmp)
	}
}

// tempPattern names the hidden temporary files; SweepTemp knows them by it.
const tempPattern = ".handout-*.tmp"

// reason is err without the file names the os package puts before it:
// those name a hidden temporary file the person never asked for, while the
// message already names the folder to act on.
func reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// writeTemp writes data to a new hidden private file in dir.
func writeTemp(dir string, data []byte) (string, error) {
	f, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return "", err
	}
	name := f.Name()
	// CreateTemp already uses 0600; saying so keeps it true if that changes.
	err = f.Chmod(0o600)
	if err == nil {
		err = writeSynced(f, data)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

func writeSynced(f *os.File, data []byte) error {
	if _, err := f.Write(data); err != nil {
		return err
	}
	return syncFile(f)
}

// staleAfter is how old a hidden temporary file must be for SweepTemp to
// remove it. A save writes its file in well under a second; an hour leaves
// any save still running, on any disk, alone.
const staleAfter = time.Hour

// SweepTemp removes the hidden temporary files (.handout-*.tmp) in dir
// that were last changed more than an hour ago: they are left by a program
// killed while saving, where files without names are not supported, or by
// an older version. Each is a copy of a handout, note included, so it must
// not stay. It returns how many it removed; failures are not reported, as
// the next start tries again.
func SweepTemp(dir string, now time.Time) int {
	if dir == "" {
		dir = "."
	}
	names, _ := filepath.Glob(filepath.Join(dir, tempPattern))
	removed := 0
	for _, name := range names {
		fi, err := os.Lstat(name)
		if err != nil || !fi.Mode().IsRegular() || now.Sub(fi.ModTime()) < staleAfter {
			continue
		}
		if os.Remove(name) == nil {
			removed++
		}
	}
	return removed
}

// claim links the finished temporary file tmp to path, only if that name
// is free. Where links are not supported, an exclusive create claims the
// name first and the rename then fills it.
func claim(tmp, path string) error {
	err := linkFile(tmp, path)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	f, xerr := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if xerr != nil {
		if errors.Is(xerr, fs.ErrExist) {
			return xerr
		}
		return err // the link's reason is the more telling one
	}
	f.Close()
	if rerr := renameFile(tmp, path); rerr != nil {
		os.Remove(path)
		return rerr
	}
	return nil
}

// syncDir makes the new name durable. Not every system can sync a folder,
// and the file is already complete, so a failure here is not reported.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// writeHandout renders the report with the consultation's details just
// under the title, where the person reading a printout looks first.
func writeHandout(w *bytes.Buffer, now time.Time, ref string, rep *quiz.Report, note string) error {
	fields := []quiz.Field{{Label: "Consultation", Value: now.Format("2 January 2006, 15:04")}}
	if ref = strings.TrimSpace(ref); ref != "" {
		fields = append(fields, quiz.Field{Label: "Reference", Value: quiz.Inert(ref)})
	}
	if note = strings.TrimSpace(note); note != "" {
		fields = append(fields, quiz.Field{Label: "Note", Value: quiz.Inert(note)})
	}
	return quiz.WriteMarkdownWith(w, rep, fields)
}

// maxSlug keeps file names short enough to read in a file list.
const maxSlug = 40

// Slug turns a customer reference into the part of a file name after the
// time: lower-case ASCII letters, digits and single dashes. Common accented
// Latin letters are folded ("Müller" → "muller"), anything else separates
// words, so no reference can reach outside the folder or hide characters.
func Slug(ref string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(ref) {
		s := string(r)
		if f, ok := fold[r]; ok {
			s = f
		}
		if plainWord(s) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteString(s)
			continue
		}
		dash = true
	}
	out := b.String()
	if len(out) > maxSlug {
		cut := out[:maxSlug]
		// Prefer ending on a whole word, unless that loses most of it.
		if i := strings.LastIndexByte(cut, '-'); out[maxSlug] != '-' && i > maxSlug/2 {
			cut = cut[:i]
		}
		out = strings.TrimRight(cut, "-")
	}
	return out
}

func plainWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if !(s[i] >= 'a' && s[i] <= 'z' || s[i] >= '0' && s[i] <= '9') {
			return false
		}
	}
	return s != ""
}

// fold maps accented Latin letters to plain ones. Lower-case only: Slug
// lowers the reference first.
var fold = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ł': "l", 'þ': "th"}
	groups := map[string]string{
		"a": "àáâãäåāăą", "c": "çćĉċč", "e": "èéêëēĕėęě", "g": "ĝğġģ", "i": "ìíîïĩīĭįı",
		"n": "ñńņňŉ", "o": "òóôõöōŏő", "r": "ŕŗř", "s": "śŝşš", "t": "ţťŧ",
		"u": "ùúûüũūŭůűų", "y": "ýÿŷ", "z": "źżž",
	}
	for plain, letters := range groups {
		for _, r := range letters {
			m[r] = plain
		}
	}
	return m
}()
