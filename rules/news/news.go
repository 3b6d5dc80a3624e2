// Package news holds Preflight's news rules: a post that is harmless on an
// ordinary day and a disaster today. Each asks the news index (through
// checker.News, as of the post's scheduled time) and cites the headlines
// it relied on as evidence.
package news

import (
	_ "embed"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/strictyaml"
	"github.com/preflight-dev/preflight/segment"
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

// wordLists is the shape of data/words.yaml: the news rules' own data.
// Tone is not here: it comes from the text package's vocabulary.
type wordLists struct {
	Stopwords   []string `yaml:"stopwords"`
	Determiners []string `yaml:"determiners"`
	LossHeads   []string `yaml:"loss_heads"`
	Definite    []string `yaml:"definite"`
	Occasion    []string `yaml:"occasion"`
	Hazards     []string `yaml:"hazards"`
	Sympathy    []string `yaml:"sympathy_tags"`
	Account     []string `yaml:"accountability"`
	Service     []string `yaml:"service"`
	Negators    []string `yaml:"negators"`
	Immunity    []string `yaml:"immunity"`
	Tribute     []string `yaml:"tribute_verbs"`
	Inhabitant  []string `yaml:"inhabitant_endings"`
	PriceRise   struct {
		Prices []string `yaml:"prices"`
		Rises  []string `yaml:"rises"`
	} `yaml:"price_rise"`
}

// reader holds what the news rules share, built once.
type reader struct {
	opts Options
	stop map[string]bool
	// det opens a noun phrase: a name between it and a noun is a
	// modifier (data/words.yaml).
	det map[string]bool
	// lossHead, after a name's noun, makes the phrase name the event or
	// its people, not an offering (data/words.yaml).
	lossHead map[string]bool
	// definite, before the event's own word, makes the post speak of the
	// event itself (data/words.yaml).
	definite map[string]bool
	prox     proximityTable
	// occasion holds the phrases that present the moment as an occasion
	// to act (data/words.yaml), by first word.
	occasion map[string][][]string
	// hazard are the words that name a hazard by its given name
	// ("Hurricane", "Storm"; data/words.yaml).
	hazard map[string]bool
	// priceWord and riseWord read a price rise in one sentence
	// (data/words.yaml).
	priceWord, riseWord map[string]bool
	// words knows how common an English word is, so a given name that
	// begins a person's name ("David" of David Bowie) is not read as the
	// person, while a rare one ("Kobe") is.
	words *segment.Segmenter
	// sympathyTag holds the words that make a hashtag one of sympathy
	// or help (data/words.yaml), lower-case.
	sympathyTag []string
	// account reads a brand answering its own trouble: an apology, an
	// admission, a promise to listen (data/words.yaml).
	account *text.Lexicon
	// service reads a service notice: closures, delays, safety, refunds
	// (data/words.yaml).
	service *text.Lexicon
	// negator and immunity read a claim that a product is immune to an
	// event (data/words.yaml).
	negator, immunity map[string]bool
	// tribute are the verbs that pay tribute to someone named right
	// after them ("honour Madiba", "remember Kobe"; data/words.yaml).
	tribute map[string]bool
	// inhabitant are the endings of a place's inhabitant or adjective
	// form in the languages that write it in lower case ("osorninos",
	// "parisiens", "napoletani"; data/words.yaml), longest first.
	inhabitant []string
	// langSegs holds, by language, the word list that tells an ordinary
	// word of a post's own language from an English vocabulary word
	// ("die" in German): read on first use.
	langSegs sync.Map
}

func newReader(opts Options) (*reader, error) {
	var wl wordLists
	if err := strictyaml.Decode(wordsYAML, &wl); err != nil {
		return nil, fmt.Errorf("news word lists: %w", err)
	}
	r := &reader{opts: opts.withDefaults(), stop: map[string]bool{}, det: map[string]bool{}, words: segment.New()}
	r.occasion = map[string][][]string{}
	for _, ph := range wl.Occasion {
		ws := strings.Fields(strings.ToLower(ph))
		if len(ws) > 0 {
			r.occasion[ws[0]] = append(r.occasion[ws[0]], ws)
		}
	}
	for _, e := range wl.Inhabitant {
		if e = text.Normalise(strings.TrimSpace(e)); e != "" {
			r.inhabitant = append(r.inhabitant, e)
		}
	}
	sort.SliceStable(r.inhabitant, func(i, j int) bool { return len(r.inhabitant[i]) > len(r.inhabitant[j]) })
	r.hazard = map[string]bool{}
	for _, w := range wl.Hazards {
		r.hazard[strings.ToLower(w)] = true
	}
	r.priceWord, r.riseWord = map[string]bool{}, map[string]bool{}
	for _, w := range wl.PriceRise.Prices {
		r.priceWord[strings.ToLower(w)] = true
	}
	for _, w := range wl.PriceRise.Rises {
		r.riseWord[strings.ToLower(w)] = true
	}
	for _, w := range wl.Sympathy {
		if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
			r.sympathyTag = append(r.sympathyTag, w)
		}
	}
	entries := make([]text.Entry, 0, len(wl.Account))
	for _, ph := range wl.Account {
		entries = append(entries, text.Entry{Phrase: ph})
	}
	var err error
	acc, err := text.NewLexicon(entries)
	if err != nil {
		return nil, fmt.Errorf("news word lists: accountability: %w", err)
	}
	r.account = acc
	entries = entries[:0]
	for _, ph := range wl.Service {
		entries = append(entries, text.Entry{Phrase: ph})
	}
	if r.service, err = text.NewLexicon(entries); err != nil {
		return nil, fmt.Errorf("news word lists: service: %w", err)
	}
	r.negator, r.immunity = map[string]bool{}, map[string]bool{}
	for _, w := range wl.Negators {
		r.negator[strings.ToLower(w)] = true
	}
	for _, w := range wl.Immunity {
		r.immunity[strings.ToLower(w)] = true
	}
	r.definite = map[string]bool{}
	for _, w := range wl.Definite {
		r.definite[strings.ToLower(w)] = true
	}
	r.tribute = map[string]bool{}
	for _, w := range wl.Tribute {
		r.tribute[strings.ToLower(w)] = true
	}
	for _, w := range wl.Determiners {
		r.det[strings.ToLower(w)] = true
	}
	r.lossHead = map[string]bool{}
	for _, w := range wl.LossHeads {
		r.lossHead[strings.ToLower(w)] = true
	}
	for _, w := range append(wl.Stopwords, opts.Stopwords...) {
		r.stop[strings.ToLower(w)] = true
	}
	if r.prox, err = newProximityTable(opts.NearCountries); err != nil {
		return nil, err
	}
	return r, nil
}

