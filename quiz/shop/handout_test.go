package shop

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jewelguide/jewelguide/data"
	"github.com/jewelguide/jewelguide/quiz"
)

var counterTime = time.Date(2026, 11, 27, 14, 32, 5, 0, time.UTC)

func testGuide(t testing.TB) *quiz.Guide {
	t.Helper()
	g, err := quiz.Parse(data.GuideFile, data.Guide)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

var milestoneAnswers = quiz.Answers{
	"occasion": {"milestone"}, "budget": {"invest"}, "lifespan": {"heirloom"},
	"extras": {"meet-maker", "hold-value"},
}

func testReport(t testing.TB) (*quiz.Guide, *quiz.Result, *quiz.Report) {
	g := testGuide(t)
	r := g.Evaluate(milestoneAnswers)
	rep := quiz.NewReport(g, r)
	rep.Code = g.Code(r.Answers)
	return g, r, rep
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func TestSaveHandoutContent(t *testing.T) {
	_, _, rep := testReport(t)
	dir := t.TempDir()
	note := "Prefers rose gold\x1b[2J; call <b>Friday</b>\nafter 3"
	path, err := SaveHandout(dir, counterTime, "Ring *Smith*", rep, note)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "2026-11-27-1432-ring-smith.md"); path != want {
		t.Errorf("path = %s, want %s", path, want)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	lines := strings.Split(text, "\n")
	if lines[0] != "# Handmade or factory-made?" {
		t.Errorf("first line = %q, want the guide's title", lines[0])
	}
	head := strings.Join(lines[:6], "\n")
	for _, want := range []string{
		"**Consultation:** 27 November 2026, 14:32",
		`**Reference:** Ring \*Smith\*`,
		`**Note:** Prefers rose gold\\x1b\[2J; call \<b\>Friday\</b\> after 3`,
	} {
		if !strings.Contains(head, want) {
			t.Errorf("handout head lacks %q:\n%s", want, head)
		}
	}
	for _, want := range []string{"## Recommendation: Handcrafted", "- [ ] ", "Resume code: " + rep.Code, rep.Shop.Contact} {
		if !strings.Contains(text, want) {
			t.Errorf("handout lacks %q", want)
		}
	}
	if strings.IndexByte(text, 0x1b) >= 0 {
		t.Error("an escape character from the note reached the handout")
	}
	if strings.Index(text, "Reference") > strings.Index(text, "## Recommendation") {
		t.Error("reference is not near the top")
	}
}

func TestSaveHandoutNameModeAndNoTemp(t *testing.T) {
	_, _, rep := testReport(t)
	dir := t.TempDir()
	path, err := SaveHandout(dir, counterTime, "  ", rep, "")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path) != "2026-11-27-1432.md" {
		t.Errorf("name without reference = %s", filepath.Base(path))
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	if strings.Contains(string(b), "**Reference:**") || strings.Contains(string(b), "**Note:**") {
		t.Error("empty reference or note printed a label")
	}
	if got := listDir(t, dir); len(got) != 1 {
		t.Errorf("folder holds %v, want only the handout", got)
	}
}

func TestSaveHandoutNeverOverwrites(t *testing.T) {
	_, _, rep := testReport(t)
	dir := t.TempDir()
	var paths []string
	for _, note := range []string{"first", "second", "third"} {
		p, err := SaveHandout(dir, counterTime, "Ring Smith", rep, note)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, filepath.Base(p))
	}
	want := []string{"2026-11-27-1432-ring-smith.md", "2026-11-27-1432-ring-smith-2.md", "2026-11-27-1432-ring-smith-3.md"}
	if strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Errorf("paths = %v, want %v", paths, want)
	}
	b, _ := os.ReadFile(filepath.Join(dir, want[0]))
	if !strings.Contains(string(b), "**Note:** first") {
		t.Error("first handout was overwritten")
	}
	if got := listDir(t, dir); len(got) != 3 {
		t.Errorf("folder holds %v", got)
	}
}

func TestSaveHandoutConcurrentSavers(t *testing.T) {
	_, _, rep := testReport(t)
	dir := t.TempDir()
	const n = 8
	var wg sync.WaitGroup
	paths := make([]string, n)
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			paths[i], errs[i] = SaveHandout(dir, counterTime, "same", rep, "")
		}(i)
	}
	wg.Wait()
	seen := map[string]bool{}
	for i := range paths {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if seen[paths[i]] {
			t.Fatalf("two savers got %s", paths[i])
		}
		seen[paths[i]] = true
	}
	if got := listDir(t, dir); len(got) != n {
		t.Errorf("folder holds %d files, want %d: %v", len(got), n, got)
	}
}

// withHooks swaps the file-system hooks for one test.
func withHooks(t *testing.T, sync func(*os.File) error, link, rename func(string, string) error) {
	oldSync, oldLink, oldRename := syncFile, linkFile, renameFile
	syncFile, linkFile, renameFile = sync, link, rename
	t.Cleanup(func() { syncFile, linkFile, renameFile = oldSync, oldLink, oldRename })
}

