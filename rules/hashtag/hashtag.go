// Package hashtag holds Preflight's hashtag rules: a tag that reads two
// ways (#susanalbumparty), a brand invitation that invites a hijack
// (#AskJPM, a campaign that reposts what the public sends, an open
// question about experience), a tag that is in crisis news (#WhyIStayed,
// #PlaceFlood), a political, movement or memorial tag next to a sales
// pitch, and style advice. Hashtags come from the text analysis
// (twitter-text extraction); their words come from the segment package,
// which lists every plausible reading of a tag, and from the writer's
// capitals.
package hashtag

import (
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/preflight-dev/preflight/brand"
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/segment"
	"github.com/preflight-dev/preflight/text"
)

//go:embed data/*.yaml data/*.tsv
var data embed.FS

// Options configures the hashtag rules; it is the "hashtags" section of
// preflight.yaml. The zero value means the documented defaults.
type Options struct {
	// TroubleDays is how far back negative news about the brand turns a
	// hijack risk into a block (default 90).
	TroubleDays int `yaml:"trouble_days"`
	// NewsHours is how far back crisis news about a tag counts (default 72).
	NewsHours int `yaml:"news_hours"`
	// SensitiveTags adds political, movement, tragedy or memorial tags to
	// the built-in list.
	SensitiveTags []SensitiveTag `yaml:"sensitive_tags"`
	// RiskyWords adds words (category vulgar, sexual, violent, death, slur
	// or crime) that make a reading of a tag or a link's domain risky.
	RiskyWords []RiskyWord `yaml:"risky_words"`
	// Allow lists tags (without "#") double_reading never flags: the
	// company's own vetted campaign tags.
	Allow []string `yaml:"allow"`
	// MaxTags overrides the advised number of tags per post for a platform
	// ("x": 3); the defaults are 3 for x, linkedin, threads, bluesky and
	// facebook, 5 for mastodon and tiktok, 10 for instagram.
	MaxTags map[string]int `yaml:"max_tags"`
	// MaxLength is the longest readable tag in characters (default 25).
	MaxLength int `yaml:"max_length"`
}

// SensitiveTag is a tag with its category: political, movement, tragedy or
// memorial.
type SensitiveTag struct {
	Tag      string `yaml:"tag"`
	Category string `yaml:"category"`
}

// RiskyWord is a word with its category: vulgar, sexual, violent, death,
// slur or crime.
type RiskyWord struct {
	Word     string `yaml:"word"`
	Category string `yaml:"category"`
}

// pack is the compiled rule pack the rules share; it is immutable.
type pack struct {
	seg   *segment.Segmenter // English and Norwegian, base.seg
	risky map[string]string  // word → category, English and Norwegian: base.risky
	// base reads names in English and Norwegian; langs, in them and one
	// further language each, built the first time a post in that
	// language needs it.
	base      *vocabulary
	langs     map[string]func() (*vocabulary, error)
	sensitive map[string]string // folded tag → category
	// solidarity are the folded openings of a tag of sympathy with the
	// victims of a tragedy, whatever it names: #PrayFor…, #JeSuis….
	solidarity []string
	// solidarityWords are the words a tag of support adds to a place or a
	// name (#BostonStrong, #PuertoRicoSeLevanta): the tag is about the
	// place, and its news need not hold them.
	solidarityWords map[string]bool
	allow           map[string]bool // folded tag
	generic         map[string]bool
	brands          *brand.Reader // brand names, tag invitations, the brand's standing
	political       *text.Lexicon // political and judicial news: verdicts, elections, protests
	// invitations reads what an invitation asks the public for.
	invitations *invitations
	// langInvites reads the rest of a brand's tag in the post's
	// languages and scripts (data/invite_langs.yaml).
	langInvites *langInvites
	// kinds maps a word naming a kind of crisis (coup, flood) to the
	// classes of the articles about such crises.
	kinds map[string][]checker.CrisisClass
	opts  Options
}

var riskyCategories = []string{"vulgar", "sexual", "violent", "death", "slur", "crime"}
var sensitiveCategories = []string{"political", "movement", "tragedy", "memorial"}

func loadPack(opts Options) (*pack, error) {
	if opts.TroubleDays <= 0 {
		opts.TroubleDays = 90
	}
	if opts.NewsHours <= 0 {
		opts.NewsHours = 72
	}
	if opts.MaxLength <= 0 {
		opts.MaxLength = 25
	}
	br, err := brand.NewReader()
	if err != nil {
		return nil, err
	}
	p := &pack{seg: segment.New(), brands: br, risky: map[string]string{}, sensitive: map[string]string{},
		allow: map[string]bool{}, generic: map[string]bool{}, opts: opts}
	p.base = &vocabulary{seg: p.seg, risky: p.risky}
	for _, step := range []func() error{p.loadRisky, p.loadSensitive, p.loadPolitical, p.loadGeneric, p.loadInvitations, p.loadLangInvites, p.loadKinds} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	for _, t := range opts.Allow {
		p.allow[fold(t)] = true
	}
	return p, nil
}

