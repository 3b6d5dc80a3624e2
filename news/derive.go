package news

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/strictyaml"
	"github.com/preflight-dev/preflight/segment"
	"github.com/preflight-dev/preflight/text"
)

//go:embed data/crisis.yaml
var crisisYAML []byte

//go:embed data/crisis_world.yaml
var crisisWorldYAML []byte

//go:embed data/gazetteer.tsv
var gazetteerTSV string

// placesTSV adds what the generated gazetteer lacks: English names it
// spells otherwise, region abbreviations and demonyms (written for
// Preflight).
//
//go:embed data/places.tsv
var placesTSV string

// writtenNamesMemo remembers writtenNamesOf's answers by place name (a
// gazetteer name; the gazetteer bounds them): an event's summary asks for
// each of its places, window after window.
var writtenNamesMemo sync.Map

// writtenNamesCached is writtenNamesOf, remembered. The slice is shared:
// callers do not change it.
func writtenNamesCached(name string) []string {
	if v, ok := writtenNamesMemo.Load(name); ok {
		return v.([]string)
	}
	ws := writtenNamesOf(name)
	// A Han name with its administrative suffix (花蓮市, 那覇市) is
	// written without it too (花蓮), as posts and hanPlaceNames read it.
	for _, w := range ws {
		rs := []rune(w)
		if len(rs) >= 3 && adminSuffix[rs[len(rs)-1]] && !strings.ContainsFunc(w, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
			if base := string(rs[:len(rs)-1]); !slices.Contains(ws, base) {
				ws = append(ws, base)
			}
		}
	}
	// Only names a lexicon can hold are kept, checked once per place.
	ws = slices.DeleteFunc(ws, func(w string) bool { return text.CheckPhrase(w) != nil })
	writtenNamesMemo.Store(name, ws)
	return ws
}

// writtenNamesOf lists a place's names in other scripts by its English
// name (gazetteer.tsv's rows with a fifth column): "Niigata" → 新潟,
// 新潟市, Ниигата, in the file's order. Those rows come last, in the order
// of their English names (the generator sorts them so), so the place's
// rows are found by a binary search of the embedded file when an event
// first names it, not read whole when an index opens.
func writtenNamesOf(name string) []string {
	if name == "" {
		return nil
	}
	name = text.PressForm(name) // the rows are keyed so: Thessaloníki and Thessaloniki alike
	s := gazetteerTSV
	// The first line starting at or after byte i; its start is len(s) at
	// the end of the file.
	lineAt := func(i int) (line string, start, next int) {
		if i > 0 {
			j := strings.IndexByte(s[i-1:], '\n')
			if j < 0 {
				return "", len(s), len(s)
			}
			i += j
		}
		end := strings.IndexByte(s[i:], '\n')
		if end < 0 {
			return s[i:], i, len(s)
		}
		return s[i : i+end], i, i + end + 1
	}
	// Find the first line whose key is at least the name's: the header
	// and the other rows sort before every row with an English name.
	lo := sort.Search(len(s), func(i int) bool {
		line, start, _ := lineAt(i)
		en, ok := writtenEnglish(line)
		return start == len(s) || ok && en >= name
	})
	var out []string
	for line, start, next := lineAt(lo); start < len(s); line, start, next = lineAt(next) {
		en, ok := writtenEnglish(line)
		if !ok || en != name {
			break
		}
		out = append(out, line[:strings.IndexByte(line, '\t')])
	}
	return out
}

// writtenEnglish is the English name of a gazetteer row for a name in
// another script (its fifth field), false for any other line.
func writtenEnglish(line string) (string, bool) {
	if line == "" || line[0] == '#' || line[0] == '\t' {
		return "", false
	}
	rest := line
	for range 4 {
		i := strings.IndexByte(rest, '\t')
		if i < 0 {
			return "", false
		}
		rest = rest[i+1:]
	}
	if i := strings.IndexByte(rest, '\t'); i >= 0 {
		rest = rest[:i]
	}
	return rest, rest != ""
}

// place is one gazetteer entry.
type place struct {
	kind       string // country, region, city
	country    string // ISO 3166-1 alpha-2
	population int    // 0 when unknown
	// english is the English name of a place named in another language
	// (Polska → Poland), the name events keep.
	english string
}

// lexicon is the parsed crisis.yaml.
// worldLexicon is crisis_world.yaml: the classes' phrases in other
// languages, by class and language.
type worldLexicon struct {
	Source  string                         `yaml:"source"`
	Licence string                         `yaml:"licence"`
	Classes map[string]map[string][]string `yaml:"classes"`
	// AnyArticle are the classes whose phrases in a language the
	// detector never names match in an article of any language.
	AnyArticle []string `yaml:"any_article"`
}

type lexicon struct {
	Classes map[string]struct {
		Priority float64  `yaml:"priority"`
		Base     float64  `yaml:"base"`
		Phrases  []string `yaml:"phrases"`
	} `yaml:"classes"`
	Boosters []struct {
		Phrase  string   `yaml:"phrase"`
		Weight  float64  `yaml:"weight"`
		Classes []string `yaml:"classes"`
	} `yaml:"boosters"`
	TollWords []string `yaml:"toll_words"`
	NotNames  []string `yaml:"not_names"`
	// SubjectVerbs follow a company's name that opens a headline;
	// SubjectMaxLogp is how common such a name may be (corporateSubject).
	SubjectVerbs   []string `yaml:"subject_verbs"`
	SubjectMaxLogp float64  `yaml:"subject_max_logp"`
	// Channels named after one of ChannelPrepositions are where the news
	// was said, not names of the story (channelAt).
	Channels            []string `yaml:"channels"`
	ChannelPrepositions []string `yaml:"channel_prepositions"`
}

type classRule struct {
	class    checker.CrisisClass
	priority float64
	base     float64
}

// deriver reads articles: crisis classes, severity, entities, hashtags and
// regions. It is built once per index and is read-only afterwards, but for
// its lexicons, read on first use (ready): an index opened to answer the
// rules reads event facts from its snapshot and never reads an article.
type deriver struct {
	lexOnce sync.Once
	lexErr  error
	// The lexicons (ready fills them).
	classes []classRule
	// classMatch finds class phrases (each entry's Value: its index in
	// classes), boostMatch booster phrases (Value: index in boostW), with
	// the text package's one phrase matcher.
	classMatch, boostMatch *text.Lexicon
	classOf, boostOf       []int // by lexicon entry: index in classes, in boostW
	boostW                 []float64
	boostFor               [][]checker.CrisisClass // empty: every class
	tollWords              map[string]bool
	notNames               map[string]bool
	subjectVerbs           map[string]bool // corporateSubject
	subjectMaxLogp         float64
	channels, channelPreps map[string]bool  // channelAt
	places                 map[string]place // by exact name ("Las Vegas")
	maxWords               int              // longest place name in words
	firsts                 map[string]int   // first word of a multi-word place → its most words
	cons                   *consequenceReader
	kinds                  *kindVocabs
	// keyIDs interns event cluster keys (see intern); guarded by keyMu.
	keyMu  sync.Mutex
	keyIDs map[string]uint32
	// keyNames are the interned keys by id.
	keyNames []string
	// stemIDs numbers the stems of event facts' words (wordIDs), for
	// counting an event's vocabulary without hashing; guarded by stemMu.
	stemMu  sync.Mutex
	stemIDs map[string]uint32
	// words knows the common English words: a capitalised first word of
	// a headline that is not one ("JPMorgan agrees …") is a name.
	words *segment.Segmenter
}

