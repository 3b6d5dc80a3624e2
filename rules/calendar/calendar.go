// Package calendar holds Preflight's calendar rules: what day it is for the
// audience when the post goes out. A promotion on 9/11, "Happy Memorial
// Day! 40% off grills", a brunch offer on Yom Kippur, "Happy Mother's Day"
// to Americans in March.
//
// The rules judge the post at its scheduled time (pass.At) in every
// audience region, in that region's time zone, through pass.Calendar. A post
// without regions is judged for Options.DefaultRegions (US unless
// configured). Day names, aliases and tone come from the calendar; the
// words that make a post promotional, light-hearted or tied to the brand,
// the symbols of each solemn day and the greetings people use are embedded
// data (data/cues.yaml).
package calendar

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/datasnap"
	"github.com/preflight-dev/preflight/rules/internal/grammar"
	"github.com/preflight-dev/preflight/text"
)

// Options configures the calendar rules; it is the "calendar_rules" section
// of preflight.yaml. Zero values mean the documented defaults.
type Options struct {
	// DefaultRegions are the audience when a post (and the profile) names
	// none. Default: [US].
	DefaultRegions []string `yaml:"default_regions"`
	// ReferenceDays is how many days before or after a solemn day a post
	// that names it (or its symbols) together with a promotion or the brand
	// is still blocked: the tie itself is the offence. Default: 3.
	ReferenceDays int `yaml:"reference_days"`
	// MinWeight: days a region keeps less widely than this (a small
	// community's fast, Good Friday in the US) only count when the post
	// names them. Default: 0.2.
	MinWeight float64 `yaml:"min_weight"`
	// MinorityWeight: days kept by a minority community in the region
	// (weight below this) get the lower severities; at or above it, most
	// of the audience keeps the day (a fast they keep themselves). Default:
	// 0.5.
	MinorityWeight float64 `yaml:"minority_weight"`
	// StopWeight: days kept at least this widely are days the country
	// stops for (sirens, silence, flags at half-mast everywhere: 9/11 in
	// the US, Anzac Day, Yom HaZikaron in Israel). Only on those does an
	// offer or a cheerful greeting that does not name the day count; on
	// an official remembrance most people do not mark (9 November in
	// Germany), only plain selling or party words, or naming the day,
	// do. Default: 0.9.
	StopWeight float64 `yaml:"stop_weight"`
	// Severities of each finding; names as in the report (low, medium,
	// high, critical).
	Severity Severities `yaml:"severity"`
}

// Severities are the finding severities of the calendar rules.
type Severities struct {
	SolemnPromo    checker.Severity `yaml:"solemn_promo"`    // promotion or party on a solemn/fasting day: high
	MinorityPromo  checker.Severity `yaml:"minority_promo"`  // the same on a minority community's day: low (advice)
	LesserSolemn   checker.Severity `yaml:"lesser_solemn"`   // a promotion on a national remembrance the region keeps less widely (Pearl Harbor Day): medium
	FastParty      checker.Severity `yaml:"fast_party"`      // party or alcohol during a fast most of the audience keeps: critical
	FastFood       checker.Severity `yaml:"fast_food"`       // a food or drink promotion in the fast's hours, where most keep it: high
	SolemnTie      checker.Severity `yaml:"solemn_tie"`      // the day tied to the brand or a product: critical
	MinorityTie    checker.Severity `yaml:"minority_tie"`    // the same for a minority community's day: high
	SolemnGreeting checker.Severity `yaml:"solemn_greeting"` // "Happy Memorial Day": high
	// Grave: a promotion or party on a day a nation mourns the mass killing
	// of its own people (a genocide, a massacre), or one timed to a
	// national silence (20:00 on 4 May in the Netherlands): critical.
	Grave checker.Severity `yaml:"grave"`
	// PublicFast: a food or drink promotion in the fasting hours where the
	// law forbids eating in public then (Ramadan in Saudi Arabia): critical.
	PublicFast checker.Severity `yaml:"public_fast"`
	WrongDay   checker.Severity `yaml:"wrong_day"` // a greeting on the wrong day: medium
}

