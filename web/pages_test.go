package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

func TestFormGet(t *testing.T) {
	s, _ := newTestServer(t, func(d *Deps) {
		eng, err := checker.New(checker.Config{Rules: testRules(), Calendar: d.Calendar, News: d.News,
			Profile: checker.Profile{Regions: []string{"US"}, Brand: "Acme"}})
		if err != nil {
			t.Fatal(err)
		}
		d.Engine = eng
	})
	resp, b := do(t, s, httptest.NewRequest("GET", "/", nil))
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("%d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{`<label for="text">`, `name="platform"`, `type="datetime-local"`, `name="region" value="US"`,
		`aria-live="polite"`, `/static/app.js`, `Crisis news`, `Flood devastates Riverside town`, `Test Remembrance Day`} {
		if !strings.Contains(string(b), want) && !strings.Contains(string(b), strings.ReplaceAll(want, `"`, "&#34;")) {
			t.Errorf("form lacks %q", want)
		}
	}
	for _, f := range []string{"app.js", "style.css"} {
		resp, b := do(t, s, httptest.NewRequest("GET", "/static/"+f, nil))
		if resp.StatusCode != 200 || len(b) < 100 {
			t.Errorf("%s: %d", f, resp.StatusCode)
		}
	}
	if resp, _ := do(t, s, httptest.NewRequest("GET", "/static/nope.js", nil)); resp.StatusCode != 404 {
		t.Errorf("missing asset: %d", resp.StatusCode)
	}
}

// TestPageClockFromServer: the page carries the server's clock, and the
// script never reads the browser's date (new Date() with no argument,
// Date.now()), so the week ahead and "empty means now" follow the server's
// injected clock on any day the page is opened.
func TestPageClockFromServer(t *testing.T) {
	s, _ := newTestServer(t)
	_, b := do(t, s, httptest.NewRequest("GET", "/", nil))
	if want := `data-now="` + testNow.UTC().Format(time.RFC3339Nano) + `"`; !strings.Contains(string(b), want) {
		t.Errorf("form lacks %s", want)
	}
	_, js := do(t, s, httptest.NewRequest("GET", "/static/app.js", nil))
	if m := regexp.MustCompile(`new Date\(\s*\)|Date\.now\(`).Find(js); m != nil {
		t.Errorf("app.js reads the browser's clock: %s", m)
	}
}

