package search

import (
	"bytes"
	"io"
	"testing"
)

// BenchmarkBuild indexes 10,000 made-up news items from nothing, as a
// first build does; the files are made and dropped.
func BenchmarkBuild(b *testing.B) {
	docs := keyed(newsCorpus(10000))
	b.ReportAllocs()
	for b.Loop() {
		Build(docs, func(File) {})
	}
}

// BenchmarkAppend adds one news item to a kept index of 10,000, as the
// build after it is written does: the index decoded, the item read and
// appended, every file made again, the index encoded.
func BenchmarkAppend(b *testing.B) {
	const n = 10000
	docs := keyed(newsCorpus(n + 1))
	ix, _ := Update(nil, docs[:n], func(File) {})
	var kept bytes.Buffer
	if err := ix.Encode(&kept, nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		prev, err := Decode(bytes.NewReader(kept.Bytes()), int64(kept.Len()), nil)
		if err != nil {
			b.Fatal(err)
		}
		ix, read := Update(prev, docs, func(File) {})
		if read != 1 {
			b.Fatalf("read %d pages, want 1", read)
		}
		if err := ix.Encode(io.Discard, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(kept.Len())/1e6, "MB-kept")
}
