// Package pack implements the rule kinds of Preflight's YAML rule packs and
// compiles packs into rules. The category packages (content, reply) build
// their pack rules with it; rules/pack is its public face for teams (Load)
// and drivers. See rules/pack for the kinds and the file format.
package pack

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/datasnap"
	"github.com/preflight-dev/preflight/rules/internal/lexicon"
	"github.com/preflight-dev/preflight/text"
)

// Kind is a rule kind; the set is closed.
type Kind string

// The rule kinds.
const (
	KindExistence    Kind = "existence"
	KindSubstitution Kind = "substitution"
	KindTags         Kind = "tags"
	KindCombination  Kind = "combination"
)

// Pack is a YAML file of rules with the source and licence of its words.
type Pack struct {
	// Name, when set, makes every rule of the pack opt-in: it runs only
	// for the brands whose profile lists the pack (brands.NAME.packs).
	Name    string `yaml:"name"`
	Source  string `yaml:"source"`
	Licence string `yaml:"licence"`
	Rules   []Spec `yaml:"rules"`

	// file is where the pack was read from, for its label.
	file string
}

// Label is how rule listings name the pack: its name, else its file.
func (p *Pack) Label() string {
	if p.Name != "" {
		return p.Name
	}
	return p.file
}

// SetFile records where the pack was declared when it was not read by
// Read (a pack written inside preflight.yaml).
func (p *Pack) SetFile(name string) { p.file = name }

// Spec declares one rule.
type Spec struct {
	ID       string           `yaml:"id"`
	Kind     Kind             `yaml:"kind"`
	Category checker.Category `yaml:"category"` // defaults to the ID's prefix; required for team rules
	Title    string           `yaml:"title"`
	Doc      string           `yaml:"doc"`
	Fix      string           `yaml:"fix"`
	Since    string           `yaml:"since"`
	// Severity is the default for terms that name none.
	Severity checker.Severity `yaml:"severity"`
	// Languages restricts the rule to posts in these languages (or of
	// unknown language); empty means every language.
	Languages []string `yaml:"languages"`
	// PostKinds restricts the rule to posts of these kinds (post, reply).
	PostKinds []checker.Kind `yaml:"post_kinds"`
	// AltTexts makes the rule read media alt texts too.
	AltTexts bool `yaml:"alt_texts"`
	// OptIn makes the rule run only for brands that turn it on (by its
	// pack's name in brands.NAME.packs, or rules.ID.enabled).
	OptIn bool `yaml:"opt_in"`
	// Message is the finding's message: {match} is the matched words,
	// quoted; {where} is " in the image description" for alt texts.
	// Messages overrides it per term category.
	Message  string            `yaml:"message"`
	Messages map[string]string `yaml:"messages"`
	// Suggestion is shown with every finding; {suggest} is the term's
	// replacement (substitution rules).
	Suggestion string `yaml:"suggestion"`
	// Match tunes matching.
	Match MatchSpec `yaml:"match"`
	// Signals are the text signals a combination rule requires
	// (text.AllSignals: promotional, light_hearted, engagement,
	// condolence, charity, personal).
	Signals []text.Signal `yaml:"signals"`
	// Terms are the phrases (existence, substitution, combination) or
	// hashtag bodies (tags); Cues make weak terms count; Emoji are cue
	// characters; Allow cancels hits it overlaps.
	Terms []lexicon.Term `yaml:"terms"`
	Cues  []lexicon.Term `yaml:"cues"`
	Emoji []string       `yaml:"emoji"`
	Allow []string       `yaml:"allow"`
	// Examples must be flagged (Flag) and must pass (Pass) by this rule.
	Examples Examples `yaml:"examples"`
}

// MatchSpec tunes how a rule's phrases match.
type MatchSpec struct {
	// Commas lets a comma sit between a phrase's words ("actually, you").
	Commas bool `yaml:"commas"`
	// Pairs makes two different weak terms vouch for each other.
	Pairs bool `yaml:"pairs"`
	// Near makes a cue count only within that many tokens of a weak term.
	Near int `yaml:"near"`
}

// Examples are a rule's own test cases: posts it must flag and near
// misses it must pass.
type Examples struct {
	Flag []string `yaml:"flag"`
	Pass []string `yaml:"pass"`
}

// Parse decodes a pack strictly: an unknown or misspelt key is an error
// naming its line. A built-in pack comes decoded from the generated
// snapshot (datasnap).
func Parse(name string, data []byte) (*Pack, error) {
	var p Pack
	if err := datasnap.Decode(data, &p); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return p.checked(name)
}

// checked returns the decoded pack from name if it is complete.
func (p Pack) checked(name string) (*Pack, error) {
	if p.Source == "" || p.Licence == "" {
		return nil, fmt.Errorf("%s: source and licence are required", name)
	}
	if len(p.Rules) == 0 {
		return nil, fmt.Errorf("%s: no rules", name)
	}
	p.file = name
	return &p, nil
}

