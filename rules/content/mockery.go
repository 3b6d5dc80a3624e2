package content

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// mockeryRule reports jokes about death, disaster or violence: a tragedy
// word in a post that jokes, celebrates or sells (a light-hearted signal, a
// laughing emoji, "lol", a sale), or a phrase that is such a joke in itself
// ("too soon?"). Idioms such as "killer deals" and "to die for" are not
// tragedy words. It also reads the well-known tragedies of
// data/tragedies.yaml, news or no news: a massacre, an attack or a disaster
// named beside a joke, an offer, or a product named after it or styled on
// it ("vintage Kent State sweatshirt"), worse for an audience in the
// country that mourns it and near its anniversary. A documentary, a museum,
// a lesson or a fundraiser that names it passes.
func mockeryRule(o Options) (*checker.Rule, error) {
	lex, err := newCued("mockery.yaml", o.Mockery, checker.SeverityMedium, false)
	if err != nil {
		return nil, err
	}
	tt, err := loadTragedies("tragedies.yaml")
	if err != nil {
		return nil, err
	}
	tt.brand = &brandProducts{}
	sc, err := scenesFor("content.mockery")
	if err != nil {
		return nil, err
	}
	return &checker.Rule{
		ID:       "content.mockery",
		Category: checker.CategoryContent,
		Title:    "Mockery of death, disaster or violence",
		Doc: "Joking about bombings, shootings, disasters or deaths, or using them to sell, reads as mocking the " +
			"victims; such posts are the ones that end up in news stories about brand blunders. A well-known " +
			"tragedy of the past (a massacre, a terror attack, a shipwreck, a nuclear disaster, a stadium crush) " +
			"made into a pun, a sale or a product is the same mockery years later, worst in the country that " +
			"mourns it and on its anniversary.",
		Fix:   "Drop the joke or the tragedy reference; never pair a tragedy with a promotion or name a product after one.",
		Since: since,
		Run: func(p *checker.Pass) error {
			light := p.Doc.Signals.IsLightHearted() || p.Doc.Signals.IsPromotional()
			var rep reported
			for _, t := range targets(p) {
				done := tt.report(p, t)
				for _, sp := range done {
					rep = rep.add(t, sp)
				}
				for _, h := range lex.Find(t.doc, light) {
					if overlaps(done, h.Span) {
						continue
					}
					msg := fmt.Sprintf("%q%s refers to death, disaster or violence in a light-hearted or promotional post.", t.doc.Slice(h.Span), t.where())
					if h.Term.Category == "joke" {
						msg = fmt.Sprintf("%q%s jokes about a tragedy.", t.doc.Slice(h.Span), t.where())
					}
					t.report(p, h.Span, checker.Finding{Severity: h.Severity, Message: msg,
						Suggestion: "Remove the joke or the reference to the tragedy."})
					rep = rep.add(t, h.Span)
				}
			}
			sc.runExcept(p, rep)
			return nil
		},
	}, nil
}

// tragedyFile is the shape of data/tragedies.yaml.
type tragedyFile struct {
	Source    string    `yaml:"source"`
	Licence   string    `yaml:"licence"`
	Event     []string  `yaml:"event"`
	Product   []string  `yaml:"product"`
	Style     []string  `yaml:"style"`
	Sober     []string  `yaml:"sober"`
	Joke      []string  `yaml:"joke"`
	Tragedies []tragedy `yaml:"tragedies"`
}

// tragedy is one well-known tragedy of the table.
type tragedy struct {
	Name    string   `yaml:"name"`
	Date    string   `yaml:"date"`
	Regions []string `yaml:"regions"`
	// Names mean the tragedy by themselves; Places are also ordinary
	// names (a university, a town, a ship's name as an adjective) and count
	// only with a cue nearby: the tragedy's year, one of its Cues, or a
	// shared event word.
	Names  []string `yaml:"names"`
	Places []string `yaml:"places"`
	Cues   []string `yaml:"cues"`
	// Case makes one-word places count only when capitalised as a name
	// ("Titanic", not "titanic savings").
	Case bool   `yaml:"case"`
	Note string `yaml:"note"`

	day time.Time // the date, parsed
}

