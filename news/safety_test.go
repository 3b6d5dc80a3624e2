package news

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
)

// archive is an imported backtest archive: old news, as a user brings it.
func archive(n int) []checker.Article {
	out := make([]checker.Article, n)
	for i := range out {
		out[i] = checker.Article{ID: fmt.Sprintf("arch-%d", i), Title: fmt.Sprintf("Flood in Lindenfield, day %d", i),
			URL: fmt.Sprintf("https://archive.test/%d", i), Published: at("2020-01-01T00:00:00Z").Add(time.Duration(i) * time.Hour)}
	}
	return out
}

// The incident: serve pruned an archive the user had imported although
// every feed failed. Retention is off by default and, when on, prunes only
// what the poller fetched.
func TestRetentionNeverPrunesImports(t *testing.T) {
	if _, on := (Options{}).RetentionCutoff(at("2026-11-30T00:00:00Z")); on {
		t.Fatal("retention is on by default")
	}
	ctx := context.Background()
	ix := memIndex(t, archive(14))
	polled := []checker.Article{
		{ID: "p-old", Title: "Old wire story", URL: "https://wire.test/old", Published: at("2020-01-02T00:00:00Z")},
		{ID: "p-new", Title: "New wire story", URL: "https://wire.test/new", Published: at("2026-11-29T00:00:00Z")},
	}
	if _, err := ix.AddFrom(ctx, OriginPoll, polled); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.AddFrom(ctx, OriginAPI, []checker.Article{{ID: "api", Title: "Sent by a script", Published: at("2020-01-03T00:00:00Z")}}); err != nil {
		t.Fatal(err)
	}
	// Every feed fails, retention is off: the poller's round prunes nothing.
	clock := &fakeClock{t: at("2026-11-30T00:00:00Z")}
	p := NewPoller(ix, []Feed{{URL: "http://127.0.0.1:1/down"}}, PollOptions{Logger: quietLogger(), Now: clock.now, Timeout: time.Second})
	if st := p.PollOnce(ctx); st.Failed != 1 {
		t.Fatalf("poll: %+v", st)
	}
	p.prune()
	if n, _ := ix.Count(); n != 17 {
		t.Fatalf("retention off, yet the index went from 17 to %d articles", n)
	}
	// Retention on: only the old polled article goes.
	p = NewPoller(ix, nil, PollOptions{Logger: quietLogger(), Now: clock.now, Retention: 30 * 24 * time.Hour})
	p.prune()
	if n, _ := ix.Count(); n != 16 {
		t.Fatalf("after prune: %d articles, want 16 (archive 14, API 1, new wire 1)", n)
	}
	got, _ := ix.Lookup(ctx, "wire story", time.Time{}, 10)
	if s := fmt.Sprint(ids(got)); s != "[p-new]" {
		t.Errorf("polled articles left: %s", s)
	}
	got, _ = ix.Lookup(ctx, "Lindenfield", time.Time{}, 20)
	if len(got) != 14 {
		t.Errorf("archive articles left: %d, want 14", len(got))
	}
}

// Latest is what the index holds: after a prune it never names an article
// that is gone (/readyz's news_latest).
func TestLatestAfterPrune(t *testing.T) {
	ix := memIndex(t, nil)
	ctx := context.Background()
	if _, err := ix.Add(ctx, archive(3)); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.AddFrom(ctx, OriginPoll, []checker.Article{{ID: "w", Title: "Wire", URL: "https://wire.test/w", Published: at("2024-05-01T00:00:00Z")}}); err != nil {
		t.Fatal(err)
	}
	if !ix.Latest().Equal(at("2024-05-01T00:00:00Z")) {
		t.Fatalf("latest before prune: %v", ix.Latest())
	}
	if n, err := ix.Prune(at("2025-01-01T00:00:00Z")); n != 1 || err != nil {
		t.Fatalf("prune: %d %v", n, err)
	}
	if want := archive(3)[2].Published; !ix.Latest().Equal(want) {
		t.Errorf("latest after prune: %v, want %v (the newest article left)", ix.Latest(), want)
	}
}

