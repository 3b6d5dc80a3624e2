// Package news holds Preflight's news rules: a post that is harmless on an
// ordinary day and a disaster today. Each asks the news index (through
// checker.News, as of the post's scheduled time) and cites the headlines
// it relied on as evidence.
package news

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// Options configures the news rules; it is the "news" section of
// preflight.yaml. Zero values mean the documented defaults.
type Options struct {
	// TragedyWindow is how long before the scheduled time crisis news makes
	// a name in the post risky (news.tragedy_overlap). Default 72h: the
	// days a tragedy dominates the news and the public's attention.
	TragedyWindow time.Duration `yaml:"tragedy_window"`
	// TragedyMinSeverity ignores crisis articles graded below it (0–1).
	// Default 0.5: deadly attacks, shootings, disasters and deaths count;
	// a minor accident or a small protest does not. Negative: every crisis.
	TragedyMinSeverity float64 `yaml:"tragedy_min_severity"`
	// TragedyClasses are the crisis classes that count as a tragedy.
	// Default: attack, shooting, disaster, death, unrest, mourning,
	// trending (scandals are news.brand_in_trouble's business).
	TragedyClasses []checker.CrisisClass `yaml:"tragedy_classes"`
	// ShockWindow is how recent a major crisis in the audience's country
	// must be to make cheerful promotion tone-deaf (news.audience_in_shock).
	// Default 48h.
	ShockWindow time.Duration `yaml:"shock_window"`
	// ShockMinSeverity is how grave that crisis must be (0–1). Default 0.75:
	// mass-casualty attacks and shootings, deadly disasters, national
	// mourning; not every accident.
	ShockMinSeverity float64 `yaml:"shock_min_severity"`
	// BrandWindow is how far back negative news about the brand counts
	// (news.brand_in_trouble). Default 720h (30 days).
	BrandWindow time.Duration `yaml:"brand_window"`
	// BrandSevere is the severity (0–1) from which a call for engagement
	// during the brand's bad news is blocked rather than reviewed.
	// Default 0.6.
	BrandSevere float64 `yaml:"brand_severe"`
	// CondolenceSeverity is the severity of a tragedy overlap in a post
	// that only offers sympathy. Default low: worth a second look, never a
	// block.
	CondolenceSeverity checker.Severity `yaml:"condolence_severity"`
	// Stopwords are extra words never looked up in the news (product
	// names that are also place names, say).
	Stopwords []string `yaml:"stopwords"`
	// NearCountries adds groups of countries (ISO codes) whose audiences
	// live through each other's tragedies, to data/proximity.yaml's.
	NearCountries [][]string `yaml:"near_countries"`
}

func (o Options) withDefaults() Options {
	if o.TragedyWindow <= 0 {
		o.TragedyWindow = 72 * time.Hour
	}
	if o.TragedyMinSeverity == 0 {
		o.TragedyMinSeverity = 0.5
	}
	if len(o.TragedyClasses) == 0 {
		o.TragedyClasses = []checker.CrisisClass{checker.CrisisAttack, checker.CrisisShooting, checker.CrisisDisaster,
			checker.CrisisDeath, checker.CrisisUnrest, checker.CrisisMourning, checker.CrisisTrending}
	}
	if o.ShockWindow <= 0 {
		o.ShockWindow = 48 * time.Hour
	}
	if o.ShockMinSeverity <= 0 {
		o.ShockMinSeverity = 0.75
	}
	if o.BrandWindow <= 0 {
		o.BrandWindow = 30 * 24 * time.Hour
	}
	if o.BrandSevere <= 0 {
		o.BrandSevere = 0.6
	}
	if o.CondolenceSeverity == 0 {
		o.CondolenceSeverity = checker.SeverityLow
	}
	return o
}

//go:embed data/words.yaml
var wordsYAML []byte

type wordLists struct {
	Stopwords    []string `yaml:"stopwords"`
	Promotional  []string `yaml:"promotional"`
	LightHearted []string `yaml:"lighthearted"`
	Condolence   []string `yaml:"condolence"`
	Engagement   []string `yaml:"engagement"`
	Pivot        []string `yaml:"pivot"`
}