// newDeriver returns a deriver with its lexicons read.
func newDeriver() (*deriver, error) {
	d, err := newLazyDeriver()
	if err != nil {
		return nil, err
	}
	if err := d.ready(); err != nil {
		return nil, err
	}
	return d, nil
}

// newLazyDeriver returns a deriver that reads its lexicons when it first
// reads an article (ready).
func newLazyDeriver() (*deriver, error) {
	kinds, err := newKindVocabs()
	if err != nil {
		return nil, err
	}
	return &deriver{words: segment.New(), kinds: kinds}, nil
}

// ready reads the lexicons, once. Every ingestion calls it first and
// stops on its error (Writer.Add, a snapshot's rebuild); derive and facts
// call it too, so an article is never read without them (the lexicons are
// embedded and their tests read them, so the error is a broken build).
func (d *deriver) ready() error {
	d.lexOnce.Do(func() { d.lexErr = d.readLexicons() })
	return d.lexErr
}

// readLexicons reads crisis.yaml, the consequences and the gazetteer.
func (d *deriver) readLexicons() error {
	var lx lexicon
	if err := strictyaml.Decode(crisisYAML, &lx); err != nil {
		return fmt.Errorf("crisis lexicon: %w", err)
	}
	cons, err := newConsequenceReader()
	if err != nil {
		return err
	}
	d.tollWords, d.notNames, d.places, d.firsts, d.cons = map[string]bool{}, map[string]bool{}, map[string]place{}, map[string]int{}, cons
	names := make([]string, 0, len(lx.Classes))
	for name := range lx.Classes {
		names = append(names, name)
	}
	sort.Strings(names)
	var classEntries, boostEntries []text.Entry
	for i, name := range names {
		c := lx.Classes[name]
		d.classes = append(d.classes, classRule{class: checker.CrisisClass(name), priority: c.Priority, base: c.Base})
		for _, p := range c.Phrases {
			classEntries = append(classEntries, text.Entry{Phrase: p})
			d.classOf = append(d.classOf, i)
		}
	}
	for _, b := range lx.Boosters {
		boostEntries = append(boostEntries, text.Entry{Phrase: b.Phrase})
		d.boostOf = append(d.boostOf, len(d.boostW))
		d.boostW = append(d.boostW, b.Weight)
		var cs []checker.CrisisClass
		for _, c := range b.Classes {
			cs = append(cs, checker.CrisisClass(c))
		}
		d.boostFor = append(d.boostFor, cs)
	}
	var world worldLexicon
	if err := strictyaml.Decode(crisisWorldYAML, &world); err != nil {
		return fmt.Errorf("crisis lexicon (crisis_world.yaml): %w", err)
	}
	for i, name := range names {
		byLang := world.Classes[name]
		langs := make([]string, 0, len(byLang))
		for l := range byLang {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		for _, l := range langs {
			// A language the detector never names (Serbian and Croatian
			// read as Czech) would keep its phrases from ever matching;
			// in the classes the data lists (any_article) they match in
			// any article.
			lang := l
			if slices.Contains(world.AnyArticle, name) && text.LanguageName(l) == "" && !slices.Contains(text.ScriptLanguages, l) {
				lang = ""
			}
			for _, p := range byLang[l] {
				classEntries = append(classEntries, text.Entry{Phrase: p, Lang: lang})
				d.classOf = append(d.classOf, i)
			}
		}
	}
	for name := range world.Classes {
		if _, ok := lx.Classes[name]; !ok {
			return fmt.Errorf("crisis lexicon (crisis_world.yaml): class %q is not in crisis.yaml", name)
		}
	}
	for _, name := range world.AnyArticle {
		if _, ok := lx.Classes[name]; !ok {
			return fmt.Errorf("crisis lexicon (crisis_world.yaml): any_article: class %q is not in crisis.yaml", name)
		}
	}
	if d.classMatch, err = text.NewLexicon(classEntries); err != nil {
		return fmt.Errorf("crisis lexicon: classes: %w", err)
	}
	if d.boostMatch, err = text.NewLexicon(boostEntries); err != nil {
		return fmt.Errorf("crisis lexicon: boosters: %w", err)
	}
	for _, w := range lx.TollWords {
		d.tollWords[strings.ToLower(w)] = true
	}
	for _, w := range lx.NotNames {
		d.notNames[strings.ToLower(w)] = true
	}
	d.subjectVerbs = make(map[string]bool, len(lx.SubjectVerbs))
	for _, w := range lx.SubjectVerbs {
		d.subjectVerbs[strings.ToLower(w)] = true
	}
	if lx.SubjectMaxLogp >= 0 {
		return fmt.Errorf("crisis lexicon: subject_max_logp must be a negative log-probability, not %v", lx.SubjectMaxLogp)
	}
	d.subjectMaxLogp = lx.SubjectMaxLogp
	d.channels, d.channelPreps = map[string]bool{}, map[string]bool{}
	for _, w := range lx.Channels {
		d.channels[strings.ToLower(w)] = true
	}
	for _, w := range lx.ChannelPrepositions {
		d.channelPreps[strings.ToLower(w)] = true
	}
	sc := bufio.NewScanner(io.MultiReader(strings.NewReader(gazetteerTSV), strings.NewReader("\n"), strings.NewReader(placesTSV)))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			continue
		}
		pl := place{kind: f[1], country: f[2]}
		if len(f) > 3 {
			pl.population, _ = strconv.Atoi(f[3])
		}
		if len(f) > 4 {
			// A name in another language or script (Polska, Смоленск):
			// a place in an article in that language, under its English
			// name; never in place of an English name spelt the same.
			if _, ok := d.places[f[0]]; ok {
				continue
			}
			pl.english = f[4]
		}
		d.places[f[0]] = pl
		if ws := strings.Fields(f[0]); len(ws) > 1 {
			d.firsts[ws[0]] = max(d.firsts[ws[0]], len(ws))
			d.maxWords = max(d.maxWords, len(ws))
		}
	}
	// A city the gazetteer calls "<Name> City" is written "<Name>" too
	// ("near Hualien's …" of Hualien City), when no other place has that
	// name (Mexico City is not Mexico).
	var short []string
	for name, pl := range d.places {
		if base, ok := strings.CutSuffix(name, " City"); ok && pl.kind == "city" && pl.english == "" && !strings.Contains(base, " ") {
			if _, taken := d.places[base]; !taken {
				short = append(short, name)
			}
		}
	}
	for _, name := range short {
		pl := d.places[name]
		pl.english = name
		d.places[strings.TrimSuffix(name, " City")] = pl
	}
	return sc.Err()
}

