// Package publish is level 4 of Loa's pipeline: it minifies rendered output by
// media type and writes the site into its destination folder safely.
//
// A build writes every file into a Stage, a fresh folder beside the
// destination, and Commit swaps it in only when the whole build succeeded.
// Files whose bytes did not change are hard-linked from the old destination,
// so they keep their inode and modification time and a host sync that
// compares mtime and size moves nothing; a rebuild that changes nothing leaves
// the destination untouched.
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
