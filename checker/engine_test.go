package checker_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// wordRule reports every occurrence of word with the given severity.
func wordRule(id string, word string, sev checker.Severity) *checker.Rule {
	return &checker.Rule{ID: id, Category: checker.Category(strings.SplitN(id, ".", 2)[0]), Title: "test " + word, Doc: "finds " + word,
		Run: func(p *checker.Pass) error {
			for _, t := range p.Doc.Tokens {
				if t.Norm == word {
					p.ReportSpan(t.Span, checker.Finding{Severity: sev, Message: "found " + word})
				}
			}
			return nil
		}}
}

func TestScore(t *testing.T) {
	f := func(s ...checker.Severity) []checker.Finding {
		var out []checker.Finding
		for _, x := range s {
			out = append(out, checker.Finding{Severity: x})
		}
		return out
	}
	L, M, H, C := checker.SeverityLow, checker.SeverityMedium, checker.SeverityHigh, checker.SeverityCritical
	tests := []struct {
		name    string
		in      []checker.Finding
		score   int
		verdict checker.Verdict
	}{
		{"nothing", nil, 0, checker.VerdictPass},
		{"advice only", f(L, L), 10, checker.VerdictPass},
		{"one medium", f(M), 20, checker.VerdictReview},
		{"one high", f(H, L), 45, checker.VerdictReview},
		{"one critical blocks", f(C), 100, checker.VerdictBlock},
		{"three highs add up to a block", f(H, H, H), 100, checker.VerdictBlock},
		{"two highs still review", f(H, H), 80, checker.VerdictReview},
	}
	for _, tt := range tests {
		score, v := checker.Score(tt.in)
		if score != tt.score || v != tt.verdict {
			t.Errorf("%s: got %d %s, want %d %s", tt.name, score, v, tt.score, tt.verdict)
		}
	}
}

