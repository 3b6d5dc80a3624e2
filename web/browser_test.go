package web

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/preflight-dev/preflight/checker"
)

// chromiumPath finds a Chromium or Chrome binary.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	return ""
}

// TestFormInBrowser drives the form in headless Chromium: it types a risky
// draft after an emoji (so the code-point to UTF-16 conversion matters) and
// waits for the live check to highlight the word and list the finding.
// PREFLIGHT_SCREENSHOT=path.png saves a screenshot of the result.
func TestFormInBrowser(t *testing.T) {
	bin := chromiumPath()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but no chromium binary was found: .ci/run must install it (apt-get install chromium)")
		}
		t.Skip("no chromium binary found (apt-get install chromium); skipping the browser test")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	s, _ := newTestServer(t, func(d *Deps) {
		eng, err := checker.New(checker.Config{Rules: testRules(), Calendar: d.Calendar, News: d.News,
			Profile: checker.Profile{Regions: []string{"US", "GB"}, Brand: "Acme"}, Now: func() time.Time { return testNow }})
		if err != nil {
			t.Fatal(err)
		}
		d.Engine = eng
	})
	base := serveTest(t, s)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1360, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()

	// Key events cannot type a zero-width joiner, so the emoji prefix is
	// set as the value and the risky words are typed after it.
	prefix, typed := "🎉👨‍👩‍👧 Flood of deals! ", "Our damn sale starts now at https://acme.example/sale"
	draft := prefix + typed
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.ID("text")),
		chromedp.SetValue(chromedp.ID("text"), prefix),
		chromedp.SendKeys(chromedp.ID("text"), typed),
	); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('#marked mark.sev-critical') !== null`,
		chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("no highlight appeared: %v", err)
	}
	read := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	if got := read(`document.querySelector('#marked mark.sev-critical').textContent`); got != "damn" {
		t.Errorf("critical mark covers %q, want \"damn\" (code points vs UTF-16?)", got)
	}
	if got := read(`document.querySelector('#marked mark.sev-medium').textContent`); got != "sale" {
		t.Errorf("medium mark covers %q, want \"sale\"", got)
	}
	if got := read(`document.getElementById('marked').textContent`); got != draft {
		t.Errorf("marked text %q differs from the draft", got)
	}
	if got := read(`document.getElementById('verdict').textContent`); got != "block" {
		t.Errorf("verdict %q", got)
	}
	findings := read(`document.getElementById('findings').innerText`)
	for _, want := range []string{"Strong language on a brand account.", "Drop the swear word.", "In the news: Flood devastates Riverside town"} {
		if !strings.Contains(findings, want) {
			t.Errorf("findings lack %q:\n%s", want, findings)
		}
	}
	if got := read(`document.querySelector('#findings a[href="https://news.example/flood"]') ? 'link' : 'none'`); got != "link" {
		t.Errorf("evidence headline is not a link")
	}
	if got := read(`document.querySelector('#lengths li[data-platform=x] .count').textContent`); got == "0" || got == "" {
		t.Errorf("X length counter %q", got)
	}
	if got := read(`document.getElementById('result').getAttribute('aria-live')`); got != "polite" {
		t.Errorf("aria-live %q", got)
	}
	if got := read(`document.getElementById('week').innerText`); !strings.Contains(got, "Test Remembrance Day") || !strings.Contains(got, "GB, US") {
		t.Errorf("week ahead %q", got)
	}
	if got := read(`String(document.getElementById('reply-field').hidden)`); got != "true" {
		t.Errorf("reply field shown for a post")
	}
	// Choosing another region refreshes the week ahead through /v1/calendar.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`input[name=region][value=NO]`))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('week').innerText.includes('GB, NO, US')`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("week ahead not refreshed for the new region: %q", read(`document.getElementById('week').innerText`))
	}
	t.Run("without JavaScript", func(t *testing.T) {
		tab, cancelTab := chromedp.NewContext(ctx)
		defer cancelTab()
		if err := chromedp.Do(tab, chromedp.Navigate("about:blank")); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(tab,
			chromedp.Navigate(base+"/"),
			chromedp.WaitVisible(chromedp.ID("text")),
			chromedp.SendKeys(chromedp.ID("text"), "Our damn sale starts now"),
			chromedp.Click(chromedp.CSS(`#draft-form button[type=submit]`)),
			chromedp.WaitVisible(chromedp.ID("verdict")),
		); err != nil {
			t.Fatal(err)
		}
		html, err := chromedp.Run(tab, chromedp.OuterHTML(chromedp.ID("result")))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`class="badge block"`, `<mark class="sev-critical"`, `>damn</mark>`, "Strong language on a brand account."} {
			if !strings.Contains(html, want) {
				t.Errorf("server-rendered result lacks %q:\n%s", want, html)
			}
		}
	})
	t.Run("batch page on a phone", func(t *testing.T) {
		phoneBatchPage(t, ctx, base)
	})
	if path := os.Getenv("PREFLIGHT_SCREENSHOT"); path != "" {
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot written to %s", path)
	}
}