// reader holds what the three rules share, built once.
type reader struct {
	opts      Options
	stop      map[string]bool
	promo     *toneLexicon
	light     *toneLexicon
	condole   *toneLexicon
	engage    *toneLexicon
	pivot     *toneLexicon
	priceLike *regexp.Regexp
	linkLike  *regexp.Regexp
	prox      proximityTable
}

// toneLexicon finds word phrases through text.Lexicon and symbols (emoji)
// by substring.
type toneLexicon struct {
	lex     *text.Lexicon
	symbols []string
}

func newToneLexicon(phrases []string) (*toneLexicon, error) {
	tl := &toneLexicon{}
	var entries []text.Entry
	for _, p := range phrases {
		r, _ := utf8.DecodeRuneInString(p)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			entries = append(entries, text.Entry{Phrase: strings.ReplaceAll(p, "-", " ")})
		} else {
			tl.symbols = append(tl.symbols, p)
		}
	}
	lex, err := text.NewLexicon(entries)
	if err != nil {
		return nil, err
	}
	tl.lex = lex
	return tl, nil
}

func (tl *toneLexicon) find(d *text.Doc) []text.Span {
	var out []text.Span
	for _, m := range tl.lex.Find(d) {
		out = append(out, m.Span)
	}
	for _, s := range tl.symbols {
		if i := strings.Index(d.Raw, s); i >= 0 {
			out = append(out, d.RuneSpan(i, i+len(s)))
		}
	}
	return out
}

func newReader(opts Options) (*reader, error) {
	var wl wordLists
	if err := decodeStrict(wordsYAML, &wl); err != nil {
		return nil, fmt.Errorf("news word lists: %w", err)
	}
	r := &reader{opts: opts.withDefaults(), stop: map[string]bool{},
		priceLike: regexp.MustCompile(`(?i)\d\s?%|[$€£]\s?\d|\d\s?(kr|,-)(\W|$)`),
		linkLike:  regexp.MustCompile(`(?i)https?://|www\.|\b[a-z0-9-]+\.(com|no|net|org|co\.uk|shop|store)\b`)}
	for _, w := range append(wl.Stopwords, opts.Stopwords...) {
		r.stop[strings.ToLower(w)] = true
	}
	var err error
	if r.prox, err = newProximityTable(opts.NearCountries); err != nil {
		return nil, err
	}
	for _, x := range []struct {
		dst **toneLexicon
		src []string
	}{{&r.promo, wl.Promotional}, {&r.light, wl.LightHearted}, {&r.condole, wl.Condolence}, {&r.engage, wl.Engagement}, {&r.pivot, wl.Pivot}} {
		if *x.dst, err = newToneLexicon(x.src); err != nil {
			return nil, fmt.Errorf("news word lists: %w", err)
		}
	}
	return r, nil
}

// Rules builds the news rules once, at start-up.
func Rules(opts Options) ([]*checker.Rule, error) {
	r, err := newReader(opts)
	if err != nil {
		return nil, err
	}
	return []*checker.Rule{r.tragedyOverlap(), r.audienceInShock(), r.brandInTrouble(), r.eventVocabulary()}, nil
}

// tone is how a post sounds, from the text package's signals and the news
// rules' own cues; each list holds the spans that gave it.
type tone struct {
	promo, light, condolence, engage []text.Span
	links                            bool // a URL: a condolence with a link is promotion
	// pivot lists sentences that turn from sympathy to something else
	// ("Here's a bowl of breakfast energy ... scones!"): sympathy used as
	// a lead-in to content is not condolence only.
	pivot []text.Span
	// plug is set when a pivot sentence presents the brand's content
	// with a cue ("here's", "check out", "try our"), not just an
	// exclamation: sympathy as the lead-in to a plug.
	plug bool
}

func (t tone) selling() bool { return len(t.promo) > 0 || len(t.light) > 0 }