// Read loads and parses the pack at name in fsys.
func Read(fsys fs.FS, name string) (*Pack, error) {
	if _, err := fs.Stat(fsys, name); err != nil {
		return nil, err
	}
	var p Pack
	if err := datasnap.DecodeFile(fsys, name, &p); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return p.checked(name)
}

// TeamPrefix starts the ID of every rule a team declares.
const TeamPrefix = "team."

// Load reads a team's pack and builds its rules. Every ID must start with
// "team." so it can never collide with a built-in rule; the error names the
// file and the rule otherwise.
func Load(fsys fs.FS, name string) ([]*checker.Rule, *Pack, error) {
	p, err := Read(fsys, name)
	if err != nil {
		return nil, nil, err
	}
	rs, err := p.Team()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return rs, p, nil
}

// packName is a pack's name: lower case, digits, '_' and '-'.
var packName = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)

// Team builds a team's pack: every ID must start with "team." and the
// name, when given, be a simple lower-case word.
func (p *Pack) Team() ([]*checker.Rule, error) {
	if p.Name != "" && !packName.MatchString(p.Name) {
		return nil, fmt.Errorf("pack name %q: use lower-case letters, digits, '_' and '-'", p.Name)
	}
	if len(p.Rules) == 0 {
		return nil, fmt.Errorf("no rules")
	}
	for _, s := range p.Rules {
		if !strings.HasPrefix(s.ID, TeamPrefix) {
			return nil, fmt.Errorf("rule %q: a team rule's ID must start with %q", s.ID, TeamPrefix)
		}
	}
	return p.Build(nil)
}

