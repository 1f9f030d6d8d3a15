package check

import (
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/page"
)

// now is the tests' clock: Sunday 29/11/2026 10:00 in Hà Nội.
var testNow = time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC)

// site proofreads files (name → source) with the config's [check] and a
// glossary, as the build does.
func site(t *testing.T, cfgSrc string, g page.Glossary, files map[string]string) ([]Finding, Input) {
	t.Helper()
	cfg, diags := config.Parse([]byte(cfgSrc))
	if cfg == nil {
		t.Fatal(diags)
	}
	p := page.NewParser(cfg)
	in := Input{Config: cfg, Glossary: g, Now: testNow}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		src := []byte(files[name])
		pg, _ := p.Parse(name, src)
		in.Files = append(in.Files, Read(name, src, pg, p.Proof(name, src)))
	}
	return Run(in), in
}

// show writes findings as "file:line:col: level: message [rule]".
func show(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Pos.String()+": "+f.Level.String()+": "+f.Message+" ["+f.Rule+"]")
	}
	return out
}

// only keeps the findings of some rules.
func only(fs []Finding, rules ...string) []Finding {
	var out []Finding
	for _, f := range fs {
		if slices.Contains(rules, f.Rule) {
			out = append(out, f)
		}
	}
	return out
}

func expect(t *testing.T, got []Finding, want ...string) {
	t.Helper()
	g := show(got)
	if strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(g, "\n"), strings.Join(want, "\n"))
	}
	for _, f := range got {
		if f.MessageVi == "" || f.HintVi == "" || f.Hint == "" {
			t.Errorf("%s: a message or hint is missing: %+v", f.Pos, f)
		}
	}
}

const front = "+++\ntitle = \"Tin\"\ndate = 2024-01-02\ndescription = \"Sapo.\"\n+++\n"

func TestRulesCoverConfig(t *testing.T) {
	if !slices.Equal(Rules(), config.CheckRules()) {
		t.Errorf("check rules %v\nconfig keys %v", Rules(), config.CheckRules())
	}
	for _, r := range Rules() {
		if Default(r) == Off {
			t.Errorf("rule %s has no default level", r)
		}
	}
}

func TestEncodingRules(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"NFD word", "Ban Vi\u0300 su\u031b\u0323 tiến bộ.\n", []string{
			"content/tin-tuc/a.md:6:5: warning: “Vì” is typed with separate accent marks (decomposed, NFD) instead of whole letters (NFC) (and another word on this line) [nfc]"}},
		{"marks after HTML entities", "M&ocirc; hình tr&ocirc;\u0300ng dưa chu&ocirc;\u0323t.\n", []string{
			"content/tin-tuc/a.md:6:24: warning: an accent mark stands apart after “tr&ocirc;”, not on a letter (and another on this line): it shows on the letter that an HTML entity such as &ocirc; writes, but search and sorting see a separate mark [nfc]"}},
		{"zero-width space in a word", "Bình\u200b đẳng giới\n", []string{
			"content/tin-tuc/a.md:6:5: warning: invisible character: zero-width space (U+200B) [invisible]"}},
		{"several invisibles on a line", "a\u00adb và c\u200bd\n", []string{
			"content/tin-tuc/a.md:6:2: warning: invisible character: soft hyphen (U+00AD) (and another on this line) [invisible]"}},
		{"stray BOM", "Tin \ufeffmới\n", []string{
			"content/tin-tuc/a.md:6:5: warning: invisible character: byte order mark (U+FEFF) inside the text [invisible]"}},
		{"no-break spaces", "Hà\u00a0\u00a0\u00a0Nội và 20\u00a0% là đúng\n", []string{
			"content/tin-tuc/a.md:6:3: warning: invisible character: 3 no-break spaces (U+00A0) in a row [invisible]"}},
		{"emoji joiner is fine", "Gia đình 👩\u200d👧 hạnh phúc\n", nil},
		{"double spaces", "Hội nghị  tổng kết,   năm 2023.\n\nMột  hai\n", []string{
			"content/tin-tuc/a.md:6:9: warning: 2 spaces in a row (and another place on this line) [doubleSpace]",
			"content/tin-tuc/a.md:8:4: warning: 2 spaces in a row [doubleSpace]"}},
		{"places on a decomposed line count its characters as written", "Vi\u0300 ba\u0301o  ca\u0301o.\n", []string{
			"content/tin-tuc/a.md:6:1: warning: “Vì” is typed with separate accent marks (decomposed, NFD) instead of whole letters (NFC) (and 2 more words on this line) [nfc]",
			"content/tin-tuc/a.md:6:9: warning: 2 spaces in a row [doubleSpace]"}},
		{"double spaces in code are fine", "`a  b` và\n\n```\nx  =  1\n```\n", nil},
		{"space before punctuation", "Hà Nội , ngày 5 . Vì sao ?\n", []string{
			"content/tin-tuc/a.md:6:7: warning: space before “,” (and 2 more places on this line) [spaceBeforePunctuation]"}},
		{"not punctuation", "tên miền .vn, số .5 và … rồi ... thôi; **Hà Nội** : ngày\n", []string{
			"content/tin-tuc/a.md:6:50: warning: space before “:” [spaceBeforePunctuation]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, _ := site(t, "", nil, map[string]string{"content/tin-tuc/a.md": front + tt.body})
			expect(t, only(fs, RuleNFC, RuleInvisible, RuleDoubleSpace, RulePunctuation), tt.want...)
		})
	}
}

