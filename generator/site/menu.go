package site

import (
	"strconv"
	"strings"

	"loa/generator/config"
)

// Menu is the main menu as one page shows it: each entry with its address
// and whether it leads to the page or to a section the page is in. Key
// names those marks, so that a layout can render the menu once for every
// page that marks the same entries:
//
//	{{ $m := .Site.MainMenuAt .RelPermalink }}{{ partialCached "menu.html" $m $m.Key }}
type Menu struct {
	Items []MenuItem
	Key   string // "" when no entry is marked, else "2p" or "0t.3t"
	Site  *Site  // whose menu it is: for a partial kept by Key that shows the site's name too
}

// MenuItem is an entry of a Menu.
type MenuItem struct {
	config.MenuEntry
	RelURL  string // the entry's address from the host's root, as relURL gives it
	Current string // "page" when the entry is the page, "true" when the page is under it, else ""
}

// MainMenuAt is MainMenu as the page at address cur (its RelPermalink, ""
// for no page) shows it: the entry whose address is cur is the page; an
// entry whose address begins cur, other than the home, holds it. The menus
// are made once for each set of marks.
func (s *Site) MainMenuAt(cur string) Menu {
	home := s.RelLangURL("")
	mark := func(u string) string {
		switch {
		case u == cur:
			return "page"
		case cur != "" && u != home && strings.HasPrefix(cur, u):
			return "true"
		}
		return ""
	}
	var key []byte
	for i, u := range s.menuURLs {
		if m := mark(u); m != "" {
			if len(key) > 0 {
				key = append(key, '.')
			}
			key = append(strconv.AppendInt(key, int64(i), 10), m[0])
		}
	}
	if m, ok := s.menus.Load(string(key)); ok {
		return m.(Menu)
	}
	m := Menu{Items: make([]MenuItem, len(s.mainMenu)), Key: string(key), Site: s}
	for i, e := range s.mainMenu {
		m.Items[i] = MenuItem{MenuEntry: e, RelURL: s.menuURLs[i], Current: mark(s.menuURLs[i])}
	}
	s.menus.Store(m.Key, m)
	return m
}
