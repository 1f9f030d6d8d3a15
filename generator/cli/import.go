package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/docx"
	"loa/generator/vi"
)

// maxSlug keeps a folder made from a long title short enough for Windows.
const maxSlug = 80

// importOpts are the flags of loa import.
type importOpts struct {
	source, section, slug string
	draft, force          bool
}

func runImport(env *Env, args []string) int {
	fs := newFlagSet(env, "import", "import [-s DIR] [--section tin-tuc] [--draft=true] [--slug SLUG] [--force] FILE.docx…")
	o := importOpts{}
	for _, n := range []string{"s", "source"} {
		fs.StringVar(&o.source, n, ".", "the site folder (thư mục trang)")
	}
	fs.StringVar(&o.section, "section", "tin-tuc", "the section the news item goes in (chuyên mục)")
	fs.BoolVar(&o.draft, "draft", true, "import as a draft, to review in loa serve -D (bản nháp)")
	fs.StringVar(&o.slug, "slug", "", "the page's folder name, instead of one made from the title (tên thư mục bài)")
	fs.BoolVar(&o.force, "force", false, "replace a page already imported under that name (ghi đè)")
	files, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(files) == 0 {
		fmt.Fprintln(env.Stderr, "loa import: name the Word files to import, such as: loa import bai-viet.docx (hãy chỉ ra tệp Word cần nhập)")
		return ExitUsage
	}
	if o.slug != "" {
		if len(files) > 1 {
			fmt.Fprintln(env.Stderr, "loa import: --slug names one page; import the files one at a time (mỗi lần chỉ nhập một tệp khi dùng --slug)")
			return ExitUsage
		}
		if o.slug = vi.Slugify(o.slug); o.slug == "" {
			fmt.Fprintln(env.Stderr, "loa import: --slug needs letters or digits, such as --slug hoi-nghi-2023")
			return ExitUsage
		}
	}
	o.section = strings.Trim(filepath.ToSlash(o.section), "/")
	if o.section == "" || strings.Contains(o.section, "..") || strings.HasPrefix(o.section, ".") {
		fmt.Fprintln(env.Stderr, "loa import: --section needs a folder name such as tin-tuc")
		return ExitUsage
	}
	if st, err := os.Stat(o.source); err != nil || !st.IsDir() {
		fmt.Fprintf(env.Stderr, "loa import: there is no folder %s (name the site folder with -s)\n", filepath.ToSlash(o.source))
		return ExitUsage
	}
	cfg, diags := config.Load(os.DirFS(o.source))
	if cfg == nil {
		printDiags(env.Stderr, diags)
		return ExitError
	}
	code = ExitOK
	for _, f := range files {
		if importFile(env, cfg, o, f) != ExitOK {
			code = ExitError
		}
	}
	return code
}

// importFile imports one document into a page bundle.
func importFile(env *Env, cfg *config.Config, o importOpts, file string) int {
	name := filepath.ToSlash(file)
	doc, err := docx.ReadFile(file)
	if err != nil {
		printImportError(env.Stderr, name, err)
		return ExitError
	}
	art, warnings := docx.Convert(doc, docx.Options{Name: name, Location: cfg.Location, Now: env.Now()})
	slug := o.slug
	if slug == "" {
		slug = vi.ShortenSlug(vi.Slugify(art.Title), maxSlug)
	}
	if slug == "" {
		base := filepath.Base(file)
		slug = vi.ShortenSlug(vi.Slugify(strings.TrimSuffix(base, filepath.Ext(base))), maxSlug)
	}
	if slug == "" {
		slug = "bai-viet"
	}
	parent := filepath.Join(o.source, "content", filepath.FromSlash(o.section))
	dir := filepath.Join(parent, slug)
	shown := filepath.ToSlash(dir)
	if _, err := os.Lstat(dir + ".md"); err == nil {
		printVi(env.Stderr, diag.List{importErr(name,
			fmt.Sprintf("%s.md already has the address this page would take", shown),
			"name the page otherwise with --slug ten-khac",
			fmt.Sprintf("%s.md đã dùng địa chỉ mà bài này sẽ có", shown),
			"đặt tên khác cho bài bằng --slug ten-khac")})
		return ExitError
	}
	_, err = os.Lstat(dir)
	exists := err == nil
	if exists && !o.force {
		printVi(env.Stderr, diag.List{importErr(name,
			fmt.Sprintf("%s already exists; nothing was written", shown),
			"give the page another folder name with --slug ten-khac, or replace it with --force",
			fmt.Sprintf("%s đã có; chưa ghi gì", shown),
			"đặt tên thư mục khác bằng --slug ten-khac, hoặc ghi đè bằng --force")})
		return ExitError
	}
	printVi(env.Stderr, warnings)
	if err := writeBundle(parent, dir, exists, art, o.draft); err != nil {
		fmt.Fprintf(env.Stderr, "%s: %v\n    hint: kiểm tra quyền ghi và chỗ trống trên đĩa; chưa có gì bị thay đổi\n", name, err)
		return ExitError
	}
	printImported(env.Stdout, name, shown, art, o.draft, cfg)
	return ExitOK
}

