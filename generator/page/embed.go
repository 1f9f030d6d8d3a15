package page

import (
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/shortcode"
)

// social reports whether name is one of Hugo's embeds of a social network,
// which Loa publishes as a plain link: embedding them would load the
// network's scripts, and let it follow every reader of the page.
func social(name string) bool {
	switch strings.TrimSuffix(name, "_simple") {
	case "twitter", "x", "tweet", "instagram", "gist":
		return true
	}
	return false
}

func (e *expansion) social(n *shortcode.Node, c *shortcode.Call, w sink) {
	e.inner(n, c)
	net := strings.TrimSuffix(n.Name, "_simple")
	var u, text string
	switch net {
	case "instagram":
		id := url.PathEscape(arg(c, "id", 0))
		u, text = "https://www.instagram.com/p/"+id+"/", "Xem bài đăng trên Instagram"
	case "gist":
		// {{< gist user 23932424365401ffa5e9d9810102a477 [file] >}}
		u = "https://gist.github.com/" + url.PathEscape(arg(c, "user", 0)) + "/" + url.PathEscape(arg(c, "id", 1))
		text = "Xem đoạn mã trên GitHub Gist"
	default:
		user, id := arg(c, "user", -1), arg(c, "id", -1)
		if !c.IsNamedParams {
			// {{< tweet 1234 >}} or, older, {{< tweet user 1234 >}}
			id = arg(c, "", 0)
			if c.Has(1) {
				user, id = arg(c, "", 0), arg(c, "", 1)
			}
		}
		if user == "" {
			user = "i"
		}
		u, text = "https://x.com/"+url.PathEscape(user)+"/status/"+url.PathEscape(id), "Xem bài đăng trên X"
		if user != "i" {
			text += " của @" + user
		}
	}
	e.diags.Warnf(c.Position, "nothing to do if a link is enough; an embed would load "+net+"'s scripts and let it follow every reader",
		"the %s shortcode is published as a plain link to %s", n.Name, u).Vi(
		"không cần làm gì nếu một liên kết là đủ; nhúng bài sẽ tải mã của "+net+" và để mạng đó theo dõi mọi người đọc trang",
		"shortcode %s được đăng thành liên kết tới %s", n.Name, u)
	w.insert(e.placeholder(`<a href="`+html.EscapeString(u)+`">`+html.EscapeString(text)+"</a>"), n.Start)
}

// safeURL reports whether an address a shortcode writes may be published,
// warning as dropUnsafe does for Markdown.
func (p *Parser) safeURL(dest string, pos diag.Pos, diags *diag.List) bool {
	scheme := config.UnsafeURL(dest)
	if scheme == "" || p.md.unsafe {
		return true
	}
	diags.Warnf(pos, "link to a page or a file instead; a "+scheme+": address runs code in the reader's browser",
		"%s: address dropped; only its text is published", scheme).Vi(
		"hãy liên kết tới một trang hoặc một tệp; địa chỉ "+scheme+": chạy mã lệnh trong trình duyệt của người đọc",
		"đã bỏ địa chỉ %s:, chỉ đăng phần chữ", scheme)
	return false
}

var (
	youtubeID = regexp.MustCompile(`^[A-Za-z0-9_-]{6,20}$`)
	vimeoID   = regexp.MustCompile(`^[0-9]{1,12}$`)
)

// videoLink reads the address of a YouTube or Vimeo video: the shortcode
// that plays it (youtube or vimeo), its id and the second it starts at.
func videoLink(raw string) (name, id string, start int) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return "", "", 0
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	host = strings.TrimPrefix(host, "m.")
	p := strings.Trim(u.Path, "/")
	q := u.Query()
	switch host {
	case "youtube.com", "youtube-nocookie.com":
		switch {
		case p == "watch":
			id = q.Get("v")
		case strings.HasPrefix(p, "shorts/"), strings.HasPrefix(p, "embed/"), strings.HasPrefix(p, "live/"):
			id = p[strings.IndexByte(p, '/')+1:]
		}
		name = "youtube"
	case "youtu.be":
		id, name = p, "youtube"
	case "vimeo.com":
		id, name = p, "vimeo"
	case "player.vimeo.com":
		id, name = strings.TrimPrefix(p, "video/"), "vimeo"
	default:
		return "", "", 0
	}
	if (name == "youtube" && !youtubeID.MatchString(id)) || (name == "vimeo" && !vimeoID.MatchString(id)) {
		return "", "", 0
	}
	t := firstOf(q.Get("t"), q.Get("start"))
	if name == "vimeo" {
		if _, frag, ok := strings.Cut(u.Fragment, "t="); ok {
			t = frag
		}
	}
	return name, id, seconds(t)
}

// seconds reads "90", "90s" or "1m30s".
func seconds(t string) int {
	if n, err := strconv.Atoi(t); err == nil && n > 0 {
		return n
	}
	total, num := 0, 0
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9':
			num = num*10 + int(r-'0')
		case r == 'h':
			total, num = total+num*3600, 0
		case r == 'm':
			total, num = total+num*60, 0
		case r == 's':
			total, num = total+num, 0
		default:
			return 0
		}
	}
	return total + num
}

// videoParagraph renders a paragraph that is nothing but the address of a
// YouTube or Vimeo video with that site's youtube or vimeo shortcode, as
// Hugo sites paste them, and returns its placeholder.
func (e *expansion) videoParagraph(n *ast.Paragraph, src []byte) (string, bool) {
	if e.p.sc == nil || n.ChildCount() != 1 {
		return "", false
	}
	var raw string
	switch l := n.FirstChild().(type) {
	case *ast.AutoLink:
		if dropped(l) {
			return "", false
		}
		raw = string(l.URL(src))
	case *ast.Link:
		if dropped(l) || l.ChildCount() != 1 || inlineText(l, src) != string(l.Destination) {
			return "", false
		}
		raw = string(l.Destination)
	default:
		return "", false
	}
	name, id, start := videoLink(raw)
	if name == "" || !e.p.sc.Has(name) {
		return "", false
	}
	args := []shortcode.Arg{{Name: "id", Value: id}}
	if start > 0 {
		args = append(args, shortcode.Arg{Name: "start", Value: start})
	}
	c := shortcode.NewCall(name, args)
	c.Page, c.Site, c.Ordinal = e.pg, e.p.cfg, e.top
	e.top++
	if n.Lines().Len() > 0 {
		c.Position, _ = e.at(n.Lines().At(0).Start)
	}
	out, err := e.p.sc.Render(c)
	if err != nil {
		e.diags.Errorf(c.Position, "check layouts/shortcodes/"+name+".html at the line the message names",
			"shortcode %s: %v", name, err).Vi("kiểm tra tệp layouts/shortcodes/"+name+".html ở dòng ghi trong thông báo",
			"shortcode %s: %v", name, err)
		return "", false
	}
	return e.placeholder(e.clean(out)), true
}