// tragedyTable is data/tragedies.yaml compiled: one lexicon of every
// tragedy's names (Entry.Value is the tragedy's index, Tags[0] "name" or
// "place"), one of the cues that confirm a place (Value the index, or empty
// for a shared event word), the goods and styling words (a styling entry
// tagged "style"), the sober words and the joke cues.
type tragedyTable struct {
	list           []tragedy
	names, cues    *text.Lexicon
	product, sober *text.Lexicon
	joke           *text.Lexicon
	// brand finds the brand profile's own products, which sell as an
	// offer does.
	brand *brandProducts
}

// placeReach is how many words from a place its cue may stand; productReach
// how many from a tragedy's name a product or styling word may stand for the
// product to read as named after it.
const (
	placeReach   = 6
	productReach = 2
	// anniversaryDays is how near the anniversary a post counts as on it.
	anniversaryDays = 3
)

// loadTragedies reads and checks the tragedy table, naming the entry and
// field of any problem.
func loadTragedies(name string) (*tragedyTable, error) {
	var f tragedyFile
	if err := readData(name, &f); err != nil {
		return nil, err
	}
	return newTragedyTable(name, f)
}

// newTragedyTable compiles a decoded tragedy table; name is the file it
// came from, for errors.
func newTragedyTable(name string, f tragedyFile) (*tragedyTable, error) {
	tt := &tragedyTable{list: f.Tragedies}
	bad := func(i int, field, format string, a ...any) error {
		return fmt.Errorf("content: data/%s: tragedies[%d] (%s).%s: %s", name, i, tt.list[i].Name, field, fmt.Sprintf(format, a...))
	}
	var names, cues []text.Entry
	for i := range tt.list {
		t := &tt.list[i]
		if t.Name == "" {
			return nil, bad(i, "name", "missing")
		}
		d, err := time.Parse(time.DateOnly, t.Date)
		if err != nil {
			return nil, bad(i, "date", "%q is not YYYY-MM-DD", t.Date)
		}
		t.day = d
		if len(t.Regions) == 0 {
			return nil, bad(i, "regions", "missing: name the regions that mourn it")
		}
		for _, r := range t.Regions {
			if err := checker.CheckRegion(r); err != nil {
				return nil, bad(i, "regions", "%v", err)
			}
		}
		if len(t.Names)+len(t.Places) == 0 {
			return nil, bad(i, "names", "a tragedy needs names or places")
		}
		idx := strconv.Itoa(i)
		for _, list := range []struct {
			field, tag string
			phrases    []string
		}{{"names", "name", t.Names}, {"places", "place", t.Places}} {
			for _, ph := range list.phrases {
				if err := text.CheckPhrase(ph); err != nil {
					return nil, bad(i, list.field, "%q: %v", ph, err)
				}
				names = append(names, text.Entry{Phrase: ph, Value: idx, Tags: []string{list.tag},
					Case: t.Case && list.tag == "place" && !strings.Contains(ph, " ")})
			}
		}
		for _, ph := range append([]string{strconv.Itoa(d.Year())}, t.Cues...) {
			if err := text.CheckPhrase(ph); err != nil {
				return nil, bad(i, "cues", "%q: %v", ph, err)
			}
			cues = append(cues, text.Entry{Phrase: ph, Value: idx})
		}
	}
	for _, ph := range f.Event {
		cues = append(cues, text.Entry{Phrase: ph})
	}
	opts := text.LexiconOptions{Separators: text.SpaceSeparator}
	var err error
	if tt.names, err = text.NewLexiconWith(names, opts); err != nil {
		return nil, fmt.Errorf("content: data/%s: names: %w", name, err)
	}
	if tt.cues, err = text.NewLexiconWith(cues, opts); err != nil {
		return nil, fmt.Errorf("content: data/%s: event: %w", name, err)
	}
	// Goods and styling words share one lexicon; a style word's entry is
	// tagged, since it counts only next to a name.
	goods := text.Phrases(f.Product...)
	for _, ph := range f.Style {
		goods = append(goods, text.Entry{Phrase: ph, Tags: []string{"style"}})
	}
	if tt.product, err = text.NewLexiconWith(goods, opts); err != nil {
		return nil, fmt.Errorf("content: data/%s: product: %w", name, err)
	}
	if tt.sober, err = text.NewLexiconWith(text.Phrases(f.Sober...), opts); err != nil {
		return nil, fmt.Errorf("content: data/%s: sober: %w", name, err)
	}
	if tt.joke, err = text.NewLexiconWith(text.Phrases(f.Joke...), opts); err != nil {
		return nil, fmt.Errorf("content: data/%s: joke: %w", name, err)
	}
	return tt, nil
}

