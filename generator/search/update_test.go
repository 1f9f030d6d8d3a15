package search

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"loa/generator/vi"
)

// keyed gives each page the key a build would: a hash of what the index
// shows of it.
func keyed(docs []Doc) []Doc {
	for i := range docs {
		d := &docs[i]
		body := bodyOf(*d)
		d.Key = sha256.Sum256(fmt.Appendf(nil, "%q %q %q %q %q %q %d %v %d", d.Title, d.Lead, body, d.Section, d.URL, d.Date, d.Time.UnixNano(), d.Terms, d.Year))
	}
	return docs
}

// newer are pages after the corpus of newsCorpus(n): in words and
// spellings the site never used, one of them sorting before every
// syllable of the site (a number), in a new section, and of a new year.
func newer(n int) []Doc {
	at := func(day int) time.Time { return time.Date(2015, 1, 1, 8, 0, 0, 0, time.UTC).AddDate(0, 0, n+day) }
	late := time.Date(2031, 2, 3, 9, 0, 0, 0, time.UTC)
	return keyed([]Doc{
		{Title: "Xoáy thuận nhiệt đới đổ bộ", Lead: "Mã số 2031 của cơn bão.", Body: body("Người dân đi lại an toàn; MÃ SỐ ghi rõ."),
			Section: "Tin tức", Terms: []string{"Thời tiết"}, URL: "/tin-tuc/xoay-thuan/", Time: at(0), Year: at(0).Year(), Date: vi.Date(at(0))},
		{Title: "Phóng sự: Ánh sáng vùng cao", Lead: "Ghi chép.", Body: body("Điện về bản."),
			Section: "Phóng sự", URL: "/phong-su/anh-sang/", Time: at(1), Year: at(1).Year(), Date: vi.Date(at(1))},
		{Title: "Đón năm mới", Lead: "Pháo hoa.", Body: body("Đêm giao thừa rực rỡ."),
			Section: "Sự kiện", Terms: []string{"Giáo dục"}, URL: "/su-kien/nam-moi/", Time: late, Year: 2031, Date: vi.Date(late)},
		{Title: "Đón năm mới, phần hai", Lead: "Pháo hoa.", Body: body("Đêm giao thừa rực rỡ hơn."),
			Section: "Sự kiện", URL: "/su-kien/nam-moi-2/", Time: late.Add(time.Hour), Year: 2031, Date: vi.Date(late)},
	})
}

// through encodes ix and decodes it again, as a build keeps it.
func through(t testing.TB, ix *Index) *Index {
	t.Helper()
	var b bytes.Buffer
	if err := ix.Encode(&b, []byte("thử")); err != nil {
		t.Fatal(err)
	}
	got, err := Decode(bytes.NewReader(b.Bytes()), int64(b.Len()), []byte("thử"))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func update(prev *Index, docs []Doc) (*Index, int, map[string][]byte) {
	files := map[string][]byte{}
	ix, read := Update(prev, docs, func(f File) { files[f.Name] = f.Data })
	return ix, read, files
}

func sameFiles(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if !bytes.Equal(got[name], want[name]) {
			t.Errorf("%s: %s differs from a build from nothing's", what, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: %s, which a build from nothing has not", what, name)
		}
	}
}

// TestUpdateAppendsAsBuildWrites: pages appended to a kept index, one
// step or two, give the files of a build from nothing, byte for byte,
// though only the new pages are read: new syllables, new spellings of
// known ones, a syllable before all others (which moves every key's
// number), a new section (which renumbers every page's), a new year.
func TestUpdateAppendsAsBuildWrites(t *testing.T) {
	const n = 1000
	docs := keyed(newsCorpus(n))
	all := append(slices.Clone(docs), newer(n)...)
	want := buildFiles(all)
	shuffled := slices.Clone(all)
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })

	ix, read, _ := update(nil, docs)
	if read != n {
		t.Fatalf("a build from nothing read %d pages, want %d", read, n)
	}
	got, read, files := update(through(t, ix), shuffled)
	if read != len(all)-n {
		t.Errorf("appending read %d pages, want the %d new ones", read, len(all)-n)
	}
	sameFiles(t, "appended at once", files, want)
	if _, _, again := update(through(t, got), all); len(again) != len(want) {
		t.Errorf("the appended index, kept and written again, has %d files, want %d", len(again), len(want))
	} else {
		sameFiles(t, "appended, kept, written again", again, want)
	}

	ix, _, _ = update(nil, docs)
	ix, read, _ = update(through(t, ix), all[:n+2])
	_, read2, files := update(through(t, ix), all)
	if read != 2 || read2 != len(all)-n-2 {
		t.Errorf("appending in two steps read %d and %d pages, want 2 and %d", read, read2, len(all)-n-2)
	}
	sameFiles(t, "appended in two steps", files, want)
}

