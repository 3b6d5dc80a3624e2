package hashtag

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/preflight-dev/preflight/internal/strictyaml"
	"github.com/preflight-dev/preflight/segment"
	"github.com/preflight-dev/preflight/text"
)

// vocabulary is what double_reading reads a run-together name with: a
// segmenter and the risky words, for English and Norwegian, or for them
// and one further language. It is immutable once built.
type vocabulary struct {
	lang     string // the further language; "" for English and Norwegian
	seg      *segment.Segmenter
	risky    map[string]string // word → category
	riskyMin int               // shortest and longest risky word, in bytes
	riskyMax int
	// senses are the words with an everyday and a sexual slang sense
	// (word → the slang sense), people the nouns for a person that make
	// a reader take it (data/double_senses.yaml).
	senses map[string]string
	people map[string]bool
}

// doubleSenses is data/double_senses.yaml, read on first use: language →
// the words with a slang sense and the nouns for people.
var doubleSenses = sync.OnceValues(func() (map[string]doubleSense, error) {
	b, err := data.ReadFile("data/double_senses.yaml")
	if err != nil {
		return nil, err
	}
	return parseDoubleSenses(b)
})

// doubleSense is one language's entry in data/double_senses.yaml.
type doubleSense struct {
	Words  map[string]string `yaml:"words"`
	People []string          `yaml:"people"`
}

// parseDoubleSenses decodes the double senses strictly: every language
// English or one the segmenter reads, every entry with words and people.
func parseDoubleSenses(b []byte) (map[string]doubleSense, error) {
	var raw map[string]doubleSense
	if err := strictyaml.Decode(b, &raw); err != nil {
		return nil, fmt.Errorf("data/double_senses.yaml: %w", err)
	}
	langs := segment.Languages()
	for code, ds := range raw {
		if code != "en" && !slices.Contains(langs, code) {
			return nil, fmt.Errorf("data/double_senses.yaml: unknown language %q (want en or one of %s)", code, strings.Join(langs, ", "))
		}
		if len(ds.Words) == 0 || len(ds.People) == 0 {
			return nil, fmt.Errorf("data/double_senses.yaml: %s: want both words and people", code)
		}
	}
	return raw, nil
}

// addSenses gives v the double senses of lang.
func (v *vocabulary) addSenses(lang string) error {
	all, err := doubleSenses()
	if err != nil {
		return err
	}
	ds, ok := all[lang]
	if !ok {
		return nil
	}
	v.senses, v.people = map[string]string{}, map[string]bool{}
	for w, s := range ds.Words {
		v.senses[strings.ToLower(w)] = s
	}
	for _, w := range ds.People {
		v.people[strings.ToLower(w)] = true
	}
	return nil
}

// measure sets the length range of the risky words, which the search
// across a name's words scans.
func (v *vocabulary) measure() {
	v.riskyMin, v.riskyMax = 1<<30, 0
	for w := range v.risky {
		v.riskyMin, v.riskyMax = min(v.riskyMin, len(w)), max(v.riskyMax, len(w))
	}
}

// langRiskyLists are data/risky_langs.yaml, read on first use: language →
// category → words.
var langRiskyLists = sync.OnceValues(func() (map[string]map[string][]string, error) {
	b, err := data.ReadFile("data/risky_langs.yaml")
	if err != nil {
		return nil, err
	}
	return parseLangLists(b)
})

// parseLangLists decodes risky words by language and category, strictly:
// every language one the segmenter reads, every category known.
func parseLangLists(b []byte) (map[string]map[string][]string, error) {
	var raw map[string]yaml.Node
	if err := strictyaml.Decode(b, &raw); err != nil {
		return nil, fmt.Errorf("data/risky_langs.yaml: %w", err)
	}
	langs := segment.Languages()
	out := map[string]map[string][]string{}
	for code, node := range raw {
		if !slices.Contains(langs, code) {
			return nil, fmt.Errorf("data/risky_langs.yaml: line %d: unknown language %q (want one of %s)",
				node.Line, code, strings.Join(langs, ", "))
		}
		var lists map[string][]string
		if err := node.Decode(&lists); err != nil {
			return nil, fmt.Errorf("data/risky_langs.yaml: %s: %w", code, err)
		}
		for c := range lists {
			if !contains(riskyCategories, c) {
				return nil, fmt.Errorf("data/risky_langs.yaml: %s: unknown category %q (want %s)", code, c, strings.Join(riskyCategories, ", "))
			}
		}
		out[code] = lists
	}
	return out, nil
}

// langVocabulary builds the vocabulary of English, Norwegian and one
// further language: the segmenter with that language's word list, and the
// language's imported (naughty_<code>.tsv) and own (risky_langs.yaml)
// risky words with the configured ones. The English and Norwegian risky
// words are not among them: the base vocabulary has already looked for
// those with their own languages' words, and finding them again between a
// German name's words makes mixed readings nobody sees ("war to
// bardziej" in the Polish #wartobardziej).
func (p *pack) langVocabulary(code string) (*vocabulary, error) {
	imported, err := readNaughty("data/naughty_" + code + ".tsv")
	if err != nil {
		return nil, err
	}
	lists, err := langRiskyLists()
	if err != nil {
		return nil, err
	}
	v := &vocabulary{lang: code, seg: segment.NewFor(code), risky: make(map[string]string, len(imported)+64)}
	for w, c := range imported {
		v.risky[w] = c
	}
	for _, c := range riskyCategories {
		for _, w := range lists[code][c] {
			v.risky[strings.ToLower(w)] = c
		}
	}
	for _, w := range p.opts.RiskyWords {
		v.risky[strings.ToLower(strings.TrimSpace(w.Word))] = w.Category
	}
	v.measure()
	if err := v.addSenses(code); err != nil {
		return nil, err
	}
	return v, nil
}

// maxLangs bounds the further languages a post's names are read in.
const maxLangs = 3

// vocabularies returns the vocabularies a post's names are read in after
// the base one: one per language the post may be in (Doc.Candidates) that
// the segmenter has a word list for, at most maxLangs.
func (p *pack) vocabularies(d *text.Doc) ([]*vocabulary, error) {
	var out []*vocabulary
	for _, l := range d.Candidates {
		open, ok := p.langs[l]
		if !ok {
			continue
		}
		v, err := open()
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
		if len(out) == maxLangs {
			break
		}
	}
	return out, nil
}
