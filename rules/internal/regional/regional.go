// Package regional is the table of words whose vulgar or offensive sense
// belongs to some countries only: "concha" is a shell in Spain and vulgar
// slang in Argentina, "rapariga" a girl in Portugal and a slur in Brazil,
// "butuh" a need in Indonesia and a vulgar word in Malaysia. A brand that
// writes for one country and posts to another publishes the second
// country's reading. The content rules read the table against the post's
// words and the hashtag rules against the words of its tags; both ask
// which of the post's audience regions read a word so.
//
// The table is data (senses.yaml), read on first use.
package regional

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/preflight-dev/preflight/rules/internal/datasnap"
)

//go:embed senses.yaml
var sensesYAML []byte

// Sense is a word (in all its listed forms) with a sense read only in some
// countries.
type Sense struct {
	// Langs are the languages (text.Doc codes) the word is written in.
	Langs []string `yaml:"langs"`
	// Forms are the word's spellings, lower case: inflections, plurals
	// and diminutives, each read as a whole word (or, with spaces, a run
	// of whole words: "root for").
	Forms []string `yaml:"forms"`
	// Meaning is the sense readers in Regions take ("vulgar slang for the
	// vulva"), for the message.
	Meaning string `yaml:"meaning"`
	// Everyday is the sense the writer most likely meant elsewhere.
	Everyday string `yaml:"everyday"`
	// Regions are the ISO 3166-1 alpha-2 countries where Meaning is the
	// common reading.
	Regions []string `yaml:"regions"`
	// TagOnly senses are read in hashtags only: in running text the word
	// is too common to be taken so ("pico" is "and a bit" in any Spanish
	// sentence, and vulgar in a Chilean tag).
	TagOnly bool `yaml:"tag_only,omitempty"`
	// Name marks a word that is also a given name: capitalised in the
	// middle of a sentence it is the name ("Fanny"), not the word.
	Name bool `yaml:"name,omitempty"`
}

// ReadIn returns the regions of audience (upper-case codes) where the
// sense is the common reading, in the table's order.
func (s *Sense) ReadIn(audience []string) []string {
	var out []string
	for _, r := range s.Regions {
		if slices.Contains(audience, r) {
			out = append(out, r)
		}
	}
	return out
}

// In reports whether the word is written in one of langs.
func (s *Sense) In(langs ...string) bool {
	for _, l := range langs {
		if slices.Contains(s.Langs, l) {
			return true
		}
	}
	return false
}

// file is the shape of senses.yaml.
type file struct {
	Source  string  `yaml:"source"`
	Licence string  `yaml:"licence"`
	Senses  []Sense `yaml:"senses"`
}

// form is one spelling of a sense, split into words.
type form struct {
	words []string
	sense *Sense
}

// Table is the compiled senses: forms by their first word.
type Table struct {
	senses []Sense
	first  map[string][]form
	// regions are every region some sense is read in: a post whose
	// audience is none of them needs no lookup.
	regions map[string]bool
}

// maxFormWords bounds a form's words, so a lookup is linear in the text.
const maxFormWords = 3

// Load returns the built-in table, compiled on first use.
var Load = sync.OnceValues(func() (*Table, error) { return Parse(sensesYAML) })

// Parse compiles a senses file strictly: each sense needs languages,
// forms, a meaning, what the word means elsewhere and upper-case regions.
func Parse(b []byte) (*Table, error) {
	var f file
	if err := datasnap.Decode(b, &f); err != nil {
		return nil, fmt.Errorf("regional senses: %w", err)
	}
	if f.Source == "" || f.Licence == "" {
		return nil, fmt.Errorf("regional senses: source and licence are required")
	}
	t := &Table{senses: f.Senses, first: map[string][]form{}, regions: map[string]bool{}}
	for i := range t.senses {
		s := &t.senses[i]
		if len(s.Langs) == 0 || len(s.Forms) == 0 || s.Meaning == "" || s.Everyday == "" || len(s.Regions) == 0 {
			return nil, fmt.Errorf("regional senses: sense %d (%v): want langs, forms, meaning, everyday and regions", i+1, s.Forms)
		}
		for _, r := range s.Regions {
			if len(r) != 2 || strings.ToUpper(r) != r {
				return nil, fmt.Errorf("regional senses: sense %d (%v): region %q is not an upper-case ISO 3166-1 code", i+1, s.Forms, r)
			}
			t.regions[r] = true
		}
		for _, fm := range s.Forms {
			ws := strings.Fields(fm)
			if len(ws) == 0 || len(ws) > maxFormWords || strings.ToLower(fm) != fm {
				return nil, fmt.Errorf("regional senses: sense %d: form %q: want 1 to %d lower-case words", i+1, fm, maxFormWords)
			}
			t.first[ws[0]] = append(t.first[ws[0]], form{words: ws, sense: s})
		}
	}
	return t, nil
}

// Reaches reports whether some sense is read in one of audience's regions.
func (t *Table) Reaches(audience []string) bool {
	for _, r := range audience {
		if t.regions[r] {
			return true
		}
	}
	return false
}

// Match is a sense found in a run of words: words[Start:End].
type Match struct {
	Start, End int
	Sense      *Sense
}

// Find returns the senses whose forms occur in words (lower case, in
// order), longest form first at each word, without overlaps. It is linear
// in len(words).
func (t *Table) Find(words []string) []Match {
	var out []Match
	for i := 0; i < len(words); {
		best := Match{Start: i, End: i}
		for _, f := range t.first[words[i]] {
			n := len(f.words)
			if n > best.End-i && i+n <= len(words) && slices.Equal(words[i:i+n], f.words) {
				best = Match{Start: i, End: i + n, Sense: f.sense}
			}
		}
		if best.Sense == nil {
			i++
			continue
		}
		out = append(out, best)
		i = best.End
	}
	return out
}