// readLists reads data/name.yaml, lists of words keyed by category, and
// refuses a key that is not one of keys (a misspelt category would drop
// its words silently).
func readLists(name string, keys []string) (map[string][]string, error) {
	b, err := data.ReadFile("data/" + name + ".yaml")
	if err != nil {
		return nil, err
	}
	lists, err := parseLists(b, keys)
	if err != nil {
		return nil, fmt.Errorf("data/%s.yaml: %w", name, err)
	}
	return lists, nil
}

// parseLists decodes lists of words keyed by category, strictly: every
// key one of keys, every value a list of strings.
func parseLists(b []byte, keys []string) (map[string][]string, error) {
	var lists map[string][]string
	if err := yaml.Unmarshal(b, &lists); err != nil {
		return nil, err
	}
	for k := range lists {
		if !contains(keys, k) {
			return nil, fmt.Errorf("unknown key %q (want %s)", k, strings.Join(keys, ", "))
		}
	}
	return lists, nil
}

// loadRisky reads the risky words: the imported list, data/risky.yaml and
// the configured ones, and the length range the double reading scans for.
func (p *pack) loadRisky() error {
	risky, err := readLists("risky", riskyCategories)
	if err != nil {
		return err
	}
	imported, err := importedRisky()
	if err != nil {
		return err
	}
	for w, c := range imported {
		p.risky[w] = c
	}
	for _, c := range riskyCategories {
		for _, w := range risky[c] {
			p.risky[strings.ToLower(w)] = c
		}
	}
	for i, w := range p.opts.RiskyWords {
		if !contains(riskyCategories, w.Category) || strings.TrimSpace(w.Word) == "" {
			return checker.Invalidf(fmt.Sprintf("hashtags.risky_words[%d]", i), "want a word and a category (vulgar, sexual, violent, death, slur or crime)")
		}
		p.risky[strings.ToLower(strings.TrimSpace(w.Word))] = w.Category
	}
	p.base.measure()
	if err := p.base.addSenses("en"); err != nil {
		return err
	}
	p.langs = map[string]func() (*vocabulary, error){}
	for _, code := range segment.Languages() {
		p.langs[code] = sync.OnceValues(func() (*vocabulary, error) { return p.langVocabulary(code) })
	}
	return nil
}

// loadSensitive reads the sensitive tags of data/sensitive.yaml and the
// configured ones.
func (p *pack) loadSensitive() error {
	sensitive, err := readLists("sensitive", append([]string{"solidarity_prefixes", "solidarity_words"}, sensitiveCategories...))
	if err != nil {
		return err
	}
	for _, pre := range sensitive["solidarity_prefixes"] {
		if f := fold(pre); f != "" {
			p.solidarity = append(p.solidarity, f)
		}
	}
	p.solidarityWords = map[string]bool{}
	for _, w := range sensitive["solidarity_words"] {
		if f := fold(w); f != "" {
			p.solidarityWords[f] = true
		}
	}
	for _, c := range sensitiveCategories {
		for _, t := range sensitive[c] {
			p.sensitive[fold(t)] = c
		}
	}
	for i, t := range p.opts.SensitiveTags {
		if !contains(sensitiveCategories, t.Category) || fold(t.Tag) == "" {
			return checker.Invalidf(fmt.Sprintf("hashtags.sensitive_tags[%d]", i), "want a tag and a category (political, movement, tragedy or memorial)")
		}
		p.sensitive[fold(t.Tag)] = t.Category
	}
	return nil
}

// politicalKinds are the kinds of political and judicial news.
var politicalKinds = []string{"judicial", "electoral", "protest"}

// loadPolitical compiles data/political.yaml's words into one lexicon,
// each entry's Value its kind.
func (p *pack) loadPolitical() error {
	political, err := readLists("political", politicalKinds)
	if err != nil {
		return err
	}
	var pol []text.Entry
	for _, kind := range politicalKinds {
		if len(political[kind]) == 0 {
			return fmt.Errorf("data/political.yaml: %s is empty", kind)
		}
		for _, ph := range political[kind] {
			pol = append(pol, text.Entry{Phrase: ph, Value: kind})
		}
	}
	if p.political, err = text.NewLexicon(pol); err != nil {
		return fmt.Errorf("data/political.yaml: %w", err)
	}
	return nil
}

// loadGeneric reads the words too common to tie a tag to a story.
func (p *pack) loadGeneric() error {
	generic, err := readLists("generic", []string{"generic"})
	if err != nil {
		return err
	}
	for _, w := range generic["generic"] {
		p.generic[strings.ToLower(w)] = true
	}
	return nil
}

// kindClasses are the crisis classes data/kinds.yaml may list words for.
var kindClasses = []string{"unrest", "disaster", "attack", "shooting", "death"}

