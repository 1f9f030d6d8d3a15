// Package publish is level 4 of Loa's pipeline: it minifies rendered output by
// media type and writes the site into its destination folder safely.
//
// A build hands every file to a Stage, a fresh folder beside the
// destination, and nothing of the destination changes before Commit, which
// comes only when the whole build succeeded. Files whose bytes did not
// change (or that the caller Keeps, knowing so from its own cache) stay
// the destination's: they keep their inode and modification time, so a
// host sync that compares mtime and size moves nothing. Only changed files
// are written into the stage. Commit then renames them into place one by
// one when they are few, under a journal that the next build finishes if
// this one is killed; when many changed, it fills the stage with hard
// links to the unchanged files and swaps the whole folder in at once. A
// rebuild that changes nothing leaves the destination untouched.
//
// Builds into one destination take turns: a stage holds a lock file beside
// it (.NAME.loa-lock) from Begin to Commit or Abort, and Begin, holding it,
// removes what builds killed midway left there. A write refused by the disk
// (full, read-only, not ours) stops the stage with one DiskError.
//
// It imports only the standard library, github.com/tdewolff/minify/v2 (it is
// the only package of Loa that does), golang.org/x/sys/unix on Unix systems
// and golang.org/x/sys/windows on Windows.
package publish
