package content

import (
	"embed"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

//go:embed data/*.yaml
var dataFS embed.FS

// Term is one lexicon entry as written in a data file or in preflight.yaml.
// Phrase is words separated by spaces and matched against whole tokens by
// their normalised form, so masked and look-alike spellings match and
// "Scunthorpe" never matches "cunt". A word ending in "*" matches any word
// with that prefix.
type Term struct {
	Phrase string `yaml:"phrase"`
	// Severity is low, medium, high or critical; empty means the rule's default.
	Severity string `yaml:"severity,omitempty"`
	// Category groups terms within a rule ("slur", "sexual", "alcohol").
	Category string `yaml:"category,omitempty"`
	// Lang is "en" or "no"; informational.
	Lang string `yaml:"lang,omitempty"`
	// OnlyLang restricts the term to texts in that language (or of unknown
	// language): "fag" is a slur in English and a school subject in
	// Norwegian.
	OnlyLang string `yaml:"only_lang,omitempty"`
	// Compound lets a one-word term match inside a longer word: "prefix"
	// (shitty), "suffix" (bullshit) or "both". Only for words that never
	// occur inside innocent words.
	Compound string `yaml:"compound,omitempty"`
	// Case makes the term match only when written exactly so (proper names
	// that are also common words: "Høyre", "Trump").
	Case bool `yaml:"case,omitempty"`
	// Weak terms are reported only alongside another hit or a cue (see the
	// rule); alone they are too often innocent.
	Weak bool `yaml:"weak,omitempty"`
	// Hashtag is a regular expression matched against whole hashtag bodies
	// (folded, without '#') instead of Phrase.
	Hashtag string `yaml:"hashtag,omitempty"`
	// Suggest is a replacement or advice shown to the writer.
	Suggest string `yaml:"suggest,omitempty"`
	// Why explains the term in one clause ("a racial slur").
	Why string `yaml:"why,omitempty"`
}

// lexiconFile is the shape of every data/*.yaml file.
type lexiconFile struct {
	Source  string   `yaml:"source"`
	Licence string   `yaml:"licence"`
	Terms   []Term   `yaml:"terms"`
	Allow   []string `yaml:"allow"`
	// Cues are words that make a rule's weak terms count (a wink for
	// innuendo, "lol" for mockery); Emoji are cue characters.
	Cues  []Term   `yaml:"cues"`
	Emoji []string `yaml:"emoji"`
}

// LexiconOptions extends or trims one rule's built-in lexicon.
type LexiconOptions struct {
	// Extra terms to report, in the data-file format.
	Extra []Term `yaml:"extra"`
	// Allow lists words or phrases never to report (a product or place
	// name that contains a listed word).
	Allow []string `yaml:"allow"`
}

// lexicon matches terms against a Doc's tokens.
type lexicon struct {
	terms []Term
	sev   []checker.Severity
	words [][]string
	first map[string][]int
	// Terms whose first word is a wildcard or a compound, by the first
	// byte a matching word starts with (wildcards, prefix compounds) or
	// ends with (suffix compounds), so a token tries only a few.
	byHead [256][]int
	byTail [256][]int
	// starts is a bit set of the first two bytes of every exact first
	// word, so most tokens are rejected without a map lookup.
	starts   [1 << 13]byte
	hashtags []*regexp.Regexp
	hashIdx  []int
	joined   map[string][]int // multi-word phrases without spaces, for hashtags
	allow    *lexicon         // phrases that cancel hits they cover
}

// hit is a term found in a Doc.
type hit struct {
	term     *Term
	sev      checker.Severity
	span     text.Span
	first    int // token indexes
	last     int
	obscured bool
}

func loadFile(name string) (lexiconFile, error) {
	var f lexiconFile
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		return f, err
	}
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return f, fmt.Errorf("%s: %w", name, err)
	}
	return f, nil
}

