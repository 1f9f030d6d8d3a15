package search

import "testing"

// BenchmarkBuild indexes 10,000 made-up news items from nothing, as a
// first build does; the files are made and dropped.
func BenchmarkBuild(b *testing.B) {
	docs := newsCorpus(10000)
	b.ReportAllocs()
	for b.Loop() {
		Build(docs, func(File) {})
	}
}