// Rules builds the news rules once, at start-up. The word lists and
// tables are read when a rule first runs (a check without news never
// reads them), or now when preflight.yaml configures the rules, so that a
// mistake there stops start-up.
func Rules(opts Options) ([]*checker.Rule, error) {
	build := func() ([]*checker.Rule, error) {
		r, err := newReader(opts)
		if err != nil {
			return nil, err
		}
		return r.rules(), nil
	}
	if !reflect.ValueOf(opts).IsZero() {
		return build()
	}
	return checker.Deferred((&reader{opts: opts.withDefaults()}).rules(), build), nil
}

// rules are the reader's rules, in their documented order; their
// descriptions read only the options.
func (r *reader) rules() []*checker.Rule {
	return []*checker.Rule{r.tragedyOverlap(), r.audienceInShock(), r.brandInTrouble(), r.eventVocabulary()}
}

// tone is how a post sounds, read from the text package's analysis; each
// list holds the spans that gave it.
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
	// occasion lists phrases that present the moment as an occasion to
	// act ("why not take this opportunity", "drop everything and escape
	// to"): next to a tragedy they make it a sales pitch.
	occasion []text.Span
	// priceRise lists sentences that raise prices ("fares have
	// increased"): to an audience in a tragedy, profiting from it.
	priceRise []text.Span
}