func (o Options) withDefaults() Options {
	if len(o.DefaultRegions) == 0 {
		o.DefaultRegions = []string{"US"}
	}
	o.DefaultRegions = checker.NormaliseRegions(o.DefaultRegions)
	if o.ReferenceDays == 0 {
		o.ReferenceDays = 3
	}
	if o.MinWeight == 0 {
		o.MinWeight = 0.2
	}
	if o.MinorityWeight == 0 {
		o.MinorityWeight = 0.5
	}
	if o.StopWeight == 0 {
		o.StopWeight = 0.9
	}
	s := &o.Severity
	def := func(v *checker.Severity, d checker.Severity) {
		if *v == 0 {
			*v = d
		}
	}
	def(&s.SolemnPromo, checker.SeverityHigh)
	def(&s.MinorityPromo, checker.SeverityLow)
	def(&s.LesserSolemn, checker.SeverityMedium)
	def(&s.FastParty, checker.SeverityCritical)
	def(&s.FastFood, checker.SeverityHigh)
	def(&s.SolemnTie, checker.SeverityCritical)
	def(&s.MinorityTie, checker.SeverityHigh)
	def(&s.SolemnGreeting, checker.SeverityHigh)
	def(&s.WrongDay, checker.SeverityMedium)
	def(&s.Grave, checker.SeverityCritical)
	def(&s.PublicFast, checker.SeverityCritical)
	return o
}

func (o Options) validate() error {
	if o.ReferenceDays < 0 || o.ReferenceDays > 30 {
		return checker.Invalidf("calendar_rules.reference_days", "must be between 0 and 30, not %d", o.ReferenceDays)
	}
	if o.MinWeight < 0 || o.MinWeight > 1 {
		return checker.Invalidf("calendar_rules.min_weight", "must be between 0 and 1, not %v", o.MinWeight)
	}
	if o.MinorityWeight < 0 || o.MinorityWeight > 1 {
		return checker.Invalidf("calendar_rules.minority_weight", "must be between 0 and 1, not %v", o.MinorityWeight)
	}
	if o.StopWeight < 0 || o.StopWeight > 1 {
		return checker.Invalidf("calendar_rules.stop_weight", "must be between 0 and 1, not %v", o.StopWeight)
	}
	for _, r := range o.DefaultRegions {
		if len(r) != 2 {
			return checker.Invalidf("calendar_rules.default_regions", "%q is not a two-letter region code", r)
		}
	}
	return nil
}

//go:embed data/cues.yaml
var cuesYAML []byte

type cueFile struct {
	Source        string               `yaml:"source"`
	Licence       string               `yaml:"licence"`
	Food          []string             `yaml:"food"`
	FastMeals     []string             `yaml:"fast_meals"`
	Nightlife     []string             `yaml:"nightlife"`
	NotNightlife  []string             `yaml:"not_nightlife"`
	AltTie        []string             `yaml:"alt_tie"`
	SoftTie       []string             `yaml:"soft_tie"`
	Tie           []string             `yaml:"tie"`
	GreetingWords []string             `yaml:"greeting_words"`
	CheerWords    []string             `yaml:"cheer_words"`
	CheerLead     []string             `yaml:"cheer_lead"`
	Offers        grammar.File         `yaml:"offers"`
	Solemn        map[string]solemnCue `yaml:"solemn"`
	// Echoes are classes of words that echo how a day's dead died (shake
	// for an earthquake, blast for a bombing): on the day, in a promotion,
	// they read as a pun on the deaths. A solemn day names its class.
	Echoes map[string][]string `yaml:"echoes"`
	// Commemorations are days that commemorate a people's history, keyed
	// by day id; Merch the goods a product in such a day's name is.
	Commemorations map[string]commemorationCue `yaml:"commemorations"`
	Merch          []string                    `yaml:"merch"`
	Greetings      []greetingDef               `yaml:"greetings"`
	Zodiac         [][]string                  `yaml:"zodiac"`
	ZodiacNotNow   []string                    `yaml:"zodiac_not_now"`
	// Today are the words that present the post's day as the day greeted
	// ("Eid sale starts today"): a greeting with one is due on the day
	// itself, not the day before.
	Today []string `yaml:"today"`
}

