package photo

// Format is a picture format Loa can publish.
type Format string

// The formats Loa reads.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	GIF  Format = "gif"
	WebP Format = "webp"
)

// defaultMaxPixels bounds a picture when Settings or Probe leave it unset:
// 50 megapixels is more than any phone camera and far below what a PNG bomb claims.
const defaultMaxPixels = 50_000_000

// Info is what the header says, read without decoding pixels.
type Info struct {
	Format      Format
	Width       int // upright: after the EXIF orientation is applied (5–8 swap the stored sides)
	Height      int
	Orientation int  // 1..8; 1 when absent or invalid
	Animated    bool // a GIF or WebP with more than one frame

	// alpha is true when the header promises transparency (PNG colour types
	// with alpha or tRNS, WebP VP8X alpha flag or VP8L); Plan picks PNG output for it.
	alpha bool
	// asIs marks an animation, published as it is (cleaned) because resizing
	// would lose its frames.
	asIs bool
}

// Settings say how pictures are processed.
type Settings struct {
	Widths        []int // ascending, e.g. 480, 800, 1200, 1600
	Quality       int   // JPEG quality 1..100 (0 means 80)
	KeepCopyright bool  // keep EXIF Artist and Copyright only (in cleaned copies and in variants)
	MaxPixels     int64 // as in Probe
}

// Size is one variant's size and file ending.
type Size struct {
	Width, Height int
	Ext           string // ".jpg" or ".png" (or ".gif"/".webp" for an animation kept as is)
}

// Variant is one processed picture.
type Variant struct {
	Size
	Data []byte
}

func (s Settings) quality() int {
	if s.Quality <= 0 {
		return 80
	}
	if s.Quality > 100 {
		return 100
	}
	return s.Quality
}

func limit(maxPixels int64) int64 {
	if maxPixels <= 0 {
		return defaultMaxPixels
	}
	return maxPixels
}
