package lexicon

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

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

// File is the shape of a lexicon data file. A category whose files carry
// more keys declares its own shape with File inlined and reads it with Load.
type File struct {
	Source  string   `yaml:"source"`
	Licence string   `yaml:"licence"`
	Terms   []Term   `yaml:"terms"`
	Allow   []string `yaml:"allow"`
	// Cues are words that make a rule's weak terms count (a wink for
	// innuendo, "lol" for mockery); Emoji are cue characters.
	Cues  []Term   `yaml:"cues"`
	Emoji []string `yaml:"emoji"`
}

// Options extends or trims one rule's built-in lexicon; it is a section of
// preflight.yaml, and the zero value keeps the built-in lexicon.
type Options struct {
	// Extra terms to report, in the data-file format.
	Extra []Term `yaml:"extra"`
	// Allow lists words or phrases never to report (a product or place
	// name that contains a listed word).
	Allow []string `yaml:"allow"`
}

// Settings are how a category matches, fixed in code rather than
// configured: the zero value is the strictest matching.
type Settings struct {
	// Commas lets a comma sit between the words of a phrase, as in replies
	// ("actually, you"); otherwise only spaces, hyphens and slashes do.
	Commas bool
}

// Lexicon matches terms against a Doc's tokens. It is built once and is
// safe for concurrent use.
type Lexicon struct {
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
	allow    *Lexicon         // phrases that cancel hits they cover
	commas   bool
}

// Hit is a term found in a Doc.
type Hit struct {
	Term     *Term
	Severity checker.Severity
	Span     text.Span
	// First and Last are the indexes of the first and last token matched.
	First, Last int
	// Obscured is true when a matched token was masked or spelt with
	// look-alike characters ("f*ck", "$hit").
	Obscured bool
}

// Load decodes the data file name of fsys into v (a *File, or a category's
// own shape that inlines File), rejecting unknown keys so a typo in a data
// file fails the build of the rules instead of being ignored.
func Load(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// Read loads the data file name of fsys.
func Read(fsys fs.FS, name string) (File, error) {
	var f File
	err := Load(fsys, name, &f)
	return f, err
}

// New compiles terms; def is the severity of terms that name none, and
// allowed phrases cancel the hits they overlap.
func New(terms []Term, allow []string, def checker.Severity, s Settings) (*Lexicon, error) {
	l := &Lexicon{first: map[string][]int{}, joined: map[string][]int{}, commas: s.Commas}
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
		ws := foldPhrase(t.Phrase)
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
		a, err := New(ts, nil, checker.SeverityLow, s)
		if err != nil {
			return nil, fmt.Errorf("allow list: %w", err)
		}
		l.allow = a
	}
	return l, nil
}

// FromFile compiles a data file's terms and allow list merged with the
// options from preflight.yaml.
func FromFile(f File, o Options, def checker.Severity, s Settings) (*Lexicon, error) {
	terms := append(append([]Term(nil), f.Terms...), o.Extra...)
	allow := append(append([]string(nil), f.Allow...), o.Allow...)
	return New(terms, allow, def, s)
}

// Open loads the data file name of fsys and merges the options into it.
func Open(fsys fs.FS, name string, o Options, def checker.Severity, s Settings) (*Lexicon, File, error) {
	f, err := Read(fsys, name)
	if err != nil {
		return nil, f, err
	}
	l, err := FromFile(f, o, def, s)
	return l, f, err
}

// foldPhrase folds each word of a phrase, keeping a trailing "*" wildcard
// that normalisation alone would read as a masked letter and drop.
func foldPhrase(phrase string) []string {
	var ws []string
	for _, w := range strings.Fields(phrase) {
		stem, wild := strings.CutSuffix(w, "*")
		if !wild || stem == "" || strings.Contains(stem, "*") {
			ws = append(ws, strings.Fields(Fold(w))...)
			continue
		}
		folded := strings.Fields(Fold(stem))
		if len(folded) == 0 {
			continue
		}
		folded[len(folded)-1] += "*"
		ws = append(ws, folded...)
	}
	return ws
}

