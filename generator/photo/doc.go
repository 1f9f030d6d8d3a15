// Package photo turns phone photos into small, upright pictures without hidden
// metadata: it probes headers, plans and makes resized variants, strips metadata
// losslessly and keeps processed results in a disk cache.
//
// Stage: below build (render) and publish, which call it; it knows nothing of
// pages or sites. It may import only the standard library and golang.org/x/image.
package photo
