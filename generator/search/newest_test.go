package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"loa/generator/vi"
)

// newsCorpus makes n news items of made-up Vietnamese syllables, drawn so
// that a few are common and most are rare, as in real text; the same n
// gives the same items, dated a day apart, oldest first.
func newsCorpus(n int) []Doc {
	onsets := []string{"", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s", "t", "th", "tr", "v", "x"}
	rhymes := strings.Fields("a á à ả ạ ai ái ài an án àn ang áng ăn ắn ằn âm ấm ầm ây ấy ầy em ên ến ề ình inh ỉnh ong óng ồ ông ống ơ ớ ờ ơn ung úng ừ ương ướng ường uyên uyết iệt iêu")
	var voc []string
	for _, o := range onsets {
		for _, r := range rhymes {
			voc = append(voc, o+r)
		}
	}
	// Shuffled once, so that common syllables are spread over the alphabet.
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(voc), func(i, j int) { voc[i], voc[j] = voc[j], voc[i] })
	zipf := rand.NewZipf(r, 1.1, 2, uint64(len(voc)-1))
	text := func(syllables int) string {
		w := make([]string, syllables)
		for i := range w {
			w[i] = voc[zipf.Uint64()]
		}
		return strings.Join(w, " ")
	}
	sections := []string{"Tin tức", "Thông báo", "Sự kiện"}
	tags := []string{"Giáo dục", "Y tế", "Giao thông", "Nông thôn mới", "Chuyển đổi số"}
	start := time.Date(2015, 1, 1, 8, 0, 0, 0, time.UTC)
	docs := make([]Doc, n)
	for i := range docs {
		t := start.AddDate(0, 0, i)
		docs[i] = Doc{
			Title: text(8), Lead: text(20), Body: body(text(200)),
			Section: sections[i%len(sections)], Terms: []string{tags[i%len(tags)]},
			URL: fmt.Sprintf("/tin-tuc/%05d/", i), Time: t, Year: t.Year(), Date: vi.Date(t),
		}
	}
	return docs
}

func buildFiles(docs []Doc) map[string][]byte {
	files := map[string][]byte{}
	Build(docs, func(f File) { files[f.Name] = f.Data })
	return files
}

// TestAddingNewestRewritesFewFiles: a news item newer than all others
// changes the manifest, the last document shard and the shards that hold
// its keys, not the rest of the index.
func TestAddingNewestRewritesFewFiles(t *testing.T) {
	const n = 5000
	docs := newsCorpus(n + 1)
	before := buildFiles(docs[:n])
	// The next item of the corpus, shortened to a paragraph: its syllables
	// are the site's.
	common := docs[n]
	common.Lead = strings.Join(strings.Fields(common.Lead)[:8], " ")
	common.Body = body(strings.Join(strings.Fields(bodyOf(common))[:20], " "))
	// An item in words the site never used.
	fresh := Doc{Title: "Khánh thành cầu dân sinh", Lead: "Người dân đi lại an toàn.",
		Body: body("Cầu mới bắc qua kênh mương nội đồng."), Section: "Tin tức", Terms: []string{"Giao thông"},
		URL: "/tin-tuc/cau-dan-sinh/", Time: common.Time, Year: common.Year}
	for _, tt := range []struct {
		name   string
		newest Doc
	}{{"in the site's words", common}, {"in new words", fresh}} {
		t.Run(tt.name, func(t *testing.T) {
			after := buildFiles(append(slices.Clone(docs[:n]), tt.newest))
			keys := docKeys(tt.newest)
			var differ, others []string
			for name, data := range after {
				if bytes.Equal(before[name], data) {
					continue
				}
				differ = append(differ, name)
				if name != "manifest.json" && name != fmt.Sprintf("d/%d.json", n/docsPerShard) && !holdsKey(name, data, keys) {
					others = append(others, name)
				}
			}
			for name := range before {
				if _, ok := after[name]; !ok {
					differ = append(differ, name)
					others = append(others, name)
				}
			}
			slices.Sort(differ)
			slices.Sort(others)
			if len(differ) > len(keys)+3 || len(differ)*10 >= len(after) {
				t.Errorf("adding the newest item changed %d of %d files, want at most its %d keys + 3 and under 10%%: %v",
					len(differ), len(after), len(keys), few(differ))
			}
			// A new key may become the first of a shard, which then has a
			// new name, or a cut may move by a key: two files, rarely.
			if len(others) > 2 {
				t.Errorf("adding the newest item changed %d files that hold none of its keys: %v", len(others), few(others))
			}
			t.Logf("%d of %d files changed for a new item of %d keys; %d hold none of its keys", len(differ), len(after), len(keys), len(others))
		})
	}
}

