package vi

import (
	"slices"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestCollatorSortsProvincesInVietnameseOrder(t *testing.T) {
	in := []string{
		"Đà Nẵng", "Cà Mau", "An Giang", "Bắc Ninh", "Ăn", "Âu", "Đắk Lắk",
		"Điện Biên", "Hà Nội", "Hà Giang", "Yên Bái", "Ô Môn", "Ơn", "Ông",
	}
	// a < ă < â, d < đ, o < ô < ơ; a space sorts before any letter, so
	// "Ô Môn" comes before "Ông".
	want := []string{
		"An Giang", "Ăn", "Âu", "Bắc Ninh", "Cà Mau", "Đà Nẵng", "Đắk Lắk",
		"Điện Biên", "Hà Giang", "Hà Nội", "Ô Môn", "Ông", "Ơn", "Yên Bái",
	}
	NewCollator().Sort(in)
	if !slices.Equal(in, want) {
		t.Errorf("Sort =\n%q\nwant\n%q", in, want)
	}
}

func TestCollatorSortsLettersOfTheAlphabet(t *testing.T) {
	// The 29 letters in the order Vietnamese schoolbooks teach them, shuffled.
	want := []string{
		"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l",
		"m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y",
	}
	in := slices.Clone(want)
	slices.Reverse(in)
	in[0], in[10] = in[10], in[0]
	NewCollator().Sort(in)
	if !slices.Equal(in, want) {
		t.Errorf("Sort =\n%q\nwant\n%q", in, want)
	}
}

func TestCollatorSortsDAfterAllOfD(t *testing.T) {
	// đ is a letter of its own, not d with a mark: every word in đ comes
	// after every word in d, whatever follows.
	in := []string{"đa", "dz", "Đinh", "Dương", "dư"}
	want := []string{"dư", "Dương", "dz", "đa", "Đinh"}
	NewCollator().Sort(in)
	if !slices.Equal(in, want) {
		t.Errorf("Sort = %q, want %q", in, want)
	}
}

func TestCollatorComparesTonesAfterLetters(t *testing.T) {
	// CLDR's Vietnamese order of tones: none, huyền, hỏi, ngã, sắc, nặng;
	// a tone never outweighs a later letter.
	want := []string{"ma", "mà", "mả", "mã", "má", "mạ", "man", "mắ"} // ă is a letter after a
	in := slices.Clone(want)
	slices.Reverse(in)
	NewCollator().Sort(in)
	if !slices.Equal(in, want) {
		t.Errorf("Sort = %q, want %q", in, want)
	}
}

func TestCollatorCompare(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{"no tone before huyền", "Nguyễn Thị Hoa", "Nguyễn Thị Hòa", -1},
		{"Thị before Văn whatever the tone", "Nguyễn Thị Hòa", "Nguyễn Văn An", -1},
		{"letters before tones", "Hòa", "Hoan", -1},
		{"a before ă", "Anh", "Ăn", -1},
		{"d before đ", "Dung", "Đà", -1},
		{"ô before ơ", "Ông", "Ơn", -1},
		{"u before ư", "Uyên", "Ưng", -1},
		{"case only breaks ties", "hà nội", "Hà Nội", -1},
		{"case after letters", "Hà Nội", "hà tĩnh", -1},
		{"NFD equals NFC", norm.NFD.String("Nguyễn Thị Hòa"), "Nguyễn Thị Hòa", 0},
		{"equal", "Huế", "Huế", 0},
		{"greater", "Yên Bái", "Vĩnh Long", 1},
	}
	c := NewCollator()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Compare(tt.a, tt.b); got != tt.want {
				t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := c.Compare(tt.b, tt.a); got != -tt.want {
				t.Errorf("Compare(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
			}
		})
	}
}

func TestSortByIsStableAndAgreesWithCompare(t *testing.T) {
	type person struct {
		name string
		id   int
	}
	people := []person{
		{"Nguyễn Văn An", 1}, {"Nguyễn Thị Hòa", 2}, {"Nguyễn Thị Hoa", 3},
		{"Lê Văn Đức", 4}, {"Nguyễn Thị Hoa", 5}, {norm.NFD.String("Nguyễn Thị Hoa"), 6},
		{"Lê Văn Dũng", 7},
	}
	want := []int{7, 4, 3, 5, 6, 2, 1}
	c := NewCollator()
	SortBy(c, people, func(p person) string { return p.name })
	var got []int
	for _, p := range people {
		got = append(got, p.id)
	}
	if !slices.Equal(got, want) {
		t.Errorf("SortBy ids = %v, want %v", got, want)
	}
	for i := 1; i < len(people); i++ {
		if c.Compare(people[i-1].name, people[i].name) > 0 {
			t.Errorf("%q sorted before %q but compares greater", people[i-1].name, people[i].name)
		}
	}
}

func TestSortEmptyAndSingle(t *testing.T) {
	c := NewCollator()
	c.Sort(nil)
	one := []string{"Huế"}
	c.Sort(one)
	if one[0] != "Huế" {
		t.Errorf("Sort of one = %q", one)
	}
}