// word is a token of an article's text with its original case.
type word struct {
	raw, low      string
	sentenceStart bool
	hashtag       bool
	gapBefore     bool // punctuation (not just space) between this word and the previous one
	commaBefore   bool // a comma among that punctuation
	possessive    bool // written with "'s", which raw leaves out
}

// words splits s into words and hashtags, noting sentence starts.
func words(s string) []word {
	var out []word
	rs := []rune(s)
	sentence, gap, comma := true, false, false
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || (r == '#' && i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || unicode.IsDigit(rs[i+1]))):
			j := i + 1
			for j < len(rs) && wordRune(rs, j) {
				j++
			}
			full := string(rs[i:j])
			raw := strings.TrimSuffix(strings.TrimSuffix(full, "'s"), "’s")
			out = append(out, word{raw: raw, low: strings.ToLower(raw), sentenceStart: sentence, hashtag: r == '#', gapBefore: gap,
				commaBefore: comma, possessive: len(raw) < len(full)})
			sentence, gap, comma = false, false, false
			i = j
		default:
			abbrev := r == '.' && i > 0 && len(out) > 0 && !unicode.IsSpace(rs[i-1]) && isAbbrev(out[len(out)-1].raw)
			if (r == '.' && !abbrev) || r == '!' || r == '?' || r == '\n' || r == ':' || r == ';' {
				sentence = true
			}
			if !unicode.IsSpace(r) {
				gap = true
			}
			comma = comma || r == ','
			i++
		}
	}
	return out
}

var abbrevs = map[string]bool{"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "St": true, "Mt": true, "Jr": true,
	"Sr": true, "Gen": true, "Gov": true, "Sen": true, "Rep": true, "Prof": true, "Lt": true, "Col": true, "Sgt": true}

// isAbbrev says whether a word followed by a full stop is an abbreviation
// ("U.S.", "Dr.", a middle initial), so the stop does not end a sentence.
func isAbbrev(w string) bool {
	if abbrevs[w] || strings.Contains(w, ".") {
		return true
	}
	rs := []rune(w)
	return len(rs) == 1 && unicode.IsUpper(rs[0])
}

func capitalised(w string) bool {
	r := []rune(w)
	return len(r) > 0 && unicode.IsUpper(r[0])
}

func allCaps(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// wordRune says whether rs[j] continues a word: letters, digits and "_",
// an apostrophe or hyphen inside a word, the dots of "U.S.".
func wordRune(rs []rune, j int) bool {
	r := rs[j]
	if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
		return true
	}
	next := j+1 < len(rs) && unicode.IsLetter(rs[j+1])
	switch r {
	case '\'', '’', '-':
		return next
	case '.':
		return next && unicode.IsUpper(rs[j+1]) && unicode.IsUpper(rs[j-1]) && (j < 2 || !unicode.IsLetter(rs[j-2]) || rs[j-2] == '.')
	}
	return false
}

// connectors may sit inside a name: "Bank of America", "Robert de Niro".
var connectors = map[string]bool{"of": true, "de": true, "la": true, "van": true, "von": true, "der": true, "av": true, "og": false}

// countryNameSeverity is the severity from which a country's name counts
// as one of the article's names: national tragedies (a major earthquake,
// national mourning), not every accident.
const countryNameSeverity = 0.75

// derived is what ingestion reads from an article.
type derived struct {
	classes  []checker.CrisisClass // every class with a hit, main first
	severity float64
	cons     consequences
	places   []placeHit // gazetteer places with the context to count
	entities []string   // as written, deduplicated case-insensitively
	hashtags []string   // bodies, lower case
	regions  []string
	// guessed is the language detected for an article that gave none.
	guessed string
}

// derive reads title and summary (and the start of the body).
func (d *deriver) derive(a *checker.Article) derived {
	var out derived
	if d.ready() != nil {
		return out
	}
	title := words(a.Title)
	sum := a.Summary
	if len(sum) < 400 && a.Body != "" {
		b := a.Body
		if len(b) > 1200 {
			b = b[:1200]
		}
		sum = sum + "\n" + b
	}
	rest := words(sum)
	lang := articleLanguage(a)
	if a.Language == "" {
		out.guessed = lang
	}
	docs := [2]*text.Doc{text.Analyse(a.Title, lang), text.Analyse(sum, lang)}

	all := append(append(make([]string, 0, len(title)+len(rest)), lows(title)...), lows(rest)...)
	d.classify(docs, all, &out)
	countries := d.placesAndNames(title, rest, &out)
	hanPlaces := hanPlaceNames(a.Title)
	landmarks := hanLandmarkNames(a.Title)
	// A Chinese headline writes the province or city before the landmark
	// in one run ("四川九寨沟"): the landmark is named without it too.
	for _, l := range landmarks {
		for _, pl := range append(slices.Clip(hanPlaces), chineseProvinces...) {
			if rest, ok := strings.CutPrefix(l, pl); ok && utf8.RuneCountInString(rest) >= 2 && !slices.Contains(landmarks, rest) {
				landmarks = append(landmarks, rest)
			}
		}
	}
	for _, n := range append(append(hanPlaces, landmarks...), hangulLandmarkNames(a.Title)...) {
		if !containsFold(out.entities, n) {
			out.entities = append(out.entities, n)
		}
	}
	out.hashtags = hashtagsIn(title, rest)
	if len(a.Regions) == 0 {
		for c := range countries {
			out.regions = append(out.regions, c)
		}
		sort.Strings(out.regions)
	}
	return out
}

