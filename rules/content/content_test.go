package content

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/golden"
)

var testEngine *checker.Engine

func engine(t testing.TB) *checker.Engine {
	t.Helper()
	if testEngine != nil {
		return testEngine
	}
	rs, err := Rules(Options{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := checker.New(checker.Config{Rules: rs, Now: func() time.Time { return time.Date(2026, 1, 20, 15, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	testEngine = e
	return e
}

func check(t testing.TB, p checker.Post) checker.Report {
	t.Helper()
	rep, err := engine(t).Check(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// found renders one finding as "rule severity match" ("@alt" appended for
// words in an alt text).
func found(f checker.Finding) string {
	s := fmt.Sprintf("%s %s %s", f.Rule, f.Severity, f.Match)
	if f.Field != "" {
		s += " @" + f.Field
	}
	return s
}

// TestSpellingSuggestion checks the correction keeps the writer's case.
func TestSpellingSuggestion(t *testing.T) {
	rep := check(t, checker.Post{Text: "Teh store"})
	if len(rep.Findings) != 1 || rep.Findings[0].Suggestion != `Did you mean "The"?` {
		t.Fatalf("got %+v", rep.Findings)
	}
}

func TestOptions(t *testing.T) {
	rs, err := Rules(Options{
		Profanity: LexiconOptions{Extra: []Term{{Phrase: "frak", Severity: "high", Category: "profanity"}}, Allow: []string{"hell yeah"}},
		Spelling:  LexiconOptions{Extra: []Term{{Phrase: "colour", Suggest: "color"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	e, err := checker.New(checker.Config{Rules: rs})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := e.Check(context.Background(), checker.Post{Text: "Frak! Hell yeah, new colour", ScheduledAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, found(f))
	}
	slices.Sort(got)
	want := []string{"content.profanity high Frak", "content.spelling low colour"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	if _, err := Rules(Options{Profanity: LexiconOptions{Extra: []Term{{Phrase: "x", Severity: "severe"}}}}); err == nil {
		t.Fatal("an unknown severity was accepted")
	}
	if _, err := Rules(Options{Profanity: LexiconOptions{Extra: []Term{{Phrase: "a b", Compound: "both"}}}}); err == nil {
		t.Fatal("a multi-word compound was accepted")
	}
}

// TestGolden checks whole reports of the content rules over
// testdata/posts.txt (one post a line; "alt: ..." after " || " adds an alt
// text) against testdata/posts.golden. go test -update rewrites it.
func TestGolden(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "posts.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(string(in)), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		txt, alt, _ := strings.Cut(line, " || ")
		p := checker.Post{Text: txt}
		if alt != "" {
			p.Media = []checker.Media{{Alt: alt}}
		}
		rep := check(t, p)
		fmt.Fprintf(&b, "%s\n  verdict=%s score=%d\n", line, rep.Verdict, rep.Score)
		for _, f := range rep.Findings {
			field := f.Field
			if field == "" {
				field = "text"
			}
			fmt.Fprintf(&b, "  %s %s %s[%d:%d] %q: %s | %s\n", f.Rule, f.Severity, field, *f.Start, *f.End, f.Match, f.Message, f.Suggestion)
		}
	}
	golden.Check(t, filepath.Join("testdata", "posts.golden"), b.String())
}

// FuzzContent runs every content rule over arbitrary text and alt text and
// checks the findings' invariants: spans inside the text they point at,
// matches equal to the span's text, known severities.
func FuzzContent(f *testing.F) {
	for _, s := range []string{"Our new menu is damn good and the shit-hot wings are back.", "f*ck ｆｕｃｋ sh1t",
		"Which drummer is not like the others?", "Vote for #Trump2024", "Teh idag", "I'm so drunk #gottadrink 😂 bomb",
		"\u200b#\u202e@", "Scunthorpe", "2 b b4 gma", "",
		"Women belong in the kitchen. A woman's place is. Typical men's", "WE'RE ALL BEING FIRED, YOU PEOPLE",
		"RIP Dame Oakes 😂 20% off", "1 RT = 1 meal for victims; for every like",
		"I left my 'no' at home 🍺", "removing no from", "no", "'no'", "Dalai Lama #FreeKashmir 达赖", "Gaza starving, 2 for 1",
		"Lighter is better", "how can I remember 80 years", "riot police 20% off", "Adios amigos! #NEDMEX #v #MEXvsNED",
		"Ugh. Worst shift ever. My manager made me stay 🙄", "We interpret her words as praise for the army. Personally, shame on the government",
		"I had like 6 pints, text me later babe"} {
		f.Add(s, "two black men and a gorilla")
	}
	e := engine(f)
	f.Fuzz(func(t *testing.T, txt, alt string) {
		if !utf8.ValidString(txt) || !utf8.ValidString(alt) || strings.TrimSpace(txt) == "" {
			return
		}
		p := checker.Post{Text: txt, Media: []checker.Media{{Alt: alt}}}
		rep, err := e.Check(context.Background(), p)
		if err != nil {
			return
		}
		if len(rep.Skipped) > 0 {
			t.Fatalf("a rule failed: %+v", rep.Skipped)
		}
		for _, fd := range rep.Findings {
			src := txt
			if fd.Field == "media[0].alt" {
				src = alt
			}
			checkSpan(t, fd, src)
		}
	})
}

func checkSpan(t *testing.T, f checker.Finding, src string) {
	t.Helper()
	if f.Severity < checker.SeverityLow || f.Severity > checker.SeverityCritical {
		t.Fatalf("bad severity %d", f.Severity)
	}
	if !f.HasSpan() {
		return
	}
	rs := []rune(src)
	if *f.Start < 0 || *f.End > len(rs) || *f.Start >= *f.End {
		t.Fatalf("span [%d:%d] out of bounds of %q", *f.Start, *f.End, src)
	}
	if got := string(rs[*f.Start:*f.End]); got != f.Match {
		t.Fatalf("match %q is not the span's text %q", f.Match, got)
	}
}

// BenchmarkContent checks a 280-character post with every content rule.
func BenchmarkContent(b *testing.B) {
	e := engine(b)
	p := checker.Post{Text: benchPost, ScheduledAt: time.Date(2026, 1, 20, 15, 0, 0, 0, time.UTC)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Check(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
}

// benchPost is a typical 280-character promotional post.
var benchPost = strings.Repeat("x", 0) + "Our winter sale starts today! Get 30% off all coats, boots and scarves in every store " +
	"and online. Free shipping on orders over $50, and our new cashmere blend is back in six colours. " +
	"Tell us your favourite look with #NorthwayWinter and tag a friend who needs a warm coat! 🧣❄️ https://t.co/abc"

func TestBenchPostLength(t *testing.T) {
	if n := utf8.RuneCountInString(benchPost); n < 270 || n > 300 {
		t.Fatalf("bench post is %d characters", n)
	}
}

// TestOptionsYAML checks the options read from preflight.yaml's content
// section.
func TestOptionsYAML(t *testing.T) {
	var o Options
	src := `
profanity:
  extra:
    - {phrase: frak, severity: high, category: profanity}
  allow: [hell yeah]
political:
  allow: [obama foundation]
spelling:
  extra:
    - {phrase: northwya, suggest: Northway}
`
	dec := yaml.NewDecoder(strings.NewReader(src))
	dec.KnownFields(true) // as config decodes preflight.yaml
	if err := dec.Decode(&o); err != nil {
		t.Fatal(err)
	}
	if len(o.Profanity.Extra) != 1 || o.Profanity.Extra[0].Severity != "high" || o.Profanity.Allow[0] != "hell yeah" ||
		o.Spelling.Extra[0].Suggest != "Northway" {
		t.Fatalf("decoded %+v", o)
	}
	if _, err := Rules(o); err != nil {
		t.Fatal(err)
	}
}
