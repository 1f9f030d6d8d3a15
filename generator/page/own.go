package page

import (
	"net/url"
	"strings"
)

// ownAddress turns a full address on the site's own base URL, as editors
// copy it from the browser ("https://vstbpn.halam.gov.vn/van-ban/luat/"),
// into a path from the site root ("/van-ban/luat/"), so that it is checked
// and written as a relative address like any link to the site. http and
// https, a "www." and letter case in the host count as the same site.
func ownAddress(base *url.URL, dest string) (string, bool) {
	if base == nil || base.Host == "" {
		return "", false
	}
	u, err := url.Parse(dest)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !sameHost(u.Host, base.Host) {
		return "", false
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	switch {
	case p+"/" == base.Path:
		p = "/"
	case strings.HasPrefix(p, base.Path):
		p = "/" + strings.TrimPrefix(p, base.Path)
	default:
		return "", false
	}
	if u.RawQuery != "" {
		return "", false // a search or a filter: not a file to check
	}
	if u.Fragment != "" {
		p += "#" + u.EscapedFragment()
	}
	return p, true
}

func sameHost(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	return strings.TrimPrefix(a, "www.") == strings.TrimPrefix(b, "www.")
}
