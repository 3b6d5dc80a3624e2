package lexicon

import (
	"cmp"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/datasnap"
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

// Lexicon is a rule's terms compiled for the text package's one phrase
// matcher (text.Lexicon), with what a rule adds on top: a severity per
// term, an allow list, and overlapping hits of one category merged. It is
// built once and is safe for concurrent use.
type Lexicon struct {
	terms []Term
	sev   []checker.Severity
	lex   *text.Lexicon
	allow *Lexicon // phrases that cancel hits they cover
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
// file fails the build of the rules instead of being ignored. A built-in
// file comes decoded from the generated snapshot (datasnap).
func Load(fsys fs.FS, name string, v any) error {
	if _, err := fs.Stat(fsys, name); err != nil {
		return err
	}
	if err := datasnap.DecodeFile(fsys, name, v); err != nil {
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
	l := &Lexicon{terms: terms}
	entries := make([]text.Entry, len(terms))
	for i, t := range terms {
		sev := def
		if t.Severity != "" {
			s, err := checker.ParseSeverity(t.Severity)
			if err != nil {
				return nil, fmt.Errorf("term %q: %w", t.Phrase, err)
			}
			sev = s
		}
		l.sev = append(l.sev, sev)
		entries[i] = text.Entry{Phrase: t.Phrase, Lang: t.OnlyLang, Compound: t.Compound, Case: t.Case, Hashtag: t.Hashtag}
	}
	opts := text.LexiconOptions{Separators: text.SpaceSeparator}
	if s.Commas {
		opts.Separators = text.CommaSeparator
	}
	lex, err := text.KeepLexicon(entries, opts)
	if err != nil {
		return nil, err
	}
	l.lex = lex
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

// Fold is the matching form of a lexicon phrase or a token's Norm: the
// text package's normalisation plus typographic apostrophes made straight.
func Fold(s string) string {
	s = text.Normalise(s)
	if strings.ContainsAny(s, "’‘ʼ") {
		s = apostrophes.Replace(s)
	}
	return s
}

var apostrophes = strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'")

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

// TrimPossessive drops a final "'s" from a matching key ("dick's" → "dick").
func TrimPossessive(key string) string {
	if len(key) > 3 && strings.HasSuffix(key, "'s") {
		return key[:len(key)-2]
	}
	return key
}

// Find returns the terms found in d, longest first at each position and
// without hits nested in a longer one, minus those the allow list covers.
// Overlapping hits of one category merge into one over their union.
func (l *Lexicon) Find(d *text.Doc) []Hit {
	if d == nil {
		return nil
	}
	ms := l.lex.FindShared(d)
	if len(ms) == 0 {
		return nil
	}
	out := make([]Hit, len(ms))
	for i, m := range ms {
		out[i] = Hit{Term: &l.terms[m.Index], Severity: l.sev[m.Index], Span: m.Span, First: m.First, Last: m.Last, Obscured: m.Obfuscated}
	}
	if len(out) == 0 {
		return nil
	}
	slices.SortStableFunc(out, func(a, b Hit) int {
		if a.Span.Start != b.Span.Start {
			return cmp.Compare(a.Span.Start, b.Span.Start)
		}
		return cmp.Compare(b.Span.End, a.Span.End)
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

// covered reports whether an allowed phrase overlaps s.
func covered(allowed []Hit, s text.Span) bool {
	for _, a := range allowed {
		if a.Span.Start < s.End && s.Start < a.Span.End {
			return true
		}
	}
	return false
}
