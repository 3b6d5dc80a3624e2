package calendar

import (
	"testing"

	"github.com/preflight-dev/preflight/text"
)

// TestCover: a span overlaps the covered runes exactly when it shares one
// with some hit, touching ends do not count.
func TestCover(t *testing.T) {
	c := newCover([]hit{{span: text.Span{Start: 2, End: 5}}, {span: text.Span{Start: 4, End: 8}}, {span: text.Span{Start: 12, End: 13}}})
	for _, tc := range []struct {
		sp   text.Span
		want bool
	}{
		{text.Span{Start: 0, End: 2}, false}, {text.Span{Start: 0, End: 3}, true}, {text.Span{Start: 7, End: 9}, true},
		{text.Span{Start: 8, End: 12}, false}, {text.Span{Start: 12, End: 20}, true}, {text.Span{Start: 13, End: 20}, false},
		{text.Span{Start: 40, End: 50}, false},
	} {
		if got := c.overlaps(tc.sp); got != tc.want {
			t.Errorf("overlaps(%v) = %v, want %v", tc.sp, got, tc.want)
		}
	}
	if newCover(nil).overlaps(text.Span{Start: 0, End: 3}) {
		t.Error("an empty cover overlaps nothing")
	}
}