func TestLegacyRule(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"TCVN3 with Markdown", front + "Ban **V\u00d7 s\u00f9** ti\u00d5n b\u00e9 c\u00f1a [Ph\u00f4 n\u00f7](/a/) t\u00d8nh h\u00e4p.\n", []string{
			"content/tin-tuc/a.md:6:8: error: text typed in the TCVN3 (ABC, .VnTime) encoding of old Vietnamese fonts; the line should read: “Ban **Vì sự** tiến bộ của [Phụ nữ](/a/) tỉnh họp.” [legacyEncoding]"}},
		{"VNI title", "+++\ntitle = \"Ho\u00e4i ngh\u00f2 to\u00e5ng ke\u00e1t co\u00e2ng ta\u00f9c na\u00eam 2023\"\ndate = 2024-01-02\ndescription = \"Sapo.\"\n+++\n", []string{
			"content/tin-tuc/a.md:2:11: error: text typed in the VNI (VNI-Times) encoding of old Vietnamese fonts; the line should read: “title = \"Hội nghị tổng kết công tác năm 2023\"” [legacyEncoding]"}},
		{"VISCII in a list", front + "- Ban V\u00ec s\u00f1 ti\u00aan b\u00b5 c\u00fca Ph\u00f8 n\u00e6 t\u00efnh h\u00f7p\n", []string{
			"content/tin-tuc/a.md:6:11: error: text typed in the VISCII encoding of old Vietnamese fonts; the line should read: “- Ban Vì sự tiến bộ của Phụ nữ tỉnh họp” [legacyEncoding]"}},
		{"TCVN3 writes ư as a soft hyphen", front + "TrËn ®Êu r\u00adîu lÇn nµy ng\u00ad¬i ph¶i uèng hÕt 12 l\u00adît r\u00adîu.\n", []string{
			"content/tin-tuc/a.md:6:3: error: text typed in the TCVN3 (ABC, .VnTime) encoding of old Vietnamese fonts; the line should read: “Trận đấu rượu lần này ngươi phải uống hết 12 lượt rượu.” [legacyEncoding]"}},
		{"Unicode, French and code are left alone", front + "Ban Vì sự tiến bộ của Phụ nữ; café, naïve, Müller.\n\n`V\u00d7 s\u00f9 ti\u00d5n b\u00e9 c\u00f1a`\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, in := site(t, "", nil, map[string]string{"content/tin-tuc/a.md": tt.src})
			expect(t, only(fs, RuleLegacy, RuleInvisible), tt.want...)
			if len(tt.want) > 0 {
				// --fix writes the line as the message says it should read.
				out, _ := Fix("content/tin-tuc/a.md", []byte(tt.src), Edits(in)["content/tin-tuc/a.md"])
				line := strings.Split(string(out), "\n")[fs[0].Pos.Line-1]
				if !strings.Contains(fs[0].Message, "“"+line+"”") {
					t.Errorf("fixed line %q is not the one the message shows", line)
				}
			}
		})
	}
}

