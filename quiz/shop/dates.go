package shop

import (
	"fmt"
	"strings"
	"time"
)

// ParseDateRange reads --since and --until dates (2026-11-27) in loc. Both
// days are included, so until becomes the start of the following day.
// An empty string leaves that end open.
func ParseDateRange(since, until string, loc *time.Location) (from, to time.Time, err error) {
	parse := func(flag, s string) (time.Time, error) {
		if s == "" {
			return time.Time{}, nil
		}
		t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), loc)
		if err != nil {
			return time.Time{}, fmt.Errorf("%s %q: expected a date like 2026-11-27", flag, s)
		}
		return t, nil
	}
	if from, err = parse("--since", since); err != nil {
		return
	}
	if to, err = parse("--until", until); err != nil {
		return
	}
	if !to.IsZero() {
		to = to.AddDate(0, 0, 1)
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		err = fmt.Errorf("--since %s is after --until %s", since, until)
	}
	return
}
