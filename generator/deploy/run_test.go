package deploy

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// oldSite and newSite are two builds of a small site: the second changes the
// home page, a news item and the sitemap, renames the stylesheet (as a
// fingerprint does), adds a picture and drops a news item.
var oldSite = map[string]string{
	"index.html":                  `<link href="/css/main.1a.css"><a href="/tin-tuc/">Tin tức</a> cũ`,
	"tin-tuc/index.html":          `<a href="/tin-tuc/hop-ban/">Họp ban</a><a href="/tin-tuc/tap-huan/">Tập huấn</a>`,
	"tin-tuc/hop-ban/index.html":  `<h1>Họp ban</h1><img src="/images/hop.jpg">`,
	"tin-tuc/tap-huan/index.html": `<h1>Tập huấn</h1>`,
	"css/main.1a.css":             `body{color:#111}`,
	"images/hop.jpg":              "\xff\xd8ảnh họp",
	"sitemap.xml":                 `<urlset>cũ</urlset>`,
	"index.xml":                   `<rss>cũ</rss>`,
	"404.html":                    `Không tìm thấy`,
}

var newSite = map[string]string{
	"index.html":                 `<link href="/css/main.2b.css"><a href="/tin-tuc/">Tin tức</a> mới <img src="/images/tap-huan.jpg">`,
	"tin-tuc/index.html":         `<a href="/tin-tuc/hop-ban/">Họp ban</a>`,
	"tin-tuc/hop-ban/index.html": `<h1>Họp ban (sửa)</h1><img src="/images/hop.jpg">`,
	"css/main.2b.css":            `body{color:#222}`,
	"images/hop.jpg":             "\xff\xd8ảnh họp",
	"images/tap-huan.jpg":        "\xff\xd8ảnh tập huấn, lớn hơn một chút",
	"sitemap.xml":                `<urlset>mới</urlset>`,
	"index.xml":                  `<rss>cũ</rss>`,
	"404.html":                   `Không tìm thấy`,
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readTree reads every file under dir by slash-separated path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameTree fails unless the host's folder holds public/ byte for byte, plus
// the manifest and nothing else: no temporary file, no journal.
func sameTree(t *testing.T, public, host string) {
	t.Helper()
	want, got := readTree(t, public), readTree(t, host)
	if _, ok := got[ManifestName]; !ok {
		t.Errorf("the host has no %s", ManifestName)
	}
	delete(got, ManifestName)
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("the host lacks %s", name)
		} else if g != w {
			t.Errorf("%s differs on the host: %q, want %q", name, g, w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("the host has %s, public/ does not", name)
		}
	}
}

// noSleep makes retries instant, and counts them.
type noSleep struct{ waits []time.Duration }

func (n *noSleep) sleep(_ context.Context, d time.Duration) error {
	n.waits = append(n.waits, d)
	return nil
}

func fileURL(dir string) *url.URL {
	return &url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}
}

func deployOnce(t *testing.T, tg Target, public string, o Options) Result {
	t.Helper()
	o.Public = public
	if o.Sleep == nil {
		o.Sleep = (&noSleep{}).sleep
	}
	res, err := Run(context.Background(), tg, o)
	if err != nil {
		t.Fatalf("deploy: %v", err)
	}
	return res
}

func TestFileDeployScenarios(t *testing.T) {
	base := t.TempDir()
	public, host := filepath.Join(base, "public"), filepath.Join(base, "host")
	os.Mkdir(host, 0o755)
	tg, err := openFile(fileURL(host))
	if err != nil {
		t.Fatal(err)
	}
	scenarios(t, tg, public, host)
}

