package content

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// sacredRule reports a deity, prophet, saint or sacred text or symbol
// (data/sacred.yaml) used to sell or to joke: as a mascot or the name of a
// product ("Ganesha flip-flops"), beside food or drink its followers refuse
// (a Hindu god beside beef, the Prophet beside pork or beer), beside a joke,
// or beside an offer. It is one level more severe for an audience where the
// religion is widely kept and one less for an audience only where it is not
// kept at all. A festival greeting, a place of worship's own post, a
// bookshop listing a sacred book or an interfaith post passes unless it
// names a product after the figure, jokes, or pairs it with refused food.
// Its scenes (data/scenes.yaml) read sacred dress and a people's name used
// as fashion: a feathered headdress as a festival costume, "Navajo print",
// shapewear named after a kimono, a bindi as styling, a deity on leggings.
func sacredRule(Options) (*checker.Rule, error) {
	s, err := loadSacred("sacred.yaml")
	if err != nil {
		return nil, err
	}
	sc, err := scenesFor("content.sacred")
	if err != nil {
		return nil, err
	}
	return &checker.Rule{
		ID:       "content.sacred",
		Category: checker.CategoryContent,
		Title:    "Sacred figure or symbol used to sell or joke",
		Doc: "Gods, prophets and sacred texts printed on shoes, swimwear or beer labels, put beside beef or pork, " +
			"or made the punchline of an ad are among the commonest causes of boycotts and bans in the markets " +
			"where the faith is kept, and can break blasphemy laws there. A people's sacred or ceremonial dress worn as a " +
			"costume (a feathered headdress at a festival) or its name used as a print is read the same way.",
		Fix:   "Keep sacred names and symbols out of product names, mascots, jokes and offers; a respectful festival greeting names no product.",
		Since: "2026.12.0",
		Run: func(p *checker.Pass) error {
			for _, t := range targets(p) {
				s.report(p, t)
			}
			sc.run(p)
			return nil
		},
	}, nil
}

// sacredFile is the shape of data/sacred.yaml.
type sacredFile struct {
	Source    string              `yaml:"source"`
	Licence   string              `yaml:"licence"`
	Religions map[string]religion `yaml:"religions"`
	Figures   []sacredFigure      `yaml:"figures"`
	Allow     []string            `yaml:"allow"`
	Frames    map[string][]string `yaml:"frames"`
	Product   []string            `yaml:"product"`
	Joke      []string            `yaml:"joke"`
}

// sacredFigure is a sacred name and the religion it belongs to.
type sacredFigure struct {
	Phrase   string `yaml:"phrase"`
	Religion string `yaml:"religion"`
	// GivenName marks a name that is also a person's name or a common
	// phrase ("Krishna", "the prophet"): it counts only as a product's name
	// or mascot, or beside food the faith refuses in a post that sells.
	GivenName bool `yaml:"given_name,omitempty"`
}

// religion is where a religion is kept (the share of each region's people)
// and what its followers refuse to eat or drink.
type religion struct {
	Regions map[string]float64 `yaml:"regions"`
	Refused []string           `yaml:"refused"`

	refused *text.Lexicon
}

// sacredTable is data/sacred.yaml compiled.
type sacredTable struct {
	religions            map[string]*religion
	figures, allow       *text.Lexicon
	frame, product, joke *text.Lexicon
}

// keptWidely is the share of an audience region's people keeping a religion
// from which a sacred name's misuse is one level more severe.
const keptWidely = 0.3

// loadSacred reads and checks data/sacred.yaml, naming the field of any
// problem; a figure's religion becomes its lexicon entry's Value.
func loadSacred(name string) (*sacredTable, error) {
	var f sacredFile
	if err := readData(name, &f); err != nil {
		return nil, err
	}
	return newSacredTable(name, f)
}

// newSacredTable compiles a decoded sacred table; name is the file it came
// from, for errors.
func newSacredTable(name string, f sacredFile) (*sacredTable, error) {
	bad := func(field, format string, a ...any) error {
		return fmt.Errorf("content: data/%s: %s: %s", name, field, fmt.Sprintf(format, a...))
	}
	st := &sacredTable{religions: map[string]*religion{}}
	opts := text.LexiconOptions{Separators: text.SpaceSeparator}
	names := make([]string, 0, len(f.Religions))
	for n := range f.Religions {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		r := f.Religions[n]
		if len(r.Regions) == 0 {
			return nil, bad("religions."+n+".regions", "missing")
		}
		for reg, w := range r.Regions {
			if err := checker.CheckRegion(reg); err != nil {
				return nil, bad("religions."+n+".regions", "%v", err)
			}
			if w <= 0 || w > 1 {
				return nil, bad("religions."+n+".regions."+reg, "share %v is not in (0, 1]", w)
			}
		}
		l, err := text.NewLexiconWith(text.Phrases(r.Refused...), opts)
		if err != nil {
			return nil, bad("religions."+n+".refused", "%v", err)
		}
		r.refused = l
		st.religions[n] = &r
	}
	figures := make([]text.Entry, len(f.Figures))
	for i, e := range f.Figures {
		if _, ok := st.religions[e.Religion]; !ok {
			return nil, bad(fmt.Sprintf("figures[%d] (%s).religion", i, e.Phrase), "unknown religion %q", e.Religion)
		}
		figures[i] = text.Entry{Phrase: e.Phrase, Value: e.Religion}
		if e.GivenName {
			figures[i].Tags = []string{"given_name"}
		}
	}
	var err error
	if st.figures, err = text.NewLexiconWith(figures, opts); err != nil {
		return nil, bad("figures", "%v", err)
	}
	if st.allow, err = text.NewLexiconWith(text.Phrases(f.Allow...), opts); err != nil {
		return nil, bad("allow", "%v", err)
	}
	var frames []string
	for _, k := range []string{"greeting", "worship", "book", "respect"} {
		if len(f.Frames[k]) == 0 {
			return nil, bad("frames."+k, "missing")
		}
		frames = append(frames, f.Frames[k]...)
	}
	if st.frame, err = text.NewLexiconWith(text.Phrases(frames...), opts); err != nil {
		return nil, bad("frames", "%v", err)
	}
	if st.product, err = text.NewLexiconWith(text.Phrases(f.Product...), opts); err != nil {
		return nil, bad("product", "%v", err)
	}
	if st.joke, err = text.NewLexiconWith(text.Phrases(f.Joke...), opts); err != nil {
		return nil, bad("joke", "%v", err)
	}
	return st, nil
}

