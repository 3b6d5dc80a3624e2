package incidents

import (
	"sync"

	"github.com/preflight-dev/preflight/checker"
)

// LazyFinder is a Finder built on first need: a one-post check whose
// findings are all below medium severity (most posts) never reads the
// library, which is the largest part of the command line's start-up. It
// is safe for concurrent use; the library is read at most once.
type LazyFinder struct {
	build func() (*Finder, error)
}

// NewLazyFinder returns a Finder over the library load returns, calling
// load the first time a report has a finding to cite against (or Ready is
// called).
func NewLazyFinder(load func() (*Library, error)) *LazyFinder {
	return &LazyFinder{build: sync.OnceValues(func() (*Finder, error) {
		l, err := load()
		if err != nil {
			return nil, err
		}
		return NewFinder(l), nil
	})}
}

// NewDefaultLazyFinder returns a LazyFinder over the embedded library,
// read on first need from the generated precedent index (DefaultFinder).
func NewDefaultLazyFinder() *LazyFinder {
	return &LazyFinder{build: sync.OnceValues(DefaultFinder)}
}

// Ready reads the library now and returns its error, for callers that
// want a bad library reported at start-up (a long-running service).
func (z *LazyFinder) Ready() error {
	_, err := z.build()
	return err
}

// Annotate does what Finder.Annotate does, reading the library only when
// a finding of at least medium severity has no precedent yet. When the
// library cannot be read the report is left as it is; Ready returns the
// error.
func (z *LazyFinder) Annotate(rep *checker.Report) {
	if !wantsPrecedent(rep) {
		return
	}
	if f, err := z.build(); err == nil {
		f.Annotate(rep)
	}
}

// wantsPrecedent reports whether Annotate would look for a precedent for
// any of the report's findings.
func wantsPrecedent(rep *checker.Report) bool {
	for i := range rep.Findings {
		if fd := &rep.Findings[i]; fd.Severity >= checker.SeverityMedium && !hasPrecedent(fd.Evidence) {
			return true
		}
	}
	return false
}
