package news

import (
	_ "embed"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/strictyaml"
	"github.com/preflight-dev/preflight/text"
)

//go:embed data/consequences.yaml
var consequencesYAML []byte

// consequenceRule is one kind of consequence from data/consequences.yaml.
type consequenceRule struct {
	name     string
	class    checker.CrisisClass
	prefixes []string        // words ending in "*", without it
	needs    map[string]bool // empty: no context needed
	bare     float64
	steps    []consequenceStep
	people   bool // counts people: compounds with the others that do
	// aboard: the count is the people the article says were aboard (a
	// crash reported before any death is confirmed).
	aboard bool
}

type consequenceStep struct {
	Count    float64 `yaml:"count"`
	Severity float64 `yaml:"severity"`
}

// severityFor is the severity of the highest step count reaches, 0 below
// the first.
func (c *consequenceRule) severityFor(count float64) float64 {
	sev := 0.0
	for _, s := range c.steps {
		if count >= s.Count {
			sev = s.Severity
		}
	}
	return sev
}

// consequenceReader reads what happened to people and things in an
// article, with the numbers written next to it. Built once, read-only.
type consequenceReader struct {
	rules       []consequenceRule
	byWord      map[string][]int // exact word → rules
	noSurvivors *text.Lexicon
	oneDead     *text.Lexicon // a single person killed, said without a number ("shot dead")
	global      *text.Lexicon
	plurals     map[string]bool
	people      map[string]bool
	notCounts   map[string]bool
	things      map[string]bool // counts_of_things: a count of them is no one's
	quantities  map[string]float64
	multipliers map[string]float64
	typical     map[string]float64 // vehicle word -> the fewest people it usually carries
}

// consequences is what an article says happened, by rule index: the largest
// count read for each (0: not stated).
type consequences struct {
	counts []float64
	// global is set when the article says the consequences reach beyond
	// one country ("worldwide", "around the world").
	global bool
}

func newConsequenceReader() (*consequenceReader, error) {
	var raw struct {
		Consequences map[string]struct {
			Class  string            `yaml:"class"`
			Words  []string          `yaml:"words"`
			Needs  []string          `yaml:"needs"`
			Bare   float64           `yaml:"bare"`
			Steps  []consequenceStep `yaml:"steps"`
			People bool              `yaml:"people"`
			Aboard bool              `yaml:"aboard"`
		} `yaml:"consequences"`
		NoSurvivors []string           `yaml:"no_survivors"`
		OneDead     []string           `yaml:"one_dead"`
		Plurals     []string           `yaml:"plurals"`
		People      []string           `yaml:"people_words"`
		Global      []string           `yaml:"global"`
		NotCounts   []string           `yaml:"not_counts"`
		Things      []string           `yaml:"counts_of_things"`
		Quantities  map[string]float64 `yaml:"quantities"`
		Multipliers map[string]float64 `yaml:"multipliers"`
		Typical     map[string]float64 `yaml:"typical_aboard"`
	}
	if err := strictyaml.Decode(consequencesYAML, &raw); err != nil {
		return nil, fmt.Errorf("consequences: %w", err)
	}
	cr := &consequenceReader{byWord: map[string][]int{}, plurals: set(raw.Plurals), people: set(raw.People),
		notCounts: set(raw.NotCounts), things: set(raw.Things), quantities: raw.Quantities, multipliers: raw.Multipliers, typical: raw.Typical}
	names := make([]string, 0, len(raw.Consequences))
	for n := range raw.Consequences {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := raw.Consequences[n]
		if len(c.Words) == 0 || len(c.Steps) == 0 {
			return nil, fmt.Errorf("consequences: %q needs words and steps", n)
		}
		r := consequenceRule{name: n, class: checker.CrisisClass(c.Class), needs: set(c.Needs), bare: c.Bare, steps: c.Steps, people: c.People, aboard: c.Aboard}
		for _, w := range c.Words {
			if pre, ok := strings.CutSuffix(w, "*"); ok {
				r.prefixes = append(r.prefixes, pre)
			} else {
				cr.byWord[w] = append(cr.byWord[w], len(cr.rules))
			}
		}
		cr.rules = append(cr.rules, r)
	}
	var err error
	if cr.noSurvivors, err = phraseLexicon(raw.NoSurvivors); err != nil {
		return nil, fmt.Errorf("consequences: no_survivors: %w", err)
	}
	if cr.oneDead, err = phraseLexicon(raw.OneDead); err != nil {
		return nil, fmt.Errorf("consequences: one_dead: %w", err)
	}
	if cr.global, err = phraseLexicon(raw.Global); err != nil {
		return nil, fmt.Errorf("consequences: global: %w", err)
	}
	return cr, nil
}

func set(ws []string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[strings.ToLower(w)] = true
	}
	return m
}