// condolenceOnly is sympathy with nothing else: no sale, no joke, no link.
func (t tone) condolenceOnly() bool {
	return len(t.condolence) > 0 && !t.selling() && !t.links && len(t.pivot) == 0
}

// toneKey memoises the post's tone for the news rules.
type toneKey struct{}

// toneOfPass reads the post's tone once for all the news rules.
func (r *reader) toneOfPass(p *checker.Pass) tone {
	return p.Memo(toneKey{}, func() any { return r.toneOf(p.Doc) }).(tone)
}

func (r *reader) toneOf(d *text.Doc) tone {
	s := d.Signals
	t := tone{
		promo:      append(append([]text.Span(nil), s.Promotional...), r.promo.find(d)...),
		light:      append(append([]text.Span(nil), s.LightHearted...), r.light.find(d)...),
		condolence: append(append([]text.Span(nil), s.Condolence...), r.condole.find(d)...),
		engage:     append(append([]text.Span(nil), s.Engagement...), r.engage.find(d)...),
	}
	t.links = len(d.URLs) > 0 || r.linkLike.MatchString(d.Raw)
	if len(t.condolence) > 0 {
		t.pivot, t.plug = r.pivots(d, t.condolence)
	}
	// A sum given to a cause ("we are donating €20,000 to the appeal")
	// is not a price.
	if loc := r.priceLike.FindStringIndex(d.Raw); loc != nil && (len(s.Charity) == 0 || len(s.Promotional) > 0) {
		t.promo = append(t.promo, d.RuneSpan(loc[0], loc[1]))
	}
	// "Ask us with #AskBP", "tweet it using #Brand": a hashtag campaign.
	for i := 1; i < len(d.Tokens); i++ {
		if d.Tokens[i].Kind == text.Hashtag {
			switch d.Tokens[i-1].Norm {
			case "with", "using", "use", "tweet", "tag", "med", "bruk":
				t.engage = append(t.engage, d.Tokens[i].Span)
			}
		}
	}
	return t
}

// pivots returns the sentences with no sympathy in them that present
// something: a pivot cue ("here's", "check out", "try our") or an
// exclamation; plug is true when a cue gave one.
func (r *reader) pivots(d *text.Doc, condolence []text.Span) (out []text.Span, plug bool) {
	cues := r.pivot.find(d)
	for _, s := range d.Sentences() {
		if overlapsAny(condolence, s) {
			continue
		}
		cued := overlapsAny(cues, s)
		if cued || strings.HasSuffix(strings.TrimSpace(d.Slice(s)), "!") {
			out = append(out, s)
			plug = plug || cued
		}
	}
	return out, plug
}

func overlapsAny(spans []text.Span, s text.Span) bool {
	for _, x := range spans {
		if x.Start < s.End && s.Start < x.End {
			return true
		}
	}
	return false
}

func firstSpan(lists ...[]text.Span) (text.Span, bool) {
	best, ok := text.Span{}, false
	for _, l := range lists {
		for _, s := range l {
			if !ok || s.Start < best.Start {
				best, ok = s, true
			}
		}
	}
	return best, ok
}

func evidence(arts []checker.Article, n int) []checker.Evidence {
	var out []checker.Evidence
	for i, a := range arts {
		if i == n {
			break
		}
		out = append(out, checker.NewsEvidence(a))
	}
	return out
}

func headline(a checker.Article) string {
	return fmt.Sprintf("%q (%s, %s)", a.Title, a.Published.UTC().Format("2006-01-02 15:04 UTC"), orDash(string(a.Crisis)))
}

func orDash(s string) string {
	if s == "" {
		return "news"
	}
	return s
}

// timeAgo says how long before the scheduled time an article came out.
func timeAgo(at, published time.Time) string {
	d := at.Sub(published)
	switch {
	case d < time.Hour:
		return "less than an hour before"
	case d < 2*time.Hour:
		return "1 hour before"
	case d < 48*time.Hour:
		return fmt.Sprintf("%d hours before", int(d.Hours()))
	}
	return fmt.Sprintf("%d days before", int(d.Hours()/24))
}
