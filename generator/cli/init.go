package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"loa/generator/config"
)

func runInit(env *Env, args []string) int {
	fs := newFlagSet(env, "init", "init [DIR]")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 1 {
		fmt.Fprintf(env.Stderr, "loa init: give one folder, not %d\n", len(pos))
		return ExitUsage
	}
	dir := "."
	if len(pos) == 1 {
		dir = pos[0]
	}
	if err := emptyOrMissing(dir); err != nil {
		fmt.Fprintf(env.Stderr, "loa init: thư mục %s không trống; Loa không ghi đè gì cả. Hãy chọn một thư mục trống hoặc chưa có.\n"+
			"loa init: %v; nothing was written (choose an empty or new folder)\n", filepath.ToSlash(dir), err)
		return ExitUsage
	}
	if err := writeExample(env.Example, dir); err != nil {
		fmt.Fprintf(env.Stderr, "loa init: %v\n", err)
		return ExitError
	}
	fmt.Fprintf(env.Stdout, "Đã tạo trang mẫu trong %s. Xem trước: loa serve -s %s --open; dựng: loa build -s %s\n",
		filepath.ToSlash(dir), filepath.ToSlash(dir), filepath.ToSlash(dir))
	return ExitOK
}

// emptyOrMissing refuses a folder that holds anything at all: the example
// must never replace an editor's file, and mixing it into a folder of other
// things would make a site nobody meant.
func emptyOrMissing(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		if st, serr := os.Stat(dir); serr == nil && !st.IsDir() {
			return fmt.Errorf("%s is a file, not a folder", filepath.ToSlash(dir))
		}
		return err
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty (it holds %s)", filepath.ToSlash(dir), entries[0].Name())
	}
	return nil
}

// writeExample copies the embedded example site into dir. Files are created
// with O_EXCL, so even a file appearing meanwhile is never overwritten.
func writeExample(example fs.FS, dir string) error {
	if example == nil {
		return errors.New("this loa was built without the example site")
	}
	return fs.WalkDir(example, ".", func(rel string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(rel))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(example, rel)
		if err != nil {
			return err
		}
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return fmt.Errorf("write %s: %w", path.Join(filepath.ToSlash(dir), rel), err)
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	})
}

// runDoubleClick is loa without arguments, which is what a double-click on
// loa.exe runs: in a site folder it previews the site in the browser; in
// any other folder it offers to put the example site there first. The
// window closes when loa exits, so after an error it waits for Enter, or the
// editor would never see the message.
func runDoubleClick(env *Env) int {
	in := bufio.NewReader(orEmpty(env.Stdin))
	code := doubleClick(env, in, runServe)
	if code != ExitOK {
		fmt.Fprintln(env.Stdout, "\nNhấn Enter để đóng cửa sổ này.")
		in.ReadString('\n')
	}
	return code
}

// doubleClick is runDoubleClick with the preview passed in, so that tests
// can stop short of starting a server.
func doubleClick(env *Env, in *bufio.Reader, preview func(*Env, []string) int) int {
	if len(config.Files(os.DirFS("."))) == 0 {
		if clash := exampleClash(env.Example, "."); clash != "" {
			fmt.Fprintf(env.Stdout, "Thư mục này chưa có trang web, nhưng đã có %s nên Loa không tạo trang mẫu ở đây.\n"+
				"Hãy chép loa vào một thư mục trống rồi mở lại, hoặc gõ: loa init THƯ_MỤC_MỚI\n", clash)
			return ExitUsage
		}
		fmt.Fprint(env.Stdout, "Thư mục này chưa có trang web. Tạo trang mẫu ở đây? (C/k) ")
		answer, err := in.ReadString('\n')
		if err != nil && answer == "" && !errors.Is(err, io.EOF) {
			return ExitUsage
		}
		if !yes(answer) {
			fmt.Fprintln(env.Stdout, "Không tạo gì. Gõ loa help để xem các lệnh.")
			return ExitOK
		}
		if err := writeExample(env.Example, "."); err != nil {
			fmt.Fprintf(env.Stdout, "Không tạo được trang mẫu: %v\n", err)
			return ExitError
		}
		fmt.Fprintln(env.Stdout, "Đã tạo trang mẫu: config.toml, thư mục content/ (các bài viết), static/ (ảnh, tệp tĩnh) và data/ (bảng chú giải chữ viết tắt).")
	}
	fmt.Fprintln(env.Stdout, "Đang mở bản xem trước trong trình duyệt. Sửa và lưu bài trong content/, trang tự cập nhật.\n"+
		"Để dừng: nhấn Ctrl+C hoặc đóng cửa sổ này.")
	return preview(env, []string{"--open"})
}

// exampleClash names the first top-level entry of the example already in
// dir, or "".
func exampleClash(example fs.FS, dir string) string {
	if example == nil {
		return ""
	}
	entries, _ := fs.ReadDir(example, ".")
	for _, e := range entries {
		if _, err := os.Lstat(filepath.Join(dir, e.Name())); err == nil {
			return e.Name()
		}
	}
	return ""
}

// yes reads the answer to a (C/k) question: Enter, c, có, y or yes.
func yes(answer string) bool {
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "", "c", "có", "co", "y", "yes":
		return true
	}
	return false
}

func orEmpty(r io.Reader) io.Reader {
	if r == nil {
		return strings.NewReader("")
	}
	return r
}
