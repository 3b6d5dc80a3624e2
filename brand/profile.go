package brand

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/preflight-dev/preflight/checker"
)

// Spec is one brand's entry in the "brands" section of preflight.yaml,
// keyed by the brand's name.
type Spec struct {
	Aliases     []string `yaml:"aliases"`
	Handles     []string `yaml:"handles"`
	Hashtags    []string `yaml:"hashtags"`
	Initials    []string `yaml:"initials"`
	Products    []string `yaml:"products"`
	People      []string `yaml:"people"`
	Competitors []string `yaml:"competitors"`
	Regions     []string `yaml:"regions"`
	Languages   []string `yaml:"languages"`
	Topics      []string `yaml:"sensitive_topics"`
	// Rules overrides rule behaviour for this brand, by rule ID.
	Rules map[string]checker.RuleSetting `yaml:"rules"`
	// Packs switches on the team's opt-in rule packs for this brand, by
	// pack name (see EnablePacks).
	Packs []string `yaml:"packs"`
}

// Config is the "brands" section: profiles keyed by brand name.
type Config map[string]Spec

// Book is the set of brand profiles with their derived variants; it
// implements checker.BrandBook and is safe for concurrent use; its
// profiles are immutable after New.
type Book struct {
	brands []*checker.Brand
	byName map[string]*checker.Brand // folded name or alias → profile
	def    checker.Profile

	// fallbacks keeps the profiles made for unknown names, so a batch of
	// posts for one client derives its variants once; capped.
	mu        sync.Mutex
	fallbacks map[string]*checker.Brand
}

// maxFallbacks caps the remembered profiles of unknown brands.
const maxFallbacks = 1024

var _ checker.BrandBook = (*Book)(nil)

// New builds the book from the brands section and the default profile
// (the top-level brand, aliases, competitors and regions of
// preflight.yaml, which is a profile too when it names a brand). Errors
// name the field: an empty name, a region that is not a country code, a
// name or alias claimed by two brands.
func New(cfg Config, def checker.Profile) (*Book, error) {
	bk := &Book{byName: map[string]*checker.Brand{}, def: def}
	names := make([]string, 0, len(cfg))
	for n := range cfg {
		names = append(names, n)
	}
	sort.Strings(names)
	if def.Brand != "" && !slices.ContainsFunc(names, func(n string) bool { return key(n) == key(def.Brand) }) {
		b := &checker.Brand{Name: strings.TrimSpace(def.Brand), Aliases: clean(def.Aliases),
			Competitors: clean(def.Competitors), Regions: def.Regions, Known: true}
		if err := bk.add(b, "brand"); err != nil {
			return nil, err
		}
	}
	for _, n := range names {
		s := cfg[n]
		field := "brands." + n
		if strings.TrimSpace(n) == "" {
			return nil, checker.Invalidf("brands", "a brand needs a name")
		}
		for i, r := range s.Regions {
			if len(strings.TrimSpace(r)) != 2 {
				return nil, checker.Invalidf(fmt.Sprintf("%s.regions[%d]", field, i), "%q is not an ISO 3166-1 alpha-2 code such as US or GB", r)
			}
		}
		for id, rs := range s.Rules {
			if rs.Severity != 0 && (rs.Severity < checker.SeverityLow || rs.Severity > checker.SeverityCritical) {
				return nil, checker.Invalidf(field+".rules."+id+".severity", "invalid severity")
			}
		}
		b := &checker.Brand{Name: strings.TrimSpace(n), Aliases: clean(s.Aliases), Handles: clean(s.Handles),
			Hashtags: trimAll(clean(s.Hashtags), "#"), Initials: clean(s.Initials), Products: clean(s.Products),
			People: clean(s.People), Competitors: clean(s.Competitors), Regions: checker.NormaliseRegions(s.Regions),
			Languages: clean(s.Languages), Topics: clean(s.Topics), Rules: s.Rules, Packs: clean(s.Packs), Known: true}
		if len(b.Competitors) == 0 {
			b.Competitors = clean(def.Competitors)
		}
		if len(b.Regions) == 0 {
			b.Regions = def.Regions
		}
		if err := bk.add(b, field); err != nil {
			return nil, err
		}
	}
	return bk, nil
}

