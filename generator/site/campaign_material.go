package site

import (
	"path"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"loa/generator/diag"
	"loa/generator/page"
)

// Video is how a campaign's video material plays on its landing page:
// a file of the folder in the browser's own player, or a video on YouTube
// or Vimeo behind a link that loads nothing from there until pressed.
type Video struct {
	// A file of the folder (MP4, WebM):
	Src      string // its address
	Type     string // "video/mp4"
	Poster   *Image // the still shown before it plays, or nil
	Captions string // address of its WebVTT captions, or ""

	// A video on another site:
	page.OnlineVideo
}

// IsFile reports whether the video is a file of the site.
func (v *Video) IsFile() bool { return v.Src != "" }

// videoTypes are the video files every current browser plays, with the
// media type their <source> declares.
var videoTypes = map[string]string{".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm"}

// stillExts are the picture formats looked for beside a video, as its
// poster, when the material names none: spot.mp4 → spot.jpg.
var stillExts = []string{".jpg", ".jpeg", ".png", ".webp"}

// video makes a video material's player: the poster is the material's
// poster, else its thumbnail, else a still of the same name beside the
// file; the captions are its captions, else a .vtt of the same name beside
// it. find looks a file up in the campaign's folder, reporting at pos when
// it is missing; look does the same without reporting.
func (s *Site) video(mat *Material, f *File, find func(name string, pos diag.Pos, what string) *File, look func(name string) *File) diag.List {
	var diags diag.List
	m := mat.Material
	if m.URL != "" {
		if m.Online.Provider != "" {
			mat.Video = &Video{OnlineVideo: m.Online}
			if p := firstFile(find, look, m.Poster, m.PosterPos, m.Thumbnail, ""); p != nil {
				mat.Video.Poster = s.materialImage(mat, p, &diags)
			}
		}
		if m.Captions != "" {
			diags.Errorf(m.CaptionsPos, "remove captions: YouTube and Vimeo show the captions uploaded there",
				"material %q: captions are for a video file of the folder", m.Title).Vi(
				"xoá dòng captions: YouTube, Vimeo hiện phụ đề đã tải lên trang đó",
				"tài liệu %q: phụ đề (captions) chỉ dùng cho tệp video trong thư mục", m.Title)
		}
		return diags
	}
	if f == nil {
		return diags
	}
	typ, ok := videoTypes[strings.ToLower(path.Ext(f.Name))]
	if !ok {
		diags.Warnf(m.Pos, "export the video as MP4 (H.264) or WebM to show a player; meanwhile it is a download",
			"material %q: browsers do not play %s files", m.Title, mat.Format).Vi(
			"xuất video ra MP4 (H.264) hoặc WebM để trang có trình phát; trong lúc chờ, video chỉ để tải về",
			"tài liệu %q: trình duyệt không phát được tệp %s", m.Title, mat.Format)
		return diags
	}
	v := &Video{Src: s.RelURL(f.Out), Type: typ}
	base := strings.TrimSuffix(m.File, path.Ext(m.File))
	var still string
	for _, ext := range stillExts {
		if look(base+ext) != nil {
			still = base + ext
			break
		}
	}
	if p := firstFile(find, look, m.Poster, m.PosterPos, m.Thumbnail, still); p != nil {
		v.Poster = s.materialImage(mat, p, &diags)
	} else if m.Poster == "" {
		diags.Warnf(m.Pos, `add poster = "`+base+`.jpg", a still of the video, or put a picture of that name beside it: without one the player is a black box`,
			"material %q: the video has no poster", m.Title).Vi(
			`thêm poster = "`+base+`.jpg", một khung hình của video, hoặc đặt ảnh tên đó cạnh tệp video: không có ảnh, trình phát chỉ là một ô đen`,
			"tài liệu %q: video chưa có ảnh đại diện (poster)", m.Title)
	}
	captions := m.Captions
	if captions == "" && look(base+".vtt") != nil {
		captions = base + ".vtt"
	}
	if captions != "" {
		pos := m.CaptionsPos
		if m.Captions == "" {
			pos = m.Pos
		}
		if !strings.EqualFold(path.Ext(captions), ".vtt") {
			diags.Errorf(pos, "save the captions as WebVTT (.vtt): subtitle editors such as Subtitle Edit and Aegisub export it, and an .srt file becomes one by adding a first line WEBVTT and writing the times with a dot (00:00:01.000)",
				"material %q: captions %q are not a WebVTT file", m.Title, captions).Vi(
				"lưu phụ đề dạng WebVTT (.vtt): các phần mềm như Subtitle Edit, Aegisub đều xuất được; tệp .srt thành .vtt khi thêm dòng đầu WEBVTT và ghi giờ bằng dấu chấm (00:00:01.000)",
				"tài liệu %q: phụ đề %q không phải tệp WebVTT", m.Title, captions)
		} else if c := find(captions, pos, "captions"); c != nil {
			v.Captions = s.RelURL(c.Out)
			mat.captions = c
		}
	}
	mat.Video = v
	return diags
}

