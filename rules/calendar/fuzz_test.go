package calendar

import (
	"testing"
	"unicode/utf8"
)

// FuzzFoldWords checks the word splitter's invariants: spans are in bounds,
// non-empty, increasing and non-overlapping, and words are lower case.
func FuzzFoldWords(f *testing.F) {
	for _, s := range []string{"Happy Mother’s Day!", "#PearlHarbor with us", "40% off", "God 17. mai", "9/11", "ÅÄÖ ǅ ﬁ", "'''", "#", "a'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		n := utf8.RuneCountInString(s)
		end := 0
		for _, w := range foldWords(s) {
			if w.w == "" || w.span.Start < end || w.span.End <= w.span.Start || w.span.End > n {
				t.Fatalf("bad word %+v (previous end %d, length %d) in %q", w, end, n, s)
			}
			end = w.span.End
		}
	})
}