// classify reads the article's crisis classes, their order and the
// severity: class words (title hits count double), boosters, the death
// toll, and the consequences with their numbers (all is the title's and
// the summary's words in lower case).
func (d *deriver) classify(docs [2]*text.Doc, all []string, out *derived) {
	type hit struct {
		c     *classRule
		score float64
	}
	counts := make([]int, len(d.classes))
	for part, doc := range docs {
		for _, m := range d.classMatch.Find(doc) {
			if beforeOrAfter(doc, m.Span) {
				continue // "pre-pandemic levels", "post-war housing": not the event
			}
			counts[d.classOf[m.Index]] += 2 - part
		}
	}
	var hits []hit
	for i, n := range counts {
		if n > 0 {
			c := &d.classes[i]
			hits = append(hits, hit{c, float64(n) + c.priority/4})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	out.cons = d.cons.read(all, docs[:]...)
	if len(hits) > 0 {
		for _, h := range hits {
			out.classes = append(out.classes, h.c.class)
		}
		sev := hits[0].c.base
		boosted := make([]bool, len(d.boostW))
		for _, doc := range docs {
			for _, m := range d.boostMatch.Find(doc) {
				i := d.boostOf[m.Index]
				if !boosted[i] && (len(d.boostFor[i]) == 0 || classIn(hits[0].c.class, d.boostFor[i])) {
					boosted[i] = true
					sev += d.boostW[i]
				}
			}
		}
		sev += tollBoost(d.toll(all))
		// What happened, with its numbers: "killing all 157" grades a
		// report whose words only said "incident".
		main := hits[0].c.class
		if _, cs, _ := d.cons.worst(out.cons, func(c checker.CrisisClass) bool { return harmsPeople(c) == harmsPeople(main) }); cs > sev {
			sev = cs
		}
		if cc, cs, _ := d.cons.worst(out.cons, nil); cs > sev && harmsPeople(cc) != harmsPeople(main) {
			out.classes = append([]checker.CrisisClass{cc}, without(out.classes, cc)...)
			sev = cs
		}
		out.severity = math.Min(1, math.Round(sev*100)/100)
	} else if cc, cs, _ := d.cons.worst(out.cons, nil); cs > 0 {
		// No word for the kind of event, but its consequences are stated.
		out.classes = []checker.CrisisClass{cc}
		out.severity = math.Min(1, cs)
	}

}

// beforeOrAfter reports whether a crisis word is joined by a hyphen to
// "pre" or "post" ("pre-pandemic", "post-war"): a time before or after the
// event, not the event.
func beforeOrAfter(doc *text.Doc, s text.Span) bool {
	for _, p := range []string{"pre-", "post-"} {
		n := utf8.RuneCountInString(p)
		if s.Start >= n && strings.EqualFold(doc.Slice(text.Span{Start: s.Start - n, End: s.Start}), p) {
			return s.Start == n || !unicode.IsLetter([]rune(doc.Slice(text.Span{Start: s.Start - n - 1, End: s.Start - n}))[0])
		}
	}
	return false
}

// placesAndNames finds the places (a gazetteer match needs context: a
// ship's name or a superhero is not a town) and the names of people and
// organisations, adds them to out, and returns the countries the article
// is about, counted by mention (the weak ones when there are no others).
func (d *deriver) placesAndNames(title, rest []word, out *derived) map[string]int {
	seen := map[string]bool{}
	addEntity := func(e string) {
		k := strings.ToLower(e)
		if k == "" || seen[k] || d.notNames[k] || d.demonym(e) && out.severity < countryNameSeverity {
			// A demonym names the event as its country does: only
			// for a national tragedy ("Turkish" the week of the quake).
			return
		}
		seen[k] = true
		out.entities = append(out.entities, e)
	}
	countries, weak := map[string]int{}, map[string]int{}
	var found [2][]placeHit
	named := map[string]bool{}     // countries the article names (as a country, a region or a city in context)
	qualified := map[string]bool{} // countries named as a country or a region
	for part, ws := range [][]word{title, rest} {
		found[part] = d.placesIn(ws)
		for _, p := range found[part] {
			if p.certain() {
				named[p.country] = true
			}
			if p.kind != "city" && p.kind != "demonym" && p.certain() {
				qualified[p.country] = true
			}
		}
	}
	// A one-word city of a country the article never names, in an article
	// that names other countries, is most likely a namesake: "the deluge in
	// Valencia" in a report about Spain is not Venezuela's Valencia.
	namesake := func(p placeHit) bool {
		return p.kind == "city" && p.words == 1 && !qualified[p.country] && len(qualified) > 0
	}
	titleCase := isTitleCase(title)
	midCaps := map[string]bool{}
	for part, ws := range [][]word{title, rest} {
		if part == 0 && titleCase {
			continue
		}
		for _, w := range ws {
			if !w.sentenceStart && !w.hashtag && capitalised(w.raw) {
				midCaps[w.raw] = true
			}
		}
	}
	for part, ws := range [][]word{title, rest} {
		for _, p := range found[part] {
			if p.kind == "demonym" {
				if victimsOf(ws, p) {
					// "dozens of Indonesian pilgrims among the dead",
					// "three Britons killed": the victims' country lives
					// through the event too.
					countries[p.country]++
					continue
				}
				// "Algerian students rally": the country when no place
				// says more.
				weak[p.country]++
				continue
			}
			if namesake(p) && p.context && !p.ship {
				// A city named in context whose country the article does
				// not name may be a namesake ("the deluge in Valencia" of
				// a report about Spain): it gives no country, but the
				// place is still where the event is, and its names in
				// other scripts are the same for every namesake.
				p.kind = namesakeKind
				out.places = append(out.places, p)
				continue
			}
			if p.ship || namesake(p) || (!p.certain() && !p.weak && !named[p.country] && !(p.kind == "region" && midCaps[p.name])) {
				// A one-word city, or a region that is capitalised only
				// because it starts a sentence, with nothing around it that
				// says "place" ("Batman star dies", "Rivers rose", "the
				// Concordia"): not a place.
				continue
			}
			out.places = append(out.places, p)
			if p.kind == "country" && out.severity < countryNameSeverity {
				// A country is an audience rather than a reference: a bus
				// crash in Norway does not make every post naming Norway
				// tone-deaf (news.audience_in_shock covers the audience).
				seen[strings.ToLower(p.name)] = true
			} else {
				addEntity(p.name)
			}
			if p.weak {
				weak[p.country]++
			} else {
				countries[p.country]++
			}
		}
		if part == 0 && titleCase {
			continue
		}
		for _, e := range d.names(ws, midCaps) {
			addEntity(e)
		}
	}
	if len(countries) == 0 {
		return weak
	}
	return countries
}

// hashtagsIn lists the article's hashtags, lower case, once each.
func hashtagsIn(title, rest []word) []string {
	var tags []string
	for _, ws := range [][]word{title, rest} {
		for _, w := range ws {
			if w.hashtag {
				h := strings.ToLower(strings.TrimPrefix(w.raw, "#"))
				if !contains(tags, h) {
					tags = append(tags, h)
				}
			}
		}
	}
	return tags
}

// articleLanguage is the language an article is analysed in: its own
// when the feed gave one, else what the text package detects.
func articleLanguage(a *checker.Article) string {
	if a.Language == "" {
		return guessLanguage(a.Title + " " + a.Summary)
	}
	if isNorwegian(a.Language) {
		return "no"
	}
	return text.NormaliseLanguage(a.Language)
}

// guessLanguage is the text package's language detector, the one posts
// are read with; "en" when the text is too short or mixed to tell.
func guessLanguage(s string) string {
	if lang := text.DetectText(s).Language; lang != "" {
		return lang
	}
	return "en"
}

func classIn(c checker.CrisisClass, cs []checker.CrisisClass) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

func lows(ws []word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.low
	}
	return out
}

var numberWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "dozens": 24, "scores": 40,
	"hundreds": 200, "thousands": 2000, "en": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7,
	"åtte": 8, "ni": 9, "ti": 10, "hundrevis": 200, "tusenvis": 2000}