// scenarios runs the deploys every transport must get right, comparing the
// host with public/ after each.
func scenarios(t *testing.T, tg Target, public, host string) {
	cache := filepath.Join(filepath.Dir(public), ".loa-cache", "deploy", "test.json")
	writeTree(t, public, oldSite)
	res := deployOnce(t, tg, public, Options{CacheFile: cache})
	if res.Sent != len(oldSite) || res.Deleted != 0 || res.Unchanged != 0 {
		t.Errorf("first deploy: %+v", res)
	}
	sameTree(t, public, host)
	if b, err := os.ReadFile(cache); err != nil || !bytes.Contains(b, []byte(`"images/hop.jpg"`)) {
		t.Errorf("local copy of the manifest: %v %s", err, b)
	}

	res = deployOnce(t, tg, public, Options{})
	if res.Sent != 0 || res.SentBytes != 0 || res.Deleted != 0 || res.Unchanged != len(oldSite) {
		t.Errorf("no-op deploy: %+v", res)
	}
	if got := res.Summary(); got != "Không có gì thay đổi: 9 tệp đã có trên máy chủ." {
		t.Errorf("no-op summary %q", got)
	}
	sameTree(t, public, host)

	changed := cloneMap(oldSite)
	changed["tin-tuc/hop-ban/index.html"] = `<h1>Họp ban (sửa lỗi chính tả)</h1>`
	writeTree(t, public, changed)
	res = deployOnce(t, tg, public, Options{})
	if res.Sent != 1 || res.Uploads[0].Path != "tin-tuc/hop-ban/index.html" || res.Uploads[0].Op != '~' || res.Unchanged != 8 {
		t.Errorf("one changed page: %+v", res)
	}
	sameTree(t, public, host)

	delete(changed, "tin-tuc/tap-huan/index.html")
	writeTree(t, public, changed)
	res = deployOnce(t, tg, public, Options{})
	if res.Sent != 0 || res.Deleted != 1 || res.Deletes[0].Path != "tin-tuc/tap-huan/index.html" {
		t.Errorf("a deleted page: %+v", res)
	}
	sameTree(t, public, host)
	if _, err := os.Stat(filepath.Join(host, "tin-tuc", "tap-huan")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the emptied folder is left: %v", err)
	}

	writeTree(t, public, newSite)
	res = deployOnce(t, tg, public, Options{DryRun: true})
	if res.Sent != 0 || len(res.Uploads) != 6 || len(res.Deletes) != 1 {
		t.Errorf("dry run: %+v", res)
	}
	if got := res.Summary(); !strings.HasPrefix(got, "Sẽ gửi 6 tệp (") || !strings.Contains(got, "sẽ xoá 1 tệp, 3 tệp không đổi") {
		t.Errorf("dry-run summary %q", got)
	}
	if readTree(t, host)["index.html"] != oldSite["index.html"] {
		t.Error("the dry run changed the host")
	}
	res = deployOnce(t, tg, public, Options{})
	if res.Sent != 6 || res.Deleted != 1 {
		t.Errorf("the new site: %+v", res)
	}
	sameTree(t, public, host)

	res = deployOnce(t, tg, public, Options{Force: true})
	if res.Sent != len(newSite) || res.Unchanged != 0 {
		t.Errorf("--force: %+v", res)
	}
	sameTree(t, public, host)
}