// Build compiles every rule of the pack; opts extends or trims a rule's
// terms by ID (the rule's section of preflight.yaml).
func (p *Pack) Build(opts map[string]lexicon.Options) ([]*checker.Rule, error) {
	out := make([]*checker.Rule, 0, len(p.Rules))
	seen := map[string]bool{}
	for i := range p.Rules {
		s := &p.Rules[i]
		if seen[s.ID] {
			return nil, fmt.Errorf("rule %q declared twice", s.ID)
		}
		seen[s.ID] = true
		c, err := Compile(s, opts[s.ID])
		if err != nil {
			return nil, err
		}
		r := c.Rule()
		r.Pack, r.OptIn = p.Label(), s.OptIn || p.Name != ""
		if err := r.Validate(); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Check is a compiled spec: its matcher and messages.
type Check struct {
	spec *Spec
	// lex compiles the matcher on first use (Builtin), or returns the one
	// compiled by Compile.
	lex   func() (*lexicon.Cued, error)
	terms []lexicon.Term // tags: the listed hashtags and the configured extra ones
	tags  map[string]int // tags: folded hashtag body → index in terms
	pack  string         // the built-in pack's name (Builtin)
}

// Compile checks a spec and builds its matcher; o adds terms and allowed
// phrases from configuration.
func Compile(s *Spec, o lexicon.Options) (*Check, error) { return compile(s, o, false) }

// compile is Compile; lazy leaves building the matcher to the rule's first
// run, unless o adds terms (a team's words must fail at start-up).
func compile(s *Spec, o lexicon.Options, lazy bool) (*Check, error) {
	if s.ID == "" {
		return nil, fmt.Errorf("rule without an id")
	}
	if s.Category == "" {
		if cat, _, ok := strings.Cut(s.ID, "."); ok && cat != "team" {
			s.Category = checker.Category(cat)
		}
	}
	if s.Severity == 0 {
		return nil, fmt.Errorf("rule %q: severity is required (low, medium, high or critical)", s.ID)
	}
	if s.Title == "" || s.Doc == "" || s.Message == "" {
		return nil, fmt.Errorf("rule %q: title, doc and message are required", s.ID)
	}
	if len(s.Terms) == 0 && len(o.Extra) == 0 {
		return nil, fmt.Errorf("rule %q: no terms", s.ID)
	}
	c := &Check{spec: s}
	switch s.Kind {
	case KindExistence, KindSubstitution, KindCombination:
	case KindTags:
		c.terms = append(slices.Clone(s.Terms), o.Extra...)
		c.tags = map[string]int{}
		for i, t := range c.terms {
			c.tags[tagKey(t.Phrase)] = i
		}
		for _, a := range append(slices.Clone(s.Allow), o.Allow...) {
			delete(c.tags, tagKey(a))
		}
		return c, nil
	default:
		return nil, fmt.Errorf("rule %q: unknown kind %q (existence, substitution, tags or combination)", s.ID, s.Kind)
	}
	if s.Kind == KindSubstitution {
		for _, t := range s.Terms {
			if t.Suggest == "" {
				return nil, fmt.Errorf("rule %q: substitution term %q has no suggest", s.ID, t.Phrase)
			}
		}
	}
	if s.Kind == KindCombination {
		if len(s.Signals) == 0 {
			return nil, fmt.Errorf("rule %q: a combination names at least one signal", s.ID)
		}
		for _, sig := range s.Signals {
			if !slices.Contains(text.AllSignals, sig) || sig == text.SignalPivot {
				return nil, fmt.Errorf("rule %q: unknown signal %q", s.ID, sig)
			}
		}
	}
	f := lexicon.File{Terms: s.Terms, Allow: s.Allow, Cues: s.Cues, Emoji: s.Emoji}
	c.lex = sync.OnceValues(func() (*lexicon.Cued, error) {
		lex, err := lexicon.NewCued(f, o, s.Severity, lexicon.CuedSettings{
			Settings: lexicon.Settings{Commas: s.Match.Commas}, Pairs: s.Match.Pairs, Near: s.Match.Near})
		if err != nil {
			return nil, fmt.Errorf("rule %q: %w", s.ID, err)
		}
		return lex, nil
	})
	if !lazy || len(o.Extra) > 0 || len(o.Allow) > 0 {
		if _, err := c.lex(); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// Rule wraps the check as an engine rule.
func (c *Check) Rule() *checker.Rule {
	s := c.spec
	return &checker.Rule{ID: s.ID, Category: s.Category, Title: s.Title, Doc: s.Doc, Fix: s.Fix, Since: s.Since,
		Kinds: s.PostKinds, Pack: c.pack, OptIn: s.OptIn, Run: c.run}
}

// Run reports the check's findings on the post text and, when the spec
// asks, on the media alt texts. A built-in rule whose matcher does not
// compile (the packs' tests compile every one) panics, which the engine
// reports as the rule failing.
func (c *Check) Run(p *checker.Pass) {
	if err := c.run(p); err != nil {
		panic(err)
	}
}

func (c *Check) run(p *checker.Pass) error {
	if !c.inLanguage(p.Doc) {
		return nil
	}
	if err := c.runDoc(p, p.Doc, -1); err != nil {
		return err
	}
	if c.spec.AltTexts {
		for i, d := range p.Alts {
			if d != nil && d.Len() > 0 {
				if err := c.runDoc(p, d, i); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (c *Check) inLanguage(d *text.Doc) bool {
	if len(c.spec.Languages) == 0 || d.Language == "" {
		return true
	}
	return slices.Contains(c.spec.Languages, d.Language)
}

// runDoc reports the hits in one text; alt is -1 for the post text.
func (c *Check) runDoc(p *checker.Pass, d *text.Doc, alt int) error {
	if c.tags != nil {
		for _, h := range d.Hashtags {
			if i, ok := c.tags[tagKey(h.Text)]; ok {
				c.report(p, d, alt, h.Span, &c.terms[i], c.spec.Severity)
			}
		}
		return nil
	}
	for _, sig := range c.spec.Signals {
		if len(d.Signals.Of(sig)) == 0 {
			return nil
		}
	}
	lex, err := c.lex()
	if err != nil {
		return err
	}
	for _, h := range lex.Find(d, false) {
		c.report(p, d, alt, h.Span, h.Term, h.Severity)
	}
	return nil
}

func (c *Check) report(p *checker.Pass, d *text.Doc, alt int, sp text.Span, t *lexicon.Term, sev checker.Severity) {
	if t.Severity != "" {
		if s, err := checker.ParseSeverity(t.Severity); err == nil {
			sev = s
		}
	}
	msg := c.spec.Message
	if m, ok := c.spec.Messages[t.Category]; ok {
		msg = m
	}
	where := ""
	if alt >= 0 {
		where = " in the image description"
	}
	quoted := strconv.Quote(d.Slice(sp))
	msg = strings.NewReplacer("{match}", quoted, "{where}", where).Replace(msg)
	sug := ""
	if c.spec.Suggestion != "" && (t.Suggest != "" || !strings.Contains(c.spec.Suggestion, "{suggest}")) {
		sug = strings.ReplaceAll(c.spec.Suggestion, "{suggest}", t.Suggest)
	}
	f := checker.Finding{Severity: sev, Message: msg, Suggestion: sug}
	if alt < 0 {
		p.ReportSpan(sp, f)
		return
	}
	p.ReportAlt(alt, sp, f)
}

// tagKey is the matching form of a hashtag body: folded, without '#'.
func tagKey(s string) string {
	return strings.ReplaceAll(lexicon.Fold(strings.TrimPrefix(s, "#")), " ", "")
}

// Builtin compiles rule id of the built-in pack file name in fsys, with the
// rule's options from preflight.yaml: the way a category package turns its
// embedded pack into the rule it owns. The matcher is built on the rule's
// first run (a reply rule costs a one-post check of a post nothing); with
// options that add terms, at once, so a bad term stops start-up.
func Builtin(fsys fs.FS, name, id string, o lexicon.Options) (*Check, error) {
	p, err := Read(fsys, name)
	if err != nil {
		return nil, err
	}
	for i := range p.Rules {
		if p.Rules[i].ID == id {
			c, err := compile(&p.Rules[i], o, true)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			c.pack = strings.TrimSuffix(path.Base(name), ".yaml")
			return c, nil
		}
	}
	return nil, fmt.Errorf("%s: no rule %q", name, id)
}
