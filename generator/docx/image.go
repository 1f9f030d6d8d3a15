package docx

import "bytes"

// imageType names a picture's format from its first bytes: "jpg", "png",
// "gif" and "webp" are published; "emf", "wmf", "bmp", "tiff", "svg" are
// recognised to say what to do; "" is anything else.
func imageType(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return "jpg"
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return "gif"
	case len(b) >= 12 && bytes.HasPrefix(b, []byte("RIFF")) && string(b[8:12]) == "WEBP":
		return "webp"
	case len(b) >= 44 && bytes.HasPrefix(b, []byte{1, 0, 0, 0}) && string(b[40:44]) == " EMF":
		return "emf"
	case bytes.HasPrefix(b, []byte{0xD7, 0xCD, 0xC6, 0x9A}), // placeable WMF
		bytes.HasPrefix(b, []byte{1, 0, 9, 0}), bytes.HasPrefix(b, []byte{2, 0, 9, 0}):
		return "wmf"
	case bytes.HasPrefix(b, []byte("BM")):
		return "bmp"
	case bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")):
		return "tiff"
	}
	head := b[:min(len(b), 512)]
	if bytes.Contains(head, []byte("<svg")) {
		return "svg"
	}
	return ""
}

// published reports whether pictures of the type are published as they are.
func published(typ string) bool {
	switch typ {
	case "jpg", "png", "gif", "webp":
		return true
	}
	return false
}