func cloneMap(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// cutTarget fails every call after the first n, as a network cut or Ctrl-C
// does; the call that meets the cut, if an upload, leaves half the file.
type cutTarget struct {
	Target
	n, calls int
}

var errCut = errors.New("the cable was pulled")

func (c *cutTarget) cut() bool {
	c.calls++
	return c.calls > c.n
}

func (c *cutTarget) ReadFile(name string) ([]byte, error) {
	if c.cut() {
		return nil, &Error{Kind: Failed, Err: errCut}
	}
	return c.Target.ReadFile(name)
}

func (c *cutTarget) Size(name string) (int64, error) {
	if c.cut() {
		return 0, &Error{Kind: Failed, Err: errCut}
	}
	return c.Target.Size(name)
}

func (c *cutTarget) MkdirAll(dir string) error {
	if c.cut() {
		return &Error{Kind: Failed, Err: errCut}
	}
	return c.Target.MkdirAll(dir)
}

func (c *cutTarget) Put(name string, r io.Reader) error {
	if c.cut() {
		b, _ := io.ReadAll(r)
		c.Target.Put(name, bytes.NewReader(b[:len(b)/2]))
		return &Error{Kind: Failed, Err: errCut}
	}
	return c.Target.Put(name, r)
}

func (c *cutTarget) Rename(from, to string) error {
	if c.cut() {
		return &Error{Kind: Failed, Err: errCut}
	}
	return c.Target.Rename(from, to)
}

func (c *cutTarget) Remove(name string) error {
	if c.cut() {
		return &Error{Kind: Failed, Err: errCut}
	}
	return c.Target.Remove(name)
}

// liveConsistent checks what readers see on the host after a cut: each
// file old or new, whole; a page new only once every asset is, the home
// page, feeds and sitemap only once every page is; nothing deleted before
// every new file is in place.
func liveConsistent(t *testing.T, host string, n int) {
	t.Helper()
	got := readTree(t, host)
	state := map[string]string{} // path → "old" or "new" (or both when equal)
	for _, name := range union(oldSite, newSite) {
		g, there := got[name]
		o, inOld := oldSite[name]
		w, inNew := newSite[name]
		switch {
		case o == w && inOld && inNew:
			if g != o {
				t.Errorf("cut after %d calls: unchanged %s is %q", n, name, g)
			}
			continue
		case there && inOld && g == o, !there && !inOld:
			state[name] = "old"
		case there && inNew && g == w, !there && !inNew:
			state[name] = "new"
		default:
			t.Errorf("cut after %d calls: %s is neither old nor new: %q", n, name, g)
		}
	}
	maxNew, minOld := 0, 5
	deleted := false
	for name, s := range state {
		_, inNew := newSite[name]
		switch {
		case s == "new" && !inNew:
			deleted = true
		case s == "new":
			maxNew = max(maxNew, rank(name))
		case inNew:
			minOld = min(minOld, rank(name))
		}
	}
	if maxNew > minOld {
		t.Errorf("cut after %d calls: a file of rank %d is new while one of rank %d is old: %v", n, maxNew, minOld, state)
	}
	if deleted && minOld < 5 {
		t.Errorf("cut after %d calls: a file was deleted before every new one was in place: %v", n, state)
	}
}

func union(a, b map[string]string) []string {
	var out []string
	for k := range a {
		out = append(out, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// TestFileDeployCutAnywhere cuts a deploy after every possible number of
// calls to the host, twice in a row, and checks the live site after each
// cut and the host after the run that finishes.
func TestFileDeployCutAnywhere(t *testing.T) {
	for n := 0; ; n++ {
		base := t.TempDir()
		public, host := filepath.Join(base, "public"), filepath.Join(base, "host")
		os.Mkdir(host, 0o755)
		tg, err := openFile(fileURL(host))
		if err != nil {
			t.Fatal(err)
		}
		writeTree(t, public, oldSite)
		deployOnce(t, tg, public, Options{})
		writeTree(t, public, newSite)
		full := deployPlanBytes(t, tg, public)

		_, err = Run(context.Background(), &cutTarget{Target: tg, n: n}, Options{Public: public})
		if err == nil {
			sameTree(t, public, host)
			if n < 10 {
				t.Fatalf("a deploy cut after %d calls succeeded", n)
			}
			return // n is past the last call: every cut was tried
		}
		if !errors.Is(err, errCut) {
			t.Fatalf("cut after %d: %v", n, err)
		}
		liveConsistent(t, host, n)
		// Cut the resumed deploy too, as a flaky line does.
		if _, err := Run(context.Background(), &cutTarget{Target: tg, n: n}, Options{Public: public}); err != nil {
			liveConsistent(t, host, n)
		}
		res := deployOnce(t, tg, public, Options{})
		sameTree(t, public, host)
		if res.SentBytes > full {
			t.Errorf("cut after %d: the resumed deploy sent %d bytes, more than the whole %d", n, res.SentBytes, full)
		}
	}
}

// deployPlanBytes is how many bytes a deploy of public/ would send.
func deployPlanBytes(t *testing.T, tg Target, public string) int64 {
	return deployOnce(t, tg, public, Options{DryRun: true}).Bytes
}

// TestCtrlC cancels a deploy in the middle of an upload, as Ctrl-C does:
// it stops with Interrupted, the live site is the old one, and the next run
// finishes.
func TestCtrlC(t *testing.T) {
	base := t.TempDir()
	public, host := filepath.Join(base, "public"), filepath.Join(base, "host")
	os.Mkdir(host, 0o755)
	tg, _ := openFile(fileURL(host))
	writeTree(t, public, oldSite)
	deployOnce(t, tg, public, Options{})
	writeTree(t, public, newSite)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Run(ctx, &cancelOnPut{Target: tg, cancel: cancel}, Options{Public: public})
	if KindOf(err) != Interrupted {
		t.Fatalf("got %v", err)
	}
	if got := readTree(t, host)["index.html"]; got != oldSite["index.html"] {
		t.Errorf("the home page changed: %q", got)
	}
	liveConsistent(t, host, -1)
	deployOnce(t, tg, public, Options{})
	sameTree(t, public, host)
}

// cancelOnPut presses Ctrl-C while the first upload is being read.
type cancelOnPut struct {
	Target
	cancel func()
}

func (c *cancelOnPut) Put(name string, r io.Reader) error {
	if strings.Contains(name, JournalName) {
		return c.Target.Put(name, r)
	}
	c.cancel()
	return c.Target.Put(name, r)
}