func TestFieldsAreProofread(t *testing.T) {
	src := "+++\ntitle = \"Hội nghị  tổng kết\"\ndate = 2024-01-02\ndescription = \"Sáng 17/2 , Ban họp.\"\n+++\nThân bài.\n"
	fs, _ := site(t, "", nil, map[string]string{"content/tin-tuc/a.md": src})
	expect(t, fs,
		"content/tin-tuc/a.md:2:18: warning: 2 spaces in a row [doubleSpace]",
		"content/tin-tuc/a.md:4:25: warning: space before “,” [spaceBeforePunctuation]")
}

func TestToneRule(t *testing.T) {
	files := map[string]string{
		"content/tin-tuc/a.md": front + "Văn hóa, hòa bình và thủy lợi.\n",
		"content/tin-tuc/b.md": front + "Hòa giải ở cơ sở.\n\n## Hoà nhập\n",
	}
	fs, _ := site(t, "", nil, files)
	expect(t, fs, "content/tin-tuc/b.md:8:4: warning: “Hoà” places the tone mark in the new style (hoà, thuỷ), but most of the site writes the old style (hòa, thủy): 4 words against 1 [tone]")

	fs, _ = site(t, "[check]\ntonePlacement = \"new\"\n", nil, files)
	expect(t, fs,
		`content/tin-tuc/a.md:6:5: warning: “hóa” places the tone mark in the old style (hòa, thủy), but [check] tonePlacement = "new" asks for the new style (hoà, thuỷ) [tone]`,
		`content/tin-tuc/a.md:6:10: warning: “hòa” places the tone mark in the old style (hòa, thủy), but [check] tonePlacement = "new" asks for the new style (hoà, thuỷ) [tone]`,
		`content/tin-tuc/a.md:6:22: warning: “thủy” places the tone mark in the old style (hòa, thủy), but [check] tonePlacement = "new" asks for the new style (hoà, thuỷ) [tone]`,
		`content/tin-tuc/b.md:6:1: warning: “Hòa” places the tone mark in the old style (hòa, thủy), but [check] tonePlacement = "new" asks for the new style (hoà, thuỷ) [tone]`)
	if fs[0].Hint != "write “hoá”, or run loa check --fix; to keep the other style, set tonePlacement in [check] of config.toml" {
		t.Errorf("hint: %s", fs[0].Hint)
	}

	// One style only: nothing to say.
	fs, _ = site(t, "", nil, map[string]string{"content/tin-tuc/a.md": front + "hòa, thủy, khỏe\n"})
	expect(t, fs)
	// A tie keeps the new style.
	fs, _ = site(t, "", nil, map[string]string{"content/tin-tuc/a.md": front + "hòa và thuỷ\n"})
	expect(t, fs, "content/tin-tuc/a.md:6:1: warning: “hòa” places the tone mark in the old style (hòa, thủy), but the site writes both styles as often (1 words each); the new style is kept on a tie [tone]")
}

func TestImageRules(t *testing.T) {
	body := "![](anh-1.jpg)\n\n![anh-2](anh-2.jpg \"Chú thích\")\n\n![IMG_2034.JPG](x.jpg) và chữ\n\n![Quang cảnh](anh-3.jpg)\n\n{{< figure src=\"anh-4.jpg\" >}}\n\n![Đoàn diễu hành](a.jpg)\n![Thả bóng bay](b.jpg \"Thả bóng\")\n"
	fs, _ := site(t, "", nil, map[string]string{"content/tin-tuc/a.md": front + body})
	expect(t, fs,
		"content/tin-tuc/a.md:6:1: warning: picture without a description (alt text) for readers who cannot see it [alt]",
		"content/tin-tuc/a.md:8:1: warning: the picture's description is a file name, “anh-2”, which a screen reader reads aloud as it is [alt]",
		"content/tin-tuc/a.md:10:1: warning: the picture's description is a file name, “IMG_2034.JPG”, which a screen reader reads aloud as it is [alt]",
		"content/tin-tuc/a.md:14:1: warning: picture without a description (alt text) for readers who cannot see it [alt]")
	fs, _ = site(t, "[check]\ncaptions = true\nalt = \"off\"\n", nil, map[string]string{"content/tin-tuc/a.md": front + body})
	expect(t, fs,
		"content/tin-tuc/a.md:6:1: warning: figure without a caption [caption]",
		"content/tin-tuc/a.md:12:1: warning: figure without a caption [caption]",
		"content/tin-tuc/a.md:14:1: warning: figure without a caption [caption]",
		"content/tin-tuc/a.md:16:1: warning: figure without a caption [caption]")
}