// tragedyMention is a tragedy of the table named in a text.
type tragedyMention struct {
	t           *tragedy
	span        text.Span
	first, last int
}

// find lists the tragedies d names, each once (its first mention): names
// always, places only with a cue within placeReach words, or anywhere in
// the text when the place is named as a product (a listing's title, then
// its description: "Kent State sweatshirt. … red stains."). It also
// returns the text's product words, read only when a name is found.
func (tt *tragedyTable) find(d *text.Doc) ([]tragedyMention, []text.Match) {
	ms := tt.names.FindLongest(d)
	if len(ms) == 0 {
		return nil, nil
	}
	products := tt.product.Find(d)
	var cues []text.Match
	var out []tragedyMention
	seen := map[string]bool{}
	for _, m := range ms {
		idx := m.Entry.Value
		if seen[idx] {
			continue
		}
		if m.Entry.Tags[0] == "place" {
			if cues == nil {
				cues = tt.cues.Find(d)
			}
			reach := placeReach
			if wordNear(d, products, m.First, m.Last, m.Span, productReach) {
				reach = len(d.Tokens)
			}
			if !cuedNear(cues, m, idx, reach) {
				continue
			}
		}
		i, _ := strconv.Atoi(idx)
		seen[idx] = true
		out = append(out, tragedyMention{t: &tt.list[i], span: m.Span, first: m.First, last: m.Last})
	}
	return out, products
}

// cuedNear reports whether a cue of tragedy idx (or a shared event word)
// stands within reach words of m, outside m itself.
func cuedNear(cues []text.Match, m text.Match, idx string, reach int) bool {
	for _, c := range cues {
		if c.Entry.Value != "" && c.Entry.Value != idx {
			continue
		}
		if c.First > m.Last && c.First-m.Last <= reach || c.Last < m.First && m.First-c.Last <= reach {
			return true
		}
	}
	return false
}