// quantity reads the number that starts at ws[j]: digits (with a thousands
// group after them: "2,000" is split into "2" and "000"), or a quantity word,
// times a multiplier after it ("8 million"). Years, ages and dates are not
// quantities. It returns 0 when ws[j] is not one.
func (cr *consequenceReader) quantity(ws []string, j int) float64 {
	w := ws[j]
	if j > 0 && cr.notCounts[ws[j-1]] {
		return 0
	}
	var n float64
	digits := false
	if v, err := strconv.Atoi(w); err == nil && v > 0 {
		n, digits = float64(v), true
		for k := j + 1; k < len(ws) && k <= j+2 && len(ws[k]) == 3 && allDigits(ws[k]); k++ {
			v2, _ := strconv.Atoi(ws[k])
			n = n*1000 + float64(v2)
			j = k
			digits = false // a grouped number is not a year
		}
	} else if q, ok := cr.quantities[w]; ok {
		n = q
	}
	if n == 0 {
		return 0
	}
	if j+1 < len(ws) {
		if m, ok := cr.multipliers[ws[j+1]]; ok && n < 1000 {
			if j+2 < len(ws) && cr.things[ws[j+2]] {
				return 0
			}
			return n * m
		}
		if cr.things[ws[j+1]] {
			return 0
		}
	}
	if digits && n >= 1900 && n <= 2100 {
		return 0
	}
	return n
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// rulesFor returns the rules whose words include w.
func (cr *consequenceReader) rulesFor(w string, out []int) []int {
	out = append(out[:0], cr.byWord[w]...)
	for i := range cr.rules {
		for _, p := range cr.rules[i].prefixes {
			if strings.HasPrefix(w, p) {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// read finds the consequences in ws (lower-case words of title and text),
// each with the largest count stated next to it; the phrases that say no
// one survived or the reach is global are found in docs, the same texts
// as the text package analysed them.
func (cr *consequenceReader) read(ws []string, docs ...*text.Doc) consequences {
	out := consequences{counts: make([]float64, len(cr.rules))}
	var rs []int
	isCons := make([]bool, len(ws))
	for i, w := range ws {
		rs = cr.rulesFor(w, rs)
		isCons[i] = len(rs) > 0
	}
	aboard := -1.0 // the people aboard, read once when a rule asks
	// stated are the aboard rules' counts without the people aboard;
	// counted says another rule counting people was given a number.
	var stated []float64
	counted := false
	for i, w := range ws {
		if !isCons[i] {
			continue
		}
		rs = cr.rulesFor(w, rs)
		count := 0.0
		for j := max(0, i-4); j < min(len(ws), i+4); j++ {
			if j != i && ownerOf(isCons, j) == i {
				count = max(count, cr.quantity(ws, j))
			}
		}
		for _, ri := range rs {
			r := &cr.rules[ri]
			if len(r.needs) > 0 && !near(ws, i, 6, r.needs) {
				continue
			}
			c := count
			if c == 0 && cr.plurals[w] {
				c = 2
			}
			if r.people && !r.aboard && count > 0 {
				counted = true
			}
			if r.aboard {
				if aboard < 0 {
					aboard = cr.peopleAboard(ws)
				}
				if stated == nil {
					stated = make([]float64, len(cr.rules))
				}
				own := c
				if own == 0 {
					own = r.bare
				}
				stated[ri] = max(stated[ri], own)
				c = max(c, aboard)
			}
			if c == 0 {
				c = r.bare
			}
			out.counts[ri] = max(out.counts[ri], c)
		}
	}
	if counted && stated != nil {
		// The people aboard are a crash's scale only until its victims
		// are counted: "3 killed, 40 people injured" is not 40 aboard
		// besides.
		for ri, c := range stated {
			if cr.rules[ri].aboard {
				out.counts[ri] = c
			}
		}
	}
	if anyMatch(cr.oneDead, docs) {
		// "A police officer shot dead a teenager": one death, though no
		// number is given.
		for i := range cr.rules {
			if cr.rules[i].name == "dead" {
				out.counts[i] = max(out.counts[i], 1)
			}
		}
	}
	if anyMatch(cr.noSurvivors, docs) {
		// Everyone counted is dead: the largest number of people aboard,
		// or, when the article gives none, what such a vehicle carries.
		n := cr.peopleAboard(ws)
		if n == 0 {
			n = cr.typicalAboard(ws)
		}
		n = max(n, 5)
		for i := range cr.rules {
			if cr.rules[i].name == "dead" {
				out.counts[i] = max(out.counts[i], n)
			}
		}
	}
	out.global = cr.globalHarm(docs)
	return out
}

// peopleAboard is the largest number the article gives of people ("242
// people", "212 passengers", "carrying 157", "all 60"); 0 when it gives
// none. One pass over the words.
func (cr *consequenceReader) peopleAboard(ws []string) float64 {
	n := 0.0
	for j := 0; j+1 < len(ws); j++ {
		if cr.people[ws[j+1]] || (j > 0 && (ws[j-1] == "carrying" || ws[j-1] == "all")) {
			n = max(n, cr.quantity(ws, j))
		}
	}
	return n
}

// typicalAboard is the fewest people the vehicles the article names
// usually carry ("a Boeing 737", "the ferry"): 0 when it names none.
func (cr *consequenceReader) typicalAboard(ws []string) float64 {
	n := 0.0
	for _, w := range ws {
		n = max(n, cr.typical[w])
	}
	return n
}

// globalWindow is how many words around a "worldwide" may hold the
// consequence it qualifies.
const globalWindow = 8

// globalHarm reports whether a phrase of global reach qualifies a
// consequence ("computers offline worldwide", "flights grounded around
// the world"), not attention ("the tag spread worldwide", "tributes from
// around the world"): the world lives through the first, it only watches
// the second.
func (cr *consequenceReader) globalHarm(docs []*text.Doc) bool {
	var rs []int
	for _, d := range docs {
		for _, m := range cr.global.Find(d) {
			for k := max(0, m.First-globalWindow); k <= min(len(d.Tokens)-1, m.Last+globalWindow); k++ {
				if k >= m.First && k <= m.Last {
					continue
				}
				if rs = cr.rulesFor(d.Tokens[k].Norm, rs); len(rs) > 0 {
					return true
				}
			}
		}
	}
	return false
}

// ownerOf is the consequence word a number at j counts: the nearest one,
// the word after it on a tie ("12 dead and dozens missing": 12 are dead,
// dozens missing), -1 when none is within four words.
func ownerOf(isCons []bool, j int) int {
	for k := 1; k <= 4; k++ {
		if j+k < len(isCons) && isCons[j+k] {
			return j + k
		}
		if j-k >= 0 && isCons[j-k] {
			return j - k
		}
	}
	return -1
}

// phraseLexicon compiles phrases with the text package's matcher.
func phraseLexicon(phrases []string) (*text.Lexicon, error) {
	es := make([]text.Entry, len(phrases))
	for i, p := range phrases {
		es[i] = text.Entry{Phrase: p}
	}
	return text.NewLexicon(es)
}

// anyMatch reports whether a phrase of l occurs in one of docs.
func anyMatch(l *text.Lexicon, docs []*text.Doc) bool {
	for _, d := range docs {
		if len(l.Find(d)) > 0 {
			return true
		}
	}
	return false
}

func near(ws []string, i, d int, words map[string]bool) bool {
	for j := max(0, i-d); j < min(len(ws), i+d+1); j++ {
		if j != i && words[ws[j]] {
			return true
		}
	}
	return false
}

// compoundStep is what each further grave consequence to people (one
// graded at least compoundMin: dead and missing, dead and injured) adds to
// the worst one when that counts people too, up to maxCompound: a fire with a dozen dead and dozens missing is
// graver than either alone.
const (
	compoundStep = 0.1
	compoundMin  = 0.5
	maxCompound  = 0.2
)

// worst returns the consequence that grades the article highest: its
// class, severity and name ("" when there is none), the severity raised
// by the other grave consequences to people when it is one. Only classes in allow count when allow is not empty.
func (cr *consequenceReader) worst(c consequences, allow func(checker.CrisisClass) bool) (checker.CrisisClass, float64, string) {
	var class checker.CrisisClass
	best, name, bi := 0.0, "", -1
	for i, n := range c.counts {
		if n <= 0 {
			continue
		}
		r := &cr.rules[i]
		if allow != nil && !allow(r.class) {
			continue
		}
		if s := r.severityFor(n); s > best {
			class, best, name, bi = r.class, s, r.name, i
		}
	}
	if bi < 0 || !cr.rules[bi].people {
		return class, best, name
	}
	extra := 0.0
	for i, n := range c.counts {
		r := &cr.rules[i]
		if i == bi || n <= 0 || !r.people || (allow != nil && !allow(r.class)) {
			continue
		}
		if r.severityFor(n) >= compoundMin {
			extra += compoundStep
		}
	}
	return class, math.Min(1, best+math.Min(extra, maxCompound)), name
}

// count returns the count read for the named consequence.
func (cr *consequenceReader) count(c consequences, name string) float64 {
	for i := range cr.rules {
		if cr.rules[i].name == name && i < len(c.counts) {
			return c.counts[i]
		}
	}
	return 0
}

// harmsPeople says whether a class is about harm to people, so a death
// toll may raise its severity; a scandal's arrests do not make a shooting
// graver, and a death toll does not make a fine graver.
func harmsPeople(c checker.CrisisClass) bool {
	switch c {
	case checker.CrisisScandal, checker.CrisisTrending, checker.CrisisNone:
		return false
	}
	return true
}
