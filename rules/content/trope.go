package content

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// Tropes (data/tropes.yaml) extend content.stereotype with what a post
// says of a people without a sentence about them: the people named beside
// the cluster of clichés drawn of it (a siesta, a sombrero and tequila; a
// beret and a string of onions; a mail-order bride), a product "for women"
// sold pink and easy, a woman told she is no longer a girl. One named
// thing of a culture is ordinary; the cluster, weighted, is the caricature.

// tropeFile is the shape of data/tropes.yaml.
type tropeFile struct {
	Source     string         `yaml:"source"`
	Licence    string         `yaml:"licence"`
	Weights    map[string]int `yaml:"weights"`
	TraitTotal int            `yaml:"trait_total"`
	CostumeMin int            `yaml:"costume_min"`
	Total      int            `yaml:"total"`
	Generic    tropeWords     `yaml:"generic"`
	Allow      []string       `yaml:"allow"`
	Groups     []tropeGroup   `yaml:"groups"`
	Belittle   struct {
		Audience []string `yaml:"audience"`
		Marked   []string `yaml:"marked"`
		Cues     []string `yaml:"cues"`
	} `yaml:"belittle"`
	AgeShame struct {
		Woman []string `yaml:"woman"`
		Shame []string `yaml:"shame"`
	} `yaml:"age_shame"`
	Examples struct {
		Flag []string `yaml:"flag"`
		Pass []string `yaml:"pass"`
	} `yaml:"examples"`
}

// tropeWords are the three weighted vocabularies of a group (or of every
// group: generic).
type tropeWords struct {
	Trait   []string `yaml:"trait"`
	Costume []string `yaml:"costume"`
	Prop    []string `yaml:"prop"`
}

// tropeGroup is one people: its names and its clichés (the fields of
// tropeWords, spelt out so that the data snapshot keeps them).
type tropeGroup struct {
	ID        string   `yaml:"id"`
	Names     []string `yaml:"names"`
	CaseNames []string `yaml:"case_names"`
	Trait     []string `yaml:"trait"`
	Costume   []string `yaml:"costume"`
	Prop      []string `yaml:"prop"`
}

// The kinds of phrase in the trope lexicon; an entry's Value is
// "kind:group" (group -1 for generic words and the frames).
const (
	tkName = iota
	tkTrait
	tkCostume
	tkProp
	tkAllow
	tkAudience
	tkMarked
	tkCue
	tkWoman
	tkShame
)

// tropeBook is data/tropes.yaml compiled.
type tropeBook struct {
	lex                           *text.Lexicon
	groups                        []string // ids, by index
	weight                        [tkProp + 1]int
	traitTotal, costumeMin, total int
}

// tropeHit is one phrase of the lexicon found in a text.
type tropeHit struct {
	kind, group int
	span        text.Span
	sentence    int
}

