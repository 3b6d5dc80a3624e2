package news_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// eventCase is one draft of the held-out event set in testdata/events: the
// mechanism it exercises, the rule that must catch it (positives) or the
// positive it controls (the same post on a quiet day, far away, sober).
type eventCase struct {
	ID        string    `json:"id"`
	Mechanism string    `json:"mechanism"`
	Rule      string    `json:"rule"`
	Want      string    `json:"want"` // flag or pass
	ControlOf string    `json:"control_of"`
	Kind      string    `json:"kind"`
	Brand     string    `json:"brand"`
	Text      string    `json:"text"`
	At        time.Time `json:"at"`
	Regions   []string  `json:"regions"`
}

func readLines[T any](t *testing.T, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		out = append(out, v)
	}
	return out
}

// TestEventMechanisms runs the held-out event set: invented events and
// drafts that share no names or event words with the shared dev set. Every
// positive must be caught by its mechanism's rule and every control must
// pass. The confusion table by mechanism is logged (go test -v).
func TestEventMechanisms(t *testing.T) {
	dir := filepath.Join("testdata", "events")
	arts := readLines[checker.Article](t, filepath.Join(dir, "news.jsonl"))
	cases := readLines[eventCase](t, filepath.Join(dir, "cases.jsonl"))
	e := newEngine(t, arts)
	type row struct{ pos, caught, right, neg, passed int }
	table := map[string]*row{}
	for _, c := range cases {
		r := table[c.Mechanism]
		if r == nil {
			r = &row{}
			table[c.Mechanism] = r
		}
		post := checker.Post{ID: c.ID, Text: c.Text, ScheduledAt: c.At, Regions: c.Regions, Brand: c.Brand,
			Kind: checker.Kind(c.Kind), Platform: checker.PlatformX}
		rep, err := e.Check(context.Background(), post)
		if err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		var got []string
		fired := false
		for _, f := range rep.Findings {
			got = append(got, fmt.Sprintf("%s/%s %q: %s", f.Rule, f.Severity, f.Match, f.Message))
			fired = fired || f.Rule == c.Rule
		}
		flagged := rep.Verdict != checker.VerdictPass
		switch c.Want {
		case "flag":
			r.pos++
			if flagged {
				r.caught++
			}
			if flagged && fired {
				r.right++
			}
			if !flagged || !fired {
				t.Errorf("%s: verdict %s, want it flagged by %s; findings:\n  %s", c.ID, rep.Verdict, c.Rule, strings.Join(got, "\n  "))
			}
		default:
			r.neg++
			if !flagged {
				r.passed++
			} else {
				t.Errorf("%s (control of %q): verdict %s, want pass; findings:\n  %s", c.ID, c.ControlOf, rep.Verdict, strings.Join(got, "\n  "))
			}
		}
	}
	names := make([]string, 0, len(table))
	for n := range table {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "%-11s %9s %7s %12s %8s\n", "mechanism", "positives", "caught", "right rule", "controls")
	for _, n := range names {
		r := table[n]
		fmt.Fprintf(&b, "%-11s %9d %7d %12d %5d/%d\n", n, r.pos, r.caught, r.right, r.passed, r.neg)
	}
	t.Log("\n" + b.String())
}

// TestEventFindingEvidence: a finding names the event (headline, reach,
// coverage), the colliding words, and until when to hold the post.
func TestEventFindingEvidence(t *testing.T) {
	arts := readLines[checker.Article](t, filepath.Join("testdata", "events", "news.jsonl"))
	e := newEngine(t, arts)
	rep, err := e.Check(context.Background(), checker.Post{Text: "These sneakers are to die for. 20% off, today only!",
		ScheduledAt: mustTime("2030-07-04T12:00:00Z"), Regions: []string{"US"}, Platform: checker.PlatformX})
	if err != nil {
		t.Fatal(err)
	}
	var vocab *checker.Finding
	for i := range rep.Findings {
		if rep.Findings[i].Rule == "news.event_vocabulary" {
			vocab = &rep.Findings[i]
		}
	}
	if vocab == nil {
		t.Fatalf("no event_vocabulary finding: %+v", rep.Findings)
	}
	for _, want := range []string{"Tulsa", "national news in US", "2 articles", `"die"`} {
		if !strings.Contains(vocab.Message, want) {
			t.Errorf("message lacks %q: %s", want, vocab.Message)
		}
	}
	if vocab.Match != "die" || !strings.Contains(vocab.Suggestion, "until") || len(vocab.Evidence) == 0 {
		t.Errorf("match %q suggestion %q evidence %d", vocab.Match, vocab.Suggestion, len(vocab.Evidence))
	}
}

// TestTragedyOverlapNamesTheEvent: a post naming the stricken place cites
// the event (reach, coverage) and says until when to hold.
func TestTragedyOverlapNamesTheEvent(t *testing.T) {
	arts := readLines[checker.Article](t, filepath.Join("testdata", "events", "news.jsonl"))
	e := newEngine(t, arts)
	rep, err := e.Check(context.Background(), checker.Post{Text: "Valencia getaway: book now and save 25% on three nights!",
		ScheduledAt: mustTime("2030-10-30T10:00:00Z"), Regions: []string{"ES"}, Platform: checker.PlatformX})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		if f.Rule == "news.tragedy_overlap" {
			if !strings.Contains(f.Message, "3 articles") || !strings.Contains(f.Message, "national news in ES") || !strings.Contains(f.Suggestion, "Hold until") {
				t.Errorf("finding does not name the event: %s / %s", f.Message, f.Suggestion)
			}
			return
		}
	}
	t.Fatalf("no tragedy_overlap finding: %+v", rep.Findings)
}

// TestLexiconFindingNamesItsSource: a pun in another language names the
// kind of event and the lexicon its word comes from, and a post in English
// is not read against that language's words.
func TestLexiconFindingNamesItsSource(t *testing.T) {
	e := newEngine(t, []checker.Article{
		{ID: "x1", Title: "Earthquake strikes western Mexico, killing 23", Summary: "Buildings collapsed; rescuers dig through rubble.",
			URL: "https://example.test/x1", Published: mustTime("2036-04-02T03:00:00Z"), Regions: []string{"MX"}},
		{ID: "x2", Title: "Mexico quake: aftershocks as toll rises", Summary: "Thousands slept outside.",
			URL: "https://example.test/x2", Published: mustTime("2036-04-02T09:00:00Z"), Regions: []string{"MX"}},
	})
	check := func(text string) []checker.Finding {
		rep, err := e.Check(context.Background(), checker.Post{Text: text, ScheduledAt: mustTime("2036-04-02T12:00:00Z"),
			Regions: []string{"MX"}, Platform: checker.PlatformX})
		if err != nil {
			t.Fatal(err)
		}
		var out []checker.Finding
		for _, f := range rep.Findings {
			if f.Rule == "news.event_vocabulary" {
				out = append(out, f)
			}
		}
		return out
	}
	got := check("¡Ofertas que tiemblan! 40% de descuento en toda la tienda.")
	if len(got) != 1 || got[0].Match != "tiemblan" {
		t.Fatalf("Spanish pun: %+v", got)
	}
	if !strings.Contains(got[0].Message, "an earthquake (Spanish lexicon)") {
		t.Errorf("message does not name the kind and lexicon: %s", got[0].Message)
	}
	// "sismo" is Spanish: an English post's words are not stemmed in Spanish.
	for _, f := range check("Our new Sismo sneakers: 40% off the whole range today!") {
		if f.Match == "Sismo" {
			t.Errorf("English post read against the Spanish lexicon: %s", f.Message)
		}
	}
}