// notCountedWords follow a number that counts something other than people
// ("100 million records", "40 percent", "30 years").
var notCountedWords = map[string]bool{"million": true, "millions": true, "billion": true, "billions": true,
	"bn": true, "percent": true, "per": true, "%": true, "years": true, "year": true, "km": true, "miles": true,
	"records": true, "albums": true, "copies": true, "dollars": true, "euros": true, "pounds": true,
	"tonnes": true, "tons": true, "metres": true, "meters": true, "feet": true, "hectares": true, "acres": true,
	"millioner": true, "milliarder": true, "prosent": true, "år": true}

// singleDeath are the toll words whose "at N" is an age: "died at 74".
var singleDeath = map[string]bool{"died": true, "dies": true, "die": true, "døde": true, "dør": true}

// toll finds the largest number within three words of a toll word.
func (d *deriver) toll(ws []string) int {
	best := 0
	for i, w := range ws {
		if !d.tollWords[w] {
			continue
		}
		for j := max(0, i-3); j < min(len(ws), i+4); j++ {
			n, err := strconv.Atoi(strings.ReplaceAll(ws[j], ",", ""))
			if err != nil {
				n = numberWords[ws[j]]
			}
			// Ages, years and counts of other things ("100 million
			// records", "dies at 74") are not tolls.
			if n > 0 && n < 1_000_000 && !(n >= 1900 && n <= 2100) && (j == 0 || ws[j-1] != "aged") &&
				(j+1 >= len(ws) || !notCountedWords[ws[j+1]]) && !(j == i+2 && ws[i+1] == "at" && singleDeath[w]) {
				best = max(best, n)
			}
		}
	}
	return best
}

func tollBoost(n int) float64 {
	switch {
	case n >= 50:
		return 0.3
	case n >= 20:
		return 0.2
	case n >= 5:
		return 0.1
	case n >= 1:
		return 0.05
	}
	return 0
}

// isTitleCase says whether a headline capitalises most words, so
// capitalisation says nothing about names in it.
func isTitleCase(ws []word) bool {
	if len(ws) < 4 {
		return false
	}
	caps := 0
	for _, w := range ws {
		if capitalised(w.raw) {
			caps++
		}
	}
	return float64(caps)/float64(len(ws)) > 0.7
}

type placeHit struct {
	name, country, kind string
	population          int
	words               int // words in the name
	at                  int // the index of its first word
	// context is set when the words around the name say it is a place:
	// a preposition before it ("in", "near"), a country or region after a
	// comma ("Batman, Turkey"), or an event noun after it ("Orlando
	// shooting").
	context bool
	// sentenceStart is set when the name's first word starts a sentence,
	// so its capital says nothing.
	sentenceStart bool
	// ship is set when the name follows a ship's prefix or an article
	// ("MV Sewol", "the Concordia"): a vessel, not a place; or when a
	// country or region of another country qualifies it ("Valencia,
	// Spain" is not the Venezuelan city of that name).
	ship bool
	// weak is a one-word place followed by another capitalised word: as
	// often a person's first name ("Kobe Bryant", "Paris Hilton") as a
	// place; it gives a region only when nothing stronger does.
	weak bool
}

// certain says whether the place needs no support from the rest of the
// article: a country, a name of several words, a name with a preposition
// or qualifier around it, or a region capitalised mid-sentence.
func (p placeHit) certain() bool {
	return p.kind == "country" || p.words > 1 || p.context || (p.kind == "region" && !p.sentenceStart)
}

// placePrepositions before a name say it is a place.
var placePrepositions = map[string]bool{"in": true, "at": true, "near": true, "outside": true, "from": true,
	"across": true, "into": true, "around": true, "to": true, "of": true, "i": true, "på": true, "ved": true,
	"utenfor": true, "fra": true, "nær": true, "off": true, "over": true, "towards": true, "toward": true,
	"between": true, "inside": true, "along": true, "throughout": true, "through": true,
	// the same in the languages national feeds write in ("à Lyon", "em Maceió", "w Gdańsku", "bei Solingen")
	"bei": true, "nahe": true, "aus": true, "nach": true, "à": true, "en": true, "près": true, "dans": true,
	"cerca": true, "em": true, "perto": true, "vicino": true, "w": true, "we": true, "pod": true, "koło": true,
	"bij": true, "nabij": true, "de": true, "del": true, "da": true, "do": true, "du": true, "des": true}

// placeQualifiers may stand between a preposition and a place's name ("in
// central Vienna", "across northern Italy").
var placeQualifiers = map[string]bool{"central": true, "downtown": true, "northern": true, "southern": true,
	"eastern": true, "western": true, "north": true, "south": true, "east": true, "west": true, "greater": true,
	"inner": true, "outer": true, "coastal": true, "rural": true, "suburban": true, "sentrale": true, "indre": true}

// strikeVerbs before a name say that something struck a place:
// "earthquake devastates Christchurch", "quake hits Turkey", "gunmen
// attack Paris concert hall".
var strikeVerbs = map[string]bool{"hits": true, "hit": true, "strikes": true, "struck": true, "rocks": true,
	"rocked": true, "devastates": true, "devastated": true, "batters": true, "battered": true, "lashes": true,
	"lashed": true, "pounds": true, "pounded": true, "slams": true, "ravages": true, "ravaged": true,
	"attack": true, "shakes": true, "shook": true, "floods": true, "flooded": true, "grips": true,
	"engulfs": true, "paralyses": true, "paralyzes": true, "rammer": true, "rystet": true, "treffer": true}

// shipWords before a name make it a vessel's (or a thing's) name: cities
// take no article.
var shipWords = map[string]bool{"the": true, "a": true, "an": true, "ship": true, "vessel": true, "ferry": true,
	"liner": true, "tanker": true, "boat": true, "yacht": true, "cruise": true, "mv": true, "hms": true,
	"uss": true, "ss": true, "ms": true, "rms": true, "skipet": true, "ferja": true}

