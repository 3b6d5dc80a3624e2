package calendar

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
)

// FuzzCalendarRules checks the calendar rules' invariants on any text, on
// a solemn day and on a greeting day: findings point at whole characters
// of the text the user wrote, and the match is what the span holds.
func FuzzCalendarRules(f *testing.F) {
	for _, s := range []string{"Happy Mother’s Day!", "#PearlHarbor with us", "40% off", "God 17. mai", "9/11", "ÅÄÖ ǅ ﬁ", "'''", "#", "a'",
		"Happy Memorial Day! 40% off grills", "St. Patrick's Day party 🎉", "Happy Sunday, everyone!", "gluten-free 9/11 $",
		"Treat yourself with cheese. Now in all stores. #MemorialDay", "$5 £ 3 kr"} {
		f.Add(s)
	}
	e := engine(f, Options{})
	days := []string{"2026-05-25T14:00:00Z", "2026-09-11T14:00:00Z", "2026-03-17T12:00:00Z"}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		n := utf8.RuneCountInString(s)
		for _, when := range days {
			rep, err := e.Check(context.Background(), checker.Post{Text: s, ScheduledAt: at(when), Regions: []string{"US", "GB"}})
			if err != nil {
				return
			}
			for _, fd := range rep.Findings {
				if !fd.HasSpan() || fd.Field != "" {
					continue
				}
				if *fd.Start < 0 || *fd.End > n || *fd.Start >= *fd.End {
					t.Fatalf("%q: span [%d,%d) of %d", s, *fd.Start, *fd.End, n)
				}
				if got := string([]rune(s)[*fd.Start:*fd.End]); got != fd.Match {
					t.Fatalf("%q: match %q, span holds %q", s, fd.Match, got)
				}
			}
		}
	})
}
