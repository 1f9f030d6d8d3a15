package publish

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// benchItems and benchPictures shape a site like a 10,000-item one that
// was measured: 18,256 files in about 10,300 folders, most of them one
// page's folder with its index.html and often a picture.
const (
	benchItems    = 10_000
	benchPictures = 8_000
	benchTags     = 256
)

// benchFiles calls put with every file of the benchmark site; the pages
// of the first edits items differ from the first build's.
func benchFiles(edits int, put func(rel string, data []byte, edited bool)) {
	body := bytes.Repeat([]byte("Ủy ban nhân dân xã thông báo lịch tiếp công dân. "), 24)
	for i := range benchItems {
		dir := fmt.Sprintf("tin-tuc/%d/bai-%d", 2015+i%10, i)
		page := fmt.Appendf(nil, "<h1>Bài %d</h1>", i)
		if i < edits {
			page = fmt.Appendf(page, "<p>sửa lúc %d</p>", time.Now().UnixNano())
		}
		put(dir+"/index.html", append(page, body...), i < edits)
		if i < benchPictures {
			put(dir+"/anh.webp", append(fmt.Appendf(nil, "RIFF%d", i), bytes.Repeat(body, 4)...), false)
		}
	}
	for i := range benchTags {
		put(fmt.Sprintf("the/the-%d/index.html", i), append(fmt.Appendf(nil, "<h1>Thẻ %d</h1>", i), body...), false)
	}
}

// BenchmarkPublish rebuilds that site into a destination that holds its
// first build: nothing changed, one page edited, or many. "keep" hands
// the unchanged files to Keep, as a builder with a cache of its outputs
// can, where the stage has it (it uses only the API of Begin's day, so
// that it runs against older code too). commit-ms is the time in Commit.
//
//	go test ./generator/publish/ -run '^$' -bench Publish -benchtime 3x
func BenchmarkPublish(b *testing.B) {
	for _, tt := range []struct {
		name  string
		edits int
		keep  bool
	}{
		{"unchanged", 0, false},
		{"one-page", 1, false},
		{"unchanged-keep", 0, true},
		{"one-page-keep", 1, true},
		{"500-pages-keep", 500, true},
		{"2000-pages-keep", 2000, true},
	} {
		b.Run(tt.name, func(b *testing.B) {
			dest := filepath.Join(b.TempDir(), "public")
			benchPublish(b, dest, 0, false)
			var commit time.Duration
			b.ResetTimer()
			for range b.N {
				commit += benchPublish(b, dest, tt.edits, tt.keep)
			}
			b.ReportMetric(float64(commit.Milliseconds())/float64(b.N), "commit-ms/op")
		})
	}
}

// benchPublish publishes the benchmark site once and returns how long
// Commit took.
func benchPublish(b *testing.B, dest string, edits int, keep bool) time.Duration {
	s, err := Begin(dest)
	if err != nil {
		b.Fatal(err)
	}
	benchFiles(edits, func(rel string, data []byte, edited bool) {
		if keep && !edited && keepFile(s, dest, rel) == nil {
			return
		}
		if err := s.WriteFile(rel, data); err != nil {
			b.Fatal(err)
		}
	})
	start := time.Now()
	if _, err := s.Commit(); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}