// firstFile is the first of the named files that is given: the first
// name, reported at pos when missing, else the other, found quietly.
func firstFile(find func(string, diag.Pos, string) *File, look func(string) *File, name string, pos diag.Pos, others ...string) *File {
	if name != "" {
		return find(name, pos, "poster")
	}
	for _, o := range others {
		if o == "" {
			continue
		}
		if f := look(o); f != nil {
			return f
		}
	}
	return nil
}

// materialImage is the Image of a picture a material shows, or nil with an
// error when it cannot be published.
func (s *Site) materialImage(mat *Material, f *File, diags *diag.List) *Image {
	im, err := s.image(f, mat.Pos)
	if err != nil {
		diags.Errorf(mat.Pos, err.hint, "material %q: %s", mat.Title, err.msg).Vi(err.hintVi, "tài liệu %q: %s", mat.Title, err.msgVi)
		return nil
	}
	return im
}

// Zip is one download of all the files of a campaign's materials, for the
// staff of districts and communes. The build writes it, the same bytes for
// the same files, and tells its size (SetSize) before pages render.
type Zip struct {
	Out      string     // "chien-dich/thang-hanh-dong-2025/tai-lieu-thang-hanh-dong-2025.zip"
	Entries  []ZipEntry // sorted by name
	Modified time.Time  // the time of every entry: the campaign's start, not the files' own

	s    *Site
	size atomic.Int64
}

// ZipEntry is one file of a campaign's zip.
type ZipEntry struct {
	Name string // inside the archive: "thang-hanh-dong-2025/ap-phich.png"
	File File
}

// URL is the zip's address.
func (z *Zip) URL() string { return z.s.RelURL(z.Out) }

// Name is the file name a download saves it as.
func (z *Zip) Name() string { return path.Base(z.Out) }

// Size is the zip's size in bytes, once the build has made it.
func (z *Zip) Size() int64 { return z.size.Load() }

// SetSize is for the build: the zip holds the pictures cleaned of their
// metadata, whose sizes are known only once cleaned.
func (z *Zip) SetSize(n int64) { z.size.Store(n) }

// SizeText is "ZIP · 14,2 MB".
func (z *Zip) SizeText() string { return "ZIP · " + z.s.locale().ByteSize(z.Size()) }

// makeZip lists what the campaign's zip holds: the file of every material
// and the captions of its videos, under a folder named after the campaign.
// A campaign without files has none.
func (c *Campaign) makeZip(s *Site) {
	seen := map[string]bool{}
	z := &Zip{Out: c.Node.Path + "tai-lieu-" + c.Slug + ".zip", Modified: c.Start, s: s}
	add := func(f *File) {
		if f == nil || seen[f.Name] {
			return
		}
		seen[f.Name] = true
		rel := strings.TrimPrefix(f.Name, "content/"+c.Node.dir+"/")
		z.Entries = append(z.Entries, ZipEntry{Name: c.Slug + "/" + rel, File: *f})
	}
	for _, m := range c.Materials {
		add(m.file)
		add(m.captions)
	}
	if len(z.Entries) == 0 {
		return
	}
	sort.Slice(z.Entries, func(i, j int) bool { return z.Entries[i].Name < z.Entries[j].Name })
	c.Zip = z
}

// splitResults moves the news published after the campaign ended to its
// results: "Kết quả chiến dịch" on the landing page of a finished campaign.
func (c *Campaign) splitResults() {
	var news []*Node
	for _, n := range c.News {
		if !n.Date().Before(c.Until()) {
			c.Results = append(c.Results, n)
		} else {
			news = append(news, n)
		}
	}
	c.News = news
}
