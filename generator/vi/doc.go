// Package vi handles Vietnamese text for Loa: Unicode normalisation (NFC),
// URL slugs and accent folding, dates and times, numbers, and collation in
// Vietnamese alphabetical order.
//
// It is level 1 of the pipeline: it imports only the standard library and
// golang.org/x/text, and nothing else in Loa. It holds no package-level
// mutable state; values that are not safe for concurrent use (the
// [Collator]) are constructed by the caller.
package vi
