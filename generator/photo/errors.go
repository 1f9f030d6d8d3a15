package photo

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

func (e *Error) Error() string { return "" }

// Unwrap gives the decode error behind a Corrupt picture.
func (e *Error) Unwrap() error { return e.Err }

// Hint says in plain English what the author can do.
func (e *Error) Hint() string { return "" }

// Vi gives the message and the hint in Vietnamese.
func (e *Error) Vi() (msg, hint string) { return "", "" }