// report flags the tragedies t's text names beside a joke, an offer or a
// product named after them, and returns the spans it reported.
func (tt *tragedyTable) report(p *checker.Pass, t target) []text.Span {
	ms, products := tt.find(t.doc)
	if len(ms) == 0 {
		return nil
	}
	// The tone is the text's own, or the post's for an alt text that has none.
	light, lightDoc := signalOf(p, t, func(s *text.Signals) []text.Span { return s.LightHearted })
	promo, promoDoc := signalOf(p, t, func(s *text.Signals) []text.Span { return s.Promotional })
	offer := "an offer"
	if len(promo) == 0 && tt.brand != nil {
		promo, promoDoc, offer = tt.brand.in(p, t.doc), t.doc, "the brand's own product"
	}
	charity, _ := signalOf(p, t, func(s *text.Signals) []text.Span { return s.Charity })
	sober := len(charity) > 0 || tt.sober.Contains(t.doc) || (t.alt >= 0 && tt.sober.Contains(p.Doc))
	if sober {
		// In a sober frame only a joke counts, not a festive tone.
		light, lightDoc = nil, t.doc
		for _, j := range tt.joke.Find(t.doc) {
			light = append(light, j.Span)
		}
	}
	var goods *text.Match
	for i := range products {
		if len(products[i].Entry.Tags) == 0 {
			goods = &products[i]
			break
		}
	}
	var done []text.Span
	for _, m := range ms {
		var how string
		sev := checker.SeverityHigh
		switch {
		case len(light) > 0:
			how = fmt.Sprintf("beside a joke (%q)", lightDoc.Slice(light[0]))
		case len(charity) == 0 && wordNear(t.doc, products, m.first, m.last, m.span, productReach):
			how = "as the name or style of a product"
		case len(promo) > 0 && !sober:
			how = fmt.Sprintf("beside %s (%q)", offer, promoDoc.Slice(promo[0]))
			sev = checker.SeverityMedium
		case goods != nil && !sober:
			// Goods named anywhere in the post sell as an offer does
			// ("Commemorate the day: treat yourself to our cheesy chicken").
			how = fmt.Sprintf("in a post that sells (%q)", t.doc.Slice(goods.Span))
			sev = checker.SeverityMedium
		default:
			continue
		}
		where := ""
		if in := mourners(m.t, p.Post.Regions); len(in) > 0 {
			sev = min(sev+1, checker.SeverityCritical)
			where = fmt.Sprintf(", and the audience includes %s, where it is mourned", strings.Join(in, ", "))
		}
		if nearAnniversary(m.t.day, p.At()) {
			sev = min(sev+1, checker.SeverityCritical)
			where += fmt.Sprintf(", and the post goes out within days of its anniversary (%s)", m.t.day.Format("2 January"))
		}
		t.report(p, m.span, checker.Finding{Severity: sev,
			Message: fmt.Sprintf("%q%s names the %s (%d) %s%s: it reads as mocking the victims or selling with their deaths.",
				t.doc.Slice(m.span), t.where(), m.t.Name, m.t.day.Year(), how, where),
			Suggestion: "Leave the tragedy out of jokes, offers and product names; if the brand marks it, say so plainly and sell nothing."})
		done = append(done, m.span)
	}
	return done
}

// signalOf returns a signal's spans in the target's text and that text,
// or the post's when the target is an alt text without the signal.
func signalOf(p *checker.Pass, t target, of func(*text.Signals) []text.Span) ([]text.Span, *text.Doc) {
	if s := of(&t.doc.Signals); len(s) > 0 || t.alt < 0 {
		return s, t.doc
	}
	return of(&p.Doc.Signals), p.Doc
}

// wordNear reports whether one of found stands within reach words of the
// tokens first..last (at span) in the same sentence: a product or styling
// word next to a name ("vintage Kent State sweatshirt").
func wordNear(d *text.Doc, found []text.Match, first, last int, span text.Span, reach int) bool {
	for _, c := range found {
		after := c.First > last && c.First-last <= reach+1
		before := c.Last < first && first-c.Last <= reach+1
		if (after || before) && sameSentence(d, c.Span, span) {
			return true
		}
	}
	return false
}

// sameSentence reports whether a and b lie in one sentence of d.
func sameSentence(d *text.Doc, a, b text.Span) bool {
	for _, s := range d.Sentences() {
		if a.Start >= s.Start && a.Start < s.End {
			return b.Start >= s.Start && b.Start < s.End
		}
	}
	return false
}

// mourners lists the audience regions that mourn t.
func mourners(t *tragedy, regions []string) []string {
	var in []string
	for _, r := range regions {
		if slices.Contains(t.Regions, r) {
			in = append(in, r)
		}
	}
	return in
}

// nearAnniversary reports whether at falls within anniversaryDays of the
// day's anniversary (in any year, across a year's end).
func nearAnniversary(day, at time.Time) bool {
	if at.IsZero() {
		return false
	}
	for _, y := range []int{at.Year() - 1, at.Year(), at.Year() + 1} {
		a := time.Date(y, day.Month(), day.Day(), 12, 0, 0, 0, time.UTC)
		if d := at.Sub(a); d > -anniversaryDays*24*time.Hour-12*time.Hour && d < anniversaryDays*24*time.Hour+12*time.Hour {
			return true
		}
	}
	return false
}