type solemnCue struct {
	Symbols    []string `yaml:"symbols"`
	Weak       []string `yaml:"weak"`
	Max        string   `yaml:"max"`
	Greet      bool     `yaml:"greet"`
	NamedOnly  bool     `yaml:"named_only"`
	Suggestion string   `yaml:"suggestion"`
	// FastHours are the local hours [from, until) a fast kept from dawn
	// to sunset is in force (Ramadan); empty means the whole day.
	FastHours []int `yaml:"fast_hours"`
	// Forbidden are the foods and drinks those keeping the day abstain
	// from (pork and alcohol in Ramadan): put beside the day's name they
	// mock the people keeping it, whoever the audience is.
	Forbidden []string `yaml:"forbidden"`
	// Lead is how many days before the day a post that names it beside an
	// offer or the brand still counts, where the day has a season of its
	// own (the poppy appeal before Remembrance Day, the run-up to Anzac
	// Day); Options.ReferenceDays when larger.
	Lead int `yaml:"lead"`
	// Grave marks a day on which a nation mourns the mass killing of its
	// own people (a genocide, a massacre, a famine made by a state):
	// where the country keeps it (weight at least StopWeight), a party or
	// a promotion on the day is blocked, not reviewed.
	Grave bool `yaml:"grave"`
	// Silence are the local clock times ("20:00") at which the country
	// stops for a silence or sirens on the day: a promotion or party that
	// names that time is timed to the silence (where the day's weight is
	// at least StopWeight).
	Silence []string `yaml:"silence"`
	// Echo names a class in echoes whose words count as the day's weak
	// symbols ("sacudimos los precios" on Mexico's earthquake day).
	Echo string `yaml:"echo"`
	// PublicFast are the regions whose law forbids eating and drinking in
	// public in the fasting hours: a food promotion then invites a breach
	// of the law as well as of the fast.
	PublicFast []string `yaml:"public_fast"`
}

type greetingDef struct {
	IDs []string `yaml:"ids"`
	// Named are words of a day's English name that make it the day this
	// greeting is for in any region, on top of IDs: "Happy Independence
	// Day" greets the Philippines' own day on 12 June.
	Named   []string `yaml:"named"`
	Names   []string `yaml:"names"`
	Phrases []string `yaml:"phrases"`
	Before  int      `yaml:"before"`
	After   int      `yaml:"after"`
}

// lexicon is the compiled cue data shared by the rules.
type lexicon struct {
	food, tie, nightlife *phraseSet
	// fastMeals are the meals that end and precede a day's fast (iftar,
	// suhoor): food in a post that names one is eaten outside the fast.
	fastMeals *phraseSet
	// forbidden holds each solemn day's forbidden foods, keyed by day id.
	forbidden       *phraseSet
	notNightlife    *phraseSet // "third-party": a nightlife word that is not one
	altTie, softTie *phraseSet
	offers          *grammar.Grammar // freebies, calls to buy or treat, indulgences
	softOffer       map[string]bool  // offer pattern ids that are indulgences, not offers
	brands          sync.Map         // brand name -> *phraseSet
	greetWords      map[string]bool
	cheerWords      map[string]bool // "happy", "merry": a cheerful greeting's first word
	cheerLead       map[string]bool // "a", "very", "wishing": words before it
	// holidayTags are the greeted days' names written as one word
	// ("easter", "mothersday"), which only a hashtag's reading asks for:
	// folded on first use.
	holidayTags func() map[string]bool
	solemn      map[string]solemnCue
	// silence holds each solemn day's silence times, in minutes after
	// local midnight, keyed by day id.
	silence map[string][]int
	echoes  map[string][]string
	// commemorations by day id, their names (key: day id) and the goods
	// a product in their name is.
	commemorations     map[string]commemorationCue
	commemorationNames *phraseSet
	merch              *phraseSet
	greetNames         *phraseSet // key: index into greetings
	greetPhrases       *phraseSet
	greetings          []greetingDef
	zodiac             *phraseSet // "year of the rabbit"; key: the animal's place in the cycle
	zodiacNotNow       *phraseSet // "born in the": a birth year or a past one
	today              *phraseSet // "today", "اليوم": the post's day is the day greeted
	zodiacNames        []string   // each animal's English name, for messages
}