func (bk *Book) add(b *checker.Brand, field string) error {
	b.Variants = Variants(b)
	for _, n := range append([]string{b.Name}, b.Aliases...) {
		k := key(n)
		if k == "" {
			continue
		}
		if o, ok := bk.byName[k]; ok && o != b {
			return checker.Invalidf(field, "the name %q is already %s's", n, o.Name)
		}
		bk.byName[k] = b
	}
	bk.brands = append(bk.brands, b)
	return nil
}

// Lookup returns the profile of the brand a post names, by name or alias
// (case, spacing and punctuation aside). An unknown name gets a profile of
// its own with derived variants and the default profile's competitors and
// regions, Known false, and a note for the report when the team has
// configured any profile (so the name is likely a typo or a new client).
func (bk *Book) Lookup(name string) *checker.Brand {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	bk.mu.Lock()
	defer bk.mu.Unlock()
	if b, ok := bk.fallbacks[name]; ok {
		return b
	}
	if b, ok := bk.byName[key(name)]; ok {
		return b
	}
	b := &checker.Brand{Name: name, Competitors: bk.def.Competitors, Regions: bk.def.Regions}
	b.Variants = Variants(b)
	if len(bk.brands) > 0 {
		b.Note = fmt.Sprintf("brand %q has no profile in preflight.yaml (brands); checked with the default profile and the names derived from %q", name, name)
	}
	if bk.fallbacks == nil {
		bk.fallbacks = map[string]*checker.Brand{}
	}
	if len(bk.fallbacks) < maxFallbacks {
		bk.fallbacks[name] = b
	}
	return b
}

// Brands returns the configured profiles, the default profile's brand
// first, then by name.
func (bk *Book) Brands() []*checker.Brand { return bk.brands }

// CheckRules reports a per-brand rule setting that names no rule, so a
// misspelt ID does not silently leave a rule on.
func (bk *Book) CheckRules(ids []string) error {
	for _, b := range bk.brands {
		keys := make([]string, 0, len(b.Rules))
		for id := range b.Rules {
			keys = append(keys, id)
		}
		sort.Strings(keys)
		for _, id := range keys {
			if !slices.Contains(ids, id) {
				return checker.Invalidf("brands."+b.Name+".rules."+id, "no rule has the ID %q", id)
			}
		}
	}
	return nil
}

// EnablePacks turns on, for each brand that lists packs, every opt-in rule
// of those packs (a rule of a named team pack, or one marked opt_in whose
// pack file the brand names), through the brand's rule settings: the
// engine runs an opt-in rule only where a setting enables it. A name that
// is no opt-in pack of rs is an error naming the setting.
func (bk *Book) EnablePacks(rs []*checker.Rule) error {
	byPack := map[string][]string{}
	var packs []string
	for _, r := range rs {
		if !r.OptIn || r.Pack == "" {
			continue
		}
		if _, ok := byPack[r.Pack]; !ok {
			packs = append(packs, r.Pack)
		}
		byPack[r.Pack] = append(byPack[r.Pack], r.ID)
	}
	for _, b := range bk.brands {
		if len(b.Packs) == 0 {
			continue
		}
		settings := maps.Clone(b.Rules)
		if settings == nil {
			settings = map[string]checker.RuleSetting{}
		}
		for i, name := range b.Packs {
			ids, ok := byPack[name]
			if !ok {
				return checker.Invalidf(fmt.Sprintf("brands.%s.packs[%d]", b.Name, i),
					"no opt-in rule pack is named %q%s; the packs section of preflight.yaml declares them", name, checker.DidYouMean(name, packs))
			}
			for _, id := range ids {
				s := settings[id]
				s.Enabled = true
				settings[id] = s
			}
		}
		b.Rules = settings
	}
	return nil
}

// key is a name's lookup form: lower case letters and digits only.
func key(s string) string { return squash(strings.ToLower(s)) }

func clean(xs []string) []string {
	var out []string
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func trimAll(xs []string, prefix string) []string {
	for i, x := range xs {
		xs[i] = strings.TrimPrefix(x, prefix)
	}
	return xs
}
