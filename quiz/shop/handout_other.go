//go:build !linux

package shop

import (
	"errors"
	"os"
)

// Files without names are a Linux feature; elsewhere handouts are staged
// in named temporary files (see SweepTemp).
func createUnnamed(string) (*os.File, error) { return nil, errors.ErrUnsupported }

func unnamedPath(f *os.File) string { return f.Name() }

func linkName(oldname, newname string) error { return os.Link(oldname, newname) }