// loadLexicon decodes the cue data strictly (a misspelt key is an error) and
// compiles its phrase sets.
func loadLexicon(cues []byte) (*lexicon, error) {
	var f cueFile
	if err := datasnap.Decode(cues, &f); err != nil {
		return nil, fmt.Errorf("data/cues.yaml: %w", err)
	}
	l := &lexicon{food: newPhraseSet(), fastMeals: newPhraseSet(), forbidden: newPhraseSet(), tie: newPhraseSet(), nightlife: newPhraseSet(), notNightlife: newPhraseSet(), altTie: newPhraseSet(), softTie: newPhraseSet(),
		greetWords: map[string]bool{}, cheerWords: map[string]bool{}, cheerLead: map[string]bool{},
		solemn: f.Solemn, silence: map[string][]int{}, echoes: f.Echoes,
		commemorations: f.Commemorations, commemorationNames: newPhraseSet(), merch: newPhraseSet(), greetNames: newPhraseSet(), greetPhrases: newPhraseSet(), greetings: f.Greetings,
		zodiac: newPhraseSet(), zodiacNotNow: newPhraseSet(), today: newPhraseSet()}
	for _, c := range []struct {
		set     *phraseSet
		key     string
		phrases []string
	}{
		{l.food, "food", f.Food}, {l.fastMeals, "fast_meals", f.FastMeals}, {l.nightlife, "nightlife", f.Nightlife}, {l.notNightlife, "not_nightlife", f.NotNightlife},
		{l.softTie, "soft_tie", f.SoftTie}, {l.altTie, "alt_tie", f.AltTie}, {l.tie, "tie", f.Tie},
	} {
		for _, p := range c.phrases {
			c.set.add(p, c.key)
		}
	}
	for id, c := range f.Commemorations {
		if len(c.Names) == 0 {
			return nil, fmt.Errorf("data/cues.yaml: commemorations.%s: names required", id)
		}
		if c.Lead < 0 || c.Lead > 60 {
			return nil, fmt.Errorf("data/cues.yaml: commemorations.%s.lead: want 0 to 60 days, not %d", id, c.Lead)
		}
		for _, n := range c.Names {
			l.commemorationNames.add(n, id)
		}
	}
	for _, w := range f.Merch {
		l.merch.add(w, "merch")
	}
	for id, c := range f.Solemn {
		for _, w := range c.Forbidden {
			l.forbidden.add(w, id)
		}
	}
	for _, w := range f.GreetingWords {
		l.greetWords[greetKey(w)] = true
	}
	for _, w := range f.CheerWords {
		l.cheerWords[greetKey(w)] = true
	}
	for _, w := range f.CheerLead {
		l.cheerLead[greetKey(w)] = true
	}
	var err error
	if l.offers, err = grammar.New(f.Offers.Classes, f.Offers.Patterns); err != nil {
		return nil, fmt.Errorf("data/cues.yaml: offers: %w", err)
	}
	sevs, err := grammar.Severities(f.Offers.Patterns)
	if err != nil {
		return nil, fmt.Errorf("data/cues.yaml: offers: %w", err)
	}
	l.softOffer = map[string]bool{}
	for id, sev := range sevs {
		if sev < checker.SeverityCritical {
			l.softOffer[id] = true
		}
	}
	for id, c := range f.Solemn {
		if c.Max != "" {
			if _, err := checker.ParseSeverity(c.Max); err != nil {
				return nil, fmt.Errorf("data/cues.yaml: solemn.%s.max: %w", id, err)
			}
		}
		if c.Lead < 0 || c.Lead > 30 {
			return nil, fmt.Errorf("data/cues.yaml: solemn.%s.lead: want 0 to 30 days, not %d", id, c.Lead)
		}
		if h := c.FastHours; len(h) > 0 && (len(h) != 2 || h[0] < 0 || h[1] > 24 || h[0] >= h[1]) {
			return nil, fmt.Errorf("data/cues.yaml: solemn.%s.fast_hours: want [from, until] hours with 0 <= from < until <= 24, not %v", id, h)
		}
		for _, t := range c.Silence {
			m, ok := parseHHMM(t)
			if !ok {
				return nil, fmt.Errorf("data/cues.yaml: solemn.%s.silence: want a local time HH:MM, not %q", id, t)
			}
			l.silence[id] = append(l.silence[id], m)
		}
		if c.Echo != "" && len(f.Echoes[c.Echo]) == 0 {
			return nil, fmt.Errorf("data/cues.yaml: solemn.%s.echo: no echo class %q", id, c.Echo)
		}
		for _, r := range c.PublicFast {
			if len(r) != 2 || strings.ToUpper(r) != r {
				return nil, fmt.Errorf("data/cues.yaml: solemn.%s.public_fast: %q is not a two-letter region code", id, r)
			}
		}
	}
	if len(f.Zodiac) != 0 && len(f.Zodiac) != 12 {
		return nil, fmt.Errorf("data/cues.yaml: zodiac: want the 12 animals in order, not %d entries", len(f.Zodiac))
	}
	for i, phrases := range f.Zodiac {
		if len(phrases) == 0 {
			return nil, fmt.Errorf("data/cues.yaml: zodiac[%d]: no phrases", i)
		}
		name := strings.TrimPrefix(phrases[0], "year of the ")
		l.zodiacNames = append(l.zodiacNames, strings.ToUpper(name[:1])+name[1:])
		for _, ph := range phrases {
			l.zodiac.add(ph, fmt.Sprint(i))
		}
	}
	for _, ph := range f.ZodiacNotNow {
		l.zodiacNotNow.add(ph, "not-now")
	}
	for _, ph := range f.Today {
		l.today.add(ph, "today")
	}
	for i, g := range f.Greetings {
		if len(g.IDs) == 0 {
			return nil, fmt.Errorf("data/cues.yaml: greetings[%d]: ids required", i)
		}
		key := fmt.Sprint(i)
		for _, n := range g.Names {
			l.greetNames.add(n, key)
		}
		for _, p := range g.Phrases {
			l.greetPhrases.add(p, key)
		}
	}
	l.holidayTags = sync.OnceValue(func() map[string]bool {
		tags := map[string]bool{}
		for _, g := range f.Greetings {
			for _, n := range g.Names {
				tags[tagKey(n)] = true
			}
		}
		return tags
	})
	return l, nil
}

