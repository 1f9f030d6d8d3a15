package build

import (
	"fmt"
	"strings"
	"time"

	"loa/generator/config"
)

// NowForms are the forms of --now, for messages.
const NowForms = `2025-11-20, 2025-11-20T08:00, or as Vietnamese write dates, 20/11/2025 or "20/11/2025 08:00"`

// nowLayouts are the forms of --now: a day alone is its first minute.
var nowLayouts = []string{
	"2006-01-02", "2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04",
	"02/01/2006", "02/01/2006 15:04", "2/1/2006", "2/1/2006 15:04",
}

// ParseNow reads the day, or the moment, a build is made as of (loa build
// --now 2025-11-20), as a time in loc, the site's zone. Pass time.UTC to
// check the form alone, before the site's zone is known.
func ParseNow(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range nowLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date: write %s", s, NowForms)
}

// now is the time the site is built as of: --now when given (fixed), else
// the clock.
func (b *Builder) now(cfg *config.Config) (t time.Time, fixed bool) {
	if b.opts.At != "" {
		if t, err := ParseNow(b.opts.At, cfg.Location); err == nil {
			return t, true
		}
	}
	return b.opts.Now(), false
}