// phoneBatchPage uploads a batch on a 390 px wide phone screen and checks
// that the result fits: the page does not scroll sideways, no element
// reaches past the viewport or clips its content, and no word of 24 characters or fewer is
// broken across lines. PREFLIGHT_BATCH_SCREENSHOT=path.png saves it.
func phoneBatchPage(t *testing.T, ctx context.Context, base string) {
	file := filepath.Join(t.TempDir(), "calendar.jsonl")
	posts := `{"id":"p1","text":"Our damn sale starts now at https://acme.example/sale/autumn-collection-2026?utm_source=preflight&utm_medium=social and ends on Sunday evening"}
{"id":"p2","text":"A sale for everyone who loves #ThisIsAVeryLongCampaignHashtagForAutumn2026 and wonderful handcrafted furniture"}
{"id":"p3","text":""}
{"id":"p4","text":"A calm note about our opening hours over the holidays, with thanks to everyone"}
`
	if err := os.WriteFile(file, []byte(posts), 0o600); err != nil {
		t.Fatal(err)
	}
	tab, cancelTab := chromedp.NewContext(ctx)
	defer cancelTab()
	if err := chromedp.Do(tab,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile),
		chromedp.Navigate(base+"/batch"),
		chromedp.WaitVisible(chromedp.ID("file")),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{file}),
		chromedp.Click(chromedp.CSS(`form[action="/batch"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.batch`)),
	); err != nil {
		t.Fatal(err)
	}
	read := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(tab, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	if got := read(`String(document.querySelectorAll('table.batch tbody tr').length)`); got != "4" {
		t.Fatalf("%s rows", got)
	}
	if got := read(`document.documentElement.scrollWidth + ' <= ' + document.documentElement.clientWidth`); !widthFits(got) {
		t.Errorf("the page scrolls sideways: scrollWidth %s", got)
	}
	wide := read(`(() => {
		const out = [];
		for (const el of document.querySelectorAll('body *')) {
			if (el.matches('.skip, .visually-hidden')) continue; // off-screen by design, for screen readers
			const r = el.getBoundingClientRect();
			if (r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5)) out.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
			if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') out.push(el.tagName.toLowerCase() + '.' + el.className + ' clips ' + el.scrollWidth + '>' + el.clientWidth);
		}
		return out.join('; ');
	})()`)
	if wide != "" {
		t.Errorf("elements wider than the 390 px viewport or clipped: %s", wide)
	}
	broken := read(`(() => {
		const out = [];
		const walk = document.createTreeWalker(document.querySelector('table.batch'), NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			for (const m of n.textContent.matchAll(/\S+/g)) {
				if (m[0].length > 24) continue;
				const r = document.createRange();
				r.setStart(n, m.index);
				r.setEnd(n, m.index + m[0].length);
				const lines = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
				if (lines.size > 1) out.push(m[0]);
			}
		}
		return out.join(', ');
	})()`)
	if broken != "" {
		t.Errorf("words broken mid-word on a phone: %s", broken)
	}
	if path := os.Getenv("PREFLIGHT_BATCH_SCREENSHOT"); path != "" {
		png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("batch screenshot written to %s", path)
	}
}

// widthFits reads "a <= b" and reports whether it holds.
func widthFits(s string) bool {
	var a, b int
	if _, err := fmt.Sscanf(s, "%d <= %d", &a, &b); err != nil {
		return false
	}
	return a <= b
}
