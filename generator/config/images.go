package config

import (
	"fmt"
	"slices"

	"loa/generator/diag"
)

// Images says how the photo pipeline publishes pictures: the widths each
// picture is resized to, the JPEG quality, and what of the original goes out.
type Images struct {
	Widths        []int  // ascending; every picture a page shows is published at these widths (never upscaled)
	Quality       int    // JPEG quality, 1–100
	Originals     bool   // publish the original (cleaned of metadata) with a "Tải ảnh gốc" link
	KeepCopyright bool   // keep the EXIF Artist and Copyright fields, and nothing else
	MaxPixels     int64  // a larger picture is refused from its header, before it is decoded
	Sizes         string // the sizes attribute of a picture in an article: how wide the theme shows it
}

// imagesFile mirrors [images] in config.toml.
type imagesFile struct {
	Widths        []int  `toml:"widths"`
	Quality       int    `toml:"quality"`
	Originals     bool   `toml:"originals"`
	KeepCopyright bool   `toml:"keepCopyright"`
	MaxPixels     int64  `toml:"maxPixels"`
	Sizes         string `toml:"sizes"`
}

// DefaultSizes fits the default theme: the article column is at most 44rem
// wide, the full screen width on phones.
const DefaultSizes = "(min-width: 46rem) 44rem, calc(100vw - 2rem)"

// images checks [images] and fills in the defaults.
func (f imagesFile) images(at func(key ...string) diag.Pos) (Images, diag.List) {
	var diags diag.List
	im := Images{
		Widths:        slices.Clone(f.Widths),
		Quality:       f.Quality,
		Originals:     f.Originals,
		KeepCopyright: f.KeepCopyright,
		MaxPixels:     f.MaxPixels,
		Sizes:         f.Sizes,
	}
	if im.Widths == nil {
		im.Widths = []int{480, 800, 1200, 1600}
	}
	slices.Sort(im.Widths)
	im.Widths = slices.Compact(im.Widths)
	if len(im.Widths) == 0 || im.Widths[0] < 16 || im.Widths[len(im.Widths)-1] > 8000 {
		diags.Errorf(at("images", "widths"), "list widths in pixels between 16 and 8000, such as [480, 800, 1200, 1600]",
			"images.widths %v: each width must be between 16 and 8000 pixels", f.Widths).Vi(
			"ghi các độ rộng tính bằng điểm ảnh, từ 16 đến 8000, ví dụ [480, 800, 1200, 1600]",
			"images.widths %v: mỗi độ rộng phải từ 16 đến 8000 điểm ảnh", f.Widths)
	}
	switch {
	case im.Quality == 0:
		im.Quality = 80
	case im.Quality < 1 || im.Quality > 100:
		diags.Errorf(at("images", "quality"), "use a number from 1 to 100; 80 suits photos",
			"images.quality must be from 1 to 100, not %d", im.Quality).Vi(
			"ghi một số từ 1 đến 100; 80 hợp với ảnh chụp", "images.quality phải từ 1 đến 100, không phải %d", im.Quality)
	}
	switch {
	case im.MaxPixels == 0:
		im.MaxPixels = 50_000_000
	case im.MaxPixels < 0:
		diags.Errorf(at("images", "maxPixels"), "use a number of pixels such as 50000000 (50 megapixels)",
			"images.maxPixels must be positive, not %d", im.MaxPixels).Vi(
			"ghi số điểm ảnh, ví dụ 50000000 (50 megapixel)", "images.maxPixels phải lớn hơn 0, không phải %d", im.MaxPixels)
	}
	if im.Sizes == "" {
		im.Sizes = DefaultSizes
	}
	return im, diags
}

// String describes the settings that change processed pictures, for keys.
func (im Images) String() string {
	return fmt.Sprint(im.Widths, im.Quality, im.KeepCopyright, im.MaxPixels)
}