func TestEngineCheck(t *testing.T) {
	boom := &checker.Rule{ID: "content.boom", Category: checker.CategoryContent, Title: "boom", Doc: "panics",
		Run: func(*checker.Pass) error { panic("kaboom") }}
	replyOnly := wordRule("reply.sorry", "sorry", checker.SeverityMedium)
	replyOnly.Kinds = []checker.Kind{checker.KindReply}
	newsRule := wordRule("news.any", "boston", checker.SeverityCritical)
	newsRule.NeedsNews = true
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	e, err := checker.New(checker.Config{
		Rules: []*checker.Rule{wordRule("content.damn", "damn", checker.SeverityMedium), wordRule("content.heck", "heck", checker.SeverityMedium), boom, replyOnly, newsRule},
		Profile: checker.Profile{Brand: "Northway", Regions: []string{"us"},
			Rules: map[string]checker.RuleSetting{"content.heck": {Severity: checker.SeverityCritical}}},
		Now: func() time.Time { return at },
	})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := e.Check(context.Background(), checker.Post{ID: "p1", Text: "Damn, sorry, heck! Boston"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Verdict != checker.VerdictBlock {
		t.Errorf("verdict %s, want block (heck overridden to critical)", rep.Verdict)
	}
	if len(rep.Findings) != 2 || rep.Findings[0].Rule != "content.heck" || rep.Findings[1].Rule != "content.damn" {
		t.Fatalf("findings %+v", rep.Findings)
	}
	if got := *rep.Findings[1].Start; got != 0 || rep.Findings[1].Match != "Damn" {
		t.Errorf("span on the original text: start %d match %q", got, rep.Findings[1].Match)
	}
	skipped := map[string]bool{}
	for _, s := range rep.Skipped {
		skipped[s.Rule] = true
	}
	if !skipped["content.boom"] || !skipped["news.any"] || skipped["reply.sorry"] {
		t.Errorf("skipped %+v: want the panicking rule and the news rule (no index), not the reply rule (not a reply)", rep.Skipped)
	}
	if !rep.Post.ScheduledAt.Equal(at) || rep.Post.Platform != checker.PlatformX || rep.Post.Kind != checker.KindPost || rep.Post.Brand != "Northway" || rep.Post.Regions[0] != "US" {
		t.Errorf("defaults not applied: %+v", rep.Post)
	}
	b, _ := json.Marshal(rep)
	for _, want := range []string{`"verdict":"block"`, `"severity":"critical"`, `"rule":"content.heck"`, `"versions":{"rules":`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON %s lacks %s", b, want)
		}
	}
}

func TestEngineRejects(t *testing.T) {
	ok := wordRule("content.x", "x", checker.SeverityLow)
	for name, cfg := range map[string]checker.Config{
		"duplicate ID":         {Rules: []*checker.Rule{ok, ok}},
		"bad ID":               {Rules: []*checker.Rule{wordRule("Content-X", "x", checker.SeverityLow)}},
		"category":             {Rules: []*checker.Rule{{ID: "content.y", Category: checker.CategoryNews, Title: "t", Doc: "d", Run: ok.Run}}},
		"unknown rule setting": {Rules: []*checker.Rule{ok}, Profile: checker.Profile{Rules: map[string]checker.RuleSetting{"content.nope": {Disabled: true}}}},
	} {
		if _, err := checker.New(cfg); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	e, _ := checker.New(checker.Config{Rules: []*checker.Rule{ok}})
	// Each problem has its own code, made where the error is made.
	for name, c := range map[string]struct {
		post checker.Post
		code string
	}{
		"empty text":        {checker.Post{Text: "  "}, checker.ECodeMissingText},
		"bad utf8":          {checker.Post{Text: "\xff"}, checker.ECodeInvalidUTF8},
		"too long":          {checker.Post{Text: strings.Repeat("a", checker.MaxTextBytes+1)}, checker.ECodeTooLarge},
		"reply to too long": {checker.Post{Text: "a", Kind: "reply", InReplyTo: strings.Repeat("a", checker.MaxTextBytes+1)}, checker.ECodeTooLarge},
		"reply to bad utf8": {checker.Post{Text: "a", Kind: "reply", InReplyTo: "\xff"}, checker.ECodeInvalidUTF8},
		"platform":          {checker.Post{Text: "a", Platform: "myspace"}, checker.ECodeUnknownPlatform},
		"kind":              {checker.Post{Text: "a", Kind: "dm"}, checker.ECodeUnknownKind},
		"region":            {checker.Post{Text: "a", Regions: []string{"USA"}}, checker.ECodeBadRegion},
		"ZZ":                {checker.Post{Text: "a", Regions: []string{"ZZ"}}, checker.ECodeBadRegion},
		"EU":                {checker.Post{Text: "a", Regions: []string{"EU"}}, checker.ECodeBadRegion},
		"ZZ-CA":             {checker.Post{Text: "a", Regions: []string{"ZZ-CA"}}, checker.ECodeBadRegion},
		"US-C A":            {checker.Post{Text: "a", Regions: []string{"US-C A"}}, checker.ECodeBadRegion},
		"US-CALI":           {checker.Post{Text: "a", Regions: []string{"US-CALI"}}, checker.ECodeBadRegion},
		"US-":               {checker.Post{Text: "a", Regions: []string{"US-"}}, checker.ECodeBadRegion},
	} {
		_, err := e.Check(context.Background(), c.post)
		var ce *checker.Error
		if !errors.As(err, &ce) || ce.Code != c.code || ce.Field == "" {
			t.Errorf("%s: want a %s error naming the field, got %v", name, c.code, err)
		}
	}
	for _, r := range []string{"US", "gb", "UK", "FI", "NO", "US-CA", "au-wa", "CA-QC", "BR-SP", "MX-CMX", "RU-MOW"} {
		if err := checker.CheckRegion(r); err != nil {
			t.Errorf("%s refused: %v", r, err)
		}
	}
}

// fakeCalendar knows only the regions it is given.
type fakeCalendar struct{ regions []string }

func (fakeCalendar) At(string, time.Time) []checker.Observance                 { return nil }
func (fakeCalendar) Between(string, time.Time, time.Time) []checker.Observance { return nil }
func (c fakeCalendar) Regions() []string                                       { return c.regions }

func TestReportLimits(t *testing.T) {
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	e, err := checker.New(checker.Config{Rules: []*checker.Rule{wordRule("content.x", "x", checker.SeverityLow)},
		Calendar: fakeCalendar{[]string{"US", "GB", "NO"}}, Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		post checker.Post
		want []string // substrings, one per limit, in order
	}{
		{"supported", checker.Post{Text: "Our spring sale starts today, join us", Regions: []string{"US", "GB"}}, nil},
		{"unsupported region", checker.Post{Text: "Our spring sale starts today", Regions: []string{"US", "FI"}}, []string{"no calendar for FI"}},
		{"subdivision of a supported country", checker.Post{Text: "Our spring sale starts today", Regions: []string{"US-CA", "GB-SCT"}}, nil},
		{"subdivision of an unsupported one", checker.Post{Text: "Our spring sale starts today", Regions: []string{"FI-18"}}, []string{"no calendar for FI-18"}},
		{"German detected", checker.Post{Text: "Das ist nicht gut, aber wir sind heute für euch da", Regions: []string{"US"}}, []string{"do not cover German (de)"}},
		{"Spanish detected", checker.Post{Text: "Esta oferta es muy buena para todos", Regions: []string{"US"}}, []string{"do not cover Spanish (es)"}},
		{"declared", checker.Post{Text: "Hallo", Language: "de-AT", Regions: []string{"FI"}}, []string{"no calendar for FI", "do not cover German (de)"}},
		{"declared Norwegian", checker.Post{Text: "Hei", Language: "nb-NO", Regions: []string{"NO"}}, nil},
		{"script", checker.Post{Text: "Εκπτώσεις για όλους σήμερα", Regions: []string{"US"}}, []string{"Greek"}},
		{"language by script", checker.Post{Text: "Скидки для всех сегодня", Regions: []string{"US"}}, []string{"do not cover Russian (ru)"}},
		{"short English", checker.Post{Text: "Sale! 20% off", Regions: []string{"US"}}, nil},
	} {
		rep, err := e.Check(context.Background(), c.post)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(rep.Limits) != len(c.want) {
			t.Errorf("%s: limits %q, want %d containing %q", c.name, rep.Limits, len(c.want), c.want)
			continue
		}
		for i, w := range c.want {
			if !strings.Contains(rep.Limits[i], w) {
				t.Errorf("%s: limit %q lacks %q", c.name, rep.Limits[i], w)
			}
		}
		b, _ := json.Marshal(rep)
		if (len(c.want) > 0) != strings.Contains(string(b), `"limits":[`) {
			t.Errorf("%s: JSON %s", c.name, b)
		}
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"text", "scheduled_at", "platform", "regions", "language"}
	for in, want := range map[string]string{"schedule_at": "scheduled_at", "sceduled_at": "scheduled_at", "Platfrom": "platform",
		"region": "regions", "txt": "text", "txet": "text", "platfrom": "platform", "colour": "", "x": "", strings.Repeat("a", 100): ""} {
		if got := checker.Suggest(in, known); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

var _ = text.Span{}

// book is a brand book with one profile, counting its lookups.
type book struct {
	brand   checker.Brand
	lookups int
}

func (b *book) Lookup(name string) *checker.Brand {
	b.lookups++
	if strings.EqualFold(name, b.brand.Name) {
		return &b.brand
	}
	return &checker.Brand{Name: name, Note: "no profile for " + name}
}

func TestBrandProfileSelectsRuleSettingsAndNotesUnknownBrands(t *testing.T) {
	bk := &book{brand: checker.Brand{Name: "Acme", Known: true,
		Rules: map[string]checker.RuleSetting{"content.x": {Disabled: true}, "content.y": {Severity: checker.SeverityLow}}}}
	e, err := checker.New(checker.Config{Rules: []*checker.Rule{wordRule("content.x", "sale", checker.SeverityHigh),
		wordRule("content.y", "sale", checker.SeverityHigh)}, Profile: checker.Profile{Book: bk}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := e.Check(context.Background(), checker.Post{Text: "big sale", Brand: "acme", ScheduledAt: time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "content.y" || rep.Findings[0].Severity != checker.SeverityLow || len(rep.Notes) != 0 {
		t.Errorf("known brand: findings %+v notes %q: want content.x off and content.y low, no note", rep.Findings, rep.Notes)
	}
	if bk.lookups != 1 {
		t.Errorf("looked the brand up %d times, want once per post", bk.lookups)
	}
	rep, err = e.Check(context.Background(), checker.Post{Text: "big sale", Brand: "Zenith", ScheduledAt: time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 2 || len(rep.Notes) != 1 || rep.Notes[0] != "no profile for Zenith" {
		t.Errorf("unknown brand: findings %d notes %q: want the default settings and a note naming the brand", len(rep.Findings), rep.Notes)
	}
}

func TestMemoIsSharedByRulesOfOnePost(t *testing.T) {
	type key struct{}
	computed := 0
	var seen []int
	rule := func(id string) *checker.Rule {
		return &checker.Rule{ID: id, Category: checker.CategoryContent, Title: id, Doc: id, Run: func(p *checker.Pass) error {
			seen = append(seen, p.Memo(key{}, func() any { computed++; return len(p.Doc.Tokens) }).(int))
			return nil
		}}
	}
	e, err := checker.New(checker.Config{Rules: []*checker.Rule{rule("content.a"), rule("content.b")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"one two", "one two three"} {
		if _, err := e.Check(context.Background(), checker.Post{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	if computed != 2 || fmt.Sprint(seen) != "[2 2 3 3]" {
		t.Errorf("computed %d times, values %v: want once per post, shared by both rules", computed, seen)
	}
}

// TestOptInRuleRunsOnlyWhereEnabled: an opt-in rule runs for the brand
// whose settings enable it, for every post when the profile enables it,
// and never where neither does; Disabled still wins.
func TestOptInRuleRunsOnlyWhereEnabled(t *testing.T) {
	optIn := wordRule("content.x", "sale", checker.SeverityHigh)
	optIn.OptIn = true
	bk := &book{brand: checker.Brand{Name: "Acme", Known: true, Rules: map[string]checker.RuleSetting{"content.x": {Enabled: true}}}}
	check := func(pr checker.Profile, brandName string) int {
		t.Helper()
		e, err := checker.New(checker.Config{Rules: []*checker.Rule{optIn}, Profile: pr})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := e.Check(context.Background(), checker.Post{Text: "big sale", Brand: brandName, ScheduledAt: time.Unix(0, 0)})
		if err != nil {
			t.Fatal(err)
		}
		return len(rep.Findings)
	}
	if n := check(checker.Profile{Book: bk}, "Acme"); n != 1 {
		t.Errorf("brand enabling the rule: %d findings, want 1", n)
	}
	if n := check(checker.Profile{Book: bk}, "Zenith"); n != 0 {
		t.Errorf("brand not enabling the rule: %d findings, want 0", n)
	}
	if n := check(checker.Profile{}, ""); n != 0 {
		t.Errorf("no brand, no setting: %d findings, want 0", n)
	}
	on := map[string]checker.RuleSetting{"content.x": {Enabled: true}}
	if n := check(checker.Profile{Rules: on}, "Zenith"); n != 1 {
		t.Errorf("profile enabling the rule: %d findings, want 1", n)
	}
	off := &book{brand: checker.Brand{Name: "Acme", Known: true, Rules: map[string]checker.RuleSetting{"content.x": {Enabled: true, Disabled: true}}}}
	if n := check(checker.Profile{Book: off}, "Acme"); n != 0 {
		t.Errorf("enabled and disabled: %d findings, want 0", n)
	}
}

// A rule with NeedsAnyOf runs on a post holding one of them and not on a
// post holding none.
func TestNeedsAnyOf(t *testing.T) {
	ran := 0
	r := &checker.Rule{ID: "hashtag.names", Category: checker.CategoryHashtag, Title: "t", Doc: "d", NeedsAnyOf: checker.NeedsHashtags | checker.NeedsLinks,
		Run: func(*checker.Pass) error { ran++; return nil }}
	e, err := checker.New(checker.Config{Rules: []*checker.Rule{r}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text string
		runs bool
	}{{"plain words", false}, {"a #tag", true}, {"see https://example.com", true}, {"#tag and https://example.com", true}} {
		ran = 0
		if _, err := e.Check(context.Background(), checker.Post{Text: tc.text}); err != nil {
			t.Fatal(err)
		}
		if (ran == 1) != tc.runs {
			t.Errorf("%q: ran %d times, want run=%v", tc.text, ran, tc.runs)
		}
	}
}