// few is the first names of a long list, for a message.
func few(names []string) []string {
	if len(names) > 12 {
		return append(names[:12:12], "…")
	}
	return names
}

// holdsKey reports whether the term or pair shard name, holding data,
// holds one of keys.
func holdsKey(name string, data []byte, keys map[string]bool) bool {
	var shard map[string]json.RawMessage
	if !strings.HasPrefix(name, "t/") && !strings.HasPrefix(name, "p/") || json.Unmarshal(data, &shard) != nil {
		return false
	}
	for k := range shard {
		if keys[name[:2]+k] {
			return true
		}
	}
	return false
}

// docKeys are the folded syllables and adjacent pairs of d's fields, the
// keys whose postings it adds to: "t/" and "p/" before them, as their
// shards' folders.
func docKeys(d Doc) map[string]bool {
	keys := map[string]bool{}
	for _, f := range append([]string{d.Title, d.Lead, bodyOf(d), d.Section}, d.Terms...) {
		prev := ""
		for i, s := range vi.Syllables(f) {
			k := vi.Fold(s)
			keys["t/"+k] = true
			if prev != "" && i < pairSyllables {
				keys["p/"+prev+" "+k] = true
			}
			prev = k
		}
	}
	return keys
}

// TestShardsAsTheReaderFindsThem: search.js finds a key's shard by a
// binary search of the manifest's first keys and fetches the file named
// by the first key it lands on; every key must be in that file, and the
// shards' sizes stay near shardBytes.
func TestShardsAsTheReaderFindsThem(t *testing.T) {
	files := buildFiles(newsCorpus(3000))
	var m manifest
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []struct {
		name  string
		heads []string
	}{{"t/", m.Terms}, {"p/", m.Pairs}} {
		shards, total := 0, 0
		for name := range files {
			if strings.HasPrefix(name, dir.name) {
				shards++
			}
		}
		if shards != len(dir.heads) || shards < 10 || dir.heads[0] != "" {
			t.Fatalf("%s: %d files for %d first keys in the manifest, want as many, at least 10, the first \"\"", dir.name, shards, len(dir.heads))
		}
		for s, head := range dir.heads {
			name := dir.name + ShardName(head) + ".json"
			var shard map[string]json.RawMessage
			if err := json.Unmarshal(files[name], &shard); err != nil {
				t.Fatalf("%s, the shard of %q: %v", name, head, err)
			}
			if _, ok := shard[head]; !ok && s > 0 {
				t.Errorf("%s lacks its first key %q", name, head)
			}
			for k := range shard {
				if k < head || s+1 < len(dir.heads) && k >= dir.heads[s+1] {
					t.Errorf("%s holds %q, which the reader looks for in another shard", name, k)
				}
			}
			if len(shard) > 1 && len(files[name]) > maxShard+1024 {
				t.Errorf("%s is %d bytes in %d keys, over the most of %d", name, len(files[name]), len(shard), maxShard)
			}
			total += len(files[name])
		}
		if mean := total / shards; mean < shardBytes/2 || mean > shardBytes*3/2 {
			t.Errorf("%s: shards of %d bytes on average, want about %d", dir.name, mean, shardBytes)
		}
	}
}