// eventNouns after a name say it is where something happened.
var eventNouns = map[string]bool{"shooting": true, "attack": true, "attacks": true, "bombing": true, "fire": true,
	"flood": true, "floods": true, "flooding": true, "earthquake": true, "quake": true, "crash": true,
	"massacre": true, "explosion": true, "blast": true, "collapse": true, "derailment": true, "siege": true,
	"stabbing": true, "riot": true, "riots": true, "storm": true, "police": true, "mayor": true, "residents": true,
	"area": true, "region": true, "city": true, "airport": true, "hospital": true, "victims": true,
	"council": true, "suburb": true, "district": true, "downtown": true, "tragedy": true, "disaster": true,
	// and the places and people of a city that a headline puts after
	// its name ("Kaohsiung blasts", "Manila hostage drama", "Taipei metro")
	"blasts": true, "explosions": true, "fires": true, "wildfire": true, "wildfires": true, "shootings": true,
	"stabbings": true, "crashes": true, "landslide": true, "landslides": true, "mudslide": true, "hostage": true,
	"hostages": true, "gunman": true, "attacker": true, "bomber": true, "killings": true, "streets": true,
	"station": true, "metro": true, "subway": true, "port": true, "harbour": true, "harbor": true, "ferry": true,
	"school": true, "mosque": true, "church": true, "temple": true, "market": true, "mall": true, "nightclub": true,
	"stadium": true, "factory": true, "mine": true, "bridge": true, "tunnel": true, "dam": true, "survivors": true,
	"mourners": true, "vigil": true, "evacuees": true, "neighbourhood": true, "neighborhood": true, "bus": true,
	"train": true, "tram": true, "hotel": true, "tower": true, "zoo": true}

// victimWords around a demonym say its people are among the victims.
var victimWords = map[string]bool{"killed": true, "dead": true, "died": true, "die": true, "dies": true,
	"missing": true, "injured": true, "wounded": true, "victims": true, "victim": true,
	"pilgrims": true, "tourists": true, "passengers": true,
	"hostages": true, "survivors": true, "bodies": true, "casualties": true, "crew": true, "climbers": true,
	"trapped": true, "perished": true}

// victimsOf reports whether a demonym speaks of the event's victims: a
// victim word within three words of it, in the same sentence.
func victimsOf(ws []word, p placeHit) bool {
	for k := p.at - 1; k >= 0 && k >= p.at-3 && !ws[k+1].sentenceStart; k-- {
		if victimWords[ws[k].low] {
			return true
		}
	}
	for k := p.at + p.words; k < len(ws) && k < p.at+p.words+3 && !ws[k].sentenceStart; k++ {
		if victimWords[ws[k].low] {
			return true
		}
	}
	return false
}

// demonymPlural is the demonym whose plural name is ("Indonesians",
// "Filipinos": a demonym's plural names its people).
func (d *deriver) demonymPlural(name string) (place, bool) {
	if one, ok := strings.CutSuffix(name, "s"); ok {
		if p, ok := d.places[one]; ok && p.kind == "demonym" {
			return p, true
		}
	}
	return place{}, false
}

// demonym reports whether a name is a demonym or its plural.
func (d *deriver) demonym(name string) bool {
	if p, ok := d.places[name]; ok {
		return p.kind == "demonym"
	}
	_, ok := d.demonymPlural(name)
	return ok
}

// namesakeKind is the kind of a place kept for its name only (a city
// that may be a namesake of the one the gazetteer knows).
const namesakeKind = "namesake"

// placesIn finds gazetteer names, longest first, matched with their case.
func (d *deriver) placesIn(ws []word) []placeHit {
	var out []placeHit
	for i := 0; i < len(ws); {
		if !capitalised(ws[i].raw) || ws[i].hashtag {
			i++
			continue
		}
		matched := 0
		for n := min(max(d.firsts[ws[i].raw], 1), len(ws)-i); n >= 1; n-- {
			parts := make([]string, n)
			ok := true
			for k := 0; k < n; k++ {
				if k > 0 && ws[i+k].gapBefore {
					ok = false
					break
				}
				parts[k] = ws[i+k].raw
				if strings.Contains(parts[k], ".") && allCaps(parts[k]) {
					parts[k] = strings.ReplaceAll(parts[k], ".", "") // "U.S." → "US"
				}
			}
			if !ok {
				continue
			}
			name := strings.Join(parts, " ")
			p, found := d.places[name]
			if !found && n == 1 {
				p, found = d.demonymPlural(name)
			}
			if found && p.kind == "country" && i > 0 && !ws[i].gapBefore && capitalised(ws[i-1].raw) &&
				!ws[i-1].sentenceStart && !ws[i-1].hashtag && !ws[i-1].possessive {
				// A country's name closing a longer name is that name's
				// word: "Lamma Island", "Vancouver Island" (Island is
				// Iceland in Norwegian and German).
				found = false
			}
			if found {
				// Before another capitalised word it may be part of a longer
				// name, unless it is a possessive ("Greece's Pylos").
				weak := n == 1 && i+1 < len(ws) && !ws[i+1].gapBefore && capitalised(ws[i+1].raw) && !ws[i+1].hashtag && !ws[i].possessive
				if p.english != "" {
					name = p.english
				}
				h := placeHit{name: name, country: p.country, kind: p.kind, population: p.population, weak: weak,
					sentenceStart: ws[i].sentenceStart, words: n, at: i}
				if i > 0 && !ws[i].gapBefore {
					h.ship = shipWords[ws[i-1].low] && p.kind == "city"
					h.context = placePrepositions[ws[i-1].low] || strikeVerbs[ws[i-1].low] ||
						// "in central Vienna", "across northern Italy"
						i > 1 && placeQualifiers[ws[i-1].low] && !ws[i-1].gapBefore && placePrepositions[ws[i-2].low]
				}
				if end := i + n; end < len(ws) {
					next := ws[end]
					if q, ok := d.places[next.raw]; ok && next.gapBefore && q.kind != "city" {
						if q.country == p.country {
							h.context = true // "Batman, Turkey"
						} else {
							h.ship = true // "Valencia, Spain" is not Valencia, Venezuela: the qualifier speaks
						}
					}
					if !next.gapBefore && eventNouns[next.low] {
						h.context = true // "Orlando shooting"
					}
				}
				out = append(out, h)
				matched = n
				break
			}
		}
		if matched == 0 {
			matched = 1
		}
		i += matched
	}
	return out
}

// adminSuffix are the Han letters that end a place's name as Japanese and
// Chinese headlines write it: city, town, village, prefecture, ward,
// district, county, province (熱海市, 武汉市, 河南省).
var adminSuffix = map[rune]bool{'市': true, '町': true, '村': true, '県': true, '府': true, '区': true, '郡': true, '州': true, '省': true}

