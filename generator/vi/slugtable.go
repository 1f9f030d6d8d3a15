package vi

// Slug letters of the most frequent non-ASCII letters, so Slugify can skip
// the decomposition tables for them: byte r-first is the ASCII letter of
// rune r, or '.' when r needs the general path (no single ASCII letter, or
// not a letter). TestSlugTablesMatchDecomposition checks every entry against
// that general path.
const (
	// latinFirst..latinLast: Latin-1 Supplement letters, Latin Extended-A
	// and Extended-B up to ư (U+01B0), which holds ơ and ư.
	latinFirst = 0x00C0
	latinLast  = 0x01B0
	latinSlug  = "aaaaaa.ceeeeiiiidnooooo.ouuuuy..aaaaaa.ceeeeiiiidnooooo.ouuuuy.y" +
		"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkk.llllll." +
		".llnnnnnn...oooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs" +
		"b........d......................oo.............uu"

	// vietFirst..vietLast: the precomposed Vietnamese vowels with tones in
	// Latin Extended Additional, Ạ (U+1EA0) to ỹ (U+1EF9).
	vietFirst = 0x1EA0
	vietLast  = 0x1EF9
	vietSlug  = "aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooo" +
		"oooouuuuuuuuuuuuuuyyyyyyyy"
)

// tableSlug returns the slug letter of r from the tables above, or 0.
func tableSlug(r rune) byte {
	var c byte
	switch {
	case latinFirst <= r && r <= latinLast:
		c = latinSlug[r-latinFirst]
	case vietFirst <= r && r <= vietLast:
		c = vietSlug[r-vietFirst]
	}
	if c == '.' {
		return 0
	}
	return c
}
