package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// prose assembles Vietnamese text from the word lists. All of its randomness
// comes from r, so one item's text depends only on the seed and its number.
type prose struct {
	r *rand.Rand
}

func (p prose) pick(list []string) string { return list[p.r.IntN(len(list))] }

// pickN returns n distinct entries of list, in the list's own order so that
// the output does not depend on anything but the draw.
func (p prose) pickN(list []string, n int) []string {
	idx := p.r.Perm(len(list))[:n]
	chosen := make([]bool, len(list))
	for _, i := range idx {
		chosen[i] = true
	}
	out := make([]string, 0, n)
	for i, s := range list {
		if chosen[i] {
			out = append(out, s)
		}
	}
	return out
}

// number formats a count the Vietnamese way, with dots between thousands.
func (p prose) number() string {
	n := 10 + p.r.IntN(20000)
	s := fmt.Sprint(n)
	if len(s) > 3 {
		s = s[:len(s)-3] + "." + s[len(s)-3:]
	}
	return s
}

func (p prose) person() string {
	if p.r.IntN(2) == 0 {
		return "ông " + p.pick(familyNames) + " " + p.pick(maleNames)
	}
	return "bà " + p.pick(familyNames) + " " + p.pick(femaleNames)
}

// clause is a verb phrase such as "triển khai cầu dân sinh ở các huyện miền núi".
func (p prose) clause(bold bool) string {
	obj := p.pick(objects)
	if bold {
		obj = "**" + obj + "**"
	}
	return p.pick(verbs) + " " + obj + " " + p.pick(complements)
}

// sentence returns one sentence, capitalised and ending with a full stop.
func (p prose) sentence() string {
	bold := p.r.IntN(12) == 0
	var s string
	switch p.r.IntN(7) {
	case 0, 1:
		s = p.pick(subjects) + " " + p.pick(places) + " đã " + p.clause(bold)
	case 2:
		s = p.pick(connectors) + " " + p.pick(subjects) + " sẽ " + p.clause(bold)
	case 3:
		s = p.person() + ", " + lowerFirst(p.pick(roles)) + ", " + p.pick(reports) +
			" địa phương sẽ " + p.clause(bold) + " để " + p.pick(goals)
	case 4:
		n := p.number() + " " + p.pick(beneficiaries)
		if bold {
			n = "**" + n + "**"
		}
		s = p.pick(sinceNow) + " đã có " + n + " được hưởng lợi từ " + p.pick(objects)
	case 5:
		s = p.pick(evaluations) + ", góp phần " + p.pick(goals) + " " + p.pick(complements)
	default:
		s = "Việc " + p.clause(bold) + " giúp " + p.pick(goals)
	}
	return upperFirst(s) + "."
}

func (p prose) paragraph() string {
	n := 2 + p.r.IntN(4)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = p.sentence()
	}
	return strings.Join(parts, " ")
}

func (p prose) title() string {
	switch p.r.IntN(4) {
	case 0:
		return p.pick(places) + ": " + upperFirst(p.pick(verbs)) + " " + p.pick(objects)
	case 1:
		return upperFirst(p.pick(subjects)) + " " + p.pick(verbs) + " " + p.pick(objects)
	case 2:
		return upperFirst(p.pick(verbs)) + " " + p.pick(objects) + " tại " + p.pick(places)
	}
	return "Hơn " + p.number() + " " + p.pick(beneficiaries) + " hưởng lợi từ " + p.pick(objects)
}

func (p prose) description() string {
	if p.r.IntN(2) == 0 {
		return p.sentence()
	}
	return p.sentence() + " " + p.sentence()
}

func (p prose) list() string {
	var b strings.Builder
	n := 3 + p.r.IntN(3)
	for range n {
		fmt.Fprintf(&b, "- %s;\n", upperFirst(p.clause(p.r.IntN(6) == 0)))
	}
	return b.String()
}

func (p prose) table() string {
	var b strings.Builder
	b.WriteString("| Địa phương | Số hộ | Kinh phí (triệu đồng) | Tiến độ |\n")
	b.WriteString("|---|---:|---:|---|\n")
	for _, place := range p.pickN(places, 3+p.r.IntN(4)) {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", place, p.number(), p.number(), p.pick(statuses))
	}
	return b.String()
}

func (p prose) image(images int) string {
	return fmt.Sprintf("![%s](/images/anh-%d.jpg %q)\n", p.pick(alts), 1+p.r.IntN(images),
		p.pick(captions)+" tại "+p.pick(places))
}

// body writes paragraphs, headings, lists, tables and images until the text
// holds at least target words (whitespace-separated syllables).
func (p prose) body(target, images int) string {
	var b strings.Builder
	words := 0
	add := func(block string) {
		b.WriteString(block)
		b.WriteString("\n")
		words += len(strings.Fields(block))
	}
	add(p.paragraph() + "\n")
	add(p.image(images))
	for i := 1; words < target; i++ {
		if i%3 == 0 {
			add("## " + p.pick(headings) + "\n")
		}
		switch p.r.IntN(10) {
		case 0, 1:
			add(p.list())
		case 2:
			add(p.table())
		case 3:
			add(p.image(images))
		}
		add(p.paragraph() + "\n")
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