// newLexicon compiles terms; def is the severity of terms that name none.
func newLexicon(terms []Term, allow []string, def checker.Severity) (*lexicon, error) {
	l := &lexicon{first: map[string][]int{}, joined: map[string][]int{}}
	for _, t := range terms {
		sev := def
		if t.Severity != "" {
			s, err := checker.ParseSeverity(t.Severity)
			if err != nil {
				return nil, fmt.Errorf("term %q: %w", t.Phrase, err)
			}
			sev = s
		}
		i := len(l.terms)
		if t.Hashtag != "" {
			re, err := regexp.Compile(`^(?:` + t.Hashtag + `)$`)
			if err != nil {
				return nil, fmt.Errorf("term hashtag %q: %w", t.Hashtag, err)
			}
			l.terms, l.sev, l.words = append(l.terms, t), append(l.sev, sev), append(l.words, nil)
			l.hashtags, l.hashIdx = append(l.hashtags, re), append(l.hashIdx, i)
			continue
		}
		ws := strings.Fields(fold(t.Phrase))
		if len(ws) == 0 {
			return nil, fmt.Errorf("term %d: empty phrase", i)
		}
		switch t.Compound {
		case "", "prefix", "suffix", "both":
		default:
			return nil, fmt.Errorf("term %q: compound must be prefix, suffix or both", t.Phrase)
		}
		if t.Compound != "" && len(ws) != 1 {
			return nil, fmt.Errorf("term %q: only one-word terms can be compounds", t.Phrase)
		}
		l.terms, l.sev, l.words = append(l.terms, t), append(l.sev, sev), append(l.words, ws)
		if stem, wild := strings.CutSuffix(ws[0], "*"); wild || t.Compound != "" {
			if stem == "" {
				return nil, fmt.Errorf("term %q: a wildcard needs a stem", t.Phrase)
			}
			if wild || t.Compound != "suffix" {
				l.byHead[stem[0]] = append(l.byHead[stem[0]], i)
			}
			if !wild && t.Compound != "prefix" {
				l.byTail[stem[len(stem)-1]] = append(l.byTail[stem[len(stem)-1]], i)
			}
		} else {
			l.first[ws[0]] = append(l.first[ws[0]], i)
			k := startKey(ws[0])
			l.starts[k>>3] |= 1 << (k & 7)
		}
		if len(ws) > 1 && !strings.Contains(t.Phrase, "*") {
			j := strings.NewReplacer("'", "", "-", "").Replace(strings.Join(ws, ""))
			l.joined[j] = append(l.joined[j], i)
		}
	}
	if len(allow) > 0 {
		var ts []Term
		for _, a := range allow {
			ts = append(ts, Term{Phrase: a})
		}
		a, err := newLexicon(ts, nil, checker.SeverityLow)
		if err != nil {
			return nil, fmt.Errorf("allow list: %w", err)
		}
		l.allow = a
	}
	return l, nil
}

// buildLexicon loads a data file and merges the options into it.
func buildLexicon(file string, o LexiconOptions, def checker.Severity) (*lexicon, lexiconFile, error) {
	f, err := loadFile(file)
	if err != nil {
		return nil, f, err
	}
	terms := append(append([]Term(nil), f.Terms...), o.Extra...)
	allow := append(append([]string(nil), f.Allow...), o.Allow...)
	l, err := newLexicon(terms, allow, def)
	return l, f, err
}

// fold is the matching form of a lexicon phrase or a token's Norm: the
// text package's normalisation plus typographic apostrophes made straight.
func fold(s string) string {
	s = text.Normalise(s)
	if strings.ContainsAny(s, "’‘ʼ") {
		s = apostrophes.Replace(s)
	}
	return s
}

var (
	apostrophes = strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'")
	joiners     = strings.NewReplacer("'", "", "-", "", "_", "")
)

func tokenKey(t *text.Token) string {
	s := t.Norm
	// ’ and ‘ start with byte 0xE2, ʼ with 0xCA: a byte scan is enough to
	// know there is nothing to replace.
	if strings.IndexByte(s, 0xE2) >= 0 || strings.IndexByte(s, 0xCA) >= 0 {
		s = apostrophes.Replace(s)
	}
	return s
}

// docKeys returns the matching form of every token of d: its Norm, with
// typographic apostrophes made straight when the text has any.
func docKeys(d *text.Doc) []string {
	keys := make([]string, len(d.Tokens))
	slow := strings.Contains(d.Raw, "’") || strings.Contains(d.Raw, "‘") || strings.Contains(d.Raw, "ʼ")
	for i := range d.Tokens {
		if slow {
			keys[i] = tokenKey(&d.Tokens[i])
		} else {
			keys[i] = d.Tokens[i].Norm
		}
	}
	return keys
}

