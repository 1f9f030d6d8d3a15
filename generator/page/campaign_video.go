package page

import (
	"strconv"
	"strings"
)

// OnlineVideo is a video on YouTube or Vimeo, as a campaign material's url
// names it. The page shows a link until the reader presses play: the same
// click-to-play facade as the youtube and vimeo shortcodes.
type OnlineVideo struct {
	Provider string // "youtube" or "vimeo"
	ID       string
	Start    int // seconds, 0 for the start
}

// VideoAt reads the address of a video on YouTube or Vimeo, as a pasted
// address in Markdown is read (see videoLink); ok is false for any other.
func VideoAt(raw string) (v OnlineVideo, ok bool) {
	v.Provider, v.ID, v.Start = videoLink(strings.TrimSpace(raw))
	return v, v.Provider != ""
}

// Watch is the video's own page on its site: where the facade's link
// leads without JavaScript.
func (v OnlineVideo) Watch() string {
	if v.Provider == "vimeo" {
		if v.Start > 0 {
			return "https://vimeo.com/" + v.ID + "#t=" + strconv.Itoa(v.Start) + "s"
		}
		return "https://vimeo.com/" + v.ID
	}
	if v.Start > 0 {
		return "https://www.youtube.com/watch?v=" + v.ID + "&t=" + strconv.Itoa(v.Start) + "s"
	}
	return "https://www.youtube.com/watch?v=" + v.ID
}

// Name is the site's name, as the facade says "Bấm để phát video từ YouTube".
func (v OnlineVideo) Name() string {
	if v.Provider == "vimeo" {
		return "Vimeo"
	}
	return "YouTube"
}