func (t tone) selling() bool { return len(t.promo) > 0 || len(t.light) > 0 || len(t.priceRise) > 0 }

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

// toneOf reads the post's tone from the text package's broad readings
// (Doc.Cues): a rule here already has a reason to look, news that makes
// any sale or joke risky.
func (r *reader) toneOf(d *text.Doc) tone {
	c := &d.Cues
	t := tone{
		promo:      c.Promotional,
		light:      c.LightHearted,
		condolence: c.Condolence,
		engage:     c.Engagement,
		links:      len(d.URLs) > 0,
	}
	// A sum given to a cause ("we are donating €20,000 to the appeal",
	// "10% of proceeds") is not a price.
	if len(d.Signals.Charity) == 0 || len(d.Signals.Promotional) > 0 {
		t.promo = append(prices(d), t.promo...)
	} else if len(c.Condolence) > 0 {
		// Sympathy with an appeal and no selling word: a shop or a store
		// named is where the aid is collected ("our aid post opens at
		// the Malang store"), not a sale.
		t.promo = nil
	} else {
		t.promo = withoutAmounts(d, t.promo)
	}
	t.condolence = append(t.condolence, r.tributes(d)...)
	if len(t.condolence) > 0 {
		t.pivot, t.plug = pivots(d, t.condolence)
	}
	t.occasion = r.occasions(d)
	t.priceRise = r.priceRises(d)
	return t
}

// tributes returns the phrases that pay tribute to someone by name: a
// tribute verb and the capitalised name right after it ("honour Madiba",
// "we remember Diego"). A name the coverage never uses is still someone
// the post mourns; with a sale beside it, a plug. One pass over the tokens.
func (r *reader) tributes(d *text.Doc) []text.Span {
	var out []text.Span
	for i := 0; i+1 < len(d.Tokens); i++ {
		t, n := d.Tokens[i], d.Tokens[i+1]
		if t.Kind == text.Word && r.tribute[t.Norm] && n.Kind == text.Word && isCapitalised(n.Raw) &&
			!r.stop[n.Norm] && onlySpace(d, t.End, n.Start) {
			out = append(out, text.Span{Start: t.Start, End: n.End})
		}
	}
	return out
}

// priceRises returns the sentences with a price word and a rise word
// (data/words.yaml; "surge" is both), each as the span from the first to
// the last of them. One pass over the tokens, sentence by sentence.
func (r *reader) priceRises(d *text.Doc) []text.Span {
	found := false
	for _, t := range d.Tokens {
		if t.Kind == text.Word && r.priceWord[t.Norm] {
			found = true
			break
		}
	}
	if !found {
		return nil
	}
	var out []text.Span
	sents := d.Sentences()
	si := 0
	price, rise := false, false
	var span text.Span
	flush := func() {
		if price && rise {
			out = append(out, span)
		}
		price, rise, span = false, false, text.Span{}
	}
	for _, t := range d.Tokens {
		for si < len(sents) && t.Start >= sents[si].End {
			flush()
			si++
		}
		if t.Kind != text.Word {
			continue
		}
		p, q := r.priceWord[t.Norm], r.riseWord[t.Norm]
		if !p && !q {
			continue
		}
		if (p && q && !price) || (p && !price) {
			price = true
		} else if q {
			rise = true
		}
		if p && q {
			rise = true
		}
		if span == (text.Span{}) {
			span.Start = t.Start
		}
		span.End = t.End
	}
	flush()
	return out
}