// startKey is the first two bytes of a word as a 16-bit number.
func startKey(w string) uint16 {
	switch len(w) {
	case 0:
		return 0
	case 1:
		return uint16(w[0]) << 8
	}
	return uint16(w[0])<<8 | uint16(w[1])
}

// trimPossessive drops a final "'s" ("dick's" → "dick").
func trimPossessive(key string) string {
	if len(key) > 3 && strings.HasSuffix(key, "'s") {
		return key[:len(key)-2]
	}
	return key
}

func matchable(t *text.Token) bool {
	return t.Kind == text.Word || t.Kind == text.Number || t.Kind == text.Hashtag
}

// isHashtag reports whether t is a hashtag, whether the tokeniser typed it
// so or left the '#' before a word.
func isHashtag(d *text.Doc, t *text.Token) bool {
	if t.Kind == text.Hashtag {
		return true
	}
	if t.Kind != text.Word || t.Start == 0 {
		return false
	}
	for _, h := range d.Hashtags {
		if h.Start == t.Start-1 || h.Start == t.Start {
			return true
		}
	}
	return false
}

// joinable reports whether the text between two tokens keeps them in one
// phrase: spaces, hyphens or slashes only.
func joinable(d *text.Doc, a, b *text.Token) bool {
	if b.Start-a.End > 4 {
		return false
	}
	for _, r := range d.Slice(text.Span{Start: a.End, End: b.Start}) {
		switch r {
		case ' ', '-', '/', '\u00a0', '\u2010', '\u2011', '\u2013':
		default:
			return false
		}
	}
	return true
}

// wordMatch matches one word of term ti against a token's key. On hashtags
// a compound matches at the start only: "#fuckmondays" reads as intended,
// but "#publishit" must not read as "shit".
func (l *lexicon) wordMatch(ti int, w string, key string, raw string, tag bool) bool {
	t := &l.terms[ti]
	if t.Case && strings.TrimPrefix(raw, "#") != t.Phrase {
		return false
	}
	if p, ok := strings.CutSuffix(w, "*"); ok {
		return strings.HasPrefix(key, p)
	}
	if key == w || trimPossessive(key) == w {
		return true
	}
	switch t.Compound {
	case "prefix":
		return strings.HasPrefix(key, w)
	case "suffix":
		return !tag && strings.HasSuffix(key, w)
	case "both":
		return strings.HasPrefix(key, w) || !tag && strings.HasSuffix(key, w)
	}
	return false
}

// find returns the terms found in d, longest first at each position and
// without hits nested in a longer one, minus those the allow list covers.
func (l *lexicon) find(d *text.Doc) []hit {
	if d == nil {
		return nil
	}
	var out []hit
	toks := d.Tokens
	keys := docKeys(d)
	for i := range toks {
		t := &toks[i]
		if !matchable(t) {
			continue
		}
		key := keys[i]
		tag := isHashtag(d, t)
		if sk := startKey(key); l.starts[sk>>3]&(1<<(sk&7)) != 0 {
			for _, ti := range l.first[key] {
				out = l.try(d, keys, i, ti, tag, out)
			}
		}
		if k := trimPossessive(key); k != key {
			for _, ti := range l.first[k] {
				out = l.try(d, keys, i, ti, tag, out)
			}
		}
		if key != "" {
			head, tail := l.byHead[key[0]], l.byTail[key[len(key)-1]]
			for _, ti := range head {
				out = l.try(d, keys, i, ti, tag, out)
			}
			for _, ti := range tail {
				if !slices.Contains(head, ti) {
					out = l.try(d, keys, i, ti, tag, out)
				}
			}
		}
		if tag {
			sp := t.Span
			if t.Kind != text.Hashtag {
				sp.Start-- // include the '#' the tokeniser left out
			}
			hk := joiners.Replace(key)
			for _, ti := range l.joined[hk] {
				out = append(out, hit{term: &l.terms[ti], sev: l.sev[ti], span: sp, first: i, last: i, obscured: t.Obfuscated})
			}
			for k, re := range l.hashtags {
				if re.MatchString(hk) {
					ti := l.hashIdx[k]
					out = append(out, hit{term: &l.terms[ti], sev: l.sev[ti], span: sp, first: i, last: i, obscured: t.Obfuscated})
				}
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].span.Start != out[b].span.Start {
			return out[a].span.Start < out[b].span.Start
		}
		return out[a].span.End > out[b].span.End
	})
	var allowed []hit
	if l.allow != nil {
		allowed = l.allow.find(d)
	}
	kept := out[:0]
	end := -1
	for _, h := range out {
		if h.span.End <= end {
			continue // nested in the previous, longer hit
		}
		if covered(allowed, h.span) {
			continue
		}
		if n := len(kept); n > 0 && h.span.Start < end && h.term.Category == kept[n-1].term.Category {
			// Overlapping phrases ("if you had read" + "read the manual")
			// are one finding over their union, at the higher severity.
			k := &kept[n-1]
			k.span.End, k.last = h.span.End, h.last
			k.sev = max(k.sev, h.sev)
			k.obscured = k.obscured || h.obscured
			end = h.span.End
			continue
		}
		kept = append(kept, h)
		end = h.span.End
	}
	return kept
}