func TestNewsRules(t *testing.T) {
	long := strings.Repeat("Bình đẳng giới ", 11)   // 164 characters, the last space trimmed
	lead := strings.Repeat("Phụ nữ tham gia. ", 19) // 323 characters
	files := map[string]string{
		"content/tin-tuc/khong-tieu-de.md": "+++\ndate = 2024-01-02\ndescription = \"Sapo.\"\n+++\nThân bài.\n",
		"content/tin-tuc/khong-ngay.md":    "+++\ntitle = \"Tin\"\ndescription = \"Sapo.\"\n+++\n",
		"content/tin-tuc/khong-sapo.md":    "---\ntitle: Tin\ndate: 2024-01-02\n---\n",
		"content/tin-tuc/dai.md":           "+++\ntitle = \"" + long + "\"\ndate = 2024-01-02\ndescription = \"" + lead + "\"\n+++\n",
		"content/tin-tuc/hen-gio.md":       "+++\ntitle = \"Tin\"\ndate = 2027-03-08T08:30:00+07:00\ndescription = \"Sapo.\"\n+++\n",
		"content/tin-tuc/05-08-2020.md":    "---\ntitle: \"05 08 2020\"\ndate: 2020-08-05\ndescription: Sapo.\n---\n",
		"content/tin-tuc/nhap.md":          "+++\ntitle = \"Tin\"\ndate = 2027-03-08\ndraft = true\ndescription = \"Sapo.\"\n+++\n",
		"content/tin-tuc/_index.md":        "+++\n+++\n",
		"content/lien-he.md":               "+++\ntitle = \"Liên hệ\"\n+++\n",
		"content/gioi-thieu.md":            "Không có phần đầu bài.\n",
		"content/tin-tuc/b/index.md":       "+++\ntitle = \"Tin\"\ndate = 2024-01-02\ndescription = \"Sapo.\"\n+++\n",
		"content/tin-tuc/b/phu-luc.md":     "Một tài nguyên của bài, không phải bài.\n",
	}
	fs, _ := site(t, "", nil, files)
	expect(t, only(fs, RuleTitle, RuleDate, RuleLead, RuleLeadLength, RuleTitleLength, RuleScheduled),
		"content/gioi-thieu.md:1:1: error: page without a title: it would be published as “gioi thieu”, made of its file name [title]",
		"content/tin-tuc/05-08-2020.md:2:1: error: the title “05 08 2020” has no words: readers cannot tell what the page is about [title]",
		"content/tin-tuc/dai.md:2:1: warning: the title is 164 characters long, more than 150: lists, search results and shares cut it [titleLength]",
		"content/tin-tuc/dai.md:4:1: warning: the lead (description) is 322 characters long, more than 300: lists, search results and shares cut it [leadLength]",
		"content/tin-tuc/hen-gio.md:3:1: info: scheduled: published by the first build after Thứ Hai, 08/03/2027 08:30 [scheduled]",
		"content/tin-tuc/khong-ngay.md:1:1: warning: news item without a date: lists show it last, without a date [date]",
		"content/tin-tuc/khong-sapo.md:1:1: warning: news item without a lead (description) [lead]",
		"content/tin-tuc/khong-tieu-de.md:1:1: error: news item without a title: it would be published as “khong tieu de”, made of its file name [title]")

	// mainSections says which sections hold news; [check] weighs each rule.
	fs, _ = site(t, "mainSections = [\"van-ban\"]\n[check]\ntitle = \"warning\"\nscheduled = \"off\"\n", nil, files)
	expect(t, only(fs, RuleTitle, RuleDate, RuleLead, RuleLeadLength, RuleTitleLength, RuleScheduled),
		"content/gioi-thieu.md:1:1: warning: page without a title: it would be published as “gioi thieu”, made of its file name [title]",
		"content/tin-tuc/05-08-2020.md:2:1: warning: the title “05 08 2020” has no words: readers cannot tell what the page is about [title]",
		"content/tin-tuc/khong-tieu-de.md:1:1: warning: page without a title: it would be published as “khong tieu de”, made of its file name [title]")
}

