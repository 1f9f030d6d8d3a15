package site

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"loa/generator/diag"
	"loa/generator/locale"
	"loa/generator/page"
	"loa/generator/vi"
)

// makeCampaigns finds the campaign sections, checks them against the files
// of their folders and links the news that name them.
func (s *Site) makeCampaigns() diag.List {
	var diags diag.List
	bySlug := map[string]*Campaign{}
	hidden := map[string]bool{}
	for _, sec := range s.Sections {
		if sec.Page == nil || sec.Page.Campaign == nil {
			continue
		}
		slug := path.Base(strings.TrimSuffix(sec.Path, "/"))
		if sec.hidden {
			hidden[slug] = true
			continue
		}
		if other, ok := bySlug[slug]; ok {
			diags.Errorf(sec.Page.Campaign.Pos, "rename one of the two folders",
				"campaign %q is also the name of %s", slug, other.Node.File())
			continue
		}
		c, d := s.newCampaign(sec, slug)
		diags.Append(d)
		bySlug[slug] = c
		s.Campaigns = append(s.Campaigns, c)
	}
	for _, n := range s.Pages {
		if n.Page.Campaign != nil {
			diags.Errorf(n.Page.Campaign.Pos, "move the [campaign] table to content/"+n.Page.Dir+"/_index.md, the page of the campaign's folder",
				"a campaign is a folder: [campaign] belongs in its _index.md")
		}
	}
	sort.SliceStable(s.Campaigns, func(i, j int) bool {
		a, b := s.Campaigns[i], s.Campaigns[j]
		if !a.Start.Equal(b.Start) {
			return a.Start.After(b.Start)
		}
		return a.Slug < b.Slug
	})
	diags.Append(s.linkNews(bySlug, hidden))
	for _, c := range s.Campaigns {
		c.splitResults()
		c.makeZip(s)
		diags.Append(s.claimCampaign(c))
	}
	return diags
}

func (s *Site) newCampaign(sec *Node, slug string) (*Campaign, diag.List) {
	var diags diag.List
	pc := sec.Page.Campaign
	c := &Campaign{Slug: slug, Node: sec, Theme: pc.Theme, Start: pc.Start, End: pc.End, Messages: pc.Messages}
	if !c.Start.IsZero() && !c.End.IsZero() && c.End.Before(c.Start) {
		diags.Errorf(pc.EndPos, "the end is the campaign's last day: write a date on or after the start",
			"the campaign ends on %s, before it starts on %s", vi.Date(c.End), vi.Date(c.Start)).Vi(
			"ngày kết thúc là ngày cuối của chiến dịch: ghi một ngày từ ngày bắt đầu trở đi",
			"chiến dịch kết thúc ngày %s, trước ngày bắt đầu %s", vi.Date(c.End), vi.Date(c.Start))
	}
	for _, h := range pc.Hotlines {
		diags.Append(checkPhone(h))
		tel := strings.NewReplacer(" ", "", ".", "").Replace(h.Number)
		c.Hotlines = append(c.Hotlines, &Hotline{Hotline: h, Tel: "tel:" + tel})
	}
	for _, m := range pc.Materials {
		mat, d := s.material(sec, m)
		diags.Append(d)
		c.Materials = append(c.Materials, mat)
	}
	diags.Append(s.activities(c))
	return c, diags
}

