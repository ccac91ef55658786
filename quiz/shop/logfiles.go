package shop

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// LogFiles turns stats arguments into the files to read: a folder stands
// for the files directly in it (not hidden ones, not its subfolders), and
// an argument with * ? or [ that names no file is a pattern (for shells
// that pass it on unexpanded). A file named twice, in any spelling (a
// relative and an absolute path, a link), is read once: files are told
// apart by what they are, not by their names.
func LogFiles(args []string) ([]string, error) {
	var out []string
	// Files are compared with os.SameFile only within a bucket of equal
	// size and time, so a folder of thousands of logs stays quick.
	type bucket struct {
		size int64
		mod  int64
	}
	seen := map[bucket][]os.FileInfo{}
	addFile := func(p string, fi os.FileInfo) {
		k := bucket{fi.Size(), fi.ModTime().UnixNano()}
		for _, s := range seen[k] {
			if os.SameFile(s, fi) {
				return
			}
		}
		seen[k] = append(seen[k], fi)
		out = append(out, p)
	}
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if err != nil && strings.ContainsAny(arg, "*?[") {
			matches, gerr := filepath.Glob(arg)
			if gerr != nil {
				return nil, fmt.Errorf("%s: not a valid pattern", arg)
			}
			if len(matches) == 0 {
				return nil, fmt.Errorf("%s: no file matches", arg)
			}
			for _, m := range matches {
				if mi, err := os.Stat(m); err == nil && mi.Mode().IsRegular() {
					addFile(m, mi)
				}
			}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("cannot read the log %s: %w", arg, err)
		}
		if !fi.IsDir() {
			addFile(arg, fi)
			continue
		}
		entries, err := os.ReadDir(arg)
		if err != nil {
			return nil, fmt.Errorf("cannot read the folder %s: %w", arg, err)
		}
		names := make([]string, 0, len(entries))
		for _, e := range entries {
			if !strings.HasPrefix(e.Name(), ".") {
				names = append(names, e.Name())
			}
		}
		sort.Strings(names)
		for _, n := range names {
			p := filepath.Join(arg, n)
			if mi, err := os.Stat(p); err == nil && mi.Mode().IsRegular() {
				addFile(p, mi)
			}
		}
	}
	return out, nil
}