// report flags the first sacred name in t's text that the post uses to sell
// or joke, with the strongest reading found.
func (st *sacredTable) report(p *checker.Pass, t target) {
	ms := st.figures.FindLongest(t.doc)
	if len(ms) == 0 {
		return
	}
	allowed := st.allow.Find(t.doc)
	d := t.doc
	framed := st.frame.Contains(d) || (t.alt >= 0 && st.frame.Contains(p.Doc))
	joke := st.joke.Find(d)
	if len(joke) == 0 && !framed && len(d.Signals.LightHearted) > 0 {
		joke = []text.Match{{Span: d.Signals.LightHearted[0]}}
	}
	promo := d.Signals.Promotional
	if t.alt >= 0 && len(promo) == 0 {
		promo = p.Doc.Signals.Promotional
	}
	products := st.product.Find(d)
	for _, m := range ms {
		if allowedAt(allowed, m.Span) {
			continue
		}
		r := st.religions[m.Entry.Value]
		// A name that is also a person's name or a common phrase
		// ("Krishna" from the Leeds store, "the prophet of flavour")
		// counts only as a product's name or beside refused food.
		given := len(m.Entry.Tags) > 0
		named := wordNear(d, products, m.First, m.Last, m.Span, productReach)
		sells := len(promo) > 0 || len(joke) > 0 || len(products) > 0 || len(d.Cues.Promotional) > 0 || len(d.Cues.Pivot) > 0
		var how string
		sev := checker.SeverityMedium
		food := r.refused.Find(d)
		switch {
		case len(food) > 0 && (named || sells):
			how = fmt.Sprintf("beside %q, which its followers do not eat or drink,", d.Slice(food[0].Span))
			sev = checker.SeverityHigh
		case named:
			how = "as a product's name or mascot"
		case given:
			continue
		case len(joke) > 0:
			how = fmt.Sprintf("in a joke (%q)", d.Slice(joke[0].Span))
		case len(promo) > 0 && !framed:
			how = "beside an offer"
		default:
			continue
		}
		where, w := keptIn(r, p.Post.Regions)
		switch {
		case len(p.Post.Regions) > 0 && w == 0:
			sev--
		case w >= keptWidely:
			sev = min(sev+1, checker.SeverityCritical)
		}
		msg := fmt.Sprintf("%q%s is sacred to %s faith; using it %s reads as mocking or commercialising it", d.Slice(m.Span), t.where(), article(m.Entry.Value), how)
		if where != "" {
			msg += fmt.Sprintf(", and the audience includes %s, where the faith is kept", where)
		}
		t.report(p, m.Span, checker.Finding{Severity: sev, Message: msg + ".",
			Suggestion: "Take the sacred name or symbol out of the product, the joke and the offer; greet the festival plainly if that is the intent."})
		return
	}
}

// article names a religion's faith with its article ("the Hindu").
func article(r string) string {
	switch r {
	case "islam":
		return "the Muslim"
	case "jewish":
		return "the Jewish"
	}
	return "the " + strings.ToUpper(r[:1]) + r[1:]
}

// allowedAt reports whether an allowed phrase covers s.
func allowedAt(allowed []text.Match, s text.Span) bool {
	for _, a := range allowed {
		if a.Start <= s.Start && s.End <= a.End {
			return true
		}
	}
	return false
}

// keptIn names the audience regions that keep r (those where it is widely
// kept, when there are any) and returns the largest share among them.
func keptIn(r *religion, regions []string) (string, float64) {
	var in, widely []string
	top := 0.0
	for _, reg := range regions {
		if w, ok := r.Regions[reg]; ok {
			in = append(in, reg)
			if w >= keptWidely {
				widely = append(widely, reg)
			}
			top = max(top, w)
		}
	}
	if len(widely) > 0 {
		in = widely
	}
	slices.Sort(in)
	return strings.Join(in, ", "), top
}