// writeBundle writes index.md and the pictures into a hidden folder beside
// the page (builds ignore dot folders), then renames it into place: an
// interrupted import leaves no half-written page. With replace, the old
// folder is moved aside first and removed last.
func writeBundle(parent, dir string, replace bool, art *docx.Article, draft bool) (err error) {
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, ".loa-import-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil { // MkdirTemp's 0700 would stay
		return err
	}
	files := append([]docx.File{{Name: "index.md", Data: art.Page(draft)}}, art.Files...)
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(tmp, f.Name), f.Data, 0o644); err != nil {
			return err
		}
	}
	if !replace {
		if err := os.Rename(tmp, dir); err != nil {
			if _, serr := os.Lstat(dir); serr == nil {
				return fmt.Errorf("%s appeared while importing; nothing was written", filepath.ToSlash(dir))
			}
			return err
		}
		return nil
	}
	old, err := os.MkdirTemp(parent, ".loa-replaced-")
	if err != nil {
		return err
	}
	aside := filepath.Join(old, "page")
	if err := os.Rename(dir, aside); err != nil {
		os.RemoveAll(old)
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if rerr := os.Rename(aside, dir); rerr != nil {
			return errors.Join(err, fmt.Errorf("the old page is kept in %s", filepath.ToSlash(aside)))
		}
		os.RemoveAll(old)
		return err
	}
	return os.RemoveAll(old)
}

// printImported says what was written.
func printImported(w io.Writer, name, dir string, art *docx.Article, draft bool, cfg *config.Config) {
	fmt.Fprintf(w, "Đã nhập %s → %s/index.md\n", name, dir)
	from := map[string]string{"text": "theo dòng ngày trong bài", "properties": "theo thuộc tính tài liệu", "now": "lúc nhập"}[art.DateFrom]
	fmt.Fprintf(w, "  tiêu đề: %s\n  ngày: %s (%s)\n", art.Title, vi.DateTime(art.Date.In(cfg.Location)), from)
	if art.Author != "" {
		fmt.Fprintf(w, "  tác giả: %s\n", art.Author)
	}
	if len(art.Files) > 0 {
		names := make([]string, len(art.Files))
		for i, f := range art.Files {
			names[i] = f.Name
		}
		fmt.Fprintf(w, "  ảnh: %s\n", strings.Join(names, ", "))
	}
	if draft {
		fmt.Fprintln(w, "  bản nháp: xem trước bằng loa serve -D, sửa draft = false khi muốn đăng")
	}
}

// printImportError prints a document that could not be read.
func printImportError(w io.Writer, name string, err error) {
	var de *docx.Error
	if errors.As(err, &de) {
		printVi(w, diag.List{importErr(name, de.Message, de.Hint, de.MessageVi, de.HintVi)})
		return
	}
	if errors.Is(err, os.ErrNotExist) {
		printVi(w, diag.List{importErr(name, "there is no such file", "check the file's name and folder",
			"không có tệp này", "kiểm tra lại tên và thư mục của tệp")})
		return
	}
	printVi(w, diag.List{importErr(name, err.Error(), "check that the file can be opened",
		err.Error(), "kiểm tra xem tệp có mở được không")})
}

func importErr(name, msg, hint, msgVi, hintVi string) diag.Diagnostic {
	return diag.Diagnostic{Pos: diag.Pos{File: name}, Severity: diag.Error,
		Message: msg, Hint: hint, MessageVi: msgVi, HintVi: hintVi}
}

// printVi prints diagnostics for the editor who imports: the message, then
// the hint in plain Vietnamese.
func printVi(w io.Writer, l diag.List) {
	for _, d := range l {
		if d.HintVi != "" {
			d.Hint = d.HintVi
		}
		fmt.Fprintln(w, d.String())
	}
}
