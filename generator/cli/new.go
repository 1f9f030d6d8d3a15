package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"loa/generator/config"
	"loa/generator/locale"
	"loa/generator/vi"
)

func runNew(env *Env, args []string) int {
	fs := newFlagSet(env, "new", "new SECTION \"Tiêu đề bài viết\" [-s DIR]")
	source := "."
	for _, n := range []string{"s", "source"} {
		fs.StringVar(&source, n, ".", "the site folder (thư mục trang)")
	}
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 2 {
		fmt.Fprintln(env.Stderr, "loa new: give a section and a title, such as: loa new tin-tuc \"Hội nghị tổng kết năm 2025\"")
		return ExitUsage
	}
	section, title := strings.Trim(pos[0], "/"), vi.NFC(strings.TrimSpace(pos[1]))
	slug := locale.Slug(title)
	if slug == "" || section == "" || strings.Contains(section, "..") {
		fmt.Fprintln(env.Stderr, "loa new: the title needs letters or digits, and the section a folder name such as tin-tuc")
		return ExitUsage
	}
	if st, err := os.Stat(source); err != nil || !st.IsDir() {
		fmt.Fprintf(env.Stderr, "loa new: there is no folder %s (name the site folder with -s)\n", filepath.ToSlash(source))
		return ExitUsage
	}
	cfg, diags := config.Load(os.DirFS(source))
	if cfg == nil {
		printDiags(env.Stderr, diags)
		return ExitError
	}
	now := env.Now().In(cfg.Location)
	text := "+++\n" +
		"title = " + strconv.Quote(title) + "\n" +
		"date = " + now.Format("2006-01-02T15:04:05-07:00") + "\n" +
		"draft = true\n" +
		"description = \"\" # đoạn sapo, hiện đậm dưới tiêu đề\n" +
		"author = \"\"\n" +
		"categories = []\n" +
		"tags = []\n" +
		"+++\n\n" +
		"Viết nội dung bài ở đây.\n"
	dir := filepath.Join(source, "content", filepath.FromSlash(section))
	path := filepath.Join(dir, slug+".md")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(env.Stderr, "loa new: %v\n", err)
		return ExitError
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		fmt.Fprintf(env.Stderr, "loa new: %s already exists; it was left as it is (choose another title, or edit that file)\n", filepath.ToSlash(path))
		return ExitError
	}
	if err == nil {
		_, err = f.WriteString(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "loa new: %v\n", err)
		return ExitError
	}
	fmt.Fprintf(env.Stdout, "Đã tạo %s (bản nháp: đổi draft = false khi muốn đăng)\n", filepath.ToSlash(path))
	return ExitOK
}
