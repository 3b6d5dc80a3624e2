package news_test

import (
	"context"
	"slices"
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

// TestTragedyOverlapNameWords: a word of a multi-word name stands for the
// name when it is the name's last word (a surname, "Vegas"; regnal numbers
// do not count) or rare in English ("Kobe"); a common given name or word
// at its start ("David" of a singer who died, "Dark" of a film) does not,
// so a customer called David is not "in the news".
func TestTragedyOverlapNameWords(t *testing.T) {
	at := mustTime("2031-01-11T12:00:00Z")
	e := newEngine(t, []checker.Article{
		{ID: "d1", Title: "David Quellbrook, rock star, dies at 69", Summary: "The singer David Quellbrook has died of cancer, his family said.",
			URL: "https://example.test/d1", Published: mustTime("2031-01-11T07:00:00Z")},
		{ID: "d2", Title: "Queen Maribel II dies aged 96", Summary: "Queen Maribel II of Ostland has died; the country mourns.",
			URL: "https://example.test/d2", Published: mustTime("2031-01-11T06:00:00Z")},
		{ID: "d3", Title: "Gunman kills 12 at a screening of The Dark Harbour in Tollmere", Summary: "A gunman opened fire in a Tollmere cinema.",
			URL: "https://example.test/d3", Published: mustTime("2031-01-11T05:00:00Z")},
	})
	for _, c := range []struct {
		text string
		want bool
	}{
		{"Hi David, your order ships today!", false},
		{"Dark mode is here: try it today!", false},
		{"Quellbrook forever: 20% off vinyl today!", true},
		{"Maribel, our queen: 20% off all tea sets today!", true},
	} {
		rep, err := e.Check(context.Background(), checker.Post{Text: c.text, ScheduledAt: at})
		if err != nil {
			t.Fatal(err)
		}
		got := slices.ContainsFunc(rep.Findings, func(f checker.Finding) bool { return f.Rule == "news.tragedy_overlap" })
		if got != c.want {
			t.Errorf("%q: tragedy_overlap %v, want %v (%+v)", c.text, got, c.want, rep.Findings)
		}
	}
}
