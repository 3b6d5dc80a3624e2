package ruletest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

func TestParseFormatRoundTrip(t *testing.T) {
	src := "# comment\nkind: reply\n-- post at=2026-01-01T00:00:00Z --\nhello\n-- alt --\nan image\n-- want --\nx.y low \"hello\"\n"
	a := Parse([]byte(src))
	if len(a.Files) != 3 || a.Files[0].Name != "post at=2026-01-01T00:00:00Z" || a.Files[0].Line != 3 {
		t.Fatalf("parsed %+v", a.Files)
	}
	if got := string(a.Format()); got != src {
		t.Errorf("round trip:\n%s\nwant\n%s", got, src)
	}
}

func TestSplitErrors(t *testing.T) {
	for _, src := range []string{
		"-- post --\na\n-- post --\nb\n-- want --\n",
		"-- want --\n",
		"-- alt --\nx\n",
		"-- post --\na\n",
		"-- news --\nx\n",
	} {
		if _, err := split(Parse([]byte(src))); err == nil {
			t.Errorf("%q: no error", src)
		}
	}
}

func TestHeaderIsStrict(t *testing.T) {
	if _, err := parseHeader([]byte("# c\nkidn: reply\n")); err == nil || !strings.Contains(err.Error(), "kidn") {
		t.Errorf("misspelt key: %v", err)
	}
	h, err := parseHeader([]byte("at: 2026-05-17T10:00:00Z\nregions: [NO]\nnews:\n  - {title: Flood, published: 2026-05-16T10:00:00Z, crisis: disaster}\n"))
	if err != nil || h.At.Month() != 5 || len(h.News) != 1 || h.News[0].Crisis != "disaster" {
		t.Errorf("header %+v, %v", h, err)
	}
}

func TestPostOverrides(t *testing.T) {
	a := Parse([]byte("-- post regions=US,GB kind=reply lang=no --\nhei\n-- want --\n"))
	cs, err := split(a)
	if err != nil {
		t.Fatal(err)
	}
	p, err := cs[0].post(Header{})
	if err != nil || len(p.Regions) != 2 || p.Kind != "reply" || p.Language != "no" || p.Text != "hei" || p.ScheduledAt.IsZero() {
		t.Errorf("post %+v, %v", p, err)
	}
	a = Parse([]byte("-- post colour=red --\nhei\n-- want --\n"))
	cs, _ = split(a)
	if _, err := cs[0].post(Header{}); err == nil {
		t.Error("unknown option: no error")
	}
	a = Parse([]byte("-- post brand=\"Acme Bank\" platform=x # a quoted brand --\nhei\n-- want --\n"))
	cs, _ = split(a)
	if p, err := cs[0].post(Header{}); err != nil || p.Brand != "Acme Bank" || p.Platform != "x" {
		t.Errorf("quoted value: %+v, %v", p, err)
	}
	for _, bad := range []string{"-- post brand=\"Acme --\nhei\n-- want --\n", "-- post Acme Bank --\nhei\n-- want --\n"} {
		cs, _ = split(Parse([]byte(bad)))
		if _, err := cs[0].post(Header{}); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestNewsWindow: the header's news answers as an index would: nothing
// published after the query's time, only crisis articles unless asked, and
// a term must be mentioned.
func TestNewsWindow(t *testing.T) {
	h, err := parseHeader([]byte("news:\n" +
		"  - {title: Flood in Bergen, published: 2026-05-16T10:00:00Z, crisis: disaster}\n" +
		"  - {title: Bergen festival opens, published: 2026-05-16T11:00:00Z}\n" +
		"  - {title: Later flood in Bergen, published: 2026-05-18T10:00:00Z, crisis: disaster}\n"))
	if err != nil {
		t.Fatal(err)
	}
	n := memNews(h.News)
	at := time.Date(2026, 5, 17, 10, 0, 0, 0, time.UTC)
	got, _ := n.Search(context.Background(), checker.NewsQuery{At: at, Window: 48 * time.Hour, Terms: []string{"Bergen"}})
	if len(got) != 1 || got[0].Title != "Flood in Bergen" {
		t.Errorf("crisis news: %+v", got)
	}
	got, _ = n.Search(context.Background(), checker.NewsQuery{At: at, Window: 48 * time.Hour, AnyClass: true, Terms: []string{"bergen"}})
	if len(got) != 2 {
		t.Errorf("any class: %+v", got)
	}
	got, _ = n.Search(context.Background(), checker.NewsQuery{At: at, Window: time.Hour, AnyClass: true})
	if len(got) != 0 {
		t.Errorf("outside the window: %+v", got)
	}
}
