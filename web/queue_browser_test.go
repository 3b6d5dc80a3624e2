package web

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/queue"
)

// TestQueueInBrowser opens the queue page in headless Chromium at 1360 px:
// the calendar shows the posts coloured by status, the held post shows its
// reason and the news article as evidence, and its Release button (a
// same-origin form post) releases it. At 390 px the page does not scroll
// sideways (the calendar scrolls inside its own box). "Now" comes from the
// server: the page marks the test clock's day as today.
// PREFLIGHT_QUEUE_SCREENSHOT=prefix saves prefix-1360.png and prefix-390.png.
func TestQueueInBrowser(t *testing.T) {
	bin := chromiumPath()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but no chromium binary was found")
		}
		t.Skip("no chromium binary found (apt-get install chromium); skipping the browser test")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	var q *queue.Queue
	s, _ := newTestServer(t, withQueue(t, &q))
	ctx := context.Background()
	at := func(d, h int) time.Time { return time.Date(2026, 11, 20+d, h, 0, 0, 0, time.UTC) }
	if _, err := q.Add(ctx, []checker.Post{
		{ID: "held-1", Text: "Damn, Riverside weekend deals are here!", ScheduledAt: at(0, 18), Regions: []string{"US"}, Brand: "Acme"},
		{ID: "clear-1", Text: "Our autumn menu is out: soups, stews and fresh bread.", ScheduledAt: at(1, 9), Regions: []string{"GB"}, Brand: "Acme"},
		{ID: "review-1", Text: "Last chance: the sale ends tonight", ScheduledAt: at(2, 12), Regions: []string{"GB", "US"}, Brand: "Other"},
		{ID: "clear-2", Text: "Opening hours over the weekend: 10 to 4.", ScheduledAt: at(5, 10), Regions: []string{"NO"}, Brand: "Acme"},
	}, "api"); err != nil {
		t.Fatal(err)
	}
	base := serveTest(t, s)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1360, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	bctx, cancelTimeout := context.WithTimeout(bctx, 60*time.Second)
	defer cancelTimeout()
	read := func(tab context.Context, js string) string {
		t.Helper()
		v, err := chromedp.Run(tab, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	shot := func(tab context.Context, suffix string) {
		prefix := os.Getenv("PREFLIGHT_QUEUE_SCREENSHOT")
		if prefix == "" {
			return
		}
		png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(prefix+"-"+suffix+".png", png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	if err := chromedp.Do(bctx, chromedp.Navigate(base+"/queue"), chromedp.WaitVisible(chromedp.CSS("table.qcal"))); err != nil {
		t.Fatal(err)
	}
	if got := read(bctx, `document.querySelector('tr.today th').textContent`); !strings.Contains(got, "Fri 20 Nov") {
		t.Errorf("today row %q: want the server's day, Fri 20 Nov", got)
	}
	if got := read(bctx, `[...document.querySelectorAll('table.qcal details.qpost')].map(d => d.className).sort().join(' ')`); !strings.Contains(got, "st-held") || !strings.Contains(got, "st-clear") || !strings.Contains(got, "st-review") {
		t.Errorf("calendar posts: %q", got)
	}
	if got := read(bctx, `getComputedStyle(document.querySelector('table.qcal details.st-held')).backgroundColor + ' ' + getComputedStyle(document.querySelector('table.qcal details.st-clear')).backgroundColor`); strings.Count(got, "rgb") != 2 || strings.Fields(got)[0] == strings.Fields(got)[len(strings.Fields(got))/2] {
		t.Errorf("held and clear posts are not coloured apart: %s", got)
	}
	hold := read(bctx, `document.querySelector('section.holds').innerText`)
	if !strings.Contains(hold, "held-1") || !strings.Contains(hold, "Flood devastates Riverside town") || !strings.Contains(hold, "blocked when queued") {
		t.Errorf("holds section: %q", hold)
	}
	shot(bctx, "1360")
	if err := chromedp.Do(bctx,
		chromedp.SendKeys(chromedp.CSS(`section.holds input[name=reason]`), "reworded by the team"),
		chromedp.Click(chromedp.CSS(`section.holds form[action="/queue/held-1/release"] button`)),
		chromedp.WaitVisible(chromedp.CSS("table.qcal details.st-released")),
	); err != nil {
		t.Fatal(err)
	}
	if e, _ := q.Store().Get(ctx, "held-1"); e.Status != queue.StatusReleased {
		t.Errorf("after Release the post is %s", e.Status)
	}

	tab, cancelTab := chromedp.NewContext(bctx)
	defer cancelTab()
	if err := chromedp.Do(tab,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile),
		chromedp.Navigate(base+"/queue"),
		chromedp.WaitVisible(chromedp.CSS("table.qcal")),
	); err != nil {
		t.Fatal(err)
	}
	if got := read(tab, `document.documentElement.scrollWidth + ' <= ' + document.documentElement.clientWidth`); !widthFits(got) {
		t.Errorf("the queue page scrolls sideways on a phone: %s", got)
	}
	wide := read(tab, `(() => {
		const out = [];
		for (const el of document.querySelectorAll('body *')) {
			if (el.matches('.skip, .sr') || el.closest('.qcal-wrap table')) continue; // the calendar scrolls in its box
			const r = el.getBoundingClientRect();
			if (r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5)) out.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
		}
		return out.join('; ');
	})()`)
	if wide != "" {
		t.Errorf("elements past the 390 px viewport: %s", wide)
	}
	shot(tab, "390")
}