// Fold is the matching form of a lexicon phrase or a token's Norm: the
// text package's normalisation plus typographic apostrophes made straight.
func Fold(s string) string {
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

// TokenKey is the matching form of a token: its Norm with typographic
// apostrophes made straight.
func TokenKey(t *text.Token) string {
	s := t.Norm
	// ’ and ‘ start with byte 0xE2, ʼ with 0xCA: a byte scan is enough to
	// know there is nothing to replace.
	if strings.IndexByte(s, 0xE2) >= 0 || strings.IndexByte(s, 0xCA) >= 0 {
		s = apostrophes.Replace(s)
	}
	return s
}

// docKeys gives the matching form of d's tokens without allocating: the
// rules run several lexicons over every post.
type docKeys struct{ toks []text.Token }

func (k docKeys) at(i int) string { return TokenKey(&k.toks[i]) }

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

// TrimPossessive drops a final "'s" from a matching key ("dick's" → "dick").
func TrimPossessive(key string) string {
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
	_, ok := hashtagStart(d, t)
	return ok
}

// hashtagStart returns where the hashtag holding t starts (at its '#'),
// and false when t is not in a hashtag.
func hashtagStart(d *text.Doc, t *text.Token) (int, bool) {
	if t.Kind == text.Hashtag {
		return t.Start, true
	}
	if t.Kind != text.Word || t.Start == 0 {
		return 0, false
	}
	for _, h := range d.Hashtags {
		if h.Start == t.Start-1 || h.Start == t.Start {
			return h.Start, true
		}
	}
	return 0, false
}

// joinable reports whether the text between two tokens keeps them in one
// phrase: spaces, hyphens or slashes only, and commas when the lexicon's
// settings allow them.
func (l *Lexicon) joinable(d *text.Doc, a, b *text.Token) bool {
	if b.Start-a.End > 4 {
		return false
	}
	for _, r := range d.Slice(text.Span{Start: a.End, End: b.Start}) {
		switch r {
		case ' ', '-', '/', '\u00a0', '\u2010', '\u2011', '\u2013':
		case ',':
			if !l.commas {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// wordMatch matches one word of term ti against a token's key. On hashtags
// a compound matches at the start only: "#fuckmondays" reads as intended,
// but "#publishit" must not read as "shit".
func (l *Lexicon) wordMatch(ti int, w string, key string, raw string, tag bool) bool {
	t := &l.terms[ti]
	if t.Case && strings.TrimPrefix(raw, "#") != t.Phrase {
		return false
	}
	if p, ok := strings.CutSuffix(w, "*"); ok {
		return strings.HasPrefix(key, p)
	}
	if key == w || TrimPossessive(key) == w {
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

// Find returns the terms found in d, longest first at each position and
// without hits nested in a longer one, minus those the allow list covers.
// Overlapping hits of one category merge into one over their union.
func (l *Lexicon) Find(d *text.Doc) []Hit {
	if d == nil {
		return nil
	}
	var out []Hit
	toks := d.Tokens
	keys := docKeys{d.Tokens}
	for i := range toks {
		t := &toks[i]
		if !matchable(t) {
			continue
		}
		key := keys.at(i)
		tagAt, tag := hashtagStart(d, t)
		if sk := startKey(key); l.starts[sk>>3]&(1<<(sk&7)) != 0 {
			for _, ti := range l.first[key] {
				out = l.try(d, keys, i, ti, tag, out)
			}
		}
		if k := TrimPossessive(key); k != key {
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
			// A hashtag hit covers the '#', also when the tokeniser left it
			// out of a word.
			sp := text.Span{Start: tagAt, End: t.End}
			hk := joiners.Replace(key)
			for _, ti := range l.joined[hk] {
				out = append(out, Hit{Term: &l.terms[ti], Severity: l.sev[ti], Span: sp, First: i, Last: i, Obscured: t.Obfuscated})
			}
			for k, re := range l.hashtags {
				if re.MatchString(hk) {
					ti := l.hashIdx[k]
					out = append(out, Hit{Term: &l.terms[ti], Severity: l.sev[ti], Span: sp, First: i, Last: i, Obscured: t.Obfuscated})
				}
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Span.Start != out[b].Span.Start {
			return out[a].Span.Start < out[b].Span.Start
		}
		return out[a].Span.End > out[b].Span.End
	})
	var allowed []Hit
	if l.allow != nil {
		allowed = l.allow.Find(d)
	}
	kept := out[:0]
	end := -1
	for _, h := range out {
		if h.Span.End <= end {
			continue // nested in the previous, longer hit
		}
		if covered(allowed, h.Span) {
			continue
		}
		if n := len(kept); n > 0 && h.Span.Start < end && h.Term.Category == kept[n-1].Term.Category {
			// Overlapping phrases ("if you had read" + "read the manual")
			// are one finding over their union, at the higher severity.
			k := &kept[n-1]
			k.Span.End, k.Last = h.Span.End, h.Last
			k.Severity = max(k.Severity, h.Severity)
			k.Obscured = k.Obscured || h.Obscured
			end = h.Span.End
			continue
		}
		kept = append(kept, h)
		end = h.Span.End
	}
	return kept
}

// try matches term ti at token i and appends the hit to out.
func (l *Lexicon) try(d *text.Doc, keys docKeys, i, ti int, tag bool, out []Hit) []Hit {
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
		if j >= len(toks) || !matchable(&toks[j]) || (k > 0 && (isHashtag(d, &toks[j]) || !l.joinable(d, &toks[j-1], &toks[j]))) {
			return out
		}
		if !l.wordMatch(ti, w, keys.at(j), toks[j].Raw, tag) {
			return out
		}
		obscured = obscured || toks[j].Obfuscated
		j++
	}
	return append(out, Hit{Term: &l.terms[ti], Severity: l.sev[ti], Span: text.Span{Start: t.Start, End: toks[j-1].End}, First: i, Last: j - 1, Obscured: obscured})
}

// covered reports whether an allowed phrase overlaps s.
func covered(allowed []Hit, s text.Span) bool {
	for _, a := range allowed {
		if a.Span.Start < s.End && s.Start < a.Span.End {
			return true
		}
	}
	return false
}
