package brand

import (
	"testing"

	"github.com/preflight-dev/preflight/text"
)

// TestFirstTouched: stories with the same subject share one matcher, and
// FirstTouched finds the same story and spans as trying Touches on each
// story in turn.
func TestFirstTouched(t *testing.T) {
	r := MustReader()
	recall := []string{"formula", "recall"}
	outage := []string{"app", "outage"}
	stories := []Story{
		{Subject: outage, subject: r.sharedSubjectMatcher(outage)},
		{Subject: recall, subject: r.sharedSubjectMatcher(recall)},
		{Subject: outage, subject: r.sharedSubjectMatcher([]string{"app", "outage"})},
		{Subject: recall, subject: r.sharedSubjectMatcher(recall)},
	}
	if stories[0].subject != stories[2].subject || stories[1].subject != stories[3].subject || stories[0].subject == stories[1].subject {
		t.Fatal("stories with the same subject words do not share one matcher")
	}
	for _, c := range []struct {
		post string
		want int // index of the story touched, -1 none
	}{
		{"Our new formula is here!", 1},
		{"Is the app down again?", 0},
		{"Sunny day, new shoes", -1},
	} {
		d := text.Analyse(c.post, "en")
		want := -1
		var wantSpans []text.Span
		for i, st := range stories {
			if sp := r.Touches(d, st); len(sp) > 0 {
				want, wantSpans = i, sp
				break
			}
		}
		if want != c.want {
			t.Fatalf("%q: Touches one by one found story %d, the case says %d", c.post, want, c.want)
		}
		st, spans, ok := r.FirstTouched(d, stories)
		switch {
		case want < 0 && ok:
			t.Errorf("%q: FirstTouched found %v", c.post, st.Subject)
		case want >= 0 && (!ok || st.subject != stories[want].subject || len(spans) != len(wantSpans) || spans[0] != wantSpans[0]):
			t.Errorf("%q: FirstTouched found %v %v, want story %d %v", c.post, st.Subject, spans, want, wantSpans)
		}
	}
}
