package shop

import (
	"fmt"
	"strings"
	"time"
)

// ParseDateRange reads --since and --until dates (2026-11-27), both
// included, and returns them in the same form. Dates are compared with
// each record's date in its own offset, so no time zone is involved: a
// consultation belongs to the day on the clock of the counter where it
// happened. An empty string leaves that end open.
func ParseDateRange(since, until string) (from, to string, err error) {
	parse := func(flag, s string) (string, error) {
		if s == "" {
			return "", nil
		}
		t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
		if err != nil {
			return "", fmt.Errorf("%s %q: expected a date like 2026-11-27", flag, s)
		}
		return t.Format("2006-01-02"), nil
	}
	if from, err = parse("--since", since); err != nil {
		return
	}
	if to, err = parse("--until", until); err != nil {
		return
	}
	if from != "" && to != "" && from > to {
		err = fmt.Errorf("--since %s is after --until %s", since, until)
	}
	return
}