// Rules builds the calendar rules once, at start-up.
func Rules(opts Options) ([]*checker.Rule, error) {
	opts = opts.withDefaults()
	if err := opts.validate(); err != nil {
		return nil, err
	}
	lex, err := loadLexicon(cuesYAML)
	if err != nil {
		return nil, err
	}
	idx := &indexCache{lex: lex}
	return []*checker.Rule{
		solemnDayRule(opts, lex, idx),
		solemnGreetingRule(opts, lex, idx),
		wrongDayGreetingRule(opts, lex, idx),
		zodiacRule(opts, lex, idx),
	}, nil
}

// audience returns the regions a post is judged for.
func audience(p *checker.Pass, opts Options) []string {
	if len(p.Post.Regions) > 0 {
		return p.Post.Regions
	}
	return opts.DefaultRegions
}

// evidence cites an observance.
func evidence(o checker.Observance) checker.Evidence {
	return checker.Evidence{Type: "observance", Title: fmt.Sprintf("%s (%s)", o.Name, o.Region), Date: o.Date}
}

// dayLabel names a day for a message: "Memorial Day, 25 May 2026 in US".
func dayLabel(o checker.Observance) string {
	d, err := time.Parse("2006-01-02", o.Date)
	if err != nil {
		return o.Name
	}
	return fmt.Sprintf("%s, %s in %s", o.Name, d.Format("2 January 2006"), o.Region)
}

