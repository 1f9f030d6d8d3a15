// Package deploy is level 5 of Loa's pipeline, beside publish: where publish
// writes a build into the local public/ folder, deploy copies that folder to
// a host, for `loa deploy`. It is imported only by cli.
//
// A Target is the host's folder, reached by file://, sftp:// (file.go,
// sftp.go) or ftp:// and ftps:// (ftp.go). What moves is decided by a
// manifest of content hashes kept on the host (manifest.go) and a plan
// (plan.go): new and changed files go up under temporary names, are renamed
// into place assets first and the home page last, and only then are stale
// files deleted and the new manifest written. A journal written on the host
// before the first upload lets the next run resume a deploy that was cut
// (run.go). Errors carry a kind and a Vietnamese hint (errors.go); transient
// network errors are retried with backoff (target.go).
//
// It imports config and vi from Loa and, alone in Loa, github.com/pkg/sftp,
// golang.org/x/crypto/ssh (with knownhosts and agent),
// github.com/jlaffaye/ftp and golang.org/x/term.
package deploy