func checkPhone(h page.Hotline) diag.List {
	var diags diag.List
	digits := 0
	for _, r := range h.Number {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	if h.Number != "" && (!phoneNumber.MatchString(h.Number) || digits < 3 || digits > 15) {
		diags.Errorf(h.Pos, `write 3 to 15 digits, with spaces, dots and a leading + if needed, such as "111" or "0200 3 812 456"`,
			"hotline number %q is not a phone number", h.Number).Vi(
			`ghi từ 3 đến 15 chữ số, có thể có dấu cách, dấu chấm và dấu + ở đầu, ví dụ "111" hoặc "0200 3 812 456"`,
			"số đường dây nóng %q không phải số điện thoại", h.Number)
	}
	return diags
}

// material finds a material's file, and its thumbnail, in the campaign's
// folder; a video's poster and captions too.
func (s *Site) material(sec *Node, m page.Material) (*Material, diag.List) {
	var diags diag.List
	mat := &Material{Material: m, s: s, Format: strings.ToUpper(strings.TrimPrefix(path.Ext(m.File), "."))}
	look := func(name string) *File {
		full := path.Join("content", sec.dir, name)
		if f, ok := s.files[full]; ok && strings.HasPrefix(full, "content/"+sec.dir+"/") && f.Out != "" {
			return f
		}
		return nil
	}
	find := func(name string, pos diag.Pos, what string) *File {
		if name == "" {
			return nil
		}
		f := look(name)
		if f == nil {
			diags.Errorf(pos, "put the file in content/"+sec.dir+"/ or correct its name (capitals count)",
				"%s %q of material %q not found in content/%s/", what, name, m.Title, sec.dir).Vi(
				"đặt tệp vào content/"+sec.dir+"/ hoặc sửa lại tên tệp (chữ hoa, chữ thường cũng tính)",
				"không thấy tệp %q của tài liệu %q trong content/%s/", name, m.Title, sec.dir)
		}
		return f
	}
	thumb := func(f *File) {
		mat.Thumb, mat.Width, mat.Height = f.Out, f.Width, f.Height
		mat.Image = s.materialImage(mat, f, &diags)
	}
	f := find(m.File, m.Pos, "file")
	if f != nil {
		mat.Out, mat.Size, mat.file = f.Out, f.Size, f
		if f.Picture != nil {
			// A poster is downloaded to be printed: its original goes out.
			s.downloads[f.Name] = true
		}
		if isImage(f.Name) {
			thumb(f)
		}
	}
	if m.Kind == "video" {
		diags.Append(s.video(mat, f, find, look))
		if mat.Video != nil && mat.Video.Poster != nil {
			return mat, diags
		}
	}
	if f := find(m.Thumbnail, m.Pos, "thumbnail"); f != nil {
		thumb(f)
	}
	return mat, diags
}

func isImage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif":
		return true
	}
	return false
}

// activities collects the activities of the [campaign] table and those
// written as pages of the campaign's folder, and checks their dates.
func (s *Site) activities(c *Campaign) diag.List {
	var diags diag.List
	for _, a := range c.Node.Page.Campaign.Activities {
		c.Activities = append(c.Activities, &Activity{Activity: a, Campaign: c})
	}
	for _, n := range s.Pages {
		if n.Parent != c.Node {
			continue
		}
		a, ok, d := page.ActivityOf(n.Page, s.Config.Location)
		diags.Append(d)
		if ok {
			c.Activities = append(c.Activities, &Activity{Activity: a, Page: n, Campaign: c})
		}
	}
	sort.SliceStable(c.Activities, func(i, j int) bool {
		a, b := c.Activities[i], c.Activities[j]
		if !a.Start.Equal(b.Start) {
			return a.Start.Before(b.Start)
		}
		return s.coll.Compare(a.Title, b.Title) < 0
	})
	ids := map[string]int{}
	for _, a := range c.Activities {
		name := a.Title
		if a.Page != nil {
			name = a.Page.Page.SlugOrName()
		}
		id := a.Start.Format("20060102") + "-" + shortSlug(locale.Slug(name), 48)
		if ids[id]++; ids[id] > 1 {
			id += "-" + strconv.Itoa(ids[id])
		}
		a.ID = id
		diags.Append(checkActivity(c, a))
	}
	return diags
}

// shortSlug cuts a slug at a hyphen to at most n bytes: the ids of
// activities become addresses of calendar files.
func shortSlug(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.LastIndexByte(s[:n+1], '-'); i > 0 {
		return s[:i]
	}
	return s[:n]
}