func formPost(vals url.Values) *http.Request {
	r := httptest.NewRequest("POST", "/", strings.NewReader(vals.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return r
}

// TestFormPostWithoutJavaScript: the plain form post renders the verdict,
// the highlighted words and the findings on the server.
func TestFormPostWithoutJavaScript(t *testing.T) {
	s, _ := newTestServer(t)
	vals := url.Values{"text": {"🎉 Our damn sale <b>now</b>"}, "platform": {"x"}, "region": {"US", "GB"},
		"scheduled": {"2026-11-22T09:00"}, "tz": {"Europe/London"}, "kind": {"post"}, "brand": {"Acme"}}
	resp, b := do(t, s, formPost(vals))
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	html := string(b)
	for _, re := range []string{
		`<span id="verdict" class="badge block">block</span>`,
		`🎉 Our <mark class="sev-critical"[^>]*>damn</mark> <mark class="sev-medium"[^>]*>sale</mark> &lt;b&gt;now&lt;/b&gt;`,
		`Strong language on a brand account.`, `Suggestion: Drop the swear word.`,
		`Scheduled on Test Remembrance Day`, `<option value="x" selected>X</option>`,
		`value="US" checked`, `value="2026-11-22T09:00"`,
	} {
		if !regexp.MustCompile(re).MatchString(html) {
			t.Errorf("page lacks %s", re)
		}
	}
	t.Run("error is shown next to the field", func(t *testing.T) {
		resp, b := do(t, s, formPost(url.Values{"text": {"  "}}))
		if resp.StatusCode != 400 || !strings.Contains(string(b), "text is required") {
			t.Errorf("%d", resp.StatusCode)
		}
		resp, b = do(t, s, formPost(url.Values{"text": {"hi"}, "scheduled": {"soon"}}))
		if resp.StatusCode != 400 || !strings.Contains(string(b), "is not a date and time") {
			t.Errorf("%d", resp.StatusCode)
		}
	})
}

func TestSegments(t *testing.T) {
	at := func(f checker.Finding, a, b int) checker.Finding { return f.At(a, b) }
	fs := []checker.Finding{
		at(checker.Finding{Severity: checker.SeverityMedium, Message: "m"}, 2, 6),
		at(checker.Finding{Severity: checker.SeverityCritical, Message: "c"}, 4, 8),
		at(checker.Finding{Severity: checker.SeverityHigh, Message: "alt", Field: "media[0].alt"}, 0, 1),
		{Severity: checker.SeverityLow, Message: "whole post"},
		at(checker.Finding{Severity: checker.SeverityLow, Message: "out of range"}, 9, 99),
	}
	segs := segments("👍🏽ab😀cdefg", fs)
	var got []string
	for _, s := range segs {
		got = append(got, fmt.Sprintf("%s:%v:%s:%s", s.Text, s.Mark, s.Sev, s.Refs))
	}
	want := "[👍🏽:false:: ab:true:medium:f1 😀c:true:critical:f1 f2 de:true:critical:f2 f:false:: g:true:low:f5]"
	if fmt.Sprint(got) != want {
		t.Errorf("got  %v\nwant %s", got, want)
	}
}

func upload(t *testing.T, name, content string) *http.Request {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	fw, err := w.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(content))
	w.Close()
	r := httptest.NewRequest("POST", "/batch", &b)
	r.Header.Set("Content-Type", w.FormDataContentType())
	return r
}

func TestBatchPage(t *testing.T) {
	s, _ := newTestServer(t)
	if resp, b := do(t, s, httptest.NewRequest("GET", "/batch", nil)); resp.StatusCode != 200 || !strings.Contains(string(b), `type="file"`) {
		t.Fatalf("%d", resp.StatusCode)
	}
	content := "{\"id\":\"p1\",\"text\":\"a calm post\"}\n{\"id\":\"p2\",\"text\":\"sale today\"}\n{\"text\":\"\"}\n{\"id\":\"p4\",\"text\":\"=damn it\"}\n"
	resp, b := do(t, s, upload(t, "calendar.jsonl", content))
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	html := string(b)
	// Risky first: block (line 4), review (line 2), the unreadable line 3, then pass (line 1).
	order := regexp.MustCompile(`<tr>\s*<td[^>]*>(\d+)</td>`).FindAllStringSubmatch(html, -1)
	var lines []string
	for _, m := range order {
		lines = append(lines, m[1])
	}
	if strings.Join(lines, ",") != "4,2,3,1" {
		t.Errorf("row order %v", lines)
	}
	if !strings.Contains(html, `<mark class="sev-critical"`) || !strings.Contains(html, "1 blocked") {
		t.Errorf("no highlight or counts in %s", html)
	}
	token := regexp.MustCompile(`/batch/([0-9a-f]{32})\.csv`).FindStringSubmatch(html)
	if token == nil {
		t.Fatal("no download link")
	}
	resp, b = do(t, s, httptest.NewRequest("GET", "/batch/"+token[1]+".csv", nil))
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "calendar-preflight.csv") {
		t.Fatalf("csv %d %v", resp.StatusCode, resp.Header)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || rows[1][0] != "4" || rows[1][2] != "block" || rows[1][6] != "'=damn it" || rows[3][2] != "error" {
		t.Errorf("csv %q", rows)
	}
	resp, b = do(t, s, httptest.NewRequest("GET", "/batch/"+token[1]+".jsonl", nil))
	lines2 := jsonLines(t, b)
	if resp.StatusCode != 200 || len(lines2) != 4 || lines2[0]["verdict"] != "block" || lines2[2]["error"] == nil {
		t.Errorf("jsonl %d %s", resp.StatusCode, b)
	}
	if resp, _ := do(t, s, httptest.NewRequest("GET", "/batch/"+strings.Repeat("0", 32)+".csv", nil)); resp.StatusCode != 404 {
		t.Errorf("unknown token %d", resp.StatusCode)
	}
	t.Run("unreadable file", func(t *testing.T) {
		s, _ := newTestServer(t, func(d *Deps) {
			d.ReadPosts = func(io.Reader, string, ReadOptions) ([]Record, error) {
				return nil, fmt.Errorf("not a CSV the service knows")
			}
		})
		resp, b := do(t, s, upload(t, "notes.csv", "a;b"))
		if resp.StatusCode != 415 || !strings.Contains(string(b), "could not read the file") {
			t.Errorf("%d %s", resp.StatusCode, b)
		}
	})
	t.Run("csv through the reader", func(t *testing.T) {
		s, _ := newTestServer(t, func(d *Deps) {
			d.ReadPosts = func(r io.Reader, name string, _ ReadOptions) ([]Record, error) {
				return []Record{{Line: 2, Post: checker.Post{Text: "damn"}}, {Line: 3, Err: fmt.Errorf("bad date")}}, nil
			}
		})
		_, b := do(t, s, upload(t, "hootsuite.csv", "Date,Message\n"))
		if !strings.Contains(string(b), "bad date") || !strings.Contains(string(b), "1 blocked") {
			t.Errorf("%s", b)
		}
	})
	t.Run("no file", func(t *testing.T) {
		r := httptest.NewRequest("POST", "/batch", strings.NewReader(""))
		r.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		if resp, _ := do(t, s, r); resp.StatusCode != 400 {
			t.Errorf("%d", resp.StatusCode)
		}
	})
}

// TestBatchCSVNeutralisesFormulas: every cell of the CSV download that a
// spreadsheet would run as a formula starts with an apostrophe, the id and
// the findings (which quote the text) included.
func TestBatchCSVNeutralisesFormulas(t *testing.T) {
	var b bytes.Buffer
	writeBatchCSV(&b, []batchRow{
		{Line: 1, Post: checker.Post{ID: "=HYPERLINK(\"http://x\")", Text: "+1 damn"},
			Report: checker.Report{Verdict: checker.VerdictBlock, Findings: []checker.Finding{{Rule: "r", Message: "m", Suggestion: "@SUM(A1)"}}}},
		{Line: 2, Post: checker.Post{ID: "-2+3", Text: "\tcalm"}, Err: &apiError{Code: "invalid", Message: "x"}},
		{Line: 3, Post: checker.Post{ID: "\r=cmd", Text: "ok"}},
	})
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		for j, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("column %s: formula cell %q", rows[0][j], cell)
			}
		}
	}
	if rows[1][1] != `'=HYPERLINK("http://x")` || rows[2][1] != "'-2+3" || rows[1][8] != "'@SUM(A1)" {
		t.Errorf("%q", rows)
	}
}