// occasions finds the occasion phrases (data/words.yaml) in the post's
// words: one pass over the tokens, each looked up by its first word.
func (r *reader) occasions(d *text.Doc) []text.Span {
	found := false
	for _, t := range d.Tokens {
		if t.Kind == text.Word && r.occasion[t.Norm] != nil {
			found = true
			break
		}
	}
	if !found {
		return nil
	}
	words := make([]*text.Token, 0, len(d.Tokens)) // by reference: a token is large
	for i := range d.Tokens {
		if t := &d.Tokens[i]; t.Kind == text.Word {
			words = append(words, t)
		}
	}
	var out []text.Span
	for i, t := range words {
		for _, ph := range r.occasion[t.Norm] {
			if i+len(ph) > len(words) {
				continue
			}
			ok := true
			for k := 1; k < len(ph) && ok; k++ {
				ok = words[i+k].Norm == ph[k]
			}
			if ok {
				out = append(out, text.Span{Start: t.Start, End: words[i+len(ph)-1].End})
				break
			}
		}
	}
	return out
}

// prices finds numbers written with a currency sign ("$299", "£10") or
// as "199,-". The text package reads percentages and kroner as cues but
// not these, which the calendar rules would take for an offer on any
// observance; here a tragedy is already in the news.
func prices(d *text.Doc) []text.Span {
	var out []text.Span
	for _, t := range d.Tokens {
		if t.Kind != text.Number {
			continue
		}
		if t.Start > 0 {
			if r := []rune(d.Slice(text.Span{Start: t.Start - 1, End: t.Start})); len(r) == 1 && unicode.Is(unicode.Sc, r[0]) {
				out = append(out, text.Span{Start: t.Start - 1, End: t.End})
				continue
			}
		}
		if strings.HasPrefix(d.Slice(text.Span{Start: t.End, End: t.End + 2}), ",-") {
			out = append(out, text.Span{Start: t.Start, End: t.End + 2})
		}
	}
	return out
}

// withoutAmounts drops the spans that begin with a number or a currency
// sign: the amounts among promotional readings.
func withoutAmounts(d *text.Doc, spans []text.Span) []text.Span {
	var out []text.Span
	for _, s := range spans {
		r, _ := utf8.DecodeRuneInString(d.Slice(s))
		if unicode.IsDigit(r) || unicode.Is(unicode.Sc, r) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// pivots returns the sentences with no sympathy in them that present
// something: a pivot cue ("here's", "check out", "try our") or an
// exclamation; plug is true when a cue gave one.
func pivots(d *text.Doc, condolence []text.Span) (out []text.Span, plug bool) {
	// Both lists in text order, walked once alongside the sentences.
	cond := slices.Clone(condolence)
	slices.SortFunc(cond, func(a, b text.Span) int { return a.Start - b.Start })
	piv := slices.Clone(d.Cues.Pivot)
	slices.SortFunc(piv, func(a, b text.Span) int { return a.Start - b.Start })
	ci, pi := 0, 0
	for _, s := range d.Sentences() {
		for ci < len(cond) && cond[ci].End <= s.Start {
			ci++
		}
		for pi < len(piv) && piv[pi].End <= s.Start {
			pi++
		}
		// The sympathy in this sentence, and where the last of it ends.
		last, sympathy := 0, false
		for k := ci; k < len(cond) && cond[k].Start < s.End; k++ {
			sympathy = true
			last = max(last, cond[k].End)
		}
		if sympathy {
			// "In honor of Boston, may we suggest: scones!": a cue after
			// the sympathy turns the rest of its sentence to the product.
			for k := pi; k < len(piv) && piv[k].Start < s.End; k++ {
				if piv[k].Start >= last {
					out = append(out, text.Span{Start: piv[k].Start, End: s.End})
					plug = true
					break
				}
			}
			continue
		}
		cued := pi < len(piv) && piv[pi].Start < s.End
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
	// fmt.Sprintf("%q (%s, %s)", …) without fmt (a finding's hot path).
	b := make([]byte, 0, len(a.Title)+48)
	b = strconv.AppendQuote(b, a.Title)
	b = append(b, " ("...)
	b = a.Published.UTC().AppendFormat(b, "2006-01-02 15:04 UTC")
	b = append(b, ", "...)
	b = append(b, orDash(string(a.Crisis))...)
	b = append(b, ')')
	return string(b)
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