func TestAbbrRule(t *testing.T) {
	body := "Ban VSTBCPN tỉnh và UBND huyện; UBND lần hai.\n\n" +
		"## CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n" +
		"Đại hội XIII, Chương IV, khóa XV và việc RẤT quan trọng; lực lượng CA tỉnh, BCĐ 389, file PDF, COVID-19, A4, iPhone, ThS.\n"
	g := page.Glossary{"UBND": "Ủy ban nhân dân", "VSTBCPN": "Vì sự tiến bộ của Phụ nữ"}
	fs, _ := site(t, "", g, map[string]string{"content/tin-tuc/a.md": front + body})
	expect(t, fs,
		"content/tin-tuc/a.md:10:68: warning: “CA” is an abbreviation the glossary (data/glossary.toml) does not define [abbr]",
		"content/tin-tuc/a.md:10:77: warning: “BCĐ” is an abbreviation the glossary (data/glossary.toml) does not define [abbr]",
		"content/tin-tuc/a.md:10:91: warning: “PDF” is an abbreviation the glossary (data/glossary.toml) does not define [abbr]",
		"content/tin-tuc/a.md:10:96: warning: “COVID” is an abbreviation the glossary (data/glossary.toml) does not define [abbr]")
	// Each file reports its own first use.
	fs, _ = site(t, "", nil, map[string]string{"content/tin-tuc/a.md": front + "UBND và UBND\n", "content/tin-tuc/b.md": front + "Theo UBND\n"})
	expect(t, fs,
		"content/tin-tuc/a.md:6:1: warning: “UBND” is an abbreviation the glossary (data/glossary.toml) does not define [abbr]",
		"content/tin-tuc/b.md:6:6: warning: “UBND” is an abbreviation the glossary (data/glossary.toml) does not define [abbr]")
}

func TestBuildDiagnosticsUnderTheirRules(t *testing.T) {
	src := front + "[a](../khong-co.md) và [b](b.md#muc-khac) và ![x](anh.jpg)\n"
	_, in := site(t, "[check]\nanchors = \"error\"\n", nil, map[string]string{"content/tin-tuc/a.md": src})
	var build diag.List
	build.Errorf(diag.Pos{File: "content/tin-tuc/a.md", Line: 6, Col: 1}, "h", "link to %q: no such file", "../khong-co.md").Vi("g", "liên kết hỏng")
	build.Warnf(diag.Pos{File: "content/tin-tuc/a.md", Line: 6, Col: 24}, "h", "link to %q: no heading", "b.md#muc-khac").Vi("g", "không có đề mục")
	build.Errorf(diag.Pos{File: "content/tin-tuc/a.md", Line: 6, Col: 46}, "h", "image: no such file").Vi("g", "không có ảnh")
	build.Warnf(diag.Pos{File: "config.toml", Line: 3, Col: 1}, "h", "Hugo's setting `privacy` is not used by Loa").Vi("g", "không dùng")
	in.Build = build
	expect(t, Run(in),
		"config.toml:3:1: warning: Hugo's setting `privacy` is not used by Loa [build]",
		`content/tin-tuc/a.md:6:1: error: link to "../khong-co.md": no such file [links]`,
		`content/tin-tuc/a.md:6:24: error: link to "b.md#muc-khac": no heading [anchors]`,
		"content/tin-tuc/a.md:6:46: error: image: no such file [build]")
	in.Config.Check.Levels = map[string]string{"links": "off", "anchors": "off"}
	expect(t, Run(in),
		"config.toml:3:1: warning: Hugo's setting `privacy` is not used by Loa [build]",
		"content/tin-tuc/a.md:6:46: error: image: no such file [build]")
}

func TestDiagnostic(t *testing.T) {
	f := finding(RuleAlt, diag.Pos{File: "content/a.md", Line: 3, Col: 1}, "picture without a description", "ảnh chưa có mô tả", "h", "g")
	d := f.Diagnostic(diag.Warning)
	if d.String() != "content/a.md:3:1: warning: picture without a description [check:alt]\n    hint: h" || d.MessageVi != "ảnh chưa có mô tả [check:alt]" {
		t.Errorf("%q / %q", d.String(), d.MessageVi)
	}
}
