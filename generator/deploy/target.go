package deploy

import (
	"context"
	"io"
	"time"

	"loa/generator/vi"
)

// Target is the folder on the host that a site is deployed to. Names are
// slash-separated and relative to that folder. A transport reconnects by
// itself on the next call after its connection broke, so that a call can
// simply be tried again; it returns *Error where it knows the kind.
type Target interface {
	// ReadFile returns the bytes of a file; an error matching
	// fs.ErrNotExist when there is none.
	ReadFile(name string) ([]byte, error)
	// Size returns the size of a file; fs.ErrNotExist when there is none.
	Size(name string) (int64, error)
	// MkdirAll creates a folder and its parents; existing ones are fine.
	MkdirAll(dir string) error
	// Put writes a new file of the bytes of r, replacing one of that name.
	// Deploy puts only temporary names, which readers never ask for.
	Put(name string, r io.Reader) error
	// Rename moves a file onto another name, replacing the file there in
	// one step where the host can.
	Rename(from, to string) error
	// Remove removes a file; one that is already gone is not an error.
	Remove(name string) error
	// RemoveDir removes a folder if it is empty.
	RemoveDir(dir string) error
	// String names the target in messages, without secrets.
	String() string
	Close() error
}

// retries is how often a transient failure is tried again, after waiting
// backoff(0), backoff(1), …: four tries over about three and a half seconds.
const retries = 3

func backoff(attempt int) time.Duration { return 500 * time.Millisecond << attempt }

// sleep waits d unless ctx ends first.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// retry runs op until it succeeds, fails for a reason other than the
// network, or has failed retries+1 times. Refused logins, refused
// writes and a full disk are never retried.
func (r *runner) retry(op func() error) error {
	for attempt := 0; ; attempt++ {
		if err := r.ctx.Err(); err != nil {
			return &Error{Kind: Interrupted, Err: err}
		}
		err := op()
		if err == nil {
			return nil
		}
		if cerr := r.ctx.Err(); cerr != nil {
			return &Error{Kind: Interrupted, Err: cerr}
		}
		switch KindOf(err) {
		case Transient, Unreachable:
		default:
			return err
		}
		if attempt >= retries {
			return err
		}
		r.warnf("mạng chập chờn, thử lại sau %s giây: %v", vi.Number(backoff(attempt).Seconds(), 1), err)
		if err := r.sleep(r.ctx, backoff(attempt)); err != nil {
			return &Error{Kind: Interrupted, Err: err}
		}
	}
}