// compileTropes checks a decoded trope file and builds its lexicon,
// naming the field of any problem.
func compileTropes(name string, f tropeFile) (*tropeBook, error) {
	bad := func(field, format string, a ...any) error {
		return fmt.Errorf("content: data/%s: %s: %s", name, field, fmt.Sprintf(format, a...))
	}
	b := &tropeBook{traitTotal: f.TraitTotal, costumeMin: f.CostumeMin, total: f.Total}
	for k, i := range map[string]int{"trait": tkTrait, "costume": tkCostume, "prop": tkProp} {
		w, ok := f.Weights[k]
		if !ok || w <= 0 {
			return nil, bad("weights."+k, "missing or not positive")
		}
		b.weight[i] = w
	}
	if len(f.Weights) != 3 {
		return nil, bad("weights", "only trait, costume and prop are weighed")
	}
	if b.traitTotal <= 0 || b.costumeMin <= 0 || b.total <= 0 {
		return nil, bad("trait_total, costume_min, total", "each must be positive")
	}
	var entries []text.Entry
	add := func(field string, phrases []string, kind, group int, caseSensitive bool) error {
		for _, ph := range phrases {
			if err := text.CheckPhrase(ph); err != nil {
				return bad(field, "%q: %v", ph, err)
			}
			entries = append(entries, text.Entry{Phrase: ph, Case: caseSensitive, Value: strconv.Itoa(kind) + ":" + strconv.Itoa(group)})
		}
		return nil
	}
	lists := []struct {
		field   string
		phrases []string
		kind    int
	}{
		{"generic.trait", f.Generic.Trait, tkTrait}, {"generic.costume", f.Generic.Costume, tkCostume},
		{"generic.prop", f.Generic.Prop, tkProp}, {"allow", f.Allow, tkAllow},
		{"belittle.audience", f.Belittle.Audience, tkAudience}, {"belittle.marked", f.Belittle.Marked, tkMarked},
		{"belittle.cues", f.Belittle.Cues, tkCue}, {"age_shame.woman", f.AgeShame.Woman, tkWoman},
		{"age_shame.shame", f.AgeShame.Shame, tkShame},
	}
	for _, l := range lists {
		if len(l.phrases) == 0 {
			return nil, bad(l.field, "empty")
		}
		if err := add(l.field, l.phrases, l.kind, -1, false); err != nil {
			return nil, err
		}
	}
	if len(f.Groups) == 0 {
		return nil, bad("groups", "empty")
	}
	seen := map[string]bool{}
	for gi, g := range f.Groups {
		field := fmt.Sprintf("groups[%d] (%s)", gi, g.ID)
		if g.ID == "" || seen[g.ID] {
			return nil, bad(field+".id", "missing or repeated")
		}
		seen[g.ID] = true
		if len(g.Names)+len(g.CaseNames) == 0 || len(g.Trait)+len(g.Costume) == 0 {
			return nil, bad(field, "a group needs names and traits or costume words")
		}
		b.groups = append(b.groups, g.ID)
		for _, l := range []struct {
			sub     string
			phrases []string
			kind    int
			cs      bool
		}{{"names", g.Names, tkName, false}, {"case_names", g.CaseNames, tkName, true}, {"trait", g.Trait, tkTrait, false},
			{"costume", g.Costume, tkCostume, false}, {"prop", g.Prop, tkProp, false}} {
			if err := add(field+"."+l.sub, l.phrases, l.kind, gi, l.cs); err != nil {
				return nil, err
			}
		}
	}
	lex, err := text.KeepLexicon(entries, text.LexiconOptions{Separators: text.SpaceSeparator})
	if err != nil {
		return nil, bad("phrases", "%v", err)
	}
	b.lex = lex
	return b, nil
}

// read finds the trope phrases in d with their sentence, dropping a
// people's name or a cliché inside an allowed phrase ("Irish coffee", "a
// mafia film").
func (b *tropeBook) read(d *text.Doc) []tropeHit {
	ms := b.lex.FindShared(d)
	if len(ms) == 0 {
		return nil
	}
	byStart := func(a, b text.Match) int { return cmp.Compare(a.Start, b.Start) }
	if !slices.IsSortedFunc(ms, byStart) {
		ms = slices.Clone(ms) // the shared answer is not ours to sort
		slices.SortStableFunc(ms, byStart)
	}
	sents := d.Sentences()
	var allowed []text.Span
	hits := make([]tropeHit, 0, len(ms))
	si := 0
	for _, m := range ms {
		k, g, _ := strings.Cut(m.Entry.Value, ":")
		kind, _ := strconv.Atoi(k)
		group, _ := strconv.Atoi(g)
		for si+1 < len(sents) && sents[si+1].Start <= m.Start {
			si++
		}
		if kind == tkAllow {
			allowed = append(allowed, m.Span)
			continue
		}
		hits = append(hits, tropeHit{kind: kind, group: group, span: m.Span, sentence: si})
	}
	// hits and allowed are in order of start: a hit lies inside an allowed
	// phrase when one starting at or before it reaches its end.
	kept := hits[:0]
	ai, reach := 0, -1
	for _, h := range hits {
		for ; ai < len(allowed) && allowed[ai].Start <= h.span.Start; ai++ {
			reach = max(reach, allowed[ai].End)
		}
		if h.kind > tkProp || h.span.End > reach {
			kept = append(kept, h)
		}
	}
	return kept
}

// tropeFinding is what the trope reading reports in one text.
type tropeFinding struct {
	span    text.Span
	sev     checker.Severity
	message string
	advice  string
}

// judge reads one text: a caricature of each named people, a belittling
// product frame, an age-shaming of women.
func (b *tropeBook) judge(d *text.Doc) []tropeFinding {
	hits := b.read(d)
	if len(hits) == 0 {
		return nil
	}
	var out []tropeFinding
	for gi, id := range b.groups {
		if f, ok := b.caricature(d, hits, gi, id); ok {
			out = append(out, f)
		}
	}
	if f, ok := b.belittle(d, hits); ok {
		out = append(out, f)
	}
	if f, ok := b.ageShame(d, hits); ok {
		out = append(out, f)
	}
	return out
}