// loadKinds reads the words that name a kind of crisis, by class.
func (p *pack) loadKinds() error {
	kinds, err := readLists("kinds", kindClasses)
	if err != nil {
		return err
	}
	p.kinds = map[string][]checker.CrisisClass{}
	for _, c := range kindClasses {
		for _, w := range kinds[c] {
			w = strings.ToLower(w)
			if !slices.Contains(p.kinds[w], checker.CrisisClass(c)) {
				p.kinds[w] = append(p.kinds[w], checker.CrisisClass(c))
			}
		}
	}
	return nil
}

// Rules builds the hashtag rules once, at start-up. The configured options
// are checked now; the word lists, the segmenter and the brand reader are
// read when one of the rules first runs on a post, so every command that
// only lists the rules never reads them. The rules' descriptions do not
// depend on the data.
func Rules(opts Options) ([]*checker.Rule, error) {
	if err := checkOptions(opts); err != nil {
		return nil, err
	}
	loaded := sync.OnceValues(func() ([]*checker.Rule, error) {
		p, err := loadPack(opts)
		if err != nil {
			return nil, err
		}
		return p.rules(), nil
	})
	rs := (&pack{opts: opts}).rules()
	for i, r := range rs {
		r.Run = func(pass *checker.Pass) error {
			full, err := loaded()
			if err != nil {
				return err
			}
			return full[i].Run(pass)
		}
	}
	return rs, nil
}

// rules are the pack's rules, in their documented order.
func (p *pack) rules() []*checker.Rule {
	return []*checker.Rule{p.doubleReading(), p.hijackRisk(), p.inTheNews(), p.sensitiveRule(), p.style()}
}

// checkOptions refuses configured words and tags without a known
// category, naming the preflight.yaml entry (loadPack checks them again
// as it reads them).
func checkOptions(opts Options) error {
	for i, w := range opts.RiskyWords {
		if !contains(riskyCategories, w.Category) || strings.TrimSpace(w.Word) == "" {
			return checker.Invalidf(fmt.Sprintf("hashtags.risky_words[%d]", i), "want a word and a category (vulgar, sexual, violent, death, slur or crime)")
		}
	}
	for i, t := range opts.SensitiveTags {
		if !contains(sensitiveCategories, t.Category) || fold(t.Tag) == "" {
			return checker.Invalidf(fmt.Sprintf("hashtags.sensitive_tags[%d]", i), "want a tag and a category (political, movement, tragedy or memorial)")
		}
	}
	return nil
}

// importedRisky reads data/naughty_en.tsv (word, tab, category), the
// risky words imported from the LDNOOBW list.
func importedRisky() (map[string]string, error) {
	return readNaughty("data/naughty_en.tsv")
}

// readNaughty reads one imported list of risky words (word, tab, category).
func readNaughty(name string) (map[string]string, error) {
	b, err := data.ReadFile(name)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for i, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		w, c, ok := strings.Cut(line, "\t")
		if !ok || w == "" || !contains(riskyCategories, c) {
			return nil, fmt.Errorf("%s:%d: want a word, a tab and a category", name, i+1)
		}
		out[w] = c
	}
	return out, nil
}

// fold is a tag's matching form: lower case, without "#", underscores or
// spaces.
func fold(tag string) string {
	var b strings.Builder
	for _, r := range strings.TrimPrefix(strings.TrimSpace(tag), "#") {
		if r == '_' || unicode.IsSpace(r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// cue reports whether the post gives the named cue: the text analysis'
// broad reading (Doc.Cues, which holds the strong signals too), the one
// tone vocabulary every rule reads.
func cue(pass *checker.Pass, name text.Signal) bool {
	return len(pass.Doc.Cues.Of(name)) > 0
}

// camel writes a reading in CamelCase: each word's first letter upper
// case, the rest as the writer typed it, or lower case when the tag was
// all one case.
func camel(r segment.Reading) string {
	var b strings.Builder
	b.WriteByte('#')
	for _, w := range r.Words {
		rs := []rune(w)
		rs[0] = unicode.ToUpper(rs[0])
		if len(rs) <= 3 && isAcronym(w) {
			b.WriteString(strings.ToUpper(w))
			continue
		}
		b.WriteString(string(rs))
	}
	return b.String()
}

// isAcronym is true for short letter runs with no vowel ("tbt").
func isAcronym(w string) bool {
	for _, r := range w {
		if strings.ContainsRune("aeiouyæøå", r) || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// quoteReadings renders readings for a message: "a b", "c d".
func quoteReadings(rs []segment.Reading) string {
	q := make([]string, len(rs))
	for i, r := range rs {
		q[i] = fmt.Sprintf("%q", r.String())
	}
	return strings.Join(q, ", ")
}

// window returns hours as a duration.
func hours(h int) time.Duration { return time.Duration(h) * time.Hour }

// tags returns the post's hashtags.
func tags(pass *checker.Pass) []text.Entity { return pass.Doc.Hashtags }