func TestSaveHandoutFailureLeavesNothing(t *testing.T) {
	_, _, rep := testReport(t)
	boom := errors.New("disk on fire")
	fail := func(string, string) error { return boom }
	tests := []struct {
		name         string
		sync         func(*os.File) error
		link, rename func(string, string) error
	}{
		{"sync fails", func(*os.File) error { return boom }, os.Link, os.Rename},
		{"link and rename fail", (*os.File).Sync, fail, fail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			withHooks(t, tt.sync, tt.link, tt.rename)
			_, err := SaveHandout(dir, counterTime, "x", rep, "")
			if err == nil {
				t.Fatal("no error")
			}
			// The folder and the reason, never the hidden temporary file.
			if !strings.Contains(err.Error(), "2026-11-27-1432-x.md in the folder "+dir+": disk on fire") || strings.Contains(err.Error(), ".tmp") {
				t.Errorf("error %q should name the file, the folder and the cause", err)
			}
			if got := listDir(t, dir); len(got) != 0 {
				t.Errorf("failure left %v behind", got)
			}
		})
	}
}

func TestSaveHandoutWithoutHardLinks(t *testing.T) {
	_, _, rep := testReport(t)
	dir := t.TempDir()
	withHooks(t, (*os.File).Sync, func(string, string) error { return errors.ErrUnsupported }, os.Rename)
	var got []string
	for i := 0; i < 2; i++ {
		p, err := SaveHandout(dir, counterTime, "x", rep, "")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, filepath.Base(p))
		if fi, _ := os.Stat(p); fi == nil || fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
			t.Errorf("%s: %v", p, fi)
		}
	}
	if strings.Join(got, " ") != "2026-11-27-1432-x.md 2026-11-27-1432-x-2.md" {
		t.Errorf("names = %v", got)
	}
	if files := listDir(t, dir); len(files) != 2 {
		t.Errorf("folder holds %v", files)
	}
}

func TestSaveHandoutMissingFolder(t *testing.T) {
	_, _, rep := testReport(t)
	dir := filepath.Join(t.TempDir(), "no", "such")
	_, err := SaveHandout(dir, counterTime, "", rep, "")
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "2026-11-27-1432.md")) {
		t.Errorf("error = %v, want one naming the path", err)
	}
	if err == nil || !strings.Contains(err.Error(), "the folder "+dir+" is missing") || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("error = %v, want it to say the folder is missing, not name a temporary file", err)
	}
}

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"Ring Smith":              "ring-smith",
		"  --Ring   Smith!!  ":    "ring-smith",
		"Müller & Søn":            "muller-son",
		"Straße 12":               "strasse-12",
		"../../etc/passwd":        "etc-passwd",
		"\x1b[2J\u202eevil":       "2j-evil",
		"日本":                      "",
		"":                        "",
		strings.Repeat("ab ", 30): "ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab",
		strings.Repeat("x", 50):   strings.Repeat("x", 40),
	}
	for in, want := range tests {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
		if len(Slug(in)) > maxSlug {
			t.Errorf("Slug(%q) longer than %d", in, maxSlug)
		}
	}
}

// TestSaveHandoutNeverShowsATemporaryName: while the handout is written
// and synced, the folder holds nothing, so a save cut off at any point
// leaves no copy of the customer's note behind.
func TestSaveHandoutNeverShowsATemporaryName(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("files without names are a Linux feature")
	}
	_, _, rep := testReport(t)
	dir := t.TempDir()
	var during []string
	withHooks(t, func(f *os.File) error {
		during = listDir(t, dir)
		return f.Sync()
	}, linkFile, renameFile)
	p, err := SaveHandout(dir, counterTime, "x", rep, "a note")
	if err != nil {
		t.Fatal(err)
	}
	if len(during) != 0 {
		t.Errorf("while the handout was written the folder held %v", during)
	}
	if got := listDir(t, dir); len(got) != 1 || got[0] != filepath.Base(p) {
		t.Errorf("folder after the save: %v", got)
	}
}

func TestSweepTemp(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, ".handout-123.tmp")
	fresh := filepath.Join(dir, ".handout-456.tmp")
	other := filepath.Join(dir, "notes.tmp")
	for _, p := range []string{old, fresh, other} {
		if err := os.WriteFile(p, []byte("note"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	then := counterTime.Add(-staleAfter - time.Minute)
	os.Chtimes(old, then, then)
	os.Chtimes(other, then, then)
	os.Chtimes(fresh, counterTime, counterTime)
	if n := SweepTemp(dir, counterTime); n != 1 {
		t.Errorf("removed %d, want 1", n)
	}
	if got := strings.Join(listDir(t, dir), " "); got != ".handout-456.tmp notes.tmp" {
		t.Errorf("folder after the sweep: %s", got)
	}
}