// relativeTo says when at falls relative to the day, in the region's
// calendar: "on", "2 days before", "1 day after".
func relativeTo(o checker.Observance, at time.Time) string {
	if inForce(o, at) {
		return "on"
	}
	local := at.In(o.Start.Location())
	day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
	d, err := time.Parse("2006-01-02", o.Date)
	if err != nil {
		return "near"
	}
	n := int(d.Sub(day).Hours() / 24)
	switch {
	case n == 1:
		return "the day before"
	case n > 1:
		return fmt.Sprintf("%d days before", n)
	case n == -1 || n == 0:
		return "the day after"
	}
	return fmt.Sprintf("%d days after", -n)
}

// signals gathers the spans that make a post promotional, light-hearted or
// tied to the brand: the text analysis' broad readings (Doc.Cues) plus the
// rule's own cues about the day's subject and the brand.
type signals struct {
	promo, party, food, tie, nightlife []text.Span
	brand                              []text.Span // the brand's own name in the text
	softTie                            []text.Span // "join us"
	cheer                              []text.Span // "Happy Sunday!", a cheerful greeting for some occasion
	// offer and indulge are read by the cue data's offer grammar. An
	// offer counts beside the day's name ("complimentary coffee in
	// remembrance of 9/11") and on a day most of the audience keeps; a
	// call to indulge only beside the day's name.
	offer   []text.Span // "complimentary coffee", "10 free wings", "treat yourself to our new ..."
	indulge []text.Span // "treat yourself", "enjoy the sweeter things"
	// altGoods are food, drink or goods in an image's alt text (spans on
	// the alt text, used only to decide).
	altGoods []text.Span
	charity  []text.Span // "proceeds to", "donate"
	// forbidden are the foods and drinks some day's keepers abstain from,
	// keyed by day id (read once per post, weighed per day).
	forbidden []hit
	engage    []text.Span // "tell us", "retweet if": a dare to answer
}

func readSignals(p *checker.Pass, lex *lexicon) signals {
	d := p.Doc
	s := signals{promo: d.Cues.Promotional, party: d.Cues.LightHearted, charity: d.Cues.Charity, engage: d.Cues.Engagement}
	not := newCover(lex.notNightlife.find(d))
	for _, h := range lex.nightlife.find(d) {
		if not.overlaps(h.span) {
			continue
		}
		s.nightlife = append(s.nightlife, h.span)
	}
	if len(lex.fastMeals.find(d)) == 0 {
		// Food beside iftar or suhoor is the meal outside the fasting
		// hours: an iftar offer announced at noon is the custom.
		for _, h := range lex.food.find(d) {
			s.food = append(s.food, h.span)
		}
	}
	for _, h := range lex.tie.find(d) {
		s.tie = append(s.tie, h.span)
	}
	for _, h := range lex.softTie.find(d) {
		s.softTie = append(s.softTie, h.span)
	}
	s.cheer = cheerGreetings(d, lex)
	s.forbidden = lex.forbidden.find(d)
	if len(d.Cues.Charity) == 0 {
		// "$12,000 raised for the Legion" is a sum, not a price.
		s.offer = text.Amounts(d)
	}
	for _, m := range lex.readOffers(d) {
		if lex.softOffer[m.Pattern.ID] {
			s.indulge = append(s.indulge, m.Span)
		} else {
			s.offer = append(s.offer, m.Span)
		}
	}
	var brands []string
	if p.Profile != nil {
		brands = p.Profile.BrandNames(p.Post)
	}
	for _, name := range brands {
		for _, h := range lex.brandNames(name).find(d) {
			s.brand = append(s.brand, h.span)
		}
	}
	// A product, logo or mascot in the picture ties the post to the brand
	// as much as words do. (The span is the alt text's; it is only used to
	// decide, never reported.)
	for _, alt := range p.Alts {
		if alt == nil || alt.Raw == "" {
			continue
		}
		for _, h := range lex.altTie.find(alt) {
			s.tie = append(s.tie, h.span)
		}
		for _, name := range brands {
			for _, h := range lex.brandNames(name).find(alt) {
				s.tie = append(s.tie, h.span)
			}
		}
		// Food, drink or goods in the picture ("a tray of frosted
		// cinnamon rolls") beside the day's name: the product shown,
		// for review.
		s.altGoods = append(s.altGoods, lex.offers.Read(alt).Spans("goods")...)
	}
	return s
}