// try matches term ti at token i and appends the hit to out.
func (l *lexicon) try(d *text.Doc, keys []string, i, ti int, tag bool, out []hit) []hit {
	toks := d.Tokens
	t := &toks[i]
	ws := l.words[ti]
	if ol := l.terms[ti].OnlyLang; ol != "" && d.Language != "" && !strings.HasPrefix(strings.ToLower(d.Language), ol) {
		return out
	}
	if tag && len(ws) > 1 {
		return out
	}
	j := i
	obscured := false
	for k, w := range ws {
		if j >= len(toks) || !matchable(&toks[j]) || (k > 0 && (isHashtag(d, &toks[j]) || !joinable(d, &toks[j-1], &toks[j]))) {
			return out
		}
		if !l.wordMatch(ti, w, keys[j], toks[j].Raw, tag) {
			return out
		}
		obscured = obscured || toks[j].Obfuscated
		j++
	}
	return append(out, hit{term: &l.terms[ti], sev: l.sev[ti], span: text.Span{Start: t.Start, End: toks[j-1].End}, first: i, last: j - 1, obscured: obscured})
}

// covered reports whether an allowed phrase overlaps s.
func covered(allowed []hit, s text.Span) bool {
	for _, a := range allowed {
		if a.span.Start < s.End && s.Start < a.span.End {
			return true
		}
	}
	return false
}

// cuedLexicon is a lexicon whose weak terms need company: a cue word or
// emoji in the same text, or (when pairs is set) a second weak term.
type cuedLexicon struct {
	lex   *lexicon
	cues  *lexicon
	emoji []string
	pairs bool
}

func newCued(file string, o LexiconOptions, def checker.Severity, pairs bool) (*cuedLexicon, error) {
	l, f, err := buildLexicon(file, o, def)
	if err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	c := &cuedLexicon{lex: l, emoji: f.Emoji, pairs: pairs}
	if len(f.Cues) > 0 {
		if c.cues, err = newLexicon(f.Cues, nil, def); err != nil {
			return nil, fmt.Errorf("content: %s cues: %w", file, err)
		}
	}
	return c, nil
}

// cued reports whether d carries one of the cues.
func (c *cuedLexicon) cued(d *text.Doc) bool {
	for _, e := range c.emoji {
		if strings.Contains(d.Raw, e) {
			return true
		}
	}
	return c.cues != nil && len(c.cues.find(d)) > 0
}

// find returns the strong hits, and the weak ones when extra (a signal the
// caller read), a cue, or a hit of another term vouches for them.
func (c *cuedLexicon) find(d *text.Doc, extra bool) []hit {
	hs := c.lex.find(d)
	weak, kinds := 0, 0
	for i, h := range hs {
		if h.term.Weak {
			weak++
		}
		if !slices.ContainsFunc(hs[:i], func(o hit) bool { return o.term == h.term }) {
			kinds++ // the same word twice is not a pair
		}
	}
	if weak == 0 || extra || (c.pairs && kinds >= 2) || c.cued(d) {
		return hs
	}
	out := hs[:0]
	for _, h := range hs {
		if !h.term.Weak {
			out = append(out, h)
		}
	}
	return out
}