// TestUpdateReadsFromTheFirstChange: the kept index's pages are kept up
// to the first that is not, in order, the new list's (an edited, removed
// or moved page, an undated page added, which counts as the oldest, a page
// without a key); the pages from there on are read again, and the files
// are a build from nothing's, byte for byte.
func TestUpdateReadsFromTheFirstChange(t *testing.T) {
	const n = 300
	docs := keyed(newsCorpus(n))
	edit := func(i int) []Doc {
		e := slices.Clone(docs)
		e[i].Title += " (cập nhật)"
		keyed(e[i : i+1])
		return e
	}
	undated := append(slices.Clone(docs), keyed([]Doc{{Title: "Giới thiệu", URL: "/gioi-thieu/", Body: body("Cơ quan.")}})...)
	unkeyed := append(slices.Clone(docs), newer(n)...)
	unkeyed[0].Key = [32]byte{}
	moved := slices.Clone(docs)
	moved[n-1].Time = docs[n-10].Time.Add(-time.Minute) // the newest, dated back: now tenth from the end
	keyed(moved[n-1:])
	for _, tt := range []struct {
		name      string
		prev, now []Doc
		read      int
	}{
		{"the newest page edited", docs, edit(n - 1), 1},
		{"the newest page removed", docs, docs[:n-1], 0},
		{"an old page edited", docs, edit(10), n - 10},
		{"an old page removed", docs, slices.Delete(slices.Clone(docs), 5, 6), n - 6},
		{"a page dated back", docs, moved, 10},
		{"an undated page added", docs, undated, n + 1},
		{"pages without keys", unkeyed[:n], unkeyed, len(unkeyed)},
		{"the same pages", docs, docs, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ix, _, _ := update(nil, tt.prev)
			_, read, files := update(through(t, ix), tt.now)
			if read != tt.read {
				t.Errorf("read %d pages, want %d", read, tt.read)
			}
			sameFiles(t, tt.name, files, buildFiles(tt.now))
		})
	}
}

// TestUpdateAfterManyChanges: a kept index updated build after build, each
// adding, editing and removing pages anywhere, new syllables among them,
// always writes a build from nothing's files.
func TestUpdateAfterManyChanges(t *testing.T) {
	const n = 200
	rng := rand.New(rand.NewPCG(7, 8))
	docs := keyed(newsCorpus(n))
	extra := newer(n)
	ix, _, _ := update(nil, docs)
	for step := range 12 {
		docs = slices.Clone(docs)
		switch step % 4 {
		case 0: // the newest edited, with a word the site never used
			i := len(docs) - 1
			docs[i].Title += fmt.Sprintf(" Zzyzx%d", step)
			keyed(docs[i : i+1])
		case 1: // a page removed, anywhere
			i := rng.IntN(len(docs))
			docs = slices.Delete(docs, i, i+1)
		case 2: // a page of newer's added
			docs = append(docs, extra[step/4%len(extra)])
			docs[len(docs)-1].URL += fmt.Sprint(step)
			keyed(docs[len(docs)-1:])
		case 3: // one near the end edited, its only new word gone again
			i := len(docs) - 1 - rng.IntN(5)
			docs[i].Lead = "Tin vắn."
			keyed(docs[i : i+1])
		}
		var files map[string][]byte
		ix, _, files = update(through(t, ix), docs)
		sameFiles(t, fmt.Sprintf("step %d", step), files, buildFiles(docs))
	}
}

