package photo

import (
	"errors"
	"io/fs"
	"sync"
)

// Probe reads only the header of src.
func Probe(src []byte, maxPixels int64) (Info, error) { return Info{}, errors.New("todo") }

// Plan is the list of variants that Process makes.
func Plan(info Info, s Settings) []Size { return nil }

// Process makes the variants of src.
func Process(src []byte, s Settings) ([]Variant, error) { return nil, errors.New("todo") }

// Clean removes metadata losslessly.
func Clean(src []byte, keepCopyright bool) ([]byte, error) { return src, nil }

// Processor processes pictures with one Settings.
type Processor struct {
	mu sync.Mutex
}

// NewProcessor returns a Processor whose cache lives in dir.
func NewProcessor(s Settings, dir string, decoding int) *Processor { return &Processor{} }

// Process returns the variants of the picture fsys/name.
func (p *Processor) Process(fsys fs.FS, name string) ([]Variant, error) { return nil, errors.New("todo") }

// Prune removes unused cache entries.
func (p *Processor) Prune() error { return nil }

// Stats counts hits and misses.
func (p *Processor) Stats() (hits, misses int) { return 0, 0 }