// TestBatchPageDefaults: the batch page's form fields set the defaults of
// posts that name none, as the CLI's flags do.
func TestBatchPageDefaults(t *testing.T) {
	s := echoServer(t)
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range map[string]string{"region": "GB", "platform": "linkedin", "brand": "Acme", "tz": "Europe/Oslo", "date_order": "dmy"} {
		w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile("file", "hootsuite.csv")
	fw.Write([]byte("Date,Message,Link\n03/04/2026 09:30,A calm post,\n"))
	w.Close()
	r := httptest.NewRequest("POST", "/batch", &b)
	r.Header.Set("Content-Type", w.FormDataContentType())
	resp, page := do(t, s, r)
	token := regexp.MustCompile(`/batch/([0-9a-f]{32})\.jsonl`).FindSubmatch(page)
	if resp.StatusCode != 200 || token == nil {
		t.Fatalf("%d %s", resp.StatusCode, page)
	}
	_, out := do(t, s, httptest.NewRequest("GET", "/batch/"+string(token[1])+".jsonl", nil))
	if got := echoed(jsonLines(t, out)[0]); got != "platform=linkedin brand=Acme regions=[GB] at=2026-04-03T07:30:00Z" {
		t.Errorf("defaults not applied: %s", got)
	}
	if !strings.Contains(string(page), `name="date_order"`) {
		t.Error("the form has no date order field")
	}
}
