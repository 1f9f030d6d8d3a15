// Command check looks at published photos: for each JPEG it prints its
// size, whether it is upright (the generated scenes have a sky brighter than
// the ground, so the top must be brighter than the bottom) and which
// metadata segments it still carries.
//
//	go run ./bench/photos/check FILE...
//	go run ./bench/photos/check -summary -dir OUT
//
// Each line reads: FILE WIDTHxHEIGHT upright|NOT-UPRIGHT (top, bottom) exif=no|yes gps=no|yes
// and the exit code is 1 when a file is not upright or carries EXIF.
// With -summary, one line of counts over the files (or every .jpg under
// -dir), checked on all cores.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// result is what check found in one file.
type result struct {
	line                    string
	ok, read, up, exif, gps bool
	w, h                    int
}

func main() {
	summary := flag.Bool("summary", false, "print counts instead of a line per file")
	dir := flag.String("dir", "", "check every .jpg under this folder too")
	flag.Parse()
	names := flag.Args()
	if *dir != "" {
		err := filepath.WalkDir(*dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".jpg") {
				names = append(names, p)
			}
			return err
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "check:", err)
			os.Exit(2)
		}
	}
	res := make([]result, len(names))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				res[i] = check(names[i])
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	bad := false
	var read, up, exif, gps, portrait int
	for _, r := range res {
		if !*summary {
			fmt.Println(r.line)
		}
		bad = bad || !r.ok
		if r.read {
			read++
		}
		if r.up {
			up++
		}
		if r.exif {
			exif++
		}
		if r.gps {
			gps++
		}
		if r.h > r.w {
			portrait++
		}
	}
	if *summary {
		fmt.Printf("%d JPEGs, %d decoded, %d upright, %d not upright, %d portrait, %d with EXIF, %d with GPS\n",
			len(res), read, up, read-up, portrait, exif, gps)
	}
	if bad {
		os.Exit(1)
	}
}

func check(name string) result {
	b, err := os.ReadFile(name)
	if err != nil {
		return result{line: fmt.Sprintf("%s error: %v", name, err)}
	}
	img, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		return result{line: fmt.Sprintf("%s error: %v", name, err)}
	}
	r := img.Bounds()
	top, bottom := meanLuma(img, r.Min.Y, r.Min.Y+r.Dy()/8), meanLuma(img, r.Max.Y-r.Dy()/8, r.Max.Y)
	up := top > bottom+20
	exif, gps := metadata(b)
	word := map[bool]string{true: "yes", false: "no"}
	state := "upright"
	if !up {
		state = "NOT-UPRIGHT"
	}
	return result{
		line: fmt.Sprintf("%s %dx%d %s (top %.0f, bottom %.0f) exif=%s gps=%s", name, r.Dx(), r.Dy(), state, top, bottom, word[exif], word[gps]),
		ok:   up && !exif && !gps, read: true, up: up, exif: exif, gps: gps, w: r.Dx(), h: r.Dy(),
	}
}

// meanLuma is the mean brightness of rows y0 to y1, every fourth pixel.
func meanLuma(img image.Image, y0, y1 int) float64 {
	var sum, n float64
	r := img.Bounds()
	for y := y0; y < y1; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 4 {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			sum += (0.299*float64(cr) + 0.587*float64(cg) + 0.114*float64(cb)) / 257
			n++
		}
	}
	return sum / max(n, 1)
}

// metadata walks the JPEG's segments up to the scan and reports an EXIF
// APP1 segment and GPS data in it (the GPSInfo tag, 0x8825, in either byte
// order).
func metadata(b []byte) (exif, gps bool) {
	for i := 2; i+4 <= len(b) && b[i] == 0xFF; {
		m := b[i+1]
		if m == 0xDA || m == 0xD9 {
			break
		}
		n := int(b[i+2])<<8 | int(b[i+3])
		end := min(i+2+n, len(b))
		seg := b[i+4 : end]
		if m == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			exif = true
			gps = gps || bytes.Contains(seg, []byte{0x25, 0x88, 4, 0}) || bytes.Contains(seg, []byte{0x88, 0x25, 0, 4})
		}
		i = end
	}
	return exif, gps
}
