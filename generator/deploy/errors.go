package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"syscall"
)

// Kind sorts failures by what the editor can do about them.
type Kind int

const (
	Failed      Kind = iota // anything not sorted below
	Unreachable             // no connection: wrong address or port, no network, DNS
	Transient               // the connection broke or timed out: worth retrying
	Auth                    // the host refused the user, password or key
	UnknownHost             // sftp: the host's key is not in known_hosts
	HostChanged             // sftp: the host's key differs from known_hosts
	Permission              // the host refused to write (or read) a file
	DiskFull                // the host's disk or quota is full
	Interrupted             // Ctrl-C
)

// Error is a failure of a deploy, with what was being done and a hint in
// Vietnamese for the editor. Transports build it where the fact is known
// (a reply code, a status, a key), so nothing is guessed from error text.
type Error struct {
	Kind Kind
	Host string // "web.tinh.gov.vn:22", or a folder for file://
	Op   string // what was being done, in Vietnamese: "gửi tin-tuc/index.html"
	Err  error
	// Hint replaces the kind's own hint where the transport knows better
	// (the fingerprint of an unknown host key, the variable of a password).
	Hint string
}

func (e *Error) Error() string {
	msg := ""
	switch e.Kind {
	case Unreachable:
		msg = "không kết nối được tới máy chủ " + e.Host
	case Transient:
		msg = "mất kết nối với máy chủ " + e.Host
	case Auth:
		msg = "máy chủ " + e.Host + " từ chối đăng nhập"
		if e.Host == "" {
			msg = "không đăng nhập được" // nothing was asked of the host yet
		}
	case UnknownHost:
		msg = "máy chủ " + e.Host + " chưa được tin cậy: khoá của nó chưa có trong known_hosts"
	case HostChanged:
		msg = "CẢNH BÁO: khoá của máy chủ " + e.Host + " khác với khoá đã lưu trong known_hosts; có thể có kẻ đang mạo danh máy chủ"
	case Permission:
		msg = "không có quyền ghi trên " + e.Host
	case DiskFull:
		msg = "ổ đĩa trên máy chủ " + e.Host + " đã đầy"
	case Interrupted:
		msg = "đã dừng theo yêu cầu"
	default:
		msg = "lỗi"
	}
	if e.Op != "" {
		msg += " khi " + e.Op
	}
	if e.Err != nil && e.Kind != Interrupted {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Advice is the hint shown under the error.
func (e *Error) Advice() string {
	if e.Hint != "" {
		return e.Hint
	}
	switch e.Kind {
	case Unreachable:
		return "kiểm tra địa chỉ, cổng và mạng: máy chủ có đang chạy không, tường lửa có chặn cổng không"
	case Transient:
		return "mạng chập chờn: chạy lại loa deploy, lần sau sẽ gửi tiếp phần còn thiếu; trang trên máy chủ vẫn là bản cũ hoặc bản mới, không bị xoá gì"
	case Auth:
		return "kiểm tra tên đăng nhập và mật khẩu hoặc khoá SSH"
	case Permission:
		return "kiểm tra thư mục trong url và quyền ghi của tài khoản trên máy chủ (hỏi quản trị máy chủ)"
	case DiskFull:
		return "xoá bớt tệp cũ trên máy chủ hoặc xin thêm dung lượng; trang đang chạy vẫn giữ nguyên, chạy lại loa deploy sau đó"
	case Interrupted:
		return "trang trên máy chủ vẫn là bản cũ hoặc bản mới; chạy lại loa deploy để gửi tiếp"
	}
	return "chạy lại loa deploy; nếu lỗi còn, gửi thông báo này cho người quản trị máy chủ"
}

// KindOf returns the kind of err: its own if it is an *Error, else what
// the standard library's errors say.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return classify(err)
}

// classify sorts errors of the network and of the local file system.
func classify(err error) Kind {
	var dns *net.DNSError
	var op *net.OpError
	var ne net.Error
	switch {
	case err == nil:
		return Failed
	case errors.Is(err, context.Canceled):
		return Interrupted
	case errors.As(err, &dns):
		if dns.IsTimeout || dns.IsTemporary {
			return Transient
		}
		return Unreachable
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.EHOSTUNREACH),
		errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTDOWN):
		return Unreachable
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT), diskFull(err):
		return DiskFull
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return Permission
	case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, context.DeadlineExceeded):
		return Transient
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF), errors.Is(err, net.ErrClosed):
		return Transient
	case errors.As(err, &op):
		return Transient // a connection that failed in the middle of its use
	}
	return Failed
}

// wrap makes err an *Error of its classified kind, unless it is one.
func wrap(err error, host, op string) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		if e.Op == "" {
			e.Op = op
		}
		return err
	}
	return &Error{Kind: classify(err), Host: host, Op: op, Err: err}
}

// errf is an *Error of a known kind.
func errf(kind Kind, host, op, hint string, format string, args ...any) *Error {
	return &Error{Kind: kind, Host: host, Op: op, Hint: hint, Err: fmt.Errorf(format, args...)}
}