// caricature weighs the clichés of group gi (and the generic ones) in a
// text that names the group; each distinct phrase counts once.
func (b *tropeBook) caricature(d *text.Doc, hits []tropeHit, gi int, id string) (tropeFinding, bool) {
	name := -1
	for i, h := range hits {
		if h.kind == tkName && h.group == gi {
			name = i
			break
		}
	}
	if name < 0 {
		return tropeFinding{}, false
	}
	counted := map[string]bool{}
	var total, strong int
	trait := false
	var words []string
	span := hits[name].span
	for _, h := range hits {
		if h.kind < tkTrait || h.kind > tkProp || (h.group != gi && h.group != -1) {
			continue
		}
		w := strings.ToLower(d.Slice(h.span))
		if counted[w] {
			continue
		}
		counted[w] = true
		total += b.weight[h.kind]
		if h.kind != tkProp {
			strong += b.weight[h.kind]
			words = append(words, d.Slice(h.span))
		}
		trait = trait || h.kind == tkTrait
		if h.sentence == hits[name].sentence {
			span.Start, span.End = min(span.Start, h.span.Start), max(span.End, h.span.End)
		}
	}
	if !(trait && total >= b.traitTotal) && !(strong >= b.costumeMin && total >= b.total) {
		return tropeFinding{}, false
	}
	sev := checker.SeverityMedium
	if trait && strong > b.costumeMin {
		sev = checker.SeverityHigh
	}
	return tropeFinding{span: span, sev: sev,
		message: fmt.Sprintf("%q names a people (%s) beside the clichés drawn of them (%s): the post reads as a caricature, not an invitation to their food or culture.",
			d.Slice(hits[name].span), strings.ReplaceAll(id, "_", " "), strings.Join(quoteAll(words), ", ")),
		advice: "Keep the food, the music or the place and drop the caricature (the lazy siesta, the costume, the mocked accent)."}, true
}

// belittle reads a product offered "for women" or "for girls" with the
// marks of the belittling frame: one marked cue and a second cue.
func (b *tropeBook) belittle(d *text.Doc, hits []tropeHit) (tropeFinding, bool) {
	aud := slices.IndexFunc(hits, func(h tropeHit) bool { return h.kind == tkAudience })
	if aud < 0 {
		return tropeFinding{}, false
	}
	cues := map[string]bool{}
	marked := false
	var words []string
	for _, h := range hits {
		if h.kind != tkMarked && h.kind != tkCue {
			continue
		}
		w := strings.ToLower(d.Slice(h.span))
		if !cues[w] {
			cues[w] = true
			words = append(words, d.Slice(h.span))
		}
		marked = marked || h.kind == tkMarked
	}
	if !marked || len(cues) < 2 {
		return tropeFinding{}, false
	}
	return tropeFinding{span: hits[aud].span, sev: checker.SeverityMedium,
		message: fmt.Sprintf("%q sells a product to women or girls with the clichés that belittle them (%s).",
			d.Slice(hits[aud].span), strings.Join(quoteAll(words), ", ")),
		advice: "Sell the product on what it does; a pink, easy version \"for girls\" says the ordinary one is not for them."}, true
}

// ageShame reads a woman told she is too old to matter.
func (b *tropeBook) ageShame(d *text.Doc, hits []tropeHit) (tropeFinding, bool) {
	shame := slices.IndexFunc(hits, func(h tropeHit) bool { return h.kind == tkShame })
	if shame < 0 || !slices.ContainsFunc(hits, func(h tropeHit) bool { return h.kind == tkWoman }) {
		return tropeFinding{}, false
	}
	return tropeFinding{span: hits[shame].span, sev: checker.SeverityMedium,
		message: fmt.Sprintf("%q tells women their age makes them worth less: age-shaming, read as the brand's view.", d.Slice(hits[shame].span)),
		advice:  "Speak to what the product does at any age; never that a woman has expired."}, true
}

// quoteAll quotes each word.
func quoteAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strconv.Quote(w)
	}
	return out
}

// loadTropes reads data/tropes.yaml.
func loadTropes() (*tropeBook, error) {
	var f tropeFile
	if err := readData("tropes.yaml", &f); err != nil {
		return nil, err
	}
	return compileTropes("tropes.yaml", f)
}

// run reports the tropes in the post text and its alt texts, except where
// the rule has already reported the same words.
func (b *tropeBook) run(p *checker.Pass, done reported) reported {
	for _, t := range targets(p) {
		for _, f := range b.judge(t.doc) {
			if done.overlaps(t, f.span) {
				continue
			}
			done = done.add(t, f.span)
			msg := f.message
			if t.alt >= 0 {
				msg = "In the image description: " + msg
			}
			t.report(p, f.span, checker.Finding{Severity: f.sev, Message: msg, Suggestion: f.advice})
		}
	}
	return done
}
