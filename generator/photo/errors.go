package photo

import (
	"fmt"
	"strconv"
	"strings"
)

// ErrorKind says why a picture cannot be used.
type ErrorKind int

// The kinds of Error.
const (
	Unsupported ErrorKind = iota + 1
	TooLarge
	Corrupt
)

// Error is a picture Loa cannot use, with words for people.
type Error struct {
	Kind          ErrorKind
	Format        string // for Unsupported: "HEIC", "AVIF", "TIFF"... recognised by magic bytes; "" when unknown
	Width, Height int    // for TooLarge
	Max           int64
	Err           error // underlying decode error for Corrupt
}

func corrupt(err error) *Error { return &Error{Kind: Corrupt, Err: err} }

func corruptf(format string, a ...any) *Error {
	return &Error{Kind: Corrupt, Err: fmt.Errorf(format, a...)}
}

func (e *Error) Error() string {
	switch e.Kind {
	case Unsupported:
		switch e.Format {
		case "":
			return "file is not a picture Loa can read (JPEG, PNG, GIF or WebP)"
		case "HEIC":
			return "HEIC pictures (from iPhones) cannot be published"
		}
		return e.Format + " pictures cannot be published"
	case TooLarge:
		return fmt.Sprintf("picture is %d×%d pixels (%s megapixels), more than the limit of %s megapixels",
			e.Width, e.Height, megapixels(int64(e.Width)*int64(e.Height), "."), megapixels(e.Max, "."))
	case Corrupt:
		if e.Err == nil {
			return "picture is damaged or cut short"
		}
		return "picture is damaged or cut short: " + e.Err.Error()
	}
	return "picture cannot be used"
}

// Unwrap gives the decode error behind a Corrupt picture.
func (e *Error) Unwrap() error { return e.Err }

// Hint says in plain English what the author can do.
func (e *Error) Hint() string {
	switch e.Kind {
	case Unsupported:
		switch e.Format {
		case "":
			return "use a JPEG, PNG, GIF or WebP file"
		case "HEIC":
			return "open it on the phone or computer and export it as JPEG (on iPhone: Settings → Camera → Formats → Most Compatible)"
		case "SVG":
			return "export it as PNG in the drawing program"
		}
		return "open it in a photo editor and export it as JPEG (photos) or PNG (drawings, screenshots)"
	case TooLarge:
		return "make it smaller in a photo editor, or raise maxPixels under [images] in config.toml"
	case Corrupt:
		return "open it in a photo viewer; if it does not show, copy it again from the camera or phone"
	}
	return ""
}

// Vi gives the message and the hint in Vietnamese (NFC).
func (e *Error) Vi() (msg, hint string) {
	switch e.Kind {
	case Unsupported:
		switch e.Format {
		case "":
			return "tệp này không phải là ảnh mà Loa đọc được (JPEG, PNG, GIF hoặc WebP)",
				"hãy dùng tệp ảnh JPEG, PNG, GIF hoặc WebP"
		case "HEIC":
			return "ảnh HEIC (từ iPhone) không đăng được",
				"hãy mở ảnh trên điện thoại hoặc máy tính và xuất lại dưới dạng JPEG (trên iPhone: Cài đặt → Camera → Định dạng → Tương thích nhất)"
		case "SVG":
			return "hình SVG không đăng được như một ảnh chụp",
				"hãy xuất hình ra dạng PNG trong phần mềm vẽ"
		}
		return "ảnh " + e.Format + " không đăng được",
			"hãy mở ảnh bằng phần mềm chỉnh ảnh và xuất lại dưới dạng JPEG (ảnh chụp) hoặc PNG (hình vẽ, ảnh chụp màn hình)"
	case TooLarge:
		return fmt.Sprintf("ảnh có kích thước %d×%d điểm ảnh (%s megapixel), vượt quá giới hạn %s megapixel",
				e.Width, e.Height, megapixels(int64(e.Width)*int64(e.Height), ","), megapixels(e.Max, ",")),
			"hãy thu nhỏ ảnh bằng phần mềm chỉnh ảnh, hoặc tăng maxPixels trong mục [images] của config.toml"
	case Corrupt:
		return "ảnh bị hỏng hoặc không được chép đủ",
			"hãy mở thử ảnh bằng trình xem ảnh; nếu ảnh không hiện, hãy chép lại ảnh từ máy ảnh hoặc điện thoại"
	}
	return "không dùng được ảnh này", ""
}

// megapixels writes n pixels as megapixels with at most one decimal, using the
// decimal separator of the language (Vietnamese writes 12,5).
func megapixels(n int64, sep string) string {
	s := strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", sep, 1)
}
