package check

import (
	"fmt"

	"loa/generator/diag"
	"loa/generator/page"
	"loa/generator/vi"
)

// The rule of tone-mark placement: "hoà" and "hòa", "thuỷ" and "thủy" are
// both right (see vi.ToneStyle), but one site should write one of them.

// toneUse is a word written differently in the two styles.
type toneUse struct {
	pos   diag.Pos // in the file as written
	nfc   diag.Pos // in its NFC text, for --fix
	word  string
	style vi.ToneStyle
}

// readTones finds the words of a run of prose, cut into words ws, that
// the two styles write differently.
func (f *File) readTones(t page.Text, ws []word) {
	for _, w := range ws {
		if w.ascii {
			continue // no tone mark
		}
		if style, ok := vi.TonePlacement(w.text); ok {
			p := at(t, w.at)
			f.tones = append(f.tones, toneUse{p, p, w.text, style})
		}
	}
}

// toneChoice is the style a site keeps to: [check] tonePlacement, else
// the style of most of its words (the new one, as the Ministry of
// Education's rules have it, on a tie); counts says how many of each.
func toneChoice(files []*File, setting string) (choice vi.ToneStyle, old, new int) {
	for _, f := range files {
		for _, u := range f.tones {
			if u.style == vi.ToneOld {
				old++
			} else {
				new++
			}
		}
	}
	switch {
	case setting == "old":
		return vi.ToneOld, old, new
	case setting == "new":
		return vi.ToneNew, old, new
	case old > new:
		return vi.ToneOld, old, new
	}
	return vi.ToneNew, old, new
}

func styleName(s vi.ToneStyle) (en, inVi string) {
	if s == vi.ToneOld {
		return "the old style (hòa, thủy)", "kiểu cũ (hòa, thủy)"
	}
	return "the new style (hoà, thuỷ)", "kiểu mới (hoà, thuỷ)"
}

// tones reports every word written in the style the site does not keep
// to. A site that writes one style only, with no setting, is left alone.
func tones(files []*File, setting string) []Finding {
	choice, old, new := toneChoice(files, setting)
	if setting == "" && (old == 0 || new == 0) {
		return nil
	}
	wantEn, wantVi := styleName(choice)
	var out []Finding
	for _, f := range files {
		for _, u := range f.tones {
			if u.style == choice {
				continue
			}
			gotEn, gotVi := styleName(u.style)
			right := vi.PlaceTone(u.word, choice)
			var why, whyVi string
			switch {
			case setting != "":
				why = fmt.Sprintf("[check] tonePlacement = %q asks for %s", setting, wantEn)
				whyVi = fmt.Sprintf("[check] tonePlacement = %q yêu cầu viết %s", setting, wantVi)
			case old == new:
				why = fmt.Sprintf("the site writes both styles as often (%d words each); the new style is kept on a tie", old)
				whyVi = fmt.Sprintf("trang viết cả hai kiểu nhiều như nhau (mỗi kiểu %d chữ); khi ngang nhau, Loa chọn kiểu mới", old)
			default:
				n, m := max(old, new), min(old, new)
				why = fmt.Sprintf("most of the site writes %s: %d words against %d", wantEn, n, m)
				whyVi = fmt.Sprintf("phần lớn trang viết %s: %d chữ so với %d", wantVi, n, m)
			}
			out = append(out, finding(RuleTone, u.pos,
				fmt.Sprintf("%s places the tone mark in %s, but %s", quote(u.word), gotEn, why),
				fmt.Sprintf("%s đặt dấu thanh %s, nhưng %s", quote(u.word), gotVi, whyVi),
				fmt.Sprintf("write %s, or run loa check --fix; to keep the other style, set tonePlacement in [check] of config.toml", quote(right)),
				fmt.Sprintf("viết %s, hoặc chạy loa check --fix; muốn giữ kiểu kia, đặt tonePlacement trong mục [check] của config.toml", quote(right))))
		}
	}
	return out
}

// toneEdits are the words --fix rewrites in the site's style, by file.
func toneEdits(files []*File, setting string) map[string][]Edit {
	choice, old, new := toneChoice(files, setting)
	out := map[string][]Edit{}
	if setting == "" && (old == 0 || new == 0) {
		return out
	}
	for _, f := range files {
		for _, u := range f.tones {
			if u.style != choice {
				out[f.Name] = append(out[f.Name], Edit{Pos: u.nfc, Old: u.word, New: vi.PlaceTone(u.word, choice), Rule: RuleTone})
			}
		}
	}
	return out
}