// hanPlaceNames finds the places a Japanese or Chinese headline names with
// their administrative suffix ("熱海市伊豆山で…" → 熱海; "河南省郑州市" → 河南,
// 郑州): two to six Han letters before the suffix, within a run of Han
// letters. Headlines in those languages have no capitals to read names by,
// and a town the gazetteer does not know is named only this way.
func hanPlaceNames(title string) []string {
	var out []string
	hanRuns(title, func(run []rune) {
		start := 0
		for i, r := range run {
			if adminSuffix[r] && i-start >= 2 {
				if i-start <= 6 {
					out = append(out, string(run[start:i]))
				}
				start = i + 1
			}
		}
	})
	return out
}

// hanRuns calls f with each run of Han letters in s, in order.
func hanRuns(s string, f func(run []rune)) {
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !unicode.Is(unicode.Han, rs[i]) {
			i++
			continue
		}
		start := i
		for i < len(rs) && unicode.Is(unicode.Han, rs[i]) {
			i++
		}
		f(rs[start:i])
	}
}

// landmarkSuffix are the Han letters that end the name of a landmark, as
// part of it: river, mountain, peak, castle, island, lake, port, bridge,
// temple, station (多摩川, 御嶽山, 首里城, 桜島, 南丫島).
var landmarkSuffix = map[rune]bool{'川': true, '山': true, '岳': true, '城': true, '島': true, '岛': true, '湖': true,
	'港': true, '橋': true, '桥': true, '寺': true, '駅': true, '站': true,
	// road and tunnel (中央道, 笹子隧道), ravine, valley, gorge, bay, tower,
	// palace, dam (九寨沟, 太魯閣峽谷, 東京湾, 東京塔)
	'道': true, '沟': true, '溝': true, '谷': true, '峡': true, '峽': true, '湾': true, '灣': true, '塔': true,
	'宫': true, '宮': true, '坝': true, '壩': true}

// notLandmarks are common words of three or more letters with a
// landmark's ending.
var notLandmarks = map[string]bool{"活火山": true, "休火山": true, "火山島": true, "火山岛": true, "無人島": true,
	"无人岛": true, "据报道": true, "據報道": true, "新闻报道": true, "新聞報道": true, "据媒体报道": true, "人行道": true,
	"步行道": true, "歩行道": true, "高速道": true, "自行车道": true, "地下道": true, "排水沟": true, "排水溝": true,
	"电视塔": true, "電波塔": true, "金字塔": true}

// chineseProvinces are the names of China's provinces, regions and
// municipalities as headlines write them before a place in one run
// (simplified and traditional where they differ).
var chineseProvinces = []string{"北京", "天津", "河北", "山西", "内蒙古", "內蒙古", "辽宁", "遼寧", "吉林", "黑龙江", "黑龍江",
	"上海", "江苏", "江蘇", "浙江", "安徽", "福建", "江西", "山东", "山東", "河南", "湖北", "湖南", "广东", "廣東", "广西",
	"廣西", "海南", "重庆", "重慶", "四川", "贵州", "貴州", "云南", "雲南", "西藏", "陕西", "陝西", "甘肃", "甘肅", "青海",
	"宁夏", "寧夏", "新疆", "台湾", "台灣", "香港", "澳门", "澳門"}

// hangulLandmarks end the name of a place in a Korean headline's word:
// station, airport, tunnel, bridge, market, square, terminal, beach,
// department store, stadium (시청역, 김포공항, 광안대교).
var hangulLandmarks = []string{"역", "공항", "터널", "대교", "시장", "광장", "터미널", "해수욕장", "백화점", "경기장", "체육관", "유원지"}

// notHangulLandmarks are common words with a landmark's ending.
var notHangulLandmarks = map[string]bool{"지역": true, "구역": true, "역대": true, "주식시장": true, "부동산시장": true,
	"증권시장": true, "노동시장": true, "전통시장": true, "재래시장": true, "지하철역": true, "기차역": true, "전철역": true,
	"버스터미널": true, "국제공항": true, "해저터널": true}

// hangulLandmarkNames finds the places a Korean headline names by a
// word of three to eight syllables ending in a landmark's ending, with
// any particle taken off ("시청역 교차로 역주행…" → 시청역).
func hangulLandmarkNames(title string) []string {
	var out []string
	for _, w := range strings.Fields(title) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.Is(unicode.Hangul, r) })
		w, _ = text.CutEnding(w, 3) // the particle the lexicons read too (data/endings.yaml)
		n := utf8.RuneCountInString(w)
		if n < 3 || n > 8 || notHangulLandmarks[w] || slices.Contains(out, w) {
			continue
		}
		for _, l := range hangulLandmarks {
			if strings.HasSuffix(w, l) && !strings.ContainsFunc(w, func(r rune) bool { return !unicode.Is(unicode.Hangul, r) }) {
				out = append(out, w)
				break
			}
		}
	}
	return out
}

// hanLandmarkNames finds the landmarks a Japanese or Chinese headline
// names standing alone: a run of three to five Han letters, between kana,
// punctuation or spaces, ending in a landmark's letter ("台風19号　多摩川が
// 氾濫" → 多摩川; "首里城で火災" → 首里城). A longer run is a phrase, not a
// name, and is left alone.
func hanLandmarkNames(title string) []string {
	var out []string
	hanRuns(title, func(run []rune) {
		n := len(run)
		if n >= 3 && n <= 5 && landmarkSuffix[run[n-1]] {
			if name := string(run); !notLandmarks[name] {
				out = append(out, name)
			}
		}
		// "知床沖" (off Shiretoko), "三陸沖": the sea off a place, where
		// Japanese news sets wrecks and earthquakes; the name is the
		// place.
		if n >= 3 && n <= 6 && run[n-1] == '沖' {
			out = append(out, string(run[:n-1]))
		}
	})
	return out
}