// Ingestion time is recorded from the index's clock beside the publication
// time and comes back from every search, also after a reopen.
func TestIngestedTime(t *testing.T) {
	dir := t.TempDir()
	ingest := at("2026-03-03T08:00:00Z")
	ix, err := Open(dir, Options{Now: func() time.Time { return ingest }})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := ix.Add(ctx, sample); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		got, _ := ix.Search(ctx, checker.NewsQuery{At: at("2026-03-01T11:00:00Z"), Terms: []string{"Lindenfield"}})
		if len(got) != 1 || !got[0].Ingested.Equal(ingest) || !got[0].Published.Equal(sample[0].Published) {
			t.Errorf("%s: Search: %+v", when, got)
		}
		got, _ = ix.Lookup(ctx, "Bangkok", time.Time{}, 5)
		if len(got) != 1 || !got[0].Ingested.Equal(ingest) {
			t.Errorf("%s: Lookup: %+v", when, got)
		}
	}
	check("fresh")
	ix.Close()
	if ix, err = Open(dir, Options{}); err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	check("reopened")
}

// A feed dating its items next year cannot make next year's posts look
// tone-deaf: beyond MaxClockSkew the article is dated at its ingestion.
func TestFutureDatesClamped(t *testing.T) {
	now := at("2026-11-30T12:00:00Z")
	ix, err := OpenMem(Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	st, err := ix.Add(ctx, []checker.Article{
		{ID: "far", Title: "Gunman kills 12 in Lindenfield", URL: "https://x.test/far", Published: at("2027-11-30T12:00:00Z")},
		{ID: "skew", Title: "Earthquake in Bangkok kills 40", URL: "https://x.test/skew", Published: now.Add(5 * time.Minute)},
	})
	if err != nil || st.Added != 2 || st.Clamped != 1 {
		t.Fatalf("add: %+v %v", st, err)
	}
	got, _ := ix.Lookup(ctx, "Lindenfield", time.Time{}, 5)
	if len(got) != 1 || !got[0].Published.Equal(now) {
		t.Fatalf("far-future article: %+v", got)
	}
	if l := ix.Latest(); l.After(now.Add(MaxClockSkew)) {
		t.Errorf("latest %v is beyond the clock's skew", l)
	}
	// A post scheduled next year sees the article only in its own window:
	// it is news of today, not of next year.
	got, _ = ix.Search(ctx, checker.NewsQuery{At: at("2027-11-30T13:00:00Z"), Terms: []string{"Lindenfield"}})
	if len(got) != 0 {
		t.Errorf("next year's post sees a clamped article: %+v", got)
	}
	got, _ = ix.Lookup(ctx, "Bangkok", time.Time{}, 5)
	if len(got) != 1 || !got[0].Published.Equal(now.Add(5*time.Minute)) {
		t.Errorf("an article within the skew keeps its time: %+v", got)
	}
}

// Hostile text: only http(s) URLs are stored, and titles and summaries
// lose HTML, terminal escapes and control characters at ingestion.
func TestHostileArticlesCleaned(t *testing.T) {
	ix := memIndex(t, []checker.Article{
		{ID: "js", Title: "<b>Storm</b> hits\x1b[2J\x1b[31m Lindenfield\x1b[0m", Summary: "Click \x1b]8;;https://evil.test\x07here\x1b]8;;\x07 now\u009b1;31m!\x07\u202e",
			URL: "javascript:alert(1)", Source: "Wire\x1b[5m", Published: at("2026-03-01T10:00:00Z")},
		{ID: "data", Title: "Fine title", URL: "data:text/html,<script>x</script>", Published: at("2026-03-01T10:00:00Z")},
		{Title: "Only a file link", URL: "file:///etc/passwd", Published: at("2026-03-01T10:00:00Z")},
		{ID: "ok", Title: "Kept link", URL: " https://news.test/a ", Published: at("2026-03-01T10:00:00Z")},
	})
	ctx := context.Background()
	got, _ := ix.Lookup(ctx, "Lindenfield", time.Time{}, 5)
	if len(got) != 1 {
		t.Fatalf("lookup: %+v", got)
	}
	a := got[0]
	if a.Title != "Storm hits Lindenfield" || a.URL != "" || a.Source != "Wire" {
		t.Errorf("title %q url %q source %q", a.Title, a.URL, a.Source)
	}
	if a.Summary != "Click here now!" {
		t.Errorf("summary %q", a.Summary)
	}
	got, _ = ix.Lookup(ctx, "title", time.Time{}, 5)
	if len(got) != 1 || got[0].URL != "" {
		t.Errorf("data: URL kept: %+v", got)
	}
	if n, _ := ix.Count(); n != 3 {
		t.Errorf("an article with neither a usable URL nor an ID must be rejected: count %d", n)
	}
	long := memIndex(t, []checker.Article{{ID: "long", Title: "Lindenfield " + strings.Repeat("é", 3000), Summary: strings.Repeat("ø ", 5000),
		Published: at("2026-03-01T10:00:00Z")}})
	if got, _ := long.Lookup(ctx, "Lindenfield", time.Time{}, 1); len(got) != 1 {
		t.Errorf("long article: %d found", len(got))
	} else if len(got[0].Title) > MaxTitleBytes || len(got[0].Summary) > MaxSummaryBytes || !utf8.ValidString(got[0].Title) {
		t.Errorf("long title and summary not clipped: %d %d", len(got[0].Title), len(got[0].Summary))
	}
	got, _ = ix.Lookup(ctx, "Kept", time.Time{}, 5)
	if len(got) != 1 || got[0].URL != "https://news.test/a" {
		t.Errorf("https URL: %+v", got)
	}
}

// CleanText's invariants: valid UTF-8 out, no control characters but
// newline and tab, idempotent.
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[31mred\x1b[0m", "\x1b]0;title\x07x", "\x9b31m", "\xff\xfe", "a\tb\nc\rd", "\x1b", "\x1bP", "\u202eevil"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := CleanText(s)
		if CleanText(out) != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, out, CleanText(out))
		}
		for _, r := range out {
			if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) || isBidiControl(r) {
				t.Fatalf("control %U left in %q (from %q)", r, out, s)
			}
		}
		if len(out) > 3*len(s) {
			t.Fatalf("grew: %d -> %d", len(s), len(out))
		}
	})
}

func TestWebURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://a.test/x": "https://a.test/x", "HTTP://a.test": "HTTP://a.test", "javascript:alert(1)": "",
		"//a.test/x": "", "ftp://a.test": "", "https://": "", "https://a.test/\x1b[2J": "", "mailto:x@a.test": "",
	} {
		if got := WebURL(in); got != want {
			t.Errorf("WebURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// The poller does not reach the operator's own network unless allowed:
// a name that resolves to loopback is refused after resolution.
func TestPollRefusesPrivateAddresses(t *testing.T) {
	var hits int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		io.WriteString(w, `<rss version="2.0"><channel><title>t</title><item><title>Inside</title><link>https://x.test/i</link><pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate></item></channel></rss>`)
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	byName := "http://localhost:" + u.Port() + "/feed"
	ix := memIndex(t, nil)
	for _, feed := range []string{srv.URL, byName} {
		p := NewPoller(ix, []Feed{{URL: feed}}, PollOptions{Logger: quietLogger(), Timeout: 2 * time.Second})
		var s feedState
		_, _, err := p.fetchAll(context.Background(), Feed{URL: feed}, &s)
		if !errors.Is(err, errPrivateAddress) {
			t.Errorf("%s: err %v, want the private-address refusal", feed, err)
		}
	}
	if hits != 0 {
		t.Errorf("the server was reached %d times", hits)
	}
	// Allowed by the operator (the index option), it is fetched.
	ix2, _ := OpenMem(Options{AllowPrivateFeeds: true})
	defer ix2.Close()
	if st := NewPoller(ix2, []Feed{{URL: srv.URL}}, PollOptions{Logger: quietLogger()}).PollOnce(context.Background()); st.Added != 1 {
		t.Errorf("allowed: %+v", st)
	}
}

// Redirects are checked too: to a non-web scheme, to a literal private
// address, and beyond the redirect limit.
func TestPollRedirectChecks(t *testing.T) {
	c := guardedClient(time.Second, false)
	req := func(s string) *http.Request {
		r, _ := http.NewRequest("GET", s, nil)
		return r
	}
	via := []*http.Request{req("https://public.test/feed")}
	for _, target := range []string{"http://127.0.0.1/admin", "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/", "http://10.0.0.5/", "file:///etc/passwd"} {
		if err := c.CheckRedirect(req(target), via); err == nil {
			t.Errorf("redirect to %s allowed", target)
		}
	}
	if err := c.CheckRedirect(req("https://other.test/feed"), via); err != nil {
		t.Errorf("public redirect refused: %v", err)
	}
	many := make([]*http.Request, maxRedirects)
	if err := c.CheckRedirect(req("https://other.test/feed"), many); err == nil {
		t.Error("redirect limit not enforced")
	}
	// A redirect from an allowed server to a name that resolves inward is
	// refused by the dialer: here both are on loopback, so the first hop
	// is refused already; the Control function sees every connection.
	for _, a := range []string{"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.1.1", "100.64.0.1", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "0.0.0.0"} {
		if !blockedAddr(netip.MustParseAddr(a)) {
			t.Errorf("%s not blocked", a)
		}
	}
	for _, a := range []string{"93.184.216.34", "2606:4700::1111", "8.8.8.8"} {
		if blockedAddr(netip.MustParseAddr(a)) {
			t.Errorf("%s blocked", a)
		}
	}
}

// A feed cannot flood the index: items per feed per poll are capped (the
// newest kept), by default and per feed, and so is the response size.
func TestPollCapsItemsPerFeed(t *testing.T) {
	item := func(i int) string {
		return fmt.Sprintf(`<item><title>Item %d</title><link>https://x.test/%d</link><pubDate>%s</pubDate></item>`, i, i,
			at("2026-03-01T00:00:00Z").Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z))
	}
	var b strings.Builder
	b.WriteString(`<rss version="2.0"><channel><title>t</title>`)
	for i := 0; i < 250; i++ {
		b.WriteString(item(i))
	}
	b.WriteString(`</channel></rss>`)
	body := b.String()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, body) }))
	defer srv.Close()

	ix := memIndex(t, nil)
	st := NewPoller(ix, []Feed{{URL: srv.URL + "/a"}}, PollOptions{Logger: quietLogger(), AllowPrivate: true}).PollOnce(context.Background())
	if st.Added != 200 || st.Capped != 50 {
		t.Fatalf("default cap: %+v", st)
	}
	got, _ := ix.Lookup(context.Background(), "Item 249", time.Time{}, 1)
	if len(got) != 1 || got[0].Title != "Item 249" {
		t.Errorf("the newest items must be kept: %+v", got)
	}
	ix2 := memIndex(t, nil)
	st = NewPoller(ix2, []Feed{{URL: srv.URL + "/b", MaxItems: 5}}, PollOptions{Logger: quietLogger(), AllowPrivate: true}).PollOnce(context.Background())
	if st.Added != 5 || st.Capped != 245 {
		t.Errorf("per-feed cap: %+v", st)
	}
	st = NewPoller(ix2, []Feed{{URL: srv.URL + "/c", MaxBytes: 1000}}, PollOptions{Logger: quietLogger(), AllowPrivate: true}).PollOnce(context.Background())
	if st.Failed != 1 || st.Added != 0 {
		t.Errorf("per-feed byte limit: %+v", st)
	}
	if st := NewPoller(memIndex(t, nil), []Feed{{URL: srv.URL + "/d"}}, PollOptions{Logger: quietLogger(), AllowPrivate: true, MaxItems: 10}).PollOnce(context.Background()); st.Added != 10 {
		t.Errorf("poller cap: %+v", st)
	}
}
