package deploy

import (
	"fmt"
	"io"

	"loa/generator/vi"
)

// Summary says in one Vietnamese sentence what the deploy did, or with
// DryRun would do: "Đã gửi 12 tệp (3,4 MB), xoá 2 tệp, 1.240 tệp không đổi."
func (r Result) Summary() string {
	placed := ""
	if len(r.Placed) > 0 {
		placed = fmt.Sprintf(", %s tệp đã gửi từ lần trước", vi.Int(int64(len(r.Placed))))
	}
	if r.DryRun {
		return fmt.Sprintf("Sẽ gửi %s tệp (%s), sẽ xoá %s tệp, %s tệp không đổi%s.", vi.Int(int64(len(r.Uploads))),
			vi.ByteSize(r.Bytes), vi.Int(int64(len(r.Deletes))), vi.Int(int64(r.Unchanged)), placed)
	}
	if r.Sent == 0 && r.Deleted == 0 && placed == "" {
		return fmt.Sprintf("Không có gì thay đổi: %s tệp đã có trên máy chủ.", vi.Int(int64(r.Unchanged)))
	}
	return fmt.Sprintf("Đã gửi %s tệp (%s), xoá %s tệp, %s tệp không đổi%s.", vi.Int(int64(r.Sent)),
		vi.ByteSize(r.SentBytes), vi.Int(int64(r.Deleted)), vi.Int(int64(r.Unchanged)), placed)
}

// List writes the plan one file a line: "+ new", "~ changed", "- deleted".
func (r Result) List(w io.Writer) {
	for _, c := range r.Uploads {
		fmt.Fprintf(w, "%c %s (%s)\n", c.Op, c.Path, vi.ByteSize(c.Size))
	}
	for _, c := range r.Deletes {
		fmt.Fprintf(w, "- %s\n", c.Path)
	}
}