// TestDecodeRefusesDamage: a kept index with any byte changed, cut short,
// with bytes after it or made by another identity is refused, never taken
// for an index, and never crashes the reader.
func TestDecodeRefusesDamage(t *testing.T) {
	ix, _, _ := update(nil, newer(0))
	var b bytes.Buffer
	if err := ix.Encode(&b, []byte("thử")); err != nil {
		t.Fatal(err)
	}
	good := b.Bytes()
	decode := func(data []byte, id string) error {
		_, err := Decode(bytes.NewReader(data), int64(len(data)), []byte(id))
		return err
	}
	if err := decode(good, "thử"); err != nil {
		t.Fatalf("the index as written: %v", err)
	}
	for i := range good {
		for _, flip := range []byte{0x01, 0x80, 0xff} {
			bad := slices.Clone(good)
			bad[i] ^= flip
			if err := decode(bad, "thử"); !errors.Is(err, ErrState) {
				t.Fatalf("byte %d of %d changed (^%#x): %v, want ErrState", i, len(good), flip, err)
			}
		}
	}
	for _, bad := range [][]byte{good[:len(good)-1], good[:len(good)/2], nil, append(slices.Clone(good), 0)} {
		if err := decode(bad, "thử"); !errors.Is(err, ErrState) {
			t.Errorf("%d bytes of %d: %v, want ErrState", len(bad), len(good), err)
		}
	}
	if err := decode(good, "khác"); !errors.Is(err, ErrState) {
		t.Errorf("another identity: %v, want ErrState", err)
	}
}

// TestPostingsTruncate: a list cut at any document is the list of the
// documents before it, and grows from there as that list would.
func TestPostingsTruncate(t *testing.T) {
	in := []uint32{0<<4 | InTitle, 3<<4 | InTitle, 4<<4 | InBody, 900<<4 | InTags, 901<<4 | InLead, 100000<<4 | InBody, 100001<<4 | InTitle}
	for _, k := range []uint32{0, 1, 3, 4, 5, 899, 900, 901, 902, 99999, 100000, 100001, 100002, 200000} {
		var p, want postings
		for _, x := range in {
			p.add(x>>4, x&15)
			if x>>4 < k {
				want.add(x>>4, x&15)
			}
		}
		left := p.truncate(k)
		if left != (len(want.buf) > 0) || string(p.buf) != string(want.buf) || p.next != want.next {
			t.Errorf("cut at %d: %q next %d (left %v); want %q next %d", k, p.buf, p.next, left, want.buf, want.next)
		}
		p.add(k+7, InBody)
		want.add(k+7, InBody)
		if string(p.buf) != string(want.buf) {
			t.Errorf("cut at %d, then %d added: %q; want %q", k, k+7, p.buf, want.buf)
		}
	}
}

func TestPostingsExtend(t *testing.T) {
	in := []uint32{3<<4 | InTitle, 4<<4 | InBody, 900<<4 | InTags, 901<<4 | InLead, 100000<<4 | InBody}
	for cut := range in {
		var p, q postings
		for _, x := range in[:cut] {
			p.add(x>>4, x&15)
		}
		for _, x := range in[cut:] {
			q.add(x>>4, x&15)
		}
		p.extend(q)
		if got := decode(string(p.buf)); !slices.Equal(got, in) || p.next != 100001 {
			t.Errorf("%v extended by %v = %v (next %d)", in[:cut], in[cut:], got, p.next)
		}
	}
}