// names returns capitalised word sequences that look like names: a
// sentence's first word alone only counts when it is an acronym or is
// capitalised inside a sentence elsewhere in the article (midCaps): "Prince
// dies at 57 … the singer Prince was found …".
func (d *deriver) names(ws []word, midCaps map[string]bool) []string {
	var out []string
	for i := 0; i < len(ws); {
		if ws[i].hashtag || !capitalised(ws[i].raw) {
			i++
			continue
		}
		j := i + 1
		for j < len(ws) && !ws[j].gapBefore && !ws[j].hashtag && !ws[j-1].possessive {
			// A possessive ends a name: "North Macedonia's Kočani" is
			// the country and the town.
			if capitalised(ws[j].raw) {
				j++
				continue
			}
			if connectors[ws[j].low] && j+1 < len(ws) && capitalised(ws[j+1].raw) && !ws[j+1].gapBefore {
				j += 2
				continue
			}
			break
		}
		seq := ws[i:j]
		if j == i+1 && d.channelAt(ws, i) {
			seq = nil // "said on Twitter": the channel, not a name
		}
		// Drop leading and trailing words that are never names.
		for len(seq) > 0 && d.notNames[seq[0].low] {
			seq = seq[1:]
		}
		for len(seq) > 0 && d.notNames[seq[len(seq)-1].low] {
			seq = seq[:len(seq)-1]
		}
		if len(seq) == 1 && seq[0].sentenceStart && !allCaps(seq[0].raw) && !midCaps[seq[0].raw] &&
			!innerCapital(seq[0].raw) && d.common(seq[0].low) && !subjectOfDeath(ws, j) && !d.namedSubject(ws, seq[0], j) &&
			!d.corporateSubject(ws, seq[0], j) && !d.placeOpening(seq[0]) {
			seq = nil // "Gunman kills…": a capital only because it starts the sentence
		}
		if len(seq) > 0 && len(seq) <= 5 {
			parts := make([]string, len(seq))
			for k, w := range seq {
				parts[k] = w.raw
			}
			if name := strings.Join(parts, " "); len([]rune(name)) >= 2 {
				out = append(out, name)
			}
		}
		i = j
	}
	return out
}

// deathVerbs are the words after a name in an obituary headline.
var deathVerbs = map[string]bool{"dies": true, "died": true, "dead": true, "dør": true, "døde": true}

// subjectOfDeath reports whether the word before ws[next] opens an
// obituary headline ("Prince dies at 57", "Prince, music icon, dies"): a
// death verb follows, or an apposition that a death verb ends.
func subjectOfDeath(ws []word, next int) bool {
	if next >= len(ws) {
		return false
	}
	if deathVerbs[ws[next].low] && !ws[next].gapBefore {
		return true
	}
	if !ws[next].gapBefore {
		return false
	}
	for k := next; k < min(len(ws), next+5); k++ {
		if k > next && ws[k].gapBefore && deathVerbs[ws[k].low] {
			return true
		}
	}
	return false
}

// channelAt reports whether ws[i] is a platform named as where something
// was said ("on Twitter", "via Facebook").
func (d *deriver) channelAt(ws []word, i int) bool {
	return d.channels[ws[i].low] && i > 0 && !ws[i].gapBefore && d.channelPreps[ws[i-1].low]
}

// placeOpening reports whether a capitalised word that opens a sentence
// is a country or a city of the gazetteer ("Houston festival crush: …",
// "Paris mourns"), which headlines open with as often as with the event: it
// stays a name, and the place's context rules decide later whether it is
// the place. Regions are left out: their names are more often everyday
// words ("Rivers rose").
func (d *deriver) placeOpening(w word) bool {
	p, ok := d.places[w.raw]
	return ok && (p.kind == "city" || p.kind == "country")
}

// corporateSubject reports whether a capitalised word w that opens a
// sentence (ws[next] follows it) is a company's name by what follows: a
// verb of corporate news ("Volkswagen admits …", "Toyota recalls …",
// "Samsung permanently halts …"),
// when the word is rarer than everyday words ("Police admits" is not a
// name) and no word for the kind of event or a toll.
func (d *deriver) corporateSubject(ws []word, w word, next int) bool {
	// An adverb may come between ("Samsung permanently halts …").
	if next+1 < len(ws) && !ws[next].gapBefore && !ws[next+1].gapBefore && len(ws[next].low) > 4 &&
		strings.HasSuffix(ws[next].low, "ly") && d.subjectVerbs[ws[next+1].low] {
		next++
	}
	if next >= len(ws) || ws[next].gapBefore || !d.subjectVerbs[ws[next].low] {
		return false
	}
	if len(d.kinds.byCue[stem(w.low)]) > 0 || d.tollWords[w.low] || d.notNames[w.low] {
		return false
	}
	lp, ok := d.words.Known(w.low)
	return !ok || lp <= d.subjectMaxLogp
}

// namedSubject reports whether a capitalised common word w that opens a
// sentence (ws[next] follows it) is a name by how it is used: with a
// possessive ("Sandy's winds") or an apposition of two to five words
// between commas ("Prince, music icon, found dead"), and not a word for
// the kind of event ("Storm's toll", "Floods, mudslides, landslides").
func (d *deriver) namedSubject(ws []word, w word, next int) bool {
	if len(d.kinds.byCue[stem(w.low)]) > 0 || d.tollWords[w.low] {
		return false
	}
	if w.possessive {
		return true
	}
	if next >= len(ws) || !ws[next].commaBefore {
		return false
	}
	for k := next + 1; k < min(len(ws), next+6); k++ {
		if ws[k].gapBefore {
			return ws[k].commaBefore && k-next >= 2
		}
	}
	return false
}

// innerCapital reports a capital after the first letter ("JPMorgan",
// "McDonald's", "iPhone"): a name, wherever it stands.
func innerCapital(w string) bool {
	for i, r := range w {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// common reports whether w is a common English word, or too short to judge.
func (d *deriver) common(w string) bool {
	if len(w) < 3 {
		return true
	}
	_, ok := d.words.Known(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"))
	return ok
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// nameKeys are the lower-case keys an article is found by: each entity and
// hashtag whole, each word of a multi-word or hyphenated entity ("kobe
// bryant", "kobe", "bryant"), and its headline's lead key (leadKey) when
// lead is not empty. The lead key is for a brand's news, which Bleve and
// the mention cache answer; the crisis snapshot's entries, which answer
// the places and people of posts, are keyed by the names alone.
func nameKeys(entities, hashtags []string, lead string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, e := range entities {
		low := strings.ToLower(e)
		add(low)
		// "Lac-Mégantic" is found by "mégantic" as "Kobe Bryant" is by "bryant".
		if ws := strings.FieldsFunc(low, nameSeparator); len(ws) > 1 {
			for _, w := range ws {
				if len([]rune(w)) >= 3 && !connectors[w] {
					add(w)
				}
			}
		}
	}
	for _, h := range hashtags {
		add(strings.ToLower(h))
	}
	add(lead)
	return out
}

// leadKey is the key (checker.LeadTerm) of a headline's first word when it
// could be a name: three letters or digits or more, with a capital among
// them, without a possessive. Empty otherwise.
func leadKey(title string) string {
	w, _, _ := strings.Cut(strings.TrimSpace(title), " ")
	w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	if utf8.RuneCountInString(w) < 3 || !strings.ContainsFunc(w, unicode.IsUpper) {
		return ""
	}
	return checker.LeadTerm(w)
}

// nameSeparator splits a name into its words: white space and hyphens.
func nameSeparator(r rune) bool {
	return unicode.IsSpace(r) || r == '-' || r == '\u2010' || r == '\u2011'
}
