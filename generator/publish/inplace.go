package publish

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// inPlaceFloor and inPlaceShare bound the changes Commit applies in place:
// written files plus files to remove.
//
// In place costs a rename or an unlink per change; the exchange costs a
// folder and a hard link per unchanged folder and file, then an unlink
// per old one. Measured on two busy cores and a virtual disk, with a site
// of 18,256 files in 10,000 folders: 500 pages changed took 0.2 to 0.4 s
// in place, beyond the 0.2 to 0.35 s walk both paths make, and the
// exchange 5.5 s. The exchange is never the cheaper; what it buys is that
// the whole site changes at one instant, where in place a reader may meet
// new pages beside old ones for as long as the renames take. So in place
// takes what is a small edit for any site, up to 500 changes (a new post
// with its lists, tags and feeds), or a quarter of a large one: on a site
// of 10,000 items a new item changes a fifth of the files, as every page
// of the home's, its section's and its terms' lists moves by one and the
// search index numbers its pages anew; a theme or menu edit that changes
// more gets the one instant. A site whose files
// mostly changed gets it whatever its size: the stage then holds most of
// the new tree already, and the exchange costs little more.
const (
	inPlaceFloor = 500
	inPlaceShare = 4 // a quarter
)

// fewChanges is the default choice of Stage.inPlace: changes out of files,
// the outputs and the files to remove.
func fewChanges(changes, files int) bool {
	return changes <= max(inPlaceFloor, files/inPlaceShare) && 2*changes <= files
}

// journal lists what an in-place commit does, as slash-separated paths
// relative to the destination, so that the next Begin can finish a commit
// that was killed. It is saved beside the stage as STAGE.journal before
// the first change, and removed after the last.
type journal struct {
	Version int      `json:"version"`
	Rename  []string `json:"rename"` // files moved from the stage over the destination's
	Remove  []string `json:"remove"` // files of the destination no output claimed
	Rmdir   []string `json:"rmdir"`  // folders left without outputs, innermost first
}

const journalVersion = 1

// applyInPlace changes the destination file by file.
func (s *Stage) applyInPlace(st Stats, sc destScan) (Stats, error) {
	j := journal{Version: journalVersion, Remove: sc.remove, Rmdir: sc.empty}
	for rel, f := range s.outputs {
		if f == written {
			j.Rename = append(j.Rename, rel)
		}
	}
	if len(j.Rename)+len(j.Remove)+len(j.Rmdir) == 0 {
		if err := os.RemoveAll(s.dir); err != nil {
			return st, fmt.Errorf("commit: remove stage %s: %w", s.dir, err)
		}
		return st, nil
	}
	// Sorted, the folders a file needs are made just before it.
	slices.Sort(j.Rename)
	name := s.dir + ".journal"
	if err := j.save(name); err != nil {
		os.Remove(name)
		os.RemoveAll(s.dir)
		return Stats{}, fmt.Errorf("commit: %w", err)
	}
	moveErr, removeErr := j.apply(s.dir, s.dest, s.renameRetry, s.step)
	if moveErr != nil {
		// The journal stays, for the next build to try again.
		return Stats{}, fmt.Errorf("commit: the site is partly published, the next build finishes it: %w", moveErr)
	}
	os.Remove(name)
	os.RemoveAll(s.dir)
	if removeErr != nil {
		return st, fmt.Errorf("commit: site published, but removing an old file failed: %w", removeErr)
	}
	return st, nil
}

// save writes the journal to name. A journal cut short by a kill does not
// parse, and is then known to have been saved before any change.
func (j *journal) save(name string) error {
	data, err := json.Marshal(j)
	if err != nil {
		return err
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return fmt.Errorf("save the journal: %w", err)
	}
	return nil
}

// apply makes the journal's changes to dest, moving files from stage. Each
// step is one that can be made twice: a file missing from the stage was
// moved already, and a file or folder already gone is skipped. It stops at
// the first file it cannot move, before removing anything, and returns
// that failure; removals go on past failures, returning the first. step,
// if not nil, is called before the first change and after each.
func (j *journal) apply(stage, dest string, rename func(from, to string) error, step func()) (moveErr, removeErr error) {
	if step == nil {
		step = func() {}
	}
	step()
	made := make(map[string]bool) // folders of dest known to exist
	for _, rel := range j.Rename {
		local, err := localPath(rel)
		if err != nil {
			return err, nil
		}
		if dir := filepath.Dir(local); !made[dir] {
			if err := os.MkdirAll(filepath.Join(dest, dir), 0o755); err != nil {
				return err, nil
			}
			made[dir] = true
		}
		err = rename(filepath.Join(stage, local), filepath.Join(dest, local))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err, nil
		}
		step()
	}
	for _, rel := range j.Remove {
		if err := removeIn(dest, rel); err != nil {
			removeErr = cmp.Or(removeErr, err)
		}
		step()
	}
	for _, rel := range j.Rmdir {
		removeIn(dest, rel) // a folder someone filled meanwhile stays
		step()
	}
	return nil, removeErr
}

// removeIn removes the file or empty folder rel of dest, if it is there.
func removeIn(dest, rel string) error {
	local, err := localPath(rel)
	if err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(dest, local)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// finishJournal completes, as far as it can, the in-place commit whose
// journal a killed or failed build left in the file name: a file it cannot
// move is dropped with the stage, and the destination keeps the old one,
// whole, for the next Commit to replace.
func finishJournal(name, stage, dest string) {
	data, err := os.ReadFile(name)
	if err != nil {
		return
	}
	var j journal
	if json.Unmarshal(data, &j) != nil || j.Version != journalVersion {
		return // cut short, so saved before any change; or not ours to read
	}
	j.apply(stage, dest, os.Rename, nil)
}