// brandNames compiles a brand name once.
func (l *lexicon) brandNames(name string) *phraseSet {
	if v, ok := l.brands.Load(name); ok {
		return v.(*phraseSet)
	}
	ps := newPhraseSet()
	ps.add(name, "brand")
	v, _ := l.brands.LoadOrStore(name, ps)
	return v.(*phraseSet)
}

// readOffers finds the offers the broad selling words miss (a freebie, a
// call to buy or try, a product in the shops) and the calls to indulge. A
// match that starts inside a hyphenated word ("gluten-free bread") is not
// one: "-free" there means without.
func (l *lexicon) readOffers(d *text.Doc) []grammar.Match {
	ms := l.offers.Find(l.offers.Read(d))
	out := ms[:0]
	for _, m := range ms {
		if t := d.Tokens[m.First]; t.Start > 0 && hyphen(d.Slice(text.Span{Start: t.Start - 1, End: t.Start})) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// hyphen reports whether s is a hyphen or dash joining words.
func hyphen(s string) bool { return s == "-" || s == "\u2010" || s == "\u2011" }

// tagKey writes a name as a hashtag's folded body: "Mother's Day" ->
// "mothersday".
func tagKey(name string) string {
	var b strings.Builder
	for _, r := range greetKey(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// greetKey folds a greeting word as the text analysis folds a token.
func greetKey(w string) string { return text.Normalise(strings.ToLower(w)) }

func inForce(o checker.Observance, at time.Time) bool {
	return !at.Before(o.Start) && at.Before(o.End)
}

func solemnTone(o checker.Observance) bool {
	return o.Tone == checker.ToneSolemn || o.Tone == checker.ToneFasting
}

// cover answers in constant time whether a span overlaps any of a set of
// hits: prefix counts of the runes they cover, so a post with many hits
// of both kinds stays linear.
type cover []int

func newCover(hs []hit) cover {
	n := 0
	for _, h := range hs {
		n = max(n, h.span.End)
	}
	if n == 0 {
		return nil
	}
	diff := make([]int, n+1)
	for _, h := range hs {
		diff[h.span.Start]++
		diff[h.span.End]--
	}
	c := make(cover, n+1) // c[i]: covered runes before i
	run := 0
	for i := 0; i < n; i++ {
		run += diff[i]
		c[i+1] = c[i]
		if run > 0 {
			c[i+1]++
		}
	}
	return c
}

// overlaps reports whether sp shares a rune with a covered span.
func (c cover) overlaps(sp text.Span) bool {
	if len(c) == 0 || sp.Start >= len(c)-1 {
		return false
	}
	end := min(sp.End, len(c)-1)
	return c[end]-c[sp.Start] > 0
}
