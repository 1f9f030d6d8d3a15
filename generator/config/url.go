package config

import (
	"strings"
)

// UnsafeURL returns the scheme of an address that would run code or show a
// document of its own when a reader follows it: "javascript", "vbscript", or
// "data" (pictures in data: addresses are harmless and pass). It returns ""
// for every other address. Browsers ignore spaces, tabs, line breaks and
// letter case in a scheme, so this does too.
func UnsafeURL(u string) string {
	var b strings.Builder
	for _, r := range u {
		switch {
		case r <= ' ' || r == 0x7f:
			continue // browsers drop these anywhere in the scheme
		case r == ':':
			return unsafeScheme(strings.ToLower(b.String()), u)
		case r == '/' || r == '?' || r == '#':
			return ""
		}
		if b.Len() > 32 {
			return ""
		}
		b.WriteRune(r)
	}
	return ""
}

func unsafeScheme(scheme, u string) string {
	switch scheme {
	case "javascript", "vbscript":
		return scheme
	case "data":
		_, rest, _ := strings.Cut(strings.ToLower(strings.TrimSpace(u)), ":")
		rest = strings.TrimSpace(rest)
		for _, t := range []string{"image/png", "image/jpeg", "image/gif", "image/webp"} {
			if strings.HasPrefix(rest, t+";") || strings.HasPrefix(rest, t+",") {
				return ""
			}
		}
		return scheme
	}
	return ""
}