func checkActivity(c *Campaign, a *Activity) diag.List {
	var diags diag.List
	if a.Start.IsZero() {
		return nil
	}
	if !a.End.IsZero() && a.End.Before(a.Start) {
		diags.Errorf(a.Pos, "write an end after the start, or leave it out",
			"activity %q ends before it starts", a.Title).Vi(
			"ghi giờ kết thúc sau giờ bắt đầu, hoặc bỏ trống", "hoạt động %q kết thúc trước khi bắt đầu", a.Title)
	}
	if c.Start.IsZero() || c.End.IsZero() {
		return diags
	}
	if a.Start.Before(dayOf(c.Start)) || !a.Start.Before(c.Until()) {
		diags.Warnf(a.Pos, "check the date, or the campaign's start and end",
			"activity %q on %s is outside the campaign, from %s to %s", a.Title, vi.Date(a.Start), vi.Date(c.Start), vi.Date(c.End)).Vi(
			"kiểm tra lại ngày của hoạt động, hoặc ngày bắt đầu và kết thúc của chiến dịch",
			"hoạt động %q ngày %s nằm ngoài thời gian chiến dịch (từ %s đến %s)", a.Title, vi.Date(a.Start), vi.Date(c.Start), vi.Date(c.End))
	}
	return diags
}

// linkNews adds to each campaign the pages that name it in their
// front matter (campaigns = ["slug"]) and the pages of its folder that are
// not activities.
func (s *Site) linkNews(bySlug map[string]*Campaign, hidden map[string]bool) diag.List {
	var diags diag.List
	for _, n := range s.Pages {
		seen := map[*Campaign]bool{}
		if c := n.Parent.Campaign(); c != nil && !c.isActivity(n) {
			c.News = append(c.News, n)
			seen[c] = true
		}
		for _, name := range n.Page.Campaigns {
			slug := locale.Slug(name)
			c, ok := bySlug[slug]
			switch {
			case !ok && hidden[slug]:
			case !ok:
				diags.Errorf(n.Page.KeyPos("campaigns"), "name a campaign by its folder: "+known(bySlug),
					"unknown campaign %q", name).Vi(
					"ghi tên thư mục của chiến dịch: "+known(bySlug), "không có chiến dịch %q", name)
			case !seen[c]:
				c.News = append(c.News, n)
				seen[c] = true
			}
		}
	}
	for _, c := range s.Campaigns {
		sort.SliceStable(c.News, func(i, j int) bool { return c.News[i].Date().After(c.News[j].Date()) })
	}
	return diags
}

func (c *Campaign) isActivity(n *Node) bool {
	for _, a := range c.Activities {
		if a.Page == n {
			return true
		}
	}
	return false
}

func known(bySlug map[string]*Campaign) string {
	if len(bySlug) == 0 {
		return "there is none yet"
	}
	var names []string
	for k := range bySlug {
		names = append(names, fmt.Sprintf("%q", k))
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// claimCampaign reserves the output paths of the campaign's feeds.
func (s *Site) claimCampaign(c *Campaign) diag.List {
	var diags diag.List
	outs := []string{c.ICSPath(), c.JSONPath()}
	if c.Zip != nil {
		outs = append(outs, c.Zip.Out)
	}
	for _, a := range c.Activities {
		outs = append(outs, a.ICSPath())
	}
	for _, out := range outs {
		if other, ok := s.byOut[out]; ok {
			diags.Errorf(c.Node.Page.Campaign.Pos, "rename or move "+other,
				"%s is the address of a file of the campaign (its calendars, its activities or the zip of its materials), and of %s", s.RelURL(out), other).Vi(
				"đổi tên hoặc chuyển "+other, "%s là địa chỉ một tệp của chiến dịch (lịch, hoạt động hoặc tệp nén tài liệu), và cũng là của %s", s.RelURL(out), other)
			continue
		}
		s.byOut[out] = c.Node.File()
	}
	return diags
}
